package code

import (
	"slices"
	"strings"

	"entente"
	"entente/internal/segment"
)

// Modality: whether a matched act happened, was demanded, refused,
// planned or only reported.

// modality reads negation, intention, allegation and condition from the
// words just before the pattern's first word and those right after it,
// leaving out the pattern's own words ("accused" is a trigger, not a doubt).
func (c *Coder) modality(lang string, v *sentenceView, m match) string {
	first, last := m.litTokens[0], m.litTokens[len(m.litTokens)-1]
	from := first - 4
	if len(m.src.mentions) > 0 && m.src.last < first && m.src.last+1 > from {
		from = m.src.last + 1
	}
	if from < 0 {
		from = 0
	}
	to := first + 2
	if to > last {
		to = last
	}
	own := map[int]bool{}
	for _, k := range m.litTokens {
		own[k] = true
	}
	negative := false
	for _, k := range m.context {
		own[k] = true
		negative = negative || c.kb.Is(lang, "negation", v.toks[k].Fold)
	}
	has := func(class string) bool {
		for k := from; k <= to; k++ {
			if own[k] {
				continue
			}
			f := v.toks[k].Fold
			if c.kb.Is(lang, class, f) || (k+1 <= to && !own[k+1] && c.kb.Is(lang, class, f+"_"+v.toks[k+1].Fold)) {
				return true
			}
		}
		return false
	}
	// A verb may carry its negation (Persian "نکرد", did not).
	carried := false
	for _, k := range m.litTokens {
		carried = carried || c.kb.Is(lang, "negatedverb", v.toks[k].Fold)
	}
	switch {
	case !negative && (carried || has("negation")):
		return entente.Negated
	case has("condition"):
		return entente.Conditional
	case has("intent") || c.anyFuture(lang, v, m.litTokens) || c.plannedNoun(lang, v, first) || c.intentAux(lang, v, m.litTokens):
		return entente.Intended
	case has("alleged"):
		return entente.Alleged
	}
	return entente.Asserted
}

// refusal reports words of the "refusal" class among the four words
// before the trigger (after the source) and the trigger's first words:
// "refused to sign", "will not accept", "would not cooperate", "a refusé
// de signer".
func (c *Coder) refusal(lang string, v *sentenceView, m match) bool {
	if len(m.litTokens) == 0 {
		return false
	}
	first, last := m.litTokens[0], m.litTokens[len(m.litTokens)-1]
	from := first - 4
	if len(m.src.mentions) > 0 && m.src.last < first && m.src.last+1 > from {
		from = m.src.last + 1
	}
	to := min(first+2, last)
	for k := max(from, 0); k <= to; k++ {
		f := v.toks[k].Fold
		if c.kb.Is(lang, "refusal", f) || k+1 <= to && c.kb.Is(lang, "refusal", f+"_"+v.toks[k+1].Fold) {
			return true
		}
	}
	return false
}

// plannedNoun reports an event noun whose verb of the "happen" class
// tells it as to come: "la rencontre aura lieu lundi", "le sommet se
// tiendra à Pékin", "la visite est prévue".
func (c *Coder) plannedNoun(lang string, v *sentenceView, k int) bool {
	t := v.toks[k]
	if t.UPOS != "NOUN" || !strings.HasPrefix(t.Deprel, "nsubj") || t.Head < 0 || t.Head >= len(v.toks) {
		return false
	}
	h := v.toks[t.Head]
	if !c.kb.Is(lang, "happen", segment.Fold(h.Lemma)) {
		return false
	}
	return c.kb.EndsIn(lang, "future-ending", h.Fold) || c.kb.Is(lang, "intent", h.Fold)
}

// anyFuture reports a trigger word in a future form. In a language with
// a "perfective" class (Russian), a future ending is one only on a
// perfective verb: "посетит" will visit, "обвиняет" accuses now.
func (c *Coder) anyFuture(lang string, v *sentenceView, ks []int) bool {
	aspect := len(c.kb.Words[lang]["perfective"]) > 0
	for _, k := range ks {
		t := v.toks[k]
		if c.kb.EndsIn(lang, "future-ending", t.Fold) && (!aspect || c.kb.Is(lang, "perfective", segment.Fold(t.Lemma))) {
			return true
		}
	}
	return false
}

// intentAux reports a trigger with an auxiliary of the "intentaux" class
// over the parse, however far before it: German puts the verb at the end
// of its clause ("Der Kanzler wird am Montag in Warschau den Präsidenten
// treffen", "Frankreich werde ... bereitstellen").
func (c *Coder) intentAux(lang string, v *sentenceView, ks []int) bool {
	if len(c.kb.Words[lang]["intentaux"]) == 0 {
		return false
	}
	for j, t := range v.toks {
		if t.Deprel == "aux" && slices.Contains(ks, t.Head) && c.kb.Is(lang, "intentaux", t.Fold) && j < t.Head {
			return true
		}
	}
	return false
}
