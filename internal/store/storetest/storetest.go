// Package storetest is the conformance suite of store.Store: every
// implementation runs Run from its own tests, on a fresh empty store per
// subtest, and so keeps the same identity, idempotency and search rules,
// and answers the queries of the read side (store.Querier) and recodes
// (store.Recoder) alike.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"entente"
	"entente/internal/store"
)

// Run runs the suite; open returns a new, empty store, and is called once
// per subtest. Run closes the stores it opens.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"Empty", testEmpty},
		{"RoundTrip", testRoundTrip},
		{"Duplicate", testDuplicate},
		{"SameEvent", testSameEvent},
		{"Identity", testIdentity},
		{"SameDocument", testSameDocument},
		{"Failed", testFailed},
		{"Batch", testBatch},
		{"BatchAtomic", testBatchAtomic},
		{"Has", testHas},
		{"Search", testSearch},
		{"Concurrent", testConcurrent},
		{"EventsFilter", testEventsFilter},
		{"EventsFirstMention", testEventsFirstMention},
		{"Pagination", testPagination},
		{"BadCursor", testBadCursor},
		{"Series", testSeries},
		{"SeriesWeeks", testSeriesWeeks},
		{"Graph", testGraph},
		{"Places", testPlaces},
		{"Actors", testActors},
		{"Documents", testDocuments},
		{"Mentions", testMentions},
		{"RecodeUnchanged", testRecodeUnchanged},
		{"RecodeChanges", testRecodeChanges},
		{"RecodeFailed", testRecodeFailed},
		{"Feed", testFeed},
		{"Rollups", testRollups},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			}()
			tt.fn(t, s)
		})
	}
}

var (
	iran   = entente.Actor{Name: "Iran's foreign minister", Code: "IRNGOV", Country: "IRN", Sector: "GOV"}
	russia = entente.Actor{Name: "Russian counterpart", Code: "RUSGOV", Country: "RUS", Sector: "GOV"}
	un     = entente.Actor{Name: "United Nations", ID: "un", Code: "IGOUNO", Org: "UN"}
	moscow = &entente.Place{Name: "Moscow", Country: "RUS", Lat: 55.7522, Lon: 37.6156, GeonamesID: 524901}
	kazan  = &entente.Place{Name: "Kazan", Country: "RUS", Lat: 55.7887, Lon: 49.1221, GeonamesID: 551487}
	tehran = &entente.Place{Name: "Tehran", Country: "IRN", Lat: 35.6944, Lon: 51.4215, GeonamesID: 112931}
)

func ptr(s string) *string { return &s }

func mustDate(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// meeting is an event: Iran's minister meets Russia's in Moscow on 15 April 2024.
func meeting() entente.Event {
	return entente.Event{
		Code: "040", Root: "04", Quad: 1, Goldstein: 1, Plover: "CONSULT",
		Source: iran, Target: russia,
		Date: ptr("2024-04-15"), DatePrecision: ptr("day"),
		Place: moscow, Modality: entente.Asserted,
		AttributedTo: []string{"IRNA"},
		Rule:         "patterns/en-coop.txt:1", Confidence: 0.5,
	}
}

// document builds a document whose text is the given sentences, one event
// per sentence (nil: none), each event's evidence pointing at its sentence.
func document(name, site string, sentences []string, events ...*entente.Event) *entente.Document {
	doc := &entente.Document{ID: name, Site: site, Lang: "en", URL: "https://example.org/" + name, Title: "Title of " + name}
	for i, s := range sentences {
		start := len(doc.Text)
		doc.Text += s + " "
		if i < len(events) && events[i] != nil {
			e := *events[i]
			e.Doc = name
			e.Sentence = i
			e.Evidence = entente.Evidence{Text: s, Start: start, End: start + len(s), Trigger: "met"}
			doc.Events = append(doc.Events, e)
		}
	}
	return doc
}

func ingest(t *testing.T, s store.Store, doc *entente.Document) store.Result {
	t.Helper()
	res, err := s.Ingest(context.Background(), doc, nil)
	if err != nil {
		t.Fatalf("Ingest %s: %v", doc.ID, err)
	}
	return res
}

func counts(t *testing.T, s store.Store) store.Counts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	return c
}

func event(t *testing.T, s store.Store, id int64) *store.Event {
	t.Helper()
	e, err := s.Event(context.Background(), id)
	if err != nil {
		t.Fatalf("Event %d: %v", id, err)
	}
	return e
}

func testEmpty(t *testing.T, s store.Store) {
	ctx := context.Background()
	if c := counts(t, s); c != (store.Counts{}) {
		t.Errorf("Counts = %+v, want zero", c)
	}
	if _, err := s.Document(ctx, 1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(1) error = %v, want ErrNotFound", err)
	}
	if _, err := s.Event(ctx, 1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Event(1) error = %v, want ErrNotFound", err)
	}
	if hits, err := s.Search(ctx, "anything", 10); err != nil || len(hits) != 0 {
		t.Errorf("Search = %v, %v; want nothing", hits, err)
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	m := meeting()
	threat := meeting()
	threat.Code, threat.Root, threat.Quad, threat.Goldstein, threat.Plover = "130", "13", 3, -4.4, "THREATEN"
	threat.Source, threat.Target = un, iran
	threat.Place, threat.Date, threat.DatePrecision = nil, nil, nil
	threat.AttributedTo = nil
	doc := document("a.txt", "Harbour Gazette", []string{
		"Iran's foreign minister met his Russian counterpart in Moscow on Monday.",
		"The weather was mild.",
		"The United Nations warned Iran.",
	}, &m, nil, &threat)
	doc.DateFrom = "metadata"
	doc.Date = mustDate("2024-04-17")

	res := ingest(t, s, doc)
	if res.Duplicate || res.Failed || res.NewEvents != 2 || res.Mentions != 2 || len(res.Events) != 2 || res.Events[0] == res.Events[1] {
		t.Fatalf("Ingest = %+v, want 2 new events and 2 mentions", res)
	}
	if c := counts(t, s); c != (store.Counts{Documents: 1, Events: 2, Mentions: 2}) {
		t.Errorf("Counts = %+v", c)
	}

	d, err := s.Document(ctx, res.Doc)
	if err != nil {
		t.Fatalf("Document: %v", err)
	}
	if d.ID != res.Doc || d.Name != "a.txt" || d.URL != doc.URL || d.Title != doc.Title || d.Site != "Harbour Gazette" ||
		d.Publisher != "harbour gazette" || d.Lang != "en" || d.Date == nil || *d.Date != "2024-04-17" ||
		d.DateFrom != "metadata" || d.Text != doc.Text || d.Hash != store.Hash(doc) || d.Error != "" || d.IngestedAt.IsZero() {
		t.Errorf("Document = %+v", d)
	}
	if len(d.Mentions) != 2 || d.Mentions[0].Event != res.Events[0] || d.Mentions[1].Event != res.Events[1] {
		t.Fatalf("Document mentions = %+v, want the two events in text order", d.Mentions)
	}

	e := event(t, s, res.Events[0])
	want := store.Event{
		ID: res.Events[0], Code: "040", Root: "04", Quad: 1, Goldstein: 1, Plover: "CONSULT",
		Source: iran, Target: russia, Date: ptr("2024-04-15"), DatePrecision: ptr("day"), Place: moscow,
		Modality: entente.Asserted, NumMentions: 1, NumSources: 1,
		FirstSeen: e.FirstSeen, LastSeen: e.LastSeen, Mentions: e.Mentions,
		FirstDoc: res.Doc, SourceURL: doc.URL, Excerpt: doc.Events[0].Evidence.Text,
	}
	if !reflect.DeepEqual(*e, want) {
		t.Errorf("Event =\n%+v\nwant\n%+v", *e, want)
	}
	if e.FirstSeen.IsZero() || !e.FirstSeen.Equal(d.IngestedAt) || !e.LastSeen.Equal(e.FirstSeen) {
		t.Errorf("first seen %v, last seen %v, want both %v", e.FirstSeen, e.LastSeen, d.IngestedAt)
	}
	wantMention := store.Mention{
		ID: e.Mentions[0].ID, Event: e.ID, Doc: res.Doc, Evidence: doc.Events[0].Evidence,
		Rule: "patterns/en-coop.txt:1", Confidence: 0.5, AttributedTo: []string{"IRNA"},
	}
	if len(e.Mentions) != 1 || !reflect.DeepEqual(e.Mentions[0], wantMention) {
		t.Errorf("Event mentions = %+v, want %+v", e.Mentions, wantMention)
	}
	if ev := doc.Events[0].Evidence; doc.Text[ev.Start:ev.End] != ev.Text {
		t.Fatalf("fixture: evidence span %v is %q", ev, doc.Text[ev.Start:ev.End])
	}

	e2 := event(t, s, res.Events[1])
	if e2.Date != nil || e2.DatePrecision != nil || e2.Place != nil || e2.Source != un || e2.Target != iran || e2.Goldstein != -4.4 {
		t.Errorf("second event = %+v", e2)
	}
	if len(e2.Mentions) != 1 || e2.Mentions[0].AttributedTo == nil || len(e2.Mentions[0].AttributedTo) != 0 {
		t.Errorf("nil attribution should come back as an empty list: %+v", e2.Mentions)
	}
}

func testDuplicate(t *testing.T, s store.Store) {
	m := meeting()
	text := []string{"Iran's foreign minister met his Russian counterpart in Moscow on Monday."}
	first := ingest(t, s, document("a.txt", "Harbour Gazette", text, &m))
	before := counts(t, s)
	// The same text under another name and publisher is the same document.
	again := ingest(t, s, document("copy/a.txt", "Other Site", text, &m))
	if !again.Duplicate || again.Doc != first.Doc || again.NewEvents != 0 || again.Mentions != 0 {
		t.Errorf("second Ingest = %+v, want a duplicate of document %d", again, first.Doc)
	}
	if after := counts(t, s); after != before {
		t.Errorf("Counts after a duplicate = %+v, want %+v", after, before)
	}
	if e := event(t, s, first.Events[0]); e.NumMentions != 1 || e.NumSources != 1 {
		t.Errorf("event after a duplicate: %d mentions, %d sources; want 1, 1", e.NumMentions, e.NumSources)
	}
}

func testSameEvent(t *testing.T, s store.Store) {
	m := meeting()
	inKazan := meeting() // another city of the same country is the same place country
	inKazan.Place = kazan
	r1 := ingest(t, s, document("en.txt", "Harbour Gazette", []string{"Iran's foreign minister met his Russian counterpart in Moscow."}, &m))
	r2 := ingest(t, s, document("fr.txt", "Le Courrier du Large", []string{"Le ministre iranien a rencontré son homologue russe."}, &inKazan))
	if r2.NewEvents != 0 || r2.Mentions != 1 || r2.Events[0] != r1.Events[0] {
		t.Fatalf("second report = %+v, want a mention of event %d", r2, r1.Events[0])
	}
	e := event(t, s, r1.Events[0])
	if e.NumMentions != 2 || e.NumSources != 2 || len(e.Mentions) != 2 {
		t.Errorf("event: %d mentions (%d listed), %d sources; want 2, 2", e.NumMentions, len(e.Mentions), e.NumSources)
	}
	if e.LastSeen.Before(e.FirstSeen) {
		t.Errorf("last seen %v before first seen %v", e.LastSeen, e.FirstSeen)
	}
	if e.Place == nil || e.Place.Name != "Moscow" {
		t.Errorf("place = %+v, want the first report's", e.Place)
	}
	// A third report from a publisher already counted adds a mention, not a source.
	r3 := ingest(t, s, document("en2.txt", "HARBOUR  gazette", []string{"The two ministers met in Moscow, officials said."}, &m))
	if r3.Events[0] != r1.Events[0] {
		t.Fatalf("third report went to event %d, want %d", r3.Events[0], r1.Events[0])
	}
	if e := event(t, s, r1.Events[0]); e.NumMentions != 3 || e.NumSources != 2 {
		t.Errorf("event: %d mentions, %d sources; want 3, 2", e.NumMentions, e.NumSources)
	}
	if c := counts(t, s); c != (store.Counts{Documents: 3, Events: 1, Mentions: 3}) {
		t.Errorf("Counts = %+v", c)
	}
}

// testIdentity ingests the base meeting, then a variant in another
// document, and checks whether the variant was counted in the same event.
func testIdentity(t *testing.T, s store.Store) {
	tests := []struct {
		name   string
		change func(e *entente.Event)
		same   bool
	}{
		{"identical", func(e *entente.Event) {}, true},
		{"other actor names", func(e *entente.Event) { e.Source.Name, e.Target.Name = "Iran", "Russia" }, true},
		{"other rule and confidence", func(e *entente.Event) { e.Rule, e.Confidence = "patterns/fr-coop.txt:9", 0.9 }, true},
		{"place unknown", func(e *entente.Event) { e.Place = nil }, true},
		{"other place country", func(e *entente.Event) { e.Place = tehran }, false},
		{"other code", func(e *entente.Event) { e.Code, e.Root = "036", "03" }, false},
		{"other day", func(e *entente.Event) { e.Date = ptr("2024-04-16") }, false},
		{"no date", func(e *entente.Event) { e.Date, e.DatePrecision = nil, nil }, false},
		{"reversed dyad", func(e *entente.Event) { e.Source, e.Target = e.Target, e.Source }, false},
		{"other sector", func(e *entente.Event) { e.Target.Sector, e.Target.Code = "MIL", "RUSMIL" }, false},
		{"named person", func(e *entente.Event) { e.Source.ID = "abbas-araghchi" }, false},
		{"negated", func(e *entente.Event) { e.Modality = entente.Negated }, false},
	}
	base := meeting()
	r0 := ingest(t, s, document("base.txt", "Harbour Gazette", []string{"Base report."}, &base))
	for i, tt := range tests {
		e := meeting()
		tt.change(&e)
		r := ingest(t, s, document(fmt.Sprintf("v%d.txt", i), "Other Site", []string{"Variant report: " + tt.name + "."}, &e))
		if got := r.Events[0] == r0.Events[0]; got != tt.same {
			t.Errorf("%s: same event = %v, want %v (event %d, base %d)", tt.name, got, tt.same, r.Events[0], r0.Events[0])
		}
		if store.KeyOf(&e).Same(store.KeyOf(&base)) != tt.same {
			t.Errorf("%s: Key.Same disagrees with the store", tt.name)
		}
	}
	// Events without a date meet each other.
	a, b := meeting(), meeting()
	a.Date, b.Date, a.Code, b.Code = nil, nil, "042", "042"
	ra := ingest(t, s, document("nodate-a.txt", "A", []string{"Undated A."}, &a))
	rb := ingest(t, s, document("nodate-b.txt", "B", []string{"Undated B."}, &b))
	if ra.Events[0] != rb.Events[0] {
		t.Errorf("two undated reports: events %d and %d, want one", ra.Events[0], rb.Events[0])
	}
}

func testSameDocument(t *testing.T, s store.Store) {
	m := meeting()
	// Two sentences of one document reporting one event: one event, two mentions, one source.
	r := ingest(t, s, document("a.txt", "Harbour Gazette", []string{"They met in Moscow.", "The meeting in Moscow lasted two hours."}, &m, &m))
	if r.NewEvents != 1 || r.Mentions != 2 || r.Events[0] != r.Events[1] {
		t.Fatalf("Ingest = %+v, want 1 event with 2 mentions", r)
	}
	if e := event(t, s, r.Events[0]); e.NumMentions != 2 || e.NumSources != 1 {
		t.Errorf("event: %d mentions, %d sources; want 2, 1", e.NumMentions, e.NumSources)
	}
	// Two rules firing on one sentence for one event: a single mention.
	doc := document("b.txt", "Other Site", []string{"Iran's minister met and consulted his Russian counterpart in Moscow."}, &m)
	dup := doc.Events[0]
	dup.Rule = "patterns/en-coop.txt:2"
	doc.Events = append(doc.Events, dup)
	r2 := ingest(t, s, doc)
	if r2.NewEvents != 0 || r2.Mentions != 1 || r2.Events[0] != r.Events[0] || r2.Events[1] != r.Events[0] {
		t.Errorf("Ingest = %+v, want 1 mention of event %d", r2, r.Events[0])
	}
	if e := event(t, s, r.Events[0]); e.NumMentions != 3 || e.NumSources != 2 {
		t.Errorf("event: %d mentions, %d sources; want 3, 2", e.NumMentions, e.NumSources)
	}
}

func testFailed(t *testing.T, s store.Store) {
	ctx := context.Background()
	// A file that could not be read: no text, only a name.
	unread := &entente.Document{ID: "broken.bin"}
	res, err := s.Ingest(ctx, unread, errors.New("read: broken.bin: binary content"))
	if err != nil {
		t.Fatalf("Ingest failure: %v", err)
	}
	if !res.Failed || res.Duplicate || res.NewEvents != 0 || res.Events != nil {
		t.Errorf("Ingest failure = %+v", res)
	}
	d, err := s.Document(ctx, res.Doc)
	if err != nil {
		t.Fatalf("Document: %v", err)
	}
	if d.Name != "broken.bin" || d.Error != "read: broken.bin: binary content" || d.Text != "" {
		t.Errorf("failed document = %+v", d)
	}
	// A document read but not coded keeps its text and none of its events.
	m := meeting()
	german := document("de.txt", "", []string{"Der iranische Außenminister traf seinen russischen Amtskollegen."}, &m)
	german.Lang = "de"
	r2, err := s.Ingest(ctx, german, errors.New(`unsupported language "de"`))
	if err != nil || !r2.Failed || r2.NewEvents != 0 || r2.Mentions != 0 {
		t.Errorf("Ingest uncoded = %+v, %v", r2, err)
	}
	if c := counts(t, s); c != (store.Counts{Documents: 2, Failed: 2}) {
		t.Errorf("Counts = %+v, want 2 failed documents and nothing else", c)
	}
	// Recording the same failures again changes nothing.
	for _, doc := range []*entente.Document{{ID: "broken.bin"}, german} {
		r, err := s.Ingest(ctx, doc, errors.New("again"))
		if err != nil || !r.Duplicate {
			t.Errorf("Ingest %s again = %+v, %v; want a duplicate", doc.ID, r, err)
		}
	}
	if c := counts(t, s); c != (store.Counts{Documents: 2, Failed: 2}) {
		t.Errorf("Counts after again = %+v", c)
	}
}

// testBatch stores documents of every kind in one IngestItems: each is
// stored as Ingest would store it, in order, and a text twice in the
// batch is a duplicate the second time.
func testBatch(t *testing.T, s store.Store) {
	ctx := context.Background()
	m := meeting()
	before := ingest(t, s, document("before.txt", "", []string{"Rain fell on Lisbon."}))
	a := document("a.txt", "Harbour Gazette", []string{"Iran's foreign minister met his Russian counterpart in Moscow."}, &m)
	copyA := *a
	copyA.ID = "copy-of-a.txt"
	b := document("b.txt", "Daily Lantern", []string{"The Iranian minister held talks with the Russian minister in Moscow."}, &m)
	again := document("again.txt", "", []string{"Rain fell on Lisbon."})
	items := []store.Item{
		{Doc: a},
		{Doc: &entente.Document{ID: "broken.bin"}, Failure: errors.New("read: binary content")},
		{Doc: &copyA},
		{Doc: b},
		{Doc: again},
		{Doc: &entente.Document{ID: "broken.bin"}, Failure: errors.New("again")},
	}
	res, err := s.IngestItems(ctx, items)
	if err != nil {
		t.Fatalf("IngestItems: %v", err)
	}
	if len(res) != len(items) {
		t.Fatalf("IngestItems returned %d results for %d items", len(res), len(items))
	}
	if r := res[0]; r.Duplicate || r.Failed || r.NewEvents != 1 || r.Mentions != 1 || len(r.Events) != 1 {
		t.Errorf("a = %+v, want a new event", r)
	}
	if r := res[1]; !r.Failed || r.Duplicate || r.Events != nil || r.Doc == 0 {
		t.Errorf("broken.bin = %+v, want a failed document", r)
	}
	if r := res[2]; !r.Duplicate || r.Doc != res[0].Doc || r.NewEvents != 0 {
		t.Errorf("copy of a = %+v, want a duplicate of document %d", r, res[0].Doc)
	}
	if r := res[3]; r.Duplicate || r.NewEvents != 0 || r.Mentions != 1 || len(r.Events) != 1 || r.Events[0] != res[0].Events[0] {
		t.Errorf("b = %+v, want a mention of event %d", r, res[0].Events)
	}
	if r := res[4]; !r.Duplicate || r.Doc != before.Doc {
		t.Errorf("again = %+v, want a duplicate of document %d", r, before.Doc)
	}
	if r := res[5]; !r.Duplicate || r.Doc != res[1].Doc {
		t.Errorf("broken.bin again = %+v, want a duplicate of document %d", r, res[1].Doc)
	}
	if c := counts(t, s); c != (store.Counts{Documents: 4, Failed: 1, Events: 1, Mentions: 2}) {
		t.Errorf("Counts = %+v, want 4 documents (1 failed), 1 event, 2 mentions", c)
	}
	if e := event(t, s, res[0].Events[0]); e.NumMentions != 2 || e.NumSources != 2 {
		t.Errorf("event: %d mentions, %d sources; want 2, 2", e.NumMentions, e.NumSources)
	}
	d, err := s.Document(ctx, res[1].Doc)
	if err != nil || d.Name != "broken.bin" || d.Error != "read: binary content" {
		t.Errorf("failed document = %+v, %v", d, err)
	}
	if res, err := s.IngestItems(ctx, nil); err != nil || len(res) != 0 {
		t.Errorf("IngestItems(nil) = %v, %v; want nothing", res, err)
	}
}

// testBatchAtomic: a batch that cannot be stored whole stores nothing.
func testBatchAtomic(t *testing.T, s store.Store) {
	ctx := context.Background()
	m := meeting()
	a := document("a.txt", "", []string{"Iran's foreign minister met his Russian counterpart in Moscow."}, &m)
	b := document("b.txt", "", []string{"Rain fell on Lisbon."})
	if _, err := s.IngestItems(ctx, []store.Item{{Doc: a}, {Doc: b}, {}}); err == nil {
		t.Errorf("IngestItems with a nil document: no error")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.IngestItems(cancelled, []store.Item{{Doc: a}, {Doc: b}}); err == nil {
		t.Errorf("IngestItems with a cancelled context: no error")
	}
	if c := counts(t, s); c != (store.Counts{}) {
		t.Errorf("Counts = %+v, want nothing stored", c)
	}
	for _, doc := range []*entente.Document{a, b} {
		if _, ok, err := s.Has(ctx, store.Hash(doc)); ok || err != nil {
			t.Errorf("Has %s = %v, %v; want not stored", doc.ID, ok, err)
		}
	}
}

func testHas(t *testing.T, s store.Store) {
	ctx := context.Background()
	doc := document("a.txt", "", []string{"Rain fell on Lisbon."})
	if id, ok, err := s.Has(ctx, store.Hash(doc)); ok || id != 0 || err != nil {
		t.Errorf("Has before = %d, %v, %v; want not stored", id, ok, err)
	}
	res := ingest(t, s, doc)
	unread := &entente.Document{ID: "broken.bin"}
	failed, err := s.Ingest(ctx, unread, errors.New("unreadable"))
	if err != nil {
		t.Fatalf("Ingest failure: %v", err)
	}
	other := document("b.txt", "", []string{"Snow fell on Oslo."})
	tests := []struct {
		doc  *entente.Document
		id   int64
		want bool
	}{
		{doc, res.Doc, true},
		{&entente.Document{ID: "renamed.txt", Text: doc.Text}, res.Doc, true},
		{unread, failed.Doc, true},
		{other, 0, false},
	}
	for _, tt := range tests {
		id, ok, err := s.Has(ctx, store.Hash(tt.doc))
		if err != nil || ok != tt.want || id != tt.id {
			t.Errorf("Has %s = %d, %v, %v; want %d, %v", tt.doc.ID, id, ok, err, tt.id, tt.want)
		}
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := context.Background()
	fr := ingest(t, s, document("fr.txt", "", []string{"Le secrétaire d'État chargé de la sécurité est arrivé à Téhéran."}))
	en := ingest(t, s, document("en.txt", "", []string{"The security council secretary arrived in Tehran on Monday."}))
	ingest(t, s, document("other.txt", "", []string{"Rain fell on Lisbon."}))
	tests := []struct {
		q    string
		want []int64
	}{
		{"teheran", []int64{fr.Doc}},
		{"TÉHÉRAN", []int64{fr.Doc}},
		{"securite", []int64{fr.Doc}},
		{"security council", []int64{en.Doc}},
		{"secretary arrived tehran", []int64{en.Doc}},
		{"arrivé", []int64{fr.Doc}},
		{"secretaire", []int64{fr.Doc}},
		{"title", []int64{en.Doc + 1, en.Doc, fr.Doc}}, // titles are searched too, newest first
		{"security lisbon", nil},
		{`"tehran" (monday* ^`, []int64{en.Doc}}, // operators are words, never syntax errors
		{"", nil},
		{"   ", nil},
	}
	for _, tt := range tests {
		hits, err := s.Search(ctx, tt.q, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", tt.q, err)
			continue
		}
		var got []int64
		for _, h := range hits {
			got = append(got, h.Doc)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Search(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
	if hits, err := s.Search(ctx, "title", 2); err != nil || len(hits) != 2 || hits[0].Name != "other.txt" || hits[0].Title != "Title of other.txt" {
		t.Errorf("Search with limit 2 = %+v, %v", hits, err)
	}
}

// testConcurrent ingests from several goroutines at once, every document
// twice, each reporting the one meeting.
func testConcurrent(t *testing.T, s store.Store) {
	const workers, docs = 4, 12
	var wg sync.WaitGroup
	errs := make(chan error, workers*docs)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range docs {
				m := meeting()
				doc := document(fmt.Sprintf("doc%d.txt", i), fmt.Sprintf("site %d", i%3), []string{fmt.Sprintf("Report number %d.", i)}, &m)
				if _, err := s.Ingest(context.Background(), doc, nil); err != nil {
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
	if c := counts(t, s); c != (store.Counts{Documents: docs, Events: 1, Mentions: docs}) {
		t.Errorf("Counts = %+v, want %d documents, 1 event, %d mentions", c, docs, docs)
	}
}
