package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// newsSite serves robots.txt, an RSS feed of two articles (a third once
// more is set), the articles, and a feed that is gone.
func newsSite(t *testing.T, more *atomic.Bool) *httptest.Server {
	t.Helper()
	articles := map[string]string{
		"/n/1": "Kenya's president hosted the president of Tanzania in Nairobi on Wednesday.",
		"/n/2": "Norway criticised Denmark over a fishing quota on Monday.",
		"/n/3": "Portugal's prime minister visited Morocco on Thursday to sign an accord on ports.",
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; p {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "/rss.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Lakeside Herald</title>`)
			links := []string{"/n/1", "/n/2"}
			if more.Load() {
				links = append(links, "/n/3")
			}
			for _, l := range links {
				fmt.Fprintf(w, `<item><title>%s</title><link>%s%s</link></item>`, l, srv.URL, l)
			}
			fmt.Fprint(w, `</channel></rss>`)
		default:
			text, ok := articles[p]
			if !ok {
				http.NotFound(w, r)
				return
			}
			fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><p>%s</p></article></body></html>", p, text)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestServeWatch runs `entente serve --watch` against a local news site:
// the articles are stored, a feed that is gone is counted in /metrics,
// GET /api/changes lists the new events, an article added to the feed
// is picked up by a later poll, and update files are written.
func TestServeWatch(t *testing.T) {
	var more atomic.Bool
	site := newsSite(t, &more)
	dir := t.TempDir()
	feeds := filepath.Join(dir, "feeds.txt")
	if err := os.WriteFile(feeds, []byte("# test feeds\n"+site.URL+"/rss.xml\n"+site.URL+"/gone.xml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	updatesDir := filepath.Join(dir, "updates")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", filepath.Join(dir, "w.db"), "--addr", "127.0.0.1:0", "--allow-private",
			"--watch", feeds, "--every", "1s", "--host-delay", "10ms", "--updates", updatesDir, "--update-every", "1s",
			"--state", filepath.Join(dir, "state.json")}, strings.NewReader(""), pw, io.Discard, nil)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	if !lines.Scan() {
		t.Fatalf("serve printed nothing: %v", <-done)
	}
	_, rest, ok := strings.Cut(lines.Text(), "http://")
	if !ok {
		t.Fatalf("first line %q names no address", lines.Text())
	}
	base := "http://" + strings.Fields(rest)[0]
	go io.Copy(io.Discard, pr)
	client := &http.Client{Timeout: 10 * time.Second}

	// follow reads /api/changes from since until it holds n events.
	type changes struct {
		Changes []struct {
			Event  int64  `json:"event"`
			Action string `json:"action"`
			Data   *struct {
				Code string `json:"code"`
			} `json:"data"`
		} `json:"changes"`
		Next string `json:"next"`
	}
	follow := func(since string, n int) (int, string) {
		t.Helper()
		got := 0
		// A wait for a condition, not a timing: the server loads its
		// knowledge and polls first, slowly on a loaded machine.
		deadline := time.Now().Add(2 * time.Minute)
		for got < n && time.Now().Before(deadline) {
			resp, err := client.Get(base + "/api/changes?since=" + since)
			if err != nil {
				t.Fatal(err)
			}
			var page changes
			err = json.NewDecoder(resp.Body).Decode(&page)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("GET /api/changes: %d %v", resp.StatusCode, err)
			}
			for _, c := range page.Changes {
				if c.Data == nil || c.Data.Code == "" {
					t.Errorf("change %+v without its event", c)
				}
			}
			got += len(page.Changes)
			since = page.Next
			if got < n {
				time.Sleep(50 * time.Millisecond)
			}
		}
		return got, since
	}
	got, cursor := follow("0", 2)
	if got < 2 {
		t.Fatalf("%d events after the first polls, want 2 or more", got)
	}
	more.Store(true)
	if got, _ := follow(cursor, 1); got < 1 {
		t.Errorf("the article added to the feed gave no event")
	}

	resp, err := client.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	gone := fmt.Sprintf(`entente_watch_feed_failures_total{feed="%s/gone.xml"}`, site.URL)
	if !strings.Contains(string(b), gone) || !strings.Contains(string(b), `entente_watch_requests_total{kind="feed",result="ok"}`) {
		t.Errorf("/metrics lacks the watcher's counts:\n%s", grepLines(string(b), "entente_watch"))
	}

	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(filepath.Join(updatesDir, "lastupdate.txt")); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	last, err := os.ReadFile(filepath.Join(updatesDir, "lastupdate.txt"))
	if err != nil || !strings.Contains(string(last), ".export.jsonl") || !strings.Contains(string(last), ".export.csv") {
		t.Errorf("lastupdate.txt = %q, %v", last, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve --watch: %v", err)
	}
}

func grepLines(s, word string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
