package postgres

import (
	"context"
	"fmt"

	"entente/internal/store"
	"entente/internal/store/sqlq"
)

// flushRollups writes the changes of the rollups the transaction
// gathered, one statement a table, rows in the order store.Sorted gives
// (so that concurrent writers lock them in one order), and drops the rows
// left with no event.
func (w *writer) flushRollups(ctx context.Context) error {
	d := w.rollups
	if d.Len() == 0 {
		return nil
	}
	defer d.Reset()
	tx := w.tx

	days := store.Sorted(d.Days, store.CompareDay)
	var day, root []string
	var quad, events []int32
	var gold []float64
	for _, k := range days {
		s := d.Days[k]
		day, root, quad = append(day, k.Day), append(root, k.Root), append(quad, int32(k.Quad))
		events, gold = append(events, int32(s.Events)), append(gold, s.Goldstein)
	}
	if len(days) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO rollup_days AS r (day, root, quad, events, goldstein)
			SELECT day, root, quad, events, goldstein FROM unnest($1::text[], $2::text[], $3::smallint[], $4::int[], $5::float8[])
				WITH ORDINALITY AS v (day, root, quad, events, goldstein, n) ORDER BY n
			ON CONFLICT (day, root, quad) DO UPDATE SET events = r.events + excluded.events, goldstein = r.goldstein + excluded.goldstein`,
			day, root, quad, events, gold); err != nil {
			return fmt.Errorf("rollups: days: %w", err)
		}
	}

	dyads := store.Sorted(d.Dyads, store.CompareDyad)
	var src, tgt []string
	day, root, quad, events, gold = day[:0], root[:0], quad[:0], events[:0], gold[:0]
	for _, k := range dyads {
		s := d.Dyads[k]
		src, tgt = append(src, k.Source), append(tgt, k.Target)
		day, root, quad = append(day, k.Day), append(root, k.Root), append(quad, int32(k.Quad))
		events, gold = append(events, int32(s.Events)), append(gold, s.Goldstein)
	}
	if len(dyads) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO rollup_dyads AS r (source, target, day, root, quad, events, goldstein)
			SELECT source, target, day, root, quad, events, goldstein
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::int[], $7::float8[])
				WITH ORDINALITY AS v (source, target, day, root, quad, events, goldstein, n) ORDER BY n
			ON CONFLICT (source, target, day, root, quad) DO UPDATE SET events = r.events + excluded.events,
				goldstein = r.goldstein + excluded.goldstein`,
			src, tgt, day, root, quad, events, gold); err != nil {
			return fmt.Errorf("rollups: dyads: %w", err)
		}
	}

	pairs := store.Sorted(d.Pairs, store.ComparePair)
	src, tgt, events, gold = src[:0], tgt[:0], events[:0], gold[:0]
	for _, k := range pairs {
		s := d.Pairs[k]
		src, tgt = append(src, k.Source), append(tgt, k.Target)
		events, gold = append(events, int32(s.Events)), append(gold, s.Goldstein)
	}
	if len(pairs) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO rollup_pairs AS r (source, target, events, goldstein)
			SELECT source, target, events, goldstein FROM unnest($1::text[], $2::text[], $3::int[], $4::float8[])
				WITH ORDINALITY AS v (source, target, events, goldstein, n) ORDER BY n
			ON CONFLICT (source, target) DO UPDATE SET events = r.events + excluded.events, goldstein = r.goldstein + excluded.goldstein`,
			src, tgt, events, gold); err != nil {
			return fmt.Errorf("rollups: pairs: %w", err)
		}
	}
	// Only a recode takes events out: the rows left with none go.
	for _, k := range days {
		if d.Days[k].Events < 0 {
			if _, err := tx.Exec(ctx, "DELETE FROM rollup_days WHERE day = $1 AND root = $2 AND quad = $3 AND events <= 0",
				k.Day, k.Root, k.Quad); err != nil {
				return fmt.Errorf("rollups: days: %w", err)
			}
		}
	}
	for _, k := range dyads {
		if d.Dyads[k].Events < 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM rollup_dyads WHERE source = $1 AND target = $2 AND day = $3
				AND root = $4 AND quad = $5 AND events <= 0`, k.Source, k.Target, k.Day, k.Root, k.Quad); err != nil {
				return fmt.Errorf("rollups: dyads: %w", err)
			}
		}
	}
	for _, k := range pairs {
		if d.Pairs[k].Events < 0 {
			if _, err := tx.Exec(ctx, "DELETE FROM rollup_pairs WHERE source = $1 AND target = $2 AND events <= 0",
				k.Source, k.Target); err != nil {
				return fmt.Errorf("rollups: pairs: %w", err)
			}
		}
	}

	nodes := d.SortedNodes()
	var first, last []*string
	var removed []bool
	events = events[:0]
	for _, k := range nodes {
		n := d.Nodes[k]
		events = append(events, int32(n.Events))
		first, last = append(first, nullIfEmpty(n.First)), append(last, nullIfEmpty(n.Last))
		removed = append(removed, n.Removed)
	}
	if len(nodes) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO rollup_nodes AS r (key, events, first, last)
			SELECT key, events, first, last FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])
				WITH ORDINALITY AS v (key, events, first, last, n) ORDER BY n
			ON CONFLICT (key) DO UPDATE SET events = r.events + excluded.events,
				first = least(r.first, excluded.first), last = greatest(r.last, excluded.last)`,
			nodes, events, first, last); err != nil {
			return fmt.Errorf("rollups: nodes: %w", err)
		}
		// An event that left may have held an actor's first or last day;
		// the rollup per dyad (written above) knows them.
		if _, err := tx.Exec(ctx, `DELETE FROM rollup_nodes r USING unnest($1::text[], $2::bool[]) AS v (key, removed)
			WHERE r.key = v.key AND v.removed AND r.events <= 0`, nodes, removed); err != nil {
			return fmt.Errorf("rollups: nodes: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE rollup_nodes r SET
			first = (SELECT min(d) FROM (SELECT min(day) AS d FROM rollup_dyads WHERE source = v.key AND day <> ''
				UNION ALL SELECT min(day) FROM rollup_dyads WHERE target = v.key AND day <> '') m),
			last = (SELECT nullif(max(d), '') FROM (SELECT max(day) AS d FROM rollup_dyads WHERE source = v.key
				UNION ALL SELECT max(day) FROM rollup_dyads WHERE target = v.key) m)
			FROM unnest($1::text[], $2::bool[]) AS v (key, removed) WHERE r.key = v.key AND v.removed`, nodes, removed); err != nil {
			return fmt.Errorf("rollups: nodes: %w", err)
		}
	}

	places := d.SortedPlaces()
	var name, country, place []string
	removed, events = removed[:0], events[:0]
	for _, k := range places {
		p := d.Places[k]
		name, country, place = append(name, k.Name), append(country, k.Country), append(place, p.Place)
		events, removed = append(events, int32(p.Events)), append(removed, p.Removed)
	}
	if len(places) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO rollup_places AS r (name, country, place, events)
			SELECT name, country, place, events FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])
				WITH ORDINALITY AS v (name, country, place, events, n) ORDER BY n
			ON CONFLICT (name, country) DO UPDATE SET events = r.events + excluded.events,
				place = CASE WHEN excluded.place <> '' AND excluded.place < r.place THEN excluded.place ELSE r.place END`,
			name, country, place, events); err != nil {
			return fmt.Errorf("rollups: places: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM rollup_places r USING unnest($1::text[], $2::text[], $3::bool[]) AS v (name, country, removed)
			WHERE r.name = v.name AND r.country = v.country AND v.removed AND r.events <= 0`, name, country, removed); err != nil {
			return fmt.Errorf("rollups: places: %w", err)
		}
		// An event that left may have held the least form.
		if _, err := tx.Exec(ctx, `UPDATE rollup_places r SET place = (SELECT min(e.place COLLATE "C") FROM events e
				WHERE e.place_country IS NOT DISTINCT FROM nullif(v.country, '') AND e.place_name = v.name)
			FROM unnest($1::text[], $2::text[], $3::bool[]) AS v (name, country, removed)
			WHERE r.name = v.name AND r.country = v.country AND v.removed`, name, country, removed); err != nil {
			return fmt.Errorf("rollups: places: %w", err)
		}
	}
	return w.flushMonths(ctx)
}

// flushMonths writes the changes of the rollups per month and per day
// and place, one statement a table.
func (w *writer) flushMonths(ctx context.Context) error {
	d, tx := w.rollups, w.tx
	pairs := store.Sorted(d.PairMonths, store.ComparePairMonth)
	var src, tgt, month []string
	var events []int32
	var gold []float64
	left := false // some row lost events (a recode), and may be left with none
	for _, k := range pairs {
		s := d.PairMonths[k]
		src, tgt, month = append(src, k.Source), append(tgt, k.Target), append(month, k.Month)
		events, gold = append(events, int32(s.Events)), append(gold, s.Goldstein)
		left = left || s.Events < 0
	}
	if len(pairs) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO rollup_pair_months AS r (source, target, month, events, goldstein)
			SELECT source, target, month, events, goldstein FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::float8[])
				WITH ORDINALITY AS v (source, target, month, events, goldstein, n) ORDER BY n
			ON CONFLICT (source, target, month) DO UPDATE SET events = r.events + excluded.events, goldstein = r.goldstein + excluded.goldstein`,
			src, tgt, month, events, gold); err != nil {
			return fmt.Errorf("rollups: pairs per month: %w", err)
		}
	}
	if left {
		if _, err := tx.Exec(ctx, `DELETE FROM rollup_pair_months r USING unnest($1::text[], $2::text[], $3::text[]) AS v (source, target, month)
			WHERE r.source = v.source AND r.target = v.target AND r.month = v.month AND r.events <= 0`, src, tgt, month); err != nil {
			return fmt.Errorf("rollups: pairs per month: %w", err)
		}
	}

	nodes := d.SortedNodeMonths()
	var key []string
	var first, last []*string
	var removed []bool
	month, events, left = month[:0], events[:0], false
	for _, k := range nodes {
		n := d.NodeMonths[k]
		month, key = append(month, k.Month), append(key, k.Key)
		events = append(events, int32(n.Events))
		first, last = append(first, nullIfEmpty(n.First)), append(last, nullIfEmpty(n.Last))
		removed = append(removed, n.Removed)
		left = left || n.Removed
	}
	if len(nodes) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO rollup_node_months AS r (month, key, events, first, last)
			SELECT month, key, events, first, last FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[])
				WITH ORDINALITY AS v (month, key, events, first, last, n) ORDER BY n
			ON CONFLICT (month, key) DO UPDATE SET events = r.events + excluded.events,
				first = least(r.first, excluded.first), last = greatest(r.last, excluded.last)`,
			month, key, events, first, last); err != nil {
			return fmt.Errorf("rollups: actors per month: %w", err)
		}
	}
	if left {
		if _, err := tx.Exec(ctx, `DELETE FROM rollup_node_months r USING unnest($1::text[], $2::text[], $3::bool[]) AS v (month, key, removed)
			WHERE r.month = v.month AND r.key = v.key AND v.removed AND r.events <= 0`, month, key, removed); err != nil {
			return fmt.Errorf("rollups: actors per month: %w", err)
		}
		// An event that left may have held the first or last day of the
		// month; the rollup per dyad (written before) knows them.
		if _, err := tx.Exec(ctx, `UPDATE rollup_node_months r SET
			first = (SELECT min(d) FROM (SELECT min(day) AS d FROM rollup_dyads WHERE source = v.key AND day >= v.month || '-01' AND day <= v.month || '-31'
				UNION ALL SELECT min(day) FROM rollup_dyads WHERE target = v.key AND day >= v.month || '-01' AND day <= v.month || '-31') m),
			last = (SELECT max(d) FROM (SELECT max(day) AS d FROM rollup_dyads WHERE source = v.key AND day >= v.month || '-01' AND day <= v.month || '-31'
				UNION ALL SELECT max(day) FROM rollup_dyads WHERE target = v.key AND day >= v.month || '-01' AND day <= v.month || '-31') m)
			FROM unnest($1::text[], $2::text[], $3::bool[]) AS v (month, key, removed)
			WHERE r.month = v.month AND r.key = v.key AND v.removed`, month, key, removed); err != nil {
			return fmt.Errorf("rollups: actors per month: %w", err)
		}
	}

	countries := store.Sorted(d.Countries, store.CompareCountry)
	var country, role, day, root []string
	var quad []int32
	events, gold, left = events[:0], gold[:0], false
	for _, k := range countries {
		s := d.Countries[k]
		country, role, day, root = append(country, k.Country), append(role, k.Role), append(day, k.Day), append(root, k.Root)
		quad, events, gold = append(quad, int32(k.Quad)), append(events, int32(s.Events)), append(gold, s.Goldstein)
		left = left || s.Events < 0
	}
	if len(countries) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO rollup_countries AS r (country, role, day, root, quad, events, goldstein)
			SELECT country, role, day, root, quad, events, goldstein
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::int[], $7::float8[])
				WITH ORDINALITY AS v (country, role, day, root, quad, events, goldstein, n) ORDER BY n
			ON CONFLICT (country, role, day, root, quad) DO UPDATE SET events = r.events + excluded.events,
				goldstein = r.goldstein + excluded.goldstein`,
			country, role, day, root, quad, events, gold); err != nil {
			return fmt.Errorf("rollups: countries: %w", err)
		}
	}
	if left {
		if _, err := tx.Exec(ctx, `DELETE FROM rollup_countries r
			USING unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::smallint[]) AS v (country, role, day, root, quad)
			WHERE r.country = v.country AND r.role = v.role AND r.day = v.day AND r.root = v.root AND r.quad = v.quad
				AND r.events <= 0`, country, role, day, root, quad); err != nil {
			return fmt.Errorf("rollups: countries: %w", err)
		}
	}

	for _, t := range []struct {
		table, day string
		m          map[store.PlaceDayKey]*store.Sum
	}{{"rollup_place_days", "day", d.PlaceDays}, {"rollup_place_months", "month", d.PlaceMonths}} {
		keys := store.Sorted(t.m, store.ComparePlaceDay)
		if len(keys) == 0 {
			continue
		}
		var day, name, country []string
		events, left = events[:0], false
		for _, k := range keys {
			day, name, country = append(day, k.Day), append(name, k.Name), append(country, k.Country)
			events = append(events, int32(t.m[k].Events))
			left = left || t.m[k].Events < 0
		}
		if _, err := tx.Exec(ctx, `INSERT INTO `+t.table+` AS r (`+t.day+`, name, country, events)
			SELECT day, name, country, events FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])
				WITH ORDINALITY AS v (day, name, country, events, n) ORDER BY n
			ON CONFLICT (`+t.day+`, name, country) DO UPDATE SET events = r.events + excluded.events`,
			day, name, country, events); err != nil {
			return fmt.Errorf("rollups: %s: %w", t.table, err)
		}
		if !left {
			continue
		}
		if _, err := tx.Exec(ctx, `DELETE FROM `+t.table+` r USING unnest($1::text[], $2::text[], $3::text[]) AS v (day, name, country)
			WHERE r.`+t.day+` = v.day AND r.name = v.name AND r.country = v.country AND r.events <= 0`, day, name, country); err != nil {
			return fmt.Errorf("rollups: %s: %w", t.table, err)
		}
	}
	return nil
}

// unroll counts a stored event, about to be deleted, out of the rollups.
func (w *writer) unroll(ctx context.Context, id int64) error {
	var f store.Fact
	var place, name, country *string
	err := w.tx.QueryRow(ctx, `SELECT e.day, `+sqlq.SideKey("source")+`, `+sqlq.SideKey("target")+`, e.source_country, e.target_country,
		e.root, e.quad, e.goldstein, e.place, e.place_name, e.place_country FROM events e WHERE e.id = $1`, id).Scan(
		&f.Day, &f.Source, &f.Target, &f.SourceCountry, &f.TargetCountry, &f.Root, &f.Quad, &f.Goldstein, &place, &name, &country)
	if err != nil {
		return fmt.Errorf("rollups: %w", err)
	}
	w.rollups.Event(f, -1)
	if place != nil {
		w.rollups.Place(deref(name), deref(country), f.Day, *place, -1)
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
