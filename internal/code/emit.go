package code

import (
	"strings"

	"entente"
)

// Emitting: the events of a sentence's matches, their actor pairs, codes
// and confidence.

// emit turns matches into events, one per (source, target, code).
func (c *Coder) emit(doc *entente.Document, v *sentenceView, ms []match) {
	s := doc.Sentences[v.idx]
	attributed := c.attribution(doc, v)
	speakers := c.speakers(doc.Lang, v)
	seen := map[string]bool{}
	// An act with a named target makes the same act without one ({open},
	// {home}) by either party redundant: "Russia agreed to the ceasefire
	// with Ukraine".
	covered := map[string]bool{}
	for _, m := range ms {
		if !m.p.Open && !m.p.Home {
			code, _ := c.codeOf(doc.Lang, v, m)
			for _, pr := range c.dyads(doc.Lang, v, m) {
				// Either side: "A et son homologue B ont signé un accord".
				covered[actorKey(pr[0])+"|"+code[:2]] = true
				covered[actorKey(pr[1])+"|"+code[:2]] = true
			}
		}
	}
	for _, m := range ms {
		code, modality := c.codeOf(doc.Lang, v, m)
		cb := c.kb.Codes[code]
		if cb == nil {
			continue
		}
		hostile := cb.Quad >= 3 && len(m.reporter.mentions) > 0
		if hostile && modality == entente.Asserted {
			modality = entente.Alleged
		}
		first, last := m.litTokens[0], m.litTokens[len(m.litTokens)-1]
		trigger := doc.Text[v.toks[first].Start:v.toks[last].End]
		if last-first > 6 {
			var words []string
			for _, k := range m.litTokens {
				words = append(words, doc.Text[v.toks[k].Start:v.toks[k].End])
			}
			trigger = strings.Join(words, " … ")
		}
		for _, pr := range c.dyads(doc.Lang, v, m) {
			code, cb := code, cb
			if fighting(code, pr[0], pr[1]) {
				code, cb = "190", c.kb.Codes["190"]
			}
			if policing(code, pr[0], pr[1]) {
				code, cb = "170", c.kb.Codes["170"]
			}
			if (code[:3] == "141" || code[:3] == "145") && stateSide(pr[0]) && !person(v, m.src) {
				// A state's body (not a named person, who may have left
				// office) does not demonstrate or riot: its police or army
				// "storming" a building raid it (coercion, 170); it may
				// still boycott (143).
				if code[:3] != "145" || pr[0].Sector != "COP" && pr[0].Sector != "MIL" {
					continue
				}
				code, cb = "170", c.kb.Codes["170"]
			}
			key := actorKey(pr[0]) + "|" + actorKey(pr[1]) + "|" + code
			if (m.p.Open || m.p.Home) && covered[actorKey(pr[0])+"|"+code[:2]] {
				continue
			}
			// Two people of one side doing one act are one event of that
			// side: "the president and the foreign minister condemned".
			coded := codedKey(pr[0]) + "|" + codedKey(pr[1]) + "|" + code
			if seen[key] || seen[coded] {
				continue
			}
			seen[key] = true
			if codedKey(pr[0]) != "" && codedKey(pr[1]) != "" {
				seen[coded] = true
			}
			attr := attributed
			for _, sp := range speakers {
				if a := v.mentions[sp].Actor; !sameActor(a, pr[0]) && !sameActor(a, pr[1]) && !containsName(attr, a.Name) {
					attr = append(attr[:len(attr):len(attr)], a.Name)
				}
			}
			doc.Events = append(doc.Events, entente.Event{
				Doc: doc.ID, Code: code, Root: code[:2], Quad: cb.Quad, Goldstein: cb.Goldstein, Plover: cb.Plover,
				Source: pr[0], Target: pr[1],
				Modality:     modality,
				AttributedTo: attr,
				Evidence:     entente.Evidence{Text: doc.Text[s.Start:s.End], Start: s.Start, End: s.End, Trigger: trigger},
				Rule:         m.p.Rule,
				Frame:        m.frame,
				Confidence:   confidence(m, v),
				Sentence:     v.idx,
				TriggerSpan:  entente.Span{Start: v.toks[first].Start, End: v.toks[last].End},
			})
			if hostile {
				c.accusation(doc, v, m, pr[0], seen)
			}
		}
	}
}

// fighting reports a violent clash (145, the riot of a crowd) between two
// armed sides, or a state and an armed side: soldiers, police, rebels,
// spies or a government clashing with one another fight (190).
func fighting(code string, a, b entente.Actor) bool {
	armed := func(x entente.Actor) bool {
		switch x.Sector {
		case "MIL", "REB", "COP", "SPY", "GOV":
			return true
		}
		return false
	}
	return code == "145" && armed(a) && armed(b)
}

// policing reports force of no named kind (190: a raid, an attack) used
// by a state's police on that state's unarmed people or opposition: no
// fight between armed sides but coercion (170). "Tanzanian police raided a
// hotel where opposition politicians met"; police against rebels or another
// state's people still fight, and shooting (193) stays shooting.
func policing(code string, src, tgt entente.Actor) bool {
	if code != "190" || src.Sector != "COP" || src.Country == "" || tgt.Country != src.Country || tgt.Org != "" {
		return false
	}
	switch tgt.Sector {
	case "MIL", "REB", "COP", "SPY":
		return false
	}
	return true
}

// accusation adds, for a hostile act told by someone else, that
// reporter's accusation (112) against the act's source.
func (c *Coder) accusation(doc *entente.Document, v *sentenceView, m match, accused entente.Actor, seen map[string]bool) {
	cb := c.kb.Codes["112"]
	if cb == nil || accused.Country == "" && accused.Org == "" && accused.ID == "" {
		// No one to accuse: an act whose doer is not told.
		return
	}
	s := doc.Sentences[v.idx]
	for _, mi := range m.reporter.mentions {
		r := v.mentions[mi].Actor
		key := actorKey(r) + "|" + actorKey(accused) + "|112"
		// A side that tells its own act accuses no one ("Washington said
		// US forces struck ...").
		own := r.Country != "" && r.Country == accused.Country || r.Org != "" && r.Org == accused.Org
		if own || v.mentions[mi].Guessed || sameActor(r, accused) || r.Country == "" && r.Org == "" && r.ID == "" || seen[key] {
			continue
		}
		seen[key] = true
		rt := m.reporter.first
		doc.Events = append(doc.Events, entente.Event{
			Doc: doc.ID, Code: "112", Root: "11", Quad: cb.Quad, Goldstein: cb.Goldstein, Plover: cb.Plover,
			Source: r, Target: accused,
			Modality:    entente.Asserted,
			Evidence:    entente.Evidence{Text: doc.Text[s.Start:s.End], Start: s.Start, End: s.End, Trigger: doc.Text[v.toks[rt].Start:v.toks[m.reporter.last].End]},
			Rule:        "reported speech: " + m.p.Rule,
			Frame:       "the reporter of an act it holds against its source",
			Confidence:  confidence(m, v) - 0.1,
			Sentence:    v.idx,
			TriggerSpan: entente.Span{Start: v.toks[rt].Start, End: v.toks[m.reporter.last].End},
		})
	}
}

// codeOf is the code and modality a match gives: a planned or promised
// act takes its intention code.
func (c *Coder) codeOf(lang string, v *sentenceView, m match) (string, string) {
	code := m.p.Code
	if m.refused || c.refusal(lang, v, m) {
		if rc := c.kb.RefusalCode(code); rc != "" {
			return rc, entente.Asserted
		}
	}
	modality := m.p.Modality
	if modality == "" {
		modality = c.modality(lang, v, m)
	}
	if modality == entente.Intended && !strings.HasPrefix(code, "03") && !strings.HasPrefix(code, "13") {
		if ic := c.kb.IntentCode(code); ic != "" {
			code = ic
		}
	}
	return code, modality
}

// dyads lists the (source, target) pairs a match codes: every source with
// every target; every pair of a {mutual} pattern's actors; the authorities
// of the target's country for a {state} pattern; both directions for a
// {symmetric} one. An actor is never paired with itself.
// jointly reports whether an {open} match's source is two or more
// coordinated actors of different states or organisations, none of them
// a domestic group, doing a cooperative act (quad 1 or 2 of the codebook).
func (c *Coder) jointly(lang string, v *sentenceView, m match) bool {
	if len(m.src.mentions) < 2 {
		return false
	}
	if cb := c.kb.Codes[m.p.Code]; cb == nil || cb.Quad > 2 {
		return false
	}
	sides := map[string]bool{}
	for _, mi := range m.src.mentions {
		a := c.slotActor(lang, v, mi, false)
		switch {
		case a.Country == "" && a.Org == "":
			return false
		case a.Org == "":
			switch a.Sector {
			case "", "GOV", "MIL":
			default:
				return false
			}
		}
		sides[a.Country+"|"+a.Org] = true
	}
	return len(sides) >= 2
}

func (c *Coder) dyads(lang string, v *sentenceView, m match) [][2]entente.Actor {
	src := func(mi int) entente.Actor {
		return c.slotActor(lang, v, mi, m.src.partial && !m.p.Mutual && mi == m.src.mentions[0])
	}
	tgt := func(mi int) entente.Actor {
		return c.slotActor(lang, v, mi, m.tgt.partial && mi == m.tgt.mentions[0])
	}
	var out [][2]entente.Actor
	add := func(a, b entente.Actor) {
		if sameActor(a, b) || a.Country == "" && a.Org == "" && a.ID == "" || c.ownCountry(lang, m.p.Code, a, b) {
			return
		}
		out = append(out, [2]entente.Actor{a, b})
		if m.p.Symmetric {
			out = append(out, [2]entente.Actor{b, a})
		}
	}
	switch {
	case m.untold && len(m.src.mentions) == 0:
		// Who did it is not told: the source stays unknown.
		for _, b := range m.tgt.mentions {
			if t := tgt(b); t.Country != "" || t.Org != "" {
				out = append(out, [2]entente.Actor{{}, t})
			}
		}
	case m.p.Mutual:
		for i, a := range m.src.mentions {
			for _, b := range m.src.mentions[i+1:] {
				add(src(a), src(b))
			}
		}
	case m.p.Open && c.jointly(lang, v, m):
		// Coordinated states that agree, promise or cooperate with no
		// other party named do it with each other: "Ghana and Togo
		// pledged to cooperate".
		for i, a := range m.src.mentions {
			for _, b := range m.src.mentions[i+1:] {
				add(src(a), src(b))
				add(src(b), src(a))
			}
		}
	case m.p.Open:
		// A domestic group's untargeted act addresses its own government:
		// "the protesters demanded elections". A state's stays untargeted.
		for _, a := range m.src.mentions {
			s := src(a)
			switch s.Sector {
			case "CVL", "OPP", "REB", "BUS", "MED", "LEG", "REF":
				if s.Country != "" && s.Org == "" {
					add(s, c.homeActor(lang, s.Country, "GOV"))
					continue
				}
			}
			add(s, entente.Actor{})
		}
	case m.p.Home:
		for _, a := range m.src.mentions {
			s := src(a)
			if strings.HasPrefix(m.p.Code, "14") && stateSide(s) {
				// A state that "protested" complained; it did not take to
				// the streets: "Poland protested the incursion".
				continue
			}
			if s.Country == "" {
				// An organisation has no home: the target is unknown.
				add(s, entente.Actor{})
				continue
			}
			sector := "GOV"
			switch s.Sector {
			case "GOV", "MIL", "COP", "JUD", "SPY", "LEG":
				sector = "CVL"
			}
			add(s, c.homeActor(lang, s.Country, sector))
		}
	case m.p.Speaker:
		for _, b := range m.tgt.mentions {
			add(v.speaker, tgt(b))
		}
	case m.p.State:
		// The authorities may arrest one of their own: "un ancien ministre
		// malien a été écroué" is MLI/GOV against MLI/GOV.
		for _, b := range m.tgt.mentions {
			if t := tgt(b); t.Country != "" {
				out = append(out, [2]entente.Actor{{Name: "authorities", Country: t.Country, Sector: "GOV", Code: t.Country + "GOV"}, t})
			}
		}
	default:
		for _, a := range m.src.mentions {
			for _, b := range m.tgt.mentions {
				add(src(a), tgt(b))
			}
		}
	}
	return out
}

// person reports a slot that names a person.
func person(v *sentenceView, s slot) bool {
	for _, mi := range s.mentions {
		if v.mentions[mi].Person {
			return true
		}
	}
	return false
}

// stateSide reports an actor that is one of a state's bodies: its
// government, army, police, courts or spies (a country named alone may be
// its people: "Kenyans").
func stateSide(a entente.Actor) bool {
	switch a.Sector {
	case "GOV", "MIL", "COP", "JUD", "SPY":
		return a.Org == "" && a.Country != ""
	}
	return false
}

// homeActor is the government or the people of a country.
func (c *Coder) homeActor(lang, country, sector string) entente.Actor {
	h := entente.Actor{Name: country, Country: country, Sector: sector, Code: country + sector}
	if cty := c.kb.Countries[country]; cty != nil {
		h.Name = cty.Names[lang]
	}
	return h
}

// slotActor is the actor of mention mi, or only its country when the
// pattern's words took the head of the mention.
func (c *Coder) slotActor(lang string, v *sentenceView, mi int, partial bool) entente.Actor {
	a := v.mentions[mi].Actor
	if !partial || a.Country == "" || a.ID != "" && !v.mentions[mi].Person {
		// A named group keeps its name: "un commando du Hezbollah"
		// is the group, "ses troupes du Mali" the country.
		return a
	}
	name := a.Country
	if cty := c.kb.Countries[a.Country]; cty != nil {
		name = cty.Names[lang]
	}
	return entente.Actor{Name: name, Country: a.Country, Code: a.Country}
}

func actorKey(a entente.Actor) string {
	if a.ID != "" {
		return a.ID
	}
	return a.Country + "/" + a.Org + "/" + a.Sector
}

// codedKey is the side an actor codes as (country or organisation, and
// sector), "" when it codes as no side.
func codedKey(a entente.Actor) string {
	if a.Country == "" && a.Org == "" {
		return ""
	}
	return a.Country + "/" + a.Org + "/" + a.Sector
}

func sameActor(a, b entente.Actor) bool {
	if a.ID != "" || b.ID != "" {
		return a.ID == b.ID
	}
	return a.Country == b.Country && a.Org == b.Org && a.Sector == b.Sector
}

// confidence falls with the tokens a match skipped and rises with the
// words the pattern names.
func confidence(m match, v *sentenceView) float64 {
	c := 0.5 + 0.1*float64(m.p.lits) - 0.03*float64(m.score)
	// An actor whose country was guessed from the story ("police" in a
	// story filed from Dakar) makes the event less certain.
	for _, sl := range []slot{m.src, m.tgt} {
		for _, mi := range sl.mentions {
			if v.mentions[mi].Guessed {
				c -= 0.1
				break
			}
		}
		// An actor a pronoun or a noun phrase refers back to is as sure
		// as the link.
		for _, mi := range sl.mentions {
			if l := v.mentions[mi].Link; l > 0 {
				c -= 0.5 * (1 - l)
				break
			}
		}
	}
	switch {
	case c > 0.95:
		return 0.95
	case c < 0.2:
		return 0.2
	}
	return float64(int(c*100+0.5)) / 100
}

func containsName(list []string, name string) bool {
	for _, x := range list {
		if x == name {
			return true
		}
	}
	return false
}

// ownCountry reports a meeting or visit (a code of a root of the
// "mutualroot" class, or the intention of one) whose target is only the
// source's own country: "les deux rois ont évoqué la prochaine visite du
// roi au Maroc" is no Moroccan visit to Morocco.
func (c *Coder) ownCountry(lang, code string, a, b entente.Actor) bool {
	if a.Country == "" || a.Country != b.Country || b.Sector != "" || b.ID != "" || b.Org != "" {
		return false
	}
	for r := range c.kb.Words[lang]["mutualroot"] {
		if r == code[:2] || c.kb.IntentCode(r) == code {
			return true
		}
	}
	return false
}
