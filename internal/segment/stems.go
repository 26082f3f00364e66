package segment

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"entente"
)

// Stems remembers the stems it has computed, per language: snowball is
// the slow part of segmenting and news repeats its words. It holds at
// most Max stems (then it forgets them all and starts again), and is
// safe for concurrent use. The zero value remembers nothing.
type Stems struct {
	Max int

	mu    sync.RWMutex
	n     int
	stems map[string]map[string]string // language → folded word → stem
	stem  map[string]func(string) string
}

// NewStems returns a memory of at most max stems.
func NewStems(max int) *Stems { return &Stems{Max: max} }

// Split fills doc.Sentences as Split does, with stems from memory when it
// has them.
func (s *Stems) Split(doc *entente.Document) {
	toks := tokens(doc.Text, doc.Chrome)
	s.fill(doc.Lang, toks)
	doc.Sentences = sentences(doc.Text, toks)
}

// fill sets the stems of toks: word tokens get their language's stem,
// the others their folded form.
func (s *Stems) fill(lang string, toks []entente.Token) {
	var missed []int
	s.mu.RLock()
	known := s.stems[lang]
	for i := range toks {
		t := &toks[i]
		if t.Kind != entente.Word {
			t.Stem = t.Fold
			continue
		}
		if st, ok := known[t.Fold]; ok {
			t.Stem = st
			continue
		}
		missed = append(missed, i)
	}
	stem := s.stem[lang]
	s.mu.RUnlock()
	if len(missed) == 0 {
		return
	}
	if stem == nil {
		stem = Stemmer(lang)
	}
	fresh := make(map[string]string, len(missed))
	for _, i := range missed {
		t := &toks[i]
		st, ok := fresh[t.Fold]
		if !ok {
			st = stem(t.Fold)
			fresh[t.Fold] = st
		}
		t.Stem = st
	}
	if s.Max <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.n+len(fresh) > s.Max {
		s.stems, s.n = nil, 0
	}
	if s.stems == nil {
		s.stems = map[string]map[string]string{}
		s.stem = map[string]func(string) string{}
	}
	m := s.stems[lang]
	if m == nil {
		m = map[string]string{}
		s.stems[lang] = m
		s.stem[lang] = stem
	}
	for w, st := range fresh {
		if _, ok := m[w]; !ok && s.n < s.Max {
			m[w] = st
			s.n++
		}
	}
}

// SplitSpans fills doc.Sentences as Split does, but without their tokens:
// it tokenizes the text a stretch of about chunk bytes at a time, cut at
// a line break where a sentence surely ends, so that a long document's
// tokens are never all held at once. Tokenize gives a run of sentences
// their tokens when they are needed.
func (s *Stems) SplitSpans(doc *entente.Document, chunk int) {
	doc.Sentences = nil
	for start := 0; start < len(doc.Text); {
		end := cut(doc.Text, doc.Chrome, start+max(chunk, 1))
		for _, sen := range sentences(doc.Text, tokensIn(doc.Text, doc.Chrome, start, end)) {
			sen.Tokens = nil
			doc.Sentences = append(doc.Sentences, sen)
		}
		start = end
	}
}

// cut returns the first place at or after from where the text may be
// split without changing its tokens or sentences (len(text) when there
// is none): the start of a word that begins a line, after nothing but
// white space, with a digit or a letter that is not lower case. Every
// sentence ends before such a word, and no sentence break looks back
// across a line break and a word. Chrome spans near the place rule it
// out.
func cut(text string, chrome []entente.Span, from int) int {
	for i := from; i < len(text); {
		nl := strings.IndexByte(text[i:], '\n')
		if nl < 0 {
			break
		}
		j := i + nl
		k := j
		for k < len(text) {
			r, size := utf8.DecodeRuneInString(text[k:])
			if !unicode.IsSpace(r) {
				break
			}
			k += size
		}
		if k < len(text) && k > from {
			r := firstRune(text[k:])
			if isWordRune(r) && !unicode.IsLower(r) && !touches(chrome, j, k+1) {
				return k
			}
		}
		i = max(k, j+1)
	}
	return len(text)
}

// touches reports whether a span of spans meets [start, end).
func touches(spans []entente.Span, start, end int) bool {
	for _, sp := range spans {
		if sp.Start < end && start < sp.End {
			return true
		}
	}
	return false
}

// Tokenize gives doc.Sentences[from:to] their tokens and stems, the same
// as Split gives them, in one new array.
func (s *Stems) Tokenize(doc *entente.Document, from, to int) {
	if from >= to {
		return
	}
	ss := doc.Sentences[from:to]
	toks := tokensIn(doc.Text, doc.Chrome, ss[0].Start, ss[len(ss)-1].End)
	s.fill(doc.Lang, toks)
	k := 0
	for i := range ss {
		n := k
		for n < len(toks) && toks[n].Start < ss[i].End {
			n++
		}
		ss[i].Tokens = toks[k:n:n]
		k = n
	}
}
