package syntax

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// maxSuffix is the longest word ending (in runes) a lemma rule is keyed by.
const maxSuffix = 6

// rule rewrites a lower-cased word into its lemma: drop Cut bytes from the
// end, then append Add.
type rule struct {
	Cut int
	Add string
}

func (r rule) apply(w string) (string, bool) {
	if r.Cut > len(w) || !utf8.ValidString(w[:len(w)-r.Cut]) {
		return "", false
	}
	return w[:len(w)-r.Cut] + r.Add, true
}

func ruleFor(form, lemma string) rule {
	p := 0
	for p < len(form) && p < len(lemma) && form[p] == lemma[p] {
		p++
	}
	// Keep whole runes.
	for p > 0 && p < len(form) && !utf8.RuneStart(form[p]) {
		p--
	}
	return rule{Cut: len(form) - p, Add: lemma[p:]}
}

// lemmatizer gives a lemma from a word and its tag: a table of the words
// the rules get wrong, and for the rest the rule of the longest known
// ending for that tag.
type lemmatizer struct {
	except map[string]string // lower form + "\x00" + tag → lemma
	rules  map[string]rule   // tag + "\x00" + ending → rule
	keep   map[int]bool      // tags whose lemma is the form as written (proper nouns)
}

func exceptKey(form string, tag int) string { return form + "\x00" + string(rune('A'+tag)) }
func ruleKey(tag int, end string) string    { return string(rune('A'+tag)) + "\x00" + end }

// lemma returns the lemma of form (as written) tagged tag.
func (l *lemmatizer) lemma(form string, tag int) string {
	return l.lemmaLow(form, normalize(strings.ToLower(form)), tag)
}

// lemmaLow is lemma given also the lower-cased, normalized form. Its keys
// are built in a buffer on the stack: a map indexed with string(bytes)
// does not allocate.
func (l *lemmatizer) lemmaLow(form, low string, tag int) string {
	var buf [64]byte
	key := append(append(buf[:0], low...), 0)
	key = utf8.AppendRune(key, rune('A'+tag))
	if s, ok := l.except[string(key)]; ok {
		return s
	}
	if l.keep[tag] {
		return form
	}
	return l.byRule(low, tag)
}

func (l *lemmatizer) byRule(low string, tag int) string {
	var buf [64]byte
	head := append(utf8.AppendRune(buf[:0], rune('A'+tag)), 0)
	n := utf8.RuneCountInString(low)
	for k := min(n, maxSuffix); k >= 0; k-- {
		key := append(head, suffix(low, k)...)
		if r, ok := l.rules[string(key)]; ok {
			if s, ok := r.apply(low); ok {
				return s
			}
		}
	}
	return low
}

// lemmaSample is one training pair.
type lemmaSample struct {
	form, lemma string
	tag         int
}

// trainLemmatizer learns rules from the distinct (form, tag, lemma) triples,
// then keeps as exceptions the forms the rules get wrong. keep lists the
// tags whose lemma is the form itself.
func trainLemmatizer(samples []lemmaSample, keep map[int]bool) *lemmatizer {
	// The most frequent lemma of each (lower form, tag).
	counts := map[string]map[string]int{}
	for _, s := range samples {
		k := exceptKey(normalize(strings.ToLower(s.form)), s.tag)
		if counts[k] == nil {
			counts[k] = map[string]int{}
		}
		counts[k][s.lemma]++
	}
	best := make(map[string]string, len(counts))
	keys := make([]string, 0, len(counts))
	for k, m := range counts {
		keys = append(keys, k)
		bl, bn := "", -1
		for l, n := range m {
			if n > bn || n == bn && l < bl {
				bl, bn = l, n
			}
		}
		best[k] = bl
	}
	sort.Strings(keys)
	// Rules by ending, counted over distinct words.
	votes := map[string]map[rule]int{}
	for _, k := range keys {
		form, t, _ := strings.Cut(k, "\x00")
		tag := int([]rune(t)[0] - 'A')
		r := ruleFor(form, best[k])
		for n := min(utf8.RuneCountInString(form), maxSuffix); n >= 0; n-- {
			rk := ruleKey(tag, suffix(form, n))
			if votes[rk] == nil {
				votes[rk] = map[rule]int{}
			}
			votes[rk][r]++
		}
	}
	l := &lemmatizer{except: map[string]string{}, rules: map[string]rule{}, keep: keep}
	for rk, m := range votes {
		var br rule
		bn := -1
		total := 0
		for r, n := range m {
			total += n
			if n > bn || n == bn && (r.Cut < br.Cut || r.Cut == br.Cut && r.Add < br.Add) {
				br, bn = r, n
			}
		}
		// An ending seen on one word only is no rule, unless it is short.
		_, end, _ := strings.Cut(rk, "\x00")
		if total < 2 && utf8.RuneCountInString(end) > 2 {
			continue
		}
		if br != (rule{}) || total >= 2 {
			l.rules[rk] = br
		}
	}
	for _, k := range keys {
		form, t, _ := strings.Cut(k, "\x00")
		tag := int([]rune(t)[0] - 'A')
		want := best[k]
		if keep[tag] {
			// Proper nouns keep their written form; store what differs
			// from it by more than case.
			if strings.ToLower(want) != form {
				l.except[k] = want
			}
			continue
		}
		if l.byRule(form, tag) != want {
			l.except[k] = want
		}
	}
	return l
}
