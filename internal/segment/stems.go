package segment

import (
	"sync"

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
