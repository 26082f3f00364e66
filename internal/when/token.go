package when

import (
	"unicode"
	"unicode/utf8"

	"entente/internal/segment"
)

type tokKind uint8

const (
	tWord  tokKind = iota
	tNum           // digits only: "2024", "05"
	tOrd           // a number with an ordinal suffix: "1er", "5th"
	tPunct         // one rune; apostrophes fold to "'", hyphens to "-"
)

// token is a word, number or punctuation mark of the input.
type token struct {
	start, end int
	s          string    // folded: lower-case, no accents
	info       *wordInfo // set by Find for words in the tables
	num        int32     // value of the leading digits (0 when more than 9)
	ndig       int8      // number of leading digits (capped at 127)
	kind       tokKind
	upper      bool
}

// ordinal suffixes after a day number, folded.
func isOrdinalSuffix(s string) bool {
	switch s {
	case "er", "re", "ere", "e", "eme", "st", "nd", "rd", "th":
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits text into tokens, appending to buf. Folded forms that
// differ from the text share one string.
func tokenize(text string, buf []token) []token {
	var fb []byte // folded forms, back to back
	type span struct{ tok, from, to int }
	var folded []span
	for i := 0; i < len(text); {
		c := text[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || (c >= utf8.RuneSelf && (unicode.IsSpace(r) || r == zwnj)):
			i += size
		case isAlnumASCII(c) || (c >= utf8.RuneSelf && isWordRune(r)):
			j, plain := i+size, c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
			digits := unicode.IsDigit(r) // so far only digits
			for j < len(text) {
				c2 := text[j]
				if c2 < utf8.RuneSelf {
					if !isAlnumASCII(c2) {
						break
					}
					if c2 >= 'A' && c2 <= 'Z' {
						plain = false
					}
					digits = digits && c2 >= '0' && c2 <= '9'
					j++
					continue
				}
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if digits && unicode.IsLetter(r2) && unicode.Is(unicode.Arabic, r2) {
					// A day typed against its Arabic-script month
					// ("۳جوزا") is two words.
					break
				}
				digits = digits && unicode.IsDigit(r2)
				if r2 == zwnj && j+s2 < len(text) {
					// A zero-width non-joiner inside a Persian word
					// ("سه‌شنبه") joins it.
					if r3, _ := utf8.DecodeRuneInString(text[j+s2:]); isWordRune(r3) {
						plain = false
						j += s2
						continue
					}
				}
				if !isWordRune(r2) {
					break
				}
				plain = false
				j += s2
			}
			t := wordToken(text, i, j, c >= 'A' && c <= 'Z' || (c >= utf8.RuneSelf && unicode.IsUpper(r)))
			if t.kind == tWord && !plain {
				from := len(fb)
				fb = appendFold(fb, text[i:j])
				folded = append(folded, span{len(buf), from, len(fb)})
				if c >= utf8.RuneSelf && unicode.IsDigit(r) {
					// Arabic-Indic and Persian digits: the number of
					// their folded ASCII digits.
					number(&t, string(fb[from:]))
				}
			}
			buf = append(buf, t)
			i = j
		default:
			t := token{start: i, end: i + size, kind: tPunct}
			switch r {
			case '\'', '’', 'ʼ', '‘', '`', '´':
				t.s = "'"
			case '-', '‐', '‑':
				t.s = "-"
			default:
				t.s = text[i : i+size]
			}
			buf = append(buf, t)
			i += size
		}
	}
	if len(folded) > 0 {
		all := string(fb)
		for _, f := range folded {
			buf[f.tok].s = all[f.from:f.to]
		}
	}
	return buf
}

func isAlnumASCII(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// wordToken classifies text[i:j], a run of letters and digits. A word's
// folded form is left as the raw text; tokenize folds it when needed.
func wordToken(text string, i, j int, upper bool) token {
	t := token{start: i, end: j, kind: tWord, upper: upper, s: text[i:j]}
	number(&t, t.s)
	return t
}

// zwnj is the zero-width non-joiner of Persian words.
const zwnj = '\u200c'

// number reads the leading digits of raw (a word's text, or its folded
// form) into t.
func number(t *token, raw string) {
	n := 0
	for n < len(raw) && raw[n] >= '0' && raw[n] <= '9' {
		n++
	}
	if n == 0 {
		return
	}
	// Leading digits are kept even on words: "05T10" of an ISO timestamp.
	t.ndig = int8(min(n, 127))
	if n <= 9 {
		for k := 0; k < n; k++ {
			t.num = t.num*10 + int32(raw[k]-'0')
		}
	}
	if n == len(raw) || isOrdinalSuffix(fold(raw[n:])) {
		t.kind = tOrd
		if n == len(raw) {
			t.kind = tNum
		}
	}
}

// fold lower-cases s and strips the accents of Latin letters. Plain
// lower-case ASCII is returned as is, without allocating.
func fold(s string) string {
	for k := 0; k < len(s); k++ {
		if c := s[k]; c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return string(appendFold(nil, s))
		}
	}
	return s
}

// appendFold appends the folded form of s to b.
func appendFold(b []byte, s string) []byte {
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[k:])
		k += size - 1
		if f, ok := segment.ArabicFold(r); ok {
			b = append(b, f...)
			continue
		}
		r = unicode.ToLower(r)
		switch r {
		case 'à', 'á', 'â', 'ã', 'ä', 'å':
			b = append(b, 'a')
		case 'ç':
			b = append(b, 'c')
		case 'è', 'é', 'ê', 'ë':
			b = append(b, 'e')
		case 'ì', 'í', 'î', 'ï':
			b = append(b, 'i')
		case 'ñ':
			b = append(b, 'n')
		case 'ò', 'ó', 'ô', 'õ', 'ö':
			b = append(b, 'o')
		case 'ù', 'ú', 'û', 'ü':
			b = append(b, 'u')
		case 'ý', 'ÿ':
			b = append(b, 'y')
		case 'œ':
			b = append(b, 'o', 'e')
		case 'æ':
			b = append(b, 'a', 'e')
		case '’', 'ʼ', '‘':
			b = append(b, '\'')
		default:
			if !unicode.Is(unicode.Mn, r) {
				b = utf8.AppendRune(b, r)
			}
		}
	}
	return b
}
