package resolve

import (
	"entente"
	"strings"
)

// inferCountries gives actors with a sector but no country (police,
// protesters, the army, a transnational armed group) the country of a place
// in their sentence, else the document's main country.
func (st *state) inferCountries() {
	main := st.mainCountry()
	bySentence := map[int][]int{}
	for i, m := range st.doc.Mentions {
		bySentence[m.Sentence] = append(bySentence[m.Sentence], i)
	}
	// The country each bare role phrase was given first: "les
	// militaires" named again are the same soldiers.
	type given struct {
		country string
		sure    bool
	}
	first := map[string]given{}
	for i := range st.doc.Mentions {
		m := &st.doc.Mentions[i]
		if m.Kind == entente.ActorMention && !m.Person && st.fromRole[[2]int{m.Sentence, m.First}] {
			// "Kenyan police … Police in Kampala": a place beside the
			// role says more than the country the role had before.
			if cty, sure := st.groupCountry(m, "", bySentence[m.Sentence], bySentence[m.Sentence-1]); sure && cty != m.Actor.Country {
				m.Actor.Country = cty
				m.Actor.Code = actorCode(m.Actor)
			}
			continue
		}
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
		head := st.bareRole[[2]int{m.Sentence, m.First}]
		if g, ok := first[head]; ok && strings.HasPrefix(head, "(") {
			// An organisation the text defined by its initials ("(FLNKS)")
			// is where it was first placed, whatever its later
			// sentences name.
			cty, sure = g.country, g.sure
		} else if !m.Person {
			cty, sure = st.groupCountry(m, first[head].country, bySentence[m.Sentence], bySentence[m.Sentence-1])
			if cty != "" && cty == first[head].country {
				sure = first[head].sure
			}
		}
		if cty == "" {
			cty = main
		}
		if _, ok := first[head]; !ok && head != "" {
			first[head] = given{cty, sure}
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
// the sentence before. before it guesses from a country its sentence
// names, a group named earlier by the same role phrase keeps the country
// it had then (earlier, if not empty): "les militaires" are the junta the
// story named, not the country that refuses to recognise them.
func (st *state) groupCountry(m *entente.Mention, earlier string, same, before []int) (country string, sure bool) {
	toks := st.sentenceTokens(m.Sentence)
	for _, oi := range same {
		o := st.doc.Mentions[oi]
		// A country named as where the act took place counts as a
		// place: German puts it between the verb's arguments ("die
		// Polizei hat in Georgien mehrere Studenten festgenommen").
		place := o.Kind == entente.PlaceMention ||
			o.Kind == entente.ActorMention && o.Actor.Country != "" && o.Actor.Sector == "" && o.Actor.ID == "" &&
				st.afterLocative(toks, o.First) && !punctBetween(toks, &o, m)
		if place && (o.First > m.Last && o.First-m.Last <= 4 || o.Last < m.First && m.First-o.Last <= 4) {
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
	if earlier != "" {
		return earlier, false
	}
	// A country named in the sentence is the country of a state body
	// ("the ministry", "police"), not of rebels, protesters or civilians,
	// who are more often on the other side of what it does ("US strikes
	// on rebel positions").
	if stateSector[m.Actor.Sector] {
		for _, oi := range same {
			o := st.doc.Mentions[oi]
			if o.Kind == entente.ActorMention && o.Actor.Country != "" && o.Actor.Sector == "" {
				return o.Actor.Country, false
			}
		}
	}
	for k := len(before) - 1; k >= 0; k-- {
		o := st.doc.Mentions[before[k]]
		if o.Kind == entente.PlaceMention && o.Actor.Country != "" && st.afterLocative(st.sentenceTokens(o.Sentence), o.First) {
			return o.Actor.Country, false
		}
	}
	return "", false
}

// punctBetween reports a punctuation mark between two mentions of a
// sentence: "... in northern Iraq, the ministry said" names Iraq in
// another clause than the ministry.
func punctBetween(toks []entente.Token, a, b *entente.Mention) bool {
	from, to := a.Last+1, b.First
	if b.Last < a.First {
		from, to = b.Last+1, a.First
	}
	for k := from; k < to && k < len(toks); k++ {
		if toks[k].Kind == entente.Punct {
			return true
		}
	}
	return false
}

// stateSector holds the sectors of a state's own bodies: government,
// military, police, judiciary, legislature, intelligence.
var stateSector = map[string]bool{"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "SPY": true}

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
