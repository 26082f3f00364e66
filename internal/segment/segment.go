// Package segment splits a document's text into sentences and tokens that
// keep byte offsets into the original text, and gives each token its
// case- and accent-folded form and its snowball stem.
//
// The same tokenizer serves dictionary phrases (Tokens), so that a phrase
// in a knowledge file and the same words in an article fold to the same
// token sequence.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"entente"
)

// Split fills doc.Sentences from doc.Text, skipping doc.Chrome.
// Tokens get stems for doc.Lang.
func Split(doc *entente.Document) {
	new(Stems).Split(doc)
}

// Tokens tokenizes a phrase (a dictionary entry): the folded forms of
// its words and numbers, punctuation included.
func Tokens(phrase string) []entente.Token {
	return tokens(phrase, nil)
}

// Folds returns the folded forms of a phrase's tokens.
func Folds(phrase string) []string {
	ts := tokens(phrase, nil)
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Fold
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// isJoiner reports the zero-width non-joiner (ZWNJ), which Persian writes
// inside a word ("می‌شود", "کشورها"): between two word characters it
// joins them, it does not split them. Fold drops it.
func isJoiner(r rune) bool { return r == '\u200c' }

// isDecimal reports a separator inside a number: the period and comma,
// and the Arabic decimal and thousands separators ("۳٫۵", "١٬٠٠٠").
func isDecimal(r rune) bool { return r == '.' || r == ',' || r == '٫' || r == '٬' }

func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‑' || r == '‐' }

// tokens scans text and returns its tokens outside the skipped spans.
func tokens(text string, skip []entente.Span) []entente.Token {
	return tokensIn(text, skip, 0, len(text))
}

// tokensIn returns the tokens of text[start:end] outside the skipped
// spans. Scanning depends on nothing but the position, so from the start
// of a token of the whole text (a sentence's first) it gives the tokens
// that scanning the whole text gives there.
func tokensIn(text string, skip []entente.Span, start, end int) []entente.Token {
	out := make([]entente.Token, 0, (end-start)/5)
	si := 0
	i := start
	for i < end {
		for si < len(skip) && skip[si].End <= i {
			si++
		}
		if si < len(skip) && skip[si].Start <= i {
			i = skip[si].End
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r) || isJoiner(r) || isHyphen(r) && i > 0 && i+size < len(text) && wordAround(text, i, size):
			// A joiner outside a word (scanWord keeps those inside) is
			// no token.
			i += size
		case isWordRune(r):
			out, i = appendWord(out, text, i, scanWord(text, i))
		default:
			out = append(out, entente.Token{Span: entente.Span{Start: i, End: i + size}, Kind: entente.Punct, Fold: foldPunct(text[i : i+size])})
			i += size
		}
	}
	return out
}

// wordAround reports whether the rune at i (of the given size) sits
// between two word characters, as the hyphen in "États-Unis" does.
func wordAround(text string, i, size int) bool {
	p, _ := utf8.DecodeLastRuneInString(text[:i])
	n, _ := utf8.DecodeRuneInString(text[i+size:])
	return isWordRune(p) && isWordRune(n)
}

// scanWord returns the end of the word starting at i: letters and digits,
// with inner periods ("U.S.") and decimal separators ("30,4").
func scanWord(text string, i int) int {
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if isWordRune(r) {
			j += size
			continue
		}
		if isJoiner(r) && j+size < len(text) && isWordRune(firstRune(text[j+size:])) {
			j += size
			continue
		}
		if isDecimal(r) && j+size < len(text) {
			n, _ := utf8.DecodeRuneInString(text[j+size:])
			p, _ := utf8.DecodeLastRuneInString(text[:j])
			if unicode.IsDigit(p) && unicode.IsDigit(n) {
				j += size
				continue
			}
			if r == '.' && unicode.IsLetter(n) && unicode.IsUpper(n) && isInitialism(text[i:j]) {
				j += size
				continue
			}
		}
		break
	}
	// A final period belongs to abbreviations and initialisms.
	if j < len(text) && text[j] == '.' {
		w := text[i:j]
		if words.abbrev[Fold(w)] || strings.Contains(w, ".") || utf8.RuneCountInString(w) == 1 && unicode.IsUpper(firstRune(w)) {
			j++
		}
	}
	return j
}

// isInitialism reports whether w so far looks like "U" or "U.S" (one
// upper-case letter between periods).
func isInitialism(w string) bool {
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) != 1 || !unicode.IsUpper(firstRune(part)) {
			return false
		}
	}
	return true
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// appendWord appends the word text[i:end], splitting elisions
// ("l'Iran" → "l'", "Iran"; not "aujourd'hui", "O'Brien") and English possessives ("Iran's" → "Iran", "'s").
// It returns where scanning goes on.
func appendWord(out []entente.Token, text string, i, end int) ([]entente.Token, int) {
	// Elision: a short word, an apostrophe, then a letter.
	if end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if isApos(r) && end+size < len(text) && isWordRune(firstRune(text[end+size:])) {
			w := Fold(text[i:end])
			rest := scanWord(text, end+size)
			switch {
			case words.elided[w] && !(w == "n" && unicode.IsUpper(firstRune(text[end+size:]))):
				out = append(out, entente.Token{Span: entente.Span{Start: i, End: end + size}, Kind: entente.Word, Fold: w, Upper: unicode.IsUpper(firstRune(text[i:]))})
				return appendWord(out, text, end+size, rest)
			case Fold(text[end+size:rest]) == "s" || Fold(text[end+size:rest]) == "t":
				// Iran's, don't: the clitic is its own token.
				out = append(out, word(text, i, end))
				return append(out, entente.Token{Span: entente.Span{Start: end, End: rest}, Kind: entente.Word, Fold: "'" + Fold(text[end+size:rest])}), rest
			default:
				// O'Brien, N'Djamena: one word.
				return append(out, word(text, i, rest)), rest
			}
		}
	}
	return append(out, word(text, i, end)), end
}

func word(text string, i, end int) entente.Token {
	s := text[i:end]
	kind := entente.Word
	if unicode.IsDigit(firstRune(s)) {
		kind = entente.Number
	}
	return entente.Token{Span: entente.Span{Start: i, End: end}, Kind: kind, Fold: Fold(s), Upper: unicode.IsUpper(firstRune(s))}
}

// foldPunct maps typographic variants of punctuation to one form.
func foldPunct(s string) string {
	switch s {
	case "«", "»", "“", "”", "„", "‟", "\"":
		return "\""
	case "’", "‘", "'":
		return "'"
	case "–", "—", "―":
		return "-"
	case "،": // Arabic comma
		return ","
	case "؛": // Arabic semicolon
		return ";"
	case "؟": // Arabic question mark
		return "?"
	case "۔": // Urdu full stop
		return "."
	}
	return s
}

// sentences groups tokens into sentences.
func sentences(text string, toks []entente.Token) []entente.Sentence {
	var out []entente.Sentence
	start := 0
	flush := func(end int) {
		if end > start {
			ts := toks[start:end:end]
			out = append(out, entente.Sentence{Span: entente.Span{Start: ts[0].Start, End: ts[len(ts)-1].End}, Tokens: ts})
		}
		start = end
	}
	for i := 0; i < len(toks); i++ {
		if i > start && breakBefore(text, toks, i) {
			flush(i)
		}
	}
	flush(len(toks))
	return out
}

// breakBefore reports whether a sentence ends just before toks[i].
func breakBefore(text string, toks []entente.Token, i int) bool {
	prev, cur := toks[i-1], toks[i]
	gap := text[prev.End:cur.Start]
	if nl := strings.Count(gap, "\n"); nl >= 2 {
		return true
	} else if nl == 1 {
		// A line break ends a sentence unless the next line carries on in
		// lower case (hard-wrapped text).
		r := firstRune(text[cur.Start:])
		return !unicode.IsLower(r)
	}
	// After sentence-final punctuation (and any closing quotes or
	// brackets), a sentence starts with a capital, digit or quote.
	j := i - 1
	for j >= 0 && isCloser(toks[j].Fold) && toks[j].Kind == entente.Punct && !isOpener(text[toks[j].Start:toks[j].End]) {
		j--
	}
	// An opening quote after the full stop already began the sentence:
	// ". « Elles vont" does not leave « alone.
	if j >= 0 && j == i-1 && isOpener(text[toks[j].Start:toks[j].End]) {
		return false
	}
	if j >= 0 && j == i-1 && endsSentence(toks[j]) {
		// "… ports, roads, etc. The army": a capital after an abbreviation
		// that may end a sentence starts the next one.
		return gap != "" && unicode.IsUpper(firstRune(text[cur.Start:]))
	}
	if j < 0 || toks[j].Kind != entente.Punct || !isFinal(toks[j].Fold) {
		return false
	}
	// A day's ordinal period before its month: "am 5. August".
	if j == i-1 && j > 0 && toks[j].Fold == "." && words.ordinalMonth[cur.Fold] && toks[j-1].End == toks[j].Start &&
		len(toks[j-1].Fold) <= 2 && strings.Trim(toks[j-1].Fold, "0123456789") == "" {
		return false
	}
	if j < i-1 && isCloser(cur.Fold) {
		return false
	}
	if gap == "" && cur.Kind != entente.Punct && !unspaced(text, toks, j, i) {
		return false
	}
	if cur.Kind == entente.Punct {
		if cur.Fold == "\"" {
			return opensQuote(text, toks, i)
		}
		return cur.Fold == "(" || cur.Fold == "-"
	}
	r := firstRune(text[cur.Start:])
	return unicode.IsUpper(r) || unicode.IsDigit(r) || !unicode.IsLower(r) && unicode.IsLetter(r)
}

// unspaced reports a full stop written without its space between two
// sentences ("mardi.Le ministre"): a lower-case word of two letters or more
// before it, a capitalised word of lower-case letters after it (not a
// domain name, "site.fr", nor an acronym, "voir.NATO").
func unspaced(text string, toks []entente.Token, j, i int) bool {
	if j != i-1 || j < 1 || toks[j].Fold != "." || toks[j-1].Kind != entente.Word || toks[j-1].End != toks[j].Start {
		return false
	}
	prev := text[toks[j-1].Start:toks[j-1].End]
	last, _ := utf8.DecodeLastRuneInString(prev)
	if utf8.RuneCountInString(prev) < 2 || !unicode.IsLower(last) {
		return false
	}
	next := []rune(text[toks[i].Start:toks[i].End])
	return len(next) >= 2 && unicode.IsUpper(next[0]) && unicode.IsLower(next[1])
}

// opensQuote reports whether the quotation mark toks[i] opens a quote:
// guillemets and curly quotes say so; a straight quote opens when the
// quotes before it on its line are balanced.
func opensQuote(text string, toks []entente.Token, i int) bool {
	switch text[toks[i].Start:toks[i].End] {
	case "«", "“", "„":
		return true
	case "»", "”":
		return false
	}
	n := 0
	for j := i - 1; j >= 0 && !strings.Contains(text[toks[j].End:toks[j+1].Start], "\n"); j-- {
		if toks[j].Fold == "\"" {
			n++
		}
	}
	return n%2 == 0
}

// isOpener reports whether a quotation mark only ever opens a quote.
func isOpener(q string) bool { return q == "«" || q == "“" || q == "„" }

// endsSentence reports whether t is an abbreviation with its period that
// may also end a sentence ("etc.", "no.").
func endsSentence(t entente.Token) bool {
	base, ok := strings.CutSuffix(t.Fold, ".")
	return ok && t.Kind == entente.Word && words.abbrevEnd[base]
}

func isFinal(p string) bool { return p == "." || p == "!" || p == "?" || p == "…" }

func isCloser(p string) bool { return p == "\"" || p == ")" || p == "]" || p == "'" }

// Fold lower-cases s, strips diacritics and expands ligatures:
// "Téhéran" → "teheran", "Œuvre" → "oeuvre".
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// BodyStart is the index of the first token of a sentence after the
// dateline that may open it ("PARIS, 3 mars (AFP) - Arrivé lundi …":
// "Arrivé"): the token after a dash that follows a closing bracket among
// the first tokens, else 0.
func BodyStart(toks []entente.Token) int {
	for k := 1; k < len(toks)-1 && k < 16; k++ {
		if toks[k].Fold == "-" && toks[k-1].Fold == ")" {
			return k + 1
		}
	}
	return 0
}
