package sqlq

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"entente"
	"entente/internal/store"
)

// eventCols are the columns scanEvent reads, for a table aliased e.
const eventCols = `e.id, e.code, e.root, e.quad, e.goldstein, e.plover, e.source, e.target,
	e.date, e.date_precision, e.place, e.modality, e.num_mentions, e.num_sources, e.first_seen, e.last_seen`

type scanner interface{ Scan(dest ...any) error }

// scanEvent reads one row of eventCols.
func scanEvent(row scanner) (*store.Event, error) {
	var e store.Event
	var src, tgt string
	var place *string
	var first, last any
	if err := row.Scan(&e.ID, &e.Code, &e.Root, &e.Quad, &e.Goldstein, &e.Plover, &src, &tgt,
		&e.Date, &e.DatePrecision, &place, &e.Modality, &e.NumMentions, &e.NumSources, &first, &last); err != nil {
		return nil, err
	}
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
	var err error
	if e.FirstSeen, err = timeOf(first); err == nil {
		e.LastSeen, err = timeOf(last)
	}
	if err != nil {
		return nil, fmt.Errorf("event %d: %w", e.ID, err)
	}
	return &e, nil
}

// fillFirst sets FirstDoc, SourceURL and Excerpt of events from their
// first mention.
func (r *Reader) fillFirst(ctx context.Context, events []store.Event) error {
	if len(events) == 0 {
		return nil
	}
	at := make(map[int64]*store.Event, len(events))
	ids := make([]int64, len(events))
	for i := range events {
		at[events[i].ID] = &events[i]
		ids[i] = events[i].ID
	}
	ofEvents, args := in(&r.Dialect, "event_id", ids)
	rows, err := r.DB.Query(ctx, `SELECT m.event_id, m.doc_id, m.sentence, d.url, d.name
		FROM mentions m JOIN documents d ON d.id = m.doc_id
		WHERE m.id IN (SELECT min(id) FROM mentions WHERE `+ofEvents+` GROUP BY event_id)`, args...)
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

// cursorKey is the sort key of a cursor as the sort column col holds
// it: text for the day, an integer for counts, a number for Goldstein.
func cursorKey(raw json.RawMessage, col string) (any, error) {
	var key any
	if err := json.Unmarshal(raw, &key); err != nil {
		return nil, err
	}
	switch k := key.(type) {
	case string:
		if col == "e.day" {
			return k, nil
		}
	case float64:
		switch col {
		case "e.num_sources", "e.num_mentions":
			return int64(k), nil
		case "e.goldstein":
			return k, nil
		}
	}
	return nil, fmt.Errorf("key %s for %s", raw, col)
}

// Events implements store.Querier.
func (r *Reader) Events(ctx context.Context, f store.Filter, p store.Page) (store.EventPage, error) {
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
	c, err := r.where(ctx, f, true)
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
			key, err := cursorKey(cur.Key, col)
			if err != nil {
				return page, fmt.Errorf("store: events: cursor %q: %w", p.Cursor, store.ErrBadCursor)
			}
			// Written so that the range on the sort column uses an index.
			c.add(fmt.Sprintf("%s %s= ? AND (%s %s ? OR e.id %s ?)", col, cmp, col, cmp, cmp), key, key, cur.ID)
		}
	}
	order := "e.id " + dir
	keyCol := r.Dialect.Null
	if col != "" {
		order = col + " " + dir + ", " + order
		keyCol = col
	}
	// The page's ids first, then its rows: the ids and sort keys of the
	// selected events are often all in one index (events_source_facts
	// holds a country's dates, codes, QuadClasses and Goldstein scores),
	// so that only the page's rows are read from the table, not every
	// selected event's to sort them. Each branch of a disjunction is its
	// own ordered, limited query, which an index can serve; their union
	// is ordered again.
	var ids string
	var args []any
	if bs := c.branches(); len(bs) == 1 {
		ids = "SELECT e.id FROM events e WHERE " + bs[0].sql + " ORDER BY " + order + " LIMIT ?"
		args = append(bs[0].args, limit+1)
	} else {
		var sel []string
		for i, b := range bs {
			sel = append(sel, fmt.Sprintf("SELECT * FROM (SELECT e.id, %s AS k FROM events e WHERE %s ORDER BY %s LIMIT ?) AS b%d",
				keyCol, b.sql, order, i))
			args = append(append(args, b.args...), limit+1)
		}
		// Columns by number: the id is the first, the sort key the second.
		outer := "1 " + dir
		if col != "" {
			outer = "2 " + dir + ", " + outer
		}
		ids = "SELECT id FROM (" + strings.Join(sel, " UNION ") + " ORDER BY " + outer + " LIMIT ?) AS u"
		args = append(args, limit+1)
	}
	rows, err := r.DB.Query(ctx, "SELECT "+eventCols+", "+keyCol+" FROM events e WHERE e.id IN ("+ids+") ORDER BY "+order, args...)
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
	if err := r.fillFirst(ctx, page.Events); err != nil {
		return page, fmt.Errorf("store: events: %w", err)
	}
	return page, nil
}

// scanWithKey scans eventCols followed by one more column into key.
type scanWithKey struct {
	rows Rows
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

// Event implements store.Store.
func (r *Reader) Event(ctx context.Context, id int64) (*store.Event, error) {
	e, err := scanEvent(r.queryRow(ctx, "SELECT "+eventCols+" FROM events e WHERE e.id = ?", id))
	if errors.Is(err, errNoRows) {
		return nil, fmt.Errorf("store: event %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: event %d: %w", id, err)
	}
	if e.Mentions, err = r.mentions(ctx, "event_id = ? ORDER BY id", id); err != nil {
		return nil, fmt.Errorf("store: event %d: %w", id, err)
	}
	if len(e.Mentions) > 0 {
		one := []store.Event{*e}
		if err := r.fillFirst(ctx, one); err != nil {
			return nil, fmt.Errorf("store: event %d: %w", id, err)
		}
		e = &one[0]
	}
	return e, nil
}

// Mentions implements store.Querier. The order is that of the index of
// UNIQUE (event_id, doc_id, evidence_start), so a page walks the index
// and reads no other mention.
func (r *Reader) Mentions(ctx context.Context, id int64, offset, limit int) ([]store.Mention, error) {
	if limit < 1 || limit > 1000 || offset < 0 {
		return nil, fmt.Errorf("store: mentions of event %d: limit %d or offset %d out of range", id, limit, offset)
	}
	ms, err := r.mentions(ctx, "event_id = ? ORDER BY event_id, doc_id, evidence_start LIMIT ? OFFSET ?", id, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store: event %d: %w", id, err)
	}
	return ms, nil
}

// mentions reads the mentions that where selects.
func (r *Reader) mentions(ctx context.Context, where string, args ...any) ([]store.Mention, error) {
	rows, err := r.DB.Query(ctx, `SELECT id, event_id, doc_id, sentence, evidence_start, evidence_end,
		trigger, rule, confidence, attributed_to FROM mentions WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("mentions: %w", err)
	}
	defer rows.Close()
	ms := []store.Mention{}
	for rows.Next() {
		var m store.Mention
		var attr string
		if err := rows.Scan(&m.ID, &m.Event, &m.Doc, &m.Evidence.Text, &m.Evidence.Start, &m.Evidence.End,
			&m.Evidence.Trigger, &m.Rule, &m.Confidence, &attr); err != nil {
			return nil, fmt.Errorf("mentions: %w", err)
		}
		if err := json.Unmarshal([]byte(attr), &m.AttributedTo); err != nil {
			return nil, fmt.Errorf("mention %d: attributed_to: %w", m.ID, err)
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mentions: %w", err)
	}
	return ms, nil
}

// documentCols are the columns scanDocument reads.
const documentCols = "id, name, url, title, site, publisher, lang, date, date_from, text, hash, ingested_at, coalesce(error, '')"

// scanDocument reads the columns of a document row (without mentions).
func scanDocument(row scanner) (*store.Document, error) {
	var d store.Document
	var ingested any
	if err := row.Scan(&d.ID, &d.Name, &d.URL, &d.Title, &d.Site, &d.Publisher, &d.Lang, &d.Date, &d.DateFrom,
		&d.Text, &d.Hash, &ingested, &d.Error); err != nil {
		return nil, err
	}
	var err error
	if d.IngestedAt, err = timeOf(ingested); err != nil {
		return nil, fmt.Errorf("document %d: %w", d.ID, err)
	}
	return &d, nil
}

// Document implements store.Store.
func (r *Reader) Document(ctx context.Context, id int64) (*store.Document, error) {
	d, err := scanDocument(r.queryRow(ctx, "SELECT "+documentCols+" FROM documents WHERE id = ?", id))
	if errors.Is(err, errNoRows) {
		return nil, fmt.Errorf("store: document %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: document %d: %w", id, err)
	}
	if d.Mentions, err = r.mentions(ctx, "doc_id = ? ORDER BY evidence_start, id", id); err != nil {
		return nil, fmt.Errorf("store: document %d: %w", id, err)
	}
	return d, nil
}

// Documents implements store.Querier.
func (r *Reader) Documents(ctx context.Context, after int64, limit int) ([]store.Document, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := r.DB.Query(ctx, "SELECT "+documentCols+" FROM documents WHERE id > ? ORDER BY id LIMIT ?", after, limit)
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

// Counts implements store.Store.
func (r *Reader) Counts(ctx context.Context) (store.Counts, error) {
	var c store.Counts
	err := r.queryRow(ctx, `SELECT
		(SELECT count(*) FROM documents),
		(SELECT count(*) FROM documents WHERE error IS NOT NULL),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM mentions)`).Scan(&c.Documents, &c.Failed, &c.Events, &c.Mentions)
	if err != nil {
		return c, fmt.Errorf("store: counts: %w", err)
	}
	return c, nil
}
