package api

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"entente/internal/store"
	"entente/internal/store/postgres"
	"entente/internal/store/sqlite"
)

// TestLoad is the analysts' day under load: 20 readers and 2 writers at
// once for 30 s (ENTENTE_LOAD_SECONDS) on a copy of the store that
// ENTENTE_LOAD_DB names (build one with `go run ./cmd/entente-synth --db
// /tmp/big200k.db --events 200000 --seed 1`). The readers page through
// events with the filters an analyst uses, open events and documents,
// search actors and draw series, graphs and maps; the writers store new
// articles through POST /api/documents. It fails on any 5xx and on a p99
// latency of a second or more, and logs p50, p99 and the slowest request
// per kind of read. ENTENTE_LOAD_DB may be a postgres:// URL of a store
// that cmd/entente-synth filled: the test then runs on it (the writers'
// documents stay in it).
func TestLoad(t *testing.T) {
	src := os.Getenv("ENTENTE_LOAD_DB")
	if src == "" {
		t.Skip("ENTENTE_LOAD_DB names no store (make one with cmd/entente-synth)")
	}
	seconds := 30
	if s := os.Getenv("ENTENTE_LOAD_SECONDS"); s != "" {
		var err error
		if seconds, err = strconv.Atoi(s); err != nil {
			t.Fatalf("ENTENTE_LOAD_SECONDS: %v", err)
		}
	}
	p, err := loadPipeline()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var st store.Store
	if postgres.IsURL(src) {
		st, err = postgres.Open(ctx, src, postgres.Options{})
	} else {
		// The writers add documents: work on a copy.
		path := filepath.Join(t.TempDir(), "load.db")
		if err := copyFile(path, src); err != nil {
			t.Fatal(err)
		}
		st, err = sqlite.Open(ctx, path, sqlite.Options{})
	}
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := New(st, p, Options{Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

	queries := loadQueries(t, client, srv.URL)
	type sample struct {
		kind, path string
		at, d      time.Duration // start, from the start of the run, and latency
		code       int
	}
	var (
		mu      sync.Mutex
		samples []sample
	)
	begin := time.Now()
	record := func(kind, path string, start time.Time, code int) {
		mu.Lock()
		samples = append(samples, sample{kind, path, start.Sub(begin), time.Since(start), code})
		mu.Unlock()
	}
	do := func(req *http.Request) (int, error) {
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		_, err = io.Copy(io.Discard, resp.Body)
		return resp.StatusCode, err
	}
	stop := time.Now().Add(time.Duration(seconds) * time.Second)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(i), 1))
			for time.Now().Before(stop) {
				q := queries[rng.IntN(len(queries))]
				req, _ := http.NewRequest("GET", srv.URL+q.path, nil)
				start := time.Now()
				code, err := do(req)
				if err != nil {
					t.Errorf("GET %s: %v", q.path, err)
					return
				}
				record(q.kind, q.path, start, code)
			}
		})
	}
	for i := range 2 {
		wg.Go(func() {
			for n := 0; time.Now().Before(stop); n++ {
				body := fmt.Sprintf(`{"text": %q, "lang": "en", "date": "2024-06-%02d"}`, loadArticle(i, n), 1+n%28)
				req, _ := http.NewRequest("POST", srv.URL+"/api/documents", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer t")
				start := time.Now()
				code, err := do(req)
				if err != nil {
					t.Errorf("POST: %v", err)
					return
				}
				record("write", "POST /api/documents", start, code)
			}
		})
	}
	wg.Wait()

	byKind := map[string][]time.Duration{}
	var reads []time.Duration
	codes := map[int]int{}
	failed := map[string]map[int]int{}
	for _, s := range samples {
		codes[s.code]++
		if s.code >= 300 {
			if failed[s.kind] == nil {
				failed[s.kind] = map[int]int{}
			}
			failed[s.kind][s.code]++
		}
		byKind[s.kind] = append(byKind[s.kind], s.d)
		if s.kind != "write" {
			reads = append(reads, s.d)
		}
	}
	quantile := func(d []time.Duration, q float64) time.Duration {
		slices.Sort(d)
		return d[int(q*float64(len(d)-1))]
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		d := byKind[k]
		t.Logf("%-10s %6d requests  p50 %8v  p99 %8v  max %8v  not 2xx %v", k, len(d), quantile(d, .5).Round(time.Millisecond), quantile(d, .99).Round(time.Millisecond), quantile(d, 1).Round(time.Millisecond), failed[k])
	}
	// The slowest reads, and when they started: what makes the p99.
	slices.SortFunc(samples, func(a, b sample) int { return cmp.Compare(b.d, a.d) })
	for _, s := range samples[:min(12, len(samples))] {
		t.Logf("slow: %8v at +%-8v %s %d", s.d.Round(time.Millisecond), s.at.Round(time.Millisecond), s.path, s.code)
	}
	p50, p99 := quantile(reads, .5), quantile(reads, .99)
	t.Logf("reads      %6d requests  p50 %8v  p99 %8v; statuses %v", len(reads), p50.Round(time.Millisecond), p99.Round(time.Millisecond), codes)
	for code, n := range codes {
		if code >= 500 {
			t.Errorf("%d answers with status %d", n, code)
		}
	}
	if p99 >= time.Second {
		t.Errorf("p99 of reads %v, want under 1s", p99)
	}
}

// loadQuery is one read of TestLoad and its kind.
type loadQuery struct{ kind, path string }

// loadQueries builds the reads of TestLoad from what the store holds: its
// busiest actors and dyads, a month of its dates, some events and
// documents.
func loadQueries(t *testing.T, client *http.Client, base string) []loadQuery {
	t.Helper()
	get := func(path string, v any) {
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			b, _ := io.ReadAll(resp.Body)
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
		}
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	var g store.Graph
	get("/api/graph?limit=30", &g)
	var page store.EventPage
	get("/api/events?sort=date&desc=1&limit=200", &page)
	if len(page.Events) == 0 || page.Events[0].Date == nil {
		t.Fatal("the store holds no dated events")
	}
	last, _ := time.Parse(time.DateOnly, *page.Events[0].Date)
	actors := map[string]bool{}
	var terms []string
	for _, n := range g.Nodes {
		if a := side(n.Actor); a != "" && !actors[a] {
			actors[a] = true
			terms = append(terms, a)
		}
	}
	if len(terms) < 2 {
		t.Fatal("the store has fewer than two busy actors")
	}
	var qs []loadQuery
	add := func(kind string, v url.Values, path string) {
		if len(v) > 0 {
			path += "?" + v.Encode()
		}
		qs = append(qs, loadQuery{kind, path})
	}
	for i, a := range terms {
		b := terms[(i+1)%len(terms)]
		from := last.AddDate(0, -1-i%12, 0).Format(time.DateOnly)
		to := last.AddDate(0, -i%12, 0).Format(time.DateOnly)
		add("events", url.Values{"actor": {a}, "sort": {"date"}, "desc": {"1"}}, "/api/events")
		add("events", url.Values{"dyad": {a + "," + b}, "from": {from}, "to": {to}}, "/api/events")
		add("events", url.Values{"country": {a}, "role": {"source"}, "quad": {"4"}, "sort": {"goldstein"}}, "/api/events")
		add("events", url.Values{"actor": {a}, "code": {"04"}, "from": {from}}, "/api/events")
		add("events", url.Values{"dyad": {a + "," + b}, "undirected": {"1"}, "sort": {"mentions"}, "desc": {"1"}}, "/api/events")
		add("series", url.Values{"actor": {a}, "interval": {"month"}}, "/api/series")
		add("series", url.Values{"dyad": {a + "," + b}, "interval": {"week"}, "by": {"root"}}, "/api/series")
		add("graph", url.Values{"country": {a}, "from": {from}}, "/api/graph")
		add("places", url.Values{"actor": {a}}, "/api/places")
		add("count", url.Values{"actor": {a}}, "/api/count")
	}
	add("graph", nil, "/api/graph")
	add("places", nil, "/api/places")
	add("events", url.Values{"q": {"talks"}}, "/api/events")
	for _, name := range []string{"min", "pres", "Sergei", "Пут"} {
		add("actors", url.Values{"q": {name}}, "/api/actors")
	}
	for i, e := range page.Events {
		if i%10 == 0 {
			add("event", nil, fmt.Sprintf("/api/events/%d", e.ID))
			add("document", nil, fmt.Sprintf("/api/documents/%d", e.FirstDoc))
		}
	}
	return qs
}

// loadArticle is a short article of our own for the writers of TestLoad,
// different for each writer w and number n.
func loadArticle(w, n int) string {
	pairs := [][2]string{{"Norway", "Sweden"}, {"Chile", "Peru"}, {"Kenya", "Uganda"}, {"Japan", "Vietnam"}, {"Canada", "Mexico"}}
	p := pairs[(w+n)%len(pairs)]
	return fmt.Sprintf("Trade talks, round %d of writer %d\n\n%s hosted a delegation from %s on Monday to discuss fishing quotas. "+
		"The foreign minister of %s later criticised %s over delays at the border crossing number %d.\n", n, w, p[0], p[1], p[1], p[0], n)
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
