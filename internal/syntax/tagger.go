package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok holds the hashed properties of one token that features use.
type tok struct {
	lower, suf3, suf2, suf1, pre1, shape uint64
	form                                 string // lower-cased form
}

// Values standing for positions outside the sentence.
var (
	hNone  = hashString("\x00none")
	hStart = hashString("\x00start")
	hEnd   = hashString("\x00end")
	hRoot  = hashString("\x00root")
)

func makeToks(forms []string, buf []tok) []tok {
	buf = buf[:0]
	for _, f := range forms {
		low := normalize(strings.ToLower(f))
		t := tok{form: low, lower: hashString(low), shape: shapeHash(f)}
		t.suf3 = hashString(suffix(low, 3))
		t.suf2 = hashString(suffix(low, 2))
		t.suf1 = hashString(suffix(low, 1))
		_, size := utf8.DecodeRuneInString(f)
		t.pre1 = hashString(f[:size])
		buf = append(buf, t)
	}
	return buf
}

// suffix returns the last n runes of s.
func suffix(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// shapeHash is the hash of the shape of s (appendShape), made without a
// string.
func shapeHash(s string) uint64 {
	var b [8]byte
	h := uint64(fnvOffset)
	for _, c := range appendShape(b[:0], s) {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// appendShape appends the shape of a word to b: its letter classes, at
// most 8 ("Téhéran" → "Xx", "U.S." → "X.X.", "2024" → "d").
func appendShape(b []byte, s string) []byte {
	n := 0
	var last byte
	for _, r := range s {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < 0x80:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			continue
		}
		last = c
		if n == 8 {
			break
		}
		b = append(b, c)
		n++
	}
	return b
}

// Tagger feature templates.
const (
	tBias uint64 = iota + 1
	tWord
	tSuf3
	tSuf2
	tSuf1
	tPre1
	tShape
	tPrev
	tPrev2
	tPrevWord
	tWordM1
	tSuf3M1
	tWordM2
	tWordP1
	tSuf3P1
	tWordP2
	tWordWordP1
	tPrevSuf3
)

func tagHash(t int) uint64 { return hashString("\x00tag") + uint64(t)*0x9e3779b97f4a7c15 }

// tagFeatures appends the features of token i given the tags of tokens
// before it (tags[:i]).
func tagFeatures(fs []uint32, ts []tok, tags []int, i int) []uint32 {
	w := ts[i]
	at := func(j int) tok {
		if j < 0 {
			return tok{lower: hStart, suf3: hStart}
		}
		if j >= len(ts) {
			return tok{lower: hEnd, suf3: hEnd}
		}
		return ts[j]
	}
	p1, p2 := hStart, hStart
	if i > 0 {
		p1 = tagHash(tags[i-1])
	}
	if i > 1 {
		p2 = tagHash(tags[i-2])
	}
	m1, m2, n1, n2 := at(i-1), at(i-2), at(i+1), at(i+2)
	return append(fs,
		feat1(tBias, 0),
		feat1(tWord, w.lower),
		feat1(tSuf3, w.suf3),
		feat1(tSuf2, w.suf2),
		feat1(tSuf1, w.suf1),
		feat1(tPre1, w.pre1),
		feat1(tShape, w.shape),
		feat1(tPrev, p1),
		feat2(tPrev2, p2, p1),
		feat2(tPrevWord, p1, w.lower),
		feat1(tWordM1, m1.lower),
		feat1(tSuf3M1, m1.suf3),
		feat1(tWordM2, m2.lower),
		feat1(tWordP1, n1.lower),
		feat1(tSuf3P1, n1.suf3),
		feat1(tWordP2, n2.lower),
		feat2(tWordWordP1, w.lower, n1.lower),
		feat2(tPrevSuf3, p1, w.suf3),
	)
}

// tagger is a trained part-of-speech model.
type tagger struct {
	w    *weights
	dict map[string]uint8 // frequent unambiguous words → tag
}

// tag fills tags (len(ts)) for the sentence.
func (t *tagger) tag(ts []tok, tags []int, fs []uint32, scores []int32) ([]uint32, []int32) {
	if cap(scores) < t.w.nclass {
		scores = make([]int32, t.w.nclass)
	}
	scores = scores[:t.w.nclass]
	for i := range ts {
		if c, ok := t.dict[ts[i].form]; ok {
			tags[i] = int(c)
			continue
		}
		fs = tagFeatures(fs[:0], ts, tags, i)
		t.w.score(fs, scores)
		best := 0
		for c := 1; c < len(scores); c++ {
			if scores[c] > scores[best] {
				best = c
			}
		}
		tags[i] = best
	}
	return fs, scores
}
