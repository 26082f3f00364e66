package when

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The tense of a sentence is read with the tense words of its language
// (when/LANG.tsv, the tense-* kinds of data/README.md): cue words and
// phrases ("tomorrow", "hier", "won't"), auxiliaries before a participle
// ("a rencontré"), verbs before an infinitive ("va rencontrer") or before
// "to" ("expected to"), and the endings of verb forms ("rencontrera",
// "envahirent", "visited"). Each cue weighs 2, or 1 when it is weak (a
// reporting verb: "X will come, Y said" announces the future).

// effect is what a cue tells: weights for the future and the past.
type effect struct{ fut, past int }

// parseEffect reads "future N", "past N" or "none" (an empty value is
// none).
func parseEffect(s string) (effect, error) {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) == 1 && f[0] == "none" {
		return effect{}, nil
	}
	if len(f) != 2 {
		return effect{}, fmt.Errorf("want \"future N\", \"past N\" or \"none\", got %q", s)
	}
	n, err := strconv.Atoi(f[1])
	if err != nil || n < 1 {
		return effect{}, fmt.Errorf("weight %q is no positive number", f[1])
	}
	switch f[0] {
	case "future":
		return effect{fut: n}, nil
	case "past":
		return effect{past: n}, nil
	}
	return effect{}, fmt.Errorf("want future or past, got %q", f[0])
}

// ending is the end of a verb form. Dots before it in the file are the
// letters the word must keep before it ("..ait"); an ending written with
// accents is matched on the word as written, lower-cased.
type ending struct {
	s       string
	min     int // letters before
	runes   int
	written bool
	e       effect
}

func parseEnding(w string, e effect) ending {
	s := strings.TrimLeft(w, ".")
	// Written: the ending has letters that folding changes ("é"); an
	// Arabic or Persian ending is folded already, as the words are.
	return ending{s: s, min: len(w) - len(s), runes: utf8.RuneCountInString(s), e: e, written: fold(s) != s}
}

// matches reports whether the word (folded w, lower-cased as written raw)
// ends in e with its letters before it.
func (e ending) matches(w, raw string) bool {
	word := w
	if e.written {
		word = raw
	}
	return strings.HasSuffix(word, e.s) && utf8.RuneCountInString(word)-e.runes >= e.min
}

// longestEnding returns the longest ending of es the word ends in; at equal
// length, one written with accents wins.
func longestEnding(es []ending, w, raw string) (ending, bool) {
	var best ending
	found := false
	for _, e := range es {
		if !e.matches(w, raw) {
			continue
		}
		if !found || e.runes > best.runes || e.runes == best.runes && e.written && !best.written {
			best, found = e, true
		}
	}
	return best, found
}

// tenseCue is a word or phrase that tells the tense.
type tenseCue struct {
	words []string
	e     effect
}

// tenseRules are the tense words of one language.
type tenseRules struct {
	cues     map[string][]tenseCue      // by first word, longest first
	notAfter map[string]map[string]bool // cue → words before it that cancel it
	// toVerb words tell the future before a toMark word ("expected to");
	// a copula before a toMark, or before a toVerb and a toMark, too.
	toVerb, toMark, copula map[string]bool
	// going words tell the future before an infinitive, past clitics.
	going, clitic map[string]bool
	infinitive    []ending
	// An auxiliary before a participle (past adverbs) tells the past, with
	// weight 1 when the participle is a reporting verb; alone it tells what
	// its value says. notAux are spellings, as written, that are none ("à");
	// passive auxiliaries may come between ("a été arrêté").
	aux             map[string]effect
	notAux, passive map[string]bool
	adverb, report  map[string]bool
	participle      []ending
	notParticiple   map[string]bool
	forms           map[string]effect // whole verb forms ("met"); none for words that only look like one
	endings         []ending
}

func newTenseRules() *tenseRules {
	return &tenseRules{
		cues: map[string][]tenseCue{}, notAfter: map[string]map[string]bool{},
		toVerb: map[string]bool{}, toMark: map[string]bool{}, copula: map[string]bool{},
		going: map[string]bool{}, clitic: map[string]bool{}, aux: map[string]effect{},
		notAux: map[string]bool{}, passive: map[string]bool{}, adverb: map[string]bool{},
		report: map[string]bool{}, notParticiple: map[string]bool{}, forms: map[string]effect{},
	}
}

// tenseSets maps the kinds that are plain word sets to their set.
func (r *tenseRules) sets() map[string]map[string]bool {
	return map[string]map[string]bool{
		"tense-to-verb": r.toVerb, "tense-to-mark": r.toMark, "tense-copula": r.copula,
		"tense-going": r.going, "tense-clitic": r.clitic, "tense-not-auxiliary": r.notAux,
		"tense-passive": r.passive, "tense-adverb": r.adverb, "tense-report": r.report,
		"tense-not-participle": r.notParticiple,
	}
}

// add reads one line of a tense kind; it reports whether kind is one.
func (r *tenseRules) add(kind string, words []string, value string) (bool, error) {
	if set := r.sets()[kind]; set != nil {
		if value != "" {
			return true, fmt.Errorf("%s takes no value, got %q", kind, value)
		}
		for _, w := range words {
			set[w] = true
		}
		return true, nil
	}
	switch kind {
	case "tense-future", "tense-past":
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 {
			return true, fmt.Errorf("%s needs a weight (1 or more), got %q", kind, value)
		}
		e := effect{fut: n}
		if kind == "tense-past" {
			e = effect{past: n}
		}
		for _, w := range words {
			ws := phraseWords(w)
			if len(ws) == 0 {
				continue
			}
			r.cues[ws[0]] = append(r.cues[ws[0]], tenseCue{words: ws, e: e})
		}
	case "tense-not-after":
		if value == "" {
			return true, fmt.Errorf("tense-not-after needs the cue it cancels as its value")
		}
		if r.notAfter[value] == nil {
			r.notAfter[value] = map[string]bool{}
		}
		for _, w := range words {
			r.notAfter[value][w] = true
		}
	case "tense-auxiliary", "tense-form":
		e, err := parseEffect(value)
		if err != nil {
			return true, fmt.Errorf("%s: %v", kind, err)
		}
		m := r.aux
		if kind == "tense-form" {
			m = r.forms
		}
		for _, w := range words {
			m[w] = e
		}
	case "tense-ending", "tense-infinitive-ending", "tense-participle-ending":
		e, err := parseEffect(value)
		if err != nil {
			return true, fmt.Errorf("%s: %v", kind, err)
		}
		for _, w := range words {
			en := parseEnding(w, e)
			switch kind {
			case "tense-ending":
				r.endings = append(r.endings, en)
			case "tense-infinitive-ending":
				r.infinitive = append(r.infinitive, en)
			default:
				r.participle = append(r.participle, en)
			}
		}
	default:
		return false, nil
	}
	return true, nil
}

// phraseWords splits a cue as the input is split: "won't" is won ' t.
func phraseWords(s string) []string {
	var out []string
	for _, t := range tokenize(s, nil) {
		out = append(out, t.s)
	}
	return out
}

// finish sorts each word's cues longest first.
func (r *tenseRules) finish() {
	for _, cs := range r.cues {
		for i := 1; i < len(cs); i++ {
			for j := i; j > 0 && len(cs[j].words) > len(cs[j-1].words); j-- {
				cs[j], cs[j-1] = cs[j-1], cs[j]
			}
		}
	}
}

// SentenceTense guesses whether a sentence reports the past or announces
// the future, from the tense words of its language; a language with time
// words but no tense words reads none ("hier" is no past in German), an
// unknown one is read with every language's. It returns Unknown when the
// evidence is balanced or absent.
func (f *Finder) SentenceTense(text, lang string) Tense {
	return f.tenseOf(text, lang, tokenize(text, make([]token, 0, len(text)/5+4)))
}

// tenseOf is SentenceTense over toks, the tokens of text.
func (f *Finder) tenseOf(text, lang string, toks []token) Tense {
	code, _, _ := strings.Cut(strings.ToLower(lang), "-")
	var e effect
	if r, ok := f.tense[code]; ok {
		e = r.read(text, toks)
	} else {
		for _, r := range f.tense {
			x := r.read(text, toks)
			e.fut, e.past = e.fut+x.fut, e.past+x.past
		}
	}
	switch {
	case e.fut > e.past:
		return Future
	case e.past > e.fut:
		return Past
	}
	return Unknown
}

// tword returns the folded word at k, or "".
func tword(toks []token, k int) string {
	if k < 0 || k >= len(toks) || toks[k].kind != tWord {
		return ""
	}
	return toks[k].s
}

// properNoun reports whether token k is capitalised inside the sentence.
func properNoun(toks []token, k int) bool {
	if !toks[k].upper || k == 0 {
		return false
	}
	prev := toks[k-1]
	return !(prev.kind == tPunct && (prev.s == "." || prev.s == "«" || prev.s == "\"" || prev.s == ":"))
}

// cueAt returns the longest cue starting at token k.
func (r *tenseRules) cueAt(toks []token, k int) (tenseCue, bool) {
	for _, c := range r.cues[toks[k].s] {
		if k+len(c.words) > len(toks) {
			continue
		}
		ok := true
		for i, w := range c.words[1:] {
			if toks[k+1+i].s != w {
				ok = false
				break
			}
		}
		if ok {
			return c, true
		}
	}
	return tenseCue{}, false
}

// read sums the tense cues of a sentence.
func (r *tenseRules) read(text string, toks []token) effect {
	var sum effect
	add := func(e effect) { sum.fut, sum.past = sum.fut+e.fut, sum.past+e.past }
	for k, t := range toks {
		w, next := tword(toks, k), tword(toks, k+1)
		if r.copula[w] {
			if r.toMark[next] {
				add(effect{fut: 2})
				continue
			}
			if r.toVerb[next] && r.toMark[tword(toks, k+2)] {
				continue // counted at the verb
			}
		}
		if c, ok := r.cueAt(toks, k); ok && (t.kind == tWord || len(c.words) > 1) {
			if !r.notAfter[t.s][tword(toks, k-1)] {
				add(c.e)
			}
			continue
		}
		if t.kind != tWord || r.copula[w] {
			continue
		}
		switch {
		case r.toVerb[w] && r.toMark[next]:
			add(effect{fut: 2})
			continue
		case r.going[w]:
			if r.infinitiveAfter(toks, k+1) {
				add(effect{fut: 2})
			}
			continue
		}
		if e, ok := r.aux[w]; ok {
			if r.notAux[strings.ToLower(text[t.start:t.end])] || properNoun(toks, k) {
				continue
			}
			if n, ok := r.participleAfter(text, toks, k+1); ok {
				add(effect{past: n})
			} else {
				add(e)
			}
			continue
		}
		if properNoun(toks, k) || utf8.RuneCountInString(w) < 3 {
			continue
		}
		if e, ok := r.forms[w]; ok {
			add(e)
			continue
		}
		if en, ok := longestEnding(r.endings, w, strings.ToLower(text[t.start:t.end])); ok {
			add(en.e)
		}
	}
	return sum
}

// participleAfter looks for a past participle after an auxiliary and
// returns its weight: 1 for a reporting verb, 2 otherwise.
func (r *tenseRules) participleAfter(text string, toks []token, k int) (int, bool) {
	for n := 0; k < len(toks) && n < 4; k, n = k+1, n+1 {
		t := toks[k]
		if t.kind == tWord && r.passive[t.s] {
			// "a été", "aurait été": the participle may follow.
			if n2, ok := r.participleAfter(text, toks, k+1); ok {
				return n2, true
			}
			return 2, true
		}
		if t.kind == tPunct && t.s != "'" && t.s != "-" {
			return 0, false
		}
		if t.kind == tWord && r.adverb[t.s] {
			continue
		}
		if t.kind != tWord || !r.isParticiple(strings.ToLower(text[t.start:t.end]), t.s) {
			return 0, false
		}
		if r.report[t.s] {
			return 1, true
		}
		return 2, true
	}
	return 0, false
}

// isParticiple reports a past participle: an ending written with accents
// ("déclaré") says so; otherwise a word that is no listed exception and
// ends in a participle ending.
func (r *tenseRules) isParticiple(raw, w string) bool {
	for _, e := range r.participle {
		if e.written && e.matches(w, raw) {
			return true
		}
	}
	if r.notParticiple[w] {
		return false
	}
	for _, e := range r.participle {
		if !e.written && e.matches(w, raw) {
			return true
		}
	}
	return false
}

// infinitiveAfter reports an infinitive after a going word, skipping
// clitics: "va se rendre", "doit lui remettre".
func (r *tenseRules) infinitiveAfter(toks []token, k int) bool {
	for n := 0; k < len(toks) && n < 4; k, n = k+1, n+1 {
		w := tword(toks, k)
		if w == "" {
			if toks[k].kind == tPunct && toks[k].s == "'" {
				continue
			}
			return false
		}
		if r.clitic[w] {
			continue
		}
		_, ok := longestEnding(r.infinitive, w, w)
		return ok
	}
	return false
}
