package postgres

import (
	"context"
	"fmt"

	"entente/internal/store"
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
	return nil
}

// unroll counts a stored event, about to be deleted, out of the rollups.
func (w *writer) unroll(ctx context.Context, id int64) error {
	var f store.Fact
	var place, name, country *string
	err := w.tx.QueryRow(ctx, `SELECT e.day, `+sideKey("source")+`, `+sideKey("target")+`, e.root, e.quad, e.goldstein,
		e.place, e.place_name, e.place_country FROM events e WHERE e.id = $1`, id).Scan(
		&f.Day, &f.Source, &f.Target, &f.Root, &f.Quad, &f.Goldstein, &place, &name, &country)
	if err != nil {
		return fmt.Errorf("rollups: %w", err)
	}
	w.rollups.Event(f, -1)
	if place != nil {
		w.rollups.Place(deref(name), deref(country), *place, -1)
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// rollupWhere is the condition on a rollup per day (aliased e) that a
// filter store.ByDay accepts selects.
func rollupWhere(f store.Filter) *cond {
	c := &cond{}
	if f.Code != "" {
		c.add("left(e.root, ?) = ?", len(f.Code), f.Code)
	}
	if f.Quad != 0 {
		c.add("e.quad = ?", f.Quad)
	}
	if f.From != "" {
		c.add("e.day >= ?", f.From)
	}
	if f.To != "" {
		c.add("e.day <= ? AND e.day <> ''", f.To)
	}
	return c
}
