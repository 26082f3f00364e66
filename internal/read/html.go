package read

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/unicode/norm"

	"entente"
)

// HTML makes a document of a web page: the main text (paragraphs
// separated by blank lines, NFC), its title, site name and publication
// date, extracted with go-trafilatura. pageURL, when known, is the page
// address; else the page's canonical URL is used. A date the page gives
// keeps its time zone offset (DateFrom "metadata"). Chrome is computed on
// the extracted text as for plain text.
func HTML(name string, data []byte, pageURL string, opt Options) (*entente.Document, error) {
	doc, err := htmlDoc(name, data, pageURL, opt)
	if err != nil {
		return nil, &Error{Doc: name, Err: err}
	}
	return doc, nil
}

func htmlDoc(id string, data []byte, pageURL string, opt Options) (*entente.Document, error) {
	if max := opt.maxBytes(); int64(len(data)) > max {
		return nil, fmt.Errorf("%w: %d bytes, over %d", ErrTooLarge, len(data), max)
	}
	data = dropNULs(data)
	data, conv, err := decodeHTML(data)
	if err != nil {
		return nil, err
	}
	if err := checkText(data); err != nil {
		return nil, err
	}
	opt.logConverted(id, conv)
	shape, err := measure(data, opt.maxElements(), opt.maxDepth())
	if err != nil {
		return nil, err
	}
	defer opt.Budget.acquire(shape.weight(len(data)))()
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	meta := pageMeta(root)
	var u *url.URL
	if pageURL != "" {
		if pu, err := url.Parse(pageURL); err == nil && pu.Host != "" {
			u = pu
		}
	}
	res, err := extract(root, u)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoText, err)
	}
	text := norm.NFC.String(blockText(res.ContentNode))
	if text == "" || text == strings.TrimSpace(norm.NFC.String(first(res.Metadata.Title, meta.title))) {
		return nil, ErrNoText // nothing, or only the title the extractor falls back to
	}
	doc := &entente.Document{
		ID:     id,
		URL:    first(pageURL, meta.url, res.Metadata.URL),
		Title:  norm.NFC.String(first(res.Metadata.Title, meta.title)),
		Site:   norm.NFC.String(first(res.Metadata.Sitename, meta.site)),
		Text:   text,
		Chrome: Chrome(text),
	}
	if doc.Site == "" {
		if pu, err := url.Parse(doc.URL); err == nil {
			doc.Site = strings.TrimPrefix(pu.Hostname(), "www.")
		}
	}
	switch {
	case !meta.date.IsZero():
		doc.Date, doc.DateFrom = meta.date, "metadata"
	case !res.Metadata.Date.IsZero():
		doc.Date, doc.DateFrom = res.Metadata.Date, "metadata"
	}
	opt.finish(doc)
	return doc, nil
}

// dropNULs removes the NUL bytes of a page that has a few: the HTML
// parser ignores them as browsers do, and a page that carries some
// between two tags (left there by its server) is no binary file. A page
// with more than one in 1,000 bytes is left for checkText to refuse.
func dropNULs(data []byte) []byte {
	n := bytes.Count(data, []byte{0})
	if n == 0 || n*1000 > len(data) {
		return data
	}
	return bytes.ReplaceAll(data, []byte{0}, nil)
}

// extract runs the main-content extractor; a panic inside it is an error
// about this page, not a crash of the batch.
//
// The extractor is run with its defaults. Its size threshold
// (MinExtractedSize) decides more than its rescue of short results: below
// three times that many characters of <p> text on the page, <div>s count
// as paragraphs (pages written in <div>s), and a result shorter than it
// makes the extractor look for loose paragraphs elsewhere. Only its last
// use is a loss for us: a result still short is replaced by a flat
// "baseline" text without paragraphs, and news snippets are often that
// short. So when the result is flat like the rescue's, the extractor is
// run again with the threshold at 1 (no rescue), and the rescue is kept
// only when it adds text (see addsText): a short article keeps its
// paragraphs, a page whose body only the rescue finds keeps the rescue.
func extract(root *html.Node, u *url.URL) (*trafilatura.ExtractResult, error) {
	res, err := extractWith(root, u, trafilatura.DefaultConfig().MinExtractedSize)
	if err == nil && !flat(res.ContentNode) {
		return res, nil
	}
	short, serr := extractWith(root, u, 1)
	if serr == nil && (err != nil || !addsText(res, short)) {
		return short, nil
	}
	return res, err
}

// addsText reports whether a rescued extraction holds text the first one
// lacks: what is left of it once the first result's paragraphs and the
// page title are taken out. The flat rescue of a short page repeats the
// same paragraph run into the title; that is not more text.
func addsText(rescued, res *trafilatura.ExtractResult) bool {
	rest := blockText(rescued.ContentNode)
	for _, p := range strings.Split(blockText(res.ContentNode), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			rest = strings.ReplaceAll(rest, p, "")
		}
	}
	if t := strings.TrimSpace(rescued.Metadata.Title); t != "" {
		rest = strings.ReplaceAll(rest, t, "")
	}
	letters := 0
	for _, r := range rest {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 20
}

// flat tells whether extracted content has the shape of go-trafilatura's
// rescue: paragraphs of bare text and nothing else.
func flat(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.Data != "p" {
			return false
		}
		for t := c.FirstChild; t != nil; t = t.NextSibling {
			if t.Type != html.TextNode {
				return false
			}
		}
	}
	return true
}

func extractWith(root *html.Node, u *url.URL, minSize int) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("extractor failed: %v", r)
		}
	}()
	cfg := trafilatura.DefaultConfig()
	cfg.MinExtractedSize = minSize
	res, err = trafilatura.ExtractDocument(root, trafilatura.Options{
		Config:          cfg,
		OriginalURL:     u,
		ExcludeComments: false, // comment sections are taken out before the main text is looked for; CommentsNode is not used
		HtmlDateMode:    trafilatura.Fast,
	})
	if err == nil && (res == nil || res.ContentNode == nil) {
		err = fmt.Errorf("empty result")
	}
	return res, err
}

// contentSize is the length of an extraction's text in characters.
func contentSize(res *trafilatura.ExtractResult) int {
	return utf8.RuneCountInString(strings.TrimSpace(blockText(res.ContentNode)))
}

func first(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// decodeHTML returns a page as UTF-8: as it is when it is valid UTF-8,
// decoded when it declares another charset (byte order mark or meta tag,
// see declared), else decoded from the encoding a detector finds (conv
// says which; see toUTF8), else an error.
func decodeHTML(data []byte) ([]byte, *converted, error) {
	if invalidUTF8(data) < 0 {
		return data, nil, nil
	}
	enc, name := declared(data)
	if enc == nil || name == "utf-8" {
		if bad, ok := mostlyUTF8(data); ok {
			// As browsers do: each bad byte shows as U+FFFD, which the
			// text writer takes for a space.
			return bytes.ToValidUTF8(data, []byte("\ufffd")), &converted{from: "utf-8", detected: fmt.Sprintf("UTF-8 with %d bad bytes replaced", bad), confidence: 100}, nil
		}
		return toUTF8(data, true)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return out, nil, nil
}

// mostlyUTF8 tells whether a page that is not valid UTF-8 is UTF-8 all
// the same, with a few bad bytes (a title cut inside a character by the
// site): its multi-byte sequences are valid twenty times as often as not,
// and its bad bytes are at most one in 1,000. A page in a single-byte
// encoding has accented letters that are bad sequences, and next to no
// valid ones.
func mostlyUTF8(data []byte) (bad int, ok bool) {
	multi := 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
		case n > 1:
			multi++
		}
		i += n
	}
	return bad, bad > 0 && bad*20 <= multi && bad*1000 <= len(data)
}

// declared is the encoding a page declares: by a byte order mark, or by a
// <meta charset> or <meta http-equiv="Content-Type"> tag before its body.
// The standard prescan reads the first 1024 bytes only; browsers that
// meet a declaration later start again with it, and so do we, looking as
// far as the charset detector does (archived pages often carry a
// kilobyte of the archive's own scripts before the page's head).
func declared(data []byte) (encoding.Encoding, string) {
	if enc, name, certain := charset.DetermineEncoding(data, ""); certain {
		return enc, name
	}
	z := html.NewTokenizer(bytes.NewReader(data[:min(len(data), detectSize)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			switch atom.Lookup(name) {
			case atom.Body:
				return nil, ""
			case atom.Meta:
				var set, equiv, content string
				for more {
					var k, v []byte
					k, v, more = z.TagAttr()
					switch string(k) {
					case "charset":
						set = string(v)
					case "http-equiv":
						equiv = string(v)
					case "content":
						content = string(v)
					}
				}
				if set == "" && strings.EqualFold(strings.TrimSpace(equiv), "content-type") {
					if _, after, ok := strings.Cut(strings.ToLower(content), "charset="); ok {
						after = strings.TrimLeft(after, " \t\"'")
						if i := strings.IndexAny(after, "; \t\"'"); i >= 0 {
							after = after[:i]
						}
						set = after
					}
				}
				if enc, name := charset.Lookup(set); enc != nil {
					return enc, name
				}
			}
		}
	}
}

// blocks are the elements whose text makes its own paragraph, with the
// names go-trafilatura may leave in its output.
var blocks = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"blockquote": true, "pre": true, "table": true, "tr": true, "section": true,
	"article": true, "header": true, "footer": true, "figure": true, "figcaption": true,
	"hr": true, "main": true, "aside": true, "address": true, "caption": true, "details": true,
	"summary": true, "body": true, "head": true, "list": true, "item": true, "quote": true,
	"row": true, "doc": true,
}

// blockText renders extracted content as plain text: block elements are
// paragraphs separated by blank lines, <br> is a line break, runs of
// white space inside a paragraph are one space.
func blockText(n *html.Node) string {
	var w textWriter
	w.walk(n)
	return w.b.String()
}

type textWriter struct {
	b     strings.Builder
	brk   int // pending break: 0 none, 1 line, 2 paragraph
	space bool
	// edge is set at the start and end of an inline element. The
	// extractor trims the text around the inline elements of some
	// blocks (list items, text after a block): "<code>a</code>and" was
	// "<code>a</code> and". A letter or digit written right after an edge
	// and after another one gets back its space, as the extractor's own
	// plain text has it.
	edge bool
	last rune
}

func (w *textWriter) walk(n *html.Node) {
	if n == nil {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		switch tagOf(n) {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Object:
			return
		case atom.Br:
			w.setBreak(1)
			return
		case atom.Td, atom.Th:
			w.space = true
		}
		if n.Data == "lb" {
			w.setBreak(1)
			return
		}
	}
	block := n.Type == html.ElementNode && blocks[n.Data]
	if block {
		w.setBreak(2)
	} else if n.Type == html.ElementNode {
		w.edge = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.setBreak(2)
	} else if n.Type == html.ElementNode {
		w.edge = true
	}
}

// tagOf is an element's atom. Nodes the extractor creates carry only
// their name, not its atom.
func tagOf(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}

func (w *textWriter) setBreak(k int) {
	w.brk = max(w.brk, k)
	w.space = false
}

func (w *textWriter) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' || r == utf8.RuneError || r == '\ufeff' {
			if w.brk == 0 {
				w.space = true
			}
			continue
		}
		if unicode.IsControl(r) || invisible(r) {
			continue
		}
		if w.b.Len() > 0 {
			switch {
			case w.brk == 2:
				w.b.WriteString("\n\n")
			case w.brk == 1:
				w.b.WriteByte('\n')
			case w.space || w.edge && wordRune(w.last) && wordRune(r):
				w.b.WriteByte(' ')
			}
		}
		w.brk, w.space, w.edge = 0, false, false
		w.b.WriteRune(r)
		w.last = r
	}
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// invisible tells the characters a browser does not show inside a word:
// the soft hyphen (a place where the word may be broken across lines),
// the zero-width space and the word joiner. Kept, they split the word for
// everything that reads the text. The zero-width joiner and non-joiner
// are not among them: Persian and Indic scripts spell with them.
func invisible(r rune) bool {
	return r == '\u00ad' || r == '\u200b' || r == '\u2060'
}

// meta is what a page says about itself in its head.
type meta struct {
	title, site, url string
	date             time.Time
}

// dateKeys are meta names that give the publication date, best first.
var dateKeys = []string{
	"article:published_time", "og:article:published_time", "og:published_time",
	"datepublished", "published_time", "article.published", "publishdate", "publish-date",
	"publish_date", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued",
	"dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "date",
}

// pageMeta reads the title, site name, canonical URL and publication date
// from meta tags, JSON-LD and <time itemprop="datePublished">.
func pageMeta(root *html.Node) meta {
	var m meta
	dates := map[string]string{}
	var ldDate string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if m.title == "" && n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
					m.title = strings.TrimSpace(n.FirstChild.Data)
				}
			case atom.Meta:
				key := strings.ToLower(first(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				content := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:site_name":
					m.site = content
				case "og:title":
					m.title = first(content, m.title)
				case "og:url":
					m.url = first(m.url, content)
				default:
					if _, ok := dates[key]; !ok && content != "" {
						dates[key] = content
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					m.url = first(attr(n, "href"), m.url)
				}
			case atom.Script:
				if ldDate == "" && strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					ldDate = jsonLDDate(n.FirstChild.Data)
				}
			}
			if strings.EqualFold(attr(n, "itemprop"), "datepublished") {
				if _, ok := dates["datepublished"]; !ok {
					if v := first(attr(n, "datetime"), attr(n, "content")); v != "" {
						dates["datepublished"] = v
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if t, ok := pageDate(ldDate); ok {
		m.date = t
	}
	for _, k := range dateKeys {
		if t, ok := pageDate(dates[k]); ok && (m.date.IsZero() || k == "article:published_time") {
			m.date = t
			break
		}
	}
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// jsonLDDate finds the first "datePublished" in a JSON-LD block.
func jsonLDDate(src string) string {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return ""
	}
	var find func(v any, depth int) string
	find = func(v any, depth int) string {
		if depth > 20 {
			return ""
		}
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok && s != "" {
				return s
			}
			for _, c := range x {
				if s := find(c, depth+1); s != "" {
					return s
				}
			}
		case []any:
			for _, c := range x {
				if s := find(c, depth+1); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return find(v, 0)
}

// pageDate parses a date as pages write it, keeping the offset it gives.
func pageDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{
		time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z0700",
		"2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04",
		"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02", "20060102",
		time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700",
	} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1900 && t.Year() < 2200 {
			return t, true
		}
	}
	return time.Time{}, false
}
