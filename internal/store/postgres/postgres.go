// Package postgres is the event store of a cluster: PostgreSQL through
// pgx (github.com/jackc/pgx/v5, pgxpool), shared by any number of
// workers and API servers. It implements store.Store and passes the same
// conformance suite as the embedded SQLite store (internal/store/
// storetest).
//
// The schema is the SQL files under migrations/, applied in order and
// recorded in schema_migrations when the store is opened. Full-text search
// uses PostgreSQL's tsvector with a GIN index over the folded words of each
// document (split as store.Words splits them, so that both stores match
// the same words).
//
// Concurrency: a write transaction first takes advisory locks on the
// content hashes of its documents and on the identities of their events,
// in one sorted order; so two workers storing the same document at once
// store it once, and two reports of one event from two documents at once
// make one event. Actor rows are written last, in key order. A transaction
// that still deadlocks or fails to serialise is retried.
package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"entente"
	"entente/internal/segment"
	"entente/internal/store"
	"entente/internal/store/sqlq"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options configure a Store.
type Options struct {
	// Now is the clock for ingested_at, first_seen and last_seen;
	// time.Now when nil.
	Now func() time.Time
	// MaxConns caps the connection pool; pgxpool's default (the larger of
	// 4 and the number of CPUs) when 0.
	MaxConns int32
}

// Store is a store.Store kept in PostgreSQL.
type Store struct {
	// Reader answers the reads (Events, Series, Graph...), in SQL shared
	// with the SQLite store.
	sqlq.Reader
	pool *pgxpool.Pool
	now  func() time.Time
}

var _ store.Store = (*Store)(nil)

// IsURL reports whether db names a PostgreSQL database (a postgres:// or
// postgresql:// URL) rather than a file.
func IsURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// Open connects to the database at url (postgres://user:pass@host:port/db)
// and brings its schema up to date.
func Open(ctx context.Context, url string, opt Options) (*Store, error) {
	if !IsURL(url) {
		return nil, fmt.Errorf("store: open: want a postgres:// or postgresql:// URL")
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err) // pgx hides the password
	}
	if opt.MaxConns > 0 {
		cfg.MaxConns = opt.MaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", redact(cfg), err)
	}
	s := &Store{Reader: sqlq.Reader{DB: reader{pool}, Dialect: dialect(), CommonDocs: 2000}, pool: pool, now: opt.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: open %s: %w", redact(cfg), err)
	}
	return s, nil
}

func redact(cfg *pgxpool.Config) string {
	return fmt.Sprintf("postgres://%s@%s:%d/%s", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
}

// migrationLock is the advisory lock key under which one process at a
// time migrates a database.
const migrationLock = 0x656e74656e7465 // "entente"

// writeLock is the advisory lock key that ingests take shared and recodes
// take exclusive.
const writeLock = migrationLock + 1

// migration is one file under migrations/: NNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

func readMigrations() ([]migration, error) {
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, f := range files {
		base := strings.TrimPrefix(f, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: want NNN_name.sql", base)
		}
		b, err := migrations.ReadFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, base, string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := range out {
		if out[i].version != i+1 {
			return nil, fmt.Errorf("migration %s: versions must run 1, 2, 3... without gaps", out[i].name)
		}
	}
	return out, nil
}

// migrate applies the migrations the database lacks, in one transaction
// under an advisory lock (workers starting together migrate once), and
// refuses a database migrated by a newer entente.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := readMigrations()
	if err != nil {
		return err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(migrationLock)); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var current int
	if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if current > len(ms) {
		return fmt.Errorf("schema version %d is newer than this entente (%d)", current, len(ms))
	}
	for _, m := range ms[current:] {
		if _, err := tx.Exec(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version, m.name); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return tx.Commit(ctx)
}

// Close closes the connection pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Analyze refreshes the planner's statistics and the visibility map
// (VACUUM (ANALYZE)); worth running after a bulk load: until a vacuum
// marks the new rows visible, an aggregate over a country's events
// reads the table although its index holds all it needs (21,361 buffers
// against 581 for one count at 200,000 events).
func (s *Store) Analyze(ctx context.Context) error {
	if _, err := s.pool.Exec(ctx, "VACUUM (ANALYZE)"); err != nil {
		return fmt.Errorf("store: analyze: %w", err)
	}
	return nil
}

// write runs fn in a transaction and commits it, running it again (up to
// five times) when PostgreSQL aborted it to break a deadlock or a
// serialisation conflict.
func (s *Store) write(ctx context.Context, fn func(tx pgx.Tx) error) error {
	for try := 0; ; try++ {
		err := pgx.BeginFunc(ctx, s.pool, fn)
		var pe *pgconn.PgError
		if err == nil || try == 4 || !errors.As(err, &pe) || (pe.Code != "40P01" && pe.Code != "40001") {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(10*(try+1)) * time.Millisecond):
		}
	}
}

// lockKey is the advisory lock key of a string.
func lockKey(s string) int64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return int64(h.Sum64())
}

// identity is the part of an event's identity that every report of it
// shares exactly (all but the place country, which may be unknown).
func identity(k store.Key) string {
	return strings.Join([]string{k.Source, k.Target, k.Code, k.Date, k.Modality}, "\x00")
}

// lock takes, in one sorted order, the advisory locks of the documents'
// content hashes and of their events' identities, after the shared write
// lock.
func lock(ctx context.Context, tx pgx.Tx, items []store.Item) error {
	keys := []int64{}
	for _, it := range items {
		keys = append(keys, lockKey("doc\x00"+store.Hash(it.Doc)))
		if it.Failure != nil {
			continue
		}
		for i := range it.Doc.Events {
			keys = append(keys, lockKey("event\x00"+identity(store.KeyOf(&it.Doc.Events[i]))))
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock_shared($1)", int64(writeLock)); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	if _, err := tx.Exec(ctx, "SELECT count(pg_advisory_xact_lock(k)) FROM unnest($1::bigint[]) AS k", keys); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	return nil
}

// Ingest implements store.Store.
func (s *Store) Ingest(ctx context.Context, doc *entente.Document, failure error) (store.Result, error) {
	if doc == nil {
		return store.Result{}, errors.New("store: ingest: nil document")
	}
	res, err := s.ingestItems(ctx, []store.Item{{Doc: doc, Failure: failure}})
	if err != nil {
		return store.Result{}, fmt.Errorf("store: ingest %s: %w", doc.ID, err)
	}
	return res[0], nil
}

// IngestItems implements store.Store. A store error rolls the whole
// batch back.
func (s *Store) IngestItems(ctx context.Context, items []store.Item) ([]store.Result, error) {
	for _, it := range items {
		if it.Doc == nil {
			return nil, errors.New("store: ingest batch: nil document")
		}
	}
	res, err := s.ingestItems(ctx, items)
	if err != nil {
		return nil, fmt.Errorf("store: ingest batch: %w", err)
	}
	return res, nil
}

// IngestBatch stores many coded documents in one transaction, as
// IngestItems stores them.
func (s *Store) IngestBatch(ctx context.Context, docs []*entente.Document) ([]store.Result, error) {
	items := make([]store.Item, len(docs))
	for i, doc := range docs {
		items[i].Doc = doc
	}
	return s.IngestItems(ctx, items)
}

func (s *Store) ingestItems(ctx context.Context, items []store.Item) ([]store.Result, error) {
	if len(items) == 0 {
		return []store.Result{}, nil
	}
	var results []store.Result
	err := s.write(ctx, func(tx pgx.Tx) error {
		if err := lock(ctx, tx, items); err != nil {
			return err
		}
		w := newWriter(tx, s.now().UTC())
		var err error
		if results, err = w.ingest(ctx, items); err != nil {
			return err
		}
		return w.flush(ctx)
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// Has implements store.Store.
func (s *Store) Has(ctx context.Context, hash string) (int64, bool, error) {
	var id int64
	err := s.pool.QueryRow(ctx, "SELECT id FROM documents WHERE hash = $1", hash).Scan(&id)
	switch {
	case err == nil:
		return id, true, nil
	case errors.Is(err, pgx.ErrNoRows):
		return 0, false, nil
	}
	return 0, false, fmt.Errorf("store: has %s: %w", hash, err)
}

// ingest stores the documents of items inside w's transaction, in a few
// statements: the stored content hashes are read at once, the new
// documents inserted in one pipeline, and their events written by
// insertEvents.
func (w *writer) ingest(ctx context.Context, items []store.Item) ([]store.Result, error) {
	results := make([]store.Result, len(items))
	hashes := make([]string, len(items))
	for i, it := range items {
		hashes[i] = store.Hash(it.Doc)
	}
	stored := map[string]int64{}
	rows, err := w.tx.Query(ctx, "SELECT hash, id FROM documents WHERE hash = ANY($1)", hashes)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	for rows.Next() {
		var h string
		var id int64
		if err := rows.Scan(&h, &id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("documents: %w", err)
		}
		stored[h] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}

	// New documents, each once: a later item of the same text is a
	// duplicate of the first.
	first := map[string]int{}
	var fresh []int
	b := &pgx.Batch{}
	for i, it := range items {
		if id, ok := stored[hashes[i]]; ok {
			results[i] = store.Result{Doc: id, Duplicate: true}
			continue
		}
		if _, ok := first[hashes[i]]; ok {
			continue
		}
		first[hashes[i]] = i
		fresh = append(fresh, i)
		queueDocument(b, it.Doc, hashes[i], w.now, it.Failure, &results[i])
	}
	if err := w.tx.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	for _, i := range fresh {
		if results[i].Doc != 0 {
			continue
		}
		// Stored meanwhile by a transaction that did not take the lock.
		if err := w.tx.QueryRow(ctx, "SELECT id FROM documents WHERE hash = $1", hashes[i]).Scan(&results[i].Doc); err != nil {
			return nil, fmt.Errorf("%s: %w", items[i].Doc.ID, err)
		}
		results[i] = store.Result{Doc: results[i].Doc, Duplicate: true}
	}
	for i := range items {
		if j, ok := first[hashes[i]]; ok && j != i {
			results[i] = store.Result{Doc: results[j].Doc, Duplicate: true}
		}
	}

	var reps []report
	for _, i := range fresh {
		doc, res := items[i].Doc, &results[i]
		if res.Duplicate || items[i].Failure != nil {
			continue
		}
		res.Events = make([]int64, len(doc.Events))
		publisher := store.Publisher(doc)
		for j := range doc.Events {
			reps = append(reps, report{doc: res.Doc, publisher: publisher, lang: doc.Lang, e: &doc.Events[j], res: res, i: j})
		}
	}
	if err := w.insertEvents(ctx, reps); err != nil {
		return nil, err
	}
	return results, nil
}

// maxWords caps the bytes of the words indexed for one document, under
// PostgreSQL's limit of a tsvector (1 MB).
const maxWords = 900 << 10

// words returns the distinct folded words of a document's title and text,
// in order of first use.
func words(title, text string) []string {
	seen := map[string]bool{}
	out := []string{}
	size := 0
	for _, part := range []string{title, text} {
		for _, w := range store.Words(segment.Fold(part)) {
			if seen[w] || len(w) > 2000 {
				continue
			}
			if size += len(w) + 8; size > maxWords {
				return out
			}
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// tsquery is the query that every word of q matches, or "" when q has no
// word. Words are letters and digits only, so quoting them is enough.
func tsquery(q string) string {
	ws := store.Words(segment.Fold(q))
	for i, w := range ws {
		ws[i] = "'" + w + "'"
	}
	return strings.Join(ws, " & ")
}

// queueDocument queues the insert of a document, which sets res.Doc
// (left 0 when a document of the same hash is stored).
func queueDocument(b *pgx.Batch, doc *entente.Document, hash string, now time.Time, failure error, res *store.Result) {
	var date, errText *string
	if !doc.Date.IsZero() {
		d := doc.Date.Format(time.DateOnly)
		date = &d
	}
	if failure != nil {
		e := failure.Error()
		errText = &e
		res.Failed = true
	}
	b.Queue(`INSERT INTO documents
		(name, url, title, site, publisher, lang, date, date_from, text, hash, ingested_at, error, words)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, array_to_tsvector($13::text[]))
		ON CONFLICT (hash) DO NOTHING RETURNING id`,
		doc.ID, doc.URL, doc.Title, doc.Site, store.Publisher(doc), doc.Lang, date, doc.DateFrom,
		doc.Text, hash, now, errText, words(doc.Title, doc.Text)).QueryRow(func(row pgx.Row) error {
		err := row.Scan(&res.Doc)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", doc.ID, err)
		}
		return nil
	})
}

// writer is one write transaction: the actor counts it gathers are
// written at the end, in key order (see flush).
type writer struct {
	tx     pgx.Tx
	now    time.Time
	actors map[string]*pendingActor
	// rollups gathers the changes of the rollups until flushRollups.
	rollups *store.Deltas
	feed    changes
}

func newWriter(tx pgx.Tx, now time.Time) *writer {
	return &writer{tx: tx, now: now, actors: map[string]*pendingActor{}, rollups: store.NewDeltas()}
}

// flush writes what the transaction gathered; the change feed last, as
// the feed counter's row stays locked until the transaction ends.
func (w *writer) flush(ctx context.Context) error {
	if err := w.flushActors(ctx); err != nil {
		return err
	}
	if err := w.flushRollups(ctx); err != nil {
		return err
	}
	return w.flushFeed(ctx, w.now)
}

// findEvent returns the stored event with key's identity: one in the same
// place country first, else one whose place or key's is unknown. id is 0
// when there is none.
func findEvent(ctx context.Context, tx pgx.Tx, key store.Key) (id int64, placeKnown bool, err error) {
	rows, err := tx.Query(ctx, `SELECT id, place_country FROM events
		WHERE source_key = $1 AND target_key = $2 AND code = $3 AND day = $4 AND modality = $5
		ORDER BY id`, key.Source, key.Target, key.Code, key.Date, key.Modality)
	if err != nil {
		return 0, false, fmt.Errorf("find: %w", err)
	}
	defer rows.Close()
	var loose int64
	var looseKnown bool
	for rows.Next() {
		var cid int64
		var country *string
		if err := rows.Scan(&cid, &country); err != nil {
			return 0, false, fmt.Errorf("find: %w", err)
		}
		if key.PlaceCountry != "" && country != nil && *country == key.PlaceCountry {
			return cid, true, nil
		}
		if loose == 0 && (key.PlaceCountry == "" || country == nil) {
			loose, looseKnown = cid, country != nil
		}
	}
	if err := rows.Err(); err != nil {
		return 0, false, fmt.Errorf("find: %w", err)
	}
	return loose, looseKnown, nil
}

// Search implements store.Store.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]store.Hit, error) {
	query := tsquery(q)
	if query == "" {
		return nil, nil
	}
	var lim *int
	if limit > 0 {
		lim = &limit
	}
	rows, err := s.pool.Query(ctx, `SELECT id, name, title FROM documents
		WHERE words @@ $1::tsquery ORDER BY id DESC LIMIT $2`, query, lim)
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

func placeJSON(p *entente.Place) (*string, error) {
	if p == nil {
		return nil, nil
	}
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("place: %w", err)
	}
	s := string(b)
	return &s, nil
}

func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
