package resolve

import (
	"slices"
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
	for i := 0; i+1 < len(toks); i++ {
		// "les deux pays", "the two sides", "both sides"
		if !st.words("both")[toks[i].Fold] && (i == 0 || !st.words("two")[toks[i].Fold] || !st.words("pairdet")[toks[i-1].Fold]) {
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
		// "said both sides would meet": the pair opens a clause, and who
		// tells it may be one of it.
		det := i
		if !st.words("both")[toks[i].Fold] {
			det = i - 1
		}
		a, b, ok := st.lastTwo(si, i, isPerson, st.subject(toks, det))
		if !ok && isPerson {
			// "India and Egypt signed a pact. The two ministers also
			// agreed...": two people of the states named last.
			a, b, ok = st.lastTwo(si, i, false, st.subject(toks, det))
		}
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
			add = append(add, entente.Mention{Kind: entente.PronounMention, Sentence: si, First: k, Last: k, Span: toks[k].Span, Actor: x, Person: isPerson, Group: st.group, Link: 0.7})
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
// than those of the actors before token i in si (who speaks of a pair is
// not one of it), or, when the pair opens a clause, from those actors on:
// people when person is set, else states.
func (st *state) lastTwo(si, i int, person, opens bool) (a, b entente.Actor, ok bool) {
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
			if m.First >= i {
				continue
			}
			if !opens {
				// "L'Union africaine a appelé les deux pays": who speaks
				// of the pair is not one of it.
				seen[key] = true
				continue
			}
			// "X did not meet Y, although the two men spoke": a pair that
			// opens a clause may be those just named.
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
// named earlier in the document, for personal pronouns, and for the first
// person of a quote (its speaker).
func (st *state) pronouns(si int, toks []entente.Token, first int) {
	pron, actor, plural := st.words("pronoun"), st.words("pronounactor"), st.words("plural")
	covered := func(i int) bool {
		for _, m := range st.doc.Mentions[first:] {
			if m.First <= i && i <= m.Last {
				return true
			}
		}
		return false
	}
	var add []entente.Mention
	refer := func(i int, a entente.Actor, person bool, link float64, group int) {
		a.Code = actorCode(a)
		add = append(add, entente.Mention{Kind: entente.PronounMention, Sentence: si, First: i, Last: i, Span: toks[i].Span, Actor: a, Person: person, Link: link, Group: group})
	}
	for i, t := range toks {
		if t.Kind != entente.Word || covered(i) {
			continue
		}
		if a, ok := st.defined[st.doc.Text[t.Start:t.End]]; ok && t.Upper {
			// "le FLNKS" after "le Front … (FLNKS)".
			st.bareRole[[2]int{si, i}] = "(" + st.doc.Text[t.Start:t.End] + ")"
			add = append(add, entente.Mention{Kind: entente.ActorMention, Sentence: si, First: i, Last: i, Span: t.Span, Actor: a})
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
				refer(i, a, true, 0.8, 0)
			}
			continue
		}
		afterActor := false
		for _, m := range st.doc.Mentions[first:] {
			afterActor = afterActor || m.Last == i-1 && m.Kind == entente.ActorMention
		}
		if st.words("objectpronoun")[t.Fold] && st.clitic(toks, i, afterActor) {
			// "Le Mali a convoqué l'ambassadeur et lui a remis une note":
			// an object pronoun stands for the actor named last that is
			// not its clause's subject.
			if as, ok := st.object(si, i, plural[t.Fold], add); ok {
				group := 0
				if len(as) > 1 {
					st.group++
					group = st.group
				}
				for _, a := range as {
					refer(i, a, false, 0.6, group)
				}
			}
			continue
		}
		if !pron[t.Fold] && !actor[t.Fold] || st.impersonal(toks, i) {
			continue
		}
		if pron[t.Fold] {
			if a, ok := st.lastPerson(si, i, add, false); ok {
				refer(i, a, true, 0.8, 0)
				continue
			}
			// "», a-t-il ajouté" with nobody named since the quote's
			// speaker.
			if a, ok := st.lastSpeaker(si, toks, i); ok {
				refer(i, a, true, 0.7, 0)
				continue
			}
		}
		if !actor[t.Fold] || !st.subject(toks, i) {
			continue
		}
		// "La Norvège a protesté. Elle a rappelé son ambassadeur": a
		// pronoun with no person to refer to stands for the state, body
		// or group that was the subject before it; "ils" for a list.
		as, link := st.antecedent(si, i, plural[t.Fold])
		group := 0
		if len(as) > 1 {
			st.group++
			group = st.group
		}
		for _, a := range as {
			refer(i, a, false, link, group)
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

// subject reports whether the pronoun at token i can be the subject of a
// clause: a subject pronoun of its language ("ils", "they"), or one that
// opens its sentence or follows punctuation, a conjunction or a reporting
// verb ("said it would").
func (st *state) subject(toks []entente.Token, i int) bool {
	if st.words("subjectpronoun")[toks[i].Fold] || i == 0 {
		return true
	}
	k := i - 1
	for k > 0 && toks[k].Kind == entente.Word && st.words("filler")[toks[k].Fold] {
		k-- // "confirmed on Wednesday it would"
	}
	p := toks[k]
	return p.Kind != entente.Word || st.words("clausestart")[p.Fold] || st.words("reported")[p.Fold]
}

// antecedent finds the actors a pronoun at token i of sentence si that
// stands for no person refers to: the first named in the nearest of the two sentences
// before (the subject, most often). A plural pronoun takes a list where
// that sentence has one ("la Russie et la Chine ... elles"), else one
// actor that names many ("les rebelles ... ils"); a singular one takes
// neither. The link is less sure the farther the actor, and for a plural
// pronoun with one actor.
func (st *state) antecedent(si, i int, plural bool) ([]entente.Actor, float64) {
	usable := func(m entente.Mention) bool {
		if m.Kind != entente.ActorMention && m.Kind != entente.PronounMention || m.Actor.Country == "" && m.Actor.Org == "" {
			return false
		}
		if m.Group > 0 {
			return plural
		}
		// "they" is no single state, "it" no crowd of troops.
		return !m.Person && st.many(m) == plural
	}
	// A list's members, once each: "le président de la RDC, Félix
	// Tshisekedi" is one member.
	list := func(ms []entente.Mention, g int) []entente.Actor {
		var as []entente.Actor
		seen := map[string]bool{}
		for _, o := range ms {
			if k := actorCode(o.Actor); o.Group == g && !seen[k] {
				seen[k] = true
				as = append(as, o.Actor)
			}
		}
		return as
	}
	// pick takes, in ms (in token order), a list for a plural pronoun,
	// else the first usable actor.
	pick := func(ms []entente.Mention, link float64) ([]entente.Actor, float64, bool) {
		if plural {
			for _, m := range ms {
				if m.Group > 0 && usable(m) {
					return list(ms, m.Group), link, true
				}
			}
			link -= 0.1
		}
		for _, m := range ms {
			if usable(m) && m.Group == 0 {
				return []entente.Actor{m.Actor}, link, true
			}
		}
		return nil, 0, false
	}
	// In its own sentence ("Iraq said it would") the pronoun is left to
	// the coder, which reads the teller as the actor: linking it there
	// measured more false events than true ones. Nor does it then reach
	// past that actor to an earlier sentence.
	for _, m := range st.doc.Mentions {
		if m.Sentence == si && m.First < i && (m.Kind == entente.ActorMention || m.Kind == entente.PronounMention) {
			return nil, 0
		}
	}
	for back := 1; back <= 2; back++ {
		var ms []entente.Mention
		for _, m := range st.doc.Mentions {
			if m.Sentence == si-back {
				ms = append(ms, m)
			}
		}
		if as, link, ok := pick(ms, 0.7-0.1*float64(back)); ok {
			return as, link
		}
	}
	return nil, 0
}

// clitic reports whether an object pronoun at token i is one: a word of
// the class that is only ever a pronoun ("lui", "them"), or one that may
// also be a determiner ("leur") after a subject: a subject pronoun, a
// negation or an actor (afterActor: "le Danemark leur a répondu").
func (st *state) clitic(toks []entente.Token, i int, afterActor bool) bool {
	if !st.words("determinertoo")[toks[i].Fold] {
		return true
	}
	return afterActor || i > 0 && (st.words("subjectpronoun")[toks[i-1].Fold] || st.words("negation")[toks[i-1].Fold])
}

// object finds the actors an object pronoun at token i of sentence si
// stands for: the last actor named before it in its sentence, else in the
// sentence before, that is not the clause's subject (the actor or pronoun
// right before it, "il lui a remis"; the subject of the sentence before).
// A plural pronoun takes a list or an actor that names many; a singular
// one a person, a state or a body.
func (st *state) object(si, i int, plural bool, pending []entente.Mention) ([]entente.Actor, bool) {
	toks := st.doc.Sentences[si].Tokens
	var ms []entente.Mention
	for _, m := range st.doc.Mentions {
		if m.Sentence == si-1 || m.Sentence == si && m.First < i {
			ms = append(ms, m)
		}
	}
	for _, m := range pending {
		if m.First < i {
			ms = append(ms, m)
		}
	}
	slices.SortStableFunc(ms, func(a, b entente.Mention) int {
		if a.Sentence != b.Sentence {
			return a.Sentence - b.Sentence
		}
		return a.First - b.First
	})
	subject := func(k int) bool {
		m := ms[k]
		if m.Sentence < si {
			// The first actor of the sentence before is its subject.
			return k == 0 || ms[k-1].Sentence != m.Sentence
		}
		// "X lui a remis", "X, qui lui a remis": only negations, or a
		// relative pronoun after a comma, stand between.
		for j := m.Last + 1; j < i; j++ {
			f := toks[j].Fold
			comma := f == "," && j+1 < i && st.words("relative")[toks[j+1].Fold]
			if !st.words("negation")[f] && !st.words("relative")[f] && !comma {
				return false
			}
		}
		return true
	}
	// "il lui a présenté ses vœux": who "il" stands for is not "lui".
	// "X a adressé ses vœux et lui a souhaité": after a conjunction the
	// sentence's first actor, its subject, is the clause's too.
	coordinated := i > 0 && toks[i-1].Fold != "," && st.words("and")[toks[i-1].Fold]
	subjects := map[string]bool{}
	first := true
	for k, m := range ms {
		if m.Sentence != si {
			continue
		}
		if subject(k) || coordinated && first && m.Kind == entente.ActorMention {
			subjects[actorCode(m.Actor)+"/"+m.Actor.ID] = true
		}
		first = false
	}
	for k := len(ms) - 1; k >= 0; k-- {
		m := ms[k]
		if m.Kind != entente.ActorMention && m.Kind != entente.PronounMention || m.Actor.Country == "" && m.Actor.Org == "" || subject(k) || subjects[actorCode(m.Actor)+"/"+m.Actor.ID] {
			continue
		}
		if plural {
			if m.Group > 0 {
				var as []entente.Actor
				seen := map[string]bool{}
				for _, o := range ms {
					if c := actorCode(o.Actor); o.Group == m.Group && o.Sentence == m.Sentence && !seen[c] {
						seen[c] = true
						as = append(as, o.Actor)
					}
				}
				return as, true
			}
			if st.many(m) {
				return []entente.Actor{m.Actor}, true
			}
			continue
		}
		if m.Group == 0 && !st.many(m) {
			return []entente.Actor{m.Actor}, true
		}
	}
	return nil, false
}

// many reports whether an actor mention names many (troops, protesters,
// rebels: a role or group noun in the plural), not a state, a body or one
// person.
func (st *state) many(m entente.Mention) bool {
	if m.Actor.Sector == "" || m.Kind != entente.ActorMention {
		return false
	}
	// The number is the head noun's: the last word where adjectives stand
	// before the noun ("Russian diplomats"), else the first ("diplomates
	// russes"; "gouvernement hongrois" is one).
	h := m.First
	if st.words("adjective")["before"] {
		h = m.Last
	}
	f := st.doc.Sentences[m.Sentence].Tokens[h].Fold
	return st.r.kb.EndsIn(st.doc.Lang, "pluralend", f) || st.r.kb.EndsIn(st.doc.Lang, "pluralcase", f)
}

// quoted marks the tokens of a sentence that stand between quotation
// marks. A sentence whose first mark closes a quote began inside it.
func (st *state) quoted(toks []entente.Token) (in []bool, any bool) {
	in = make([]bool, len(toks))
	inside := false
	for k, t := range toks {
		switch st.doc.Text[t.Start:t.End] {
		case "«", "“":
			inside, any = true, true
		case "»", "”":
			if !any {
				for j := range k {
					in[j] = true
				}
			}
			inside, any = false, true
			continue
		case "\"":
			inside, any = !inside, true
			continue
		}
		in[k] = inside
	}
	return in, any
}

// speaker finds who speaks a quoted sentence: the actor just after a
// reporting verb outside the quote ("», a déclaré le ministre", "\" said
// the ministry") or just before it ("\" Haley told"), or the person a
// pronoun there refers to ("», a-t-il ajouté"). The sentence must hold a
// quotation mark. The speaker found is remembered for the quotes after.
func (st *state) speaker(si int, toks []entente.Token, first int, pending []entente.Mention) (entente.Actor, bool) {
	in, quoted := st.quoted(toks)
	if !quoted {
		return entente.Actor{}, false
	}
	rep := st.words("reported")
	for r := range toks {
		if in[r] || !rep[toks[r].Fold] && !(r > 0 && rep[toks[r-1].Fold+"_"+toks[r].Fold]) {
			continue
		}
		for _, m := range st.doc.Mentions[first:] {
			if m.Kind != entente.ActorMention || m.Actor.Country == "" && m.Actor.Org == "" || in[m.First] {
				continue
			}
			if m.First > r && m.First-r <= 3 || m.Last < r && r-m.Last <= 2 {
				st.said = said{sentence: si, actor: m.Actor}
				return m.Actor, true
			}
		}
		for k := r - 3; k <= r+3 && k < len(toks); k++ {
			if k >= 0 && !in[k] && st.words("pronoun")[toks[k].Fold] {
				if a, ok := st.lastPerson(si, k, pending, true); ok {
					st.said = said{sentence: si, actor: a}
					return a, true
				}
				return st.lastSpeaker(si, toks, k)
			}
		}
	}
	return entente.Actor{}, false
}

// said is the speaker of the last quote whose speaker was found.
type said struct {
	sentence int
	actor    entente.Actor
}

// lastSpeaker is the speaker of a quote in the three sentences before
// sentence si, for a pronoun at token i beside a reporting verb ("»,
// a-t-il ajouté", "\" he added").
func (st *state) lastSpeaker(si int, toks []entente.Token, i int) (entente.Actor, bool) {
	if st.said.actor.IsZero() || st.said.sentence < si-3 {
		return entente.Actor{}, false
	}
	rep := st.words("reported")
	for k := max(0, i-2); k <= i+2 && k < len(toks); k++ {
		if rep[toks[k].Fold] || k > 0 && rep[toks[k-1].Fold+"_"+toks[k].Fold] {
			return st.said.actor, true
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
// to: the last person named before it in its sentence, else the first
// person (the subject, most often) of the nearest of the two sentences
// before, unless a state comes first there and the pronoun may stand for
// one. The pronoun of a quote's reporting verb ("», a-t-il ajouté")
// speaks: it is a person.
func (st *state) lastPerson(si, i int, pending []entente.Mention, speaking bool) (entente.Actor, bool) {
	state := !speaking && st.words("statepronoun")[st.doc.Sentences[si].Tokens[i].Fold]
	for k := len(pending) - 1; k >= 0; k-- {
		if pending[k].Person {
			return pending[k].Actor, true
		}
	}
	person := func(m entente.Mention) bool { return m.Person && m.Kind != entente.ReporterMention }
	firstOf, firstSentence := -1, -1
	for k := len(st.doc.Mentions) - 1; k >= 0; k-- {
		m := st.doc.Mentions[k]
		if m.Sentence < si-2 || firstOf >= 0 && m.Sentence < firstSentence {
			break
		}
		if m.Sentence == si {
			if m.First > i {
				continue
			}
			// "Quant au Pérou, il a répondu": a state named earlier in the
			// same sentence is the antecedent too, where the language's
			// pronoun may stand for a state.
			if m.Kind == entente.ActorMention && m.Actor.Sector == "" && m.Actor.Country != "" && state {
				return m.Actor, true
			}
			if person(m) {
				return m.Actor, true
			}
			continue
		}
		if person(m) {
			firstOf, firstSentence = k, m.Sentence
		} else if state && m.Kind == entente.ActorMention && m.Group == 0 && (m.Actor.Sector == "" || m.Actor.Org != "" && m.Actor.ID != "") && (m.Actor.Country != "" || m.Actor.Org != "") {
			// "La Norvège a convoqué l'ambassadeur russe. Elle a …": a
			// state, or a named organisation ("la CEDEAO"), before the
			// first person is the subject.
			firstOf, firstSentence = k, m.Sentence
		}
	}
	if firstOf < 0 || !st.doc.Mentions[firstOf].Person {
		return entente.Actor{}, false
	}
	return st.doc.Mentions[firstOf].Actor, true
}

// definites adds mentions for noun phrases that refer back: "le groupe",
// "the movement" (the group or body named last), "the agency", "the bloc"
// (the international organisation named last), "le pays", "this
// country" (the state named last), "the arrests", "the agreement" (who
// did the act a sentence before told with a word of the same stem). The noun must follow a definite or
// demonstrative determiner and not lead on to a name or a complement ("le
// groupe des Sept", "the country's president").
func (st *state) definites(si int, toks []entente.Token, first int) {
	group, country, org, event := st.words("thegroup"), st.words("thecountry"), st.words("theorg"), st.words("theevent")
	var add []entente.Mention
	for i := 1; i < len(toks); i++ {
		f := toks[i].Fold
		if !group[f] && !country[f] && !org[f] && !event[f] || !st.definite(toks, i) {
			continue
		}
		if n := i + 1; n < len(toks) && (st.words("postof")[toks[n].Fold] || st.words("genitive")[toks[n].Fold] || toks[n].Upper) {
			continue
		}
		covered := false
		for _, m := range st.doc.Mentions[first:] {
			if m.First <= i+1 && i <= m.Last {
				covered = true
			}
		}
		if covered {
			continue
		}
		if event[f] {
			// "North Korea fired two missiles. Japan condemned the
			// launch": the act of an earlier sentence stands for who did
			// it, a list for a joint act ("welcomed the deal").
			if n := i + 1; n < len(toks) && (st.words("frametarget")[toks[n].Fold] || st.words("frameagent")[toks[n].Fold]) {
				continue // "the attack on Kyiv" names its own sides
			}
			as := st.actors(si, toks[i].Stem)
			group := 0
			if len(as) > 1 {
				st.group++
				group = st.group
			}
			for _, a := range as {
				a.Code = actorCode(a)
				add = append(add, entente.Mention{Kind: entente.PronounMention, Sentence: si, First: i, Last: i, Span: toks[i].Span, Actor: a, Group: group, Link: 0.5})
			}
			continue
		}
		var a entente.Actor
		ok := false
		switch {
		case group[f]:
			a, ok = st.lastNamed(si, func(a entente.Actor) bool { return a.Sector != "" || a.Org != "" })
		case org[f]:
			a, ok = st.lastNamed(si, func(a entente.Actor) bool { return a.Org != "" })
		default:
			a, ok = st.lastState(si)
		}
		if !ok {
			continue
		}
		a.Code = actorCode(a)
		add = append(add, entente.Mention{Kind: entente.PronounMention, Sentence: si, First: i, Last: i, Span: toks[i].Span, Actor: a, Link: 0.6})
	}
	if len(add) == 0 {
		return
	}
	st.doc.Mentions = append(st.doc.Mentions, add...)
	ms := st.doc.Mentions[first:]
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].First < ms[j-1].First; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// act is a word that tells an act: its token and stem, and whether a
// passive auxiliary stands before it ("were arrested").
type act struct {
	at      int
	stem    string
	passive bool
}

// noteActs remembers the words of sentence si that tell an act a
// theevent noun may name again: not such a noun after a determiner, which
// names an act itself ("Iran condemned the strikes").
func (st *state) noteActs(si int, toks []entente.Token) {
	event := st.words("theevent")
	for k, t := range toks {
		if t.Kind != entente.Word || len(t.Stem) < 4 || k > 0 && st.definite(toks, k) {
			continue
		}
		for w := range event {
			if sameRoot(t.Stem, w) {
				st.acts[si] = append(st.acts[si], act{at: k, stem: t.Stem, passive: k > 0 && st.words("passive")[toks[k-1].Fold]})
				break
			}
		}
	}
}

// actors finds who did the act named again by a noun of stem stem: in
// the three sentences before si, the latest word of the same stem ("the
// arrests" after "arrested", "the agreement" after "agreed") and the
// first actor before it in its sentence that is a state, body, group or
// organisation, or the whole list it belongs to ("Serbia and Kosovo").
func (st *state) actors(si int, stem string) []entente.Actor {
	for back := 1; back <= 3 && si-back >= 0; back++ {
		at := -1
		for _, a := range st.acts[si-back] {
			if sameRoot(a.stem, stem) {
				at = a.at
				if a.passive {
					at = -2 // "were arrested": who did it is not before the verb
				}
			}
		}
		if at == -2 {
			return nil
		}
		if at < 0 {
			continue
		}
		for k, m := range st.doc.Mentions {
			if m.Sentence != si-back || m.First >= at || m.Kind != entente.ActorMention && m.Kind != entente.PronounMention || m.Actor.Country == "" && m.Actor.Org == "" {
				continue
			}
			if m.Group == 0 {
				return []entente.Actor{m.Actor}
			}
			var as []entente.Actor
			seen := map[string]bool{}
			for _, o := range st.doc.Mentions[k:] {
				if key := actorCode(o.Actor); o.Sentence == m.Sentence && o.Group == m.Group && !seen[key] {
					seen[key] = true
					as = append(as, o.Actor)
				}
			}
			return as
		}
		return nil
	}
	return nil
}

// sameRoot reports whether two stems share a root: the first five
// letters, or all of the shorter one when it has four ("kill").
func sameRoot(a, b string) bool {
	n := min(len(a), len(b), 5)
	return n >= 4 && a[:n] == b[:n]
}

// lastState finds the state named last in the two sentences before si
// (a country, not one of its officials or bodies).
func (st *state) lastState(si int) (entente.Actor, bool) {
	for k := len(st.doc.Mentions) - 1; k >= 0 && st.doc.Mentions[k].Sentence >= si-2; k-- {
		m := st.doc.Mentions[k]
		if m.Sentence == si || m.Kind != entente.ActorMention || m.Person || m.Group > 0 {
			continue
		}
		if m.Actor.Country != "" && m.Actor.Sector == "" && m.Actor.Org == "" {
			return entente.Actor{Name: m.Actor.Name, Country: m.Actor.Country}, true
		}
	}
	return entente.Actor{}, false
}
