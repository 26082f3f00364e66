// Package mention finds names in sentences: countries, demonyms, places,
// actors (people, organisations, groups, state bodies, news media) and
// role nouns. It matches a token trie of folded dictionary phrases against
// the folded tokens of a sentence, longest match first.
package mention

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"entente"
	"entente/internal/kb"
	"entente/internal/segment"
)

// Kind is what a dictionary phrase names.
type Kind uint8

const (
	Actor   Kind = iota // a kb actor (person, organisation, body, group, media)
	Country             // a country name or alias
	Demonym             // a demonym form: iranien, Iranian
	Place               // a city, capital, region or territory
	Role                // a role noun: président, troops
)

// Entry is one meaning of a dictionary phrase.
type Entry struct {
	Kind    Kind
	Country string // Country, Demonym, Place: the country
	Actor   *kb.Actor
	Place   *kb.Place
	Role    *kb.RoleNoun
	// Case rules from the phrase as written in the dictionary: a phrase
	// written with a capital must start with one in the text; a phrase
	// written all in capitals ("AP", "EI") must appear exactly so.
	upper   bool
	allCaps string
	// title: every word of the phrase starts with a capital ("Russia
	// Today", "Nour News"), so every word must in the text too.
	title bool
}

// Match is a dictionary phrase found in a sentence.
type Match struct {
	First, Last int // token indexes, inclusive
	Entries     []*Entry
}

type node struct {
	next    map[string]*node
	entries []*Entry
}

// Gazetteer matches dictionary phrases of one language.
type Gazetteer struct {
	root *node
	Lang string
}

// New builds the gazetteer for lang from the knowledge base.
func New(k *kb.KB, lang string) *Gazetteer {
	g := &Gazetteer{root: &node{}, Lang: lang}
	// Sorted, so that a phrase two entries share always resolves the same way.
	isos := make([]string, 0, len(k.Countries))
	for iso := range k.Countries {
		isos = append(isos, iso)
	}
	sort.Strings(isos)
	ids := make([]string, 0, len(k.Actors))
	for id := range k.Actors {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var ends []string
	for end := range k.Words[lang]["nameending"] {
		ends = append(ends, end)
	}
	sort.Strings(ends)
	for _, iso := range isos {
		c := k.Countries[iso]
		// English and French names are met in every language's news;
		// another language's own names in its news only.
		names := []string{"en", "fr"}
		if lang != "en" && lang != "fr" {
			names = append(names, lang)
		}
		for _, l := range names {
			g.add(c.Names[l], &Entry{Kind: Country, Country: c.ISO3})
			for _, a := range c.Aliases[l] {
				g.add(a, &Entry{Kind: Country, Country: c.ISO3})
			}
		}
		// A language's own names with the endings its grammar gives
		// them (the German genitive: "Russlands", "Israels").
		for _, end := range ends {
			for _, n := range append([]string{c.Names[lang]}, c.Aliases[lang]...) {
				if n != "" && !strings.HasSuffix(n, end) {
					g.add(n+end, &Entry{Kind: Country, Country: c.ISO3})
				}
			}
		}
		for _, d := range c.Demonyms[lang] {
			g.add(d, &Entry{Kind: Demonym, Country: c.ISO3})
		}
	}
	for _, p := range k.Places {
		e := &Entry{Kind: Place, Country: p.Country, Place: p}
		g.add(p.Names["en"], e)
		g.add(p.Names["fr"], e)
		for _, a := range p.Aliases {
			g.add(a, e)
		}
	}
	for _, id := range ids {
		a := k.Actors[id]
		for _, al := range a.Aliases {
			g.add(al, &Entry{Kind: Actor, Actor: a})
		}
	}
	for i := range k.Roles[lang] {
		r := &k.Roles[lang][i]
		g.add(r.Phrase, &Entry{Kind: Role, Role: r})
	}
	return g
}

func (g *Gazetteer) add(phrase string, e *Entry) {
	toks := segment.Tokens(phrase)
	if len(toks) == 0 {
		return
	}
	r, _ := utf8.DecodeRuneInString(phrase)
	e2 := *e
	e2.upper = unicode.IsUpper(r)
	e2.title = len(toks) > 1 && isTitle(phrase, toks)
	if isAllCaps(phrase) {
		e2.allCaps = phrase
	}
	n := g.root
	for _, t := range toks {
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c := n.next[t.Fold]
		if c == nil {
			c = &node{}
			n.next[t.Fold] = c
		}
		n = c
	}
	for _, old := range n.entries {
		if sameEntry(old, &e2) {
			return
		}
	}
	n.entries = append(n.entries, &e2)
}

func sameEntry(a, b *Entry) bool {
	return a.Kind == b.Kind && a.Country == b.Country && a.Actor == b.Actor && a.Place == b.Place && a.Role == b.Role && a.upper == b.upper && a.allCaps == b.allCaps && a.title == b.title
}

// isAllCaps reports whether a phrase is an acronym written in capitals
// (two or more letters, none lower case): "AP", "UE", "RIA".
func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2 && letters <= 6
}

// Find returns the phrases found in one sentence of text, left to right,
// longest first and not overlapping.
func (g *Gazetteer) Find(text string, s entente.Sentence) []Match {
	var out []Match
	toks := s.Tokens
	for i := 0; i < len(toks); {
		bestLen, bestEntries := 0, []*Entry(nil)
		n := g.root
		for j := i; j < len(toks) && n.next != nil; j++ {
			n = n.next[toks[j].Fold]
			if n == nil {
				break
			}
			if len(n.entries) == 0 {
				continue
			}
			var ok []*Entry
			for _, e := range n.entries {
				if e.fits(text, toks[i:j+1]) {
					ok = append(ok, e)
				}
			}
			if len(ok) > 0 {
				bestLen, bestEntries = j-i+1, ok
			}
		}
		if bestLen == 0 {
			i++
			continue
		}
		out = append(out, Match{First: i, Last: i + bestLen - 1, Entries: bestEntries})
		i += bestLen
	}
	return out
}

// fits checks the entry's case rules against the matched tokens.
func (e *Entry) fits(text string, toks []entente.Token) bool {
	if e.allCaps != "" {
		got := text[toks[0].Start:toks[len(toks)-1].End]
		return sameLetters(got, e.allCaps)
	}
	if e.upper && !toks[0].Upper {
		return false
	}
	if e.title {
		for _, t := range toks {
			if t.Kind == entente.Word && !t.Upper {
				return false
			}
		}
	}
	return true
}

// isTitle reports whether every word of a phrase starts with a capital.
func isTitle(phrase string, toks []entente.Token) bool {
	for _, t := range toks {
		if t.Kind != entente.Word {
			continue
		}
		r, _ := utf8.DecodeRuneInString(phrase[t.Start:])
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// sameLetters compares two strings on their letters and digits only,
// case-sensitively: "U.S." matches "US" is false, "AP" matches "AP".
func sameLetters(a, b string) bool {
	strip := func(s string) []rune {
		var out []rune
		for _, r := range s {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				out = append(out, r)
			}
		}
		return out
	}
	x, y := strip(a), strip(b)
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}
