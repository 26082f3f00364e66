package watch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"entente/internal/fetch"
	"entente/internal/pipeline"
	"entente/internal/store"
	"entente/internal/store/sqlite"
)

// fakeClock advances only when slept on, at once: politeness delays and
// backoffs cost no real time, and the requests' virtual times show them.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.now = c.now.Add(d)
	}
	return nil
}

// pages are the article texts of the test site (our own sentences).
var pages = map[string]string{
	"/a/1":       "Chile's foreign minister met his Peruvian counterpart in Lima on Tuesday to discuss fishing rights.",
	"/a/2":       "Norway criticised Denmark over a fishing quota on Monday.",
	"/a/3":       "Kenya's president hosted the president of Tanzania in Nairobi on Wednesday.",
	"/a/4":       "Portugal's prime minister visited Morocco on Thursday to sign an accord on ports.",
	"/a/5":       "Chile's foreign minister met his Peruvian counterpart in Lima on Tuesday to discuss fishing rights.",
	"/s/1":       "Ghana's foreign minister met the foreign minister of Togo in Accra on Friday.",
	"/private/x": "Iceland accused Greenland of nothing at all.",
}

// site is a news site that changes between polls. It records every
// request, the most requests in flight at once, and their virtual times.
type site struct {
	t     *testing.T
	clock *fakeClock
	srv   *httptest.Server

	mu        sync.Mutex
	version   int
	hits      map[string]int
	inFlight  int
	maxFlight int
	times     []time.Time
	failFour  bool // /a/4 answers 500
	cond      int  // conditional requests answered 304
}

func newSite(t *testing.T, clock *fakeClock) *site {
	s := &site{t: t, clock: clock, version: 1, hits: map[string]int{}, failFour: true}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) url(path string) string { return s.srv.URL + path }

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.inFlight++
	s.maxFlight = max(s.maxFlight, s.inFlight)
	s.times = append(s.times, s.clock.Now())
	version, failFour := s.version, s.failFour
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	if !strings.HasPrefix(r.UserAgent(), "entente/") {
		http.Error(w, "who are you", http.StatusForbidden)
		return
	}
	// A little time in the handler, so that concurrent requests would
	// overlap and be seen.
	time.Sleep(2 * time.Millisecond)
	switch p := r.URL.Path; {
	case p == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case p == "/feed.xml":
		etag := fmt.Sprintf(`"v%d"`, version)
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			s.mu.Lock()
			s.cond++
			s.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		links := []string{"/a/1", "/a/2", "/private/x"}
		if version > 1 {
			links = []string{"/a/3", "/a/4", "/a/5", "/a/2", "/a/1", "/private/x"}
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Courier</title>`)
		for _, l := range links {
			fmt.Fprintf(w, `<item><title>Story %s</title><link>%s</link><pubDate>Mon, 07 Dec 2026 05:00:00 GMT</pubDate></item>`, l, s.url(l))
		}
		fmt.Fprint(w, `</channel></rss>`)
	case p == "/sitemap_index.xml":
		w.Header().Set("Last-Modified", "Mon, 07 Dec 2026 04:00:00 GMT")
		if r.Header.Get("If-Modified-Since") != "" {
			s.mu.Lock()
			s.cond++
			s.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<sitemapindex><sitemap><loc>%s</loc></sitemap></sitemapindex>`, s.url("/news-sitemap.xml"))
	case p == "/news-sitemap.xml":
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>%s</loc>
			<news:news><news:publication><news:name>Gulf Ledger</news:name></news:publication>
			<news:publication_date>2026-12-04</news:publication_date><news:title>Accra talks</news:title></news:news></url></urlset>`, s.url("/s/1"))
	case p == "/broken.xml":
		http.Error(w, "down", http.StatusInternalServerError)
	case p == "/slow.xml":
		// The client gives up after 300ms, and on a loaded machine the
		// handler may learn it much later: the answer that is meant to be
		// abandoned never counts itself in flight, so that the next
		// request to the host is not taken for an overlapping one.
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			s.inFlight++ // the deferred decrement above takes it back
			s.mu.Unlock()
		}()
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	case p == "/malformed.xml":
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "<<< this is no feed >>>")
	case p == "/a/4" && failFour:
		http.Error(w, "busy", http.StatusServiceUnavailable)
	default:
		text, ok := pages[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// The title comes from the text, so that a page repeating
		// another's text is the same page (a syndicated copy).
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><p>%s</p></article></body></html>", text[:24], text)
	}
}

type fixture struct {
	site  *site
	clock *fakeClock
	db    *sqlite.Store
	p     *pipeline.Pipeline
	state string
	feeds []string
}

func newFixture(t *testing.T) *fixture {
	clock := &fakeClock{now: time.Date(2026, 12, 7, 6, 0, 0, 0, time.UTC)}
	s := newSite(t, clock)
	dir := t.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "watch.db"), sqlite.Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := pipeline.Load(pipeline.Knowledge(""))
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{site: s, clock: clock, db: db, p: p, state: filepath.Join(dir, "watch.state.json"),
		feeds: []string{s.url("/feed.xml"), s.url("/broken.xml"), s.url("/slow.xml"), s.url("/malformed.xml"), s.url("/sitemap_index.xml")}}
}

func (f *fixture) watcher(t *testing.T) *Watcher {
	t.Helper()
	w, err := New(Config{
		Feeds:  f.feeds,
		Client: fetch.New(fetch.Options{AllowPrivate: true, Timeout: 300 * time.Millisecond}),
		Coder:  f.p, Store: f.db, Clock: f.clock, Rand: func() float64 { return 0.5 },
	}, Options{HostDelay: 2 * time.Second, Retries: 1, Backoff: time.Second, StateFile: f.state, Parallel: 4})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func poll(t *testing.T, w *Watcher) Stats {
	t.Helper()
	stats, err := w.Poll(context.Background())
	if err != nil {
		t.Fatalf("Poll: %v", err)
	}
	return stats
}

func TestWatch(t *testing.T) {
	f := newFixture(t)
	w := f.watcher(t)
	s := f.site

	// Round 1: the feed's two pages and the sitemap's one are new; the
	// disallowed page is not fetched; the 500, the slow answer and the
	// malformed feed each fail without stopping the round.
	st := poll(t, w)
	if st.New != 3 || st.FeedErrors != 3 || st.Failed != 0 || st.Retry != 0 || st.Events == 0 {
		t.Fatalf("round 1: %s", st)
	}
	if s.count("/private/x") != 0 {
		t.Error("a page robots.txt disallows was fetched")
	}
	if n := s.count("/broken.xml"); n != 2 {
		t.Errorf("/broken.xml requested %d times, want 2 (one retry)", n)
	}
	if n := s.count("/slow.xml"); n != 2 {
		t.Errorf("/slow.xml requested %d times, want 2 (one retry)", n)
	}
	// Feed items are fetched in parallel: the sitemap's page is found by
	// its URL, not by the order it was stored in.
	var sitemapDoc *store.Document
	for id := int64(1); id <= 3; id++ {
		doc, err := f.db.Document(context.Background(), id)
		if err != nil {
			t.Fatalf("document %d: %v", id, err)
		}
		if doc.URL == s.url("/s/1") {
			sitemapDoc = doc
		}
	}
	if sitemapDoc == nil {
		t.Fatal("the sitemap's page was not stored")
	}
	if sitemapDoc.Title != "Accra talks" && sitemapDoc.Title != pages["/s/1"][:24] {
		t.Errorf("sitemap page stored as %+v", sitemapDoc)
	}
	if strings.Count(sitemapDoc.Text, "Ghana") != 1 {
		t.Errorf("sitemap page text %q: want its sentence once", sitemapDoc.Text)
	}

	// Round 2: nothing changed; the feed and the index answer 304.
	st = poll(t, w)
	if st.New != 0 || st.NotModified != 2 || st.FeedErrors != 3 {
		t.Errorf("round 2: %s", st)
	}
	if s.cond != 2 {
		t.Errorf("%d conditional requests answered 304, want 2", s.cond)
	}

	// Round 3: the feed changed: /a/3 is new, /a/5 repeats /a/1's text (a
	// duplicate), /a/4 answers 503 (fetched again next round), /a/1 and
	// /a/2 were seen and are not fetched again.
	s.mu.Lock()
	s.version = 2
	s.mu.Unlock()
	st = poll(t, w)
	if st.New != 1 || st.Duplicate != 1 || st.Retry != 1 {
		t.Errorf("round 3: %s", st)
	}
	for _, p := range []string{"/a/1", "/a/2"} {
		if n := s.count(p); n != 1 {
			t.Errorf("%s fetched %d times, want once", p, n)
		}
	}

	// Round 4, after a restart from the state file: /a/4 now answers; the
	// feed is fetched whole (its validators were dropped while a page was
	// pending), the rest is not fetched again.
	s.mu.Lock()
	s.failFour = false
	restart := len(s.times) // a new watcher does not know when the last one called
	s.mu.Unlock()
	w = f.watcher(t)
	st = poll(t, w)
	if st.New != 1 || st.Duplicate != 0 || st.Retry != 0 {
		t.Errorf("round 4: %s", st)
	}
	st = poll(t, w)
	if st.New != 0 || st.NotModified != 2 {
		t.Errorf("round 5: %s", st)
	}
	for _, p := range []string{"/a/1", "/a/2", "/a/3", "/a/5", "/s/1"} {
		if n := s.count(p); n != 1 {
			t.Errorf("%s fetched %d times, want once", p, n)
		}
	}
	if c, _ := f.db.Counts(context.Background()); c.Documents != 5 {
		t.Errorf("store holds %+v, want 5 documents", c)
	}

	// Politeness: never two requests at once to the host, and at least
	// the host delay between two (in the watcher's clock).
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.maxFlight != 1 {
		t.Errorf("%d requests in flight at once to one host", s.maxFlight)
	}
	for i := 1; i < len(s.times); i++ {
		if gap := s.times[i].Sub(s.times[i-1]); gap < 2*time.Second && i != restart {
			t.Errorf("requests %d and %d %v apart, want at least the host delay", i-1, i, gap)
			break
		}
	}
	if n := s.hits["/robots.txt"]; n != 2 {
		t.Errorf("robots.txt fetched %d times, want once per watcher (kept between rounds)", n)
	}
}

// TestFailuresCounted checks that each failed poll is counted in the
// metrics /metrics serves, by feed.
func TestFailuresCounted(t *testing.T) {
	f := newFixture(t)
	f.feeds = f.feeds[1:4]
	w := f.watcher(t)
	poll(t, w)
	poll(t, w)
	reg := prometheus.NewRegistry()
	for _, c := range w.Collectors() {
		reg.MustRegister(c)
	}
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, mf := range families {
		if mf.GetName() != "entente_watch_feed_failures_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			got[m.GetLabel()[0].GetValue()] = m.GetCounter().GetValue()
		}
	}
	for _, feed := range f.feeds {
		if got[feed] != 2 {
			t.Errorf("failures of %s = %v, want 2", feed, got[feed])
		}
	}
	fs := w.state.feed(f.feeds[0])
	if fs.Failures != 2 || !strings.Contains(fs.LastError, "500") {
		t.Errorf("state of %s = %+v", f.feeds[0], fs)
	}
}

func TestRobotsDisallowFeed(t *testing.T) {
	f := newFixture(t)
	f.feeds = []string{f.site.url("/private/feed.xml")}
	w := f.watcher(t)
	st := poll(t, w)
	if st.FeedErrors != 1 || f.site.count("/private/feed.xml") != 0 {
		t.Errorf("a disallowed feed: %s, fetched %d times", st, f.site.count("/private/feed.xml"))
	}
	if fs := w.state.feed(f.feeds[0]); !strings.Contains(fs.LastError, "robots.txt") {
		t.Errorf("state = %+v", fs)
	}
}

func TestBackoff(t *testing.T) {
	w := &Watcher{opt: Options{Backoff: time.Second, MaxBackoff: 10 * time.Second}}
	for _, tt := range []struct {
		attempt int
		r       float64
		want    time.Duration
	}{
		{0, 0, 500 * time.Millisecond}, {0, 0.999999, time.Second - time.Microsecond/2},
		{1, 0, time.Second}, {2, 1, 4 * time.Second}, {5, 0, 5 * time.Second}, {60, 0.5, 7500 * time.Millisecond},
	} {
		w.rand = func() float64 { return tt.r }
		got := w.backoff(tt.attempt)
		if d := got - tt.want; d < -time.Millisecond || d > time.Millisecond {
			t.Errorf("backoff(%d) with %v = %v, want %v", tt.attempt, tt.r, got, tt.want)
		}
	}
}

func TestFeedsFile(t *testing.T) {
	feeds, err := FeedsFile("# news\nhttps://a.example/feed.xml\n\n  https://b.example/sitemap.xml  \n", "feeds.txt")
	if err != nil || len(feeds) != 2 || feeds[1] != "https://b.example/sitemap.xml" {
		t.Errorf("FeedsFile = %v, %v", feeds, err)
	}
	_, err = FeedsFile("https://a.example/\nftp://b.example/x\nnews.example\n", "feeds.txt")
	if err == nil || !strings.Contains(err.Error(), "feeds.txt:2:") || !strings.Contains(err.Error(), "feeds.txt:3:") {
		t.Errorf("FeedsFile error = %v, want lines 2 and 3", err)
	}
	if _, err := FeedsFile("# nothing\n", "empty.txt"); err == nil {
		t.Error("no error for a file without a feed")
	}
}
