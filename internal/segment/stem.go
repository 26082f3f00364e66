package segment

import (
	"strings"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
)

// Stemmer returns the stemming function for a language: it takes a
// folded word and returns its snowball stem (folded). French, English,
// Spanish and Russian have one, so a new language among them needs only
// data files; Persian has persianStem, German germanStem; a language with
// proclitic or suffix classes in words.tsv (Arabic) strips those; others get the
// identity (patterns then list word forms).
func Stemmer(lang string) func(string) string {
	switch lang {
	case "fr":
		return func(w string) string { return Fold(french.Stem(w, true)) }
	case "en":
		return func(w string) string { return english.Stem(w, true) }
	case "es":
		// Snowball leaves the "i" of a preterite ("reunió" reuni, "reunir"
		// reun): a stem's final "i" goes, so that a verb's forms share the
		// stem its infinitive has, the way the lexicon finds triggers.
		return func(w string) string {
			s := Fold(spanish.Stem(w, true))
			if len(s) > 3 && s[len(s)-1] == 'i' {
				s = s[:len(s)-1]
			}
			return s
		}
	case "ru":
		return func(w string) string { return russian.Stem(w, true) }
	case "fa":
		return persianStem
	case "de":
		return germanStem
	}
	if st := lightStemmer(lang); st != nil {
		return st
	}
	return func(w string) string { return w }
}

// Persian affixes, folded (Arabic yeh and kaf, no ZWNJ): the continuous and
// negative prefixes of verbs, and the endings of plurals, persons,
// participles and the indefinite or ezafe yeh, longest first.
var (
	persianPrefixes = []string{"نمي", "مي"}
	persianSuffixes = []string{"هايي", "هاي", "ها", "اند", "ات", "ند", "يد", "يم", "اي", "ه", "ي"}
)

// persianStem strips a folded Persian word's verb prefix and up to two
// endings, keeping two letters at least: "ميكشند" and "كشتند" are كش and
// كشت (a verb's present and past stems stay apart: the lexicon names its
// past stem, as the treebanks lemmatize), "حملات" and "حملهاي" are حمل
// as "حمله" is. It finds trigger candidates and context words; the model
// gives the lemma.
func persianStem(w string) string {
	for _, p := range persianPrefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 2 {
			w = rest
			break
		}
	}
	for range 2 {
		cut := false
		for _, s := range persianSuffixes {
			if rest, ok := strings.CutSuffix(w, s); ok && utf8.RuneCountInString(rest) >= 2 {
				w, cut = rest, true
				break
			}
		}
		if !cut {
			break
		}
	}
	return w
}

// germanStem strips the inflectional endings of a folded German word in the
// manner of CISTEM (Weissweiler and Fraser, 2017): "-em", "-er", "-nd" from
// words of more than five letters, then "-e", "-s", "-n", "-t", one at a
// time, while more than three letters stay. A verb's forms share its
// infinitive's stem ("verurteilte", "verurteilt", "verurteilen":
// "verurteil"); strong verbs' vowel changes ("griff", "greifen") do not.
func germanStem(w string) string {
	for len(w) > 3 {
		switch {
		case len(w) > 5 && (strings.HasSuffix(w, "em") || strings.HasSuffix(w, "er") || strings.HasSuffix(w, "nd")):
			w = w[:len(w)-2]
		case strings.HasSuffix(w, "e") || strings.HasSuffix(w, "s") || strings.HasSuffix(w, "n") || strings.HasSuffix(w, "t"):
			w = w[:len(w)-1]
		default:
			return w
		}
	}
	return w
}
