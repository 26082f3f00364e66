package source

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"entente"
	"entente/internal/fetch"
)

// Sitemap is a parsed sitemap (sitemaps.org protocol): the pages of a
// urlset, or the child sitemaps of a sitemap index. Google News sitemap
// fields (news:title, news:publication_date, news:publication) fill
// what a page lacks.
type Sitemap struct {
	Pages    []SitemapURL
	Sitemaps []SitemapURL // of a sitemap index
}

// SitemapURL is one <url> or <sitemap> entry.
type SitemapURL struct {
	Loc      string
	Modified time.Time // <lastmod>; zero when missing or unreadable
	// From a news sitemap's <news:news>.
	Title       string
	Publication string    // the publication's name
	Published   time.Time // <news:publication_date>
}

// Newest is the entry's latest date: its publication date, else its
// last modification.
func (u SitemapURL) Newest() time.Time {
	if u.Published.After(u.Modified) {
		return u.Published
	}
	return u.Modified
}

// maxSitemapEntries caps one sitemap, as the protocol does (50,000).
const maxSitemapEntries = 50000

// IsSitemap reports whether body is a sitemap or a sitemap index (gzip'd
// or not): its root element is <urlset> or <sitemapindex>.
func IsSitemap(body []byte) bool {
	if isGzip(body) {
		return true // a gzip'd body in a feed's place: only sitemaps are served so
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	for range 64 {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local == "urlset" || se.Name.Local == "sitemapindex"
		}
	}
	return false
}

func isGzip(b []byte) bool { return len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b }

// ParseSitemap reads a sitemap or sitemap index, gzip'd or not (at most
// maxDecompressed bytes once decompressed; 0 means 64 MB). Pages and
// child sitemaps are sorted newest first (undated ones last, in document
// order), so that a caller taking the first few takes the latest news.
// Entries without a <loc> are skipped.
func ParseSitemap(body []byte, maxDecompressed int64) (*Sitemap, error) {
	if maxDecompressed <= 0 {
		maxDecompressed = 64 << 20
	}
	var r io.Reader = bytes.NewReader(body)
	if isGzip(body) {
		zr, err := newGzipReader(r, "sitemap", maxDecompressed)
		if err != nil {
			return nil, fmt.Errorf("sitemap: %w", err)
		}
		defer zr.Close()
		r = zr
	}
	var doc struct {
		XMLName  xml.Name
		URLs     []sitemapEntry `xml:"url"`
		Sitemaps []sitemapEntry `xml:"sitemap"`
	}
	d := xml.NewDecoder(io.LimitReader(r, maxDecompressed))
	d.Strict = false
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	if doc.XMLName.Local != "urlset" && doc.XMLName.Local != "sitemapindex" {
		return nil, fmt.Errorf("sitemap: root element <%s>, want <urlset> or <sitemapindex>", doc.XMLName.Local)
	}
	sm := &Sitemap{Pages: entries(doc.URLs), Sitemaps: entries(doc.Sitemaps)}
	if len(sm.Pages)+len(sm.Sitemaps) > maxSitemapEntries {
		return nil, fmt.Errorf("sitemap: %d entries, over the protocol's %d", len(sm.Pages)+len(sm.Sitemaps), maxSitemapEntries)
	}
	return sm, nil
}

// sitemapEntry is the XML of a <url> or <sitemap>; names match in any
// namespace, so news:title is Title.
type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		Title       string `xml:"title"`
		Date        string `xml:"publication_date"`
		Publication struct {
			Name string `xml:"name"`
		} `xml:"publication"`
	} `xml:"news"`
}

func entries(in []sitemapEntry) []SitemapURL {
	out := make([]SitemapURL, 0, len(in))
	for _, e := range in {
		loc := strings.TrimSpace(e.Loc)
		if loc == "" {
			continue
		}
		out = append(out, SitemapURL{
			Loc:         loc,
			Modified:    w3cDate(e.LastMod),
			Title:       strings.TrimSpace(e.News.Title),
			Publication: strings.TrimSpace(e.News.Publication.Name),
			Published:   w3cDate(e.News.Date),
		})
	}
	slices.SortStableFunc(out, func(a, b SitemapURL) int { return b.Newest().Compare(a.Newest()) })
	return out
}

// w3cDate reads the W3C datetime forms sitemaps use; zero when none fits.
func w3cDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", time.DateOnly, "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// SitemapItem is the document of one sitemap page: Load fetches and reads
// the page; the entry's news title, publication date and publication name
// fill what the page does not give.
func SitemapItem(ctx context.Context, c *fetch.Client, u SitemapURL, opt Options) Item {
	return Item{Name: u.Loc, Load: func() (*entente.Document, error) {
		resp, err := c.Get(ctx, u.Loc)
		if err != nil {
			return nil, err
		}
		doc, err := pageDoc(u.Loc, resp, opt.Read)
		if err != nil {
			return nil, err
		}
		if doc.Title == "" {
			doc.Title = u.Title
		}
		if doc.URL == "" {
			doc.URL = u.Loc
		}
		if (doc.DateFrom == "" || doc.DateFrom == "flag") && !u.Published.IsZero() {
			doc.Date, doc.DateFrom = u.Published, "metadata"
		}
		if doc.Site == "" {
			doc.Site = u.Publication
		}
		return doc, nil
	}}
}

// expandSitemap lists the pages of a fetched sitemap; a sitemap index
// has each child sitemap fetched and listed in turn (indexes do not
// nest).
func expandSitemap(ctx context.Context, c *fetch.Client, src string, resp *fetch.Response, opt Options, fn func(Item), nested bool) error {
	sm, err := ParseSitemap(resp.Body, opt.MaxDecompressed)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	for _, u := range sm.Pages {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		fn(SitemapItem(ctx, c, u, opt))
	}
	var errs []error
	for _, child := range sm.Sitemaps {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if nested {
			errs = append(errs, fmt.Errorf("%s: a sitemap index inside a sitemap index", child.Loc))
			continue
		}
		r, err := c.Get(ctx, child.Loc)
		if err == nil {
			err = expandSitemap(ctx, c, child.Loc, r, opt, fn, true)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
