package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"entente"
	"entente/internal/fetch"
	"entente/internal/read"
)

// result is one loaded item.
type result struct {
	name string
	doc  *entente.Document
	err  error
}

func expand(t *testing.T, src string, opt Options) ([]result, error) {
	t.Helper()
	var out []result
	err := Expand(context.Background(), src, opt, func(it Item) {
		doc, err := it.Load()
		out = append(out, result{it.Name, doc, err})
	})
	return out, err
}

// page is an article page written for these tests.
func page(title, date string, paras ...string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title>")
	if date != "" {
		b.WriteString(`<meta property="article:published_time" content="` + date + `">`)
	}
	b.WriteString("</head><body><nav><a href=\"/\">Home</a></nav><article>")
	if title != "" {
		b.WriteString("<h1>" + title + "</h1>")
	}
	for _, p := range paras {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString("</article><footer>All rights reserved.</footer></body></html>")
	return b.String()
}

var paras = []string{
	"The foreign minister of the republic met his neighbour's counterpart in the capital on Tuesday to discuss the border crossings that have been closed since the winter.",
	"Both delegations said the talks were frank and that officials would meet again before the end of the month to settle the remaining questions about trade.",
	"Observers in the region described the meeting as the first direct contact between the two governments in more than a year of strained relations.",
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":           "Talks in the capital\n\n" + paras[0],
		"sub/b.html":      page("Border talks resume", "2024-05-02", paras...),
		".hidden.txt":     "hidden",
		".git/config.txt": "hidden too",
		"wire.jsonl":      `{"id":"w1","text":"` + paras[1] + `"}` + "\n" + "not json\n",
		"entente.db":      "SQLite format 3\x00",
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"id":"z1","text":"` + paras[2] + `"}` + "\n"))
	zw.Close()
	os.WriteFile(filepath.Join(dir, "more.jsonl.gz"), gz.Bytes(), 0o644)

	db, _ := filepath.Abs(filepath.Join(dir, "entente.db"))
	opt := Options{Skip: map[string]bool{db: true}}
	got, err := expand(t, dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range got {
		names = append(names, r.name)
		if r.err == nil && r.doc.Text == "" {
			t.Errorf("%s: empty text", r.name)
		}
	}
	want := []string{filepath.Join(dir, "a.txt"), "z1", filepath.Join(dir, "sub/b.html"), "w1", filepath.Join(dir, "wire.jsonl") + ":2"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Errorf("items\n%v\nwant\n%v", names, want)
	}
	if got[4].err == nil {
		t.Error("bad JSON line read")
	}
	if n, ok := Count(context.Background(), []string{dir}, opt.Skip); ok {
		t.Errorf("Count with a .gz = %d, true; want unknown", n)
	}
	os.Remove(filepath.Join(dir, "more.jsonl.gz"))
	if n, ok := Count(context.Background(), []string{dir, filepath.Join(dir, "*.txt")}, opt.Skip); !ok || n != 6 {
		t.Errorf("Count = %d, %v; want 6 (2 files, 2 lines, a.txt and .hidden.txt by the glob)", n, ok)
	}

	if _, err := expand(t, filepath.Join(dir, "none-*.txt"), opt); err == nil || !strings.Contains(err.Error(), "no file matches") {
		t.Errorf("empty glob: %v", err)
	}
	if _, err := expand(t, filepath.Join(dir, "missing.txt"), opt); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	got, err = expand(t, "-", Options{Stdin: strings.NewReader(paras[0])})
	if err != nil || len(got) != 1 || got[0].err != nil || got[0].name != "-" {
		t.Errorf("stdin: %+v, %v", got, err)
	}
}

// newsSite stands in for a news site with a feed.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/world/talks", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page("Border talks resume", "2024-05-02T08:00:00+02:00", paras...))
	})
	mux.HandleFunc("/world/untitled", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, page("", "", paras[1], paras[2]))
	})
	mux.HandleFunc("/wire.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "Wire report\n\n"+paras[0])
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=iso-8859-1")
		w.Write([]byte("Le minist\xe8re a r\xe9uni les d\xe9l\xe9gations \xe0 la fronti\xe8re pour des pourparlers."))
	})
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Herald</title><link>%[1]s/</link>
<item><title>Border talks resume</title><link>%[1]s/world/talks</link><pubDate>Thu, 02 May 2024 06:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>%[1]s/world/gone</link></item>
<item><title>Talks without a headline</title><link>%[1]s/world/untitled</link><pubDate>Fri, 03 May 2024 10:30:00 GMT</pubDate></item>
</channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/world/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		// An item link relative to the feed: "talks" is /world/talks.
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Herald</title><link>/</link>
<item><title>Border talks resume</title><link>talks</link></item>
<item><title>Wire</title><link>/wire.txt</link></item>
</channel></rss>`)
	})
	mux.HandleFunc("/atom", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml") // generic: sniffed
		fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Test Herald</title><id>urn:test</id><updated>2024-05-03T10:30:00Z</updated>
<entry><title>Talks without a headline</title><id>urn:1</id><link href="%[1]s/world/untitled"/><published>2024-05-03T10:30:00Z</published><updated>2024-05-03T10:30:00Z</updated></entry>
<entry><title>Inline</title><id>urn:2</id><updated>2024-05-04T00:00:00Z</updated><content type="html">&lt;p&gt;%[2]s&lt;/p&gt;&lt;p&gt;%[3]s&lt;/p&gt;</content></entry>
</feed>`, srv.URL, paras[0], paras[1])
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func local() Options {
	return Options{Client: fetch.New(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second})}
}

func TestURL(t *testing.T) {
	srv := newsSite(t)
	got, err := expand(t, srv.URL+"/world/talks", local())
	if err != nil || len(got) != 1 || got[0].err != nil {
		t.Fatalf("page: %+v, %v", got, err)
	}
	d := got[0].doc
	if d.ID != srv.URL+"/world/talks" || d.Title != "Border talks resume" || d.DateFrom != "metadata" || d.Date.Day() != 2 || !strings.Contains(d.Text, "border crossings") {
		t.Errorf("page document: id %q title %q date %v (%s) text %.60q", d.ID, d.Title, d.Date, d.DateFrom, d.Text)
	}
	got, err = expand(t, srv.URL+"/wire.txt", local())
	if err != nil || len(got) != 1 || got[0].err != nil || got[0].doc.Title != "Wire report" || got[0].doc.URL != srv.URL+"/wire.txt" {
		t.Errorf("text page: %+v, %v", got, err)
	}
	got, err = expand(t, srv.URL+"/latin1", local())
	if err != nil || len(got) != 1 || got[0].err != nil || !strings.Contains(got[0].doc.Text, "ministère") {
		t.Errorf("latin-1 page: %+v, %v", got, err)
	}
	var se *fetch.StatusError
	if _, err := expand(t, srv.URL+"/missing", local()); !errors.As(err, &se) {
		t.Errorf("404 page: %v, want a StatusError", err)
	}
	// The default client refuses the loopback server.
	if _, err := expand(t, srv.URL+"/world/talks", Options{}); !errors.Is(err, fetch.ErrAddress) {
		t.Errorf("default options fetched from loopback: %v", err)
	}
}

func TestFeeds(t *testing.T) {
	srv := newsSite(t)
	got, err := expand(t, srv.URL+"/rss.xml", local())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("RSS: %d items, want 3: %+v", len(got), got)
	}
	if got[0].err != nil || got[0].doc.Title != "Border talks resume" || got[0].doc.Date.Hour() != 8 {
		t.Errorf("RSS item 1 (the page's own date wins): %+v", got[0])
	}
	var se *fetch.StatusError
	if !errors.As(got[1].err, &se) || se.Status != 404 || got[1].name != srv.URL+"/world/gone" {
		t.Errorf("RSS item 2: %+v, want a recorded 404", got[1])
	}
	d := got[2].doc
	if got[2].err != nil || d.Title != "Talks without a headline" || d.DateFrom != "metadata" || d.Date.Format(time.RFC3339) != "2024-05-03T10:30:00Z" || d.URL != srv.URL+"/world/untitled" {
		t.Errorf("RSS item 3 (feed metadata fills the page's gaps): %+v, %v", d, got[2].err)
	}

	got, err = expand(t, srv.URL+"/world/feed.xml", local())
	if err != nil || len(got) != 2 {
		t.Fatalf("RSS with relative links: %+v, %v", got, err)
	}
	for i, want := range []string{srv.URL + "/world/talks", srv.URL + "/wire.txt"} {
		if got[i].err != nil || got[i].name != want || got[i].doc.ID != want || got[i].doc.URL != want {
			t.Errorf("relative link %d: name %q, %+v, want %s fetched", i+1, got[i].name, got[i].doc, want)
		}
	}

	got, err = expand(t, srv.URL+"/atom", local())
	if err != nil || len(got) != 2 {
		t.Fatalf("Atom: %+v, %v", got, err)
	}
	if got[0].err != nil || got[0].doc.Title != "Talks without a headline" {
		t.Errorf("Atom entry 1: %+v", got[0])
	}
	if got[1].err != nil || !strings.Contains(got[1].doc.Text, "border crossings") || got[1].doc.Title != "Inline" {
		t.Errorf("Atom entry 2 (inline content): %+v", got[1])
	}
}

// warcRecord writes one WARC record by hand.
func warcRecord(typ, uri, date, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-000000000000>\r\nWARC-Date: %s\r\n", typ, len(block)+len(uri), date)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func httpResponse(status, contentType, body string) []byte {
	return []byte(fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, contentType, len(body), body))
}

// writeWARC writes records to path, each its own gzip member when gz.
func writeWARC(t *testing.T, path string, gz bool, records ...[]byte) {
	t.Helper()
	var out bytes.Buffer
	for _, r := range records {
		if !gz {
			out.Write(r)
			continue
		}
		zw := gzip.NewWriter(&out)
		zw.Write(r)
		zw.Close()
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func crawl() [][]byte {
	const date = "2024-05-06T12:00:00Z"
	http1 := "application/http; msgtype=response"
	return [][]byte{
		warcRecord("warcinfo", "", date, "application/warc-fields", []byte("software: entente test\r\n")),
		warcRecord("request", "https://herald.example/world/talks", date, "application/http; msgtype=request", []byte("GET /world/talks HTTP/1.1\r\nHost: herald.example\r\n\r\n")),
		warcRecord("response", "https://herald.example/world/talks", date, http1, httpResponse("200 OK", "text/html; charset=utf-8", page("Border talks resume", "2024-05-02", paras...))),
		warcRecord("metadata", "https://herald.example/world/talks", date, "application/warc-fields", []byte("fetchTimeMs: 12\r\n")),
		warcRecord("response", "https://herald.example/logo.png", date, http1, httpResponse("200 OK", "image/png", "\x89PNG...")),
		warcRecord("response", "https://herald.example/old", date, http1, httpResponse("301 Moved Permanently", "text/html", "")),
		warcRecord("response", "https://herald.example/wire", date, http1, httpResponse("200 OK", "text/plain", "Wire report\n\n"+paras[1])),
		warcRecord("response", "https://herald.example/huge", date, http1, httpResponse("200 OK", "text/html", strings.Repeat("<p>filler</p>", 2000))),
		warcRecord("response", "https://herald.example/undated", date, http1, httpResponse("200 OK", "text/html", page("Undated", "", paras[2], paras[0]))),
	}
}

func TestWARC(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"crawl.warc", "crawl.warc.gz"} {
		path := filepath.Join(dir, name)
		writeWARC(t, path, strings.HasSuffix(name, ".gz"), crawl()...)
		got, err := expand(t, path, Options{MaxRecordBytes: 8 << 10})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var names []string
		for _, r := range got {
			names = append(names, r.name)
		}
		want := []string{"https://herald.example/world/talks", "https://herald.example/wire", path + "#record8", "https://herald.example/undated"}
		if fmt.Sprint(names) != fmt.Sprint(want) {
			t.Fatalf("%s: items\n%v\nwant\n%v", name, names, want)
		}
		if d := got[0].doc; got[0].err != nil || d.Title != "Border talks resume" || d.URL != want[0] || d.Date.Format(time.DateOnly) != "2024-05-02" {
			t.Errorf("%s: page: %+v %v", name, d, got[0].err)
		}
		if got[1].err != nil || got[1].doc.Title != "Wire report" {
			t.Errorf("%s: text payload: %+v", name, got[1])
		}
		if !errors.Is(got[2].err, ErrRecordTooLarge) || !strings.Contains(got[2].err.Error(), "limit 8192") {
			t.Errorf("%s: oversized record: %v", name, got[2].err)
		}
		if d := got[3].doc; got[3].err != nil || d.DateFrom != "metadata" || d.Date.Format(time.RFC3339) != "2024-05-06T12:00:00Z" {
			t.Errorf("%s: WARC-Date fallback: %+v %v", name, d, got[3].err)
		}
	}

	// Not a WARC file, and a WARC file cut in the middle of a record.
	bad := filepath.Join(dir, "bad.warc")
	os.WriteFile(bad, []byte("hello, this is not WARC\n"), 0o644)
	if got, err := expand(t, bad, Options{}); len(got) != 1 || got[0].err == nil || !strings.Contains(got[0].err.Error(), "not a WARC record") || err != nil {
		t.Errorf("not WARC: %+v, %v", got, err)
	}
	cut := filepath.Join(dir, "cut.warc.gz")
	recs := crawl()
	last := recs[2][:len(recs[2])/2]
	writeWARC(t, cut, true, recs[0], last)
	if got, _ := expand(t, cut, Options{}); len(got) != 1 || got[0].err == nil || !strings.Contains(got[0].err.Error(), "truncated") {
		t.Errorf("cut WARC: %+v, want a failed document for the cut record", got)
	}
}

// TestGzipBomb feeds WARC.gz files whose records decompress far beyond
// their size: the read stops with a message, quickly and without holding
// the data.
func TestGzipBomb(t *testing.T) {
	dir := t.TempDir()
	bomb := func(size int64) []byte {
		var out bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
		fmt.Fprintf(zw, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\nWARC-Date: 2024-05-06T12:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n", size)
		zeros := make([]byte, 1<<20)
		for n := int64(0); n < size; n += int64(len(zeros)) {
			zw.Write(zeros[:min(int64(len(zeros)), size-n)])
		}
		zw.Close()
		return out.Bytes()
	}
	tests := []struct {
		name string
		size int64
		opt  Options
		want string
	}{
		{"cap", 32 << 20, Options{MaxDecompressed: 4 << 20}, "over 4194304 bytes decompressed"},
		{"ratio", 200 << 20, Options{}, "a ratio over 200"},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name+".warc.gz")
		os.WriteFile(path, bomb(tt.size), 0o644)
		start := time.Now()
		got, err := expand(t, path, tt.opt)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		// The record is too large (a failed document), then the file
		// stops at the limit (a failed document naming the file).
		last := got[len(got)-1]
		if !errors.Is(last.err, ErrDecompressed) || !strings.Contains(last.err.Error(), tt.want) || last.name != path {
			t.Errorf("%s: %+v, want %q", tt.name, got, tt.want)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: took %s", tt.name, d)
		}
	}
}

// TestLongLine checks that a JSON Lines file with a line far over the
// document limit costs a failed record, not the process.
func TestLongLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "long.jsonl")
	f, _ := os.Create(path)
	fmt.Fprintf(f, `{"id":"a","text":"%s"}`+"\n", paras[0])
	f.WriteString(`{"id":"big","text":"`)
	chunk := bytes.Repeat([]byte("x"), 1<<20)
	for range 100 {
		f.Write(chunk)
	}
	f.WriteString("\"}\n")
	fmt.Fprintf(f, `{"id":"c","text":"%s"}`+"\n", paras[1])
	f.Close()
	got, err := expand(t, path, Options{})
	if err != nil || len(got) != 3 {
		t.Fatalf("%+v, %v", got, err)
	}
	if got[0].err != nil || got[2].err != nil || !errors.Is(got[1].err, read.ErrTooLarge) || got[1].name != path+":2" {
		t.Errorf("records: %+v", got)
	}
}

func TestCountLines(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"", 0},
		{"{}\n", 1},
		{"{}\n{}", 2},
		{"{}\n \t\r\n\n{}\r\n", 2},
		{"\n\n", 0},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "x.jsonl")
		if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if n, ok := countLines(path, 1<<20); !ok || n != tt.want {
			t.Errorf("countLines(%q) = %d, %v; want %d", tt.text, n, ok, tt.want)
		}
	}
	path := filepath.Join(t.TempDir(), "big.jsonl")
	os.WriteFile(path, []byte("{}\n{}\n"), 0o644)
	if _, ok := countLines(path, 3); ok {
		t.Error("a file over the limit was counted")
	}
}

// TestWARCCutInLastRecord reads WARC files of 300 pages whose last record
// is cut off, as a crawl killed while writing leaves them: every intact
// record is a document, and the cut is one failed document naming the
// file, final (not a fetch to retry).
func TestWARCCutInLastRecord(t *testing.T) {
	const n = 300
	const date = "2024-05-06T12:00:00Z"
	var recs [][]byte
	for i := range n {
		body := page(fmt.Sprintf("Harbour report %d", i), "", fmt.Sprintf("Dockers in port number %d loaded %d containers of grain on a calm morning, the port authority said.", i, 3*i+7))
		recs = append(recs, warcRecord("response", fmt.Sprintf("https://port.example/report/%d", i), date, "application/http; msgtype=response", httpResponse("200 OK", "text/html", body)))
	}
	dir := t.TempDir()
	for _, name := range []string{"cut.warc.gz", "cut.warc"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			writeWARC(t, path, strings.HasSuffix(name, ".gz"), recs...)
			data, _ := os.ReadFile(path)
			// Cut inside the last record: for the gzip'd file, inside its
			// compressed member, which is shorter than the record.
			cut := len(data) - len(recs[n-1])/2
			if strings.HasSuffix(name, ".gz") {
				var last bytes.Buffer
				zw := gzip.NewWriter(&last)
				zw.Write(recs[n-1])
				zw.Close()
				cut = len(data) - last.Len()/2
			}
			os.WriteFile(path, data[:cut], 0o644)

			got, err := expand(t, path, Options{})
			if err != nil {
				t.Fatalf("Expand: %v", err)
			}
			ok := 0
			var failed []result
			for _, r := range got {
				if r.err == nil {
					ok++
				} else {
					failed = append(failed, r)
				}
			}
			if ok != n-1 {
				t.Errorf("%d documents read, want the %d intact records", ok, n-1)
			}
			if len(failed) != 1 {
				t.Fatalf("failed items %+v, want one for the cut", failed)
			}
			f := failed[0]
			if !strings.Contains(f.err.Error(), "truncated") || fetch.Temporary(f.err) {
				t.Errorf("cut: %v (temporary %v), want a final error saying the file is truncated", f.err, fetch.Temporary(f.err))
			}
			if !errors.Is(f.err, ErrTruncated) && !strings.Contains(f.err.Error(), "truncated WARC record") {
				t.Errorf("cut: %v, want ErrTruncated", f.err)
			}
		})
	}
}

// A gzip'd text file cut off is a failed document, final too.
func TestGzipTextCut(t *testing.T) {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(strings.Repeat(paras[0]+"\n\n", 200)))
	zw.Close()
	path := filepath.Join(t.TempDir(), "note.txt.gz")
	os.WriteFile(path, z.Bytes()[:z.Len()/2], 0o644)
	got, err := expand(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !errors.Is(got[0].err, ErrTruncated) || fetch.Temporary(got[0].err) || got[0].name != path {
		t.Fatalf("got %+v, want one final ErrTruncated for %s", got, path)
	}
}
