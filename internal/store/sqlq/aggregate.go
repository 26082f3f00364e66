package sqlq

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"entente/internal/segment"
	"entente/internal/store"
)

// Series implements store.Querier.
func (r *Reader) Series(ctx context.Context, f store.Filter, q store.SeriesQuery) ([]store.Bucket, error) {
	var period func(day string) string
	switch q.Interval {
	case "", "day":
		period = func(day string) string { return day }
	case "week":
		period = r.Dialect.Week
	case "month":
		period = func(day string) string { return "substr(" + day + ", 1, 7) || '-01'" }
	default:
		return nil, fmt.Errorf("store: series: unknown interval %q", q.Interval)
	}
	var key string
	switch q.By {
	case "", "quad":
		key = "CAST(e.quad AS TEXT)"
	case "root":
		key = "e.root"
	default:
		return nil, fmt.Errorf("store: series: unknown grouping %q", q.By)
	}
	// From the rollup per day (or per country) when the filter allows,
	// else from the events.
	var sel string
	var args []any
	table, c, err := r.rollup(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("store: series: %w", err)
	}
	if c != nil {
		c.add("e.day <> ''")
		sel, args = "SELECT "+period("e.day")+" AS p, "+key+" AS k, e.events AS n, e.goldstein AS g FROM "+table+" e WHERE "+c.String(), c.Args()
	} else {
		c, err := r.where(ctx, f, false)
		if err != nil {
			return nil, fmt.Errorf("store: series: %w", err)
		}
		day := r.Dialect.Day
		c.add(day + " <> ''")
		sel, args = union(period(day)+" AS p, "+key+" AS k, 1 AS n, e.goldstein AS g", c)
	}
	rows, err := r.DB.Query(ctx, "SELECT p, k, sum(n), sum(g), sum(g) / sum(n) FROM ("+sel+") AS u GROUP BY p, k ORDER BY p, k", args...)
	if err != nil {
		return nil, fmt.Errorf("store: series: %w", err)
	}
	defer rows.Close()
	buckets := []store.Bucket{}
	for rows.Next() {
		var b store.Bucket
		if err := rows.Scan(&b.Period, &b.Key, &b.Count, &b.GoldsteinSum, &b.GoldsteinMean); err != nil {
			return nil, fmt.Errorf("store: series: %w", err)
		}
		buckets = append(buckets, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: series: %w", err)
	}
	return buckets, nil
}

// Graph implements store.Querier.
func (r *Reader) Graph(ctx context.Context, f store.Filter, limit int) (*store.Graph, error) {
	if limit <= 0 {
		limit = 50
	}
	// query defines top, the most active actors (at most limit of them),
	// with its arguments; edges is the query of the edges between the
	// actors keys and its arguments.
	var query string
	var args []any
	var edges func(keys []string) (string, []any)
	sp, byMonth := monthly(f)
	country, role, byCountry, err := r.country(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("store: graph: %w", err)
	}
	switch {
	case store.Unfiltered(f):
		// The rollups per actor and per dyad.
		query = `WITH top AS (SELECT key AS k, events AS n, first, last FROM rollup_nodes ORDER BY events DESC, key LIMIT ?)`
		args = []any{limit}
		edges = func(keys []string) (string, []any) {
			src, sargs := in(&r.Dialect, "source", keys)
			tgt, targs := in(&r.Dialect, "target", keys)
			return `SELECT source, target, events AS c, goldstein / events FROM rollup_pairs WHERE ` + src + ` AND ` + tgt +
				` ORDER BY c DESC, source, target`, append(sargs, targs...)
		}
	case byMonth:
		// The rollups per month and actor, and per month and dyad, for
		// the whole months of the range; those per day and actor, and
		// per day and dyad (the top actors' pairs, by key), for the days
		// of the months it cuts.
		months, margs := sp.months("month")
		days, dargs := sp.perDay(func(from, to string) (string, []any) {
			return `SELECT key, events, day, day FROM rollup_node_days WHERE day >= ? AND day <= ?`, []any{from, to}
		})
		query = `WITH sides AS (SELECT key AS k, events AS n, first, last FROM rollup_node_months WHERE ` + months + days + `),
			top AS (SELECT k, sum(n) AS n, min(first) AS first, max(last) AS last
				FROM sides WHERE k <> '` + store.NoActor + `' GROUP BY k ORDER BY n DESC, k LIMIT ?)`
		args = slices.Concat(margs, dargs, []any{limit})
		edges = func(keys []string) (string, []any) {
			src, sargs := in(&r.Dialect, "source", keys)
			tgt, targs := in(&r.Dialect, "target", keys)
			pair := append(sargs, targs...)
			days, dargs := sp.perDay(func(from, to string) (string, []any) {
				return `SELECT source, target, events, goldstein FROM rollup_dyads WHERE ` + src + ` AND ` + tgt + ` AND day >= ? AND day <= ?`,
					slices.Concat(pair, []any{from, to})
			})
			return `SELECT s, t, sum(n) AS c, sum(g) / sum(n) FROM (
				SELECT source AS s, target AS t, events AS n, goldstein AS g FROM rollup_pair_months WHERE ` + src + ` AND ` + tgt + ` AND ` + months +
				days + `) AS u GROUP BY s, t ORDER BY c DESC, s, t`, slices.Concat(pair, margs, dargs)
		}
	case store.ByDay(f) && f.From == "" && f.To == "":
		// A QuadClass or root: the rollups per QuadClass, root and actor,
		// and per dyad, QuadClass and root (the top actors' pairs, by
		// key).
		c := r.rollupWhere(f)
		query = `WITH top AS (SELECT e.key AS k, sum(e.events) AS n, min(e.first) AS first, max(e.last) AS last
			FROM rollup_node_roots e WHERE ` + c.String() + ` GROUP BY e.key ORDER BY n DESC, k LIMIT ?)`
		args = append(c.Args(), limit)
		edges = func(keys []string) (string, []any) {
			src, sargs := in(&r.Dialect, "e.source", keys)
			tgt, targs := in(&r.Dialect, "e.target", keys)
			return `SELECT e.source AS s, e.target AS t, sum(e.events) AS c, sum(e.goldstein) / sum(e.events) FROM rollup_pair_roots e
				WHERE ` + src + ` AND ` + tgt + ` AND ` + c.String() + ` GROUP BY e.source, e.target ORDER BY c DESC, s, t`,
				slices.Concat(sargs, targs, c.Args())
		}
	case byCountry && f.From == "" && f.To == "":
		// One country's events (of a QuadClass or root): the rollups
		// per country and actor, and per country and dyad (the top
		// actors' pairs, by key).
		c := r.rollupWhere(f)
		c.add("e.country = ? AND e.role = ?", country, role)
		query = `WITH top AS (SELECT e.key AS k, sum(e.events) AS n, min(e.first) AS first, max(e.last) AS last
			FROM rollup_country_nodes e WHERE ` + c.String() + ` GROUP BY e.key ORDER BY n DESC, k LIMIT ?)`
		args = append(c.Args(), limit)
		edges = func(keys []string) (string, []any) {
			src, sargs := in(&r.Dialect, "e.source", keys)
			tgt, targs := in(&r.Dialect, "e.target", keys)
			return `SELECT e.source AS s, e.target AS t, sum(e.events) AS c, sum(e.goldstein) / sum(e.events) FROM rollup_country_pairs e
				WHERE ` + c.String() + ` AND ` + src + ` AND ` + tgt + ` GROUP BY e.source, e.target ORDER BY c DESC, s, t`,
				slices.Concat(c.Args(), sargs, targs)
		}
	default:
		// sel is each event's dyad (s, t), how many events it stands for
		// (n), their Goldstein sum (g) and day: one row per event, or
		// per row of the rollup per day and dyad when the filter allows.
		var sel string
		if store.ByDay(f) {
			c := r.rollupWhere(f)
			sel = "SELECT e.source AS s, e.target AS t, e.events AS n, e.goldstein AS g, e.day AS day FROM rollup_dyads e WHERE " + c.String()
			args = c.Args()
		} else {
			c, err := r.where(ctx, f, false)
			if err != nil {
				return nil, fmt.Errorf("store: graph: %w", err)
			}
			sel, args = union(SideKey("source")+" AS s, "+SideKey("target")+" AS t, 1 AS n, e.goldstein AS g, coalesce("+r.Dialect.Day+", '') AS day", c)
		}
		query = `WITH sel AS (` + sel + `),
			sides AS (SELECT s AS k, n, day FROM sel UNION ALL SELECT t, n, day FROM sel WHERE t <> s),
			top AS (SELECT k, sum(n) AS n, min(nullif(day, '')) AS first, max(nullif(day, '')) AS last
				FROM sides WHERE k <> '` + store.NoActor + `' GROUP BY k ORDER BY n DESC, k LIMIT ?)`
		selArgs := args
		args = append(slices.Clone(args), limit)
		edges = func(keys []string) (string, []any) {
			src, sargs := in(&r.Dialect, "s", keys)
			tgt, targs := in(&r.Dialect, "t", keys)
			return `WITH sel AS (` + sel + `)
				SELECT s, t, sum(n) AS c, sum(g) / sum(n) FROM sel WHERE ` + src + ` AND ` + tgt + `
				GROUP BY s, t ORDER BY c DESC, s, t`, slices.Concat(selArgs, sargs, targs)
		}
	}
	rows, err := r.DB.Query(ctx, query+`
		SELECT top.k, top.n, top.first, top.last, coalesce(a.kb_id, ''), coalesce(a.name, ''), coalesce(a.code, ''),
			coalesce(a.country, ''), coalesce(a.org, ''), coalesce(a.sector, '')
		FROM top LEFT JOIN actors a ON a.key = top.k ORDER BY top.n DESC, top.k`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: graph: %w", err)
	}
	defer rows.Close()
	g := &store.Graph{Nodes: []store.ActorCount{}, Edges: []store.Edge{}}
	for rows.Next() {
		var n store.ActorCount
		if err := rows.Scan(&n.Key, &n.Events, &n.First, &n.Last, &n.Actor.ID, &n.Actor.Name, &n.Actor.Code,
			&n.Actor.Country, &n.Actor.Org, &n.Actor.Sector); err != nil {
			return nil, fmt.Errorf("store: graph: %w", err)
		}
		g.Nodes = append(g.Nodes, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: graph: %w", err)
	}
	rows.Close()
	if len(g.Nodes) == 0 {
		return g, nil
	}
	keys := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		keys[i] = n.Key
	}
	query, args = edges(keys)
	rows, err = r.DB.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: graph: edges: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e store.Edge
		if err := rows.Scan(&e.Source, &e.Target, &e.Count, &e.GoldsteinMean); err != nil {
			return nil, fmt.Errorf("store: graph: edges: %w", err)
		}
		g.Edges = append(g.Edges, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: graph: edges: %w", err)
	}
	return g, nil
}

// Count implements store.Querier.
func (r *Reader) Count(ctx context.Context, f store.Filter) (store.Total, error) {
	var t store.Total
	table, c, err := r.rollup(ctx, f)
	if err != nil {
		return t, fmt.Errorf("store: count: %w", err)
	}
	if c != nil {
		err := r.queryRow(ctx, "SELECT coalesce(sum(e.events), 0), coalesce(sum(CASE WHEN e.day = '' THEN e.events ELSE 0 END), 0) FROM "+table+" e WHERE "+
			c.String(), c.Args()...).Scan(&t.Events, &t.Undated)
		if err != nil {
			return t, fmt.Errorf("store: count: %w", err)
		}
		return t, nil
	}
	c, err = r.where(ctx, f, false)
	if err != nil {
		return t, fmt.Errorf("store: count: %w", err)
	}
	sel, args := union("count(*) AS n, sum(CASE WHEN coalesce("+r.Dialect.Day+", '') = '' THEN 1 ELSE 0 END) AS u", c)
	err = r.queryRow(ctx, "SELECT coalesce(sum(n), 0), coalesce(sum(u), 0) FROM ("+sel+") AS c", args...).
		Scan(&t.Events, &t.Undated)
	if err != nil {
		return t, fmt.Errorf("store: count: %w", err)
	}
	return t, nil
}

// Places implements store.Querier.
func (r *Reader) Places(ctx context.Context, f store.Filter, limit int) ([]store.PlaceCount, error) {
	if limit <= 0 {
		limit = 100
	}
	// shown is the query of the places (n, pc) and counts (c) that
	// counted selects, the limit first, each in the form the rollup per
	// place keeps, whatever the filter.
	shown := func(counted string) string {
		return `SELECT p.name, p.country, p.place, s.c FROM (` + counted + ` ORDER BY c DESC, n, pc LIMIT ?) AS s
			JOIN rollup_places p ON p.name = s.n AND p.country = s.pc ORDER BY s.c DESC, s.n, s.pc`
	}
	var query string
	var args []any
	sp, byMonth := monthly(f)
	country, role, byCountry, err := r.country(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("store: places: %w", err)
	}
	undated := f.From == "" && f.To == ""
	// A date range cut for the rollups per month and day of a QuadClass
	// or root, or of one country.
	cutSp, dated := cut(f)
	noDates := f
	noDates.From, noDates.To = "", ""
	switch {
	case store.Unfiltered(f):
		query, args = `SELECT name, country, place, events FROM rollup_places ORDER BY events DESC, name, country LIMIT ?`, []any{limit}
	case byMonth:
		// The rollup per month and place for the whole months of the
		// range, the one per day and place for the days of the months
		// it cuts.
		months, margs := sp.months("month")
		days, dargs := sp.perDay(func(from, to string) (string, []any) {
			return "SELECT name, country, events FROM rollup_place_days WHERE day >= ? AND day <= ?", []any{from, to}
		})
		query = shown(`SELECT n, pc, sum(c) AS c FROM (
			SELECT name AS n, country AS pc, events AS c FROM rollup_place_months WHERE ` + months + days + `) AS u GROUP BY n, pc`)
		args = slices.Concat(margs, dargs, []any{limit})
	case store.ByDay(f) && undated:
		// A QuadClass or root: the rollup per QuadClass, root and place.
		c := r.rollupWhere(f)
		query = shown(`SELECT e.name AS n, e.country AS pc, sum(e.events) AS c FROM rollup_place_roots e WHERE ` + c.String() +
			` GROUP BY e.name, e.country`)
		args = append(c.Args(), limit)
	case byCountry && undated:
		// One country's events (of a QuadClass or root): the rollup per
		// country and place.
		c := r.rollupWhere(f)
		c.add("e.country = ? AND e.role = ?", country, role)
		query = shown(`SELECT e.name AS n, e.place_country AS pc, sum(e.events) AS c FROM rollup_country_places e WHERE ` + c.String() +
			` GROUP BY e.name, e.place_country`)
		args = append(c.Args(), limit)
	case store.ByDay(f) && dated:
		// A QuadClass or root over a date range: the rollup per
		// QuadClass, root, month and place for the whole months, the
		// one per day for the days of the months the range cuts.
		query, args = r.placesByMonth(cutSp, "rollup_place_root", "e.country", r.rollupWhere(noDates), limit)
		query = shown(query)
	case byCountry && dated && f.Code == "" && f.Quad == 0:
		// One country's events over a date range: the rollups per
		// country, month or day and place.
		c := &cond{}
		c.add("e.country = ? AND e.role = ?", country, role)
		query, args = r.placesByMonth(cutSp, "rollup_country_place", "e.place_country", c, limit)
		query = shown(query)
	default:
		c, err := r.where(ctx, f, false)
		if err != nil {
			return nil, fmt.Errorf("store: places: %w", err)
		}
		c.add("e.place_name IS NOT NULL")
		// Counted from the events (from an index of aggregates when the
		// filter names a country).
		sel, sargs := union("e.place_name AS n, coalesce(e.place_country, '') AS pc", c)
		query = shown(`SELECT n, pc, count(*) AS c FROM (` + sel + `) AS u GROUP BY n, pc`)
		args = append(sargs, limit)
	}
	rows, err := r.DB.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: places: %w", err)
	}
	defer rows.Close()
	places := []store.PlaceCount{}
	for rows.Next() {
		var name, country *string
		var place string
		var pc store.PlaceCount
		if err := rows.Scan(&name, &country, &place, &pc.Events); err != nil {
			return nil, fmt.Errorf("store: places: %w", err)
		}
		if err := json.Unmarshal([]byte(place), &pc.Place); err != nil {
			return nil, fmt.Errorf("store: places: %w", err)
		}
		places = append(places, pc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: places: %w", err)
	}
	return places, nil
}

// placesByMonth is the query of the places (n, pc) and counts (c) of the
// rows of the rollups per month and per day of a place (the tables
// prefix+"_months" and prefix+"_days", aliased e, whose place country is
// the column pc) that c selects, over the range sp cuts, with its
// arguments and limit last.
func (r *Reader) placesByMonth(sp span, prefix, pc string, c *cond, limit int) (string, []any) {
	months, margs := sp.months("e.month")
	days, dargs := sp.perDay(func(from, to string) (string, []any) {
		return "SELECT e.name, " + pc + ", e.events FROM " + prefix + "_days e WHERE " + c.String() + " AND e.day >= ? AND e.day <= ?",
			slices.Concat(c.Args(), []any{from, to})
	})
	return `SELECT n, pc, sum(c) AS c FROM (
		SELECT e.name AS n, ` + pc + ` AS pc, e.events AS c FROM ` + prefix + `_months e WHERE ` + c.String() + ` AND ` + months + days + `) AS u
		GROUP BY n, pc`, slices.Concat(c.Args(), margs, dargs, []any{limit})
}

const actorCols = "key, kb_id, name, code, country, org, sector, events, first, last"

func scanActor(row scanner) (*store.ActorCount, error) {
	var a store.ActorCount
	if err := row.Scan(&a.Key, &a.Actor.ID, &a.Actor.Name, &a.Actor.Code, &a.Actor.Country, &a.Actor.Org,
		&a.Actor.Sector, &a.Events, &a.First, &a.Last); err != nil {
		return nil, err
	}
	return &a, nil
}

// Actors implements store.Querier.
func (r *Reader) Actors(ctx context.Context, q string, limit int) ([]store.ActorCount, error) {
	if limit <= 0 {
		limit = 50
	}
	c := &cond{}
	for _, w := range store.Words(q) {
		c.add("fold LIKE ?", "%"+segment.Fold(w)+"%")
	}
	rows, err := r.DB.Query(ctx, "SELECT "+actorCols+" FROM actors WHERE "+c.String()+
		" ORDER BY events DESC, key LIMIT ?", append(c.Args(), limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: actors %q: %w", q, err)
	}
	return readActors(rows, fmt.Sprintf("actors %q", q))
}

// readActors reads rows of actorCols; what names the query in errors.
func readActors(rows Rows, what string) ([]store.ActorCount, error) {
	defer rows.Close()
	actors := []store.ActorCount{}
	for rows.Next() {
		a, err := scanActor(rows)
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		actors = append(actors, *a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return actors, nil
}

// Actor implements store.Querier.
func (r *Reader) Actor(ctx context.Context, id string) (*store.ActorCount, error) {
	a, err := scanActor(r.queryRow(ctx, "SELECT "+actorCols+
		" FROM actors WHERE key = ? OR kb_id = ? ORDER BY CASE WHEN key = ? THEN 0 ELSE 1 END, events DESC LIMIT 1", id, id, id))
	if errors.Is(err, errNoRows) {
		return nil, fmt.Errorf("store: actor %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: actor %q: %w", id, err)
	}
	return a, nil
}

// ActorsByID implements store.Querier.
func (r *Reader) ActorsByID(ctx context.Context, ids []string) (map[string]store.ActorCount, error) {
	if len(ids) == 0 {
		return map[string]store.ActorCount{}, nil
	}
	byKey, kargs := in(&r.Dialect, "key", ids)
	byID, iargs := in(&r.Dialect, "kb_id", ids)
	rows, err := r.DB.Query(ctx, "SELECT "+actorCols+" FROM actors WHERE "+byKey+" OR "+byID, append(kargs, iargs...)...)
	if err != nil {
		return nil, fmt.Errorf("store: actors by id: %w", err)
	}
	found, err := readActors(rows, "actors by id")
	if err != nil {
		return nil, err
	}
	return store.PickActors(ids, found), nil
}
