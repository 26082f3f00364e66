package readeval

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"entente/internal/read"
)

// Extractor turns a page into its main text. An empty text with a nil
// error means the extractor found none.
type Extractor struct {
	Name    string
	Extract func(page []byte, pageURL string) (string, error)
}

// Entente is our HTML reader (read.HTML with default options). With
// coded, the text is what the later stages read: the spans read.Chrome
// marks as page furniture are cut out (a blank line in their place).
func Entente(coded bool) Extractor {
	name := "entente (Document.Text)"
	if coded {
		name = "entente (text coded: chrome cut)"
	}
	return Extractor{Name: name, Extract: func(page []byte, pageURL string) (string, error) {
		doc, err := read.HTML("page", page, pageURL, read.Options{})
		if errors.Is(err, read.ErrNoText) {
			return "", nil
		}
		if err != nil {
			return "", err
		}
		if !coded {
			return doc.Text, nil
		}
		var b strings.Builder
		at := 0
		for _, c := range doc.Chrome {
			if c.Start < at || c.End > len(doc.Text) {
				continue
			}
			b.WriteString(doc.Text[at:c.Start])
			b.WriteString("\n\n")
			at = c.End
		}
		b.WriteString(doc.Text[at:])
		return b.String(), nil
	}}
}

// Trafilatura is go-trafilatura with its default options (no fallback
// extractors, balanced focus, comments kept), as a user of the library
// calls it: trafilatura.Extract on the page's bytes and its URL.
func Trafilatura() Extractor {
	return Extractor{Name: "go-trafilatura (defaults)", Extract: func(page []byte, pageURL string) (text string, err error) {
		defer func() {
			if r := recover(); r != nil {
				text, err = "", fmt.Errorf("extractor failed: %v", r)
			}
		}()
		var opt trafilatura.Options
		if u, err := url.Parse(pageURL); err == nil && u.Host != "" {
			opt.OriginalURL = u
		}
		res, err := trafilatura.Extract(bytes.NewReader(page), opt)
		if err != nil {
			return "", nil // go-trafilatura reports a page without main text as an error
		}
		return res.ContentText, nil
	}}
}
