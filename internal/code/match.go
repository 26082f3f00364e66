package code

import (
	"slices"

	"entente"
)

// Matching: a pattern tried at an anchor word, the gaps it may skip, and
// the choice among matches that cover the same words.

// dropCovered leaves out a match whose first word is an infinitive after
// "to" / "de" / "à" inside a longer match: in "refused to meet the king",
// "meet" belongs to the refusal and is no meeting of its own. {also}
// matches stay.
func (c *Coder) dropCovered(lang string, toks []entente.Token, ms []match) []match {
	out := ms[:0:0]
	for i, m := range ms {
		covered := false
		if len(m.litTokens) == 0 || m.p.Also || m.litTokens[0] == 0 {
			out = append(out, m)
			continue
		}
		if !c.kb.Is(lang, "infinitive", toks[m.litTokens[0]-1].Fold) {
			out = append(out, m)
			continue
		}
		for j, n := range ms {
			if i == j || n.p.lits <= m.p.lits {
				continue
			}
			for _, k := range n.litTokens[1:] {
				if k == m.litTokens[0] {
					covered = true
					break
				}
			}
			if covered {
				break
			}
		}
		if !covered {
			out = append(out, m)
		}
	}
	return out
}

// dropNested leaves out a match whose trigger words all belong to a
// match of more words between the same actors and of the same quad class:
// "a suicide attack on" is a suicide bombing, and its "attack" no second,
// plainer event; "a revendiqué un attentat contre" is a claim and an
// attack. {also} matches stay.
func (c *Coder) dropNested(ms []match) []match {
	quad := func(m match) int {
		if cb := c.kb.Codes[m.p.Code]; cb != nil {
			return cb.Quad
		}
		return 0
	}
	out := ms[:0:0]
	for i, m := range ms {
		nested := false
		for j, n := range ms {
			if i == j || m.p.Also || n.p.Also || n.p.lits <= m.p.lits || len(m.litTokens) == 0 || !slices.Equal(m.src.mentions, n.src.mentions) || !slices.Equal(m.tgt.mentions, n.tgt.mentions) || quad(m) != quad(n) {
				continue
			}
			nested = true
			for _, k := range m.litTokens {
				if !slices.Contains(n.litTokens, k) {
					nested = false
					break
				}
			}
			if nested {
				break
			}
		}
		if !nested {
			out = append(out, m)
		}
	}
	return out
}

// better prefers the pattern with more words, then the closer fit.
func better(a, b *match) bool {
	ra, rb := 4*a.p.lits-a.score, 4*b.p.lits-b.score
	if ra != rb {
		return ra > rb
	}
	return a.p.lits > b.p.lits
}

// matchAt tries pattern p with its first word at token ti.
func (c *Coder) matchAt(lang string, v *sentenceView, p *Pattern, ti int) (match, bool) {
	// Elements before the first word are matched right to left from ti,
	// the rest left to right.
	firstLit := 0
	for p.elems[firstLit].kind != lit {
		firstLit++
	}
	var out match
	found := false
	tries := 0
	var walk func(ei, pos int, m match, wide bool)
	walk = func(ei, pos int, m match, wide bool) {
		if tries++; tries > maxMatch*8 {
			return
		}
		if ei == len(p.elems) {
			if !found || m.score < out.score {
				out, found = m, true
			}
			return
		}
		e := p.elems[ei]
		switch e.kind {
		case gap:
			walk(ei+1, pos, m, true)
		case lit:
			limit := litGap
			if wide {
				limit = wideGap
			}
			if ei == firstLit {
				limit = 0
			}
			for k := pos; k < len(v.toks) && k <= pos+limit; k++ {
				if n := litMatch(&e, v.text, v.toks, k); n > 0 {
					m2 := m
					m2.litTokens = append([]int(nil), m.litTokens...)
					for j := k; j < k+n; j++ {
						m2.litTokens = append(m2.litTokens, j)
					}
					m2.score += k - pos
					walk(ei+1, k+n, m2, false)
				}
				if wide && isBarrier(v.toks[k]) && v.toks[k].Fold != "," || !wide && !c.fill(lang, v.toks[k]) {
					break
				}
			}
		case source, target:
			limit := slotGap
			if wide {
				limit = wideGap
			}
			for k := pos; k < len(v.toks) && k <= pos+limit; k++ {
				if k > pos && c.kb.Is(lang, "agent", v.toks[k-1].Fold) {
					// "reçu par le secrétaire d'État": an agent after "par"
					// fills a slot only where the pattern writes "par".
					break
				}
				cands := v.starts[k]
				if mi, ok := v.inside[k]; ok && len(m.litTokens) > 0 && m.litTokens[len(m.litTokens)-1] >= v.mentions[mi].First {
					cands = append(cands[:len(cands):len(cands)], -1-mi)
				}
				for _, mi := range cands {
					partial := mi < 0
					if partial {
						mi = -1 - mi
					}
					s, ok := c.slotAt(v, mi)
					if !ok {
						continue
					}
					if e.kind == target && c.ownOfficial(lang, v, m.src, mi) {
						// "Estonia expelled three diplomats and its foreign
						// minister...": the source's own official starts the
						// next clause; he is no target of its act.
						continue
					}
					if v.mentions[mi].Kind == entente.PlaceMention && k > pos && (c.kb.Is(lang, "placeonly", v.toks[k-1].Fold) || e.kind == source && c.kb.Is(lang, "locative", v.toks[k-1].Fold)) {
						// "با وزیر خارجه قطر در دوحه دیدار کرد": a place
						// after "in" is where, not whom; "killed by a
						// roadside bomb outside Mogadishu": a city the
						// pattern skips to after "in" or "near" is where,
						// not who.
						continue
					}
					if partial {
						s.first, s.partial, s.penalty = k, true, s.penalty+1
					}
					m2 := m
					s.penalty += k - pos
					if e.kind == source {
						m2.src = s
					} else {
						m2.tgt = s
					}
					m2.score += s.penalty
					walk(ei+1, s.last+1, m2, false)
				}
				if isBarrier(v.toks[k]) && !(v.toks[k].Fold == "," && (wide || k == pos)) {
					break
				}
				if !wide && (k > pos || pos > 0 && !c.kb.Is(lang, "preposition", v.toks[pos-1].Fold)) && c.clauseJoin(lang, v, k) {
					// "condamné les frappes et appelé l'ONU à agir": the slot
					// does not reach into the next verb's clause.
					break
				}
			}
		}
	}
	// The first word sits at ti; slots before it are found leftwards.
	if litMatch(&p.elems[firstLit], v.text, v.toks, ti) == 0 {
		return out, false
	}
	if firstLit == 0 {
		walk(0, ti, match{p: p}, false)
	} else {
		// Only one slot ($S or $T), possibly followed by "...", may come
		// before the first word.
		e := p.elems[0]
		wide := firstLit == 2 && p.elems[1].kind == gap
		limit := subjGap
		if wide {
			limit = wideGap
		}
		for _, mi := range v.own {
			m := v.mentions[mi]
			if m.Last >= ti || v.rel[m.First] {
				continue
			}
			// The slot takes the actors coordinated with m: the distance to
			// the verb counts from the last of them ("The US secretary of
			// state and the Chinese foreign minister held talks").
			s, ok := c.slotAt(v, mi)
			if !ok || s.last >= ti {
				continue
			}
			end := s.last
			if dist := ti - end - 1 - v.relBetween(end+1, ti); dist > limit {
				continue
			}
			if !c.leftGapOK(lang, v, end+1, ti, wide) {
				continue
			}
			if e.kind == source && ti-end == 2 && (c.kb.Is(lang, "infinitive", v.toks[end+1].Fold) || v.raw(end+1) == "à") {
				// "urged Russia to withdraw": the actor is asked to act, it
				// does not act.
				continue
			}
			if !wide && ti-1 > end && c.kb.Is(lang, "determiner", v.toks[ti-1].Fold) {
				// "Lebanon condemned the strikes": after an article the word
				// is a noun, and what stands before is no subject of it.
				continue
			}
			if e.kind == source && c.participle(lang, v.toks[ti].Fold) && c.passiveBetween(lang, v, end+1, ti) {
				// "X a été arrêté": X is who was arrested, not who arrested.
				continue
			}
			if e.kind == source && m.Kind == entente.PlaceMention && m.First > 0 && (c.kb.Is(lang, "preposition", v.toks[m.First-1].Fold) || c.kb.Is(lang, "locative", v.toks[m.First-1].Fold)) {
				// "The minister flew to Kyiv for talks with …": a city
				// after a preposition is where the act is, not who acts.
				continue
			}
			s.penalty += ti - s.last - 1
			if c.locativeBefore(lang, v, m.First) {
				// "Police in western India fired": India is where, not who.
				if p.Open || p.Home {
					continue
				}
				s.penalty += 4
			}
			m0 := match{p: p, score: s.penalty}
			if e.kind == source {
				m0.src = s
			} else {
				m0.tgt = s
			}
			walk(firstLit, ti, m0, false)
		}
	}
	if !found {
		return out, false
	}
	if p.State {
		return out, len(out.tgt.mentions) > 0
	}
	if p.Speaker {
		return out, len(out.tgt.mentions) > 0 && !v.speaker.IsZero()
	}
	if len(out.src.mentions) == 0 {
		return out, false
	}
	if p.Open || p.Home {
		return out, true
	}
	if p.Mutual {
		// Each pair of the coordinated actors is a dyad.
		if len(out.src.mentions) < 2 {
			return out, false
		}
	} else if len(out.tgt.mentions) == 0 {
		return out, false
	}
	out.p = p
	return out, true
}

// leftGapOK checks the tokens between a subject and the first word.
func (c *Coder) leftGapOK(lang string, v *sentenceView, from, to int, wide bool) bool {
	other := 0
	comma := false
	for k := from; k < to; k++ {
		t := v.toks[k]
		if v.rel[k] {
			continue
		}
		if isBarrier(t) && t.Fold != "," {
			return false
		}
		comma = comma || t.Fold == ","
		if comma && t.Upper && k > from && c.kb.Is(lang, "definite", v.toks[k-1].Fold) && c.mentionAt(v, k) < 0 {
			// After a comma, a name the knowledge base lacks, with its
			// article, opens a subject of its own: "Après des frappes
			// turques, la Coalition du Nord a bombardé…" is no act of
			// Turkey.
			return false
		}
		if !wide && t.Fold != "," && t.Fold != "\"" && t.Fold != "(" && t.Fold != ")" && !c.fill(lang, t) && !t.Upper {
			// A lower-case word that is no filler: the tail of the subject
			// ("des Affaires étrangères"), or an object that ends the clause.
			if !c.kb.Is(lang, "intent", t.Fold) && !c.kb.Is(lang, "negation", t.Fold) && !c.kb.Is(lang, "alleged", t.Fold) && !c.kb.Is(lang, "glue", t.Fold) && t.Fold != "qui" && t.Fold != "who" && t.Fold != "to" {
				if other++; other > 2 {
					return false
				}
			}
		}
	}
	return true
}

// litMatch reports how many tokens from toks[k] the word element e
// matches: 0 for none, 1 for a word, more for a several-word alternative.
func litMatch(e *elem, text string, toks []entente.Token, k int) int {
	t := toks[k]
	best := 0
	for _, q := range e.seqs {
		if len(q) > best && k+len(q) <= len(toks) && seqMatch(q, text, toks[k:]) {
			best = len(q)
		}
	}
	if best > 0 {
		return best
	}
	for _, s := range e.stems {
		if t.Kind == entente.Word && t.Stem == s {
			return 1
		}
	}
	for _, x := range e.exact {
		if t.Fold == x {
			return 1
		}
	}
	return 0
}

func seqMatch(q []word, text string, toks []entente.Token) bool {
	for i, w := range q {
		t := toks[i]
		switch {
		case w.lower != "":
			if t.Fold != w.exact || lowerAsWritten(text[t.Start:t.End]) != w.lower {
				return false
			}
		case w.exact != "":
			if t.Fold != w.exact {
				return false
			}
		case t.Kind != entente.Word || t.Stem != w.stem:
			return false
		}
	}
	return true
}

// ownOfficial reports whether mention mi is an official named with a
// possessive ("its foreign minister", "son porte-parole") of the country
// of the source slot src.
func (c *Coder) ownOfficial(lang string, v *sentenceView, src slot, mi int) bool {
	m := v.mentions[mi]
	if m.First == 0 || m.Actor.Sector != "GOV" || m.Actor.Country == "" || !c.kb.Is(lang, "possessive", v.toks[m.First-1].Fold) {
		return false
	}
	for _, si := range src.mentions {
		if v.mentions[si].Actor.Country == m.Actor.Country {
			return true
		}
	}
	return false
}

// slotAt fills a slot with mention mi and the mentions coordinated with it.
//
// Matching asks it for the same mentions again and again (at every
// pattern tried at every word): the slots of the sentence's own mentions
// are made once and kept in v.
func (c *Coder) slotAt(v *sentenceView, mi int) (slot, bool) {
	if len(v.own) == 0 || mi < v.own[0] || mi >= v.own[0]+len(v.own) {
		return c.makeSlot(v, mi)
	}
	if v.slots == nil {
		v.slots = make([]slotMemo, len(v.own))
	}
	sm := &v.slots[mi-v.own[0]]
	if !sm.made {
		sm.s, sm.ok = c.makeSlot(v, mi)
		// Full: a caller that appends to the mentions copies them.
		sm.s.mentions = sm.s.mentions[:len(sm.s.mentions):len(sm.s.mentions)]
		sm.made = true
	}
	return sm.s, sm.ok
}

// slotMemo is a slot made by slotAt.
type slotMemo struct {
	s        slot
	ok, made bool
}

// makeSlot is slotAt without the memo.
func (c *Coder) makeSlot(v *sentenceView, mi int) (slot, bool) {
	m := v.mentions[mi]
	if v.banned[mi] || m.Dateline || m.Actor.Country == "" && m.Actor.Org == "" && m.Actor.ID == "" {
		return slot{}, false
	}
	s := slot{first: m.First, last: m.Last, mentions: []int{mi}}
	switch m.Kind {
	case entente.ActorMention, entente.PronounMention:
	case entente.PlaceMention:
		s.penalty = 2
	default:
		return slot{}, false
	}
	if m.Group > 0 {
		for k := mi + 1; k < len(v.mentions) && v.mentions[k].Sentence == m.Sentence; k++ {
			o := v.mentions[k]
			if o.Group != m.Group {
				continue
			}
			if !v.banned[k] && !o.Dateline && (o.Actor.Country != "" || o.Actor.Org != "" || o.Actor.ID != "") {
				s.mentions = append(s.mentions, k)
			}
			s.last = o.Last
		}
	}
	return s, true
}
