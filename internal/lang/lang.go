// Package lang tells which language a document is written in, using the
// function-word lists the knowledge base already loads and the script of
// its letters: no statistical model to embed.
package lang

import (
	"strings"
	"unicode"

	"entente/internal/segment"
)

// Detector guesses a document's language.
type Detector struct {
	stop    map[string]map[string]bool
	letters map[rune]string // a letter only one language writes ("ñ": es)
}

// New returns a Detector over per-language function-word sets and the
// letters each language alone writes (letters[lang] lists them), which
// break a tie of function words.
func New(stopwords map[string]map[string]bool, letters map[string][]string) *Detector {
	d := &Detector{stop: stopwords, letters: map[rune]string{}}
	for l, ws := range letters {
		for _, w := range ws {
			for _, r := range w {
				d.letters[r] = l
			}
		}
	}
	return d
}

// maxWords bounds the words read: the start of a document is enough.
const maxWords = 400

// Detect returns an ISO 639-1 code, or "" when it cannot tell (too few
// words, or none it knows).
func (d *Detector) Detect(text string) string {
	if s := script(text); s != "" {
		if s == "ru" {
			// Ukrainian, Belarusian, Serbian and Macedonian are written in
			// Cyrillic too: a letter only one of them writes ("і", "ў",
			// "ј") tells it from Russian (words.tsv letters).
			if l := d.scriptLetters(text, unicode.Cyrillic, 1); l != "" {
				return l
			}
		}
		if s == "ar" || s == "fa" {
			// Urdu, Pashto and Sorani Kurdish write Persian's letters and
			// letters of their own ("ے", "ټ", "ڵ"): two of them tell the
			// language, so that an Urdu page is not coded as Persian.
			if l := d.scriptLetters(text, unicode.Arabic, 2); l != "" {
				return l
			}
		}
		if s == "ar" {
			// Persian typed with Arabic letters (no پ چ ژ گ, Arabic
			// yeh and kaf) is told by its function words: را، است، که.
			if score, _ := d.score(text); score["fa"] > score["ar"] {
				return "fa"
			}
		}
		return s
	}
	score, own := d.score(text)
	words := score[""]
	delete(score, "")
	// A tie is broken by the function words no other language has
	// ("los", "del" against "as", "do"), then by the letters only one
	// language writes ("ñ", "ç"), then by the code's order.
	letters := d.letterCount(text)
	best, bestN := "", 0
	for l, n := range score {
		if n > bestN || n == bestN && (own[l] > own[best] || own[l] == own[best] && (letters[l] > letters[best] || letters[l] == letters[best] && l < best)) {
			best, bestN = l, n
		}
	}
	if bestN < 2 && words > 3 && (bestN == 0 || len(score) > 1) {
		// One function word is enough only when no other language
		// claims any: a headline such as "Troops fired at protesters
		// near Zvecan".
		return ""
	}
	return best
}

// score counts the function words of each language among the first
// maxWords words of text, and in own those of one language alone;
// score[""] is the number of words read.
func (d *Detector) score(text string) (score, own map[string]int) {
	score, own = map[string]int{}, map[string]int{}
	words := 0
	for _, t := range segment.Tokens(text) {
		if t.Kind != 0 {
			continue
		}
		words++
		if words > maxWords {
			break
		}
		only, n := "", 0
		for l, set := range d.stop {
			if set[t.Fold] {
				score[l]++
				only, n = l, n+1
			}
		}
		if n == 1 {
			own[only]++
		}
	}
	score[""] = words
	return score, own
}

// letterCount counts, by language, the letters of text that only that
// language writes, in its first maxWords*8 bytes.
func (d *Detector) letterCount(text string) map[string]int {
	n := map[string]int{}
	if len(text) > maxWords*8 {
		text = text[:maxWords*8]
	}
	for _, r := range strings.ToLower(text) {
		if l, ok := d.letters[r]; ok {
			n[l]++
		}
	}
	return n
}

// scriptLetters returns the language whose own letters of script are the
// most frequent in the start of text, or "" when fewer than min appear.
func (d *Detector) scriptLetters(text string, script *unicode.RangeTable, min int) string {
	if len(text) > maxWords*8 {
		text = text[:maxWords*8]
	}
	n := map[string]int{}
	for _, r := range strings.ToLower(text) {
		if l, ok := d.letters[r]; ok && unicode.Is(script, r) {
			n[l]++
		}
	}
	best, bestN := "", min-1
	for l, c := range n {
		if c > bestN || c == bestN && l < best {
			best, bestN = l, c
		}
	}
	return best
}

// script names the language of a non-Latin script when most letters are
// in it: Cyrillic (ru), Arabic (ar; fa when Persian letters appear),
// Hebrew (he), Han (zh), Hangul (ko), kana (ja).
func script(text string) string {
	var latin, cyr, arab, heb, han, hangul, kana, persian int
	n := 0
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		if n++; n > 4000 {
			break
		}
		switch {
		case r < 0x250:
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Arabic, r):
			arab++
			if r == 'پ' || r == 'چ' || r == 'ژ' || r == 'گ' || r == 'ک' || r == 'ی' {
				persian++
			}
		case unicode.Is(unicode.Hebrew, r):
			heb++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		}
	}
	if n == 0 || latin*2 > n {
		return ""
	}
	switch {
	case cyr*2 > n:
		return "ru"
	case arab*2 > n:
		if persian*20 > arab {
			return "fa"
		}
		return "ar"
	case heb*2 > n:
		return "he"
	case hangul*2 > n:
		return "ko"
	case kana > 0 && (kana+han)*2 > n:
		return "ja"
	case han*2 > n:
		return "zh"
	}
	return ""
}
