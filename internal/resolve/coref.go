package resolve

import (
	"strings"

	"entente"
)

// pairs resolves "les deux pays", "the two leaders" to the last two actors
// of different countries named before: a coordinated pair, earlier one
// first. A pair followed by its names ("les deux présidents Emmanuel
// Macron et Joe Biden") is left to them.
func (st *state) pairs(si int, toks []entente.Token, first int) {
	pair, person := st.words("pair"), st.words("pairperson")
	var add []entente.Mention
	drop := map[int]bool{}
	for i := 1; i+1 < len(toks); i++ {
		if !st.words("two")[toks[i].Fold] || !st.words("pairdet")[toks[i-1].Fold] {
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
		if pron[t.Fold] && !st.impersonal(toks, i) {
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

// impersonal reports pronouns that refer to nobody: "il y a", "il faut",
// "it is" (the language's impersonal phrases), or one that ends its sentence.
func (st *state) impersonal(toks []entente.Token, i int) bool {
	if i+1 >= len(toks) {
		return true
	}
	return st.phrase("impersonal", toks, i) > 1
}

// lastPerson finds the person a pronoun at token i of sentence si refers
// to: the last person mentioned before it.
func (st *state) lastPerson(si, i int, pending []entente.Mention) (entente.Actor, bool) {
	state := st.words("statepronoun")[st.doc.Sentences[si].Tokens[i].Fold]
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
		// same sentence is the antecedent too, where the language's
		// pronoun may stand for a state.
		if m.Sentence == si && m.Kind == entente.ActorMention && m.Actor.Sector == "" && m.Actor.Country != "" && state {
			return m.Actor, true
		}
		if m.Person && m.Kind != entente.ReporterMention {
			return m.Actor, true
		}
	}
	return entente.Actor{}, false
}
