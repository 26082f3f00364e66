package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"entente/internal/store"
	"entente/internal/store/sqlq"
)

// flushRollups writes the changes of the rollups the transaction
// gathered, and drops the rows left with no event.
func flushRollups(ctx context.Context, tx *txn) error {
	d := tx.rollups
	if d.Len() == 0 {
		return nil
	}
	defer d.Reset()
	for _, k := range store.Sorted(d.Days, store.CompareDay) {
		s := d.Days[k]
		if _, err := tx.ExecContext(ctx, `INSERT INTO rollup_days (day, root, quad, events, goldstein) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET events = events + excluded.events, goldstein = goldstein + excluded.goldstein`,
			k.Day, k.Root, k.Quad, s.Events, s.Goldstein); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		if s.Events < 0 {
			if _, err := tx.ExecContext(ctx, "DELETE FROM rollup_days WHERE day = ? AND root = ? AND quad = ? AND events <= 0",
				k.Day, k.Root, k.Quad); err != nil {
				return fmt.Errorf("rollups: %w", err)
			}
		}
	}
	for _, k := range store.Sorted(d.Dyads, store.CompareDyad) {
		s := d.Dyads[k]
		if _, err := tx.ExecContext(ctx, `INSERT INTO rollup_dyads (source, target, day, root, quad, events, goldstein)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET events = events + excluded.events, goldstein = goldstein + excluded.goldstein`,
			k.Source, k.Target, k.Day, k.Root, k.Quad, s.Events, s.Goldstein); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		if s.Events < 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM rollup_dyads WHERE source = ? AND target = ? AND day = ?
				AND root = ? AND quad = ? AND events <= 0`, k.Source, k.Target, k.Day, k.Root, k.Quad); err != nil {
				return fmt.Errorf("rollups: %w", err)
			}
		}
	}
	for _, k := range store.Sorted(d.Pairs, store.ComparePair) {
		s := d.Pairs[k]
		if _, err := tx.ExecContext(ctx, `INSERT INTO rollup_pairs (source, target, events, goldstein) VALUES (?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET events = events + excluded.events, goldstein = goldstein + excluded.goldstein`,
			k.Source, k.Target, s.Events, s.Goldstein); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		if s.Events < 0 {
			if _, err := tx.ExecContext(ctx, "DELETE FROM rollup_pairs WHERE source = ? AND target = ? AND events <= 0",
				k.Source, k.Target); err != nil {
				return fmt.Errorf("rollups: %w", err)
			}
		}
	}
	for _, k := range d.SortedNodes() {
		n := d.Nodes[k]
		if _, err := tx.ExecContext(ctx, `INSERT INTO rollup_nodes (key, events, first, last) VALUES (?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET events = events + excluded.events,
				first = CASE WHEN first IS NULL OR excluded.first < first THEN excluded.first ELSE first END,
				last = CASE WHEN last IS NULL OR excluded.last > last THEN excluded.last ELSE last END`,
			k, n.Events, nullIfEmpty(n.First), nullIfEmpty(n.Last)); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		if !n.Removed {
			continue
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM rollup_nodes WHERE key = ? AND events <= 0", k); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		// An event that left may have held its first or last day; the
		// rollup per dyad (written above) knows them.
		if _, err := tx.ExecContext(ctx, `UPDATE rollup_nodes SET
			first = (SELECT min(d) FROM (SELECT min(day) AS d FROM rollup_dyads WHERE source = ?1 AND day <> ''
				UNION ALL SELECT min(day) FROM rollup_dyads WHERE target = ?1 AND day <> '')),
			last = (SELECT nullif(max(d), '') FROM (SELECT max(day) AS d FROM rollup_dyads WHERE source = ?1
				UNION ALL SELECT max(day) FROM rollup_dyads WHERE target = ?1))
			WHERE key = ?1`, k); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
	}
	for _, k := range d.SortedPlaces() {
		s := d.Places[k]
		if _, err := tx.ExecContext(ctx, `INSERT INTO rollup_places (name, country, place, events) VALUES (?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET events = events + excluded.events,
				place = CASE WHEN excluded.place <> '' AND excluded.place < place THEN excluded.place ELSE place END`,
			k.Name, k.Country, s.Place, s.Events); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		if !s.Removed {
			continue
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM rollup_places WHERE name = ? AND country = ? AND events <= 0", k.Name, k.Country); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		// An event that left may have held the least form.
		if _, err := tx.ExecContext(ctx, `UPDATE rollup_places SET place = (SELECT min(place) FROM events
			WHERE place_country IS nullif(?1, '') AND json_extract(place, '$.name') = ?2) WHERE name = ?2 AND country = ?1`,
			k.Country, k.Name); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
	}
	return flushMonths(ctx, tx, d)
}

// flushMonths writes the changes of the rollups per month and per day
// and place.
func flushMonths(ctx context.Context, tx *txn, d *store.Deltas) error {
	for _, k := range store.Sorted(d.PairMonths, store.ComparePairMonth) {
		s := d.PairMonths[k]
		if _, err := tx.ExecContext(ctx, `INSERT INTO rollup_pair_months (source, target, month, events, goldstein) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET events = events + excluded.events, goldstein = goldstein + excluded.goldstein`,
			k.Source, k.Target, k.Month, s.Events, s.Goldstein); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		if s.Events < 0 {
			if _, err := tx.ExecContext(ctx, "DELETE FROM rollup_pair_months WHERE source = ? AND target = ? AND month = ? AND events <= 0",
				k.Source, k.Target, k.Month); err != nil {
				return fmt.Errorf("rollups: %w", err)
			}
		}
	}
	for _, k := range d.SortedNodeMonths() {
		n := d.NodeMonths[k]
		if _, err := tx.ExecContext(ctx, `INSERT INTO rollup_node_months (month, key, events, first, last) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET events = events + excluded.events,
				first = CASE WHEN first IS NULL OR excluded.first < first THEN excluded.first ELSE first END,
				last = CASE WHEN last IS NULL OR excluded.last > last THEN excluded.last ELSE last END`,
			k.Month, k.Key, n.Events, nullIfEmpty(n.First), nullIfEmpty(n.Last)); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		if !n.Removed {
			continue
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM rollup_node_months WHERE month = ? AND key = ? AND events <= 0", k.Month, k.Key); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		// An event that left may have held the first or last day of the
		// month; the rollup per dyad (written before) knows them.
		lo, hi := k.Month+"-01", k.Month+"-31"
		if _, err := tx.ExecContext(ctx, `UPDATE rollup_node_months SET
			first = (SELECT min(d) FROM (SELECT min(day) AS d FROM rollup_dyads WHERE source = ?1 AND day >= ?2 AND day <= ?3
				UNION ALL SELECT min(day) FROM rollup_dyads WHERE target = ?1 AND day >= ?2 AND day <= ?3)),
			last = (SELECT max(d) FROM (SELECT max(day) AS d FROM rollup_dyads WHERE source = ?1 AND day >= ?2 AND day <= ?3
				UNION ALL SELECT max(day) FROM rollup_dyads WHERE target = ?1 AND day >= ?2 AND day <= ?3))
			WHERE month = ?4 AND key = ?1`, k.Key, lo, hi, k.Month); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
	}
	for _, k := range store.Sorted(d.Countries, store.CompareCountry) {
		s := d.Countries[k]
		if _, err := tx.ExecContext(ctx, `INSERT INTO rollup_countries (country, role, day, root, quad, events, goldstein)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET events = events + excluded.events, goldstein = goldstein + excluded.goldstein`,
			k.Country, k.Role, k.Day, k.Root, k.Quad, s.Events, s.Goldstein); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		if s.Events < 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM rollup_countries WHERE country = ? AND role = ? AND day = ?
				AND root = ? AND quad = ? AND events <= 0`, k.Country, k.Role, k.Day, k.Root, k.Quad); err != nil {
				return fmt.Errorf("rollups: %w", err)
			}
		}
	}
	for _, t := range []struct {
		table, day string
		m          map[store.PlaceDayKey]*store.Sum
	}{{"rollup_place_days", "day", d.PlaceDays}, {"rollup_place_months", "month", d.PlaceMonths}} {
		for _, k := range store.Sorted(t.m, store.ComparePlaceDay) {
			s := t.m[k]
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+t.table+` (`+t.day+`, name, country, events) VALUES (?, ?, ?, ?)
				ON CONFLICT DO UPDATE SET events = events + excluded.events`, k.Day, k.Name, k.Country, s.Events); err != nil {
				return fmt.Errorf("rollups: %w", err)
			}
			if s.Events < 0 {
				if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.table+` WHERE `+t.day+` = ? AND name = ? AND country = ? AND events <= 0`,
					k.Day, k.Name, k.Country); err != nil {
					return fmt.Errorf("rollups: %w", err)
				}
			}
		}
	}
	return nil
}

// unroll counts a stored event, about to be deleted, out of the rollups.
func unroll(ctx context.Context, tx *txn, id int64) error {
	var f store.Fact
	var place, name, country sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT e.day, `+sqlq.SideKey("source")+`, `+sqlq.SideKey("target")+`, e.source_country, e.target_country,
		e.root, e.quad, e.goldstein, e.place, json_extract(e.place, '$.name'), e.place_country FROM events e WHERE e.id = ?`, id).Scan(
		&f.Day, &f.Source, &f.Target, &f.SourceCountry, &f.TargetCountry, &f.Root, &f.Quad, &f.Goldstein, &place, &name, &country)
	if err != nil {
		return fmt.Errorf("rollups: %w", err)
	}
	tx.rollups.Event(f, -1)
	if place.Valid {
		tx.rollups.Place(name.String, country.String, f.Day, place.String, -1)
	}
	return nil
}
