package readeval

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Counts are the snippet decisions of one page or of a whole set.
type Counts struct {
	TP int // a "with" snippet found in the text
	FN int // a "with" snippet missing
	FP int // a "without" snippet found
	TN int // a "without" snippet missing
}

// Add sums two counts.
func (c Counts) Add(o Counts) Counts {
	return Counts{c.TP + o.TP, c.FN + o.FN, c.FP + o.FP, c.TN + o.TN}
}

// Precision is TP / (TP + FP), 0 when nothing was found.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN).
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// Accuracy is the share of right decisions.
func (c Counts) Accuracy() float64 { return ratio(c.TP+c.TN, c.TP+c.TN+c.FP+c.FN) }

// F is the harmonic mean of precision and recall.
func (c Counts) F() float64 { return f1(c.Precision(), c.Recall()) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ScoreSnippets decides each snippet of p on an extracted text: a
// snippet is found when the text contains it byte for byte. An empty text
// finds nothing.
func ScoreSnippets(p SnippetPage, text string) Counts {
	var c Counts
	for _, s := range p.With {
		if text != "" && strings.Contains(text, s) {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, s := range p.Without {
		if text != "" && strings.Contains(text, s) {
			c.FP++
		} else {
			c.TN++
		}
	}
	return c
}

// Fold replaces each run of white space by one space: paragraph breaks
// and line breaks count as the space they are between words, so that
// an extractor that keeps paragraphs apart is not taken to miss a
// snippet that runs over two.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// Folded is p with its snippets folded (see Fold).
func (p SnippetPage) Folded() SnippetPage {
	f := p
	f.With, f.Without = make([]string, len(p.With)), make([]string, len(p.Without))
	for i, s := range p.With {
		f.With[i] = Fold(s)
	}
	for i, s := range p.Without {
		f.Without[i] = Fold(s)
	}
	return f
}

// Words are the runs of letters, digits and underscores of s (what
// Python's Unicode \w+ finds, marks aside).
func Words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// Shingles is the bag of word n-grams of s, each n-gram its words joined
// by a space. A text of fewer than n words is one shingle of all its
// words (none when it has no word).
func Shingles(s string, n int) map[string]int {
	w := Words(s)
	bag := map[string]int{}
	for i := 0; i < max(1, len(w)-n+1); i++ {
		if g := strings.Join(w[i:min(i+n, len(w))], " "); g != "" {
			bag[g]++
		}
	}
	return bag
}

// Overlap is the comparison of two bags of shingles.
type Overlap struct{ TP, FP, FN int }

// Add sums two overlaps.
func (o Overlap) Add(x Overlap) Overlap { return Overlap{o.TP + x.TP, o.FP + x.FP, o.FN + x.FN} }

// Precision, Recall and F of an overlap; two empty texts agree fully.
func (o Overlap) Precision() float64 {
	if o == (Overlap{}) {
		return 1
	}
	return ratio(o.TP, o.TP+o.FP)
}

func (o Overlap) Recall() float64 {
	if o == (Overlap{}) {
		return 1
	}
	return ratio(o.TP, o.TP+o.FN)
}

func (o Overlap) F() float64 { return f1(o.Precision(), o.Recall()) }

// ShingleMatch compares the word 4-grams of a predicted text with those
// of a reference as multisets: an n-gram counts as many times as both
// texts have it (TP), the surplus of the prediction is FP, that of the
// reference FN.
func ShingleMatch(ref, pred string) Overlap {
	r, p := Shingles(ref, 4), Shingles(pred, 4)
	var o Overlap
	for g, rc := range r {
		pc := p[g]
		o.TP += min(rc, pc)
		o.FN += max(0, rc-pc)
	}
	for g, pc := range p {
		o.FP += max(0, pc-r[g])
	}
	return o
}

// inline are the elements that do not separate words.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true,
	atom.Font: true, atom.I: true, atom.Kbd: true, atom.Mark: true, atom.Q: true,
	atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strong: true,
	atom.Sub: true, atom.Sup: true, atom.Time: true, atom.U: true, atom.Var: true,
}

// HTMLText is the text of an HTML fragment, a space around each element
// that is not inline so that words of two paragraphs do not join;
// scripts and styles are left out.
func HTMLText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			}
			if !inline[n.DataAtom] {
				b.WriteByte(' ')
				defer b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
