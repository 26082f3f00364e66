package postgres

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"entente"
	"entente/internal/segment"
	"entente/internal/store"
)

var _ store.Querier = (*Store)(nil)

// eventCols are the columns scanEvent reads, for a table aliased e.
const eventCols = `e.id, e.code, e.root, e.quad, e.goldstein, e.plover, e.source, e.target,
	e.date, e.date_precision, e.place, e.modality, e.num_mentions, e.num_sources, e.first_seen, e.last_seen`

type scanner interface{ Scan(dest ...any) error }

// scanEvent reads one row of eventCols.
func scanEvent(row scanner) (*store.Event, error) {
	var e store.Event
	var src, tgt string
	var place *string
	if err := row.Scan(&e.ID, &e.Code, &e.Root, &e.Quad, &e.Goldstein, &e.Plover, &src, &tgt,
		&e.Date, &e.DatePrecision, &place, &e.Modality, &e.NumMentions, &e.NumSources, &e.FirstSeen, &e.LastSeen); err != nil {
		return nil, err
	}
	e.FirstSeen, e.LastSeen = e.FirstSeen.UTC(), e.LastSeen.UTC()
	if err := errors.Join(
		json.Unmarshal([]byte(src), &e.Source),
		json.Unmarshal([]byte(tgt), &e.Target),
	); err != nil {
		return nil, fmt.Errorf("event %d: actors: %w", e.ID, err)
	}
	if place != nil {
		e.Place = new(entente.Place)
		if err := json.Unmarshal([]byte(*place), e.Place); err != nil {
			return nil, fmt.Errorf("event %d: place: %w", e.ID, err)
		}
	}
	return &e, nil
}

// fillFirst sets FirstDoc, SourceURL and Excerpt of events from their
// first mention.
func (s *Store) fillFirst(ctx context.Context, events []store.Event) error {
	if len(events) == 0 {
		return nil
	}
	at := make(map[int64]*store.Event, len(events))
	ids := make([]int64, len(events))
	for i := range events {
		at[events[i].ID] = &events[i]
		ids[i] = events[i].ID
	}
	rows, err := s.pool.Query(ctx, `SELECT m.event_id, m.doc_id, m.sentence, d.url, d.name
		FROM mentions m JOIN documents d ON d.id = m.doc_id
		WHERE m.id IN (SELECT min(id) FROM mentions WHERE event_id = ANY($1) GROUP BY event_id)`, ids)
	if err != nil {
		return fmt.Errorf("first mentions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var url, name string
		var first store.Event
		if err := rows.Scan(&id, &first.FirstDoc, &first.Excerpt, &url, &name); err != nil {
			return fmt.Errorf("first mentions: %w", err)
		}
		if e := at[id]; e != nil {
			e.FirstDoc, e.Excerpt, e.SourceURL = first.FirstDoc, first.Excerpt, url
			if url == "" {
				e.SourceURL = name
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("first mentions: %w", err)
	}
	return nil
}

// rebind numbers the ? placeholders of query $1, $2... (the conditions
// below are written with ?, which no query here uses otherwise).
func rebind(query string) string {
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cond is a WHERE clause under construction: conditions joined by AND,
// and at most one disjunction kept apart (alts), so that Events can run
// each alternative as a query of its own that an index orders.
type cond struct {
	parts []string
	args  []any
	alts  []clause
}

type clause struct {
	sql  string
	args []any
}

func (c *cond) add(sql string, args ...any) {
	c.parts = append(c.parts, sql)
	c.args = append(c.args, args...)
}

// or adds the condition that a or b holds.
func (c *cond) or(a, b clause) {
	if c.alts == nil {
		c.alts = []clause{a, b}
		return
	}
	c.add("(("+a.sql+") OR ("+b.sql+"))", append(slices.Clone(a.args), b.args...)...)
}

// String is the whole condition; Args are its arguments.
func (c *cond) String() string {
	parts := slices.Clone(c.parts)
	if c.alts != nil {
		parts = append(parts, "(("+c.alts[0].sql+") OR ("+c.alts[1].sql+"))")
	}
	if len(parts) == 0 {
		return "true"
	}
	return strings.Join(parts, " AND ")
}

func (c *cond) Args() []any {
	args := slices.Clone(c.args)
	for _, a := range c.alts {
		args = append(args, a.args...)
	}
	return args
}

// branches returns the condition as alternatives whose union it selects:
// one per alternative of the disjunction, or itself alone.
func (c *cond) branches() []clause {
	if c.alts == nil {
		return []clause{{c.String(), c.Args()}}
	}
	var out []clause
	for _, a := range c.alts {
		b := &cond{parts: slices.Clone(c.parts), args: slices.Clone(c.args)}
		b.add(a.sql, a.args...)
		out = append(out, clause{b.String(), b.args})
	}
	return out
}

// disjoint returns the condition as alternatives that select disjoint
// sets of events whose union is what it selects: the disjunction's first
// side, then its second side without the first. An aggregate adds up
// their rows (UNION ALL), each read from an index of its own (an
// index-only scan of events_source_facts or events_target_facts for a
// country) instead of a bitmap of both sides read from the table. (The
// sides' columns are NOT NULL, so NOT is their complement.)
func (c *cond) disjoint() []clause {
	if c.alts == nil {
		return []clause{{c.String(), c.Args()}}
	}
	a, b := c.alts[0], c.alts[1]
	first := &cond{parts: slices.Clone(c.parts), args: slices.Clone(c.args)}
	first.add(a.sql, a.args...)
	second := &cond{parts: slices.Clone(c.parts), args: slices.Clone(c.args)}
	second.add(b.sql, b.args...)
	second.add("NOT ("+a.sql+")", a.args...)
	return []clause{{first.String(), first.args}, {second.String(), second.args}}
}

// union is the SELECT of cols from the events (aliased e) that c
// selects: one SELECT per disjoint alternative, joined by UNION ALL.
func union(cols string, c *cond) (string, []any) {
	var sels []string
	var args []any
	for _, b := range c.disjoint() {
		sels = append(sels, "SELECT "+cols+" FROM events e WHERE "+b.sql)
		args = append(args, b.args...)
	}
	return strings.Join(sels, " UNION ALL "), args
}

// side returns the condition that one side ("source" or "target") of an
// event is the actor term names: a country (which covers the CAMEO actor
// code equal to it), else a knowledge-base id, an org or an actor code,
// whichever of these the stored actors hold. A term no stored actor has
// selects nothing.
func (s *Store) side(ctx context.Context, role, term string) (string, []any, error) {
	var id, country, org bool
	err := s.pool.QueryRow(ctx, `SELECT
		EXISTS (SELECT 1 FROM actors WHERE kb_id = $1),
		EXISTS (SELECT 1 FROM actors WHERE country = $1),
		EXISTS (SELECT 1 FROM actors WHERE org = $1)`, term).Scan(&id, &country, &org)
	if err != nil {
		return "", nil, fmt.Errorf("actor %q: %w", term, err)
	}
	switch {
	case country:
		return "e." + role + "_country = ?", []any{term}, nil
	case id && org:
		return "(e." + role + "_id = ? OR e." + role + "_org = ?)", []any{term, term}, nil
	case id:
		return "e." + role + "_id = ?", []any{term}, nil
	case org:
		return "e." + role + "_org = ?", []any{term}, nil
	}
	return "e." + role + "_code = ?", []any{term}, nil
}

// either adds the condition that the role side, or either side when
// role is "", is the actor term names.
func (s *Store) either(ctx context.Context, c *cond, role, term string) error {
	if role != "" {
		sql, args, err := s.side(ctx, role, term)
		if err == nil {
			c.add(sql, args...)
		}
		return err
	}
	src, sargs, err := s.side(ctx, "source", term)
	if err != nil {
		return err
	}
	tgt, targs, err := s.side(ctx, "target", term)
	if err != nil {
		return err
	}
	c.or(clause{src, sargs}, clause{tgt, targs})
	return nil
}

// where translates a filter into a condition on events aliased e; paged
// tells that the condition selects a page of events in order (Events),
// not every event (Series, Graph, Places).
func (s *Store) where(ctx context.Context, f store.Filter, paged bool) (*cond, error) {
	c := &cond{}
	switch f.Role {
	case "", "source", "target":
	default:
		return nil, fmt.Errorf("role %q: want source, target or nothing", f.Role)
	}
	if f.Actor != "" {
		if err := s.either(ctx, c, f.Role, f.Actor); err != nil {
			return nil, err
		}
	}
	for _, col := range []struct{ name, value string }{{"country", f.Country}, {"sector", f.Sector}} {
		if col.value == "" {
			continue
		}
		if f.Role != "" {
			c.add("e."+f.Role+"_"+col.name+" = ?", col.value)
		} else {
			c.or(clause{"e.source_" + col.name + " = ?", []any{col.value}}, clause{"e.target_" + col.name + " = ?", []any{col.value}})
		}
	}
	if f.Dyad[0] != "" || f.Dyad[1] != "" {
		dyad := func(a, b string) (string, []any, error) {
			var parts []string
			var args []any
			for i, t := range []string{a, b} {
				if t == "" {
					continue
				}
				sql, targs, err := s.side(ctx, []string{"source", "target"}[i], t)
				if err != nil {
					return "", nil, err
				}
				parts = append(parts, sql)
				args = append(args, targs...)
			}
			return strings.Join(parts, " AND "), args, nil
		}
		sql, args, err := dyad(f.Dyad[0], f.Dyad[1])
		if err != nil {
			return nil, err
		}
		if f.Undirected {
			rsql, rargs, err := dyad(f.Dyad[1], f.Dyad[0])
			if err != nil {
				return nil, err
			}
			c.or(clause{sql, args}, clause{rsql, rargs})
		} else {
			c.add(sql, args...)
		}
	}
	if f.Code != "" {
		c.add("left(e.code, ?::int) = ?", len(f.Code), f.Code)
	}
	if f.Quad != 0 {
		c.add("e.quad = ?", f.Quad)
	}
	if f.Modality != "" {
		c.add("e.modality = ?", f.Modality)
	}
	if f.Lang != "" {
		c.add("position(',' || ?::text || ',' in e.langs) > 0", f.Lang)
	}
	if f.From != "" {
		c.add("e.day >= ?", f.From)
	}
	if f.To != "" {
		c.add("e.day <= ? AND e.day <> ''", f.To)
	}
	if f.PlaceCountry != "" {
		c.add("e.place_country = ?", f.PlaceCountry)
	}
	if query := tsquery(f.Text); query != "" {
		// A page of events in order finds the matching events of a
		// common word soonest by checking each event it reads; those of
		// a rare word, by listing them first.
		common := false
		if paged {
			var n int
			err := s.pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM documents
				WHERE words @@ $1::tsquery LIMIT $2) AS d`, query, s.commonDocs+1).Scan(&n)
			if err != nil {
				return nil, fmt.Errorf("text %q: %w", f.Text, err)
			}
			common = n > s.commonDocs
		}
		switch {
		case common:
			c.add(`EXISTS (SELECT 1 FROM mentions m JOIN documents d ON d.id = m.doc_id
				WHERE m.event_id = e.id AND d.words @@ ?::tsquery)`, query)
		case paged:
			// The ids listed first, as an array: given the subquery, the
			// planner would read every event in date order and test each
			// (4.7 s for a word of 979 documents all of one month, at
			// 200,000 events; 14 ms so).
			c.add(`e.id = ANY(ARRAY(SELECT m.event_id FROM mentions m WHERE m.doc_id IN
				(SELECT id FROM documents WHERE words @@ ?::tsquery)))`, query)
		default:
			c.add(`e.id IN (SELECT m.event_id FROM mentions m WHERE m.doc_id IN
				(SELECT id FROM documents WHERE words @@ ?::tsquery))`, query)
		}
	}
	if len(f.IDs) > 0 {
		c.add("e.id = ANY(?::bigint[])", f.IDs)
	}
	if len(f.Docs) > 0 {
		c.add("e.id IN (SELECT event_id FROM mentions WHERE doc_id = ANY(?::bigint[]))", f.Docs)
	}
	return c, nil
}

// sortColumns maps Page.Sort to the column it orders by.
var sortColumns = map[string]string{
	"":          "e.day",
	"date":      "e.day",
	"goldstein": "e.goldstein",
	"sources":   "e.num_sources",
	"mentions":  "e.num_mentions",
	"id":        "",
}

// cursor is the position after the last event of a page.
type cursor struct {
	Sort string          `json:"s"`
	Desc bool            `json:"d,omitempty"`
	Key  json.RawMessage `json:"k,omitempty"`
	ID   int64           `json:"i"`
}

func sortName(s string) string {
	if s == "" {
		return "date"
	}
	return s
}

// Events implements store.Querier.
func (s *Store) Events(ctx context.Context, f store.Filter, p store.Page) (store.EventPage, error) {
	page := store.EventPage{Events: []store.Event{}}
	col, ok := sortColumns[p.Sort]
	if !ok {
		return page, fmt.Errorf("store: events: unknown sort %q", p.Sort)
	}
	limit := p.Limit
	if limit == 0 {
		limit = 50
	}
	if limit < 0 || limit > 1000 {
		return page, fmt.Errorf("store: events: limit %d out of 1..1000", p.Limit)
	}
	c, err := s.where(ctx, f, true)
	if err != nil {
		return page, fmt.Errorf("store: events: %w", err)
	}
	cmp, dir := ">", "ASC"
	if p.Desc {
		cmp, dir = "<", "DESC"
	}
	if p.Cursor != "" {
		cur, err := decodeCursor(p.Cursor)
		if err != nil || cur.Sort != sortName(p.Sort) || cur.Desc != p.Desc || (col != "") != (cur.Key != nil) {
			return page, fmt.Errorf("store: events: cursor %q: %w", p.Cursor, store.ErrBadCursor)
		}
		if col == "" {
			c.add("e.id "+cmp+" ?", cur.ID)
		} else {
			var key any
			if err := json.Unmarshal(cur.Key, &key); err != nil {
				return page, fmt.Errorf("store: events: cursor %q: %w", p.Cursor, store.ErrBadCursor)
			}
			switch key.(type) {
			case string, float64:
			default:
				return page, fmt.Errorf("store: events: cursor %q: %w", p.Cursor, store.ErrBadCursor)
			}
			if col == "e.num_sources" || col == "e.num_mentions" {
				f, _ := key.(float64)
				key = int64(f)
			}
			if _, ok := key.(float64); ok && col == "e.day" {
				return page, fmt.Errorf("store: events: cursor %q: %w", p.Cursor, store.ErrBadCursor)
			}
			if _, ok := key.(string); ok && col != "e.day" {
				return page, fmt.Errorf("store: events: cursor %q: %w", p.Cursor, store.ErrBadCursor)
			}
			// Written so that the range on the sort column uses an index.
			c.add(fmt.Sprintf("%s %s= ? AND (%s %s ? OR e.id %s ?)", col, cmp, col, cmp, cmp), key, key, cur.ID)
		}
	}
	order := "e.id " + dir
	keyCol := "NULL::text"
	if col != "" {
		order = col + " " + dir + ", " + order
		keyCol = col
	}
	// Each branch of a disjunction is its own ordered, limited query,
	// which an index can serve; their union is ordered again.
	var query string
	var args []any
	if bs := c.branches(); len(bs) == 1 {
		query = "SELECT " + eventCols + ", " + keyCol + " FROM events e WHERE " + bs[0].sql + " ORDER BY " + order + " LIMIT ?"
		args = append(bs[0].args, limit+1)
	} else {
		var sel []string
		for _, b := range bs {
			sel = append(sel, fmt.Sprintf("SELECT * FROM (SELECT %s, %s FROM events e WHERE %s ORDER BY %s LIMIT ?) AS b%d", eventCols, keyCol, b.sql, order, len(sel)))
			args = append(append(args, b.args...), limit+1)
		}
		// Columns by number: the sort key is the last (17th), the id the first.
		outer := "1 " + dir
		if col != "" {
			outer = "17 " + dir + ", " + outer
		}
		query = strings.Join(sel, " UNION ") + " ORDER BY " + outer + " LIMIT ?"
		args = append(args, limit+1)
	}
	rows, err := s.pool.Query(ctx, rebind(query), args...)
	if err != nil {
		return page, fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	var lastKey any
	for rows.Next() {
		var key any
		e, err := scanEvent(scanWithKey{rows, &key})
		if err != nil {
			return page, fmt.Errorf("store: events: %w", err)
		}
		if len(page.Events) == limit {
			cur := cursor{Sort: sortName(p.Sort), Desc: p.Desc, ID: page.Events[limit-1].ID}
			if col != "" {
				if cur.Key, err = json.Marshal(lastKey); err != nil {
					return page, fmt.Errorf("store: events: %w", err)
				}
			}
			b, err := json.Marshal(cur)
			if err != nil {
				return page, fmt.Errorf("store: events: %w", err)
			}
			page.Next = base64.RawURLEncoding.EncodeToString(b)
			break
		}
		page.Events = append(page.Events, *e)
		lastKey = key
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("store: events: %w", err)
	}
	rows.Close()
	if err := s.fillFirst(ctx, page.Events); err != nil {
		return page, fmt.Errorf("store: events: %w", err)
	}
	return page, nil
}

// scanWithKey scans eventCols followed by one more column into key.
type scanWithKey struct {
	rows pgx.Rows
	key  *any
}

func (s scanWithKey) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.key)...) }

func decodeCursor(s string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, err
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, err
	}
	if c.ID <= 0 {
		return c, errors.New("no id")
	}
	return c, nil
}

// Series implements store.Querier.
func (s *Store) Series(ctx context.Context, f store.Filter, q store.SeriesQuery) ([]store.Bucket, error) {
	var period, key string
	switch q.Interval {
	case "", "day":
		period = "e.day"
	case "week":
		period = "to_char(date_trunc('week', e.day::date), 'YYYY-MM-DD')" // ISO weeks start on Monday
	case "month":
		period = "left(e.day, 7) || '-01'"
	default:
		return nil, fmt.Errorf("store: series: unknown interval %q", q.Interval)
	}
	switch q.By {
	case "", "quad":
		key = "e.quad::text"
	case "root":
		key = "e.root"
	default:
		return nil, fmt.Errorf("store: series: unknown grouping %q", q.By)
	}
	// From the rollup per day when the filter allows, else from the
	// events.
	var sel string
	var args []any
	if store.ByDay(f) {
		c := rollupWhere(f)
		c.add("e.day <> ''")
		sel, args = "SELECT "+period+" AS p, "+key+" AS k, e.events AS n, e.goldstein AS g FROM rollup_days e WHERE "+c.String(), c.Args()
	} else {
		c, err := s.where(ctx, f, false)
		if err != nil {
			return nil, fmt.Errorf("store: series: %w", err)
		}
		c.add("e.day <> ''")
		sel, args = union(period+" AS p, "+key+" AS k, 1 AS n, e.goldstein AS g", c)
	}
	rows, err := s.pool.Query(ctx, rebind("SELECT p, k, sum(n), sum(g), sum(g) / sum(n) FROM ("+sel+") u GROUP BY p, k ORDER BY p, k"), args...)
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

// sideKey is the SQL of an event side's actor key (see actorKey).
func sideKey(role string) string {
	return "CASE WHEN e." + role + "_id <> '' THEN e." + role + "_id ELSE e." + role + "_key END"
}

// Graph implements store.Querier.
func (s *Store) Graph(ctx context.Context, f store.Filter, limit int) (*store.Graph, error) {
	if limit <= 0 {
		limit = 50
	}
	// sel is each event's dyad (s, t), how many events it stands for (n),
	// their Goldstein sum (g) and day: one row per event, or per row of
	// the rollup per day and dyad when the filter allows; top is the
	// most active actors, from the rollup per actor when the filter
	// selects every event.
	var sel string
	var args []any
	if store.ByDay(f) {
		c := rollupWhere(f)
		sel = "SELECT e.source AS s, e.target AS t, e.events AS n, e.goldstein AS g, e.day AS day FROM rollup_dyads e WHERE " + c.String()
		args = c.Args()
	} else {
		c, err := s.where(ctx, f, false)
		if err != nil {
			return nil, fmt.Errorf("store: graph: %w", err)
		}
		sel, args = union(sideKey("source")+" AS s, "+sideKey("target")+" AS t, 1 AS n, e.goldstein AS g, e.day AS day", c)
	}
	query := `WITH sel AS (` + sel + `),
		sides AS (SELECT s AS k, n, day FROM sel UNION ALL SELECT t, n, day FROM sel WHERE t <> s),
		top AS (SELECT k, sum(n) AS n, min(nullif(day, '')) AS first, max(nullif(day, '')) AS last
			FROM sides WHERE k <> '|||' GROUP BY k ORDER BY n DESC, k LIMIT ?)`
	topArgs := append(slices.Clone(args), limit)
	if store.Unfiltered(f) {
		query = `WITH top AS (SELECT key AS k, events AS n, first, last FROM rollup_nodes ORDER BY events DESC, key LIMIT ?)`
		topArgs = []any{limit}
	}
	rows, err := s.pool.Query(ctx, rebind(query+`
		SELECT top.k, top.n, top.first, top.last, coalesce(a.kb_id, ''), coalesce(a.name, ''), coalesce(a.code, ''),
			coalesce(a.country, ''), coalesce(a.org, ''), coalesce(a.sector, '')
		FROM top LEFT JOIN actors a ON a.key = top.k ORDER BY top.n DESC, top.k`), topArgs...)
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
	if store.Unfiltered(f) {
		sel, args = "SELECT source AS s, target AS t, events AS n, goldstein AS g FROM rollup_pairs", nil
	}
	args = append(args, keys, keys)
	rows, err = s.pool.Query(ctx, rebind(`WITH sel AS (`+sel+`)
		SELECT s, t, sum(n) AS c, sum(g) / sum(n) FROM sel WHERE s = ANY(?::text[]) AND t = ANY(?::text[])
		GROUP BY s, t ORDER BY c DESC, s, t`), args...)
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
func (s *Store) Count(ctx context.Context, f store.Filter) (store.Total, error) {
	var t store.Total
	if store.ByDay(f) {
		c := rollupWhere(f)
		err := s.pool.QueryRow(ctx, rebind("SELECT coalesce(sum(e.events), 0), coalesce(sum(e.events) FILTER (WHERE e.day = ''), 0) FROM rollup_days e WHERE "+
			c.String()), c.Args()...).Scan(&t.Events, &t.Undated)
		if err != nil {
			return t, fmt.Errorf("store: count: %w", err)
		}
		return t, nil
	}
	c, err := s.where(ctx, f, false)
	if err != nil {
		return t, fmt.Errorf("store: count: %w", err)
	}
	sel, args := union("count(*) AS n, count(*) FILTER (WHERE e.day = '') AS u", c)
	err = s.pool.QueryRow(ctx, rebind("SELECT coalesce(sum(n), 0), coalesce(sum(u), 0) FROM ("+sel+") u"), args...).
		Scan(&t.Events, &t.Undated)
	if err != nil {
		return t, fmt.Errorf("store: count: %w", err)
	}
	return t, nil
}

// Places implements store.Querier.
func (s *Store) Places(ctx context.Context, f store.Filter, limit int) ([]store.PlaceCount, error) {
	if limit <= 0 {
		limit = 100
	}
	query := `SELECT name, country, place, events FROM rollup_places ORDER BY events DESC, name, country LIMIT ?`
	args := []any{limit}
	if !store.Unfiltered(f) {
		c, err := s.where(ctx, f, false)
		if err != nil {
			return nil, fmt.Errorf("store: places: %w", err)
		}
		c.add("e.place_name IS NOT NULL")
		// Counted from the events (by an index-only scan when the filter
		// names a country), shown in the form the rollup per place keeps.
		sel, sargs := union(`e.place_name AS n, coalesce(e.place_country, '') AS pc`, c)
		query = `SELECT p.name, p.country, p.place, s.c FROM (SELECT n, pc, count(*) AS c FROM (` + sel + `) u
			GROUP BY n, pc ORDER BY c DESC, n, pc LIMIT ?) s
			JOIN rollup_places p ON p.name = s.n AND p.country = s.pc ORDER BY s.c DESC, s.n, s.pc`
		args = append(sargs, limit)
	}
	rows, err := s.pool.Query(ctx, rebind(query), args...)
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

// Documents implements store.Querier.
func (s *Store) Documents(ctx context.Context, after int64, limit int) ([]store.Document, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.pool.Query(ctx, "SELECT "+documentCols+" FROM documents WHERE id > $1 ORDER BY id LIMIT $2", after, limit)
	if err != nil {
		return nil, fmt.Errorf("store: documents: %w", err)
	}
	defer rows.Close()
	docs := []store.Document{}
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("store: documents: %w", err)
		}
		docs = append(docs, *d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: documents: %w", err)
	}
	return docs, nil
}

// documentCols are the columns scanDocument reads.
const documentCols = "id, name, url, title, site, publisher, lang, date, date_from, text, hash, ingested_at, coalesce(error, '')"

// scanDocument reads the columns of a document row (without mentions).
func scanDocument(row scanner) (*store.Document, error) {
	var d store.Document
	var ingested time.Time
	if err := row.Scan(&d.ID, &d.Name, &d.URL, &d.Title, &d.Site, &d.Publisher, &d.Lang, &d.Date, &d.DateFrom,
		&d.Text, &d.Hash, &ingested, &d.Error); err != nil {
		return nil, err
	}
	d.IngestedAt = ingested.UTC()
	return &d, nil
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
func (s *Store) Actors(ctx context.Context, q string, limit int) ([]store.ActorCount, error) {
	if limit <= 0 {
		limit = 50
	}
	c := &cond{}
	for _, w := range store.Words(q) {
		c.add("fold LIKE ?", "%"+segment.Fold(w)+"%")
	}
	rows, err := s.pool.Query(ctx, rebind("SELECT "+actorCols+" FROM actors WHERE "+c.String()+
		" ORDER BY events DESC, key LIMIT ?"), append(c.Args(), limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: actors %q: %w", q, err)
	}
	defer rows.Close()
	actors := []store.ActorCount{}
	for rows.Next() {
		a, err := scanActor(rows)
		if err != nil {
			return nil, fmt.Errorf("store: actors %q: %w", q, err)
		}
		actors = append(actors, *a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: actors %q: %w", q, err)
	}
	return actors, nil
}

// ActorsByID implements store.Querier.
func (s *Store) ActorsByID(ctx context.Context, ids []string) (map[string]store.ActorCount, error) {
	if len(ids) == 0 {
		return map[string]store.ActorCount{}, nil
	}
	rows, err := s.pool.Query(ctx, "SELECT "+actorCols+" FROM actors WHERE key = ANY($1::text[]) OR kb_id = ANY($1::text[])", ids)
	if err != nil {
		return nil, fmt.Errorf("store: actors by id: %w", err)
	}
	defer rows.Close()
	var found []store.ActorCount
	for rows.Next() {
		a, err := scanActor(rows)
		if err != nil {
			return nil, fmt.Errorf("store: actors by id: %w", err)
		}
		found = append(found, *a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: actors by id: %w", err)
	}
	return store.PickActors(ids, found), nil
}

// Actor implements store.Querier.
func (s *Store) Actor(ctx context.Context, id string) (*store.ActorCount, error) {
	a, err := scanActor(s.pool.QueryRow(ctx, "SELECT "+actorCols+
		" FROM actors WHERE key = $1 OR kb_id = $1 ORDER BY key = $1 DESC, events DESC LIMIT 1", id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("store: actor %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: actor %q: %w", id, err)
	}
	return a, nil
}
