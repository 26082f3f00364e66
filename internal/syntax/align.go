package syntax

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"entente/internal/segment"
)

// Sent is a sentence in entente's own tokens with its annotation: what the
// tagger, lemmatizer and parser learn from and are scored on.
type Sent struct {
	Forms  []string
	UPOS   []string
	Lemma  []string
	Head   []int // index of the head token, -1 for the root
	Deprel []string
}

// Len reports the number of tokens.
func (s *Sent) Len() int { return len(s.Forms) }

var errAlign = errors.New("tree does not project onto entente's tokens")

// Project rewrites a treebank sentence onto the tokens entente's segmenter
// makes of the same text, so that the models learn on the tokens they will
// see. Multiword tokens that stay one token ("du" = de + le) take the word
// whose head lies outside them; a word that the segmenter splits
// ("États-Unis") keeps its annotation on its first piece and the other
// pieces attach to it as goeswith.
func Project(t Tree) (Sent, error) {
	n := len(t.Words)
	// Surface units: a multiword token or a plain word.
	type unit struct{ start, end, first, last int }
	var units []unit
	var b strings.Builder
	for i := 1; i <= n; {
		first, last, form := i, i, t.Words[i-1].Form
		for _, r := range t.Ranges {
			if r.First == i {
				last, form = r.Last, r.Form
			}
		}
		start := b.Len()
		b.WriteString(form)
		units = append(units, unit{start, b.Len(), first, last})
		if !t.NoSpace[last-1] {
			b.WriteByte(' ')
		}
		i = last + 1
	}
	text := b.String()
	toks := segment.Tokens(text)
	wordTok := make([]int, n+1) // word (1-based) → token
	secondary := make([]bool, len(toks))
	ti := 0
	for _, u := range units {
		var ts []int
		for ti < len(toks) && toks[ti].Start < u.end {
			if toks[ti].Start >= u.start {
				ts = append(ts, ti)
			}
			ti++
		}
		if len(ts) == 0 {
			// A token that began in an earlier unit covers this one.
			if ti == 0 {
				return Sent{}, errAlign
			}
			ts = []int{ti - 1}
		}
		nw := u.last - u.first + 1
		for j := 0; j < nw; j++ {
			k := j
			if k >= len(ts) {
				k = len(ts) - 1
			}
			wordTok[u.first+j] = ts[k]
		}
		for j := nw; j < len(ts); j++ {
			secondary[ts[j]] = true
		}
	}
	s := Sent{
		Forms:  make([]string, len(toks)),
		UPOS:   make([]string, len(toks)),
		Lemma:  make([]string, len(toks)),
		Head:   make([]int, len(toks)),
		Deprel: make([]string, len(toks)),
	}
	rep := make([]int, len(toks)) // token → representative word
	for w := 1; w <= n; w++ {
		tk := wordTok[w]
		h := t.Words[w-1].Head
		outside := h == 0 || wordTok[h] != tk
		if outside && (rep[tk] == 0 || h == 0) {
			rep[tk] = w
		}
	}
	for i, tk := range toks {
		s.Forms[i] = text[tk.Start:tk.End]
		w := rep[i]
		switch {
		case secondary[i] || w == 0:
			// A later piece of a split word.
			p := i - 1
			for p > 0 && secondary[p] {
				p--
			}
			if p < 0 || rep[p] == 0 {
				return Sent{}, errAlign
			}
			s.UPOS[i] = t.Words[rep[p]-1].UPOS
			s.Lemma[i] = s.Forms[i]
			if s.UPOS[i] != "PROPN" {
				s.Lemma[i] = strings.ToLower(s.Forms[i])
			}
			s.Head[i] = p
			s.Deprel[i] = "goeswith"
		default:
			wd := t.Words[w-1]
			s.UPOS[i], s.Lemma[i], s.Deprel[i] = wd.UPOS, unvowelled(wd.Lemma), wd.Deprel
			if wd.Head == 0 {
				s.Head[i] = -1
			} else {
				s.Head[i] = wordTok[wd.Head]
			}
		}
	}
	if !isTree(s.Head) {
		return Sent{}, errAlign
	}
	return s, nil
}

// unvowelled drops the Arabic vowel marks (harakat, shadda, sukun, the
// superscript alef) and tatweel from a lemma and writes alef wasla as
// alef: treebanks vowel their Arabic lemmas, news do not vowel their words,
// and a lemma written as its forms are learns suffix rules ("نشرتها" is
// "نشر") where a vowelled one ("نَشَر") is a whole-word exception. Other
// scripts are left as they are.
func unvowelled(lemma string) string {
	if !strings.ContainsFunc(lemma, isArabicMark) {
		return lemma
	}
	var b strings.Builder
	for _, r := range lemma {
		switch {
		case isArabicMark(r):
		case r == 'ٱ':
			b.WriteRune('ا')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isArabicMark(r rune) bool {
	return r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 || r == 'ٱ'
}

// isTree reports whether heads form one tree with a single root.
func isTree(head []int) bool {
	roots := 0
	for i, h := range head {
		if h == -1 {
			roots++
			continue
		}
		if h == i || h < 0 || h >= len(head) {
			return false
		}
		// Walk up; a path longer than the sentence is a cycle.
		k, steps := i, 0
		for k != -1 && steps <= len(head) {
			k = head[k]
			steps++
		}
		if k != -1 {
			return false
		}
	}
	return roots == 1
}

// ReadTreebank reads a CoNLL-U file and projects its sentences onto
// entente's tokens. Sentences that do not project are counted in skipped.
func ReadTreebank(path string) (sents []Sent, skipped int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("syntax: %w", err)
	}
	defer f.Close()
	trees, err := ReadCoNLLU(f)
	if err != nil {
		return nil, 0, fmt.Errorf("syntax: %s: %w", path, err)
	}
	for _, t := range trees {
		s, err := Project(t)
		if err != nil {
			skipped++
			continue
		}
		sents = append(sents, s)
	}
	return sents, skipped, nil
}
