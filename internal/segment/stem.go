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
		return func(w string) string { return Fold(spanish.Stem(w, true)) }
	case "ru":
		return func(w string) string { return russian.Stem(w, true) }
	}
	return func(w string) string { return w }
}
