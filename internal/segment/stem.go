package segment

import (
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
)

// Stemmer returns the stemming function for a language: it takes a
// folded word and returns its snowball stem (folded). French, English,
// Spanish and Russian have one, so a new language among them needs only
// data files; others get the identity (patterns then list word forms).
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
	}
	return func(w string) string { return w }
}
