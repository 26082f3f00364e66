package code

import (
	"slices"
	"strings"

	"entente"
)

// markedObjects repairs the parse of a language that closes its object
// with a postposition (the "objectmarker" class, Persian "را"). Persian
// writes no mark between a noun and its genitive (the ezafe is unwritten),
// so a small model reads "subject object را verb" as one chain of
// genitives and hangs the marker on the subject: "رئیس‌جمهور ونزوئلا
// آمریکا را تهدید کرد" (Venezuela's president threatened America) has
// the president as the object. When the marker hangs on an actor and
// another actor stands between that actor and the marker, the phrase that
// ends at the marker is the verb's object and the first actor its subject.
// It returns toks itself when nothing is repaired, else a repaired copy.
func (c *Coder) markedObjects(lang string, v *sentenceView, toks []entente.Token) []entente.Token {
	out := toks
	for k, tk := range toks {
		if tk.Kind != entente.Word || !c.kb.Is(lang, "objectmarker", tk.Fold) || k == 0 {
			continue
		}
		h := out[k].Head
		if h < 0 || h >= k-1 || !strings.HasPrefix(out[h].Deprel, "obj") {
			continue
		}
		verb := out[h].Head
		if verb < 0 || verb <= k {
			continue
		}
		subj := v.actorAt(h)
		// The phrase may end in a possessive after its noun ("سفیر خود
		// را", its own ambassador).
		e := k - 1
		for e > h+1 && c.kb.Is(lang, "possessive", out[e].Fold) {
			e--
		}
		obj := v.actorAt(e)
		if subj < 0 || obj < 0 || subj == obj || v.mentions[obj].First <= v.mentions[subj].Last {
			continue
		}
		// Not when the parse has a subject that names an actor ("ارتش
		// اسرائیل مواضع حزب‌الله را"), nor when the actor before the
		// marker sits in a prepositional phrase ("مواضع X در جنوب لبنان
		// را"), where the parse may be right.
		if hasActorSubject(v, out, verb) {
			continue
		}
		prep := false
		for i := v.mentions[subj].Last + 1; i < v.mentions[obj].First; i++ {
			prep = prep || out[i].UPOS == "ADP"
		}
		if prep {
			continue
		}
		// The head of the phrase that ends at the marker: up from the
		// word before it while its head stands after the subject.
		last := v.mentions[subj].Last
		o := k - 1
		for hops := 0; hops < k; hops++ {
			p := out[o].Head
			if p <= last || p >= k {
				break
			}
			o = p
		}
		if &out[0] == &toks[0] {
			out = slices.Clone(toks)
		}
		out[o].Head, out[o].Deprel = verb, "obj"
		out[k].Head = o
		for i := range out {
			if i != h && out[i].Head == verb && strings.HasPrefix(out[i].Deprel, "nsubj") && v.actorAt(i) < 0 {
				out[i].Deprel = "obl" // the parse's subject that names no actor
			}
		}
		out[h].Head, out[h].Deprel = verb, "nsubj"
	}
	return out
}

// actorAt returns the index of the mention of an actor (or a place taken
// for one) that covers token i, -1 when none does.
func (v *sentenceView) actorAt(i int) int {
	for _, mi := range v.own {
		m := v.mentions[mi]
		if i >= m.First && i <= m.Last && m.Kind != entente.ReporterMention && !v.banned[mi] && !m.Dateline {
			return mi
		}
	}
	return -1
}

// hasActorSubject reports whether the verb at i has a subject in the parse
// that names an actor.
func hasActorSubject(v *sentenceView, toks []entente.Token, i int) bool {
	for k, t := range toks {
		if t.Head == i && strings.HasPrefix(t.Deprel, "nsubj") && v.actorAt(k) >= 0 {
			return true
		}
	}
	return false
}
