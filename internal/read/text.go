package read

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"entente"
)

// Text makes a document of a plain text file. Text is data unchanged when
// it is UTF-8, so byte offsets are offsets in the file; a file in another
// encoding (windows-1252, ISO-8859-1, windows-1251...) is detected and
// converted to UTF-8 first (logged to Options.Log), and offsets are into
// the converted text; Chrome marks furniture lines and a
// headline-like first line followed by a blank line becomes Title (it
// stays in Text).
func Text(name string, data []byte, opt Options) (*entente.Document, error) {
	doc, err := textDoc(name, data, opt)
	if err != nil {
		return nil, &Error{Doc: name, Err: err}
	}
	return doc, nil
}

func textDoc(id string, data []byte, opt Options) (*entente.Document, error) {
	if max := opt.maxBytes(); int64(len(data)) > max {
		return nil, fmt.Errorf("%w: %d bytes, over %d", ErrTooLarge, len(data), max)
	}
	data, conv, err := toUTF8(data, false)
	if err != nil {
		return nil, err
	}
	if err := checkText(data); err != nil {
		return nil, err
	}
	opt.logConverted(id, conv)
	text := string(data)
	doc := &entente.Document{ID: id, Text: text, Chrome: Chrome(text), Title: firstTitle(text)}
	opt.finish(doc)
	return doc, nil
}

// checkText rejects what is not a text document: binary data, bytes that
// are not UTF-8 and documents with nothing but white space.
func checkText(data []byte) error {
	for i, b := range data {
		if b == 0 {
			return fmt.Errorf("%w: NUL byte at %d", ErrBinary, i)
		}
	}
	if i := invalidUTF8(data); i >= 0 {
		return fmt.Errorf("%w at byte %d", ErrNotUTF8, i)
	}
	control, blank := 0, true
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		i += n
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
		case r < 0x20 || r == 0x7f:
			control++
		case unicode.IsSpace(r) || r == '\ufeff':
		default:
			blank = false
		}
	}
	if control > 0 && control*20 > len(data) {
		return fmt.Errorf("%w: %d control characters in %d bytes", ErrBinary, control, len(data))
	}
	if blank {
		return ErrEmpty
	}
	return nil
}

// invalidUTF8 returns the offset of the first byte that is not part of a
// valid UTF-8 sequence, or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// maxTitle is the longest first line taken as a headline, in bytes.
const maxTitle = 200

// firstTitle returns the first non-blank line when a blank line follows it
// and it looks like a headline: short, no final period, not furniture.
func firstTitle(text string) string {
	rest := text
	for rest != "" {
		line, after, found := strings.Cut(rest, "\n")
		t := trimLine(line)
		if t == "" {
			rest = after
			continue
		}
		if !found {
			return ""
		}
		next, _, _ := strings.Cut(after, "\n")
		if trimLine(next) != "" || len(t) >= maxTitle || IsChrome(t) {
			return ""
		}
		if strings.HasSuffix(t, ".") || strings.HasSuffix(t, "…") || strings.HasSuffix(t, ":") || strings.HasSuffix(t, ",") {
			return ""
		}
		if strings.IndexFunc(t, unicode.IsLetter) < 0 {
			return ""
		}
		return t
	}
	return ""
}

// trimLine trims white space, including no-break spaces and a byte order
// mark, from both ends of a line.
func trimLine(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b' })
}
