// Package sqlite is the embedded event store: one SQLite file in WAL mode,
// through the pure-Go driver modernc.org/sqlite (no cgo, so the binary
// stays a single static file). It implements store.Store; the schema is in
// schema.sql beside this file, with an FTS5 index over document text that
// ignores case and accents.
package sqlite

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"entente"
	"entente/internal/store"
)

// schemaVersion is the PRAGMA user_version of a database built by schema.sql.
const schemaVersion = 1

//go:embed schema.sql
var schema string

// Options configure a Store.
type Options struct {
	// Now is the clock for ingested_at, first_seen and last_seen;
	// time.Now when nil.
	Now func() time.Time
}

// Store is a store.Store kept in one SQLite file.
type Store struct {
	db  *sql.DB
	now func() time.Time
}

var _ store.Store = (*Store)(nil)

// Open opens the database at path, creating it and its tables when
// missing.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("store: open %q: want a file path without ? or #", path)
	}
	// Writers take the lock when they begin (_txlock=immediate), so two
	// ingests never deadlock upgrading a read lock; synchronous=NORMAL in
	// WAL mode survives a killed process (not a power cut).
	dsn := path + "?_txlock=immediate" +
		"&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{db: db, now: opt.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return s, nil
}

// migrate creates the schema in a new database and refuses one written
// by a newer version.
func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	switch {
	case v == schemaVersion:
		return nil
	case v > schemaVersion:
		return fmt.Errorf("schema version %d is newer than this entente (%d)", v, schemaVersion)
	}
	if _, err := tx.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	return tx.Commit()
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ingest implements store.Store.
func (s *Store) Ingest(ctx context.Context, doc *entente.Document, failure error) (store.Result, error) {
	var res store.Result
	if doc == nil {
		return res, errors.New("store: ingest: nil document")
	}
	hash := store.Hash(doc)
	now := s.now().UTC()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("store: ingest %s: %w", doc.ID, err)
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, "SELECT id FROM documents WHERE hash = ?", hash).Scan(&res.Doc)
	switch {
	case err == nil:
		res.Duplicate = true
		return res, nil
	case !errors.Is(err, sql.ErrNoRows):
		return res, fmt.Errorf("store: ingest %s: %w", doc.ID, err)
	}
	if err := s.insertDocument(ctx, tx, doc, hash, now, failure, &res); err != nil {
		return res, fmt.Errorf("store: ingest %s: %w", doc.ID, err)
	}
	if failure == nil {
		res.Events = make([]int64, len(doc.Events))
		publisher := store.Publisher(doc)
		for i := range doc.Events {
			if err := s.insertEvent(ctx, tx, res.Doc, publisher, &doc.Events[i], now, &res, i); err != nil {
				return res, fmt.Errorf("store: ingest %s: event %d: %w", doc.ID, i, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return store.Result{}, fmt.Errorf("store: ingest %s: %w", doc.ID, err)
	}
	return res, nil
}

func (s *Store) insertDocument(ctx context.Context, tx *sql.Tx, doc *entente.Document, hash string, now time.Time, failure error, res *store.Result) error {
	var date, errText sql.NullString
	if !doc.Date.IsZero() {
		date = sql.NullString{String: doc.Date.Format(time.DateOnly), Valid: true}
	}
	if failure != nil {
		errText = sql.NullString{String: failure.Error(), Valid: true}
		res.Failed = true
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO documents
		(name, url, title, site, publisher, lang, date, date_from, text, hash, ingested_at, error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		doc.ID, doc.URL, doc.Title, doc.Site, store.Publisher(doc), doc.Lang, date, doc.DateFrom,
		doc.Text, hash, formatTime(now), errText)
	if err != nil {
		return fmt.Errorf("document: %w", err)
	}
	if res.Doc, err = r.LastInsertId(); err != nil {
		return fmt.Errorf("document: %w", err)
	}
	if doc.Text == "" && doc.Title == "" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)", res.Doc, doc.Title, doc.Text); err != nil {
		return fmt.Errorf("full-text index: %w", err)
	}
	return nil
}

// insertEvent adds a mention of e to the event it reports, creating the
// event when no stored one has its identity.
func (s *Store) insertEvent(ctx context.Context, tx *sql.Tx, docID int64, publisher string, e *entente.Event, now time.Time, res *store.Result, i int) error {
	key := store.KeyOf(e)
	id, placeKnown, err := findEvent(ctx, tx, key)
	if err != nil {
		return err
	}
	place, err := jsonOrNull(e.Place)
	if err != nil {
		return err
	}
	switch {
	case id == 0:
		src, err := json.Marshal(e.Source)
		if err != nil {
			return err
		}
		tgt, err := json.Marshal(e.Target)
		if err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO events
			(source_key, target_key, source, target, code, root, quad, goldstein, plover,
			 date, date_precision, place, place_country, modality, first_seen, last_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			key.Source, key.Target, string(src), string(tgt), e.Code, e.Root, e.Quad, e.Goldstein, e.Plover,
			nullIfEmpty(key.Date), nullString(e.DatePrecision), place, nullIfEmpty(key.PlaceCountry), e.Modality,
			formatTime(now), formatTime(now))
		if err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		if id, err = r.LastInsertId(); err != nil {
			return err
		}
		res.NewEvents++
	case !placeKnown && key.PlaceCountry != "":
		// The first report that knows the place gives it to the event.
		if _, err := tx.ExecContext(ctx, "UPDATE events SET place = ?, place_country = ? WHERE id = ?", place, key.PlaceCountry, id); err != nil {
			return fmt.Errorf("place: %w", err)
		}
	}
	res.Events[i] = id

	attributed := e.AttributedTo
	if attributed == nil {
		attributed = []string{}
	}
	attr, err := json.Marshal(attributed)
	if err != nil {
		return err
	}
	r, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO mentions
		(event_id, doc_id, sentence, evidence_start, evidence_end, trigger, rule, confidence, attributed_to)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, docID, e.Evidence.Text, e.Evidence.Start, e.Evidence.End, e.Evidence.Trigger, e.Rule, e.Confidence, string(attr))
	if err != nil {
		return fmt.Errorf("mention: %w", err)
	}
	if n, err := r.RowsAffected(); err != nil || n == 0 {
		return err // the same sentence already reports this event
	}
	res.Mentions++
	r, err = tx.ExecContext(ctx, "INSERT OR IGNORE INTO event_sources (event_id, publisher) VALUES (?, ?)", id, publisher)
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	newSource, err := r.RowsAffected()
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE events SET num_mentions = num_mentions + 1,
		num_sources = num_sources + ?, last_seen = max(last_seen, ?) WHERE id = ?`,
		newSource, formatTime(now), id)
	if err != nil {
		return fmt.Errorf("counts: %w", err)
	}
	return nil
}

// findEvent returns the stored event with key's identity: one in the same
// place country first, else one whose place or key's is unknown. id is 0
// when there is none.
func findEvent(ctx context.Context, tx *sql.Tx, key store.Key) (id int64, placeKnown bool, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, place_country FROM events
		WHERE source_key = ? AND target_key = ? AND code = ? AND date IS ? AND modality = ?
		ORDER BY id`, key.Source, key.Target, key.Code, nullIfEmpty(key.Date), key.Modality)
	if err != nil {
		return 0, false, fmt.Errorf("find: %w", err)
	}
	defer rows.Close()
	var loose int64
	var looseKnown bool
	for rows.Next() {
		var cid int64
		var country sql.NullString
		if err := rows.Scan(&cid, &country); err != nil {
			return 0, false, fmt.Errorf("find: %w", err)
		}
		if key.PlaceCountry != "" && country.String == key.PlaceCountry {
			return cid, true, rows.Close()
		}
		if loose == 0 && (key.PlaceCountry == "" || !country.Valid) {
			loose, looseKnown = cid, country.Valid
		}
	}
	if err := rows.Err(); err != nil {
		return 0, false, fmt.Errorf("find: %w", err)
	}
	return loose, looseKnown, nil
}

// Document implements store.Store.
func (s *Store) Document(ctx context.Context, id int64) (*store.Document, error) {
	var d store.Document
	var date, errText sql.NullString
	var ingested string
	err := s.db.QueryRowContext(ctx, `SELECT id, name, url, title, site, publisher, lang, date, date_from,
		text, hash, ingested_at, error FROM documents WHERE id = ?`, id).Scan(
		&d.ID, &d.Name, &d.URL, &d.Title, &d.Site, &d.Publisher, &d.Lang, &date, &d.DateFrom,
		&d.Text, &d.Hash, &ingested, &errText)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: document %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: document %d: %w", id, err)
	}
	if date.Valid {
		d.Date = &date.String
	}
	d.Error = errText.String
	if d.IngestedAt, err = parseTime(ingested); err != nil {
		return nil, fmt.Errorf("store: document %d: %w", id, err)
	}
	if d.Mentions, err = s.mentions(ctx, "doc_id = ? ORDER BY evidence_start, id", id); err != nil {
		return nil, fmt.Errorf("store: document %d: %w", id, err)
	}
	return &d, nil
}

// Event implements store.Store.
func (s *Store) Event(ctx context.Context, id int64) (*store.Event, error) {
	var e store.Event
	var src, tgt string
	var date, precision, place sql.NullString
	var first, last string
	err := s.db.QueryRowContext(ctx, `SELECT id, code, root, quad, goldstein, plover, source, target,
		date, date_precision, place, modality, num_mentions, num_sources, first_seen, last_seen
		FROM events WHERE id = ?`, id).Scan(
		&e.ID, &e.Code, &e.Root, &e.Quad, &e.Goldstein, &e.Plover, &src, &tgt,
		&date, &precision, &place, &e.Modality, &e.NumMentions, &e.NumSources, &first, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: event %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: event %d: %w", id, err)
	}
	if err := errors.Join(
		json.Unmarshal([]byte(src), &e.Source),
		json.Unmarshal([]byte(tgt), &e.Target),
	); err != nil {
		return nil, fmt.Errorf("store: event %d: actors: %w", id, err)
	}
	if place.Valid {
		e.Place = new(entente.Place)
		if err := json.Unmarshal([]byte(place.String), e.Place); err != nil {
			return nil, fmt.Errorf("store: event %d: place: %w", id, err)
		}
	}
	if date.Valid {
		e.Date = &date.String
	}
	if precision.Valid {
		e.DatePrecision = &precision.String
	}
	if e.FirstSeen, err = parseTime(first); err == nil {
		e.LastSeen, err = parseTime(last)
	}
	if err != nil {
		return nil, fmt.Errorf("store: event %d: %w", id, err)
	}
	if e.Mentions, err = s.mentions(ctx, "event_id = ? ORDER BY id", id); err != nil {
		return nil, fmt.Errorf("store: event %d: %w", id, err)
	}
	return &e, nil
}

// mentions reads the mentions that where (a condition on one id) selects.
func (s *Store) mentions(ctx context.Context, where string, id int64) ([]store.Mention, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, event_id, doc_id, sentence, evidence_start, evidence_end,
		trigger, rule, confidence, attributed_to FROM mentions WHERE `+where, id)
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

// Search implements store.Store.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]store.Hit, error) {
	words := store.Words(q)
	if len(words) == 0 {
		return nil, nil
	}
	for i, w := range words {
		words[i] = `"` + w + `"` // a quoted string is a plain term in FTS5
	}
	if limit <= 0 {
		limit = -1 // no limit
	}
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.name, d.title FROM documents_fts f
		JOIN documents d ON d.id = f.rowid
		WHERE documents_fts MATCH ? ORDER BY d.id DESC LIMIT ?`, strings.Join(words, " "), limit)
	if err != nil {
		return nil, fmt.Errorf("store: search %q: %w", q, err)
	}
	defer rows.Close()
	var hits []store.Hit
	for rows.Next() {
		var h store.Hit
		if err := rows.Scan(&h.Doc, &h.Name, &h.Title); err != nil {
			return nil, fmt.Errorf("store: search %q: %w", q, err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search %q: %w", q, err)
	}
	return hits, nil
}

// Counts implements store.Store.
func (s *Store) Counts(ctx context.Context) (store.Counts, error) {
	var c store.Counts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents),
		(SELECT count(*) FROM documents WHERE error IS NOT NULL),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM mentions)`).Scan(&c.Documents, &c.Failed, &c.Events, &c.Mentions)
	if err != nil {
		return c, fmt.Errorf("store: counts: %w", err)
	}
	return c, nil
}

// Times are stored as RFC 3339 text in UTC with a fixed width, so that
// they sort as strings.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return t, fmt.Errorf("time %q: %w", s, err)
	}
	return t, nil
}

func jsonOrNull(p *entente.Place) (sql.NullString, error) {
	if p == nil {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(p)
	if err != nil {
		return sql.NullString{}, fmt.Errorf("place: %w", err)
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

func nullString(p *string) sql.NullString {
	if p == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: *p, Valid: true}
}

func nullIfEmpty(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
