// Package inflect finds the lemmas of inflected words from paradigms: a
// list of lemmas, each with the names of its paradigms, and for each
// paradigm the suffix rules that inflect a lemma (the layout of Hunspell's
// affix rules). Looking a form up runs the rules backwards, so a table of
// some thousand verbs covers their hundreds of thousands of forms.
//
// The file format, one entry a line, fields separated by tabs:
//
//	# comment
//	sfx  PARADIGM  STRIP  ADD  COND [finite]   a lemma ending in COND (and STRIP) makes a form: drop STRIP, append ADD;
//	                                           "finite": the rule only makes finite forms (indicative, conditional, subjunctive, imperative)
//	lemma LEMMA  PARADIGM[,PARADIGM...]
//	other FORM   a verb form that is also a word of another part of speech ("président", "aide")
//
// STRIP and ADD are "" when empty; COND is a sequence of letters and
// bracketed sets ("[^cg]er"), matched at the end of the lemma; "." matches
// every lemma.
package inflect

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Table holds the paradigms and lemmas of one language.
type Table struct {
	byAdd  map[string][]sfx        // ending added → the rules adding it
	maxAdd int                     // the longest ending added, in bytes
	lemmas map[string]map[int]bool // lemma → its paradigms
	names  map[string]int          // paradigm name → index
	other  map[string]bool         // verb forms that are also other words
}

type sfx struct {
	paradigm   int
	strip, add string
	cond       []class
	finite     bool
}

// class is one position of a condition: a set of runes, or its complement.
type class struct {
	set string
	neg bool
}

// Read parses a table; errors carry the line.
func Read(r io.Reader) (*Table, error) {
	t := &Table{byAdd: map[string][]sfx{}, lemmas: map[string]map[int]bool{}, names: map[string]int{}, other: map[string]bool{}}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case f[0] == "sfx" && (len(f) == 5 || len(f) == 6 && f[5] == "finite"):
			cond, err := parseCond(f[4])
			if err != nil {
				return nil, fmt.Errorf("inflect: line %d: %w", n, err)
			}
			s := sfx{paradigm: t.paradigm(f[1]), strip: f[2], add: f[3], cond: cond, finite: len(f) == 6}
			t.byAdd[s.add] = append(t.byAdd[s.add], s)
			t.maxAdd = max(t.maxAdd, len(s.add))
		case f[0] == "other" && len(f) == 2 && f[1] != "":
			t.other[f[1]] = true
		case f[0] == "lemma" && len(f) == 3 && f[1] != "":
			ps := t.lemmas[f[1]]
			if ps == nil {
				ps = map[int]bool{}
				t.lemmas[f[1]] = ps
			}
			for _, p := range strings.Split(f[2], ",") {
				ps[t.paradigm(p)] = true
			}
		default:
			return nil, fmt.Errorf("inflect: line %d: want \"sfx\tPARADIGM\tSTRIP\tADD\tCOND[\tfinite]\", \"lemma\tLEMMA\tPARADIGMS\" or \"other\tFORM\", got %q", n, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("inflect: %w", err)
	}
	return t, nil
}

func (t *Table) paradigm(name string) int {
	i, ok := t.names[name]
	if !ok {
		i = len(t.names)
		t.names[name] = i
	}
	return i
}

func parseCond(s string) ([]class, error) {
	if s == "." {
		return nil, nil
	}
	var cs []class
	for s != "" {
		if s[0] != '[' {
			_, size := utf8.DecodeRuneInString(s)
			cs = append(cs, class{set: s[:size]})
			s = s[size:]
			continue
		}
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return nil, fmt.Errorf("condition %q: unclosed [", s)
		}
		c := class{set: s[1:end]}
		if strings.HasPrefix(c.set, "^") {
			c.set, c.neg = c.set[1:], true
		}
		cs = append(cs, c)
		s = s[end+1:]
	}
	return cs, nil
}

// matches reports whether word ends with the condition.
func matches(cond []class, word string) bool {
	for i := len(cond) - 1; i >= 0; i-- {
		r, size := utf8.DecodeLastRuneInString(word)
		if size == 0 || strings.ContainsRune(cond[i].set, r) == cond[i].neg {
			return false
		}
		word = word[:len(word)-size]
	}
	return true
}

// EachLemma calls f with every lemma of the table, in no order.
func (t *Table) EachLemma(f func(lemma string)) {
	for l := range t.lemmas {
		f(l)
	}
}

// IsLemma reports whether word is a lemma of the table.
func (t *Table) IsLemma(word string) bool { return t.lemmas[word] != nil }

// Lemmas returns the lemmas that inflect into form (lower case), sorted;
// none when the table does not know the form. A lemma is not its own form.
func (t *Table) Lemmas(form string) []string {
	var out []string
	t.rules(form, func(lemma string, _ sfx) bool {
		out = append(out, lemma)
		return false
	})
	slices.Sort(out)
	return slices.Compact(out)
}

// Forms returns the forms the table makes of lemma, sorted; none when the
// table does not know it.
func (t *Table) Forms(lemma string) []string {
	ps := t.lemmas[lemma]
	if ps == nil {
		return nil
	}
	var out []string
	for _, rules := range t.byAdd {
		for _, s := range rules {
			if ps[s.paradigm] && strings.HasSuffix(lemma, s.strip) && matches(s.cond, lemma) {
				out = append(out, lemma[:len(lemma)-len(s.strip)]+s.add)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Finite reports whether form (lower case) is only ever a finite form of
// the table's verbs ("appellent", "respectera"), never a participle ("dit",
// "compris") nor an infinitive.
func (t *Table) Finite(form string) bool {
	finite, other := false, t.lemmas[form] != nil
	t.rules(form, func(_ string, s sfx) bool {
		finite, other = finite || s.finite, other || !s.finite
		return other
	})
	return finite && !other
}

// Other reports whether form (lower case) is a verb form that is also a
// word of another part of speech ("président", "aide").
func (t *Table) Other(form string) bool { return t.other[form] }

// rules calls f with each lemma and rule that make form, until f returns
// true.
//
// A form is looked up for every word of a sentence and most rules make no
// lemma of it: the candidate lemma is put together in a buffer, and made a
// string only when the table knows it.
func (t *Table) rules(form string, f func(lemma string, s sfx) bool) {
	var buf [64]byte
	for k := len(form); k >= max(len(form)-t.maxAdd, 0); k-- {
		if k < len(form) && !utf8.RuneStart(form[k]) {
			continue
		}
		for _, s := range t.byAdd[form[k:]] {
			var lemma string
			if s.strip == "" {
				lemma = form[:k]
				if k == len(form) || !t.lemmas[lemma][s.paradigm] {
					continue
				}
			} else {
				b := append(append(buf[:0], form[:k]...), s.strip...)
				if string(b) == form || !t.lemmas[string(b)][s.paradigm] {
					continue
				}
				lemma = string(b)
			}
			if !matches(s.cond, lemma) {
				continue
			}
			if f(lemma, s) {
				return
			}
		}
	}
}
