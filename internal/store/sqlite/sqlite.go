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
	"entente/internal/store/sqlq"
)

// schemaVersion is the PRAGMA user_version of a database built by schema.sql.
const schemaVersion = 9

//go:embed schema.sql
var schema string

// Options configure a Store.
type Options struct {
	// Now is the clock for ingested_at, first_seen and last_seen;
	// time.Now when nil.
	Now func() time.Time
	// CacheMiB is the page cache of each connection in MiB; SQLite's
	// default (2 MiB) when 0. Bulk loads and large stores want more.
	CacheMiB int
	// MmapMiB maps up to that much of the database file into memory, so
	// that reads take pages from the OS page cache without a system call
	// each (PRAGMA mmap_size): under 20 concurrent readers, pread was a
	// third of the server's CPU. It costs address space, not memory. 0
	// means DefaultMmapMiB, a negative value reads with pread.
	MmapMiB int
	// Conns is how many open connections are kept idle for reuse (each
	// keeps its page cache); 0 means DefaultConns.
	Conns int
}

// DefaultConns is Options.Conns when 0: enough for a server's concurrent
// reads, so that a busy server does not open and close a connection (and
// lose its page cache) per query.
const DefaultConns = 16

// DefaultMmapMiB is Options.MmapMiB when 0.
const DefaultMmapMiB = 1024

// Store is a store.Store kept in one SQLite file.
type Store struct {
	// Reader answers the reads (Events, Series, Graph...), in SQL shared
	// with the PostgreSQL store.
	sqlq.Reader
	db  *sql.DB
	now func() time.Time
	// loading, when not nil, is the identities of the events a Load into
	// an empty store has written (see startLoad); Load is the only
	// writer then.
	loading *loadIndex
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
	if opt.CacheMiB > 0 {
		dsn += fmt.Sprintf("&_pragma=cache_size(-%d)", opt.CacheMiB*1024)
	}
	if opt.MmapMiB == 0 {
		opt.MmapMiB = DefaultMmapMiB
	}
	if opt.MmapMiB > 0 {
		dsn += fmt.Sprintf("&_pragma=mmap_size(%d)", int64(opt.MmapMiB)<<20)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if opt.Conns <= 0 {
		opt.Conns = DefaultConns
	}
	db.SetMaxIdleConns(opt.Conns)
	s := &Store{Reader: sqlq.Reader{DB: reader{db}, Dialect: dialect(), CommonDocs: 2000}, db: db, now: opt.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := s.createIndexes(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return s, nil
}

// migrate creates the schema in a new database, brings a version-1 to 8
// database to version 9 in place, and refuses one written by a newer
// version.
func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.begin(ctx)
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
	case v >= 1 && v <= 8:
		if v == 1 {
			if err := migrateV1(ctx, tx); err != nil {
				return fmt.Errorf("migrate from version 1: %w", err)
			}
		}
		if v <= 2 {
			if err := migrateV2(ctx, tx); err != nil {
				return fmt.Errorf("migrate from version 2: %w", err)
			}
		}
		if v <= 3 {
			if err := migrateV3(ctx, tx); err != nil {
				return fmt.Errorf("migrate from version 3: %w", err)
			}
		}
		if v <= 4 {
			if err := migrateV4(ctx, tx); err != nil {
				return fmt.Errorf("migrate from version 4: %w", err)
			}
		}
		if v <= 5 {
			if err := migrateV5(ctx, tx); err != nil {
				return fmt.Errorf("migrate from version 5: %w", err)
			}
		}
		if v <= 6 {
			if err := migrateV6(ctx, tx); err != nil {
				return fmt.Errorf("migrate from version 6: %w", err)
			}
		}
		if v <= 7 {
			if err := migrateV7(ctx, tx); err != nil {
				return fmt.Errorf("migrate from version 7: %w", err)
			}
		}
		if err := migrateV8(ctx, tx); err != nil {
			return fmt.Errorf("migrate from version 8: %w", err)
		}
		var only []string // from version 7 or 8: the new rollups only
		switch v {
		case 7:
			only = append([]string{"rollup_node_roots", "rollup_pair_roots"}, v9Rollups...)
		case 8:
			only = v9Rollups
		}
		if err := fillRollups(ctx, tx, only...); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	default:
		if _, err := tx.Tx.ExecContext(ctx, schema); err != nil {
			return fmt.Errorf("create schema: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	return tx.Commit()
}

// Analyze gathers the statistics SQLite's query planner uses to choose
// indexes (ANALYZE); worth running after a bulk load.
func (s *Store) Analyze(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("store: analyze: %w", err)
	}
	if err := noSkipScan(ctx, s.db); err != nil {
		return fmt.Errorf("store: analyze: %w", err)
	}
	return nil
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// noSkipScan keeps the planner from reading events_dyad (source country
// first) to find the events of a target country by skipping through
// every source country: with statistics it prefers that to
// events_target_country and events_target_facts, and it is several
// times slower. The statistics' noskipscan word forbids it; the planner
// reads statistics again on ANALYZE sqlite_schema.
func noSkipScan(ctx context.Context, db execer) error {
	if _, err := db.ExecContext(ctx, `UPDATE sqlite_stat1 SET stat = stat || ' noskipscan'
		WHERE tbl = 'events' AND idx = 'events_dyad' AND stat NOT LIKE '% noskipscan'`); err != nil {
		return fmt.Errorf("statistics: %w", err)
	}
	if _, err := db.ExecContext(ctx, "ANALYZE sqlite_schema"); err != nil {
		return fmt.Errorf("statistics: %w", err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ingest implements store.Store.
func (s *Store) Ingest(ctx context.Context, doc *entente.Document, failure error) (store.Result, error) {
	if doc == nil {
		return store.Result{}, errors.New("store: ingest: nil document")
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return store.Result{}, fmt.Errorf("store: ingest %s: %w", doc.ID, err)
	}
	defer tx.Rollback()
	res, err := s.ingest(ctx, tx, doc, failure, s.now().UTC())
	if err != nil {
		return res, err
	}
	if err := tx.finish(ctx); err != nil {
		return store.Result{}, fmt.Errorf("store: ingest %s: %w", doc.ID, err)
	}
	return res, nil
}

// IngestBatch stores many coded documents in one transaction, as Ingest
// would one by one but much faster (bulk loads, the synthetic-store
// generator). A store error rolls the whole batch back.
func (s *Store) IngestBatch(ctx context.Context, docs []*entente.Document) ([]store.Result, error) {
	items := make([]store.Item, len(docs))
	for i, doc := range docs {
		items[i].Doc = doc
	}
	return s.IngestItems(ctx, items)
}

// IngestItems implements store.Store: one transaction with prepared
// statements, each actor's row written once. A store error rolls the
// whole batch back.
func (s *Store) IngestItems(ctx context.Context, items []store.Item) ([]store.Result, error) {
	return s.ingestItems(ctx, items, false)
}

// ingestItems is IngestItems; bulk leaves the rollups alone (Load).
func (s *Store) ingestItems(ctx context.Context, items []store.Item, bulk bool) ([]store.Result, error) {
	for _, it := range items {
		if it.Doc == nil {
			return nil, errors.New("store: ingest batch: nil document")
		}
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: ingest batch: %w", err)
	}
	defer tx.Rollback()
	now := s.now().UTC()
	results := make([]store.Result, len(items))
	tx.actors = map[string]*pendingActor{}
	tx.bulk = bulk
	for i, it := range items {
		if results[i], err = s.ingest(ctx, tx, it.Doc, it.Failure, now); err != nil {
			return nil, err
		}
	}
	if err := flushActors(ctx, tx); err != nil {
		return nil, fmt.Errorf("store: ingest batch: %w", err)
	}
	if err := tx.finish(ctx); err != nil {
		return nil, fmt.Errorf("store: ingest batch: %w", err)
	}
	return results, nil
}

// Has implements store.Store.
func (s *Store) Has(ctx context.Context, hash string) (int64, bool, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, "SELECT id FROM documents WHERE hash = ?", hash).Scan(&id)
	switch {
	case err == nil:
		return id, true, nil
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, nil
	}
	return 0, false, fmt.Errorf("store: has %s: %w", hash, err)
}

// Load fills the store in bulk: fill calls ingest with batches of coded
// documents, each stored in one transaction as IngestBatch stores it,
// except the rollups. The read-side indexes of events are dropped while
// fill runs and built again at the end (also when fill fails), the
// rollups are filled from the events, then ANALYZE runs: a large load is
// several times faster so.
func (s *Store) Load(ctx context.Context, fill func(ingest func([]*entente.Document) error) error) error {
	if err := s.startLoad(ctx); err != nil {
		return fmt.Errorf("store: load: %w", err)
	}
	for _, ix := range eventIndexes() {
		name := strings.Fields(ix)[5]
		if _, err := s.db.ExecContext(ctx, "DROP INDEX IF EXISTS "+name); err != nil {
			return fmt.Errorf("store: load: %w", err)
		}
	}
	err := fill(func(docs []*entente.Document) error {
		items := make([]store.Item, len(docs))
		for i, doc := range docs {
			items[i].Doc = doc
		}
		_, err := s.ingestItems(ctx, items, true)
		if err != nil && s.loading != nil {
			// The identities in memory may hold events of the
			// transaction rolled back: find them in the store again.
			err = errors.Join(err, s.stopLoad(context.WithoutCancel(ctx)))
		}
		return err
	})
	// Also when fill stopped because ctx was cancelled (an interrupted
	// load): the events stored must be indexed and counted.
	ctx = context.WithoutCancel(ctx)
	if ierr := s.stopLoad(ctx); ierr != nil {
		return errors.Join(err, fmt.Errorf("store: load: %w", ierr))
	}
	if ierr := s.createIndexes(ctx); ierr != nil {
		return errors.Join(err, fmt.Errorf("store: load: %w", ierr))
	}
	if rerr := s.rebuildRollups(ctx); rerr != nil {
		return errors.Join(err, fmt.Errorf("store: load: %w", rerr))
	}
	if err != nil {
		return err
	}
	return s.Analyze(ctx)
}

// rebuildRollups fills the rollups again from the events, in one
// transaction.
func (s *Store) rebuildRollups(ctx context.Context) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fillRollups(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// eventIndexes returns the statements that create the read-side indexes
// of events (CREATE INDEX IF NOT EXISTS events_...).
func eventIndexes() []string {
	var out []string
	_, readSide, _ := strings.Cut(schema, "-- @indexes")
	for _, line := range strings.Split(readSide, "\n") {
		if strings.HasPrefix(line, "CREATE INDEX IF NOT EXISTS events_") {
			out = append(out, line)
		}
	}
	return out
}

// createIndexes creates the read-side indexes of events that are missing
// (after an interrupted Load, or added by a newer entente).
func (s *Store) createIndexes(ctx context.Context) error {
	for _, ix := range append(eventIndexes(), identityIndex) {
		if _, err := s.db.ExecContext(ctx, ix); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	return nil
}

// ingest stores one document inside tx.
func (s *Store) ingest(ctx context.Context, tx *txn, doc *entente.Document, failure error, now time.Time) (store.Result, error) {
	var res store.Result
	hash := store.Hash(doc)
	err := tx.QueryRowContext(ctx, "SELECT id FROM documents WHERE hash = ?", hash).Scan(&res.Doc)
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
			if err := s.insertEvent(ctx, tx, res.Doc, publisher, doc.Lang, &doc.Events[i], now, &res, i); err != nil {
				return res, fmt.Errorf("store: ingest %s: event %d: %w", doc.ID, i, err)
			}
		}
	}
	return res, nil
}

func (s *Store) insertDocument(ctx context.Context, tx *txn, doc *entente.Document, hash string, now time.Time, failure error, res *store.Result) error {
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
	if tx.ftsFrom == 0 {
		tx.ftsFrom = res.Doc
	}
	tx.ftsTo = res.Doc
	return nil
}

// insertEvent adds a mention of e to the event it reports, creating the
// event when no stored one has its identity.
func (s *Store) insertEvent(ctx context.Context, tx *txn, docID int64, publisher, lang string, e *entente.Event, now time.Time, res *store.Result, i int) error {
	key := store.KeyOf(e)
	var id int64
	var placeKnown bool
	var err error
	if s.loading != nil && tx.bulk {
		id, placeKnown = s.loading.find(key)
	} else if id, placeKnown, err = findEvent(ctx, tx, key); err != nil {
		return err
	}
	place, err := jsonOrNull(e.Place)
	if err != nil {
		return err
	}
	// seq is the event's position in the change feed (store.Feed), taken
	// when something of it changes.
	var seq int64
	created := id == 0
	switch {
	case created:
		if seq, err = nextSeq(ctx, tx); err != nil {
			return err
		}
		src, err := json.Marshal(e.Source)
		if err != nil {
			return err
		}
		tgt, err := json.Marshal(e.Target)
		if err != nil {
			return err
		}
		// Written with the counts of this first report (one mention,
		// one publisher, its language), which the UPDATE below would add.
		langs := ""
		if lang != "" {
			langs = "," + lang + ","
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO events
			(source_key, target_key, source, target, code, root, quad, goldstein, plover,
			 date, date_precision, place, place_name, place_country, modality, first_seen, last_seen,
			 source_id, source_country, source_sector, source_org, source_code,
			 target_id, target_country, target_sector, target_org, target_code, seq, added_seq,
			 num_mentions, num_sources, langs)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?)`,
			key.Source, key.Target, string(src), string(tgt), e.Code, e.Root, e.Quad, e.Goldstein, e.Plover,
			nullIfEmpty(key.Date), nullString(e.DatePrecision), place, placeName(e.Place), nullIfEmpty(key.PlaceCountry), e.Modality,
			formatTime(now), formatTime(now),
			e.Source.ID, e.Source.Country, e.Source.Sector, e.Source.Org, e.Source.Code,
			e.Target.ID, e.Target.Country, e.Target.Sector, e.Target.Org, e.Target.Code, seq, seq, langs)
		if err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		if id, err = r.LastInsertId(); err != nil {
			return err
		}
		if s.loading != nil && tx.bulk {
			s.loading.add(key, id)
		}
		if err := addActors(ctx, tx, e); err != nil {
			return err
		}
		res.NewEvents++
		if tx.bulk {
			break // Load fills the rollups at its end
		}
		f := store.FactOf(e)
		tx.rollups.Event(f, 1)
		if e.Place != nil {
			tx.rollups.Place(f, e.Place.Name, key.PlaceCountry, place.String, 1)
		}
	case !placeKnown && key.PlaceCountry != "":
		// The first report that knows the place gives it to the event.
		if seq, err = nextSeq(ctx, tx); err != nil {
			return err
		}
		// A place without a country it had leaves the rollups.
		var old, oldName sql.NullString
		if err := tx.QueryRowContext(ctx, "SELECT place, json_extract(place, '$.name') FROM events WHERE id = ?", id).Scan(&old, &oldName); err != nil {
			return fmt.Errorf("place: %w", err)
		}
		if old.Valid {
			tx.rollups.Place(store.FactOf(e), oldName.String, "", old.String, -1)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE events SET place = ?, place_name = ?, place_country = ?, seq = ? WHERE id = ?",
			place, placeName(e.Place), key.PlaceCountry, seq, id); err != nil {
			return fmt.Errorf("place: %w", err)
		}
		if s.loading != nil && tx.bulk {
			s.loading.placed(key, id)
		}
		tx.rollups.Place(store.FactOf(e), e.Place.Name, key.PlaceCountry, place.String, 1)
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
	if created {
		return nil // its counts were written with it
	}
	if seq == 0 {
		if seq, err = nextSeq(ctx, tx); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE events SET num_mentions = num_mentions + 1,
		num_sources = num_sources + ?1, last_seen = max(last_seen, ?2),
		langs = CASE WHEN ?3 = '' OR instr(langs, ','||?3||',') > 0 THEN langs
			WHEN langs = '' THEN ','||?3||',' ELSE langs||?3||',' END,
		seq = ?5
		WHERE id = ?4`,
		newSource, formatTime(now), lang, id, seq)
	if err != nil {
		return fmt.Errorf("counts: %w", err)
	}
	return nil
}

// findEvent returns the stored event with key's identity: one in the same
// place country first, else one whose place or key's is unknown. id is 0
// when there is none.
func findEvent(ctx context.Context, tx *txn, key store.Key) (id int64, placeKnown bool, err error) {
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

// Search implements store.Store.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]store.Hit, error) {
	match := ftsQuery(q)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = -1 // no limit
	}
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.name, d.title FROM documents_fts f
		JOIN documents d ON d.id = f.rowid
		WHERE documents_fts MATCH ? ORDER BY d.id DESC LIMIT ?`, match, limit)
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

// placeName is the place_name column of an event at p (NULL for none).
func placeName(p *entente.Place) sql.NullString {
	if p == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: p.Name, Valid: true}
}

// txn is a write transaction that prepares each statement once: ingest
// and recode run the same few statements many times, and parsing them
// anew cost more than running them.
type txn struct {
	*sql.Tx
	stmts map[string]*sql.Stmt
	// actors, when not nil, gathers actor counts until flushActors
	// (IngestBatch), so that a batch writes each actor's row once.
	actors map[string]*pendingActor
	// rollups gathers the changes of the rollups until flushRollups.
	rollups *store.Deltas
	// bulk tells that the rollups are left alone (Load fills them at its
	// end): rollups is emptied, not written.
	bulk bool
	// seq is the last position of the change feed handed out (nextSeq),
	// read from the feed row when seqRead and written back at finish when
	// seqTaken.
	seq               int64
	seqRead, seqTaken bool
	// ftsFrom and ftsTo are the first and last id of the documents this
	// transaction stored, whose text finish adds to the full-text index
	// in one statement: FTS5 writes its pending terms to disk at every
	// statement after one that wrote to it, which was a tenth of a bulk
	// load's time when each document had its own.
	ftsFrom, ftsTo int64
}

// finish writes what the transaction gathered (full-text index, change
// feed position, rollups) and commits.
func (t *txn) finish(ctx context.Context) error {
	if t.ftsFrom != 0 {
		if _, err := t.ExecContext(ctx, `INSERT INTO documents_fts (rowid, title, text)
			SELECT id, title, text FROM documents WHERE id >= ? AND id <= ? AND (text <> '' OR title <> '')`, t.ftsFrom, t.ftsTo); err != nil {
			return fmt.Errorf("full-text index: %w", err)
		}
	}
	if t.seqTaken {
		if _, err := t.ExecContext(ctx, "UPDATE feed SET seq = ?", t.seq); err != nil {
			return fmt.Errorf("feed position: %w", err)
		}
	}
	if t.bulk {
		t.rollups.Reset()
	} else if err := flushRollups(ctx, t); err != nil {
		return err
	}
	return t.Commit()
}

func (s *Store) begin(ctx context.Context) (*txn, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &txn{Tx: tx, stmts: map[string]*sql.Stmt{}, rollups: store.NewDeltas()}, nil
}

func (t *txn) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.Tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	t.stmts[query] = st
	return st, nil
}

func (t *txn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (t *txn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext reports a prepare error through Scan, as sql.Row does.
func (t *txn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return t.Tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}
