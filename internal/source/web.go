package source

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"

	"entente"
	"entente/internal/fetch"
	"entente/internal/read"
)

func (o Options) client() *fetch.Client {
	if o.Client != nil {
		return o.Client
	}
	return fetch.New(fetch.Options{})
}

// expandURL fetches a page or a feed. A page is one document; a feed is
// one document per item, each item's page fetched by its Load.
func expandURL(ctx context.Context, src string, opt Options, fn func(Item)) error {
	c := opt.client()
	resp, err := c.Get(ctx, src)
	if err != nil {
		return err
	}
	if isFeed(resp) {
		return expandFeed(ctx, c, src, resp, opt, fn)
	}
	if IsSitemap(resp.Body) {
		return expandSitemap(ctx, c, src, resp, opt, fn, false)
	}
	fn(Item{Name: src, Load: func() (*entente.Document, error) {
		return pageDoc(src, resp, opt.Read)
	}})
	return nil
}

// isFeed tells a feed by its content type, or for generic XML types and
// none, by gofeed's sniffing of the body.
func isFeed(r *fetch.Response) bool {
	switch r.ContentType {
	case "application/rss+xml", "application/atom+xml", "application/feed+json":
		return true
	case "text/html", "application/xhtml+xml", "text/plain":
		return false
	}
	return gofeed.DetectFeedType(bytes.NewReader(r.Body)) != gofeed.FeedTypeUnknown
}

// pageDoc reads a fetched page: HTML, or plain text when the server says
// so (or sniffing does). The document id is the requested URL, so a page
// fetched again is recognised whatever it redirects to.
func pageDoc(id string, r *fetch.Response, opt read.Options) (*entente.Document, error) {
	body := transcode(r.Body, r.Charset)
	kind := read.KindHTML
	switch r.ContentType {
	case "text/html", "application/xhtml+xml":
	case "text/plain":
		kind = read.KindText
	default:
		kind = read.Sniff(body, true)
	}
	var doc *entente.Document
	var err error
	switch kind {
	case read.KindHTML:
		doc, err = read.HTML(id, body, r.URL, opt)
	case read.KindText:
		doc, err = read.Text(id, body, opt)
		if doc != nil {
			doc.URL = r.URL
		}
	default:
		return nil, &read.Error{Doc: id, Err: fmt.Errorf("content type %q is not a page", r.ContentType)}
	}
	return doc, err
}

// transcode decodes a body that is not UTF-8 from the charset its
// Content-Type names; anything else is left for the reader to judge.
func transcode(body []byte, label string) []byte {
	if label == "" || utf8.Valid(body) {
		return body
	}
	enc, name := charset.Lookup(label)
	if enc == nil || name == "utf-8" {
		return body
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}

// IsFeed reports whether a fetched body is an RSS, Atom or JSON feed.
func IsFeed(r *fetch.Response) bool { return isFeed(r) }

// FeedItems lists the items of a fetched feed, as `entente ingest` does
// for a feed URL: each Item's Load fetches the item's page (one Get of
// its link, so a caller may pace it) and may be called again to retry.
func FeedItems(ctx context.Context, c *fetch.Client, src string, resp *fetch.Response, opt Options, fn func(Item)) error {
	return expandFeed(ctx, c, src, resp, opt, fn)
}

// expandFeed lists a feed's items. Each item's Load fetches its link and
// reads the page; the item's title, date and link fill what the page does
// not give. An item without a link is read from its own content.
func expandFeed(ctx context.Context, c *fetch.Client, src string, resp *fetch.Response, opt Options, fn func(Item)) error {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	if err != nil {
		return fmt.Errorf("feed %s: %w", src, err)
	}
	for i, it := range feed.Items {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		link := strings.TrimSpace(it.Link)
		if link == "" && len(it.Links) > 0 {
			link = strings.TrimSpace(it.Links[0])
		}
		link = resolveLink(resp.URL, link)
		name := link
		if name == "" {
			name = fmt.Sprintf("%s#item%d", src, i+1)
		}
		fn(Item{Name: name, Load: func() (*entente.Document, error) {
			doc, err := feedItemDoc(ctx, c, name, link, it, opt.Read)
			if err != nil {
				return nil, err
			}
			if doc.Title == "" {
				doc.Title = strings.TrimSpace(it.Title)
			}
			if doc.URL == "" {
				doc.URL = link
			}
			if doc.DateFrom == "" || doc.DateFrom == "flag" {
				if t := it.PublishedParsed; t != nil {
					doc.Date, doc.DateFrom = *t, "metadata"
				} else if t := it.UpdatedParsed; t != nil {
					doc.Date, doc.DateFrom = *t, "metadata"
				}
			}
			if doc.Site == "" {
				doc.Site = strings.TrimSpace(feed.Title)
			}
			return doc, nil
		}})
	}
	return nil
}

// resolveLink makes an item link that is relative to the feed ("talks",
// "/world/talks") absolute against the feed's final URL; other links are
// kept as they are.
func resolveLink(feedURL, link string) string {
	if link == "" || IsURL(link) {
		return link
	}
	base, err := url.Parse(feedURL)
	if err != nil {
		return link
	}
	ref, err := url.Parse(link)
	if err != nil || ref.Scheme != "" {
		return link // another scheme: read from the item's content
	}
	return base.ResolveReference(ref).String()
}

func feedItemDoc(ctx context.Context, c *fetch.Client, name, link string, it *gofeed.Item, opt read.Options) (*entente.Document, error) {
	if link == "" || !IsURL(link) {
		content := it.Content
		if content == "" {
			content = it.Description
		}
		if strings.TrimSpace(content) == "" {
			return nil, &read.Error{Doc: name, Err: fmt.Errorf("feed item has no link and no content")}
		}
		return read.HTML(name, []byte("<html><body>"+content+"</body></html>"), "", opt)
	}
	resp, err := c.Get(ctx, link)
	if err != nil {
		return nil, err
	}
	return pageDoc(link, resp, opt)
}
