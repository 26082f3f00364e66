package read

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/sync/semaphore"
)

// Defaults of the limits on a page's markup (Options.MaxElements and
// Options.MaxDepth). Extraction costs time and memory that grow faster
// than the number of elements (a page of 20,000 paragraphs takes 3 s and
// 130 MB, one of 100,000 takes 27 s and 650 MB), while news pages hold a
// few thousand elements; the HTML parser itself refuses pages nested
// deeper than 512.
const (
	DefaultMaxElements = 30_000
	DefaultMaxDepth    = 512
)

// ErrTooComplex is the error of an HTML page with more elements, or
// deeper nesting, than the reader's limits.
var ErrTooComplex = errors.New("page too complex")

func (o Options) maxElements() int {
	if o.MaxElements <= 0 {
		return DefaultMaxElements
	}
	return o.MaxElements
}

func (o Options) maxDepth() int {
	if o.MaxDepth <= 0 {
		return DefaultMaxDepth
	}
	return o.MaxDepth
}

// shape is what a tokenizer pass learns of a page before it is parsed.
type shape struct {
	elements, depth int
}

// measure counts the elements of a page and the depth of their nesting
// with a tokenizer, which holds no tree, and stops with ErrTooComplex at
// the first element past either limit. The depth follows the parser's
// rules where sloppy pages rely on them: an unclosed <p>, <li>, <td>...
// ends at the next one, and an end tag closes what it matches.
func measure(data []byte, maxElements, maxDepth int) (shape, error) {
	var s shape
	var stack []tag
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return s, fmt.Errorf("tokenize html: %w", err)
			}
			return s, nil
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			t := tagNamed(name)
			s.elements++
			if s.elements > maxElements {
				return s, fmt.Errorf("%w: over %d elements", ErrTooComplex, maxElements)
			}
			if void[t.a] {
				continue
			}
			stack = openTag(stack, t)
			s.depth = max(s.depth, len(stack))
			if s.depth > maxDepth {
				return s, fmt.Errorf("%w: elements nested over %d deep", ErrTooComplex, maxDepth)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			t := tagNamed(name)
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == t {
					stack = stack[:i]
					break
				}
			}
		}
	}
}

// tag is an open element: its atom, or its name when it has none (a
// custom element such as <my-card>, closed by </my-card> all the same).
type tag struct {
	a    atom.Atom
	name string
}

// tagNamed is the tag of a lower-case element name from the tokenizer.
func tagNamed(name []byte) tag {
	if a := atom.Lookup(name); a != 0 {
		return tag{a: a}
	}
	return tag{name: string(name)}
}

// openTag pushes a start tag, first closing what it implicitly ends.
func openTag(stack []tag, t tag) []tag {
	a := t.a
	if n := len(stack); n > 0 && stack[n-1].a == atom.P && closesP[a] {
		stack = stack[:n-1]
	}
	if peers, ok := implied[a]; ok {
		// Look a few levels down for an open peer: <li> inside <li>'s
		// inline content still ends it.
		for i := len(stack) - 1; i >= 0 && i >= len(stack)-4; i-- {
			if peers[stack[i].a] {
				stack = stack[:i]
				break
			}
			if scopes[stack[i].a] {
				break
			}
		}
	}
	return append(stack, t)
}

// void elements have no content and no end tag.
var void = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true, atom.Keygen: true,
}

// closesP are the start tags that end an open <p>.
var closesP = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Details: true, atom.Div: true, atom.Dl: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Main: true, atom.Nav: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true, atom.Ul: true,
}

// implied maps a start tag to the open elements it ends.
var implied = map[atom.Atom]map[atom.Atom]bool{
	atom.Li:       {atom.Li: true},
	atom.Dt:       {atom.Dt: true, atom.Dd: true},
	atom.Dd:       {atom.Dt: true, atom.Dd: true},
	atom.Option:   {atom.Option: true},
	atom.Optgroup: {atom.Option: true, atom.Optgroup: true},
	atom.Tr:       {atom.Tr: true, atom.Td: true, atom.Th: true},
	atom.Td:       {atom.Td: true, atom.Th: true},
	atom.Th:       {atom.Td: true, atom.Th: true},
	atom.Tbody:    {atom.Tbody: true, atom.Thead: true, atom.Tr: true, atom.Td: true, atom.Th: true},
}

// scopes are the elements an implied end does not reach past.
var scopes = map[atom.Atom]bool{
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Table: true, atom.Select: true,
}

// A Budget bounds the memory of HTML pages extracted at once, by their
// weight: the number of elements, plus one per KiB of page. A page waits
// until its weight fits in what other pages leave; a page heavier than
// the whole budget waits to run alone. Share one Budget between the
// goroutines that read pages (Options.Budget); a nil *Budget bounds
// nothing.
type Budget struct {
	sem  *semaphore.Weighted
	size int64
}

// DefaultBudget is the budget size commands use: a page at the element
// limit and a smaller one, or two of 20,000 elements, at once (under
// 300 MB of extraction).
const DefaultBudget = 40_000

// NewBudget returns a budget of size weight units.
func NewBudget(size int64) *Budget {
	size = max(size, 1)
	return &Budget{sem: semaphore.NewWeighted(size), size: size}
}

// acquire waits until weight fits and returns the function that gives it
// back. Every extraction ends (the page's size is bounded before), so the
// wait does too.
func (b *Budget) acquire(weight int64) (release func()) {
	if b == nil {
		return func() {}
	}
	weight = min(max(weight, 1), b.size)
	_ = b.sem.Acquire(context.Background(), weight) // fails only when the context does
	return func() { b.sem.Release(weight) }
}

// weight is the budget a page takes.
func (s shape) weight(size int) int64 { return int64(s.elements) + int64(size)>>10 }
