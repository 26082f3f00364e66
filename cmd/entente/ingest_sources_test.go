package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newsServer stands in for two news sites and a feed: the English and
// French reports of one meeting (from testdata/ingest), an RSS feed
// listing both and a page that is gone.
func newsServer(t *testing.T) *httptest.Server {
	t.Helper()
	pages := map[string]string{
		"/gazette/iran-russia": "testdata/ingest/harbour-gazette.html",
		"/courrier/teheran":    "testdata/ingest/fr/courrier-du-large.html",
	}
	mux := http.NewServeMux()
	for path, file := range pages {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(data)
		})
	}
	var srv *httptest.Server
	mux.HandleFunc("/feed.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>World digest</title><link>%[1]s/</link>
<item><title>Iran and Russia</title><link>%[1]s/gazette/iran-russia</link><pubDate>Wed, 17 Apr 2024 09:00:00 GMT</pubDate></item>
<item><title>Removed</title><link>%[1]s/gazette/removed</link></item>
<item><title>Téhéran et Moscou</title><link>%[1]s/courrier/teheran</link></item>
</channel></rss>`, srv.URL)
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func ingestCfg(db string, sources ...string) ingestConfig {
	return ingestConfig{db: db, sources: sources, every: time.Hour, allowPrivate: true}
}

// checkMeeting checks that the store holds the meeting in Moscow as one
// event reported by two publishers.
func checkMeeting(t *testing.T, db string) {
	t.Helper()
	s := open(t, db)
	defer s.Close()
	ctx := context.Background()
	hits, err := s.Search(ctx, "téhéran moscou nucleaire", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search = %+v, %v; want the French article", hits, err)
	}
	doc, err := s.Document(ctx, hits[0].Doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range doc.Mentions {
		if !strings.Contains(m.Evidence.Text, "a rencontré") {
			continue
		}
		e, err := s.Event(ctx, m.Event)
		if err != nil {
			t.Fatal(err)
		}
		if e.Code != "040" || e.NumMentions != 2 || e.NumSources != 2 {
			t.Errorf("meeting: %s, %d mentions, %d sources; want 040, 2, 2", e.Code, e.NumMentions, e.NumSources)
		}
		return
	}
	t.Errorf("no mention of the meeting in %+v", doc.Mentions)
}

func TestIngestURLAndFeed(t *testing.T) {
	srv := newsServer(t)
	db := filepath.Join(t.TempDir(), "entente.db")
	var out, errOut bytes.Buffer
	err := ingest(context.Background(), ingestCfg(db, srv.URL+"/feed.rss"), nil, &out, &errOut)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "3 documents (2 new, 0 duplicate, 1 failed)") {
		t.Errorf("summary:\n%s", out.String())
	}
	if !strings.Contains(errOut.String(), "/gazette/removed") || !strings.Contains(errOut.String(), "404") {
		t.Errorf("log does not name the missing item:\n%s", errOut.String())
	}
	checkMeeting(t, db)

	// One page by its URL again: a duplicate. Without --allow-private the
	// loopback server is refused: a source error, exit status 1.
	out.Reset()
	errOut.Reset()
	if err := ingest(context.Background(), ingestCfg(db, srv.URL+"/courrier/teheran"), nil, &out, &errOut); err != nil {
		t.Fatalf("ingest page: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "1 documents (0 new, 1 duplicate, 0 failed)") {
		t.Errorf("page summary:\n%s", out.String())
	}
	before := counts(t, db)
	cfg := ingestCfg(db, srv.URL+"/gazette/iran-russia")
	cfg.allowPrivate = false
	errOut.Reset()
	if err := ingest(context.Background(), cfg, nil, &out, &errOut); err == nil || !strings.Contains(errOut.String(), "address not allowed") {
		t.Errorf("loopback without allowPrivate: %v\n%s", err, errOut.String())
	}
	if after := counts(t, db); after != before {
		t.Errorf("a refused fetch changed the store: %+v, was %+v", after, before)
	}
}

// warcRecord writes one WARC response record for uri, as a crawler would.
func warcResponse(uri, date, contentType string, body []byte) []byte {
	var block bytes.Buffer
	fmt.Fprintf(&block, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(body))
	block.Write(body)
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: %s\r\nWARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n",
		"6f1c2a4e-0000-4000-8000-"+fmt.Sprintf("%012d", len(uri)), date, uri, block.Len())
	b.Write(block.Bytes())
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func TestIngestWARC(t *testing.T) {
	dir := t.TempDir()
	var warc bytes.Buffer
	for _, r := range []struct{ uri, file string }{
		{"https://harbour-gazette.example/world/iran-russia-moscow", "testdata/ingest/harbour-gazette.html"},
		{"https://courrier-du-large.example/monde/teheran-moscou", "testdata/ingest/fr/courrier-du-large.html"},
	} {
		page, err := os.ReadFile(r.file)
		if err != nil {
			t.Fatal(err)
		}
		zw := gzip.NewWriter(&warc) // one gzip member a record
		zw.Write(warcResponse(r.uri, "2024-04-18T06:00:00Z", "text/html; charset=utf-8", page))
		zw.Close()
	}
	// An image and a record over the size limit are skipped or failed.
	zw := gzip.NewWriter(&warc)
	zw.Write(warcResponse("https://harbour-gazette.example/logo.png", "2024-04-18T06:00:00Z", "image/png", []byte("\x89PNG")))
	zw.Write(warcResponse("https://harbour-gazette.example/huge", "2024-04-18T06:00:00Z", "text/html", bytes.Repeat([]byte("<p>x</p>"), 3<<20)))
	zw.Close()
	path := filepath.Join(dir, "news.warc.gz")
	if err := os.WriteFile(path, warc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "entente.db")
	out, errOut, err := runCLI(t, "", "ingest", "--db", db, path)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "3 documents (2 new, 0 duplicate, 1 failed)") || !strings.Contains(errOut, "WARC record too large") {
		t.Errorf("summary:\n%s\nlog:\n%s", out, errOut)
	}
	checkMeeting(t, db)
	s := open(t, db)
	defer s.Close()
	hits, err := s.Search(context.Background(), "téhéran moscou nucleaire", 10)
	if err != nil || len(hits) != 1 {
		t.Fatal(hits, err)
	}
	doc, err := s.Document(context.Background(), hits[0].Doc)
	if err != nil {
		t.Fatal(err)
	}
	if doc.URL != "https://courrier-du-large.example/monde/teheran-moscou" {
		t.Errorf("document URL %q, want the WARC-Target-URI", doc.URL)
	}
}

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &progress{w: &buf, tty: true, width: 120, total: 100, start: now, last: now, now: func() time.Time { return now }}
	now = now.Add(10 * time.Second)
	p.update(ingestStats{docs: 20, dups: 5, failed: 2, events: 40})
	want := "\r\x1b[K[#####...............] 25/100 docs  2.5 docs/s  40 events  2 errors  ETA 30s"
	if buf.String() != want {
		t.Errorf("bar\n%q\nwant\n%q", buf.String(), want)
	}
	buf.Reset()
	now = now.Add(10 * time.Millisecond)
	p.update(ingestStats{docs: 21})
	if buf.Len() != 0 {
		t.Errorf("redrawn within %s: %q", redraw, buf.String())
	}
	p.clear()
	if buf.String() != "\r\x1b[K" {
		t.Errorf("clear wrote %q", buf.String())
	}

	// Not a terminal: a log line once every period.
	buf.Reset()
	var logs bytes.Buffer
	p = newProgress(&buf, newTextLogger(&logs), time.Minute)
	start := p.start
	p.now = func() time.Time { return start.Add(30 * time.Second) }
	p.update(ingestStats{docs: 3})
	p.now = func() time.Time { return start.Add(61 * time.Second) }
	p.update(ingestStats{docs: 9})
	if buf.Len() != 0 || strings.Count(logs.String(), "msg=ingest") != 1 || !strings.Contains(logs.String(), "9 documents") {
		t.Errorf("log lines:\n%s\nwritten: %q", logs.String(), buf.String())
	}
}

func newTextLogger(w *bytes.Buffer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

// TestIngestFeedRetry checks that a feed item whose page answers 503 is
// not recorded (a record would make the next run take it for a stored
// duplicate) and is fetched and stored on the next run.
func TestIngestFeedRetry(t *testing.T) {
	page, err := os.ReadFile("testdata/ingest/harbour-gazette.html")
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Digest</title><link>%[1]s/</link>
<item><title>Iran and Russia</title><link>%[1]s/busy</link></item></channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 1 {
			http.Error(w, "overloaded", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()

	db := filepath.Join(t.TempDir(), "entente.db")
	var out, errOut bytes.Buffer
	if err := ingest(context.Background(), ingestCfg(db, srv.URL+"/feed.rss"), nil, &out, &errOut); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "1 to fetch again") || !strings.Contains(errOut.String(), "503") {
		t.Errorf("first run:\n%s\n%s", out.String(), errOut.String())
	}
	if c := counts(t, db); c.Documents != 0 {
		t.Errorf("first run stored %d documents, want 0", c.Documents)
	}
	out.Reset()
	if err := ingest(context.Background(), ingestCfg(db, srv.URL+"/feed.rss"), nil, &out, &errOut); err != nil {
		t.Fatalf("ingest again: %v\n%s", err, errOut.String())
	}
	if c := counts(t, db); c.Documents != 1 || c.Failed != 0 || c.Events == 0 {
		t.Errorf("second run: %+v, want the page stored and coded\n%s", c, out.String())
	}
}
