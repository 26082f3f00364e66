package segment

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps Latin letters with diacritics, ligatures and a few
// typographic characters to their folded form, and normalises Arabic
// script (see arabicFolds and persianFolds). It is built once from the Unicode
// decompositions and never written after.
var foldTable = buildFoldTable()

func buildFoldTable() map[rune]string {
	t := map[rune]string{
		'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae", 'ß': "ss", 'ø': "o", 'Ø': "o",
		'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ı': "i", 'ð': "d", 'þ': "th",
		'’': "'", '‘': "'", 'ʼ': "'", 'ё': "е", 'Ё': "е",
	}
	for r, f := range arabicFolds {
		t[r] = f
	}
	for r, f := range persianFolds {
		t[r] = f
	}
	for i := rune(0); i < 10; i++ {
		// Arabic-Indic and Persian digits are the ASCII digits.
		t[0x0660+i] = string('0' + i)
		t[0x06F0+i] = string('0' + i)
	}
	for r := rune(0xC0); r <= 0x24F; r++ {
		if _, ok := t[r]; ok || !unicode.IsLetter(r) {
			continue
		}
		var b strings.Builder
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(unicode.ToLower(d))
			}
		}
		if s := b.String(); s != "" && s != string(r) {
			t[r] = s
		}
	}
	return t
}

// arabicFolds normalises the spellings of one Arabic word that writers
// use for one another, so that a dictionary phrase and a news text meet
// whatever their hands did. The vowel marks (harakat, shadda, sukun, the
// superscript alef) are combining marks, which Fold drops already.
//   - tatweel, the stretching stroke (ـ), goes;
//   - alef with hamza above or below, with madda, and alef wasla
//     (أ إ آ ٱ) are bare alef (ا): news often leave the hamza out;
//   - hamza on waw or ya (ؤ ئ) is the bare hamza (ء): "مسؤول" and the
//     Egyptian "مسئول" are one word;
//   - ta marbuta (ة) is ha (ه) and alef maqsura (ى) is ya (ي): both are
//     written for the other at the end of a word, often without dots.
var arabicFolds = map[rune]string{
	'ـ': "",
	'أ': "ا", 'إ': "ا", 'آ': "ا", 'ٱ': "ا",
	'ؤ': "ء", 'ئ': "ء",
	'ة': "ه",
	'ى': "ي",
}

// persianFolds writes Persian text in the letters of arabicFolds, so that
// a word typed on a Persian keyboard and the same word typed on an Arabic
// one (as older Persian sites and many Afghan ones do) fold alike:
//   - Persian yeh (ی) is Arabic yeh (ي), and keheh (ک) is kaf (ك);
//   - heh with yeh above (ۀ), the ezafe of "خانهٔ", is heh (ه), as is
//     heh goal (ہ); the hamza above it (ٔ) is a mark and goes already;
//   - the zero-width non-joiner (ZWNJ, U+200C) that keeps "می‌شود" or
//     "کشورها" from joining its letters goes: the tokenizer keeps it
//     inside a word (isJoiner), and a writer who leaves it out ("میشود")
//     writes the same folded word.
//
// Persian digits (۰-۹) are digits (buildFoldTable).
var persianFolds = map[rune]string{
	'ی': "ي", 'ې': "ي", 'ۍ': "ي",
	'ک': "ك", 'ڪ': "ك",
	'ۀ': "ه", 'ہ': "ه", 'ە': "ه",
	'\u200c': "",
	// The Arabic decimal and thousands separators.
	'٫': ".", '٬': ",",
}

// ArabicFold returns the folded form of a rune of the Arabic script (its
// letters, marks and digits as arabicFolds and persianFolds write them, the
// zero-width non-joiner dropped) and whether r is one: packages with a
// tokenizer of their own (internal/when) read Arabic and Persian text as
// this one does.
func ArabicFold(r rune) (string, bool) {
	if r != '\u200c' && !unicode.Is(unicode.Arabic, r) {
		return "", false
	}
	if f, ok := foldTable[r]; ok {
		return f, true
	}
	if unicode.Is(unicode.Mn, r) {
		return "", true
	}
	return string(r), true
}
