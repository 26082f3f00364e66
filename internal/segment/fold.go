package segment

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps Latin letters with diacritics, ligatures and a few
// typographic characters to their folded form. It is built once from the
// Unicode decompositions and never written after.
var foldTable = buildFoldTable()

func buildFoldTable() map[rune]string {
	t := map[rune]string{
		'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae", 'ß': "ss", 'ø': "o", 'Ø': "o",
		'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ı': "i", 'ð': "d", 'þ': "th",
		'’': "'", '‘': "'", 'ʼ': "'", 'ё': "е", 'Ё': "е",
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
