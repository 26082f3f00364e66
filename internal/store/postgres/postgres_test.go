package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"entente"
	"entente/internal/store"
	"entente/internal/store/postgres/pgtest"
	"entente/internal/store/sqlite"
	"entente/internal/store/storetest"
)

// server is the PostgreSQL of this package's tests (see pgtest).
var server = pgtest.New()

func TestMain(m *testing.M) {
	code := m.Run()
	server.Stop()
	os.Exit(code)
}

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), server.Database(t), Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

// TestConformanceCommonWords runs the suite with every word of a text
// filter taken as common, so that both ways of filtering by text are
// checked.
func TestConformanceCommonWords(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s := open(t)
		s.CommonDocs = 0
		return s
	})
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	url := server.Database(t)
	s, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest(ctx, &entente.Document{ID: "a", Text: "Some text."}, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Reopening keeps what was stored and applies no migration twice.
	s, err = Open(ctx, url, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if c, err := s.Counts(ctx); err != nil || c.Documents != 1 {
		t.Errorf("after reopening: %+v, %v", c, err)
	}
	var n int
	if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n); err != nil || n != len(mustMigrations(t)) {
		t.Errorf("schema_migrations has %d rows, %v; want %d", n, err, len(mustMigrations(t)))
	}
	// A database from a newer entente is refused.
	if _, err := s.pool.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES (99, '099_future.sql')"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, url, Options{}); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open of a newer schema: %v", err)
	}
	for _, bad := range []string{"", "entente.db", "mysql://x", "postgres://%zz"} {
		if _, err := Open(ctx, bad, Options{}); err == nil {
			t.Errorf("Open(%q) succeeded", bad)
		}
	}
}

func mustMigrations(t *testing.T) []migration {
	ms, err := readMigrations()
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// TestWorkers stores the same documents from several stores at once (as
// workers on several machines would), each in its own order and batches,
// some documents in two batches: every document is stored once and every
// event once, whatever the interleaving.
func TestWorkers(t *testing.T) {
	ctx := context.Background()
	url := server.Database(t)
	const workers, docs = 4, 40
	stores := make([]*Store, workers)
	for i := range stores {
		s, err := Open(ctx, url, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	countries := []string{"IRN", "RUS", "FRA", "TUR", "EGY"}
	doc := func(i int) *entente.Document {
		d := &entente.Document{ID: fmt.Sprintf("doc%d", i), Lang: "en", Site: fmt.Sprintf("site %d", i%7)}
		for j := range 3 {
			sentence := fmt.Sprintf("Report %d, sentence %d.", i, j)
			date := fmt.Sprintf("2024-05-%02d", 1+(i+j)%3)
			d.Events = append(d.Events, entente.Event{
				Code: "040", Root: "04", Quad: 1, Goldstein: 1, Plover: "CONSULT",
				Source:   entente.Actor{Country: countries[(i+j)%5], Code: countries[(i+j)%5]},
				Target:   entente.Actor{Country: countries[(i+2*j+1)%5], Code: countries[(i+2*j+1)%5]},
				Date:     &date,
				Modality: entente.Asserted,
				Evidence: entente.Evidence{Text: sentence, Start: len(d.Text), End: len(d.Text) + len(sentence)},
			})
			d.Text += sentence + " "
		}
		return d
	}
	var wg sync.WaitGroup
	errs := make(chan error, workers*docs)
	for w, s := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			order := rand.New(rand.NewPCG(uint64(w), 1)).Perm(docs)
			for len(order) > 0 {
				n := min(len(order), 1+w*2)
				var items []store.Item
				for _, i := range order[:n] {
					items = append(items, store.Item{Doc: doc(i)})
				}
				order = order[n:]
				if _, err := s.IngestItems(ctx, items); err != nil {
					errs <- fmt.Errorf("worker %d: %w", w, err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// The same documents stored by one store alone, for the counts.
	alone, err := Open(ctx, server.Database(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer alone.Close()
	for i := range docs {
		if _, err := alone.Ingest(ctx, doc(i), nil); err != nil {
			t.Fatal(err)
		}
	}
	got, err := stores[0].Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := alone.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want || got.Documents != docs {
		t.Errorf("Counts after concurrent workers = %+v, want %+v", got, want)
	}
	var gotSum, wantSum int
	q := "SELECT coalesce(sum(num_mentions * 1000 + num_sources), 0) FROM events"
	if err := stores[0].pool.QueryRow(ctx, q).Scan(&gotSum); err != nil {
		t.Fatal(err)
	}
	if err := alone.pool.QueryRow(ctx, q).Scan(&wantSum); err != nil {
		t.Fatal(err)
	}
	if gotSum != wantSum {
		t.Errorf("mention and source counts differ: %d, want %d", gotSum, wantSum)
	}
	// The rollups the workers kept at once add up to those of one store.
	if got, want := aggregates(t, stores[0]), aggregates(t, alone); got != want {
		t.Errorf("rollups after concurrent workers:\n%s\nwant\n%s", got, want)
	}
}

// TestBatchSameAsSQLite stores the same batches of synthetic documents
// in PostgreSQL (whose ingest writes a batch table by table) and in
// SQLite (one statement a row): both give the same results, the same
// events under the same ids with the same mentions, sources and places,
// the same change feed and the same rollups. The batches hold reports of
// events earlier documents of the batch created, places a later report
// learns, a document twice, a stored document again, a failure, and a
// sentence coded twice.
func TestBatchSameAsSQLite(t *testing.T) {
	ctx := context.Background()
	now := func() time.Time { return time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC) }
	pg, err := Open(ctx, server.Database(t), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "entente.db"), sqlite.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()

	syn := storetest.NewSynth(3)
	first, _ := syn.Items(120)
	second, _ := syn.Items(120)
	again := *first[5].Doc
	again.ID = "the same text under another name"
	twice := *second[7].Doc
	twice.Events = append(slices.Clone(twice.Events), twice.Events[0])
	twice.Events[len(twice.Events)-1].Rule = "another rule"
	twice.ID, twice.Text = "coded twice", twice.Text+" "
	first = append(first, store.Item{Doc: &again}, store.Item{Doc: &entente.Document{ID: "broken"}, Failure: errors.New("unreadable")})
	second = append(second, store.Item{Doc: first[9].Doc}, store.Item{Doc: &twice})
	for i, batch := range [][]store.Item{first, second} {
		got, err := pg.IngestItems(ctx, batch)
		if err != nil {
			t.Fatalf("PostgreSQL, batch %d: %v", i, err)
		}
		want, err := lite.IngestItems(ctx, batch)
		if err != nil {
			t.Fatalf("SQLite, batch %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			for j := range got {
				if !reflect.DeepEqual(got[j], want[j]) {
					t.Errorf("batch %d, item %d: PostgreSQL %+v, SQLite %+v", i, j, got[j], want[j])
				}
			}
		}
	}
	gc, err1 := pg.Counts(ctx)
	wc, err2 := lite.Counts(ctx)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if gc != wc || gc.Events < 400 {
		t.Fatalf("Counts: PostgreSQL %+v, SQLite %+v", gc, wc)
	}
	for id := int64(1); id <= int64(gc.Events); id++ {
		g, err1 := pg.Event(ctx, id)
		w, err2 := lite.Event(ctx, id)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		g.FirstSeen, g.LastSeen, w.FirstSeen, w.LastSeen = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		for i := range g.Mentions {
			g.Mentions[i].ID = 0
		}
		for i := range w.Mentions {
			w.Mentions[i].ID = 0
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("event %d:\nPostgreSQL %+v\nSQLite     %+v", id, g, w)
		}
	}
	gf, err1 := pg.Since(ctx, 0, 100000)
	wf, err2 := lite.Since(ctx, 0, 100000)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gf, wf) {
		t.Errorf("change feed: PostgreSQL %d changes, SQLite %d; first difference at %d", len(gf), len(wf), firstDiff(gf, wf))
	}
	if g, w := aggregates(t, pg), aggregates(t, lite); g != w {
		t.Errorf("rollups:\nPostgreSQL\n%s\nSQLite\n%s", g, w)
	}
}

func firstDiff(a, b []store.EventChange) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// aggregates renders what the unfiltered Series, Graph, Places and Count
// of s answer.
func aggregates(t *testing.T, s store.Querier) string {
	t.Helper()
	ctx := context.Background()
	series, err1 := s.Series(ctx, store.Filter{}, store.SeriesQuery{By: "root"})
	graph, err2 := s.Graph(ctx, store.Filter{}, 100)
	places, err3 := s.Places(ctx, store.Filter{}, 100)
	count, err4 := s.Count(ctx, store.Filter{})
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	out := fmt.Sprintf("%+v\n%+v\n", places, count)
	for _, b := range series {
		out += fmt.Sprintf("%s %s %d %.6f\n", b.Period, b.Key, b.Count, b.GoldsteinSum)
	}
	for _, n := range graph.Nodes {
		out += fmt.Sprintf("node %s %d %v %v\n", n.Key, n.Events, *n.First, *n.Last)
	}
	for _, e := range graph.Edges {
		out += fmt.Sprintf("edge %s %s %d %.6f\n", e.Source, e.Target, e.Count, e.GoldsteinMean)
	}
	// Date ranges, which the rollups per month answer: a whole month,
	// and days of a month.
	// And one country's graph, a QuadClass's map over days, one
	// country's map over days (the rollups of migration 8).
	for _, f := range []store.Filter{{From: "2024-06-01", To: "2024-06-30"}, {From: "2024-06-03"},
		{Country: "SYR"}, {Quad: 4, From: "2024-06-03"}, {Country: "TUR", From: "2024-06-02", To: "2024-06-08"}} {
		graph, err1 := s.Graph(ctx, f, 100)
		places, err2 := s.Places(ctx, f, 100)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf("%+v: %+v\n", f, places)
		for _, n := range graph.Nodes {
			out += fmt.Sprintf("node %s %d %v %v\n", n.Key, n.Events, *n.First, *n.Last)
		}
		for _, e := range graph.Edges {
			out += fmt.Sprintf("edge %s %s %d %.6f\n", e.Source, e.Target, e.Count, e.GoldsteinMean)
		}
	}
	return out
}

// TestMigrateRollups opens a database whose events were stored before
// the rollups (migration 3) existed: the migration fills them from the
// events, and they answer as those kept while ingesting did.
func TestMigrateRollups(t *testing.T) {
	ctx := context.Background()
	url := server.Database(t)
	s, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		date := fmt.Sprintf("2024-06-%02d", 1+i%9)
		var place *entente.Place
		if i%3 == 0 {
			place = &entente.Place{Name: "Izmir", Country: "TUR", Lat: 38.4, Lon: 27.1}
		}
		doc := &entente.Document{ID: fmt.Sprint(i), Lang: "en", Text: fmt.Sprintf("Report %d.", i), Events: []entente.Event{{
			Code: "190", Root: "19", Quad: 4, Goldstein: -10, Plover: "ASSAULT",
			Source: entente.Actor{Country: []string{"TUR", "SYR", "IRQ"}[i%3]}, Target: entente.Actor{Country: []string{"SYR", "IRQ"}[i%2], Sector: "REB"},
			Date: &date, Place: place, Modality: entente.Asserted, Evidence: entente.Evidence{Text: "Report.", End: 7},
		}}}
		if _, err := s.Ingest(ctx, doc, nil); err != nil {
			t.Fatal(err)
		}
	}
	kept := aggregates(t, s)
	for _, q := range []string{
		"DROP TABLE rollup_days, rollup_dyads, rollup_pairs, rollup_nodes, rollup_places, rollup_node_months, rollup_pair_months, rollup_place_days, rollup_place_months, rollup_countries, rollup_node_days, rollup_place_roots, rollup_country_places, rollup_node_roots, rollup_pair_roots, " +
			"rollup_country_nodes, rollup_country_pairs, rollup_place_root_months, rollup_place_root_days, rollup_country_place_months, rollup_country_place_days",
		"DROP INDEX events_place",
		"DELETE FROM schema_migrations WHERE version >= 3",
	} {
		if _, err := s.pool.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := aggregates(t, s); got != kept || !strings.Contains(got, "Izmir") {
		t.Errorf("rollups filled by the migration:\n%s\nwant (kept while ingesting)\n%s", got, kept)
	}
}
