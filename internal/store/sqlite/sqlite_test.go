package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"entente"

	"entente/internal/store"
	"entente/internal/store/sqlq"
	"entente/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "entente.db"), Options{})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return s
	})
}

// TestConformanceCommonWords runs the suite with every word of a text
// filter taken as common, so that both ways of filtering by text are
// checked.
func TestConformanceCommonWords(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "entente.db"), Options{})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		s.CommonDocs = 0
		return s
	})
}

// BenchmarkIngest stores documents of about 2 KB with five events each,
// most of them reports of events already stored.
func BenchmarkIngest(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "entente.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sentence := "Iran's foreign minister met his Russian counterpart in Moscow on Monday to discuss the talks. "
	countries := []string{"IRN", "RUS", "FRA", "DEU", "CHN", "USA", "TUR", "EGY"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		doc := &entente.Document{ID: fmt.Sprintf("doc-%d", i), Site: fmt.Sprintf("site %d", i%50), Lang: "en",
			Text: fmt.Sprintf("Report %d. %s", i, strings.Repeat(sentence, 20))}
		for j := range 5 {
			date := fmt.Sprintf("2024-04-%02d", 1+(i+j)%28)
			doc.Events = append(doc.Events, entente.Event{
				Code: "040", Root: "04", Quad: 1, Goldstein: 1, Plover: "CONSULT",
				Source:   entente.Actor{Country: countries[(i+j)%8], Sector: "GOV"},
				Target:   entente.Actor{Country: countries[(i*3+j)%8], Sector: "GOV"},
				Date:     &date,
				Modality: entente.Asserted,
				Evidence: entente.Evidence{Text: sentence, Start: j * len(sentence), End: (j + 1) * len(sentence), Trigger: "met"},
			})
		}
		if _, err := s.Ingest(context.Background(), doc, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "entente.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest(ctx, &entente.Document{ID: "a", Text: "Some text."}, nil); err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	s.Close()

	// Reopening keeps what was stored.
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if c, err := s.Counts(ctx); err != nil || c.Documents != 1 {
		t.Errorf("after reopening: %+v, %v", c, err)
	}
	// A database from a newer entente is refused.
	if _, err := s.db.ExecContext(ctx, "PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, path, Options{}); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open of a newer schema: %v", err)
	}
	for _, bad := range []string{"", "a?b.db", "a#b.db"} {
		if _, err := Open(ctx, bad, Options{}); err == nil {
			t.Errorf("Open(%q) succeeded", bad)
		}
	}
}

// TestMigrateV1 opens a database written by schema version 1 (rows
// inserted as version 1 wrote them) and checks that it is brought to
// version 2 in place: actor columns, languages, actors and changes.
func TestMigrateV1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	v1, err := os.ReadFile("testdata/schema-v1.sql")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	const now = "2024-04-17T10:00:00.000000000Z"
	iran := `{"name":"Iran","id":null,"code":"IRNGOV","country":"IRN","org":null,"sector":"GOV"}`
	russia := `{"name":"Russie","id":null,"code":"RUSGOV","country":"RUS","org":null,"sector":"GOV"}`
	shoigu := `{"name":"Sergueï Choïgou","id":"sergei-shoigu","code":"RUSMIL","country":"RUS","org":null,"sector":"MIL"}`
	ukraine := `{"name":"Ukraine","id":null,"code":"UKR","country":"UKR","org":null,"sector":null}`
	for _, stmt := range []string{
		string(v1),
		`INSERT INTO documents (id, name, publisher, lang, text, hash, ingested_at) VALUES
			(1, 'a.txt', 'harbour gazette', 'en', 'Iran met Russia.', 'h1', '` + now + `'),
			(2, 'b.txt', 'le courrier', 'fr', 'L''Iran a rencontré la Russie. Choïgou a frappé l''Ukraine.', 'h2', '` + now + `')`,
		`INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text FROM documents`,
		`INSERT INTO events (id, source_key, target_key, source, target, code, root, quad, goldstein, plover,
			date, date_precision, place, place_country, modality, num_mentions, num_sources, first_seen, last_seen) VALUES
			(1, 'IRN||GOV|', 'RUS||GOV|', '` + iran + `', '` + russia + `', '040', '04', 1, 1, 'CONSULT',
			 '2024-04-15', 'day', NULL, NULL, 'asserted', 2, 2, '` + now + `', '` + now + `'),
			(2, 'RUS||MIL|sergei-shoigu', 'UKR|||', '` + shoigu + `', '` + ukraine + `', '190', '19', 4, -10, 'ASSAULT',
			 '2024-04-16', 'day', '{"name":"Kharkiv","country":"UKR","lat":49.99,"lon":36.23,"geonames_id":706483}', 'UKR',
			 'asserted', 1, 1, '` + now + `', '` + now + `')`,
		`INSERT INTO mentions (event_id, doc_id, sentence, evidence_start, evidence_end, trigger, rule, confidence, attributed_to) VALUES
			(1, 1, 'Iran met Russia.', 0, 16, 'met', 'r', 0.5, '[]'),
			(1, 2, 'L''Iran a rencontré la Russie.', 0, 30, 'rencontré', 'r', 0.5, '[]'),
			(2, 2, 'Choïgou a frappé l''Ukraine.', 31, 59, 'frappé', 'r', 0.5, '[]')`,
		`INSERT INTO event_sources VALUES (1, 'harbour gazette'), (1, 'le courrier'), (2, 'le courrier')`,
		`PRAGMA user_version = 1`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("writing version 1: %v\n%s", err, stmt)
		}
	}
	db.Close()

	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("Open of version 1: %v", err)
	}
	defer s.Close()
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil || v != schemaVersion {
		t.Errorf("user_version = %d, %v; want %d", v, err, schemaVersion)
	}
	if c, err := s.Counts(ctx); err != nil || c != (store.Counts{Documents: 2, Events: 2, Mentions: 3}) {
		t.Errorf("Counts = %+v, %v", c, err)
	}
	ids := func(f store.Filter) []int64 {
		t.Helper()
		page, err := s.Events(ctx, f, store.Page{Sort: "id"})
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		var out []int64
		for _, e := range page.Events {
			out = append(out, e.ID)
		}
		return out
	}
	for _, tt := range []struct {
		f    store.Filter
		want []int64
	}{
		{store.Filter{Dyad: [2]string{"IRN", "RUS"}, From: "2024-04-01", To: "2024-04-30"}, []int64{1}},
		{store.Filter{Actor: "sergei-shoigu"}, []int64{2}},
		{store.Filter{Country: "RUS", Role: "source"}, []int64{2}},
		{store.Filter{Sector: "GOV", Role: "target"}, []int64{1}},
		{store.Filter{Actor: "RUSMIL"}, []int64{2}},
		{store.Filter{Lang: "en"}, []int64{1}},
		{store.Filter{Lang: "fr"}, []int64{1, 2}},
		{store.Filter{Text: "choigou"}, []int64{1, 2}},
	} {
		if got := ids(tt.f); !slices.Equal(got, tt.want) {
			t.Errorf("Events(%+v) = %v, want %v", tt.f, got, tt.want)
		}
	}
	// Places of a country's events read the place's name from its column
	// (version 5), filled from the JSON.
	if got, err := s.Places(ctx, store.Filter{Country: "RUS"}, 10); err != nil || len(got) != 1 || got[0].Name != "Kharkiv" || got[0].Events != 1 {
		t.Errorf("Places(RUS) = %+v, %v; want Kharkiv", got, err)
	}
	actors, err := s.Actors(ctx, "choigou", 10)
	if err != nil || len(actors) != 1 || actors[0].Key != "sergei-shoigu" || actors[0].Events != 1 || *actors[0].First != "2024-04-16" {
		t.Errorf("Actors(choigou) = %+v, %v", actors, err)
	}
	if a, err := s.Actor(ctx, "IRN||GOV|"); err != nil || a.Events != 1 || a.Actor.Name != "Iran" {
		t.Errorf("Actor(IRN||GOV|) = %+v, %v", a, err)
	}
	// The migrated store keeps working: a new report joins event 1, and a
	// recode of b.txt without its strike removes event 2.
	m := entente.Event{Code: "040", Root: "04", Quad: 1, Goldstein: 1, Plover: "CONSULT",
		Source: entente.Actor{Name: "Iran", Code: "IRNGOV", Country: "IRN", Sector: "GOV"},
		Target: entente.Actor{Name: "Russia", Code: "RUSGOV", Country: "RUS", Sector: "GOV"},
		Date:   ptr("2024-04-15"), Modality: entente.Asserted,
		Evidence: entente.Evidence{Text: "Iran and Russia met.", End: 20}}
	res, err := s.Ingest(ctx, &entente.Document{ID: "c.txt", Site: "Wire", Lang: "en", Text: "Iran and Russia met.", Events: []entente.Event{m}}, nil)
	if err != nil || res.Events[0] != 1 {
		t.Fatalf("Ingest after migration = %+v, %v; want a mention of event 1", res, err)
	}
	if e, err := s.Event(ctx, 1); err != nil || e.NumMentions != 3 || e.NumSources != 3 || e.FirstDoc != 1 {
		t.Errorf("event 1 = %+v, %v", e, err)
	}
	m.Evidence = entente.Evidence{Text: "L'Iran a rencontré la Russie.", End: 30}
	ch, err := s.Recode(ctx, 2, &entente.Document{ID: "b.txt", Lang: "fr", Events: []entente.Event{m}}, "migrated")
	if err != nil || len(ch) != 1 || ch[0].Action != "removed" || ch[0].Event != 2 {
		t.Errorf("Recode = %+v, %v; want event 2 removed", ch, err)
	}
	if _, err := s.Actor(ctx, "sergei-shoigu"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Actor(sergei-shoigu) after recode: %v", err)
	}
	// The change feed (version 3): the migrated events took their ids as
	// positions; the new mention updated event 1, the recode removed 2.
	feed, err := s.Since(ctx, 0, 10)
	want := []store.EventChange{{Seq: 3, Event: 1, Action: store.Updated, Created: 1}, {Seq: 4, Event: 2, Action: store.Removed}}
	if err != nil || !slices.Equal(feed, want) {
		t.Errorf("Since(0) = %+v, %v; want %+v", feed, err, want)
	}
	if feed, err := s.Since(ctx, 2, 10); err != nil || len(feed) != 2 || feed[0].Action != store.Updated {
		t.Errorf("Since(2) = %+v, %v; want event 1 updated", feed, err)
	}
	// The rollups (version 4), filled from the migrated events and kept
	// since: event 1 alone is left.
	series, err := s.Series(ctx, store.Filter{}, store.SeriesQuery{})
	if want := []store.Bucket{{Period: "2024-04-15", Key: "1", Count: 1, GoldsteinSum: 1, GoldsteinMean: 1}}; err != nil || !slices.Equal(series, want) {
		t.Errorf("Series = %+v, %v; want %+v", series, err, want)
	}
	g, err := s.Graph(ctx, store.Filter{}, 10)
	if err != nil || len(g.Nodes) != 2 || g.Nodes[0].Key != "IRN||GOV|" || g.Nodes[1].Key != "RUS||GOV|" || *g.Nodes[1].First != "2024-04-15" ||
		len(g.Edges) != 1 || g.Edges[0].Count != 1 {
		t.Errorf("Graph = %+v, %v; want Iran and Russia, one edge", g, err)
	}
	// The rollups per month (version 6), filled and kept likewise.
	for _, f := range []store.Filter{{From: "2024-04-01", To: "2024-04-30"}, {From: "2024-04-10"}} {
		if gm, err := s.Graph(ctx, f, 10); err != nil || graphText(gm) != graphText(g) {
			t.Errorf("Graph(%+v) = %s, %v; want %s", f, graphText(gm), err, graphText(g))
		}
	}
	if n, err := s.Count(ctx, store.Filter{Code: "19"}); err != nil || n.Events != 0 {
		t.Errorf("Count(19) = %+v, %v; want none", n, err)
	}
}

func ptr(s string) *string { return &s }

// graphText is a graph's nodes and edges as text.
func graphText(g *store.Graph) string {
	if g == nil {
		return "<nil>"
	}
	var b strings.Builder
	for _, n := range g.Nodes {
		fmt.Fprintf(&b, "node %s %d %v %v; ", n.Key, n.Events, *n.First, *n.Last)
	}
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "edge %s %s %d %.6f; ", e.Source, e.Target, e.Count, e.GoldsteinMean)
	}
	return b.String()
}

// TestLoad fills a store in bulk, once to the end and once failing half
// way: the read-side indexes are there again both times.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "entente.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	indexes := func() int {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_%'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	want := indexes()
	if want != len(eventIndexes())+1 { // and events_identity
		t.Fatalf("%d indexes on events, want %d", want, len(eventIndexes())+1)
	}
	doc := func(i int) *entente.Document {
		return &entente.Document{ID: fmt.Sprint(i), Lang: "en", Text: fmt.Sprintf("Report %d.", i), Events: []entente.Event{{
			Code: "040", Root: "04", Quad: 1, Source: entente.Actor{Country: "IRN"}, Target: entente.Actor{Country: "RUS"},
			Date: ptr(fmt.Sprintf("2024-01-%02d", 1+i%28)), Modality: entente.Asserted, Evidence: entente.Evidence{End: 9},
		}}}
	}
	var during int
	err = s.Load(ctx, func(ingest func([]*entente.Document) error) error {
		during = indexes()
		for b := range 3 {
			if err := ingest([]*entente.Document{doc(2 * b), doc(2*b + 1), doc(2 * b)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || during != 0 || indexes() != want {
		t.Errorf("Load: %v; %d indexes during the load, %d after, want 0 and %d", err, during, indexes(), want)
	}
	if c, err := s.Counts(ctx); err != nil || c.Documents != 6 || c.Events != 6 {
		t.Errorf("Counts = %+v, %v", c, err)
	}
	if a, err := s.Actor(ctx, "IRN|||"); err != nil || a.Events != 6 || *a.First != "2024-01-01" || *a.Last != "2024-01-06" {
		t.Errorf("Actor(IRN) after Load = %+v, %v", a, err)
	}
	page, err := s.Events(ctx, store.Filter{Dyad: [2]string{"IRN", "RUS"}, From: "2024-01-03"}, store.Page{Desc: true})
	if err != nil || len(page.Events) != 4 || *page.Events[0].Date != "2024-01-06" {
		t.Errorf("Events after Load = %+v, %v", page, err)
	}
	failure := errors.New("generator broke")
	err = s.Load(ctx, func(ingest func([]*entente.Document) error) error { return failure })
	if !errors.Is(err, failure) || indexes() != want {
		t.Errorf("failed Load: %v, %d indexes after, want %d", err, indexes(), want)
	}
	// Interrupted (Ctrl-C): what was stored is indexed and in the
	// rollups all the same.
	cctx, cancel := context.WithCancel(ctx)
	err = s.Load(cctx, func(ingest func([]*entente.Document) error) error {
		if err := ingest([]*entente.Document{doc(100)}); err != nil {
			return err
		}
		cancel()
		return cctx.Err()
	})
	if !errors.Is(err, context.Canceled) || indexes() != want {
		t.Errorf("interrupted Load: %v, %d indexes after, want %d", err, indexes(), want)
	}
	if c, err := s.Count(ctx, store.Filter{}); err != nil || c.Events != 7 {
		t.Errorf("Count after an interrupted Load = %+v, %v; want 7 events", c, err)
	}
}

// TestLoadRollups checks that the rollups a Load fills at its end are
// those that ingesting the same documents keeps, row for row, and that
// full-text search finds a batch's documents.
func TestLoadRollups(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	kept, err := Open(ctx, filepath.Join(dir, "kept.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	loaded, err := Open(ctx, filepath.Join(dir, "loaded.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.Close()
	synth := storetest.NewSynth(3)
	var batches [][]*entente.Document
	for range 4 {
		items, _ := synth.Items(150)
		if _, err := kept.IngestItems(ctx, items); err != nil {
			t.Fatal(err)
		}
		var docs []*entente.Document
		for _, it := range items {
			docs = append(docs, it.Doc)
		}
		batches = append(batches, docs)
	}
	// An event first reported without its place's country, then with it
	// (which the event takes), again with it, and with another one (a
	// new event), in two batches.
	placed := func(i int, country string) *entente.Document {
		return &entente.Document{ID: fmt.Sprint("placed-", i), Lang: "fr", Site: fmt.Sprint("Site ", i), Text: fmt.Sprint("Placed report ", i, "."),
			Events: []entente.Event{{Code: "190", Root: "19", Quad: 4, Goldstein: -10, Source: entente.Actor{Country: "MLI"},
				Target: entente.Actor{Country: "NER"}, Date: ptr("2024-03-02"), Modality: entente.Asserted, Evidence: entente.Evidence{End: 6},
				Place: &entente.Place{Name: "Border town", Country: country}}}}
	}
	batches = append(batches, []*entente.Document{placed(1, ""), placed(2, "NER")}, []*entente.Document{placed(3, "NER"), placed(4, "MLI"), placed(5, "")})
	for _, b := range batches[len(batches)-2:] {
		items := make([]store.Item, len(b))
		for i, d := range b {
			items[i].Doc = d
		}
		if _, err := kept.IngestItems(ctx, items); err != nil {
			t.Fatal(err)
		}
	}
	err = loaded.Load(ctx, func(ingest func([]*entente.Document) error) error {
		for _, b := range batches {
			if err := ingest(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range store.Tables {
		got, want := dumpTable(t, loaded.db, tb), dumpTable(t, kept.db, tb)
		if got != want {
			t.Errorf("%s after Load:\n%s\nwant (kept by ingest)\n%s", tb.Name, got, want)
		}
		if want == "" {
			t.Errorf("%s is empty", tb.Name)
		}
	}
	// What a Load into an empty store finds by the identities it keeps
	// in memory, ingest finds by the identity index: the same events
	// (with their places, counts and feed positions), mentions, sources
	// and actors.
	for _, q := range []string{
		`SELECT id, source_key, target_key, source, target, code, root, quad, goldstein, plover, date, date_precision, place,
			place_name, place_country, modality, num_mentions, num_sources, langs, seq, added_seq FROM events ORDER BY id`,
		`SELECT * FROM mentions ORDER BY id`,
		`SELECT * FROM event_sources ORDER BY event_id, publisher`,
		`SELECT * FROM feed`,
		`SELECT * FROM actors ORDER BY key`,
	} {
		if got, want := dumpQuery(t, loaded.db, q), dumpQuery(t, kept.db, q); got != want {
			t.Errorf("%s after Load:\n%s\nwant (kept by ingest)\n%s", q, got, want)
		}
	}
	var identity int
	if err := loaded.db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'events_identity'").Scan(&identity); err != nil || identity != 1 {
		t.Errorf("events_identity after Load: %d, %v", identity, err)
	}
	for _, s := range []*Store{kept, loaded} {
		hits, err := s.Search(ctx, "synthetic", 0)
		if err != nil || len(hits) != 600 {
			t.Errorf("Search(synthetic) = %d hits, %v; want 600", len(hits), err)
		}
		if c, err := s.Counts(ctx); err != nil || c.Documents != 605 {
			t.Errorf("Counts = %+v, %v; want 605 documents", c, err)
		}
	}
}

// TestMigrateV6 opens a version-6, 7 and 8 database: the migration adds
// the rollups of versions 7, 8 and 9 and fills them as ingest keeps them.
func TestMigrateV6(t *testing.T) {
	for _, tt := range []struct {
		version int
		drop    []string
	}{
		{6, append([]string{"rollup_node_days", "rollup_place_roots", "rollup_country_places", "rollup_node_roots", "rollup_pair_roots"}, v9Rollups...)},
		{7, append([]string{"rollup_node_roots", "rollup_pair_roots"}, v9Rollups...)},
		{8, v9Rollups},
	} {
		t.Run(fmt.Sprint(tt.version), func(t *testing.T) { testMigrate(t, tt.version, tt.drop) })
	}
}

func testMigrate(t *testing.T, version int, drop []string) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v6.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	items, _ := storetest.NewSynth(5).Items(200)
	if _, err := s.IngestItems(ctx, items); err != nil {
		t.Fatal(err)
	}
	kept := map[string]string{}
	for _, tb := range store.Tables {
		kept[tb.Name] = dumpTable(t, s.db, tb)
	}
	for _, table := range drop {
		if _, err := s.db.ExecContext(ctx, "DROP TABLE "+table); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path, Options{}); err != nil {
		t.Fatalf("Open of version %d: %v", version, err)
	}
	defer s.Close()
	for _, tb := range store.Tables {
		if got := dumpTable(t, s.db, tb); got != kept[tb.Name] {
			t.Errorf("%s after the migration:\n%s\nwant (kept by ingest)\n%s", tb.Name, got, kept[tb.Name])
		}
	}
}

// dumpTable renders the rows of a rollup table in key order.
func dumpTable(t *testing.T, db *sql.DB, tb store.Table) string {
	t.Helper()
	cols := append(slices.Clone(tb.Keys), tb.Cols...)
	return dumpQuery(t, db, "SELECT "+strings.Join(cols, ", ")+" FROM "+tb.Name+" ORDER BY "+strings.Join(tb.Keys, ", "))
}

// dumpQuery returns the rows of query, a line each.
func dumpQuery(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if f, ok := v.(float64); ok {
				v = fmt.Sprintf("%.6f", f)
			}
			fmt.Fprintf(&out, "%v", v)
			if i < len(vals)-1 {
				out.WriteString(" ")
			}
		}
		out.WriteString("\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestMentionsPlan checks that a page of an event's mentions is read from
// the index in order (no sort of all the event's mentions first).
func TestMentionsPlan(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "entente.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN SELECT id, sentence, attributed_to FROM mentions WHERE event_id = ? ORDER BY event_id, doc_id, evidence_start LIMIT 10 OFFSET 20", 1)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if p := strings.Join(plan, "; "); !strings.Contains(p, "USING INDEX") || strings.Contains(p, "TEMP B-TREE") {
		t.Errorf("plan of a page of mentions: %s", p)
	}
}

// TestAggregatePlan checks that an aggregate over the events of a
// country, on either side, reads the indexes of aggregates alone (one
// per side), not the table.
func TestAggregatePlan(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "entente.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Enough events between a few countries that the planner, with
	// statistics, prefers indexes to reading the table.
	countries := []string{"IRN", "RUS", "TUR", "IRQ", "SYR", "ISR", "EGY", "SAU"}
	doc := &entente.Document{ID: "a.txt", Lang: "en", Text: "Iran met Russia."}
	for i := range 400 {
		doc.Events = append(doc.Events, entente.Event{
			Code: "040", Root: "04", Quad: 1, Goldstein: 1, Plover: "CONSULT",
			Source: entente.Actor{Country: countries[i%8]}, Target: entente.Actor{Country: countries[(i/8)%8]},
			Date: ptr(fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28)), Modality: entente.Asserted,
			Place: &entente.Place{Name: "Ankara", Country: "TUR"}, Evidence: entente.Evidence{Text: "Iran met Russia.", End: 16},
		})
	}
	if _, err := s.Ingest(ctx, doc, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	// The queries that Series, Graph, Places and Count run, each
	// explained: those that read events must read both indexes.
	rec := &recorder{db: s.db}
	s.Reader.DB = rec
	for _, f := range []store.Filter{{Actor: "IRN"}, {Country: "RUS", From: "2024-01-01", Quad: 1}} {
		rec.queries = nil
		if _, err := s.Series(ctx, f, store.SeriesQuery{}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Graph(ctx, f, 10); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Places(ctx, f, 10); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Count(ctx, f); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, q := range rec.queries {
			if !strings.Contains(q.sql, "FROM events e") {
				continue
			}
			n++
			rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q.sql, q.args...)
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			rows.Close()
			p := strings.Join(plan, "; ")
			if !strings.Contains(p, "COVERING INDEX events_source_facts") || !strings.Contains(p, "COVERING INDEX events_target_facts") {
				t.Errorf("plan of %+v (%s): %s", f, q.sql, p)
			}
		}
		// A country's events over dates and of a QuadClass: graph's
		// nodes and edges, and places (series and count read the rollup
		// per country). Without dates, every view reads rollups.
		want := 3
		if f.From == "" {
			want = 0
		}
		if n != want {
			t.Errorf("%+v: %d queries read events, want %d", f, n, want)
		}
	}
}

// recorder runs queries on db and keeps them.
type recorder struct {
	db      *sql.DB
	queries []struct {
		sql  string
		args []any
	}
}

func (r *recorder) Query(ctx context.Context, query string, args ...any) (sqlq.Rows, error) {
	r.queries = append(r.queries, struct {
		sql  string
		args []any
	}{query, args})
	return reader{r.db}.Query(ctx, query, args...)
}
