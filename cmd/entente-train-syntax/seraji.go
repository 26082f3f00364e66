package main

import (
	"strings"

	"entente/internal/syntax"
)

// fixes rewrite the annotation of a treebank (by its folder) before the
// models learn from it or are scored on it, so that the treebanks of one
// language teach one annotation.
var fixes = map[string]func(*syntax.Sent){
	"UD_Persian-Seraji": serajiLightVerbs,
}

// serajiLightVerbs writes Seraji's light verbs of "becoming" as PerDT and
// Seraji's own "کردن" compounds are written. Seraji hangs a form of شدن on
// its noun or adjective as "compound" ("دستگیر شد": the verb under
// دستگیر, which heads the clause) and lemmatizes every form of شدن as
// کرد; PerDT makes the verb the head, its noun a compound:lvc, and
// lemmatizes شدن as شد. The verb takes the noun's place in the tree and
// the clause's dependents (subject, objects, adverbials, auxiliaries,
// punctuation); the noun keeps its own modifiers. Any form of شدن
// lemmatized کرد gets the lemma شد.
func serajiLightVerbs(s *syntax.Sent) {
	for i, f := range s.Forms {
		if s.Lemma[i] == "کرد" && isShodan(f) {
			s.Lemma[i] = "شد"
		}
	}
	for v := range s.Forms {
		x := s.Head[v]
		if s.Deprel[v] != "compound" || x < 0 || s.UPOS[v] != "VERB" && s.UPOS[v] != "AUX" || s.UPOS[x] != "NOUN" && s.UPOS[x] != "ADJ" {
			continue
		}
		for k := range s.Forms {
			if k != v && s.Head[k] == x && clausal(s.Deprel[k]) {
				s.Head[k] = v
			}
		}
		s.Head[v], s.Deprel[v], s.UPOS[v] = s.Head[x], s.Deprel[x], "VERB"
		s.Head[x], s.Deprel[x] = v, "compound:lvc"
	}
}

// clausal reports the relations of a clause's dependents, which go to the
// verb when it becomes the head (the noun keeps det, amod, nmod, case...).
func clausal(rel string) bool {
	r, _, _ := strings.Cut(rel, ":")
	switch r {
	case "nsubj", "csubj", "obj", "iobj", "obl", "advmod", "aux", "cop", "mark", "punct", "cc", "conj",
		"advcl", "ccomp", "xcomp", "parataxis", "discourse", "vocative", "dep", "expl":
		return true
	}
	return false
}

// isShodan reports a form of شدن ("شد", "شده", "می‌شود", "نشد"): its
// stem after the negative and continuous prefixes starts with ش, where
// every form of کردن starts with ک.
func isShodan(form string) bool {
	f := strings.ReplaceAll(form, "\u200c", "")
	for _, p := range []string{"نمی", "می", "ن"} {
		if rest, ok := strings.CutPrefix(f, p); ok && strings.HasPrefix(rest, "ش") {
			return true
		}
	}
	return strings.HasPrefix(f, "ش")
}
