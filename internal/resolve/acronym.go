package resolve

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"entente"
	"entente/internal/segment"
)

// acronyms finds the organisations a sentence defines by their initials in
// brackets, a name whose first word is of the "orgname" class ("le Front de libération nationale kanak et socialiste
// (FLNKS)") that the knowledge base does not know, makes the phrase one
// actor mention, and remembers the initials for the sentences after ("le
// FLNKS"). The actor takes the country of a place or demonym inside its
// name ("Mouvement pour la libération du Kivu"), else the one its story
// is about (inferCountries). first is the index of the sentence's first
// mention.
func (st *state) acronyms(si int, toks []entente.Token, first int) {
	glue := st.words("glue")
	for k := 2; k+1 < len(toks); k++ {
		if toks[k-1].Fold != "(" || toks[k+1].Fold != ")" || !initials(st.doc.Text[toks[k].Start:toks[k].End]) {
			continue
		}
		acro := st.doc.Text[toks[k].Start:toks[k].End]
		start := st.spelled(toks, k-2, acro, glue)
		if start < 0 || !st.words("orgname")[toks[start].Fold] {
			// "Free Trade Agreement (FTA)" names no actor.
			continue
		}
		// A known actor inside or on the initials: the gazetteer's.
		known, country := false, ""
		var inner []int
		for mi := first; mi < len(st.doc.Mentions); mi++ {
			m := st.doc.Mentions[mi]
			if m.Last < start || m.First > k+1 {
				continue
			}
			if m.Actor.ID != "" || m.Actor.Org != "" || m.Kind == entente.ActorMention && m.Actor.Sector != "" && m.Last > k-2 {
				known = true
				break
			}
			inner = append(inner, mi)
			if country == "" {
				country = m.Actor.Country
			}
		}
		if known {
			continue
		}
		a := entente.Actor{Name: st.doc.Text[toks[start].Start:toks[k-2].End], Country: country}
		a.Code = actorCode(a)
		st.defined[acro] = a
		// The phrase replaces the mentions inside it.
		for n := len(inner) - 1; n >= 0; n-- {
			st.doc.Mentions = append(st.doc.Mentions[:inner[n]], st.doc.Mentions[inner[n]+1:]...)
		}
		// Its mentions share the country the first is given.
		st.bareRole[[2]int{si, start}] = "(" + acro + ")"
		st.doc.Mentions = append(st.doc.Mentions, entente.Mention{Kind: entente.ActorMention, Sentence: si, First: start, Last: k + 1,
			Span: entente.Span{Start: toks[start].Start, End: toks[k+1].End}, Actor: a})
		ms := st.doc.Mentions[first:]
		for i := 1; i < len(ms); i++ {
			for j := i; j > 0 && ms[j].First < ms[j-1].First; j-- {
				ms[j], ms[j-1] = ms[j-1], ms[j]
			}
		}
	}
}

// initials reports a word of two to eight capitals (and digits after the
// first): "FLNKS", "M23" is no definition but a name.
func initials(w string) bool {
	n := utf8.RuneCountInString(w)
	if n < 2 || n > 8 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// spelled finds where the name that acro abbreviates begins, reading back
// from token last: capitalised words, and lower-case words and the
// glue between them, whose initials hold the letters of acro in order,
// the first letter on the first word, which is capitalised. -1 when no
// such name stands there.
func (st *state) spelled(toks []entente.Token, last int, acro string, glue map[string]bool) int {
	letters := []rune(strings.ToLower(segment.Fold(acro)))
	best := -1
	for s := last; s >= 0 && last-s < 12; s-- {
		t := toks[s]
		if t.Kind != entente.Word {
			break
		}
		if !t.Upper {
			continue
		}
		// Do the initials from s to last spell acro?
		j := 0
		for k := s; k <= last && j < len(letters); k++ {
			if glue[toks[k].Fold] && !toks[k].Upper {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(toks[k].Fold); r == letters[j] {
				j++
			}
		}
		r, _ := utf8.DecodeRuneInString(t.Fold)
		if j == len(letters) && r == letters[0] && last > s {
			best = s
		}
	}
	return best
}
