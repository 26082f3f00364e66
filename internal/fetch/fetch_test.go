package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"syscall"
	"testing"
	"time"
)

// site is a stand-in news site with the pages the tests fetch.
func site(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><body><p>ua=%s</p></body></html>", r.UserAgent())
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write(bytes.Repeat([]byte("a"), 2048))
	})
	mux.HandleFunc("/bigchunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 4 {
			w.Write(bytes.Repeat([]byte("a"), 512))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		// 1 MB of zeros, gzip'd to about a kilobyte.
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(make([]byte, 1<<20))
		zw.Close()
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(buf.Bytes())
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n == 0 {
			http.Redirect(w, r, "/article", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/x", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestGet(t *testing.T) {
	srv := site(t)
	c := New(Options{AllowPrivate: true, MaxBytes: 1024})
	r, err := c.Get(context.Background(), srv.URL+"/article")
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != 200 || r.ContentType != "text/html" || r.Charset != "utf-8" || r.URL != srv.URL+"/article" {
		t.Errorf("response %+v", r)
	}
	if !strings.Contains(string(r.Body), "ua=entente/") {
		t.Errorf("body %q does not show the entente User-Agent", r.Body)
	}

	r, err = c.Get(context.Background(), srv.URL+"/hop/4")
	if err != nil {
		t.Fatalf("5 redirects: %v", err)
	}
	if r.URL != srv.URL+"/article" {
		t.Errorf("final URL %q", r.URL)
	}
}

func TestGetErrors(t *testing.T) {
	srv := site(t)
	// Only the slow page meets the short deadline: on a loaded machine
	// (race detector, other jobs) the others may take longer to answer.
	c := New(Options{AllowPrivate: true, MaxBytes: 1024, Timeout: 30 * time.Second})
	short := New(Options{AllowPrivate: true, MaxBytes: 1024, Timeout: 300 * time.Millisecond})
	tests := []struct {
		path string
		want error  // matched with errors.Is, when set
		msg  string // in the message
		temp bool   // Temporary: worth trying again later
	}{
		{"/big", ErrTooLarge, "announced", false},
		{"/bigchunked", ErrTooLarge, "over 1024 bytes", false},
		{"/bomb", ErrTooLarge, "over 1024 bytes", false},
		{"/missing", nil, "status 404", false},
		{"/hop/5", ErrRedirects, "more than 5", false},
		{"/to-ftp", ErrScheme, "ftp://", false},
		{"/slow", nil, "timed out", true},
	}
	for _, tt := range tests {
		cl := c
		if tt.path == "/slow" {
			cl = short
		}
		_, err := cl.Get(context.Background(), srv.URL+tt.path)
		if err == nil {
			t.Errorf("%s: no error", tt.path)
			continue
		}
		if tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.path, err, tt.want)
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: %q does not say %q", tt.path, err, tt.msg)
		}
		if Temporary(err) != tt.temp {
			t.Errorf("%s: Temporary(%v) = %v", tt.path, err, !tt.temp)
		}
	}
	for _, tt := range []struct {
		err  error
		temp bool
	}{
		{&StatusError{URL: "u", Status: 503}, true},
		{&StatusError{URL: "u", Status: 429}, true},
		{&StatusError{URL: "u", Status: 410}, false},
		{fmt.Errorf("dial: %w", syscall.ECONNREFUSED), true},
		{fmt.Errorf("url: %w", ErrAddress), false},
	} {
		if Temporary(tt.err) != tt.temp {
			t.Errorf("Temporary(%v) = %v", tt.err, !tt.temp)
		}
	}
	var se *StatusError
	if _, err := c.Get(context.Background(), srv.URL+"/missing"); !errors.As(err, &se) || se.Status != 404 {
		t.Errorf("404: %v, want a *StatusError", err)
	}
	for _, u := range []string{"file:///etc/passwd", "gopher://example.org/", "javascript:alert(1)", "http:///nohost"} {
		if _, err := c.Get(context.Background(), u); err == nil {
			t.Errorf("%s fetched", u)
		}
	}
}

// TestRefusePrivate checks the default client against a server on
// 127.0.0.1: by literal address, by a name resolving to it, and by a
// redirect from an allowed-looking first hop.
func TestRefusePrivate(t *testing.T) {
	srv := site(t)
	c := New(Options{Timeout: 2 * time.Second})
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	for _, u := range []string{
		srv.URL + "/article",
		"http://localhost:" + port + "/article",
		"http://[::1]:" + port + "/article",
		"http://[::ffff:127.0.0.1]:" + port + "/article",
		"http://0.0.0.0:" + port + "/article",
		"http://10.0.0.1:" + port + "/article",
		"http://169.254.169.254/latest/meta-data/",
	} {
		_, err := c.Get(context.Background(), u)
		if !errors.Is(err, ErrAddress) {
			t.Errorf("%s: %v, want ErrAddress", u, err)
		}
	}

	// A name that resolves to loopback is refused at dial time: the name
	// check above does not know it, the dialer does.
	tr := c.hc.Transport.(*http.Transport)
	dial := tr.DialContext
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		// news.example stands for a public name whose DNS answer is 127.0.0.1.
		return dial(ctx, network, strings.Replace(addr, "news.example", "127.0.0.1", 1))
	}
	if _, err := c.Get(context.Background(), "http://news.example:"+port+"/article"); !errors.Is(err, ErrAddress) {
		t.Errorf("rebinding name: %v, want ErrAddress", err)
	}

	// A public-looking site that redirects to 127.0.0.1.
	front := New(Options{AllowPrivate: true})
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+"/article", http.StatusFound)
	}))
	defer redirector.Close()
	if _, err := front.Get(context.Background(), redirector.URL); err != nil {
		t.Fatalf("with AllowPrivate the redirect is followed: %v", err)
	}
	// The default client checks the redirect target: give it a dialer
	// that lets the first hop through (as if it were public) and see the
	// second refused.
	c2 := New(Options{Timeout: 2 * time.Second})
	_, rport, _ := net.SplitHostPort(redirector.Listener.Addr().String())
	tr2 := c2.hc.Transport.(*http.Transport)
	plain := &net.Dialer{}
	tr2.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == "front.example:"+rport {
			return plain.DialContext(ctx, network, "127.0.0.1:"+rport)
		}
		return dial(ctx, network, addr)
	}
	_, err := c2.Get(context.Background(), "http://front.example:"+rport+"/")
	if !errors.Is(err, ErrAddress) || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("redirect to 127.0.0.1: %v, want ErrAddress", err)
	}
}

func TestAllowed(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"93.184.216.34", true},
		{"2606:2800:220:1:248:1893:25c8:1946", true},
		{"127.0.0.1", false},
		{"127.8.9.10", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false},
		{"fe80::1", false},
		{"fc00::1", false},
		{"0.0.0.0", false},
		{"::", false},
		{"224.0.0.1", false},
		{"ff02::1", false},
		{"100.64.0.1", false},
		{"255.255.255.255", false},
		{"::ffff:10.0.0.1", false},
		{"::ffff:8.8.8.8", true},
		{"64:ff9b::7f00:1", false},
		{"::127.0.0.1", false},         // IPv4-compatible (deprecated)
		{"::10.0.0.1", false},          // IPv4-compatible
		{"::ffff:0:127.0.0.1", false},  // IPv4-translated (SIIT)
		{"2001:0:4136:e378::1", false}, // Teredo: embeds any IPv4
		{"fec0::1", false},             // site-local (deprecated)
		{"192.88.99.1", false},         // 6to4 relay anycast
	}
	for _, tt := range tests {
		if got := Allowed(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("Allowed(%s) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}

// TestErrorsHideCredentials checks that a URL's password never shows in
// an error, whatever step fails.
func TestErrorsHideCredentials(t *testing.T) {
	srv := site(t)
	c := New(Options{AllowPrivate: true, MaxBytes: 1024})
	withUser := strings.Replace(srv.URL, "http://", "http://reader:s3cret@", 1)
	for _, path := range []string{"/missing", "/big", "/to-ftp"} {
		_, err := c.Get(context.Background(), withUser+path)
		if err == nil {
			t.Fatalf("%s: no error", path)
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: error shows the password: %v", path, err)
		}
	}
}

func TestGetIf(t *testing.T) {
	const etag, modified = `"v2"`, "Mon, 07 Dec 2026 06:00:00 GMT"
	var last http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		last = r.Header.Clone()
		if r.URL.Path == "/busy" {
			w.Header().Set("Retry-After", "7")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", modified)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte("<rss/>"))
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true})
	ctx := context.Background()

	r, err := c.GetIf(ctx, srv.URL+"/feed", Validators{})
	if err != nil || r.NotModified() || string(r.Body) != "<rss/>" || r.Validators != (Validators{ETag: etag, LastModified: modified}) {
		t.Fatalf("first GET = %+v, %v", r, err)
	}
	if last.Get("If-None-Match") != "" || last.Get("If-Modified-Since") != "" {
		t.Errorf("an unconditional GET sent %v", last)
	}
	r, err = c.GetIf(ctx, srv.URL+"/feed", r.Validators)
	if err != nil || !r.NotModified() || len(r.Body) != 0 || r.Validators.ETag != etag {
		t.Fatalf("conditional GET = %+v, %v; want 304 without error", r, err)
	}
	if last.Get("If-None-Match") != etag || last.Get("If-Modified-Since") != modified {
		t.Errorf("conditional GET sent %v", last)
	}
	r, err = c.GetIf(ctx, srv.URL+"/feed", Validators{ETag: `"v1"`})
	if err != nil || r.NotModified() || string(r.Body) != "<rss/>" {
		t.Errorf("GET with a stale ETag = %+v, %v; want the body", r, err)
	}

	_, err = c.Get(ctx, srv.URL+"/busy")
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 503 || se.RetryAfter != 7*time.Second || !Temporary(err) {
		t.Errorf("503 with Retry-After: %v (%+v)", err, se)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 7, 6, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		h    string
		want time.Duration
	}{
		{"", 0}, {"120", 2 * time.Minute}, {"-3", 0}, {"soon", 0},
		{"Mon, 07 Dec 2026 06:01:30 GMT", 90 * time.Second},
		{"Mon, 07 Dec 2026 05:00:00 GMT", 0},
	} {
		if got := retryAfter(tt.h, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.h, got, tt.want)
		}
	}
}
