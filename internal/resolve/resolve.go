// Package resolve turns the dictionary phrases found in a document into
// actor mentions: it joins role nouns, demonyms, country names and person
// names that form one phrase ("le ministre tchèque de la Défense Jana
// Černochová"), resolves people to the office they held at the document
// date, links surnames, role phrases and pronouns back to people named
// earlier, groups coordinated actors, and gives an actor without a country
// the country the sentence or the document is about.
package resolve

import (
	"context"
	"fmt"
	"strings"

	"entente"
	"entente/internal/kb"
	"entente/internal/mention"
)

// Resolver resolves mentions for the languages it has gazetteers for.
type Resolver struct {
	kb  *kb.KB
	gaz map[string]*mention.Gazetteer
}

// New builds a Resolver with a gazetteer for each language.
func New(k *kb.KB, langs ...string) *Resolver {
	r := &Resolver{kb: k, gaz: map[string]*mention.Gazetteer{}}
	for _, l := range langs {
		r.gaz[l] = mention.New(k, l)
	}
	return r
}

// unit is one dictionary match with the meaning chosen for it.
type unit struct {
	first, last int
	e           *mention.Entry
}

// chunk is a run of units that name one actor, place or reporter.
type chunk struct {
	first, last int
	units       []unit
	name        string // an unknown person's name taken from the text
	drop        bool   // merged into the chunk before it
}

// Resolve fills doc.Mentions. doc.Sentences must be set. It checks ctx
// between sentences and returns its error once ctx is done.
func (r *Resolver) Resolve(ctx context.Context, doc *entente.Document) error {
	g := r.gaz[doc.Lang]
	if g == nil {
		return nil
	}
	st := &state{r: r, doc: doc, local: map[string]entente.Actor{}, roleCountry: map[string]string{}, titled: map[string]entente.Actor{}, heads: map[string]string{}}
	for si, s := range doc.Sentences {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("sentence %d: %w", si, err)
		}
		matches := g.Find(doc.Text, s)
		st.sentence(si, s, matches)
	}
	st.inferCountries()
	return nil
}

type state struct {
	r     *Resolver
	doc   *entente.Document
	local map[string]entente.Actor // unknown people named in this document, by folded surname
	// roleCountry remembers the country a role phrase had when it was
	// first given one: "l'ambassadeur" after "l'ambassadeur de Chine".
	roleCountry map[string]string
	// titled remembers who a title named ("président|IRN" → Pezeshkian)
	// when a title and a name first appeared together.
	titled map[string]entente.Actor
	// heads remembers the title each person was named with, by actorKey.
	heads map[string]string
	group int
}

func (st *state) words(class string) map[string]bool { return st.r.kb.Words[st.doc.Lang][class] }

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

func (st *state) sentence(si int, s entente.Sentence, matches []mention.Match) {
	toks := s.Tokens
	units := make([]unit, 0, len(matches))
	nonhead := st.words("nonhead")
	for _, m := range matches {
		e := pick(m)
		if e != nil && e.Kind == mention.Role && m.Last+1 < len(toks) && nonhead[toks[m.Last+1].Fold] {
			// "military solutions", "military exercises": the role noun is
			// an adjective there, no actor.
			continue
		}
		units = append(units, unit{first: m.First, last: m.Last, e: e})
	}
	chunks := st.chunks(toks, units)
	chunks = postings(st.doc.Lang, toks, chunks)
	// Mentions from chunks, with coordination groups.
	prevEnd, prevGroup := -10, 0
	first := len(st.doc.Mentions)
	conj := map[int]bool{} // groups joined by a conjunction, not only commas
	for _, c := range chunks {
		m, ok := st.mention(si, toks, c)
		if !ok {
			continue
		}
		if m.Kind == entente.ActorMention || m.Kind == entente.ReporterMention || m.Kind == entente.PlaceMention {
			if ok, and := st.joined(toks, prevEnd+1, c.first); prevEnd >= 0 && ok {
				last := &st.doc.Mentions[len(st.doc.Mentions)-1]
				if last.Kind == m.Kind {
					if prevGroup == 0 {
						st.group++
						prevGroup = st.group
						last.Group = prevGroup
					}
					m.Group = prevGroup
					conj[prevGroup] = conj[prevGroup] || and
				}
			} else {
				prevGroup = 0
			}
			prevEnd = c.last
		}
		st.doc.Mentions = append(st.doc.Mentions, m)
	}
	// "Blinken, the Kremlin replied": commas alone make no list.
	head := map[int]entente.Actor{}
	for i := first; i < len(st.doc.Mentions); i++ {
		m := &st.doc.Mentions[i]
		g := m.Group
		if g > 0 && !conj[g] {
			m.Group = 0
			continue
		}
		if g == 0 {
			continue
		}
		// "les consuls du Japon, de Corée et du
		// Brésil": bare countries in the list share the first one's sector.
		if h, ok := head[g]; !ok {
			head[g] = m.Actor
		} else if m.Actor.Sector == "" && m.Actor.ID == "" && h.Sector != "" && h.ID == "" {
			m.Actor.Sector = h.Sector
			m.Actor.Code = actorCode(m.Actor)
		}
	}
	st.pairs(si, toks, first)
	st.pronouns(si, toks, first)
}

// pairs resolves "les deux pays", "the two leaders" to the last two actors
// of different countries named before: a coordinated pair, earlier one
// first. A pair followed by its names ("les deux présidents Emmanuel
// Macron et Joe Biden") is left to them.
func (st *state) pairs(si int, toks []entente.Token, first int) {
	pair, person := st.words("pair"), st.words("pairperson")
	var add []entente.Mention
	drop := map[int]bool{}
	for i := 1; i+1 < len(toks); i++ {
		if f := toks[i].Fold; f != "deux" && f != "two" {
			continue
		}
		if d := toks[i-1].Fold; d != "les" && d != "ces" && d != "the" && d != "these" && d != "both" {
			continue
		}
		j := i + 1
		isPerson := person[toks[j].Fold]
		if !isPerson && !pair[toks[j].Fold] {
			continue
		}
		named := false
		cover := -1
		for k := first; k < len(st.doc.Mentions); k++ {
			m := st.doc.Mentions[k]
			if m.First <= j && j <= m.Last {
				cover = k
			} else if m.First > j && m.First <= j+3 && m.Kind == entente.ActorMention {
				named = true
			}
		}
		if named || cover >= 0 && (st.doc.Mentions[cover].Actor.ID != "" || st.doc.Mentions[cover].Actor.Country != "" || st.doc.Mentions[cover].Last > j) {
			continue
		}
		a, b, ok := st.lastTwo(si, i, isPerson)
		if !ok {
			continue
		}
		if cover >= 0 {
			drop[cover] = true
		}
		st.group++
		for n, x := range []entente.Actor{b, a} {
			k := i + n // "deux" stands for the first, the noun for the second
			x.Code = actorCode(x)
			add = append(add, entente.Mention{Kind: entente.PronounMention, Sentence: si, First: k, Last: k, Span: toks[k].Span, Actor: x, Person: isPerson, Group: st.group})
		}
	}
	if len(add) == 0 {
		return
	}
	keep := st.doc.Mentions[:first]
	for k := first; k < len(st.doc.Mentions); k++ {
		if !drop[k] {
			keep = append(keep, st.doc.Mentions[k])
		}
	}
	st.doc.Mentions = append(keep, add...)
	ms := st.doc.Mentions[first:]
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].First < ms[j-1].First; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// lastTwo finds the last two actors of different countries (or
// organisations) named in the three sentences before sentence si, other
// than those of the actors before token i in si: people when person is
// set, else states.
func (st *state) lastTwo(si, i int, person bool) (a, b entente.Actor, ok bool) {
	var got []entente.Actor
	seen := map[string]bool{}
	keyOf := func(a entente.Actor) string {
		if a.Country != "" {
			return a.Country
		}
		return a.Org
	}
	pos := map[string]int{}
	for k := len(st.doc.Mentions) - 1; k >= 0; k-- {
		m := st.doc.Mentions[k]
		if m.Sentence < si-3 {
			break
		}
		if m.Kind != entente.ActorMention && m.Kind != entente.PronounMention {
			continue
		}
		key := keyOf(m.Actor)
		if m.Sentence == si {
			if m.First < i {
				// "L'Union africaine a appelé les deux pays": who speaks
				// of the pair is not one of it.
				seen[key] = true
			}
			continue
		}
		if key == "" || person && !m.Person {
			continue
		}
		if seen[key] {
			// "une responsable américaine" after "Antony Blinken": the
			// person named beats the role of the same country.
			if n, ok := pos[key]; ok && person && got[n].ID == "" && m.Actor.ID != "" {
				got[n] = m.Actor
			}
			continue
		}
		if len(got) == 2 {
			continue
		}
		seen[key] = true
		pos[key] = len(got)
		x := m.Actor
		if !person {
			// The country itself, not the official who named it.
			x = entente.Actor{Name: m.Actor.Name, Country: m.Actor.Country, Org: m.Actor.Org}
			if m.Actor.Sector != "" || m.Actor.ID != "" {
				x.Name = key
				if c := st.r.kb.Countries[m.Actor.Country]; c != nil && c.Names[st.doc.Lang] != "" {
					x.Name = c.Names[st.doc.Lang]
				}
			}
		}
		got = append(got, x)
	}
	if len(got) < 2 {
		return a, b, false
	}
	return got[0], got[1], true
}

// joined reports whether toks[i:j] only coordinate two actors: "et",
// "and", a comma, "ainsi que", with determiners; and whether a
// conjunction (not only a comma) is among them.
func (st *state) joined(toks []entente.Token, i, j int) (ok, conj bool) {
	if j <= i || j-i > 4 {
		return false, false
	}
	and, glue := st.words("and"), st.words("glue")
	seen := false
	for k := i; k < j; k++ {
		f := toks[k].Fold
		switch {
		case and[f]:
			seen = true
			conj = conj || f != ","
		case k+1 < j && and[f+"_"+toks[k+1].Fold]:
			seen, conj = true, true
			k++
		case k+2 < j && and[f+"_"+toks[k+1].Fold+"_"+toks[k+2].Fold]:
			seen, conj = true, true
			k += 2
		case glue[f] && f != "de" && f != "of" && f != "d":
		case seen && glue[f]:
			// "les consuls du Japon, de Corée et du Brésil"
		default:
			return false, false
		}
	}
	return seen, conj
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

// glues reports whether unit u continues chunk c.
func (st *state) glues(toks []entente.Token, c *chunk, u unit) bool {
	glue := st.words("glue")
	gap := toks[c.last+1 : u.first]
	comma, other := 0, 0
	for _, t := range gap {
		switch {
		case t.Fold == ",":
			comma++
		case glue[t.Fold]:
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
	adjective := prev.e.Kind == mention.Demonym && u.e.Kind == mention.Role && st.doc.Lang != "fr" ||
		prev.e.Kind == mention.Role && u.e.Kind == mention.Demonym && st.doc.Lang == "fr"
	if other > 0 && (len(gap) != 1 || !adjective) {
		return false
	}
	// After a country name only a possessive leads on to a role:
	// "Russia's foreign minister", not "la Pologne expulse des diplomates".
	if prev.e.Kind == mention.Country && len(gap) > 0 && !(len(gap) == 1 && gap[0].Fold == "'s") {
		return false
	}
	// Two named actors, or two different countries, are two actors.
	if u.e.Kind == mention.Actor && hasNamed(c) {
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
			if t.Fold != "de" && t.Fold != "d" && t.Fold != "of" && t.Fold != "du" {
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

func hasNamed(c *chunk) bool {
	for _, u := range c.units {
		if u.e.Kind == mention.Actor {
			return true
		}
	}
	return c.name != ""
}

// mention builds the mention for a chunk.
func (st *state) mention(si int, toks []entente.Token, c chunk) (entente.Mention, bool) {
	m := entente.Mention{
		Sentence: si, First: c.first, Last: c.last,
		Span: entente.Span{Start: toks[c.first].Start, End: toks[c.last].End},
	}
	var named *kb.Actor
	var country, sector, placeOnly, head string
	var place *kb.Place
	person := false
	for _, u := range c.units {
		if u.e.Kind == mention.Role && head == "" {
			head = u.e.Role.Phrase
		}
		switch u.e.Kind {
		case mention.Actor:
			if named == nil {
				named = u.e.Actor
			}
		case mention.Country, mention.Demonym:
			if country == "" {
				country = u.e.Country
			}
		case mention.Place:
			if place == nil {
				place = u.e.Place
			}
		case mention.Role:
			if sector == "" {
				sector = u.e.Role.Sector
				person = u.e.Role.Person
			}
		}
	}
	text := st.doc.Text[m.Start:m.End]
	if head != "" && named == nil && country == "" && st.possessive(toks, c.first) {
		// "leur ambassadeur", "its troops": the country of the actor before.
		for k := len(st.doc.Mentions) - 1; k >= 0 && st.doc.Mentions[k].Sentence == si; k-- {
			if o := st.doc.Mentions[k]; o.Kind == entente.ActorMention && o.Actor.Country != "" {
				country = o.Actor.Country
				break
			}
		}
	}
	if head != "" && named == nil {
		if country != "" {
			if _, ok := st.roleCountry[head]; !ok {
				st.roleCountry[head] = country
			}
		} else if country == "" {
			country = st.roleCountry[head]
		}
	}
	if place != nil {
		m.Place = &entente.Place{Name: place.Name(st.doc.Lang), Country: place.Country, Lat: place.Lat, Lon: place.Lon, GeonamesID: place.GeonamesID}
		if country == "" && (sector != "" || named != nil) {
			placeOnly = place.Country
		}
	}
	switch {
	case named != nil && named.Kind == "media":
		m.Kind = entente.ReporterMention
		m.Actor = entente.Actor{Name: named.Name, ID: named.ID, Country: named.Country, Sector: "MED"}
		return m, true
	case named != nil && sector == "MED" && named.Kind != "person":
		m.Kind = entente.ReporterMention
		m.Actor = entente.Actor{Name: named.Name, ID: named.ID, Country: named.Country, Sector: "MED"}
		return m, true
	case named != nil:
		cty, org, sec, _ := named.At(st.doc.Date)
		if cty == "" {
			cty = country
		}
		if cty == "" {
			cty = placeOnly
		}
		if sec == "" {
			sec = sector
		}
		m.Kind = entente.ActorMention
		m.Person = named.Kind == "person"
		m.Actor = entente.Actor{Name: named.Name, ID: named.ID, Country: cty, Org: org, Sector: sec}
		if m.Person {
			// "M. Sánchez" after "Pedro Sánchez": surnames too common to be
			// aliases still refer back within one document.
			st.local[surname(named.Name)] = m.Actor
			if head != "" && cty != "" {
				st.titled[head+"|"+cty] = m.Actor
			}
		}
	case c.name != "":
		if country == "" {
			country = placeOnly
		}
		m.Kind = entente.ActorMention
		m.Person = true
		m.Actor = entente.Actor{Name: c.name, ID: "", Country: country, Sector: sector}
		st.local[surname(c.name)] = m.Actor
	case sector != "":
		if country == "" {
			country = placeOnly
		}
		m.Kind = entente.ActorMention
		m.Person = person
		m.Actor = entente.Actor{Name: text, Country: country, Sector: sector}
		if person && country != "" {
			// "le président iranien" after "le président Masoud Pezeshkian":
			// the same title and country name the same person.
			if a, ok := st.titled[head+"|"+country]; ok {
				m.Actor.ID, m.Actor.Name = a.ID, a.Name
			}
		}
		if person && country == "" {
			// "a tweeté la ministre" after "la cheffe de la diplomatie
			// britannique Liz Truss": a bare title is the official just named.
			for k := len(st.doc.Mentions) - 1; k >= 0 && st.doc.Mentions[k].Sentence >= si-1; k-- {
				// An envoy's title never names a minister, nor the reverse:
				// "a tweeté la ministre" after "l'ambassadeur russe".
				if p := st.doc.Mentions[k]; p.Person && p.Actor.Sector == sector && p.Actor.Country != "" && envoy(st.heads[personKey(p.Actor)]) == envoy(head) {
					m.Actor.Country, m.Actor.ID, m.Actor.Name = p.Actor.Country, p.Actor.ID, p.Actor.Name
					break
				}
			}
		}
	case country != "":
		m.Kind = entente.ActorMention
		m.Actor = entente.Actor{Name: text, Country: country}
		if st.crowd(toks, c.first) {
			// "des milliers de Kényans", "thousands of Iraqis": people.
			m.Actor.Sector = "CVL"
		}
	case place != nil:
		// A place taken as an actor ("la visite à Téhéran", "strikes on
		// Gaza") stands for its country.
		m.Kind = entente.PlaceMention
		m.Actor = entente.Actor{Name: m.Place.Name, Country: place.Country, Code: place.Country}
		return m, true
	default:
		return m, false
	}
	if m.Actor.Name == "" {
		m.Actor.Name = text
	}
	if m.Person && head != "" {
		if _, ok := st.heads[personKey(m.Actor)]; !ok {
			st.heads[personKey(m.Actor)] = head
		}
	}
	m.Actor.Code = actorCode(m.Actor)
	return m, true
}

func personKey(a entente.Actor) string {
	if a.ID != "" {
		return a.ID
	}
	return a.Name + "|" + a.Country
}

// postings folds the post of an envoy into the envoy's mention: in "the
// French ambassador to Mali" or "l'ambassadeur américain auprès de l'ONU"
// Mali and the UN are where the envoy serves, not actors of their own.
func postings(lang string, toks []entente.Token, chunks []chunk) []chunk {
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
		if head == "" || !envoy(head) || c.last+1 >= len(toks) {
			continue
		}
		// "Mali recalled its ambassador to Algeria": the post is the
		// recall's target.
		if p := c.first - 1; p >= 0 {
			switch toks[p].Fold {
			case "its", "their", "his", "her", "son", "sa", "ses", "leur", "leurs":
				continue
			}
		}
		k := c.last + 1
		switch {
		case lang == "en" && toks[k].Fold == "to":
			k++
		case lang == "fr" && (toks[k].Fold == "aupres" || toks[k].Fold == "auprès"):
			k++
			if k < n.first && (toks[k].Fold == "de" || toks[k].Fold == "du" || toks[k].Fold == "des" || toks[k].Fold == "d") {
				k++
			}
		default:
			continue
		}
		for k < n.first {
			switch toks[k].Fold {
			case "the", "l", "l'", "la", "le", "les":
				k++
				continue
			}
			break
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
// name. A top diplomat ("chef de la diplomatie") is a minister.
func envoy(head string) bool {
	switch head {
	case "diplomate", "diplomat", "diplomates", "diplomats":
		return true
	}
	for _, w := range []string{"ambassad", "envoy", "consul", "charge d'affaires", "chargé d'affaires", "legat", "légat"} {
		if strings.Contains(head, w) {
			return true
		}
	}
	return false
}

func actorCode(a entente.Actor) string {
	switch {
	case a.Org != "":
		return "IGO" + a.Org
	case a.Country != "":
		return a.Country + a.Sector
	}
	return a.Sector
}

func surname(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(f[len(f)-1])
}

// pronouns adds mentions for unmatched capitalised surnames of people
// named earlier in the document, and for personal pronouns.
func (st *state) pronouns(si int, toks []entente.Token, first int) {
	pron := st.words("pronoun")
	covered := func(i int) bool {
		for _, m := range st.doc.Mentions[first:] {
			if m.First <= i && i <= m.Last {
				return true
			}
		}
		return false
	}
	var add []entente.Mention
	for i, t := range toks {
		if t.Kind != entente.Word || covered(i) {
			continue
		}
		if t.Upper {
			if a, ok := st.local[strings.ToLower(st.doc.Text[t.Start:t.End])]; ok {
				a.Code = actorCode(a)
				add = append(add, entente.Mention{Kind: entente.ActorMention, Sentence: si, First: i, Last: i, Span: t.Span, Actor: a, Person: true})
				continue
			}
		}
		if st.words("firstperson")[t.Fold] && (t.Fold != "i" || st.doc.Text[t.Start:t.End] == "I") {
			// "« J'ai convoqué l'ambassadeur », a tweeté la ministre": the
			// first person of a quote is its speaker.
			if a, ok := st.speaker(si, toks, first, add); ok {
				a.Code = actorCode(a)
				add = append(add, entente.Mention{Kind: entente.PronounMention, Sentence: si, First: i, Last: i, Span: t.Span, Actor: a, Person: true})
			}
			continue
		}
		if pron[t.Fold] && !impersonal(toks, i) {
			if a, ok := st.lastPerson(si, i, add); ok {
				a.Code = actorCode(a)
				add = append(add, entente.Mention{Kind: entente.PronounMention, Sentence: si, First: i, Last: i, Span: t.Span, Actor: a, Person: true})
			}
		}
	}
	if len(add) == 0 {
		return
	}
	st.doc.Mentions = append(st.doc.Mentions, add...)
	ms := st.doc.Mentions[first:]
	// Keep this sentence's mentions in token order.
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].First < ms[j-1].First; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// speaker finds who speaks a quoted sentence: the actor just after a
// reporting verb ("», a déclaré le ministre", "\" said the ministry") or
// just before it ("\" Haley told"), or the person a pronoun there refers
// to ("», a-t-il ajouté"). The sentence must hold a quotation mark.
func (st *state) speaker(si int, toks []entente.Token, first int, pending []entente.Mention) (entente.Actor, bool) {
	quoted := false
	for _, t := range toks {
		switch st.doc.Text[t.Start:t.End] {
		case "«", "»", "\"", "“", "”":
			quoted = true
		}
	}
	if !quoted {
		return entente.Actor{}, false
	}
	rep := st.words("reported")
	for r := range toks {
		if !rep[toks[r].Fold] && !(r > 0 && rep[toks[r-1].Fold+"_"+toks[r].Fold]) {
			continue
		}
		for _, m := range st.doc.Mentions[first:] {
			if m.Kind != entente.ActorMention || m.Actor.Country == "" && m.Actor.Org == "" {
				continue
			}
			if m.First > r && m.First-r <= 3 || m.Last < r && r-m.Last <= 2 {
				return m.Actor, true
			}
		}
		for k := r - 3; k <= r+3 && k < len(toks); k++ {
			if k >= 0 && st.words("pronoun")[toks[k].Fold] {
				return st.lastPerson(si, k, pending)
			}
		}
	}
	return entente.Actor{}, false
}

// impersonal reports "il y a", "il faut", "il est": pronouns that refer to nobody.
func impersonal(toks []entente.Token, i int) bool {
	if i+1 >= len(toks) {
		return true
	}
	n := toks[i+1].Fold
	if toks[i].Fold == "il" && n == "s" && i+2 < len(toks) {
		return toks[i+2].Fold == "agit" || toks[i+2].Fold == "agissait"
	}
	return toks[i].Fold == "il" && (n == "y" || n == "faut" || n == "semble" || n == "reste")
}

// lastPerson finds the person a pronoun at token i of sentence si refers
// to: the last person mentioned before it.
func (st *state) lastPerson(si, i int, pending []entente.Mention) (entente.Actor, bool) {
	for k := len(pending) - 1; k >= 0; k-- {
		if pending[k].Person {
			return pending[k].Actor, true
		}
	}
	for k := len(st.doc.Mentions) - 1; k >= 0; k-- {
		m := st.doc.Mentions[k]
		if m.Sentence < si-2 {
			break
		}
		if m.Sentence == si && m.First > i {
			continue
		}
		// "Quant au Pérou, il a répondu": a state named earlier in the
		// same sentence is the antecedent too.
		if m.Sentence == si && m.Kind == entente.ActorMention && m.Actor.Sector == "" && m.Actor.Country != "" && st.doc.Lang == "fr" {
			return m.Actor, true
		}
		if m.Person && m.Kind != entente.ReporterMention {
			return m.Actor, true
		}
	}
	return entente.Actor{}, false
}

// inferCountries gives actors with a sector but no country (police,
// protesters, the army, a transnational armed group) the country of a place
// in their sentence, else the document's main country.
func (st *state) inferCountries() {
	main := st.mainCountry()
	bySentence := map[int][]int{}
	for i, m := range st.doc.Mentions {
		bySentence[m.Sentence] = append(bySentence[m.Sentence], i)
	}
	for i := range st.doc.Mentions {
		m := &st.doc.Mentions[i]
		if m.Kind != entente.ActorMention || m.Actor.Country != "" || m.Actor.Org != "" {
			continue
		}
		if m.Actor.ID != "" && (m.Person || m.Actor.Sector != "REB") {
			// A known actor keeps its standing; only a transnational armed
			// group (Islamic State, al-Qaeda) takes the country it acts in.
			continue
		}
		// A group (police, protesters) is where its sentence takes place;
		// an official without a country is of the country of the story.
		cty, sure := "", false
		if !m.Person {
			cty, sure = st.groupCountry(m, bySentence[m.Sentence], bySentence[m.Sentence-1])
		}
		if cty == "" {
			cty = main
		}
		m.Actor.Country = cty
		m.Actor.Code = actorCode(m.Actor)
		m.Guessed = !sure
	}
}

// groupCountry finds where a group without a country is: a place beside
// it ("police in Colombo", "à Niamey, la police") or a place or country
// introduced by "in"/"à" further on ("people hit by the earthquake in
// Afghanistan") tell it (sure); else it is guessed from the nearest city
// of its sentence, a country named in the sentence, or the last city of
// the sentence before.
func (st *state) groupCountry(m *entente.Mention, same, before []int) (country string, sure bool) {
	toks := st.doc.Sentences[m.Sentence].Tokens
	for _, oi := range same {
		o := st.doc.Mentions[oi]
		if o.Kind == entente.PlaceMention && (o.First > m.Last && o.First-m.Last <= 4 || o.Last < m.First && m.First-o.Last <= 4) {
			return o.Actor.Country, true
		}
	}
	for _, oi := range same {
		o := st.doc.Mentions[oi]
		if o.First > m.Last && o.First-m.Last <= 10 && o.Actor.Country != "" && (o.Kind == entente.PlaceMention || o.Actor.Sector == "") && st.afterLocative(toks, o.First) {
			return o.Actor.Country, true
		}
	}
	// A city introduced by "in"/"à" anywhere in the sentence places it
	// better than the dateline: "protesters marched on the French embassy
	// in Bamako".
	best, bestDist := "", -1
	for _, oi := range same {
		o := st.doc.Mentions[oi]
		if o.Kind != entente.PlaceMention || o.Actor.Country == "" || !st.afterLocative(toks, o.First) {
			continue
		}
		d := o.First - m.Last
		if d < 0 {
			d = m.First - o.Last
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = o.Actor.Country, d
		}
	}
	if best != "" {
		return best, false
	}
	for _, oi := range same {
		o := st.doc.Mentions[oi]
		if o.Kind == entente.ActorMention && o.Actor.Country != "" && o.Actor.Sector == "" {
			return o.Actor.Country, false
		}
	}
	for k := len(before) - 1; k >= 0; k-- {
		o := st.doc.Mentions[before[k]]
		if o.Kind == entente.PlaceMention && o.Actor.Country != "" && st.afterLocative(st.doc.Sentences[o.Sentence].Tokens, o.First) {
			return o.Actor.Country, false
		}
	}
	return "", false
}

// mainCountry is the country the document is about: the place of its
// dateline, else the first place of its lead, else the country most
// mentioned.
func (st *state) mainCountry() string {
	count := map[string]int{}
	best, bestN, firstPlace := "", 0, ""
	for _, m := range st.doc.Mentions {
		c := m.Actor.Country
		if c == "" || m.Kind == entente.ReporterMention {
			continue
		}
		if m.Kind == entente.PlaceMention {
			if m.Sentence == 0 && m.First < 4 {
				return c
			}
			if firstPlace == "" && m.Sentence < 2 {
				firstPlace = c
			}
		}
		if m.Kind == entente.ActorMention && m.Place != nil && firstPlace == "" && m.Sentence < 2 {
			// "le consul d'Italie à Lyon, Marco Rossi": the post's
			// place is a place of the lead.
			firstPlace = m.Place.Country
		}
		count[c]++
		if count[c] > bestN {
			best, bestN = c, count[c]
		}
	}
	// Where the story opens (the first place of its lead) says more of
	// whose police and ministers act than the country most talked about.
	if firstPlace != "" {
		return firstPlace
	}
	return best
}

// possessive reports whether the phrase at token i follows a possessive
// determiner ("son", "leur", "its", "their").
func (st *state) possessive(toks []entente.Token, i int) bool {
	if i == 0 {
		return false
	}
	return st.words("possessive")[toks[i-1].Fold]
}

// crowd reports whether the phrase at token i follows a number of people:
// "des milliers de", "thousands of", "plusieurs centaines de".
func (st *state) crowd(toks []entente.Token, i int) bool {
	crowd := st.words("crowd")
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if crowd[toks[k].Fold] {
			return true
		}
	}
	return false
}

// afterLocative reports whether token i follows "in"/"à", with at most
// one word between ("in southeastern Afghanistan").
func (st *state) afterLocative(toks []entente.Token, i int) bool {
	loc := st.words("locative")
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if loc[toks[k].Fold] {
			return true
		}
		if toks[k].Kind != entente.Word {
			return false
		}
	}
	return false
}
