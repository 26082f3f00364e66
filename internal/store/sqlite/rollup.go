package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"entente/internal/store"
	"entente/internal/store/sqlq"
)

// flushRollups writes the changes of the rollups the transaction
// gathered, one upsert a row, and drops the rows left with no event.
func flushRollups(ctx context.Context, tx *txn) error {
	d := tx.rollups
	if d.Len() == 0 {
		return nil
	}
	defer d.Reset()
	for _, c := range d.Changes() {
		t := c.Table
		sets := make([]string, len(t.Cols))
		for i, col := range t.Cols {
			sets[i] = col + " = " + store.Merge(col)
		}
		cols := append(slices.Clone(t.Keys), t.Cols...)
		upsert := "INSERT INTO " + t.Name + " AS r (" + strings.Join(cols, ", ") + ") VALUES (" + marks(len(cols)) +
			") ON CONFLICT DO UPDATE SET " + strings.Join(sets, ", ")
		match := strings.Join(t.Keys, " = ? AND ") + " = ?"
		for _, r := range c.Rows {
			if _, err := tx.ExecContext(ctx, upsert, append(slices.Clone(r.Key), r.Values(t)...)...); err != nil {
				return fmt.Errorf("rollups: %s: %w", t.Name, err)
			}
			if !r.Removed {
				continue
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t.Name+" WHERE "+match+" AND events <= 0", r.Key...); err != nil {
				return fmt.Errorf("rollups: %s: %w", t.Name, err)
			}
			if repair, ok := repairs[t.Name]; ok {
				if _, err := tx.ExecContext(ctx, repair, r.Key...); err != nil {
					return fmt.Errorf("rollups: %s: %w", t.Name, err)
				}
			}
		}
	}
	return nil
}

// repairs set again, for the row of a rollup whose key's values are
// ?1, ?2..., what an event that left it may have held: an actor's first
// or last day (which the rollup per day and dyad, written before, knows;
// among one country's events, the events) and a place's least form.
var repairs = map[string]string{
	"rollup_nodes": `UPDATE rollup_nodes SET
		first = (SELECT min(d) FROM (SELECT min(day) AS d FROM rollup_dyads WHERE source = ?1 AND day <> ''
			UNION ALL SELECT min(day) FROM rollup_dyads WHERE target = ?1 AND day <> '')),
		last = (SELECT nullif(max(d), '') FROM (SELECT max(day) AS d FROM rollup_dyads WHERE source = ?1
			UNION ALL SELECT max(day) FROM rollup_dyads WHERE target = ?1))
		WHERE key = ?1`,
	"rollup_node_months": `UPDATE rollup_node_months SET
		first = (SELECT min(d) FROM (SELECT min(day) AS d FROM rollup_dyads WHERE source = ?2 AND day >= ?1 || '-01' AND day <= ?1 || '-31'
			UNION ALL SELECT min(day) FROM rollup_dyads WHERE target = ?2 AND day >= ?1 || '-01' AND day <= ?1 || '-31')),
		last = (SELECT max(d) FROM (SELECT max(day) AS d FROM rollup_dyads WHERE source = ?2 AND day >= ?1 || '-01' AND day <= ?1 || '-31'
			UNION ALL SELECT max(day) FROM rollup_dyads WHERE target = ?2 AND day >= ?1 || '-01' AND day <= ?1 || '-31'))
		WHERE month = ?1 AND key = ?2`,
	"rollup_node_roots": `UPDATE rollup_node_roots SET
		first = (SELECT min(d) FROM (SELECT min(day) AS d FROM rollup_dyads WHERE source = ?3 AND quad = ?1 AND root = ?2 AND day <> ''
			UNION ALL SELECT min(day) FROM rollup_dyads WHERE target = ?3 AND quad = ?1 AND root = ?2 AND day <> '')),
		last = (SELECT nullif(max(d), '') FROM (SELECT max(day) AS d FROM rollup_dyads WHERE source = ?3 AND quad = ?1 AND root = ?2
			UNION ALL SELECT max(day) FROM rollup_dyads WHERE target = ?3 AND quad = ?1 AND root = ?2))
		WHERE quad = ?1 AND root = ?2 AND key = ?3`,
	// An actor's first and last day among one country's events, read
	// from the events (no rollup holds both the country and the day).
	"rollup_country_nodes": `UPDATE rollup_country_nodes SET
		first = (SELECT min(e.day) FROM events e WHERE ((?2 <> 't' AND e.source_country = ?1) OR (?2 <> 's' AND e.target_country = ?1))
			AND e.quad = ?3 AND e.root = ?4 AND (` + sqlq.SideKey("source") + ` = ?5 OR ` + sqlq.SideKey("target") + ` = ?5) AND e.day <> ''),
		last = (SELECT nullif(max(e.day), '') FROM events e WHERE ((?2 <> 't' AND e.source_country = ?1) OR (?2 <> 's' AND e.target_country = ?1))
			AND e.quad = ?3 AND e.root = ?4 AND (` + sqlq.SideKey("source") + ` = ?5 OR ` + sqlq.SideKey("target") + ` = ?5))
		WHERE country = ?1 AND role = ?2 AND quad = ?3 AND root = ?4 AND key = ?5`,
	"rollup_places": `UPDATE rollup_places SET place = (SELECT min(place) FROM events
		WHERE place_country IS nullif(?2, '') AND json_extract(place, '$.name') = ?1) WHERE name = ?1 AND country = ?2`,
}

// marks returns n comma-separated placeholders.
func marks(n int) string { return strings.Repeat("?, ", n-1) + "?" }

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
		tx.rollups.Place(f, name.String, country.String, place.String, -1)
	}
	return nil
}
