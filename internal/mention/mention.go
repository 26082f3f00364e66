// Package mention finds names in sentences: countries, demonyms, places,
// actors (people, organisations, groups, state bodies, news media) and
// role nouns. It matches a token trie of folded dictionary phrases against
// the folded tokens of a sentence, longest match first. In a language
// whose nouns decline (the caseending class of words.tsv), a word matches
// its other case forms: Russian "Россия" is met as "России", "Путин" as
// "Путина".
package mention

import (
	"slices"
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
	// Clitic is the proclitic written on the first word when the phrase
	// was found without it ("و" of "وروسيا"), else "".
	Clitic string
}

type node struct {
	next    map[string]*node
	entries []*Entry
}

// Gazetteer matches dictionary phrases of one language.
type Gazetteer struct {
	root *node
	Lang string
	// endings are the case endings of the language, longest first (none
	// where nouns do not decline).
	endings []string
}

// minBase is the fewest letters a word keeps once its case ending is
// taken off: shorter words match only as written ("Того", "ООН").
const minBase = 3

// New builds the gazetteer for lang from the knowledge base.
func New(k *kb.KB, lang string) *Gazetteer {
	g := &Gazetteer{root: &node{}, Lang: lang}
	for e := range k.Words[lang]["caseending"] {
		g.endings = append(g.endings, e)
	}
	// Longest first, then in byte order: the keys of a word never depend on map order.
	slices.SortFunc(g.endings, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
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
	// A declined word is a path for each of its keys.
	nodes := []*node{g.root}
	for _, t := range toks {
		var next []*node
		for _, n := range nodes {
			for _, k := range g.keys(t.Fold, true) {
				if n.next == nil {
					n.next = map[string]*node{}
				}
				c := n.next[k]
				if c == nil {
					c = &node{}
					n.next[k] = c
				}
				if !slices.Contains(next, c) {
					next = append(next, c)
				}
			}
		}
		nodes = next
	}
	for _, n := range nodes {
		if !slices.ContainsFunc(n.entries, func(old *Entry) bool { return sameEntry(old, &e2) }) {
			n.entries = append(n.entries, &e2)
		}
	}
}

// keys returns the trie keys of a folded word: the word itself and, in a
// language with case endings, the word without each ending it has (when
// at least minBase letters stay). A text word and a dictionary word match
// when they share a key: when they are one base with two endings
// ("росси|я", "росси|и"; "лавр|ов", "лавр|ова" is "лавров|а"). A
// dictionary word whose base would be shorter than shortBase letters
// gives it only for a one-letter ending of a declined noun (shortEndings:
// "Куба", "Кубы"): "Мали" and "Того" do not decline, and "Малой" is no
// form of "Мали".
func (g *Gazetteer) keys(fold string, dict bool) []string {
	out := []string{fold}
	for _, e := range g.endings {
		b, ok := strings.CutSuffix(fold, e)
		if !ok || slices.Contains(out, b) {
			continue
		}
		n := utf8.RuneCountInString(b)
		if n < minBase || dict && n < shortBase && !(utf8.RuneCountInString(e) == 1 && strings.Contains(shortEndings, e)) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// shortBase and shortEndings: see keys.
const (
	shortBase    = 4
	shortEndings = "аяьй"
)

func sameEntry(a, b *Entry) bool {
	return a.Kind == b.Kind && a.Country == b.Country && a.Actor == b.Actor && a.Place == b.Place && a.Role == b.Role && a.upper == b.upper && a.allCaps == b.allCaps && a.title == b.title
}

// isAllCaps reports whether a phrase is an acronym written in capitals
// (two or more letters, none lower case, some upper case): "AP", "UE",
// "RIA". A script without case (Arabic "موسكو") writes no acronym so.
func isAllCaps(s string) bool {
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return letters >= 2 && letters <= 6 && upper > 0
}

// Find returns the phrases found in one sentence of text, left to right,
// longest first and not overlapping. A phrase's first word may also be
// met with a proclitic of the language written on it (words.tsv, see
// segment.Unclitic): Arabic "لروسيا" and "والعراق" name Russia and Iraq.
func (g *Gazetteer) Find(text string, s entente.Sentence) []Match {
	var out []Match
	toks := s.Tokens
	nodes := make([]*node, 0, 4)
	for i := 0; i < len(toks); {
		var bestLen int
		var bestEntries []*Entry
		bestLen, bestEntries, nodes = g.walk(text, toks, i, toks[i].Fold, nodes)
		clitic := ""
		for _, b := range segment.Unclitic(g.Lang, toks[i].Fold) {
			var n int
			var es []*Entry
			if n, es, nodes = g.walk(text, toks, i, b.Word, nodes); n > bestLen {
				bestLen, bestEntries, clitic = n, es, b.Clitic
			}
		}
		if bestLen == 0 {
			i++
			continue
		}
		out = append(out, Match{First: i, Last: i + bestLen - 1, Entries: bestEntries, Clitic: clitic})
		i += bestLen
	}
	return out
}

// step returns the nodes the trie reaches from nodes over a text word,
// reusing the slice.
func (g *Gazetteer) step(nodes []*node, fold string) []*node {
	if len(g.endings) == 0 {
		// One node at most: the word as written.
		if nodes[0].next == nil || nodes[0].next[fold] == nil {
			return nodes[:0]
		}
		nodes[0] = nodes[0].next[fold]
		return nodes
	}
	var next []*node
	for _, n := range nodes {
		if n.next == nil {
			continue
		}
		for _, k := range g.keys(fold, false) {
			if c := n.next[k]; c != nil && !slices.Contains(next, c) {
				next = append(next, c)
			}
		}
	}
	return append(nodes[:0], next...)
}

// walk returns the longest phrase starting at toks[i], its first word read
// as first (its folded form, or that form without a proclitic): its length
// in tokens and the entries that fit it. It reuses nodes.
func (g *Gazetteer) walk(text string, toks []entente.Token, i int, first string, nodes []*node) (int, []*Entry, []*node) {
	bestLen, bestEntries := 0, []*Entry(nil)
	nodes = append(nodes[:0], g.root)
	for j := i; j < len(toks) && len(nodes) > 0; j++ {
		f := toks[j].Fold
		if j == i {
			f = first
		}
		nodes = g.step(nodes, f)
		var ok []*Entry
		for _, n := range nodes {
			for _, e := range n.entries {
				if !slices.Contains(ok, e) && e.fits(text, toks[i:j+1]) {
					ok = append(ok, e)
				}
			}
		}
		if len(ok) > 0 {
			bestLen, bestEntries = j-i+1, ok
		}
	}
	return bestLen, bestEntries, nodes
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
