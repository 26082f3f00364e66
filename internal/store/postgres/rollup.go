package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"entente/internal/store"
	"entente/internal/store/sqlq"
)

// flushRollups writes the changes of the rollups the transaction
// gathered, one statement a table (rows in the order Changes gives, so
// that concurrent writers lock them in one order), and drops the rows
// left with no event.
func (w *writer) flushRollups(ctx context.Context) error {
	d := w.rollups
	if d.Len() == 0 {
		return nil
	}
	defer d.Reset()
	for _, c := range d.Changes() {
		t := c.Table
		cols := append(slices.Clone(t.Keys), t.Cols...)
		values := make([][]any, len(cols))
		var removed [][]any // the keys of the rows some event left
		for _, r := range c.Rows {
			for i, v := range append(slices.Clone(r.Key), r.Values(t)...) {
				values[i] = append(values[i], v)
			}
			if r.Removed {
				removed = append(removed, r.Key)
			}
		}
		sets := make([]string, len(t.Cols))
		for i, col := range t.Cols {
			sets[i] = col + " = " + store.Merge(col)
		}
		from, args := unnest(cols, values)
		_, err := w.tx.Exec(ctx, `INSERT INTO `+t.Name+` AS r (`+strings.Join(cols, ", ")+`)
			SELECT `+strings.Join(cols, ", ")+` FROM `+from+` WITH ORDINALITY AS v (`+strings.Join(cols, ", ")+`, ord) ORDER BY ord
			ON CONFLICT (`+strings.Join(t.Keys, ", ")+`) DO UPDATE SET `+strings.Join(sets, ", "), args...)
		if err != nil {
			return fmt.Errorf("rollups: %s: %w", t.Name, err)
		}
		if len(removed) == 0 {
			continue
		}
		// Only a recode takes events out: the rows left with none go, and
		// the others find again what the events that left held.
		keys := make([][]any, len(t.Keys))
		match := make([]string, len(t.Keys))
		for i, k := range t.Keys {
			for _, key := range removed {
				keys[i] = append(keys[i], key[i])
			}
			match[i] = "r." + k + " = v." + k
		}
		from, args = unnest(t.Keys, keys)
		if _, err := w.tx.Exec(ctx, `DELETE FROM `+t.Name+` r USING `+from+` AS v (`+strings.Join(t.Keys, ", ")+`)
			WHERE `+strings.Join(match, " AND ")+` AND r.events <= 0`, args...); err != nil {
			return fmt.Errorf("rollups: %s: %w", t.Name, err)
		}
		if repair, ok := repairs[t.Name]; ok {
			for _, key := range removed {
				if _, err := w.tx.Exec(ctx, repair, key...); err != nil {
					return fmt.Errorf("rollups: %s: %w", t.Name, err)
				}
			}
		}
	}
	return nil
}

// unnest is the SQL of a set of rows whose columns (named cols) hold
// values, as unnest($1::type[], ...), and its arguments: arrays typed
// by column.
func unnest(cols []string, values [][]any) (string, []any) {
	types := make([]string, len(cols))
	args := make([]any, len(cols))
	for i, col := range cols {
		switch col {
		case "quad", "events":
			a := make([]int32, len(values[i]))
			for j, v := range values[i] {
				a[j] = int32(v.(int))
			}
			types[i], args[i] = fmt.Sprintf("$%d::int[]", i+1), a
		case "goldstein":
			a := make([]float64, len(values[i]))
			for j, v := range values[i] {
				a[j] = v.(float64)
			}
			types[i], args[i] = fmt.Sprintf("$%d::float8[]", i+1), a
		default:
			a := make([]*string, len(values[i]))
			for j, v := range values[i] {
				if s, ok := v.(string); ok {
					a[j] = &s
				}
			}
			types[i], args[i] = fmt.Sprintf("$%d::text[]", i+1), a
		}
	}
	return "unnest(" + strings.Join(types, ", ") + ")", args
}

// repairs set again, for the row of a rollup whose key's values are $1,
// $2..., what an event that left it may have held: an actor's first or
// last day (which the rollup per day and dyad, written before, knows;
// among one country's events, the events) and a place's least form.
var repairs = map[string]string{
	"rollup_nodes": `UPDATE rollup_nodes SET
		first = (SELECT min(d) FROM (SELECT min(day) AS d FROM rollup_dyads WHERE source = $1 AND day <> ''
			UNION ALL SELECT min(day) FROM rollup_dyads WHERE target = $1 AND day <> '') m),
		last = (SELECT nullif(max(d), '') FROM (SELECT max(day) AS d FROM rollup_dyads WHERE source = $1
			UNION ALL SELECT max(day) FROM rollup_dyads WHERE target = $1) m)
		WHERE key = $1`,
	"rollup_node_months": `UPDATE rollup_node_months SET
		first = (SELECT min(d) FROM (SELECT min(day) AS d FROM rollup_dyads WHERE source = $2 AND day >= $1 || '-01' AND day <= $1 || '-31'
			UNION ALL SELECT min(day) FROM rollup_dyads WHERE target = $2 AND day >= $1 || '-01' AND day <= $1 || '-31') m),
		last = (SELECT max(d) FROM (SELECT max(day) AS d FROM rollup_dyads WHERE source = $2 AND day >= $1 || '-01' AND day <= $1 || '-31'
			UNION ALL SELECT max(day) FROM rollup_dyads WHERE target = $2 AND day >= $1 || '-01' AND day <= $1 || '-31') m)
		WHERE month = $1 AND key = $2`,
	"rollup_node_roots": `UPDATE rollup_node_roots SET
		first = (SELECT min(d) FROM (SELECT min(day) AS d FROM rollup_dyads WHERE source = $3 AND quad = $1 AND root = $2 AND day <> ''
			UNION ALL SELECT min(day) FROM rollup_dyads WHERE target = $3 AND quad = $1 AND root = $2 AND day <> '') m),
		last = (SELECT nullif(max(d), '') FROM (SELECT max(day) AS d FROM rollup_dyads WHERE source = $3 AND quad = $1 AND root = $2
			UNION ALL SELECT max(day) FROM rollup_dyads WHERE target = $3 AND quad = $1 AND root = $2) m)
		WHERE quad = $1 AND root = $2 AND key = $3`,
	// An actor's first and last day among one country's events, read
	// from the events (no rollup holds both the country and the day).
	"rollup_country_nodes": `UPDATE rollup_country_nodes SET
		first = (SELECT min(e.day) FROM events e WHERE (($2 <> 't' AND e.source_country = $1) OR ($2 <> 's' AND e.target_country = $1))
			AND e.quad = $3 AND e.root = $4 AND (` + sqlq.SideKey("source") + ` = $5 OR ` + sqlq.SideKey("target") + ` = $5) AND e.day <> ''),
		last = (SELECT nullif(max(e.day), '') FROM events e WHERE (($2 <> 't' AND e.source_country = $1) OR ($2 <> 's' AND e.target_country = $1))
			AND e.quad = $3 AND e.root = $4 AND (` + sqlq.SideKey("source") + ` = $5 OR ` + sqlq.SideKey("target") + ` = $5))
		WHERE country = $1 AND role = $2 AND quad = $3 AND root = $4 AND key = $5`,
	"rollup_places": `UPDATE rollup_places SET place = (SELECT min(e.place COLLATE "C") FROM events e
		WHERE e.place_country IS NOT DISTINCT FROM nullif($2, '') AND e.place_name = $1) WHERE name = $1 AND country = $2`,
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
		w.rollups.Place(f, deref(name), deref(country), *place, -1)
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
