package api

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"entente"
	"entente/internal/pipeline"
	"entente/internal/read"
	"entente/internal/store"
	"entente/internal/store/sqlite"
)

// loadPipeline loads the embedded knowledge once for every test.
var loadPipeline = sync.OnceValues(func() (*pipeline.Pipeline, error) {
	return pipeline.Load(pipeline.Knowledge(""))
})

// fixture is a real server over a real store holding the testdata
// articles, coded by the real pipeline.
type fixture struct {
	t   *testing.T
	s   *Server
	st  *sqlite.Store
	p   *pipeline.Pipeline
	srv *httptest.Server
}

func newFixture(t *testing.T, opt Options) *fixture {
	t.Helper()
	p, err := loadPipeline()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "test.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	names, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(names) < 3 {
		t.Fatalf("testdata: %v (%d files)", err, len(names))
	}
	for _, name := range names {
		err := read.Path(ctx, name, read.Options{}, func(doc *entente.Document, err error) {
			if err == nil {
				err = p.Code(t.Context(), doc)
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if _, err := st.Ingest(ctx, doc, nil); err != nil {
				t.Fatalf("%s: ingest: %v", name, err)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(st, p, opt)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &fixture{t: t, s: s, st: st, p: p, srv: srv}
}

// do sends a request and returns the status, headers and body.
func (f *fixture) do(method, path string, body io.Reader, header ...string) (int, http.Header, []byte) {
	f.t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, body)
	if err != nil {
		f.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// get decodes a 200 JSON answer into v.
func (f *fixture) get(path string, v any) {
	f.t.Helper()
	code, h, b := f.do("GET", path, nil)
	if code != http.StatusOK {
		f.t.Fatalf("GET %s: %d %s", path, code, b)
	}
	if ct := h.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		f.t.Fatalf("GET %s: content type %q", path, ct)
	}
	if err := json.Unmarshal(b, v); err != nil {
		f.t.Fatalf("GET %s: %v\n%s", path, err, b)
	}
}

func (f *fixture) counts() store.Counts {
	f.t.Helper()
	n, err := f.st.Counts(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

// allEvents walks every page of a query, checking that pages do not
// overlap.
func (f *fixture) allEvents(query string, limit int) []store.Event {
	f.t.Helper()
	var out []store.Event
	seen := map[int64]bool{}
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 1000 {
			f.t.Fatal("pagination does not end")
		}
		v, _ := url.ParseQuery(query)
		v.Set("limit", fmt.Sprint(limit))
		if cursor != "" {
			v.Set("cursor", cursor)
		}
		var page store.EventPage
		f.get("/api/events?"+v.Encode(), &page)
		if len(page.Events) > limit {
			f.t.Fatalf("page of %d events, limit %d", len(page.Events), limit)
		}
		for _, e := range page.Events {
			if seen[e.ID] {
				f.t.Fatalf("event %d on two pages", e.ID)
			}
			seen[e.ID] = true
			if len(e.Mentions) != 0 {
				f.t.Fatalf("event %d listed with its mentions", e.ID)
			}
		}
		out = append(out, page.Events...)
		if page.Next == "" {
			return out
		}
		cursor = page.Next
	}
}

func TestEventsPagination(t *testing.T) {
	f := newFixture(t, Options{})
	n := f.counts().Events
	if n < 5 {
		t.Fatalf("fixture holds %d events; the testdata articles should give more", n)
	}
	for _, limit := range []int{1, 3, 1000} {
		if got := f.allEvents("", limit); len(got) != n {
			t.Errorf("limit %d: walked %d events, store holds %d", limit, len(got), n)
		}
	}
	for _, sortBy := range []string{"date", "goldstein", "sources", "mentions", "id"} {
		for _, desc := range []string{"0", "1"} {
			evs := f.allEvents("sort="+sortBy+"&desc="+desc, 2)
			if len(evs) != n {
				t.Errorf("sort %s desc %s: %d events, want %d", sortBy, desc, len(evs), n)
			}
			key := func(e store.Event) float64 {
				switch sortBy {
				case "goldstein":
					return e.Goldstein
				case "sources":
					return float64(e.NumSources)
				case "mentions":
					return float64(e.NumMentions)
				case "id":
					return float64(e.ID)
				}
				return 0
			}
			for i := 1; i < len(evs) && sortBy != "date"; i++ {
				a, b := key(evs[i-1]), key(evs[i])
				if desc == "0" && a > b || desc == "1" && a < b {
					t.Errorf("sort %s desc %s: %v before %v", sortBy, desc, a, b)
				}
			}
		}
	}
}

func TestEventFilters(t *testing.T) {
	f := newFixture(t, Options{})
	all := f.allEvents("", 1000)
	tests := []struct {
		query string
		keep  func(e store.Event) bool
	}{
		{"dyad=sergei-shoigu,prabowo-subianto&from=2024-03-01&to=2024-03-31", func(e store.Event) bool {
			return e.Source.ID == "sergei-shoigu" && e.Target.ID == "prabowo-subianto" && e.Date != nil && *e.Date >= "2024-03-01" && *e.Date <= "2024-03-31"
		}},
		{"dyad=prabowo-subianto,sergei-shoigu&undirected=1", func(e store.Event) bool {
			return e.Source.ID == "sergei-shoigu" && e.Target.ID == "prabowo-subianto" || e.Source.ID == "prabowo-subianto" && e.Target.ID == "sergei-shoigu"
		}},
		{"country=irn&role=target", func(e store.Event) bool { return e.Target.Country == "IRN" }},
		{"country=FRA", func(e store.Event) bool { return e.Target.Country == "FRA" || e.Source.Country == "FRA" }},
		{"actor=sergei-shoigu&role=source", func(e store.Event) bool { return e.Source.ID == "sergei-shoigu" }},
		{"actor=rus&role=source", func(e store.Event) bool { return e.Source.Country == "RUS" }},
		{"dyad=rus,idn", func(e store.Event) bool { return e.Source.Country == "RUS" && e.Target.Country == "IDN" }},
		{"sector=gov&role=source", func(e store.Event) bool { return e.Source.Sector == "GOV" }},
		{"code=16", func(e store.Event) bool { return strings.HasPrefix(e.Code, "16") }},
		{"code=040", func(e store.Event) bool { return strings.HasPrefix(e.Code, "040") }},
		{"quad=4", func(e store.Event) bool { return e.Quad == 4 }},
		{"modality=intended", func(e store.Event) bool { return e.Modality == "intended" }},
		{"from=2024-03-05", func(e store.Event) bool { return e.Date != nil && *e.Date >= "2024-03-05" }},
		{"to=2024-02-28", func(e store.Event) bool { return e.Date != nil && *e.Date <= "2024-02-28" }},
		{"place_country=IDN", func(e store.Event) bool { return e.Place != nil && e.Place.Country == "IDN" }},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var want []int64
			for _, e := range all {
				if tt.keep(e) {
					want = append(want, e.ID)
				}
			}
			var got []int64
			for _, e := range f.allEvents(tt.query, 2) {
				got = append(got, e.ID)
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("got events %v, want %v", got, want)
			}
		})
	}
	if evs := f.allEvents("dyad=sergei-shoigu,prabowo-subianto&from=2024-03-01&to=2024-03-31", 10); len(evs) == 0 {
		t.Error("the Shoigu–Prabowo meeting is not found by its dyad")
	}
}

// docsOf returns the documents mentioning an event, and their languages.
func (f *fixture) docsOf(id int64) (docs map[int64]bool, langs map[string]bool) {
	var d eventJSON
	f.get(fmt.Sprintf("/api/events/%d", id), &d)
	docs, langs = map[int64]bool{}, map[string]bool{}
	for _, m := range d.Mentions {
		docs[m.Doc] = true
		langs[m.Document.Lang] = true
	}
	return docs, langs
}

func TestEventFiltersByDocument(t *testing.T) {
	f := newFixture(t, Options{})
	all := f.allEvents("", 1000)
	var hits []store.Hit
	hits, err := f.st.Search(context.Background(), "drones", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search drones: %v %v", hits, err)
	}
	drones := hits[0].Doc
	for _, tt := range []struct {
		query string
		keep  func(docs map[int64]bool, langs map[string]bool) bool
	}{
		{"lang=fr", func(_ map[int64]bool, langs map[string]bool) bool { return langs["fr"] }},
		{"lang=EN", func(_ map[int64]bool, langs map[string]bool) bool { return langs["en"] }},
		{"q=DRONES", func(docs map[int64]bool, _ map[string]bool) bool { return docs[drones] }},
		{fmt.Sprintf("doc=%d", drones), func(docs map[int64]bool, _ map[string]bool) bool { return docs[drones] }},
		{fmt.Sprintf("doc=%d,%d", drones, drones+1), func(docs map[int64]bool, _ map[string]bool) bool { return docs[drones] || docs[drones+1] }},
	} {
		var want, got []int64
		for _, e := range all {
			if tt.keep(f.docsOf(e.ID)) {
				want = append(want, e.ID)
			}
		}
		for _, e := range f.allEvents(tt.query, 3) {
			got = append(got, e.ID)
		}
		slices.Sort(want)
		slices.Sort(got)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%s: got events %v, want %v (not none)", tt.query, got, want)
		}
	}
}

func TestBadParameters(t *testing.T) {
	f := newFixture(t, Options{})
	tests := []struct {
		method, path string
		status       int
		msg          string // in the error message
	}{
		{"GET", "/api/events?from=2024-13-01", 400, "from"},
		{"GET", "/api/events?to=yesterday", 400, "YYYY-MM-DD"},
		{"GET", "/api/events?from=2024-03-02&to=2024-03-01", 400, "after"},
		{"GET", "/api/events?quad=5", 400, "quad"},
		{"GET", "/api/events?quad=x", 400, "quad"},
		{"GET", "/api/events?sort=name", 400, "sort"},
		{"GET", "/api/events?limit=0", 400, "limit"},
		{"GET", "/api/events?limit=1001", 400, "limit"},
		{"GET", "/api/events?limit=ten", 400, "limit"},
		{"GET", "/api/events?cursor=bm9wZQ", 400, "cursor"},
		{"GET", "/api/events?cursor=%22%3E%3Cscript%3E", 400, "cursor"},
		{"GET", "/api/events?desc=maybe", 400, "desc"},
		{"GET", "/api/events?dyad=RUS", 400, "dyad"},
		{"GET", "/api/events?dyad=RUS,UKR,USA", 400, "dyad"},
		{"GET", "/api/events?dyad=RUS,%27%3B--", 400, "dyad"},
		{"GET", "/api/events?role=victim", 400, "role"},
		{"GET", "/api/events?sector=XYZ", 400, "sector"},
		{"GET", "/api/events?country=Narnia", 400, "country"},
		{"GET", "/api/events?country=ZZZ", 400, "not a country"},
		{"GET", "/api/events?actor=Choigu", 400, "did you mean"},
		{"GET", "/api/events?code=1x", 400, "code"},
		{"GET", "/api/events?modality=maybe", 400, "modality"},
		{"GET", "/api/events?lang=french", 400, "lang"},
		{"GET", "/api/events?q=%21%21", 400, "q"},
		{"GET", "/api/events?doc=0", 400, "doc"},
		{"GET", "/api/events?actr=RUS", 400, "unknown parameter"},
		{"GET", "/api/events?actor=RUS&actor=UKR", 400, "2 times"},
		{"GET", "/api/series?interval=year", 400, "interval"},
		{"GET", "/api/series?by=actor", 400, "by"},
		{"GET", "/api/graph?limit=-1", 400, "limit"},
		{"GET", "/api/places?limit=100000", 400, "limit"},
		{"GET", "/api/actors?limit=0", 400, "limit"},
		{"GET", "/api/actors?q=" + strings.Repeat("a", 201), 400, "q"},
		{"GET", "/api/export?format=xls", 400, "format"},
		{"GET", "/api/events/abc", 400, "event id"},
		{"GET", "/api/events/0", 400, "event id"},
		{"GET", "/api/events/999999", 404, "no event 999999"},
		{"GET", "/api/documents/999999", 404, "no document"},
		{"GET", "/api/documents/-3", 400, "document id"},
		{"GET", "/api/actors/nobody-at-all", 404, "no actor"},
		{"GET", "/api/nothing", 404, "no such endpoint"},
		{"GET", "/api/events/1/mentions", 404, "no such endpoint"},
		{"DELETE", "/api/events", 405, "not allowed"},
		{"PUT", "/api/events/1", 405, "not allowed"},
		{"GET", "/api/code", 405, "not allowed"},
		{"POST", "/healthz", 405, "not allowed"},
		{"POST", "/metrics", 405, "not allowed"},
		{"POST", "/", 405, "not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			code, h, b := f.do(tt.method, tt.path, nil)
			if code != tt.status {
				t.Errorf("status %d, want %d: %s", code, tt.status, b)
			}
			if ct := h.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("content type %q", ct)
			}
			var e struct{ Error string }
			if err := json.Unmarshal(b, &e); err != nil || !strings.Contains(e.Error, tt.msg) {
				t.Errorf("error %q (%v), want one with %q", e.Error, err, tt.msg)
			}
			if code == 405 && h.Get("Allow") == "" {
				t.Error("405 without Allow")
			}
		})
	}
}

// eventJSON is the answer of GET /api/events/{id} as a client reads it.
type eventJSON struct {
	store.Event
	Mentions []struct {
		store.Mention
		Document docSummary `json:"document"`
	} `json:"mentions"`
	MentionsTotal int    `json:"mentions_total"`
	MentionsNext  *int   `json:"mentions_next"`
	SourceRole    string `json:"source_role"`
	TargetRole    string `json:"target_role"`
	CodeName      string `json:"code_name"`
}

func TestEventDetail(t *testing.T) {
	f := newFixture(t, Options{})
	evs := f.allEvents("dyad=sergei-shoigu,prabowo-subianto", 10)
	if len(evs) != 1 {
		t.Fatalf("%d Shoigu–Prabowo events, want 1", len(evs))
	}
	var d eventJSON
	f.get(fmt.Sprintf("/api/events/%d", evs[0].ID), &d)
	// In March 2024 Shoigu was still defence minister; his latest role is
	// another.
	if d.SourceRole != "defence minister" {
		t.Errorf("source_role %q, want the role at the event date", d.SourceRole)
	}
	if d.CodeName == "" || d.CodeName != f.p.KB.Codes[d.Code].Name {
		t.Errorf("code_name %q for code %s", d.CodeName, d.Code)
	}
	if len(d.Mentions) != d.NumMentions || d.NumMentions < 2 {
		t.Fatalf("%d mentions, num_mentions %d; the meeting is reported twice", len(d.Mentions), d.NumMentions)
	}
	for _, m := range d.Mentions {
		if m.Document.ID != m.Doc || m.Document.Name == "" || m.Document.Lang == "" || m.Document.Title == "" {
			t.Errorf("mention %d: document %+v", m.ID, m.Document)
		}
		var doc store.Document
		f.get(fmt.Sprintf("/api/documents/%d", m.Doc), &doc)
		if got := doc.Text[m.Evidence.Start:m.Evidence.End]; got != m.Evidence.Text {
			t.Errorf("mention %d: evidence %q, text at its offsets %q", m.ID, m.Evidence.Text, got)
		}
	}
	// An event with an actor unknown to the knowledge base has no role.
	for _, e := range f.allEvents("", 100) {
		if e.Source.ID == "" {
			var d eventJSON
			f.get(fmt.Sprintf("/api/events/%d", e.ID), &d)
			if d.SourceRole != "" {
				t.Errorf("event %d: source_role %q for an actor without id", e.ID, d.SourceRole)
			}
			break
		}
	}
}

// TestEventMentionPages pages through the mentions of an event one at a
// time and checks the pages add up to the whole list.
func TestEventMentionPages(t *testing.T) {
	f := newFixture(t, Options{})
	evs := f.allEvents("dyad=sergei-shoigu,prabowo-subianto", 10)
	if len(evs) != 1 {
		t.Fatalf("%d Shoigu–Prabowo events, want 1", len(evs))
	}
	base := fmt.Sprintf("/api/events/%d", evs[0].ID)
	var whole eventJSON
	f.get(base, &whole)
	if whole.MentionsTotal != whole.NumMentions || len(whole.Mentions) != whole.MentionsTotal || whole.MentionsNext != nil {
		t.Fatalf("default page: %d mentions, total %d, next %v, num_mentions %d", len(whole.Mentions), whole.MentionsTotal, whole.MentionsNext, whole.NumMentions)
	}
	var ids []int64
	for offset, pages := 0, 0; ; pages++ {
		if pages > whole.MentionsTotal {
			t.Fatalf("more pages than mentions")
		}
		var d eventJSON
		f.get(fmt.Sprintf("%s?mentions_limit=1&mentions_offset=%d", base, offset), &d)
		if len(d.Mentions) != 1 || d.MentionsTotal != whole.MentionsTotal {
			t.Fatalf("offset %d: %d mentions of %d", offset, len(d.Mentions), d.MentionsTotal)
		}
		if d.Mentions[0].Document.ID != d.Mentions[0].Doc {
			t.Errorf("offset %d: document %+v", offset, d.Mentions[0].Document)
		}
		ids = append(ids, d.Mentions[0].ID)
		if d.MentionsNext == nil {
			break
		}
		if *d.MentionsNext != offset+1 {
			t.Fatalf("offset %d: next %d", offset, *d.MentionsNext)
		}
		offset = *d.MentionsNext
	}
	var want []int64
	for _, m := range whole.Mentions {
		want = append(want, m.ID)
	}
	if !slices.Equal(ids, want) {
		t.Errorf("paged mentions %v, all at once %v", ids, want)
	}
	// Past the end: no mentions, the total still said.
	var past eventJSON
	f.get(fmt.Sprintf("%s?mentions_offset=%d", base, whole.MentionsTotal+5), &past)
	if len(past.Mentions) != 0 || past.MentionsTotal != whole.MentionsTotal || past.MentionsNext != nil {
		t.Errorf("past the end: %d mentions, total %d, next %v", len(past.Mentions), past.MentionsTotal, past.MentionsNext)
	}
	for _, q := range []string{"mentions_limit=0", "mentions_limit=1001", "mentions_offset=-1", "mentions_offset=x", "mention_limit=5"} {
		if code, _, b := f.do("GET", base+"?"+q, nil); code != 400 || !bytes.Contains(b, []byte(`"error"`)) {
			t.Errorf("%s: %d %s", q, code, b)
		}
	}
}

// TestQueryTimeout checks that a read past the query timeout is a 504
// with a JSON error, and that requests that need no store still answer.
func TestQueryTimeout(t *testing.T) {
	f := newFixture(t, Options{QueryTimeout: time.Nanosecond})
	for _, path := range []string{"/api/events?dyad=RUS,UKR", "/api/events/1", "/api/series", "/api/graph", "/api/places", "/api/documents/1"} {
		code, h, b := f.do("GET", path, nil)
		var e struct{ Error string }
		if code != http.StatusGatewayTimeout || json.Unmarshal(b, &e) != nil || !strings.Contains(e.Error, "longer than") || h.Get("Content-Type") != "application/json; charset=utf-8" {
			t.Errorf("%s: %d %s", path, code, b)
		}
	}
	if code, _, b := f.do("GET", "/api/codes", nil); code != 200 {
		t.Errorf("codes: %d %s", code, b)
	}
	// The default leaves ordinary reads alone.
	g := newFixture(t, Options{})
	if code, _, b := g.do("GET", "/api/events?dyad=RUS,UKR", nil); code != 200 {
		t.Errorf("default timeout: %d %s", code, b)
	}
}

// TestUnspecifiedTarget stores an act with no named target (an {open}
// pattern) and checks the API shows its target as unspecified: an empty
// name, null fields, no role.
func TestUnspecifiedTarget(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	doc := &entente.Document{ID: "open.txt", Title: "Greece demands answers", Lang: "en", Date: time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC), DateFrom: "metadata",
		Text: "Greece demanded an explanation on Tuesday after the incident in the Aegean."}
	if err := f.p.Code(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	res, err := f.st.Ingest(ctx, doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	var page struct{ Events []json.RawMessage }
	f.get(fmt.Sprintf("/api/events?doc=%d", res.Doc), &page)
	if len(page.Events) != 1 {
		t.Fatalf("%d events of the document, want 1", len(page.Events))
	}
	var ev struct {
		ID     int64
		Source map[string]any
		Target map[string]any
	}
	if err := json.Unmarshal(page.Events[0], &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Source["name"] != "Greece" {
		t.Errorf("source %v", ev.Source)
	}
	want := map[string]any{"name": "", "id": nil, "code": nil, "country": nil, "org": nil, "sector": nil}
	if fmt.Sprint(ev.Target) != fmt.Sprint(want) {
		t.Errorf("target %v, want %v", ev.Target, want)
	}
	var d eventJSON
	f.get(fmt.Sprintf("/api/events/%d", ev.ID), &d)
	if d.Target.Name != "" || d.TargetRole != "" || d.CodeName == "" || len(d.Mentions) != 1 {
		t.Errorf("detail: target %+v, role %q, code name %q, %d mentions", d.Target, d.TargetRole, d.CodeName, len(d.Mentions))
	}
}

func TestDocument(t *testing.T) {
	f := newFixture(t, Options{})
	n := f.counts().Documents
	for id := 1; id <= n; id++ {
		var doc store.Document
		f.get(fmt.Sprintf("/api/documents/%d", id), &doc)
		if doc.ID != int64(id) || doc.Text == "" || doc.Hash == "" || doc.Mentions == nil {
			t.Errorf("document %d: %+v", id, doc)
		}
		for _, m := range doc.Mentions {
			if m.Doc != doc.ID || doc.Text[m.Evidence.Start:m.Evidence.End] != m.Evidence.Text || !strings.Contains(m.Evidence.Text, m.Evidence.Trigger) {
				t.Errorf("document %d: mention %+v", id, m)
			}
			if m.Event == 0 {
				t.Errorf("document %d: mention %d has no event", id, m.ID)
			}
		}
	}
}

type actorsAnswer struct {
	Actors []actorJSON `json:"actors"`
}

type actorDetailJSON struct {
	actorJSON
	Roles []roleJSON `json:"roles"`
}

func TestActors(t *testing.T) {
	f := newFixture(t, Options{})
	for _, q := range []string{"Шойгу", "шойгу", "CHOÏGOU", "sergueï choigou", "Shoigu", "sergei-shoigu"} {
		var a actorsAnswer
		f.get("/api/actors?q="+url.QueryEscape(q), &a)
		if len(a.Actors) == 0 || a.Actors[0].Key != "sergei-shoigu" || !a.Actors[0].Known || a.Actors[0].Events < 2 {
			t.Errorf("q=%s: %+v, want Shoigu first, known, with his events", q, a.Actors)
		}
		if len(a.Actors) > 0 && !slices.Contains(a.Actors[0].Aliases, "Шойгу") {
			t.Errorf("q=%s: aliases %v", q, a.Actors[0].Aliases)
		}
	}
	// An actor of the knowledge base that no stored event has.
	var a actorsAnswer
	f.get("/api/actors?q="+url.QueryEscape("Белоусов"), &a)
	if len(a.Actors) != 1 || a.Actors[0].Key != "andrei-belousov" || a.Actors[0].Events != 0 || !a.Actors[0].Known {
		t.Errorf("Белоусов: %+v", a.Actors)
	}
	// No query lists the most active; no match is an empty list.
	f.get("/api/actors?limit=3", &a)
	if len(a.Actors) == 0 || len(a.Actors) > 3 || !sort.SliceIsSorted(a.Actors, func(i, j int) bool { return a.Actors[i].Events > a.Actors[j].Events }) {
		t.Errorf("most active: %+v", a.Actors)
	}
	code, _, b := f.do("GET", "/api/actors?q=zzqqxx", nil)
	if code != 200 || !bytes.Contains(b, []byte(`"actors":[]`)) {
		t.Errorf("no match: %d %s", code, b)
	}

	var d actorDetailJSON
	f.get("/api/actors/Q193702", &d)
	if d.Key != "sergei-shoigu" || d.Events < 2 || len(d.Roles) < 2 {
		t.Fatalf("Q193702: %+v", d)
	}
	r := d.Roles[0]
	if r.Title != "defence minister" || r.Country != "RUS" || r.Sector != "GOV" || r.From == nil || *r.From != "2012-11-06" || r.To == nil {
		t.Errorf("first role %+v", r)
	}
	if last := d.Roles[len(d.Roles)-1]; last.To != nil {
		t.Errorf("the current role has an end: %+v", last)
	}
	// A stored actor outside the knowledge base, by its key.
	f.get("/api/actors?limit=200", &a)
	for _, x := range a.Actors {
		if !x.Known {
			var d actorDetailJSON
			f.get("/api/actors/"+url.PathEscape(x.Key), &d)
			if d.Key != x.Key || d.Events != x.Events || len(d.Roles) != 0 || d.Known {
				t.Errorf("%s: %+v", x.Key, d)
			}
			break
		}
	}
}

func TestSeriesGraphPlaces(t *testing.T) {
	f := newFixture(t, Options{})
	all := f.allEvents("", 1000)
	dated, months := 0, map[string]bool{}
	for _, e := range all {
		if e.Date != nil {
			dated++
			months[(*e.Date)[:7]+"-01"] = true
		}
	}
	var s struct {
		Buckets []store.Bucket `json:"buckets"`
	}
	f.get("/api/series?interval=month&by=root", &s)
	sum := 0
	for _, b := range s.Buckets {
		sum += b.Count
		if !months[b.Period] || len(b.Key) != 2 {
			t.Errorf("bucket %+v", b)
		}
	}
	if sum != dated {
		t.Errorf("series counts %d events, %d are dated", sum, dated)
	}
	var n store.Total
	f.get("/api/count", &n)
	if n.Events != len(all) || n.Undated != len(all)-dated || n.Undated == 0 {
		t.Errorf("count = %+v; %d events, %d dated", n, len(all), dated)
	}
	f.get("/api/count?quad=4&from=2030-01-01", &n)
	if n != (store.Total{}) {
		t.Errorf("count of nothing = %+v", n)
	}
	f.get("/api/series?quad=4&from=2030-01-01", &s)
	if s.Buckets == nil || len(s.Buckets) != 0 {
		t.Errorf("empty series: %+v", s.Buckets)
	}

	var g store.Graph
	f.get("/api/graph?limit=1000", &g)
	nodes := map[string]bool{}
	for _, n := range g.Nodes {
		if nodes[n.Key] {
			t.Errorf("node %s twice", n.Key)
		}
		nodes[n.Key] = true
	}
	edges := 0
	for _, e := range g.Edges {
		edges += e.Count
		if !nodes[e.Source] || !nodes[e.Target] {
			t.Errorf("edge %+v between unknown nodes", e)
		}
	}
	if edges != len(all) {
		t.Errorf("edges count %d events, want %d", edges, len(all))
	}
	f.get("/api/graph?limit=2", &g)
	if len(g.Nodes) > 2 {
		t.Errorf("limit 2: %d nodes", len(g.Nodes))
	}

	var p struct {
		Places []store.PlaceCount `json:"places"`
	}
	f.get("/api/places", &p)
	placed := map[string]int{}
	for _, e := range all {
		if e.Place != nil {
			placed[e.Place.Name]++
		}
	}
	total := 0
	for _, x := range p.Places {
		total += x.Events
		if placed[x.Name] == 0 {
			t.Errorf("place %+v has no event", x)
		}
	}
	if want := len(all) - countNil(all); total != want {
		t.Errorf("places count %d events, %d have a place", total, want)
	}
}

func countNil(evs []store.Event) int {
	n := 0
	for _, e := range evs {
		if e.Place == nil {
			n++
		}
	}
	return n
}

func TestCodes(t *testing.T) {
	f := newFixture(t, Options{})
	var c struct {
		Codes []codeEntry `json:"codes"`
	}
	f.get("/api/codes", &c)
	if len(c.Codes) != len(f.p.KB.Codes) || !sort.SliceIsSorted(c.Codes, func(i, j int) bool { return c.Codes[i].Code < c.Codes[j].Code }) {
		t.Fatalf("%d codes, the codebook has %d", len(c.Codes), len(f.p.KB.Codes))
	}
	for _, x := range c.Codes {
		k := f.p.KB.Codes[x.Code]
		if k == nil || x.Name != k.Name || x.Root != x.Code[:2] || x.Quad != k.Quad || x.Goldstein != k.Goldstein {
			t.Errorf("code %+v", x)
		}
	}
}

const postedText = `Talks in Ankara

ANKARA, April 8, 2024 — Turkish President Recep Tayyip Erdogan met Hungarian Prime Minister Viktor Orban in Ankara on Monday.

Greece condemned the visit.
`

func post(f *fixture, path string, body any, header ...string) (int, http.Header, []byte) {
	f.t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.do("POST", path, bytes.NewReader(b), append([]string{"Content-Type", "application/json"}, header...)...)
}

type codedJSON struct {
	Document codedDocument   `json:"document"`
	Events   []entente.Event `json:"events"`
}

func TestCode(t *testing.T) {
	f := newFixture(t, Options{MaxBody: 4000})
	before := f.counts()
	code, _, b := post(f, "/api/code", article{Text: postedText})
	if code != 200 {
		t.Fatalf("%d %s", code, b)
	}
	var c codedJSON
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	if c.Document.Text != postedText || c.Document.Lang != "en" || c.Document.Title != "Talks in Ankara" || c.Document.Date == nil || *c.Document.Date != "2024-04-08" {
		t.Errorf("document %+v", c.Document)
	}
	if len(c.Events) == 0 {
		t.Fatal("no events")
	}
	for _, e := range c.Events {
		if postedText[e.Evidence.Start:e.Evidence.End] != e.Evidence.Text {
			t.Errorf("evidence offsets of %+v", e.Evidence)
		}
	}
	if after := f.counts(); after != before {
		t.Errorf("POST /api/code stored something: %+v, was %+v", after, before)
	}
	// The date and title of the body win over what the text says.
	code, _, b = post(f, "/api/code", article{Text: "Greece condemned the visit of Viktor Orban to Ankara.", Title: "Visit", Date: "2024-04-09", Lang: "EN"})
	if code != 200 {
		t.Fatalf("%d %s", code, b)
	}
	c = codedJSON{}
	json.Unmarshal(b, &c)
	if c.Document.Title != "Visit" || c.Document.Date == nil || *c.Document.Date != "2024-04-09" || c.Document.Lang != "en" {
		t.Errorf("document %+v", c.Document)
	}

	tests := []struct {
		name   string
		body   string
		ctype  string
		status int
		msg    string
	}{
		{"empty", `{}`, "application/json", 400, "text or url"},
		{"blank", `{"text": "   "}`, "application/json", 400, "text or url"},
		{"not json", `text=hello`, "application/json", 400, "JSON"},
		{"unknown field", `{"body": "hello"}`, "application/json", 400, "JSON"},
		{"two values", `{"text": "a"} {"text": "b"}`, "application/json", 400, "more than one"},
		{"bad date", `{"text": "Greece condemned Turkey.", "date": "08/04/2024"}`, "application/json", 400, "date"},
		{"bad lang", `{"text": "Greece condemned Turkey.", "lang": "english"}`, "application/json", 400, "lang"},
		{"bad url", `{"url": "ftp://example.org/a"}`, "application/json", 400, "url"},
		{"form", `{"text": "x"}`, "application/x-www-form-urlencoded", 415, "application/json"},
		{"unsupported language", `{"text": "Il governo di Roma ha annunciato lunedì nuovi colloqui con Parigi e ha condannato le sanzioni."}`, "application/json", 422, "language"},
		{"binary", `{"text": "\u0000\u0001\u0002 binary"}`, "application/json", 422, "binary"},
		{"too large", `{"text": "` + strings.Repeat("Greece condemned Turkey. ", 200) + `"}`, "application/json", 413, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, h, b := f.do("POST", "/api/code", strings.NewReader(tt.body), "Content-Type", tt.ctype)
			var e struct{ Error string }
			json.Unmarshal(b, &e)
			if code != tt.status || !strings.Contains(e.Error, tt.msg) || h.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("%d %s, want %d with %q", code, b, tt.status, tt.msg)
			}
		})
	}
}

func TestStoreDocument(t *testing.T) {
	t.Run("no token configured", func(t *testing.T) {
		f := newFixture(t, Options{})
		code, _, b := post(f, "/api/documents", article{Text: postedText}, "Authorization", "Bearer anything")
		if code != 403 || !bytes.Contains(b, []byte("--token")) || !bytes.Contains(b, []byte("ENTENTE_TOKEN")) {
			t.Errorf("%d %s", code, b)
		}
	})
	f := newFixture(t, Options{Token: "s3cret-token"})
	before := f.counts()
	for _, auth := range []string{"", "Bearer wrong", "Basic s3cret-token", "Bearer s3cret-token-and-more", "bearer"} {
		code, h, b := post(f, "/api/documents", article{Text: postedText}, "Authorization", auth)
		if code != 401 || h.Get("WWW-Authenticate") == "" || bytes.Contains(b, []byte("s3cret")) {
			t.Errorf("Authorization %q: %d %s", auth, code, b)
		}
	}
	if f.counts() != before {
		t.Fatal("an unauthorized POST stored something")
	}
	code, _, b := post(f, "/api/documents", article{Text: postedText, URL: "https://news.example.org/ankara"}, "Authorization", "Bearer s3cret-token")
	if code != 201 {
		t.Fatalf("%d %s", code, b)
	}
	var s stored
	if err := json.Unmarshal(b, &s); err != nil || s.Duplicate || len(s.Events) == 0 {
		t.Fatalf("%s (%v)", b, err)
	}
	var doc store.Document
	f.get(fmt.Sprintf("/api/documents/%d", s.Document), &doc)
	if doc.Text != postedText || doc.URL != "https://news.example.org/ankara" || doc.Publisher != "news.example.org" {
		t.Errorf("stored %+v", doc)
	}
	for _, id := range s.Events {
		var d eventJSON
		f.get(fmt.Sprintf("/api/events/%d", id), &d)
		if !slices.ContainsFunc(d.Mentions, func(m struct {
			store.Mention
			Document docSummary `json:"document"`
		}) bool {
			return m.Doc == s.Document
		}) {
			t.Errorf("event %d is not mentioned by document %d", id, s.Document)
		}
	}
	after := f.counts()
	if after.Documents != before.Documents+1 {
		t.Errorf("documents %d, want %d", after.Documents, before.Documents+1)
	}
	// The same text again changes nothing and answers the same events.
	code, _, b = post(f, "/api/documents", article{Text: postedText}, "Authorization", "Bearer s3cret-token")
	var again stored
	json.Unmarshal(b, &again)
	if code != 200 || !again.Duplicate || again.Document != s.Document || !slices.Equal(again.Events, s.Events) {
		t.Errorf("again: %d %s, first %+v", code, b, s)
	}
	if f.counts() != after {
		t.Error("a duplicate changed the store")
	}
}

func TestFetchURL(t *testing.T) {
	page := `<!doctype html><html><head><title>Talks in Ankara</title>
<meta property="og:site_name" content="Harbour Gazette"></head>
<body><article><h1>Talks in Ankara</h1>
<p>ANKARA, April 8, 2024 — Turkish President Recep Tayyip Erdogan met Hungarian Prime Minister Viktor Orban in Ankara on Monday to discuss trade.</p>
<p>Greece condemned the visit on Tuesday, its foreign ministry said in a statement released in Athens.</p>
</article></body></html>`
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/ankara" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	}))
	defer site.Close()

	// Fetching a URL makes the server reach out: it needs the token.
	closed := newFixture(t, Options{AllowPrivate: true})
	code, _, b := post(closed, "/api/code", article{URL: site.URL + "/ankara"})
	if code != 403 || !bytes.Contains(b, []byte("fetching URLs is disabled")) {
		t.Errorf("URL without a configured token: %d %s", code, b)
	}
	refused := newFixture(t, Options{Token: "t"})
	code, _, b = post(refused, "/api/code", article{URL: site.URL + "/ankara"})
	if code != 401 {
		t.Errorf("URL without the token: %d %s", code, b)
	}
	code, _, b = post(refused, "/api/code", article{URL: site.URL + "/ankara"}, "Authorization", "Bearer t")
	if code != 400 || !bytes.Contains(b, []byte("non-public address")) || bytes.Contains(b, []byte("127.0.0.1")) {
		t.Errorf("loopback URL without AllowPrivate: %d %s", code, b)
	}

	f := newFixture(t, Options{AllowPrivate: true, Token: "t"})
	code, _, b = post(f, "/api/code", article{URL: site.URL + "/ankara"}, "Authorization", "Bearer t")
	if code != 200 {
		t.Fatalf("%d %s", code, b)
	}
	var c codedJSON
	json.Unmarshal(b, &c)
	if c.Document.URL != site.URL+"/ankara" || !strings.Contains(c.Document.Text, "Viktor Orban") || strings.Contains(c.Document.Text, "<p>") || len(c.Events) == 0 {
		t.Errorf("coded page: %s", b)
	}
	code, _, b = post(f, "/api/documents", article{URL: site.URL + "/ankara"}, "Authorization", "Bearer t")
	var s stored
	json.Unmarshal(b, &s)
	if code != 201 || len(s.Events) == 0 {
		t.Fatalf("%d %s", code, b)
	}
	var doc store.Document
	f.get(fmt.Sprintf("/api/documents/%d", s.Document), &doc)
	if doc.URL != site.URL+"/ankara" || doc.Publisher != "harbour gazette" {
		t.Errorf("stored page: url %q publisher %q", doc.URL, doc.Publisher)
	}
	code, _, b = post(f, "/api/code", article{URL: site.URL + "/missing"}, "Authorization", "Bearer t")
	if code != 502 || !bytes.Contains(b, []byte("404")) {
		t.Errorf("missing page: %d %s", code, b)
	}
}

func TestJSONEscaping(t *testing.T) {
	f := newFixture(t, Options{Token: "t"})
	title := `<script>alert("x")</script> & "quotes" \ back`
	text := "Greece condemned Turkey on Monday. </script><img src=x onerror=alert(1)> \u2028 é"
	code, _, b := post(f, "/api/documents", article{Text: text, Title: title, Date: "2024-04-08", Lang: "en"}, "Authorization", "Bearer t")
	if code != 201 {
		t.Fatalf("%d %s", code, b)
	}
	var s stored
	json.Unmarshal(b, &s)
	code, _, b = f.do("GET", fmt.Sprintf("/api/documents/%d", s.Document), nil)
	if code != 200 {
		t.Fatalf("%d %s", code, b)
	}
	for _, raw := range []string{"<script>", "</script>", "<img", "\u2028"} {
		if bytes.Contains(b, []byte(raw)) {
			t.Errorf("answer holds %q unescaped", raw)
		}
	}
	var doc store.Document
	if err := json.Unmarshal(b, &doc); err != nil || doc.Title != title || doc.Text != text {
		t.Errorf("round trip: title %q text %q (%v)", doc.Title, doc.Text, err)
	}
	code, _, b = f.do("GET", "/api/events?actor=%3Cscript%3E", nil)
	if code != 400 || bytes.Contains(b, []byte("<script>")) {
		t.Errorf("error echoes markup: %d %s", code, b)
	}
}

func TestOpenAPI(t *testing.T) {
	f := newFixture(t, Options{})
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			Parameters []struct {
				Ref  string `json:"$ref"`
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
			Responses map[string]any `json:"responses"`
		} `json:"paths"`
		Components struct {
			Parameters map[string]struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	f.get("/api/openapi.json", &doc)
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	s, _ := New(f.st, f.p, Options{})
	routes := map[string]bool{}
	for _, rt := range s.routes {
		key := strings.ToLower(rt.method) + " " + rt.path
		routes[key] = true
		op, ok := doc.Paths[rt.path][strings.ToLower(rt.method)]
		if !ok {
			t.Errorf("route %s %s is not in openapi.json", rt.method, rt.path)
			continue
		}
		var query, path []string
		for _, p := range op.Parameters {
			if p.Ref != "" {
				c, ok := doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
				if !ok {
					t.Errorf("%s: dangling %s", key, p.Ref)
				}
				p.Name, p.In = c.Name, c.In
			}
			if p.In == "query" {
				query = append(query, p.Name)
			} else {
				path = append(path, p.Name)
			}
		}
		want := slices.Clone(rt.params)
		slices.Sort(want)
		slices.Sort(query)
		if !slices.Equal(query, want) {
			t.Errorf("%s: openapi query parameters %v, the route takes %v", key, query, want)
		}
		if strings.Contains(rt.path, "{id}") != slices.Contains(path, "id") {
			t.Errorf("%s: path parameters %v", key, path)
		}
		if len(op.Responses) == 0 {
			t.Errorf("%s: no responses", key)
		}
	}
	for p, ops := range doc.Paths {
		for m := range ops {
			if !routes[m+" "+p] {
				t.Errorf("openapi.json has %s %s, which no route serves", m, p)
			}
		}
	}
	// Every $ref resolves.
	raw, _ := json.Marshal(doc.Components.Schemas)
	for _, b := range [][]byte{openapiJSON, raw} {
		for _, m := range refPattern(b) {
			name := m[strings.LastIndex(m, "/")+1:]
			_, okS := doc.Components.Schemas[name]
			_, okP := doc.Components.Parameters[name]
			if !okS && !okP {
				t.Errorf("dangling $ref %s", m)
			}
		}
	}
}

// refPattern lists the $ref values of a JSON document.
func refPattern(b []byte) []string {
	var out []string
	for _, part := range strings.Split(string(b), `"$ref":`)[1:] {
		part = strings.TrimSpace(part)
		if end := strings.Index(part[1:], `"`); end >= 0 {
			out = append(out, part[1:end+1])
		}
	}
	return out
}

func TestMetricsAndHealth(t *testing.T) {
	f := newFixture(t, Options{})
	f.get("/api/events?limit=2", &store.EventPage{})
	f.do("GET", "/api/events?quad=9", nil)
	post(f, "/api/code", article{Text: postedText})
	code, h, b := f.do("GET", "/metrics", nil)
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
		t.Fatalf("%d %s", code, h.Get("Content-Type"))
	}
	n := f.counts()
	for _, want := range []string{
		`entente_http_requests_total{code="200",route="GET /api/events"} 1`,
		`entente_http_requests_total{code="400",route="GET /api/events"} 1`,
		`entente_http_request_duration_seconds_count{route="GET /api/events"} 2`,
		`entente_documents_coded_total{endpoint="code"} 1`,
		fmt.Sprintf("entente_store_events %d\n", n.Events),
		fmt.Sprintf("entente_store_documents %d\n", n.Documents),
		fmt.Sprintf("entente_store_mentions %d\n", n.Mentions),
		"entente_store_up 1\n",
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("metrics lack %q", want)
		}
	}

	var hz map[string]string
	f.get("/healthz", &hz)
	if hz["status"] != "ok" {
		t.Errorf("healthz %v", hz)
	}
	f.st.Close()
	code, _, b = f.do("GET", "/healthz", nil)
	if code != 503 || !bytes.Contains(b, []byte("store unreachable")) {
		t.Errorf("closed store: %d %s", code, b)
	}
	code, _, b = f.do("GET", "/api/events", nil)
	if code != 500 || string(b) != `{"error":"internal error"}`+"\n" {
		t.Errorf("closed store: %d %s", code, b)
	}
}

func TestHeadersAndUI(t *testing.T) {
	f := newFixture(t, Options{})
	for _, path := range []string{"/", "/api/events", "/api/nothing", "/healthz"} {
		_, h, _ := f.do("GET", path, nil)
		csp := h.Get("Content-Security-Policy")
		script := ""
		for _, d := range strings.Split(csp, ";") {
			if f := strings.Fields(d); len(f) > 0 && f[0] == "script-src" {
				script = strings.Join(f[1:], " ")
			}
		}
		if script != "'self'" || !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
	}
	code, h, b := f.do("GET", "/", nil)
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/html") || len(b) == 0 {
		t.Errorf("UI: %d %s", code, h.Get("Content-Type"))
	}
}

// BenchmarkEventsDyad measures GET /api/events with a dyad and a date
// range through a real HTTP server over the store ENTENTE_BIG_DB names
// (built by cmd/entente-synth), reporting p50 and p99 latency.
func BenchmarkEventsDyad(b *testing.B) {
	path := os.Getenv("ENTENTE_BIG_DB")
	if path == "" {
		b.Skip("ENTENTE_BIG_DB names no store (make one with cmd/entente-synth)")
	}
	if _, err := os.Stat(path); err != nil {
		b.Fatal(err)
	}
	p, err := loadPipeline()
	if err != nil {
		b.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s, err := New(st, p, Options{})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	client := srv.Client()
	getJSON := func(path string, v any) {
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			body, _ := io.ReadAll(resp.Body)
			b.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
		}
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			b.Fatal(err)
		}
	}

	// Queries: the busiest dyads between countries, each over a month of
	// the stored range.
	var g store.Graph
	getJSON("/api/graph?limit=20", &g)
	nodes := map[string]entente.Actor{}
	for _, n := range g.Nodes {
		nodes[n.Key] = n.Actor
	}
	var first, last store.EventPage
	getJSON("/api/events?sort=date&limit=1", &first)
	getJSON("/api/events?sort=date&desc=1&limit=1", &last)
	if len(first.Events) == 0 || first.Events[0].Date == nil || last.Events[0].Date == nil {
		b.Fatal("the store holds no dated events")
	}
	lo, _ := time.Parse(time.DateOnly, *first.Events[0].Date)
	hi, _ := time.Parse(time.DateOnly, *last.Events[0].Date)
	var queries []string
	for i, e := range g.Edges {
		a, c := side(nodes[e.Source]), side(nodes[e.Target])
		if a == "" || c == "" || a == c {
			continue
		}
		span := hi.Sub(lo)
		from := lo.Add(time.Duration(int64(span) / 7 * int64(i%7)))
		to := from.AddDate(0, 1, 0)
		v := url.Values{"dyad": {a + "," + c}, "from": {from.Format(time.DateOnly)}, "to": {to.Format(time.DateOnly)}}
		queries = append(queries, "/api/events?"+v.Encode())
	}
	if len(queries) == 0 {
		b.Fatal("no dyad to query")
	}
	lat := make([]time.Duration, 0, b.N)
	found := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var page store.EventPage
		getJSON(queries[i%len(queries)], &page)
		lat = append(lat, time.Since(start))
		found += len(page.Events)
	}
	b.StopTimer()
	slices.Sort(lat)
	q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))]) / 1e6 }
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(float64(found)/float64(b.N), "events/op")
}

// side is what a dyad names an actor by: its country, else its org.
func side(a entente.Actor) string {
	if a.Country != "" {
		return a.Country
	}
	return a.Org
}

func TestExport(t *testing.T) {
	f := newFixture(t, Options{})
	all := f.allEvents("", 1000)
	quad4 := f.allEvents("quad=4", 1000)
	if len(quad4) == 0 || len(quad4) == len(all) {
		t.Fatalf("%d of %d events are quad 4: the filter test needs some and not all", len(quad4), len(all))
	}
	lines := func(b []byte) []string {
		return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	}
	tests := []struct {
		query, ctype, ext string
		check             func(t *testing.T, b []byte)
	}{
		{"format=jsonl", "application/x-ndjson", ".jsonl", func(t *testing.T, b []byte) {
			var ids []int64
			for _, l := range lines(b) {
				var e store.Event
				if err := json.Unmarshal([]byte(l), &e); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, e.ID)
			}
			if len(ids) != len(all) {
				t.Errorf("%d events, want %d", len(ids), len(all))
			}
		}},
		{"format=jsonl&quad=4", "application/x-ndjson", ".jsonl", func(t *testing.T, b []byte) {
			ls := lines(b)
			for _, l := range ls {
				var e store.Event
				if json.Unmarshal([]byte(l), &e); e.Quad != 4 {
					t.Errorf("quad %d exported with quad=4", e.Quad)
				}
			}
			if len(ls) != len(quad4) {
				t.Errorf("%d events, want %d", len(ls), len(quad4))
			}
		}},
		{"format=gdelt", "text/tab-separated-values", ".tsv", func(t *testing.T, b []byte) {
			ls := lines(b)
			if len(ls) != len(all) || len(strings.Split(ls[0], "\t")) != 61 {
				t.Errorf("%d lines, %d columns", len(ls), len(strings.Split(ls[0], "\t")))
			}
		}},
		{"format=csv", "text/csv", ".csv", func(t *testing.T, b []byte) {
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
			if err != nil || len(rows) != len(all)+1 || rows[0][0] != "id" {
				t.Errorf("%d rows, %v", len(rows), err)
			}
		}},
		{"format=plover", "application/x-ndjson", ".plover.jsonl", func(t *testing.T, b []byte) {
			if ls := lines(b); len(ls) != len(all) || !json.Valid([]byte(ls[0])) {
				t.Errorf("%d lines", len(ls))
			}
		}},
		{"format=parquet", "application/vnd.apache.parquet", ".parquet", func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("PAR1")) || !bytes.HasSuffix(b, []byte("PAR1")) {
				t.Errorf("not a Parquet file: %d bytes", len(b))
			}
		}},
		{"format=jsonl&from=2030-01-01", "", "", func(t *testing.T, b []byte) {
			if len(b) != 0 {
				t.Errorf("no event selected, got %q", b)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			code, h, b := f.do("GET", "/api/export?"+tt.query, nil)
			if code != 200 {
				t.Fatalf("%d %s", code, b)
			}
			if !strings.HasPrefix(h.Get("Content-Type"), tt.ctype) || tt.ext != "" && !strings.Contains(h.Get("Content-Disposition"), `filename="entente-events`+tt.ext+`"`) {
				t.Errorf("headers %v", h)
			}
			tt.check(t, b)
		})
	}
	for _, q := range []string{"", "format=xml", "format=csv&quad=7"} {
		code, h, b := f.do("GET", "/api/export?"+q, nil)
		if code != 400 || h.Get("Content-Type") != "application/json; charset=utf-8" || h.Get("Content-Disposition") != "" {
			t.Errorf("%s: %d %v %s", q, code, h, b)
		}
	}
}

// TestBlankTextNeedsToken posts a URL with a text that is only white space:
// the server would fetch the URL, so the token is required exactly as for
// a URL alone, and the site is never reached without it.
func TestBlankTextNeedsToken(t *testing.T) {
	var hits sync.Map
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Store(r.URL.Path, true)
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "Greece condemned Turkey on Monday over the drilling ship.")
	}))
	defer site.Close()
	f := newFixture(t, Options{AllowPrivate: true, Token: "t"})
	for i, text := range []string{" ", "\n", "\u00a0", " \t\u00a0\r\n"} {
		path := fmt.Sprintf("/page%d", i)
		code, h, b := post(f, "/api/code", article{Text: text, URL: site.URL + path})
		if code != 401 || h.Get("WWW-Authenticate") == "" {
			t.Errorf("text %q without the token: %d %s", text, code, b)
		}
		if _, ok := hits.Load(path); ok {
			t.Errorf("text %q without the token: the server fetched the URL", text)
		}
		code, _, b = post(f, "/api/code", article{Text: text, URL: site.URL + path}, "Authorization", "Bearer t")
		if code != 200 {
			t.Errorf("text %q with the token: %d %s", text, code, b)
		}
		if _, ok := hits.Load(path); !ok {
			t.Errorf("text %q with the token: the URL was not fetched", text)
		}
	}
}

// TestBearerScheme checks that the auth scheme is case-insensitive (RFC
// 7235 2.1) and that a wrong token still fails whatever its case.
func TestBearerScheme(t *testing.T) {
	f := newFixture(t, Options{Token: "s3cret"})
	tests := []struct {
		auth   string
		status int
	}{
		{"Bearer s3cret", 200},
		{"bearer s3cret", 200},
		{"BEARER s3cret", 200},
		{"bEaReR   s3cret", 200},
		{"Bearer S3CRET", 401},
		{"bearer wrong", 401},
		{"bearers3cret", 401},
		{"Basic s3cret", 401},
		{"s3cret", 401},
	}
	for _, tt := range tests {
		code, _, b := post(f, "/api/documents", article{}, "Authorization", tt.auth)
		// An empty article is a 400 after the token check passed.
		if tt.status == 200 && code != 400 || tt.status != 200 && code != tt.status {
			t.Errorf("Authorization %q: %d %s, want the token %s", tt.auth, code, b, map[bool]string{true: "accepted", false: "refused"}[tt.status == 200])
		}
	}
}

// TestMalformedQuery checks that a query string the URL parser cannot
// read whole (a semicolon separator, a bad escape) is a 400 that says so,
// never a page with the unreadable filter silently dropped.
func TestMalformedQuery(t *testing.T) {
	f := newFixture(t, Options{})
	for _, path := range []string{
		"/api/events?country=ZZZ;x=1",
		"/api/events?country=RUS;x=1",
		"/api/events?actor=RUS&country=FRA;",
		"/api/events?q=%zz",
		"/api/series?actor=RUS;by=root",
		"/api/export?format=csv;country=RUS",
		"/api/codes?a;b",
		"/api/events/1?mentions_limit=1;",
	} {
		code, _, b := f.do("GET", path, nil)
		var e struct{ Error string }
		if code != 400 || json.Unmarshal(b, &e) != nil || !strings.Contains(e.Error, "query") {
			t.Errorf("%s: %d %s, want a 400 about the query", path, code, b)
		}
	}
}

// TestCodeLimits checks the bounds of coding a posted article: the body
// size without the token, the deadline, and the number of codings at
// once, each answered with its own status and a JSON error.
func TestCodeLimits(t *testing.T) {
	t.Run("open body", func(t *testing.T) {
		f := newFixture(t, Options{Token: "t"})
		// Over DefaultMaxOpenBody, under DefaultMaxBody; words of no
		// language, so that the reader refuses it at once with the token.
		big := article{Text: strings.Repeat("zq xv ", DefaultMaxOpenBody/6+100)}
		code, _, b := post(f, "/api/code", big)
		if code != 413 || !strings.Contains(errorOf(b), "with the token") {
			t.Errorf("without the token: %d %s", code, b)
		}
		code, _, b = post(f, "/api/code", big, "Authorization", "Bearer t")
		if code == 413 || code == 200 {
			t.Errorf("with the token: %d %.200s", code, b)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		f := newFixture(t, Options{CodeTimeout: time.Nanosecond})
		code, _, b := post(f, "/api/code", article{Text: postedText})
		if code != 504 || !strings.Contains(errorOf(b), "coding took longer than") {
			t.Errorf("%d %s", code, b)
		}
	})
	t.Run("concurrency", func(t *testing.T) {
		f := newFixture(t, Options{Limits: Limits{Code: 1, QueueWait: 20 * time.Millisecond}})
		g := f.s.gates[classCode]
		g.slots <- struct{}{} // a coding in progress
		code, h, b := post(f, "/api/code", article{Text: postedText})
		if code != 503 || h.Get("Retry-After") == "" || !strings.Contains(errorOf(b), "busy") || h.Get("Content-Type") != "application/json; charset=utf-8" {
			t.Errorf("all slots taken: %d %s (Retry-After %q)", code, b, h.Get("Retry-After"))
		}
		<-g.slots
		if code, _, b := post(f, "/api/code", article{Text: postedText}); code != 200 {
			t.Errorf("slot free again: %d %s", code, b)
		}
		if len(g.slots) != 0 {
			t.Errorf("%d slots still taken after the coding ended", len(g.slots))
		}
	})
}

// TestAllowedHosts checks that a server on loopback answers only its
// loopback names and the names it is given, so that a page whose domain
// was rebound to 127.0.0.1 (DNS rebinding) cannot read the API.
func TestAllowedHosts(t *testing.T) {
	for _, tt := range []struct {
		addr  string
		extra []string
		want  []string
	}{
		{"127.0.0.1:8080", nil, []string{"localhost", "127.0.0.1", "::1"}},
		{"localhost:8080", nil, []string{"localhost", "127.0.0.1", "::1"}},
		{"[::1]:8080", []string{"Entente.Lan:8080"}, []string{"localhost", "127.0.0.1", "::1", "entente.lan"}},
		{"127.0.0.2:80", nil, []string{"localhost", "127.0.0.1", "::1"}},
		{"0.0.0.0:8080", nil, nil},
		{":8080", nil, nil},
		{"192.0.2.7:8080", []string{"events.example.org"}, []string{"events.example.org"}},
	} {
		if got := AllowedHosts(tt.addr, tt.extra); !slices.Equal(got, tt.want) {
			t.Errorf("AllowedHosts(%q, %q) = %q, want %q", tt.addr, tt.extra, got, tt.want)
		}
	}

	f := newFixture(t, Options{AllowedHosts: AllowedHosts("127.0.0.1:8080", []string{"entente.lan"})})
	for _, tt := range []struct {
		host string
		ok   bool
	}{
		{"localhost:8080", true},
		{"LOCALHOST", true},
		{"127.0.0.1:8080", true},
		{"[::1]:8080", true},
		{"entente.lan", true},
		{"entente.lan.:8080", true},
		{"attacker.example:8080", false},
		{"localhost.attacker.example", false},
		{"127.0.0.1.nip.io", false},
		{"<b>x</b>", false},
	} {
		for _, path := range []string{"/api/events", "/", "/healthz", "/api/code"} {
			req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
			req.Host = tt.host
			resp, err := f.srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			refused := resp.StatusCode == 403 && bytes.Contains(b, []byte("--allowed-hosts")) && !bytes.Contains(b, []byte("<b>"))
			if tt.ok == refused {
				t.Errorf("Host %q, %s: %d %.120s", tt.host, path, resp.StatusCode, b)
			}
		}
	}
}

// TestExportStalledClient starts a download of many megabytes and stops
// reading after its first bytes: the server must give up on the
// connection once a chunk cannot be written within the write timeout,
// freeing the export's turn (and its read of the store), not hold it
// forever.
func TestExportStalledClient(t *testing.T) {
	f := newFixture(t, Options{WriteTimeout: 300 * time.Millisecond})
	ctx := context.Background()
	// About 12 MB of JSON Lines: events with long evidence sentences.
	long := strings.Repeat("The delegations met again in the afternoon and went over the text line by line. ", 50)
	for d := range 40 {
		doc := &entente.Document{ID: fmt.Sprintf("bulk-%d", d), Lang: "en", Text: fmt.Sprintf("Bulk document %d.", d)}
		for e := range 75 {
			date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d*75+e).Format(time.DateOnly)
			doc.Events = append(doc.Events, entente.Event{Code: "040", Root: "04", Quad: 1, Goldstein: 1, Plover: "CONSULT",
				Source: entente.Actor{Name: "Norway", Code: "NOR", Country: "NOR"}, Target: entente.Actor{Name: "Chile", Code: "CHL", Country: "CHL"},
				Date: &date, Modality: entente.Asserted, Evidence: entente.Evidence{Text: long, Start: 0, End: len(long), Trigger: "met"}})
		}
		if _, err := f.st.Ingest(ctx, doc, nil); err != nil {
			t.Fatal(err)
		}
	}
	conn, err := net.Dial("tcp", f.srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.(*net.TCPConn).SetReadBuffer(4096)
	fmt.Fprintf(conn, "GET /api/export?format=jsonl HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	head := make([]byte, 4096)
	if n, err := io.ReadAtLeast(conn, head, 200); err != nil || !bytes.HasPrefix(head[:n], []byte("HTTP/1.1 200")) {
		t.Fatalf("export started with %q (%v)", head[:n], err)
	}
	// The client reads no more. The export holds its turn until the
	// server gives up on the connection.
	g := f.s.gates[classExport]
	deadline := time.Now().Add(20 * time.Second)
	for len(g.slots) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("the export to a client that stopped reading is still running after 20s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// mentionCounter is a store that counts the mentions it reads.
type mentionCounter struct {
	store.Store
	mu   sync.Mutex
	read int
}

func (c *mentionCounter) Event(ctx context.Context, id int64) (*store.Event, error) {
	e, err := c.Store.Event(ctx, id)
	if e != nil {
		c.add(len(e.Mentions))
	}
	return e, err
}

func (c *mentionCounter) Mentions(ctx context.Context, id int64, offset, limit int) ([]store.Mention, error) {
	ms, err := c.Store.Mentions(ctx, id, offset, limit)
	c.add(len(ms))
	return ms, err
}

func (c *mentionCounter) add(n int) {
	c.mu.Lock()
	c.read += n
	c.mu.Unlock()
}

func (c *mentionCounter) take() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.read
	c.read = 0
	return n
}

// TestEventManyMentions opens the pages of an event reported 3,000 times
// and checks that each page reads only its own mentions from the store.
func TestEventManyMentions(t *testing.T) {
	p, err := loadPipeline()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "many.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ev := entente.Event{Code: "042", Root: "04", Quad: 1, Goldstein: 1.9, Plover: "CONSULT",
		Source: entente.Actor{Name: "Chile", Code: "CHL", Country: "CHL"}, Target: entente.Actor{Name: "Peru", Code: "PER", Country: "PER"},
		Modality: entente.Asserted, Rule: "test", Confidence: 0.5}
	const docs, perDoc = 30, 100
	var items []store.Item
	for d := range docs {
		doc := &entente.Document{ID: fmt.Sprintf("visit-%d", d), Site: fmt.Sprintf("Paper %d", d), Lang: "en"}
		for i := range perDoc {
			s := fmt.Sprintf("Chile's envoy went to Lima, report %d of %d. ", i, d)
			e := ev
			e.Doc, e.Sentence = doc.ID, i
			e.Evidence = entente.Evidence{Text: s, Start: len(doc.Text), End: len(doc.Text) + len(s), Trigger: "went"}
			doc.Text += s
			doc.Events = append(doc.Events, e)
		}
		items = append(items, store.Item{Doc: doc})
	}
	res, err := st.IngestItems(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].Events[0]
	counter := &mentionCounter{Store: st}
	s, err := New(counter, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	f := &fixture{t: t, s: s, st: st, p: p, srv: srv}
	seen := map[int64]bool{}
	for _, q := range []string{"", "?mentions_offset=100", "?mentions_limit=1000&mentions_offset=1000", "?mentions_limit=7&mentions_offset=2995"} {
		var d eventJSON
		f.get(fmt.Sprintf("/api/events/%d%s", id, q), &d)
		if d.MentionsTotal != docs*perDoc || d.NumMentions != docs*perDoc {
			t.Errorf("%s: mentions_total %d, num_mentions %d, want %d", q, d.MentionsTotal, d.NumMentions, docs*perDoc)
		}
		if n := counter.take(); n > max(len(d.Mentions), 1) {
			t.Errorf("%s: %d mentions read from the store for a page of %d", q, n, len(d.Mentions))
		}
		for _, m := range d.Mentions {
			if seen[m.ID] {
				t.Errorf("%s: mention %d on two pages", q, m.ID)
			}
			seen[m.ID] = true
			if m.Document.ID != m.Doc {
				t.Errorf("%s: mention %d without its document", q, m.ID)
			}
		}
		switch q {
		case "?mentions_limit=7&mentions_offset=2995":
			if len(d.Mentions) != 5 || d.MentionsNext != nil {
				t.Errorf("%s: %d mentions, next %v; want the last 5", q, len(d.Mentions), d.MentionsNext)
			}
		default:
			if d.MentionsNext == nil || len(d.Mentions) == 0 {
				t.Errorf("%s: %d mentions, no next page", q, len(d.Mentions))
			}
		}
	}
}

// errorOf is the message of a JSON error answer.
func errorOf(b []byte) string {
	var e struct{ Error string }
	json.Unmarshal(b, &e)
	return e.Error
}

// TestFilterNames checks that actor, dyad and country filters take names
// in any script and language, resolved to the same events as the ids and
// codes they name, and that a name of nothing is a 400 with near names.
func TestFilterNames(t *testing.T) {
	f := newFixture(t, Options{})
	ids := func(query string) []int64 {
		var out []int64
		for _, e := range f.allEvents(query, 100) {
			out = append(out, e.ID)
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range []struct {
		want  string   // a query with ids and codes
		names []string // the same with names
	}{
		{"actor=sergei-shoigu", []string{"actor=Shoigu", "actor=Cho%C3%AFgou", "actor=Serguei+Choigou", "actor=%D0%A8%D0%BE%D0%B9%D0%B3%D1%83", "actor=+sergei-shoigu+"}},
		{"actor=RUS", []string{"actor=Russia", "actor=Russie", "actor=rus", "actor=Russian+Federation"}},
		{"actor=IRN&role=source", []string{"actor=Iran&role=source"}},
		{"dyad=sergei-shoigu,prabowo-subianto", []string{"dyad=Choigou,Prabowo", "dyad=Shoigu,+Prabowo+Subianto"}},
		{"country=RUS", []string{"country=Russie", "country=Russia", "country=rus"}},
		{"place_country=IDN", []string{"place_country=Indon%C3%A9sie", "place_country=Indonesia"}},
	} {
		want := ids(tt.want)
		if len(want) == 0 {
			t.Fatalf("%s selects no event: the fixture lacks it", tt.want)
		}
		for _, q := range tt.names {
			if got := ids(q); !slices.Equal(got, want) {
				t.Errorf("%s: events %v, want those of %s: %v", q, got, tt.want, want)
			}
		}
	}
	for _, tt := range []struct{ query, want string }{
		{"actor=Poutin", "Poutine: Vladimir Putin (vladimir-putin)"},
		{"actor=Choigu", "sergei-shoigu"},
		{"country=Rusie", "(RUS)"},
		{"country=Narnia", "not a country"},
		{"dyad=RUS,Atlantide", "dyad \"Atlantide\""},
		{"place_country=Franse", "(FRA)"},
	} {
		code, _, b := f.do("GET", "/api/events?"+tt.query, nil)
		if code != 400 || !strings.Contains(errorOf(b), tt.want) {
			t.Errorf("%s: %d %s, want a 400 with %s", tt.query, code, b, tt.want)
		}
	}
	// The aggregates read the same filters.
	var byName, byCode store.Total
	f.get("/api/count?actor=Russie", &byName)
	f.get("/api/count?actor=RUS", &byCode)
	if byName != byCode || byName.Events == 0 {
		t.Errorf("count by name %+v, by code %+v", byName, byCode)
	}
}
