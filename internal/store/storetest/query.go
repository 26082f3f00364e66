package storetest

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"testing"

	"entente"
	"entente/internal/store"
)

var (
	usa     = entente.Actor{Name: "Washington", Code: "USAGOV", Country: "USA", Sector: "GOV"}
	rusMil  = entente.Actor{Name: "the Russian army", Code: "RUSMIL", Country: "RUS", Sector: "MIL"}
	ukraine = entente.Actor{Name: "Ukraine", Code: "UKR", Country: "UKR"}
	shoigu  = entente.Actor{Name: "Sergueï Choïgou", ID: "sergei-shoigu", Code: "RUSMIL", Country: "RUS", Sector: "MIL"}
)

// corpus is a small store: six events in three documents (two English,
// one French), named e1..e6.
type corpus struct {
	ev   map[string]int64
	docs map[string]int64
	// doc holds the documents as ingested, for recoding.
	doc map[string]*entente.Document
}

func coded(code, root string, quad int, goldstein float64, src, tgt entente.Actor, date string, place *entente.Place) *entente.Event {
	e := meeting()
	e.Code, e.Root, e.Quad, e.Goldstein, e.Source, e.Target, e.Place = code, root, quad, goldstein, src, tgt, place
	e.Date, e.DatePrecision = nil, nil
	if date != "" {
		e.Date, e.DatePrecision = ptr(date), ptr("day")
	}
	return e2p(e)
}

func e2p(e entente.Event) *entente.Event { return &e }

// events of the corpus, by name.
func corpusEvents() map[string]*entente.Event {
	e4 := coded("130", "13", 3, -4.4, un, iran, "", nil)
	e4.Modality = entente.Negated
	return map[string]*entente.Event{
		"e1": coded("040", "04", 1, 1, iran, russia, "2024-04-15", moscow),
		"e2": coded("036", "03", 1, 4, russia, iran, "2024-04-16", tehran),
		"e3": coded("190", "19", 4, -10, usa, rusMil, "2024-05-02", nil),
		"e4": e4,
		"e5": coded("193", "19", 4, -10, shoigu, ukraine, "2024-05-31", kazan),
		"e6": coded("040", "04", 1, 1, iran, russia, "2024-06-03", moscow),
	}
}

func newCorpus(t *testing.T, s store.Store) *corpus {
	t.Helper()
	ev := corpusEvents()
	a := document("a.txt", "Harbour Gazette", []string{
		"Iran's foreign minister met his Russian counterpart in Moscow for nuclear talks.",
		"Washington fought the Russian army.",
	}, ev["e1"], ev["e3"])
	b := document("b.txt", "Le Courrier du Large", []string{
		"Le ministre russe a reçu son homologue iranien à Téhéran pour des entretiens.",
		"Le ministre iranien a rencontré son homologue russe à Moscou.",
		"Sergueï Choïgou a ordonné des frappes en Ukraine.",
	}, ev["e2"], ev["e1"], ev["e5"])
	b.Lang = "fr"
	c := document("c.txt", "Wire", []string{
		"The United Nations did not threaten Iran.",
		"The two ministers met again in Moscow in June.",
	}, ev["e4"], ev["e6"])
	cp := &corpus{ev: map[string]int64{}, docs: map[string]int64{}, doc: map[string]*entente.Document{}}
	for _, d := range []struct {
		doc   *entente.Document
		names []string
	}{{a, []string{"e1", "e3"}}, {b, []string{"e2", "e1", "e5"}}, {c, []string{"e4", "e6"}}} {
		res := ingest(t, s, d.doc)
		cp.docs[d.doc.ID] = res.Doc
		cp.doc[d.doc.ID] = d.doc
		for i, n := range d.names {
			if id, ok := cp.ev[n]; ok && id != res.Events[i] {
				t.Fatalf("fixture: %s stored as %d and %d", n, id, res.Events[i])
			}
			cp.ev[n] = res.Events[i]
		}
	}
	if len(cp.ev) != 6 || counts(t, s).Events != 6 {
		t.Fatalf("fixture: events %v, counts %+v", cp.ev, counts(t, s))
	}
	return cp
}

func (c *corpus) ids(names ...string) []int64 {
	ids := []int64{}
	for _, n := range names {
		ids = append(ids, c.ev[n])
	}
	slices.Sort(ids)
	return ids
}

// all returns the ids of every event f selects, walking the pages.
func all(t *testing.T, s store.Store, f store.Filter, p store.Page) []int64 {
	t.Helper()
	ids := []int64{}
	for range 1000 {
		page, err := s.Events(context.Background(), f, p)
		if err != nil {
			t.Fatalf("Events(%+v, %+v): %v", f, p, err)
		}
		if p.Limit > 0 && len(page.Events) > p.Limit {
			t.Fatalf("page of %d events, limit %d", len(page.Events), p.Limit)
		}
		for _, e := range page.Events {
			ids = append(ids, e.ID)
		}
		if page.Next == "" {
			return ids
		}
		p.Cursor = page.Next
	}
	t.Fatal("Events: no last page after 1000 pages")
	return nil
}

func testEventsFilter(t *testing.T, s store.Store) {
	c := newCorpus(t, s)
	tests := []struct {
		name string
		f    store.Filter
		want []string
	}{
		{"everything", store.Filter{}, []string{"e1", "e2", "e3", "e4", "e5", "e6"}},
		{"actor country either side", store.Filter{Actor: "IRN"}, []string{"e1", "e2", "e4", "e6"}},
		{"actor as source", store.Filter{Actor: "IRN", Role: "source"}, []string{"e1", "e6"}},
		{"actor as target", store.Filter{Actor: "IRN", Role: "target"}, []string{"e2", "e4"}},
		{"actor by knowledge-base id", store.Filter{Actor: "sergei-shoigu"}, []string{"e5"}},
		{"actor by id of an org", store.Filter{Actor: "un"}, []string{"e4"}},
		{"actor by org", store.Filter{Actor: "UN"}, []string{"e4"}},
		{"actor by CAMEO code", store.Filter{Actor: "RUSMIL"}, []string{"e3", "e5"}},
		{"unknown actor", store.Filter{Actor: "nobody"}, []string{}},
		{"country", store.Filter{Country: "RUS"}, []string{"e1", "e2", "e3", "e5", "e6"}},
		{"country as source", store.Filter{Country: "RUS", Role: "source"}, []string{"e2", "e5"}},
		{"sector as target", store.Filter{Sector: "MIL", Role: "target"}, []string{"e3"}},
		{"sector either side", store.Filter{Sector: "MIL"}, []string{"e3", "e5"}},
		{"dyad", store.Filter{Dyad: [2]string{"IRN", "RUS"}}, []string{"e1", "e6"}},
		{"dyad undirected", store.Filter{Dyad: [2]string{"IRN", "RUS"}, Undirected: true}, []string{"e1", "e2", "e6"}},
		{"dyad of id and country", store.Filter{Dyad: [2]string{"sergei-shoigu", "UKR"}}, []string{"e5"}},
		{"dyad one side", store.Filter{Dyad: [2]string{"", "IRN"}}, []string{"e2", "e4"}},
		{"root", store.Filter{Code: "19"}, []string{"e3", "e5"}},
		{"code", store.Filter{Code: "190"}, []string{"e3"}},
		{"code 04", store.Filter{Code: "04"}, []string{"e1", "e6"}},
		{"quad", store.Filter{Quad: 4}, []string{"e3", "e5"}},
		{"modality", store.Filter{Modality: entente.Negated}, []string{"e4"}},
		{"lang fr", store.Filter{Lang: "fr"}, []string{"e1", "e2", "e5"}},
		{"lang en", store.Filter{Lang: "en"}, []string{"e1", "e3", "e4", "e6"}},
		{"lang de", store.Filter{Lang: "de"}, []string{}},
		{"from", store.Filter{From: "2024-05-01"}, []string{"e3", "e5", "e6"}},
		{"to", store.Filter{To: "2024-04-30"}, []string{"e1", "e2"}},
		{"from and to inclusive", store.Filter{From: "2024-05-02", To: "2024-05-31"}, []string{"e3", "e5"}},
		{"place country", store.Filter{PlaceCountry: "RUS"}, []string{"e1", "e5", "e6"}},
		{"text", store.Filter{Text: "nuclear"}, []string{"e1", "e3"}},
		{"text folded", store.Filter{Text: "TEHERAN entretiens"}, []string{"e1", "e2", "e5"}},
		{"text no match", store.Filter{Text: "nuclear entretiens"}, []string{}},
		{"ids", store.Filter{IDs: c.ids("e2", "e4")}, []string{"e2", "e4"}},
		{"docs", store.Filter{Docs: []int64{c.docs["c.txt"]}}, []string{"e4", "e6"}},
		{"dyad and dates", store.Filter{Dyad: [2]string{"IRN", "RUS"}, From: "2024-05-01", To: "2024-12-31"}, []string{"e6"}},
		{"country, quad and lang", store.Filter{Country: "RUS", Quad: 1, Lang: "fr"}, []string{"e1", "e2"}},
	}
	for _, tt := range tests {
		got := all(t, s, tt.f, store.Page{Sort: "id", Limit: 2})
		if want := c.ids(tt.want...); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Events = %v, want %v (%v)", tt.name, got, want, tt.want)
		}
		// Count agrees with the pages; e4 is the corpus's undated event.
		want := store.Total{Events: len(tt.want)}
		if slices.Contains(tt.want, "e4") {
			want.Undated = 1
		}
		if tc, err := s.Count(context.Background(), tt.f); err != nil || tc != want {
			t.Errorf("%s: Count = %+v, %v; want %+v", tt.name, tc, err, want)
		}
	}
	if _, err := s.Events(context.Background(), store.Filter{Role: "both"}, store.Page{}); err == nil {
		t.Error("Events with role \"both\" succeeded")
	}
}

func testEventsFirstMention(t *testing.T, s store.Store) {
	c := newCorpus(t, s)
	page, err := s.Events(context.Background(), store.Filter{IDs: c.ids("e1", "e5")}, store.Page{Sort: "id"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 2 || page.Next != "" {
		t.Fatalf("page = %+v", page)
	}
	e1, e5 := page.Events[0], page.Events[1]
	if e1.FirstDoc != c.docs["a.txt"] || e1.SourceURL != "https://example.org/a.txt" || e1.Excerpt != c.doc["a.txt"].Events[0].Evidence.Text {
		t.Errorf("e1 first mention: doc %d, url %q, excerpt %q", e1.FirstDoc, e1.SourceURL, e1.Excerpt)
	}
	if e1.NumMentions != 2 || e1.NumSources != 2 || e1.Mentions != nil {
		t.Errorf("e1 in a page: %d mentions, %d sources, mentions listed %v", e1.NumMentions, e1.NumSources, e1.Mentions)
	}
	if e5.FirstDoc != c.docs["b.txt"] || e5.Source != shoigu || e5.Place == nil || *e5.Place != *kazan {
		t.Errorf("e5 = %+v", e5)
	}
}

// testPagination walks every sort, both ways, a page of 4 at a time, over
// events with many ties.
func testPagination(t *testing.T, s store.Store) {
	ctx := context.Background()
	dates := []string{"2024-03-01", "", "2024-03-02", "2024-03-01", "2023-12-31"}
	var evs []*entente.Event
	var sentences []string
	for i := range 23 {
		e := meeting()
		e.Code = fmt.Sprintf("0%02d", i) // distinct events, whatever their dates
		e.Goldstein = float64(i%3) - 1
		e.Date = nil
		if d := dates[i%len(dates)]; d != "" {
			e.Date = ptr(d)
		}
		evs = append(evs, &e)
		sentences = append(sentences, fmt.Sprintf("Sentence %d.", i))
	}
	res := ingest(t, s, document("many.txt", "A", sentences, evs...))
	if res.NewEvents != 23 {
		t.Fatalf("fixture: %d new events", res.NewEvents)
	}
	// More reports of some events: other mention and source counts.
	for i := range 6 {
		var again []*entente.Event
		var text []string
		for j := 0; j <= i; j++ {
			again = append(again, evs[j*3])
			text = append(text, fmt.Sprintf("Report %d of %d.", i, j))
		}
		ingest(t, s, document(fmt.Sprintf("again%d.txt", i), fmt.Sprintf("site %d", i%2), text, again...))
	}
	var stored []*store.Event
	for _, id := range res.Events {
		stored = append(stored, event(t, s, id))
	}
	keys := map[string]func(e *store.Event) float64{
		"id":        func(e *store.Event) float64 { return 0 },
		"goldstein": func(e *store.Event) float64 { return e.Goldstein },
		"sources":   func(e *store.Event) float64 { return float64(e.NumSources) },
		"mentions":  func(e *store.Event) float64 { return float64(e.NumMentions) },
	}
	dateKey := func(e *store.Event) string {
		if e.Date == nil {
			return ""
		}
		return *e.Date
	}
	for _, sortBy := range []string{"", "date", "goldstein", "sources", "mentions", "id"} {
		for _, desc := range []bool{false, true} {
			want := slices.Clone(stored)
			sort.Slice(want, func(i, j int) bool {
				a, b := want[i], want[j]
				if desc {
					a, b = b, a
				}
				if sortBy == "" || sortBy == "date" {
					if dateKey(a) != dateKey(b) {
						return dateKey(a) < dateKey(b)
					}
				} else if ka, kb := keys[sortBy](a), keys[sortBy](b); ka != kb {
					return ka < kb
				}
				return a.ID < b.ID
			})
			var wantIDs []int64
			for _, e := range want {
				wantIDs = append(wantIDs, e.ID)
			}
			// Every event matches these filters; a filter on either side
			// runs otherwise than one without.
			for _, f := range []store.Filter{{}, {Country: "RUS"}, {Dyad: [2]string{"RUS", "IRN"}, Undirected: true}, {Actor: "IRN", Quad: 1}} {
				got := all(t, s, f, store.Page{Sort: sortBy, Desc: desc, Limit: 4})
				if !reflect.DeepEqual(got, wantIDs) {
					t.Errorf("filter %+v, sort %q desc %v:\n got %v\nwant %v", f, sortBy, desc, got, wantIDs)
				}
			}
		}
	}
	// The default page size is 50, the largest 1000.
	page, err := s.Events(ctx, store.Filter{}, store.Page{})
	if err != nil || len(page.Events) != 23 || page.Next != "" {
		t.Errorf("default page: %d events, next %q, %v", len(page.Events), page.Next, err)
	}
	for _, limit := range []int{-1, 1001} {
		if _, err := s.Events(ctx, store.Filter{}, store.Page{Limit: limit}); err == nil {
			t.Errorf("limit %d accepted", limit)
		}
	}
	if _, err := s.Events(ctx, store.Filter{}, store.Page{Sort: "name"}); err == nil {
		t.Error("sort by name accepted")
	}
}

func testBadCursor(t *testing.T, s store.Store) {
	ctx := context.Background()
	newCorpus(t, s)
	first, err := s.Events(ctx, store.Filter{}, store.Page{Sort: "date", Limit: 2})
	if err != nil || first.Next == "" {
		t.Fatalf("first page: %+v, %v", first, err)
	}
	if _, err := s.Events(ctx, store.Filter{}, store.Page{Sort: "date", Limit: 2, Cursor: first.Next}); err != nil {
		t.Errorf("its own cursor: %v", err)
	}
	for _, tt := range []struct {
		name string
		p    store.Page
	}{
		{"garbage", store.Page{Cursor: "!!not a cursor"}},
		{"base64 of garbage", store.Page{Cursor: base64.RawURLEncoding.EncodeToString([]byte("{nope"))}},
		{"base64 of an object", store.Page{Cursor: base64.RawURLEncoding.EncodeToString([]byte(`{"x":1}`))}},
		{"another sort", store.Page{Sort: "goldstein", Cursor: first.Next}},
		{"the other direction", store.Page{Sort: "date", Desc: true, Cursor: first.Next}},
		{"by id", store.Page{Sort: "id", Cursor: first.Next}},
	} {
		if _, err := s.Events(ctx, store.Filter{}, tt.p); !errors.Is(err, store.ErrBadCursor) {
			t.Errorf("%s: error %v, want ErrBadCursor", tt.name, err)
		}
	}
}

func bk(period, key string, n int, sum, mean float64) store.Bucket {
	return store.Bucket{Period: period, Key: key, Count: n, GoldsteinSum: sum, GoldsteinMean: mean}
}

func testSeries(t *testing.T, s store.Store) {
	ctx := context.Background()
	newCorpus(t, s)
	tests := []struct {
		name string
		f    store.Filter
		q    store.SeriesQuery
		want []store.Bucket
	}{
		{"days by quad", store.Filter{}, store.SeriesQuery{}, []store.Bucket{
			bk("2024-04-15", "1", 1, 1, 1), bk("2024-04-16", "1", 1, 4, 4), bk("2024-05-02", "4", 1, -10, -10),
			bk("2024-05-31", "4", 1, -10, -10), bk("2024-06-03", "1", 1, 1, 1),
		}},
		{"weeks from Monday", store.Filter{}, store.SeriesQuery{Interval: "week"}, []store.Bucket{
			bk("2024-04-15", "1", 2, 5, 2.5), bk("2024-04-29", "4", 1, -10, -10),
			bk("2024-05-27", "4", 1, -10, -10), bk("2024-06-03", "1", 1, 1, 1),
		}},
		{"months by root", store.Filter{}, store.SeriesQuery{Interval: "month", By: "root"}, []store.Bucket{
			bk("2024-04-01", "03", 1, 4, 4), bk("2024-04-01", "04", 1, 1, 1),
			bk("2024-05-01", "19", 2, -20, -10), bk("2024-06-01", "04", 1, 1, 1),
		}},
		{"a dyad by month", store.Filter{Dyad: [2]string{"IRN", "RUS"}}, store.SeriesQuery{Interval: "month"}, []store.Bucket{
			bk("2024-04-01", "1", 1, 1, 1), bk("2024-06-01", "1", 1, 1, 1),
		}},
		{"nothing", store.Filter{Actor: "nobody"}, store.SeriesQuery{}, []store.Bucket{}},
	}
	for _, tt := range tests {
		got, err := s.Series(ctx, tt.f, tt.q)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Series =\n%v\nwant\n%v", tt.name, got, tt.want)
		}
	}
	for _, q := range []store.SeriesQuery{{Interval: "year"}, {By: "code"}} {
		if _, err := s.Series(ctx, store.Filter{}, q); err == nil {
			t.Errorf("Series(%+v) succeeded", q)
		}
	}
}

// testSeriesWeeks checks ISO weeks across a year's end.
func testSeriesWeeks(t *testing.T, s store.Store) {
	var evs []*entente.Event
	var text []string
	for i, d := range []string{"2024-12-29", "2024-12-30", "2025-01-01", "2025-01-05", "2025-01-06"} {
		e := meeting()
		e.Date = ptr(d)
		evs = append(evs, &e)
		text = append(text, fmt.Sprintf("Meeting %d.", i))
	}
	ingest(t, s, document("weeks.txt", "A", text, evs...))
	got, err := s.Series(context.Background(), store.Filter{}, store.SeriesQuery{Interval: "week"})
	want := []store.Bucket{bk("2024-12-23", "1", 1, 1, 1), bk("2024-12-30", "1", 3, 3, 1), bk("2025-01-06", "1", 1, 1, 1)}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Series by week = %v, %v; want %v", got, err, want)
	}
}

func testGraph(t *testing.T, s store.Store) {
	ctx := context.Background()
	newCorpus(t, s)
	g, err := s.Graph(ctx, store.Filter{}, 2)
	if err != nil {
		t.Fatal(err)
	}
	irn, rus := store.ActorKey(iran), store.ActorKey(russia)
	if len(g.Nodes) != 2 || g.Nodes[0].Key != irn || g.Nodes[0].Events != 4 || g.Nodes[1].Key != rus || g.Nodes[1].Events != 3 {
		t.Fatalf("nodes = %+v, want %s (4 events) and %s (3)", g.Nodes, irn, rus)
	}
	if n := g.Nodes[0]; n.Actor.Country != "IRN" || n.Actor.Sector != "GOV" || n.First == nil || *n.First != "2024-04-15" || n.Last == nil || *n.Last != "2024-06-03" {
		t.Errorf("node = %+v", n)
	}
	want := []store.Edge{{Source: irn, Target: rus, Count: 2, GoldsteinMean: 1}, {Source: rus, Target: irn, Count: 1, GoldsteinMean: 4}}
	if !reflect.DeepEqual(g.Edges, want) {
		t.Errorf("edges = %+v, want %+v", g.Edges, want)
	}
	// Filtered: the actors of material conflict.
	g, err = s.Graph(ctx, store.Filter{Quad: 4}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, n := range g.Nodes {
		keys = append(keys, n.Key)
	}
	wantKeys := []string{store.ActorKey(rusMil), store.ActorKey(ukraine), store.ActorKey(usa), "sergei-shoigu"} // ties by key
	if !reflect.DeepEqual(keys, wantKeys) || len(g.Edges) != 2 {
		t.Errorf("quad 4 graph: nodes %v, edges %+v; want nodes %v and 2 edges", keys, g.Edges, wantKeys)
	}
	if g.Nodes[3].Actor.Name != shoigu.Name || g.Nodes[3].Actor.ID != shoigu.ID {
		t.Errorf("node of a knowledge-base actor: %+v", g.Nodes[3])
	}
	if g, err := s.Graph(ctx, store.Filter{Actor: "nobody"}, 10); err != nil || len(g.Nodes) != 0 || g.Edges == nil {
		t.Errorf("empty graph = %+v, %v", g, err)
	}
}

func testPlaces(t *testing.T, s store.Store) {
	ctx := context.Background()
	newCorpus(t, s)
	got, err := s.Places(ctx, store.Filter{}, 10)
	want := []store.PlaceCount{{Place: *moscow, Events: 2}, {Place: *kazan, Events: 1}, {Place: *tehran, Events: 1}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Places = %+v, %v; want %+v", got, err, want)
	}
	got, err = s.Places(ctx, store.Filter{Quad: 4}, 1)
	if err != nil || !reflect.DeepEqual(got, []store.PlaceCount{{Place: *kazan, Events: 1}}) {
		t.Errorf("Places of quad 4 = %+v, %v", got, err)
	}
}

func testActors(t *testing.T, s store.Store) {
	ctx := context.Background()
	newCorpus(t, s)
	keys := func(as []store.ActorCount) []string {
		out := []string{}
		for _, a := range as {
			out = append(out, a.Key)
		}
		return out
	}
	tests := []struct {
		q     string
		limit int
		want  []string
	}{
		{"choigou", 10, []string{"sergei-shoigu"}},
		{"CHOÏGOU", 10, []string{"sergei-shoigu"}},
		{"serguei choi", 10, []string{"sergei-shoigu"}},
		{"sergei-shoigu", 10, []string{"sergei-shoigu"}},
		{"iran", 10, []string{store.ActorKey(iran)}},
		{"rusmil", 10, []string{store.ActorKey(rusMil), "sergei-shoigu"}},
		{"russian", 10, []string{store.ActorKey(russia), store.ActorKey(rusMil)}},
		{"united nations", 10, []string{"un"}},
		{"", 2, []string{store.ActorKey(iran), store.ActorKey(russia)}},
		{"nobody", 10, []string{}},
	}
	for _, tt := range tests {
		got, err := s.Actors(ctx, tt.q, tt.limit)
		if err != nil {
			t.Errorf("Actors(%q): %v", tt.q, err)
			continue
		}
		if !reflect.DeepEqual(keys(got), tt.want) {
			t.Errorf("Actors(%q) = %v, want %v", tt.q, keys(got), tt.want)
		}
	}
	a, err := s.Actor(ctx, store.ActorKey(iran))
	if err != nil || a.Events != 4 || a.First == nil || *a.First != "2024-04-15" || a.Last == nil || *a.Last != "2024-06-03" ||
		a.Actor.Country != "IRN" || a.Actor.Code != "IRNGOV" {
		t.Errorf("Actor(IRN) = %+v, %v", a, err)
	}
	a, err = s.Actor(ctx, "sergei-shoigu")
	if err != nil || a.Events != 1 || a.Actor != shoigu || *a.First != "2024-05-31" {
		t.Errorf("Actor(sergei-shoigu) = %+v, %v", a, err)
	}
	if a, err := s.Actor(ctx, "un"); err != nil || a.Events != 1 || a.First != nil || a.Last != nil {
		t.Errorf("Actor(un), of an undated event only = %+v, %v", a, err)
	}
	if _, err := s.Actor(ctx, "nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Actor(nobody) error = %v, want ErrNotFound", err)
	}
	// ActorsByID answers as Actor does, for many ids at once.
	ids := []string{store.ActorKey(iran), "sergei-shoigu", "un", "nobody", store.ActorKey(russia), "UN"}
	many, err := s.ActorsByID(ctx, ids)
	if err != nil {
		t.Fatalf("ActorsByID: %v", err)
	}
	for _, id := range ids {
		one, err := s.Actor(ctx, id)
		got, ok := many[id]
		switch {
		case errors.Is(err, store.ErrNotFound):
			if ok {
				t.Errorf("ActorsByID(%q) = %+v, want none", id, got)
			}
		case err != nil:
			t.Errorf("Actor(%q): %v", id, err)
		case !ok || !reflect.DeepEqual(got, *one):
			t.Errorf("ActorsByID(%q) = %+v (%v), want %+v as Actor", id, got, ok, *one)
		}
	}
	if len(many) != 4 {
		t.Errorf("ActorsByID(%v) holds %d actors, want 4", ids, len(many))
	}
}

func testDocuments(t *testing.T, s store.Store) {
	ctx := context.Background()
	c := newCorpus(t, s)
	docs, err := s.Documents(ctx, 0, 2)
	if err != nil || len(docs) != 2 || docs[0].ID != c.docs["a.txt"] || docs[1].ID != c.docs["b.txt"] {
		t.Fatalf("Documents(0, 2) = %+v, %v", docs, err)
	}
	if d := docs[1]; d.Name != "b.txt" || d.Lang != "fr" || d.Text != c.doc["b.txt"].Text || d.Publisher != "le courrier du large" || d.Mentions != nil {
		t.Errorf("document = %+v", d)
	}
	docs, err = s.Documents(ctx, c.docs["b.txt"], 10)
	if err != nil || len(docs) != 1 || docs[0].Name != "c.txt" {
		t.Errorf("Documents after b = %+v, %v", docs, err)
	}
}

func recode(t *testing.T, s store.Store, id int64, doc *entente.Document, run string) []store.Change {
	t.Helper()
	ch, err := s.Recode(context.Background(), id, doc, run)
	if err != nil {
		t.Fatalf("Recode %d: %v", id, err)
	}
	return ch
}

func testRecodeUnchanged(t *testing.T, s store.Store) {
	ctx := context.Background()
	c := newCorpus(t, s)
	before := counts(t, s)
	e1 := event(t, s, c.ev["e1"])
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		if ch := recode(t, s, c.docs[name], c.doc[name], "same"); len(ch) != 0 {
			t.Errorf("recoding %s unchanged: %+v", name, ch)
		}
	}
	if after := counts(t, s); after != before {
		t.Errorf("Counts = %+v, want %+v", after, before)
	}
	if got := event(t, s, c.ev["e1"]); !reflect.DeepEqual(got, e1) {
		t.Errorf("e1 after recoding = %+v, want %+v", got, e1)
	}
	if ch, err := s.Changes(ctx, "", 10); err != nil || len(ch) != 0 {
		t.Errorf("Changes = %+v, %v; want none", ch, err)
	}
	if _, err := s.Recode(ctx, 999, c.doc["a.txt"], "x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Recode of an unknown document: %v, want ErrNotFound", err)
	}
}

func testRecodeChanges(t *testing.T, s store.Store) {
	ctx := context.Background()
	c := newCorpus(t, s)
	// The French document loses its report of e1 and of e5: e1 keeps its
	// English mention, e5 and its only actor go.
	b := *c.doc["b.txt"]
	b.Events = b.Events[:1]
	ch := recode(t, s, c.docs["b.txt"], &b, "run1")
	if len(ch) != 2 || ch[0].Action != "removed" || ch[0].Event != c.ev["e1"] || ch[1].Action != "removed" || ch[1].Event != c.ev["e5"] {
		t.Fatalf("changes = %+v, want e1 and e5 removed", ch)
	}
	if ch[1].Code != "193" || ch[1].Source != store.ActorKey(shoigu) || ch[1].Date == nil || *ch[1].Date != "2024-05-31" ||
		ch[1].Evidence != c.doc["b.txt"].Events[2].Evidence.Text || ch[1].Doc != c.docs["b.txt"] || ch[1].Run != "run1" || ch[1].ID == 0 {
		t.Errorf("change = %+v", ch[1])
	}
	if e := event(t, s, c.ev["e1"]); e.NumMentions != 1 || e.NumSources != 1 || len(e.Mentions) != 1 || e.Mentions[0].Doc != c.docs["a.txt"] {
		t.Errorf("e1 after recode: %d mentions, %d sources, %+v", e.NumMentions, e.NumSources, e.Mentions)
	}
	if _, err := s.Event(ctx, c.ev["e5"]); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("e5 after recode: %v, want ErrNotFound", err)
	}
	if _, err := s.Actor(ctx, "sergei-shoigu"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("actor of e5 after recode: %v, want ErrNotFound", err)
	}
	if got := all(t, s, store.Filter{Lang: "fr"}, store.Page{Sort: "id"}); !reflect.DeepEqual(got, c.ids("e2")) {
		t.Errorf("French events after recode = %v, want e2", got)
	}
	if cnt := counts(t, s); cnt.Events != 5 || cnt.Mentions != 5 {
		t.Errorf("Counts = %+v, want 5 events and 5 mentions", cnt)
	}

	// The Wire document reports a new event and loses none: one addition.
	cdoc := *c.doc["c.txt"]
	cdoc.Text += "Ukraine accused Russia. "
	extra := *coded("112", "11", 3, -2, ukraine, russia, "2024-06-04", nil)
	extra.Evidence = entente.Evidence{Text: "Ukraine accused Russia.", Start: len(c.doc["c.txt"].Text), End: len(c.doc["c.txt"].Text) + 23, Trigger: "accused"}
	cdoc.Events = append(slices.Clone(cdoc.Events), extra)
	ch = recode(t, s, c.docs["c.txt"], &cdoc, "run2")
	if len(ch) != 1 || ch[0].Action != "added" || ch[0].Code != "112" || ch[0].Source != store.ActorKey(ukraine) {
		t.Fatalf("changes = %+v, want one addition", ch)
	}
	if e := event(t, s, ch[0].Event); e.NumMentions != 1 || e.NumSources != 1 || e.Code != "112" {
		t.Errorf("added event = %+v", e)
	}
	if a, err := s.Actor(ctx, store.ActorKey(ukraine)); err != nil || a.Events != 1 || *a.Last != "2024-06-04" {
		t.Errorf("Actor(UKR) after the addition = %+v, %v", a, err)
	}
	// Again: nothing changes.
	if ch := recode(t, s, c.docs["c.txt"], &cdoc, "run3"); len(ch) != 0 {
		t.Errorf("recoding again: %+v", ch)
	}

	all, err := s.Changes(ctx, "", 10)
	if err != nil || len(all) != 3 || all[0].Run != "run2" || all[2].Run != "run1" || all[0].ID <= all[1].ID {
		t.Errorf("Changes = %+v, %v; want 3, newest first", all, err)
	}
	run1, err := s.Changes(ctx, "run1", 1)
	if err != nil || len(run1) != 1 || run1[0].Run != "run1" || run1[0].Event != c.ev["e5"] {
		t.Errorf("Changes(run1, 1) = %+v, %v", run1, err)
	}
}

// testRecodeFailed recodes a document stored with an error: it is coded
// now, and its events are added.
func testRecodeFailed(t *testing.T, s store.Store) {
	ctx := context.Background()
	m := meeting()
	doc := document("de.txt", "Zeitung", []string{"Der iranische Außenminister traf seinen russischen Amtskollegen in Moskau."}, &m)
	res, err := s.Ingest(ctx, doc, errors.New("no patterns"))
	if err != nil || !res.Failed {
		t.Fatalf("Ingest = %+v, %v", res, err)
	}
	ch := recode(t, s, res.Doc, doc, "now")
	if len(ch) != 1 || ch[0].Action != "added" {
		t.Fatalf("changes = %+v", ch)
	}
	d, err := s.Document(ctx, res.Doc)
	if err != nil || d.Error != "" || len(d.Mentions) != 1 {
		t.Errorf("document after recode = %+v, %v", d, err)
	}
	if c := counts(t, s); c != (store.Counts{Documents: 1, Events: 1, Mentions: 1}) {
		t.Errorf("Counts = %+v", c)
	}
	if a, err := s.Actor(ctx, store.ActorKey(iran)); err != nil || a.Events != 1 {
		t.Errorf("Actor(IRN) = %+v, %v", a, err)
	}
}

// testMentions pages through an event reported by many sentences of many
// documents and checks that the pages add up to its mentions, in order of
// document and position.
func testMentions(t *testing.T, s store.Store) {
	ctx := context.Background()
	var id int64
	for d := range 6 {
		sentences := make([]string, 40)
		events := make([]*entente.Event, 40)
		for i := range sentences {
			sentences[i] = fmt.Sprintf("Report %d of document %d says the ministers met.", i, d)
			if i%3 != 2 {
				e := meeting()
				events[i] = &e
			}
		}
		res := ingest(t, s, document(fmt.Sprintf("m%d.txt", d), fmt.Sprintf("Site %d", d), sentences, events...))
		id = res.Events[0]
	}
	whole := event(t, s, id)
	if whole.NumMentions != 6*27 || len(whole.Mentions) != whole.NumMentions {
		t.Fatalf("event %d: %d mentions, num_mentions %d, want %d", id, len(whole.Mentions), whole.NumMentions, 6*27)
	}
	want := slices.Clone(whole.Mentions)
	slices.SortFunc(want, func(a, b store.Mention) int {
		if a.Doc != b.Doc {
			return int(a.Doc - b.Doc)
		}
		return a.Evidence.Start - b.Evidence.Start
	})
	for _, limit := range []int{1, 7, 100, 1000} {
		var got []store.Mention
		for offset := 0; ; offset += limit {
			page, err := s.Mentions(ctx, id, offset, limit)
			if err != nil {
				t.Fatalf("Mentions(%d, %d, %d): %v", id, offset, limit, err)
			}
			if len(page) > limit {
				t.Fatalf("Mentions(%d, %d, %d): %d mentions", id, offset, limit, len(page))
			}
			got = append(got, page...)
			if len(page) < limit {
				break
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("limit %d: %d mentions paged, want %d in order of document and position", limit, len(got), len(want))
		}
	}
	for _, tc := range []struct {
		id            int64
		offset, limit int
	}{{id, whole.NumMentions, 10}, {id + 1000, 0, 10}} {
		page, err := s.Mentions(ctx, tc.id, tc.offset, tc.limit)
		if err != nil || len(page) != 0 {
			t.Errorf("Mentions(%d, %d, %d) = %d mentions, %v; want none", tc.id, tc.offset, tc.limit, len(page), err)
		}
	}
	for _, tc := range [][2]int{{0, 0}, {0, 1001}, {-1, 10}} {
		if _, err := s.Mentions(ctx, id, tc[0], tc[1]); err == nil {
			t.Errorf("Mentions(offset %d, limit %d): no error", tc[0], tc[1])
		}
	}
}
