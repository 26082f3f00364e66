package segment

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"entente/data"
	"entente/internal/datafile"
)

// The words that decide where a word or a sentence ends are knowledge of
// each language, in data/words.tsv beside the coder's classes:
//
//	elision       words written with an apostrophe before a vowel, split off
//	              as their own token: "l'Iran", "qu'il"
//	abbreviation  words whose final period belongs to the word, so that it
//	              ends no sentence: "M. Macron", "Gen. Milley"
//	ordinalmonth  months written after a day's ordinal period ("am 5. August"):
//	              the period after one or two digits ends no sentence there
//	proclitic     what a language writes on the front of a word (Arabic و ف
//	              ب ل and the article ال): a dictionary phrase is also met
//	              with one before it; "لل=ال" says that "لل" stands for a
//	              clitic and the article, "للعراق" being "العراق" (see
//	              Unclitic). Languages without a snowball stemmer stem with
//	              it and with suffix.
//	suffix        endings a stem leaves off (Arabic ات ون ها...)
//
// Tokenizing comes before a document's language is known and serves
// dictionary phrases of every language alike, so the classes of all
// languages apply to all text. They are read from the embedded file: a
// -dict directory does not change them.
var words = mustSegmentWords(data.FS)

type segmentWords struct {
	elided, abbrev, ordinalMonth map[string]bool
	// abbrevEnd are abbreviations that may also end a sentence ("etc.",
	// "said no.", Russian "г." after a year): a capital after them starts
	// the next one.
	abbrevEnd map[string]bool
	// proclitics and suffixes per language, longest first.
	proclitics map[string][]clitic
	suffixes   map[string][]string
}

// clitic is a proclitic and what stands in its place once it is taken
// off ("" or, for a clitic fused with the article, the article).
type clitic struct{ form, repl string }

func mustSegmentWords(fsys fs.FS) segmentWords {
	w, err := readSegmentWords(fsys)
	if err != nil {
		panic(err)
	}
	return w
}

// readSegmentWords reads the classes above, for every language, from
// words.tsv (lang, class, words; words folded and space-separated).
func readSegmentWords(fsys fs.FS) (segmentWords, error) {
	w := segmentWords{elided: map[string]bool{}, abbrev: map[string]bool{}, ordinalMonth: map[string]bool{}, abbrevEnd: map[string]bool{}, proclitics: map[string][]clitic{}, suffixes: map[string][]string{}}
	const name = "words.tsv"
	var errs datafile.ErrorList
	datafile.Table(fsys, name, []string{"lang", "class", "words"}, false, &errs, func(line int, cols []string) {
		bad := func(format string, a ...any) {
			errs = append(errs, &datafile.Error{File: name, Line: line, Msg: fmt.Sprintf(format, a...)})
		}
		lang, words := cols[0], strings.Fields(cols[2])
		var set map[string]bool
		switch cols[1] {
		case "elision":
			set = w.elided
		case "abbreviation":
			set = w.abbrev
		case "ordinalmonth":
			set = w.ordinalMonth
		case "abbreviation-end":
			set = w.abbrevEnd
		case "proclitic":
			for _, f := range words {
				form, repl, _ := strings.Cut(f, "=")
				if form != Fold(form) || repl != Fold(repl) || form == "" {
					bad("%q is not a folded clitic", f)
					continue
				}
				w.proclitics[lang] = append(w.proclitics[lang], clitic{form, repl})
			}
			slices.SortStableFunc(w.proclitics[lang], func(a, b clitic) int { return len(b.form) - len(a.form) })
			return
		case "suffix":
			for _, f := range words {
				if f != Fold(f) {
					bad("%q is not folded (%q)", f, Fold(f))
					continue
				}
				w.suffixes[lang] = append(w.suffixes[lang], f)
			}
			slices.SortStableFunc(w.suffixes[lang], func(a, b string) int { return len(b) - len(a) })
			return
		default:
			return
		}
		for _, f := range words {
			if f != Fold(f) {
				bad("%q is not folded (%q)", f, Fold(f))
				continue
			}
			set[f] = true
		}
	})
	if len(errs) == 0 && (len(w.elided) == 0 || len(w.abbrev) == 0) {
		errs = append(errs, &datafile.Error{File: name, Msg: "no elision or no abbreviation class"})
	}
	return w, errs.Err()
}

// minStem is the fewest letters a word keeps when a clitic or an ending
// is taken off: Arabic roots have three.
const minStem = 3

// Unclitic returns the folded word w with one proclitic of lang taken off
// (and, for a clitic fused with the article, the article put back), the
// longest clitic first: "والعراق" gives "العراق", "للعراق" "العراق". It
// returns nothing for a language without proclitics, or when what would
// remain is shorter than three letters.
func Unclitic(lang, w string) []Bare {
	var out []Bare
	for _, c := range words.proclitics[lang] {
		if rest, ok := strings.CutPrefix(w, c.form); ok && utf8.RuneCountInString(rest) >= minStem {
			out = append(out, Bare{Clitic: c.form, Word: c.repl + rest})
		}
	}
	return out
}

// Bare is a word read without its proclitic.
type Bare struct {
	Clitic string // the proclitic as written ("و", "لل")
	Word   string // the word without it
}

// lightStemmer stems a folded word of a language without a snowball
// stemmer from its proclitic and suffix classes: at most two proclitics
// off (the longest each time), then one ending, each leaving three
// letters or more. nil when the language has neither class.
func lightStemmer(lang string) func(string) string {
	pro, suf := words.proclitics[lang], words.suffixes[lang]
	if len(pro) == 0 && len(suf) == 0 {
		return nil
	}
	return func(w string) string {
		for range 2 {
			for _, c := range pro {
				if rest, ok := strings.CutPrefix(w, c.form); ok && utf8.RuneCountInString(c.repl+rest) >= minStem && utf8.RuneCountInString(rest) >= minStem {
					w = c.repl + rest
					break
				}
			}
		}
		for _, e := range suf {
			if rest, ok := strings.CutSuffix(w, e); ok && utf8.RuneCountInString(rest) >= minStem {
				return rest
			}
		}
		return w
	}
}
