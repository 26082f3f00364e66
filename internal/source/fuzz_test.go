package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"entente/internal/fetch"
	"entente/internal/read"
)

// fuzzOptions keep the limits small, so that a fuzzed input explores
// them rather than memory.
func fuzzOptions() Options {
	return Options{
		MaxRecordBytes:  64 << 10,
		MaxDecompressed: 1 << 20,
		Read:            read.Options{MaxBytes: 64 << 10, MaxElements: 2000},
	}
}

// checkItem loads an item: a document or an error, never both, never a
// panic; a document's text is UTF-8.
func checkItem(t *testing.T, it Item) {
	t.Helper()
	if it.Name == "" {
		t.Fatal("item without a name")
	}
	doc, err := it.Load()
	if (doc == nil) == (err == nil) {
		t.Fatalf("%s: document %v and error %v", it.Name, doc != nil, err)
	}
	if doc != nil && !utf8.ValidString(doc.Text) {
		t.Fatalf("%s: text is not UTF-8", it.Name)
	}
}

func gz(b []byte) []byte {
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

func FuzzWARC(f *testing.F) {
	recs := crawl()
	f.Add(bytes.Join(recs, nil))
	f.Add(gz(bytes.Join(recs[:3], nil)))
	f.Add(recs[2][:len(recs[2])/2])
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("WARC/1.0\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := ReadWARC(context.Background(), bytes.NewReader(data), "f.warc", fuzzOptions(), func(it Item) {
			checkItem(t, it)
		})
		if err != nil && !strings.HasPrefix(err.Error(), "read: f.warc") {
			t.Fatalf("error %q does not name the file", err)
		}
	})
}

// FuzzFeed reads RSS, Atom and JSON feeds. Items with a web link would
// be fetched: only those read from their own content are loaded.
func FuzzFeed(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0"?><rss version="2.0"><channel><title>Port news</title><item><title>Grain</title><link>/port/grain</link><pubDate>Tue, 06 Aug 2024 10:00:00 +0200</pubDate></item><item><title>Sans lien</title><description>&lt;p&gt;Les dockers ont chargé du grain.&lt;/p&gt;</description></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><title>Quai</title><entry><title>Marée</title><updated>2024-08-06T10:00:00Z</updated><content type="html">&lt;p&gt;La marée a retardé trois navires.&lt;/p&gt;</content></entry></feed>`,
		`{"version":"https://jsonfeed.org/version/1.1","title":"Dock","items":[{"id":"1","content_html":"<p>Two ships left the harbour at dawn.</p>","date_published":"2024-08-06T10:00:00Z"}]}`,
		`<rss><channel><item><description><![CDATA[<p>x</p>]]></description></item></channel></rss>`,
		`<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]><rss><channel><item><description>&a;&a;</description></item></channel></rss>`,
	} {
		f.Add([]byte(s))
	}
	c := fetch.New(fetch.Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		resp := &fetch.Response{URL: "https://feed.example/news.xml", Status: 200, Body: data}
		_ = IsFeed(resp)
		_ = FeedItems(context.Background(), c, resp.URL, resp, fuzzOptions(), func(it Item) {
			if IsURL(it.Name) && !strings.HasPrefix(it.Name, resp.URL+"#item") {
				return
			}
			checkItem(t, it)
		})
	})
}
