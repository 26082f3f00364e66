// Package lang tells which language a document is written in, using the
// function-word lists the knowledge base already loads and the script of
// its letters: no statistical model to embed.
package lang

import (
	"unicode"

	"entente/internal/segment"
)

// Detector guesses a document's language.
type Detector struct {
	stop map[string]map[string]bool
}

// New returns a Detector over per-language function-word sets.
func New(stopwords map[string]map[string]bool) *Detector {
	return &Detector{stop: stopwords}
}

// maxWords bounds the words read: the start of a document is enough.
const maxWords = 400

// Detect returns an ISO 639-1 code, or "" when it cannot tell (too few
// words, or none it knows).
func (d *Detector) Detect(text string) string {
	if s := script(text); s != "" {
		if s == "ar" {
			// Persian typed with Arabic letters (no پ چ ژ گ, Arabic
			// yeh and kaf) is told by its function words: را، است، که.
			if score := d.score(text); score["fa"] > score["ar"] {
				return "fa"
			}
		}
		return s
	}
	score := d.score(text)
	words := score[""]
	delete(score, "")
	best, bestN := "", 0
	for l, n := range score {
		if n > bestN || n == bestN && l < best {
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
// maxWords words of text; score[""] is the number of words read.
func (d *Detector) score(text string) map[string]int {
	score := map[string]int{}
	words := 0
	for _, t := range segment.Tokens(text) {
		if t.Kind != 0 {
			continue
		}
		words++
		if words > maxWords {
			break
		}
		for l, set := range d.stop {
			if set[t.Fold] {
				score[l]++
			}
		}
	}
	score[""] = words
	return score
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
