package resolve

import (
	"strings"
	"unicode/utf8"

	"entente"
	"entente/internal/kb"
	"entente/internal/mention"
	"entente/internal/segment"
)

// unit is one dictionary match with the meaning chosen for it.
type unit struct {
	first, last int
	e           *mention.Entry
	clitic      string // the proclitic its first word carries (mention.Match)
}

// chunk is a run of units that name one actor, place or reporter.
type chunk struct {
	first, last int
	units       []unit
	name        string // an unknown person's name taken from the text
	drop        bool   // merged into the chunk before it
}

// pick chooses the meaning of a match: named actors first, then
// countries, demonyms, places and role nouns.
func pick(m mention.Match) *mention.Entry {
	var best *mention.Entry
	rank := func(e *mention.Entry) int {
		switch e.Kind {
		case mention.Actor:
			if e.Actor.Kind == "person" {
				return 6
			}
			return 5
		case mention.Country:
			return 4
		case mention.Demonym:
			return 3
		case mention.Place:
			return 2
		}
		return 1
	}
	for _, e := range m.Entries {
		if best == nil || rank(e) > rank(best) || rank(e) == rank(best) && e.Kind == mention.Place && biggerPlace(e.Place, best.Place) {
			best = e
		}
	}
	return best
}

// biggerPlace prefers, among places of one name, a national capital, then
// the most populous: "Colombo" is Sri Lanka's capital before Brazil's town.
func biggerPlace(a, b *kb.Place) bool {
	ac, bc := a.Kind == "capital", b.Kind == "capital"
	if ac != bc {
		return ac
	}
	return a.Population > b.Population
}

// chunks glues units that name one actor: a role and its country ("le
// président iranien", "the Iranian president", "chef d'état-major de
// l'armée iranienne"), a role and a name ("le président Masoud
// Pezeshkian"), a name and its apposition ("Ali Akbar Ahmadian,
// secrétaire du Conseil").
func (st *state) chunks(toks []entente.Token, units []unit) []chunk {
	var out []chunk
	for _, u := range units {
		if n := len(out); n > 0 {
			c := &out[n-1]
			if st.glues(toks, c, u) {
				c.units = append(c.units, u)
				c.last = u.last
				continue
			}
		}
		out = append(out, chunk{first: u.first, last: u.last, units: []unit{u}})
	}
	// Unknown people: a person role followed by capitalised words that no
	// dictionary knows ("le contre-amiral Ali Akbar Ahmadian").
	for i := range out {
		c := &out[i]
		head := c.units[len(c.units)-1]
		if head.e.Kind != mention.Role && head.e.Kind != mention.Demonym && head.e.Kind != mention.Country {
			continue
		}
		if !hasPersonRole(c) || hasPerson(c) {
			continue
		}
		// "le consul d'Italie à Lyon, Marco Rossi": the post's
		// place may stand between the role and the name.
		next, end := i+1, c.last
		if next < len(out) && out[next].first == c.last+2 && len(out[next].units) == 1 && out[next].units[0].e.Kind == mention.Place && st.words("locative")[toks[c.last+1].Fold] {
			end = out[next].last
			next++
		}
		j := end + 1
		if j < len(toks) && toks[j].Fold == "," {
			j++
		}
		k := j
		for k < len(toks) && k-j < 4 && toks[k].Kind == entente.Word && toks[k].Upper && (next >= len(out) || k < out[next].first) {
			k++
		}
		if k-j >= 2 || (k-j == 1 && j == end+1 && len([]rune(toks[j].Fold)) > 3) {
			c.name = st.doc.Text[toks[j].Start:toks[k-1].End]
			if end != c.last {
				// The place joins the chunk: it says where the post is.
				c.units = append(c.units, out[i+1].units...)
				out[i+1].drop = true
			}
			c.last = k - 1
		}
	}
	kept := out[:0]
	for _, c := range out {
		if !c.drop {
			kept = append(kept, c)
		}
	}
	return kept
}

func hasPersonRole(c *chunk) bool {
	for _, u := range c.units {
		if u.e.Kind == mention.Role && u.e.Role.Person {
			return true
		}
	}
	return false
}

func hasPerson(c *chunk) bool {
	for _, u := range c.units {
		if u.e.Kind == mention.Actor && u.e.Actor.Kind == "person" {
			return true
		}
	}
	return c.name != ""
}

func countryOf(u unit) string {
	switch u.e.Kind {
	case mention.Country, mention.Demonym, mention.Place:
		return u.e.Country
	case mention.Actor:
		if u.e.Actor.Kind != "person" {
			return u.e.Actor.Country
		}
	}
	return ""
}

// owned reports whether a possessive determiner ("its", "leurs") stands
// right before chunk c.
func (st *state) owned(toks []entente.Token, c *chunk) bool {
	return c.first > 0 && st.words("possessive")[toks[c.first-1].Fold]
}

// andClitic reports whether a proclitic begins with a word of the "and"
// class (Arabic "و" of "ورئيس", "والصين").
func (st *state) andClitic(clitic string) bool {
	r, _ := utf8.DecodeRuneInString(clitic)
	return clitic != "" && st.words("and")[string(r)]
}

// glues reports whether unit u continues chunk c.
func (st *state) glues(toks []entente.Token, c *chunk, u unit) bool {
	// A word that carries "and" as its proclitic starts another actor:
	// Arabic "البرهان ورئيس الحكومة" is two.
	if st.andClitic(u.clitic) {
		return false
	}
	glue := st.words("glue")
	gap := toks[c.last+1 : u.first]
	comma, other := 0, 0
	for k := 0; k < len(gap); k++ {
		t := gap[k]
		if st.sizeModifier(gap, k) {
			// "the agency's 35-nation board": a size written with a
			// hyphen qualifies the body and does not part it from its
			// owner.
			k++
			continue
		}
		switch {
		case t.Fold == ",":
			comma++
		case glue[t.Fold]:
		case st.words("origin")[t.Fold] && len(gap) == 1 && c.units[len(c.units)-1].e.Kind == mention.Role && !st.owned(toks, c):
			// "a delegation from Togo" is Togo's; "its troops from
			// Mali" stay the possessor's.
		case t.Kind == entente.Word && !st.words("and")[t.Fold]:
			other++
		default:
			return false
		}
	}
	if len(gap) > 4 || other > 1 || comma > 1 {
		return false
	}
	prev := c.units[len(c.units)-1]
	// A word that is no glue only stands between two parts of a title
	// ("chef d'état-major de la marine").
	// The word must stand alone between them: "accuse le gouvernement"
	// and "contre le gouvernement" are a verb or a preposition and an object.
	// Only an adjective on the side where the language puts it: "Chinese
	// state media", "combattants kurdes syriens". Between two role nouns a
	// lone word is a verb ("police arrested protesters").
	before := st.words("adjective")["before"]
	adjective := prev.e.Kind == mention.Demonym && u.e.Kind == mention.Role && before ||
		prev.e.Kind == mention.Role && u.e.Kind == mention.Demonym && !before
	if other > 0 && (len(gap) != 1 || !adjective) {
		return false
	}
	// Where the demonym follows its noun, a role right after a role and
	// its demonym or country is the next actor: Arabic writes the article
	// on each noun and no word between them ("الرئيس الموريتاني نظيره
	// السنغالي", the Mauritanian president and his Senegalese
	// counterpart; "أمير قطر رئيس وزراء باكستان").
	if !before && len(gap) == 0 && (prev.e.Kind == mention.Demonym || prev.e.Kind == mention.Country) && u.e.Kind == mention.Role && len(c.units) > 1 && c.units[len(c.units)-2].e.Kind == mention.Role {
		return false
	}
	// Where modifiers follow their noun, a role takes its country after
	// it ("سفیر پاکستان", "سفير مالي"): a country, a capital or an
	// organisation right before a role is
	// another actor, often the subject before its object ("پاکستان سفیر
	// خود را فراخواند", "استدعت موريتانيا سفير مالي").
	if !before && len(gap) == 0 && (prev.e.Kind == mention.Country || prev.e.Kind == mention.Place || prev.e.Kind == mention.Actor && prev.e.Actor.Kind != "person") && u.e.Kind == mention.Role {
		return false
	}
	// After a country name only a possessive leads on to a role:
	// "Russia's foreign minister", not "la Pologne expulse des diplomates".
	if prev.e.Kind == mention.Country && len(gap) > 0 && !(len(gap) == 1 && st.words("genitive")[gap[0].Fold]) {
		return false
	}
	// Two named actors, or two different countries, are two actors;
	// but a force and the officer who leads it are one ("l'Armée
	// nationale libyenne du général Khalifa Haftar"), named by the
	// force.
	if u.e.Kind == mention.Actor && hasNamed(c) && !(len(gap) == 0 && prev.e.Kind == mention.Role && prev.e.Role.Person && u.e.Actor.Kind == "person" && !hasPerson(c)) {
		return false
	}
	if cu := countryOf(u); cu != "" {
		for _, x := range c.units {
			if cx := countryOf(x); cx != "" && cx != cu {
				return false
			}
			if x.e.Kind == mention.Country && (u.e.Kind == mention.Country || u.e.Kind == mention.Place) {
				return false
			}
		}
	}
	// A place after a role is where the role sits only when linked by
	// "de"/"of"; "à Téhéran" is a place of its own.
	if u.e.Kind == mention.Place && len(gap) == 0 {
		return false
	}
	if u.e.Kind == mention.Place {
		for _, t := range gap {
			if !st.words("postof")[t.Fold] {
				return false
			}
		}
	}
	switch {
	case comma == 1:
		// Apposition: a person and a role phrase on either side.
		personSide := hasPerson(c) || (u.e.Kind == mention.Actor && u.e.Actor.Kind == "person")
		roleSide := u.e.Kind == mention.Role || prev.e.Kind == mention.Role || prev.e.Kind == mention.Demonym
		return personSide && roleSide && other == 0
	case prev.e.Kind == mention.Place && u.e.Kind != mention.Role:
		return false
	}
	return true
}

// sizeModifier reports whether gap[k] is a number joined by a hyphen to
// the word after it ("35-nation", "15-member") after a genitive.
func (st *state) sizeModifier(gap []entente.Token, k int) bool {
	if k == 0 || k+1 >= len(gap) || gap[k].Kind != entente.Number || gap[k+1].Kind != entente.Word {
		return false
	}
	if !st.words("genitive")[gap[k-1].Fold] {
		return false
	}
	return st.doc.Text[gap[k].End:gap[k+1].Start] == "-"
}

func hasNamed(c *chunk) bool {
	for _, u := range c.units {
		if u.e.Kind == mention.Actor {
			return true
		}
	}
	return c.name != ""
}

// postings folds the post of an envoy into the envoy's mention: in "the
// French ambassador to Mali" or "l'ambassadeur américain auprès de l'ONU"
// Mali and the UN are where the envoy serves, not actors of their own.
func (st *state) postings(toks []entente.Token, chunks []chunk) []chunk {
	for i := 0; i+1 < len(chunks); i++ {
		c, n := &chunks[i], &chunks[i+1]
		if c.drop || n.drop || n.first <= c.last {
			continue
		}
		head := ""
		for _, u := range c.units {
			if u.e != nil && u.e.Kind == mention.Role {
				head = u.e.Role.Phrase
				break
			}
		}
		if head == "" || !st.envoy(head) || c.last+1 >= len(toks) {
			continue
		}
		// "Mali recalled its ambassador to Algeria": the post is the
		// recall's target.
		if p := c.first - 1; p >= 0 {
			if st.words("possessive")[toks[p].Fold] {
				continue
			}
		}
		k := c.last + 1
		w := st.phrase("posting", toks[:n.first], k)
		if w == 0 {
			continue
		}
		k += w
		for k < n.first && st.words("definite")[toks[k].Fold] {
			k++
		}
		if k != n.first {
			continue
		}
		c.last = n.last
		n.drop = true
	}
	kept := chunks[:0]
	for _, c := range chunks {
		if !c.drop {
			kept = append(kept, c)
		}
	}
	return kept
}

// envoy reports titles of diplomats posted abroad ("ambassadeur",
// "envoy", "chargé d'affaires"), whom a bare minister's title does not
// name: a word of the title is one of the language's envoy words, or
// begins with one written with a final "*". A top diplomat ("chef de la
// diplomatie") is a minister.
func (st *state) envoy(head string) bool {
	if head == "" {
		return false
	}
	folded := "_" + strings.Join(segment.Folds(head), "_") + "_"
	for w := range st.words("envoy") {
		if p, ok := strings.CutSuffix(w, "*"); ok {
			if strings.Contains(folded, "_"+p) {
				return true
			}
		} else if strings.Contains(folded, "_"+w+"_") {
			return true
		}
	}
	return false
}
