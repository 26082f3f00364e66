package when

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
	s          string // folded: lower-case, no accents
	kind       tokKind
	num        int // value of the leading digits (0 when more than 9)
	ndig       int // number of leading digits
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

// tokenize splits text into tokens, appending to buf.
func tokenize(text string, buf []token) []token {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !isWordRune(r2) {
					break
				}
				j += s2
			}
			buf = append(buf, wordToken(text, i, j, unicode.IsUpper(r)))
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
	return buf
}

// wordToken classifies text[i:j], a run of letters and digits.
func wordToken(text string, i, j int, upper bool) token {
	raw := text[i:j]
	t := token{start: i, end: j, kind: tWord, upper: upper}
	n := 0
	for n < len(raw) && raw[n] >= '0' && raw[n] <= '9' {
		n++
	}
	if n > 0 {
		v := 0
		if n <= 9 {
			for k := 0; k < n; k++ {
				v = v*10 + int(raw[k]-'0')
			}
		}
		switch {
		case n == len(raw):
			t.kind, t.num, t.ndig, t.s = tNum, v, n, raw
			return t
		case isOrdinalSuffix(fold(raw[n:])):
			t.kind, t.num, t.ndig, t.s = tOrd, v, n, raw
			return t
		}
	}
	// A word that starts with digits keeps them: "05T10" of an ISO
	// timestamp, "22h".
	t.num, t.ndig, t.s = 0, n, fold(raw)
	if n > 0 && n <= 9 {
		for k := 0; k < n; k++ {
			t.num = t.num*10 + int(raw[k]-'0')
		}
	}
	return t
}

// fold lower-cases s and strips the accents of Latin letters. Plain
// lower-case ASCII is returned as is, without allocating.
func fold(s string) string {
	plain := true
	for k := 0; k < len(s); k++ {
		if c := s[k]; c >= 0x80 || (c >= 'A' && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		switch r {
		case 'à', 'á', 'â', 'ã', 'ä', 'å':
			b.WriteByte('a')
		case 'ç':
			b.WriteByte('c')
		case 'è', 'é', 'ê', 'ë':
			b.WriteByte('e')
		case 'ì', 'í', 'î', 'ï':
			b.WriteByte('i')
		case 'ñ':
			b.WriteByte('n')
		case 'ò', 'ó', 'ô', 'õ', 'ö':
			b.WriteByte('o')
		case 'ù', 'ú', 'û', 'ü':
			b.WriteByte('u')
		case 'ý', 'ÿ':
			b.WriteByte('y')
		case 'œ':
			b.WriteString("oe")
		case 'æ':
			b.WriteString("ae")
		case '’', 'ʼ', '‘':
			b.WriteByte('\'')
		default:
			if unicode.Is(unicode.Mn, r) {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
