package kb

import (
	"io/fs"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"entente/internal/datafile"
)

// translit is one language's transcription of a script: rules tried
// longest first at each letter.
type translit struct {
	rules   map[string]string // "ш" → "sch", "^е" → "je" (at a word's start), "ий$" → "i" (at its end)
	longest int
}

// loadTranslit reads translit.tsv (columns lang, from, to; "-" writes
// nothing) and gives every person whose aliases include a name in the
// script the rules read (Cyrillic) that name as the language's press
// writes it: German "Lawrow", "Lukaschenko" from "Лавров", "Лукашенко".
func (k *KB) loadTranslit(fsys fs.FS, errs *datafile.ErrorList) {
	const name = "translit.tsv"
	tables := map[string]*translit{}
	datafile.Table(fsys, name, []string{"lang", "from", "to"}, true, errs, func(line int, c []string) {
		if c[1] == "" || c[2] == "" {
			*errs = append(*errs, &datafile.Error{File: name, Line: line, Msg: "empty column (write - for nothing)"})
			return
		}
		t := tables[c[0]]
		if t == nil {
			t = &translit{rules: map[string]string{}}
			tables[c[0]] = t
		}
		to := c[2]
		if to == "-" {
			to = ""
		}
		t.rules[c[1]] = to
		if n := utf8.RuneCountInString(strings.Trim(c[1], "^$")); n > t.longest {
			t.longest = n
		}
	})
	langs := make([]string, 0, len(tables))
	for l := range tables {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, a := range k.Actors {
		if a.Kind != "person" {
			continue
		}
		seen := map[string]bool{}
		for _, al := range a.Aliases {
			seen[al] = true
		}
		var add []string
		for _, al := range a.Aliases {
			if !cyrillic(al) || utf8.RuneCountInString(al) < 4 {
				continue
			}
			for _, l := range langs {
				if w := tables[l].write(al); w != "" && !seen[w] {
					seen[w] = true
					add = append(add, w)
				}
			}
		}
		a.Aliases = append(a.Aliases, add...)
	}
}

// cyrillic reports a name written in Cyrillic letters (and spaces,
// hyphens).
func cyrillic(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Cyrillic, r) {
			return false
		}
	}
	return true
}

// write transcribes name word by word, each word capitalized; "" when a
// letter has no rule.
func (t *translit) write(name string) string {
	var words []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		rs := []rune(strings.ToLower(w))
		var b strings.Builder
		for i := 0; i < len(rs); {
			done := false
			for n := min(t.longest, len(rs)-i); n > 0 && !done; n-- {
				s := string(rs[i : i+n])
				for _, key := range []string{"^" + s + "$", "^" + s, s + "$", s} {
					if key[0] == '^' && i != 0 || key[len(key)-1] == '$' && i+n != len(rs) {
						continue
					}
					if to, ok := t.rules[key]; ok {
						b.WriteString(to)
						i += n
						done = true
						break
					}
				}
			}
			if !done {
				return ""
			}
		}
		out := []rune(b.String())
		if len(out) == 0 {
			return ""
		}
		out[0] = unicode.ToUpper(out[0])
		words = append(words, string(out))
	}
	return strings.Join(words, " ")
}
