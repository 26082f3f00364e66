package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"entente/internal/fetch"
)

const newsSitemap = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example/old</loc><lastmod>2026-12-01</lastmod></url>
  <url><loc> </loc></url>
  <url><loc>https://news.example/undated</loc></url>
  <url>
    <loc>https://news.example/harbour-talks</loc>
    <news:news>
      <news:publication><news:name>Harbour Gazette</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-12-07T05:30:00+01:00</news:publication_date>
      <news:title>Two port authorities sign a pilotage accord</news:title>
    </news:news>
  </url>
</urlset>`

func TestParseSitemap(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(newsSitemap))
	zw.Close()
	for name, body := range map[string][]byte{"plain": []byte(newsSitemap), "gzip": gz.Bytes()} {
		t.Run(name, func(t *testing.T) {
			if !IsSitemap(body) {
				t.Fatal("IsSitemap = false")
			}
			sm, err := ParseSitemap(body, 0)
			if err != nil {
				t.Fatal(err)
			}
			var locs []string
			for _, p := range sm.Pages {
				locs = append(locs, p.Loc)
			}
			if got := strings.Join(locs, " "); got != "https://news.example/harbour-talks https://news.example/old https://news.example/undated" {
				t.Errorf("pages newest first = %s", got)
			}
			p := sm.Pages[0]
			if p.Title != "Two port authorities sign a pilotage accord" || p.Publication != "Harbour Gazette" ||
				!p.Published.Equal(time.Date(2026, 12, 7, 4, 30, 0, 0, time.UTC)) {
				t.Errorf("news entry = %+v", p)
			}
			if len(sm.Sitemaps) != 0 {
				t.Errorf("sitemaps = %+v", sm.Sitemaps)
			}
		})
	}

	index := `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
	  <sitemap><loc>https://news.example/a.xml</loc><lastmod>2026-11-01T10:00Z</lastmod></sitemap>
	  <sitemap><loc>https://news.example/b.xml</loc><lastmod>2026-12-06T10:00:00Z</lastmod></sitemap>
	</sitemapindex>`
	sm, err := ParseSitemap([]byte(index), 0)
	if err != nil || len(sm.Sitemaps) != 2 || sm.Sitemaps[0].Loc != "https://news.example/b.xml" || len(sm.Pages) != 0 {
		t.Errorf("index = %+v, %v", sm, err)
	}
	for _, bad := range []string{"", "<rss><channel/></rss>", "<urlset><url><loc>x", "not xml at all"} {
		if IsSitemap([]byte(bad)) && bad != "<urlset><url><loc>x" {
			t.Errorf("IsSitemap(%q) = true", bad)
		}
		if _, err := ParseSitemap([]byte(bad), 0); err == nil {
			t.Errorf("ParseSitemap(%q): no error", bad)
		}
	}
}

// TestExpandSitemapIndex ingests through a sitemap index: each child
// sitemap is fetched and each page read, with the news title filling in.
func TestExpandSitemapIndex(t *testing.T) {
	mux := http.NewServeMux()
	var base string
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<sitemapindex><sitemap><loc>%s/news.xml</loc></sitemap></sitemapindex>`, base)
	})
	mux.HandleFunc("/news.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprintf(w, `<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>%s/story</loc>
		  <news:news><news:title>Lighthouse keepers end their strike</news:title>
		  <news:publication_date>2026-12-05</news:publication_date></news:news></url></urlset>`, base)
	})
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "The keepers of the northern lighthouses returned to work on Friday after a week-long strike over pay.")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base = srv.URL
	opt := Options{Client: fetch.New(fetch.Options{AllowPrivate: true})}
	var items []Item
	if err := Expand(context.Background(), srv.URL+"/sitemap.xml", opt, func(it Item) { items = append(items, it) }); err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].Name != srv.URL+"/story" {
		t.Fatalf("items = %+v", items)
	}
	doc, err := items[0].Load()
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Lighthouse keepers end their strike" || doc.Date.Format(time.DateOnly) != "2026-12-05" || doc.URL != srv.URL+"/story" {
		t.Errorf("doc = %q %v %q", doc.Title, doc.Date, doc.URL)
	}
}

func FuzzParseSitemap(f *testing.F) {
	f.Add([]byte(newsSitemap))
	f.Add([]byte(`<sitemapindex><sitemap><loc>x</loc></sitemap></sitemapindex>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		sm, err := ParseSitemap(b, 1<<20)
		if err == nil && sm == nil {
			t.Fatal("nil sitemap without an error")
		}
	})
}
