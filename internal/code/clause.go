package code

import "entente"

// Clause structure read from the words around a match: coordination,
// relative clauses, passives, fillers and barriers.

// clauseJoin reports whether toks[k] is "et"/"and" before a lower-case
// word that is no determiner, filler or actor: the start of a coordinated
// clause ("et appelé", "and called").
func (c *Coder) clauseJoin(lang string, v *sentenceView, k int) bool {
	t := v.toks[k]
	if t.Fold == "," || !c.kb.Is(lang, "and", t.Fold) || k+1 >= len(v.toks) {
		return false
	}
	n := v.toks[k+1]
	if n.Kind != entente.Word || n.Upper || len(v.starts[k+1]) > 0 {
		return false
	}
	return !c.kb.Is(lang, "glue", n.Fold) && !c.kb.Is(lang, "determiner", n.Fold) && !c.kb.Is(lang, "possessive", n.Fold) && !c.fill(lang, n)
}

func (c *Coder) fill(lang string, t entente.Token) bool {
	return c.kb.Is(lang, "filler", t.Fold) || c.kb.Is(lang, "negation", t.Fold)
}

// isBarrier reports tokens a gap does not cross.
func isBarrier(t entente.Token) bool {
	if t.Kind != entente.Punct {
		return false
	}
	switch t.Fold {
	case ";", ":", ".", "!", "?", "-", ",":
		return true
	}
	return false
}

// onlyFillers reports whether toks are auxiliaries and adverbs, with no
// comma: "Haley told", "le ministre a déclaré", not "X, a annoncé Y".
func (c *Coder) onlyFillers(lang string, toks []entente.Token) bool {
	for _, t := range toks {
		if t.Fold == "," || !c.fill(lang, t) {
			return false
		}
	}
	return true
}

// shareSubjects gives a verb coordinated with an earlier one the earlier
// verb's subject: in "Moscow summoned the envoy and expelled two German
// diplomats", Moscow expelled, not the envoy.
func (c *Coder) shareSubjects(lang string, v *sentenceView, ms []match) {
	for i := range ms {
		m := &ms[i]
		if len(m.p.elems) == 0 || m.p.elems[0].kind != source || m.p.Mutual {
			continue
		}
		k := m.litTokens[0] - 1
		for k >= 0 && c.fill(lang, v.toks[k]) && v.toks[k].Fold != "," {
			k--
		}
		// ", tuant cinq civils", ", killing five civilians": the clause's
		// subject is the sentence's.
		participial := k >= 0 && v.toks[k].Fold == "," && c.kb.EndsIn(lang, "gerund-ending", v.toks[m.litTokens[0]].Fold)
		if k < 0 || !participial && (!c.kb.Is(lang, "and", v.toks[k].Fold) || v.toks[k].Fold == ",") {
			continue
		}
		// The subject found is the earlier verb's object: take its subject.
		if i > 0 {
			prev := ms[i-1]
			if prev.p.elems[0].kind == source && len(prev.src.mentions) > 0 && m.src.first > prev.litTokens[0] {
				m.src = prev.src
			}
			continue
		}
		// No verb coded before the participle: the sentence's first actor.
		if participial {
			for _, mi := range v.own {
				a := v.mentions[mi]
				if a.Last >= k || a.Kind != entente.ActorMention || c.locativeBefore(lang, v, a.First) {
					continue
				}
				if s, ok := c.slotAt(v, mi); ok && s.last < k {
					m.src = s
				}
				break
			}
		}
	}
}

// relatives marks relative clauses set off by commas: from a comma followed
// by a relative pronoun to the next comma.
func (c *Coder) relatives(lang string, toks []entente.Token, starts map[int][]int) []bool {
	rel := make([]bool, len(toks)+1)
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Fold != "," || !c.kb.Is(lang, "relative", toks[i+1].Fold) {
			continue
		}
		if toks[i+1].Fold == "dont" && (len(starts[i+2]) > 0 || i+3 < len(toks) && c.kb.Is(lang, "glue", toks[i+2].Fold) && len(starts[i+3]) > 0) {
			// "Plusieurs pays, dont la Chine et l'Inde, ont …": "dont"
			// brings in a list of actors, not a clause.
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].Fold != "," && !isBarrier(toks[j]) {
			j++
		}
		if j < len(toks) && toks[j].Fold == "," {
			for k := i; k <= j; k++ {
				rel[k] = true
			}
			i = j - 1
		}
	}
	return rel
}

// relBetween counts relative-clause tokens in [from, to).
func (v *sentenceView) relBetween(from, to int) int {
	n := 0
	for k := from; k < to; k++ {
		if v.rel[k] {
			n++
		}
	}
	return n
}

// locativeBefore reports whether the phrase at token i follows a locative
// preposition of the language (words.tsv), with at most one word between
// ("in western India").
func (c *Coder) locativeBefore(lang string, v *sentenceView, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if c.kb.Is(lang, "locative", v.toks[k].Fold) && (lang != "fr" || v.toks[k].Fold != "a" || v.raw(k) == "à") {
			return true
		}
		if v.toks[k].Kind != entente.Word {
			return false
		}
	}
	return false
}

// passiveBetween reports a passive auxiliary ("été", "was", "been")
// just before a trigger, with nothing but adverbs after it.
func (c *Coder) passiveBetween(lang string, v *sentenceView, from, to int) bool {
	for k := to - 1; k >= from; k-- {
		f := v.toks[k].Fold
		if c.kb.Is(lang, "passive", f) {
			return true
		}
		if !c.fill(lang, v.toks[k]) || f == "," {
			return false
		}
	}
	return false
}

// participle guesses whether a word can be a past participle: one of the
// language's irregular participles or a word with a participle ending.
func (c *Coder) participle(lang, w string) bool {
	return c.kb.Is(lang, "participle", w) || c.kb.EndsIn(lang, "participle-ending", w)
}

// raw is token k as written.
func (v *sentenceView) raw(k int) string { return v.text[v.toks[k].Start:v.toks[k].End] }
