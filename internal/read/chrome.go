package read

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"entente"
)

//go:embed chrome.txt
var chromeFile string

// furniture is the phrase list of chrome.txt, read once.
var furniture = sync.OnceValue(func() *rules {
	r, _ := parseRules(chromeFile) // a bad line is skipped; TestRulesFile checks there are none
	return r
})

// rules are the phrases that make a line furniture, by kind.
type rules struct {
	line, credit  map[string]bool
	prefix, photo []string
	rights        []string
}

// parseRules reads KIND<TAB>phrase lines; it keeps what it can read and
// reports the first bad line.
func parseRules(src string) (*rules, error) {
	r := &rules{line: map[string]bool{}, credit: map[string]bool{}}
	var bad error
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, phrase, ok := strings.Cut(line, "\t")
		phrase = strings.TrimSpace(phrase)
		if !ok || phrase == "" || phrase != strings.ToLower(phrase) {
			if bad == nil {
				bad = fmt.Errorf("chrome.txt:%d: want KIND<TAB>lower-case phrase", i+1)
			}
			continue
		}
		switch kind {
		case "line":
			r.line[phrase] = true
		case "credit":
			r.credit[phrase] = true
		case "prefix":
			r.prefix = append(r.prefix, phrase)
		case "photo":
			r.photo = append(r.photo, phrase)
		case "rights":
			r.rights = append(r.rights, phrase)
		default:
			if bad == nil {
				bad = fmt.Errorf("chrome.txt:%d: unknown kind %q", i+1, kind)
			}
		}
	}
	return r, bad
}

// hasWordPrefix reports whether s starts with p as whole words: p ends
// with ':' or is followed by the end, a space or ':'.
func hasWordPrefix(s, p string) bool {
	if !strings.HasPrefix(s, p) {
		return false
	}
	rest := s[len(p):]
	return rest == "" || strings.HasSuffix(p, ":") || rest[0] == ' ' || rest[0] == ':'
}

// Chrome returns the page furniture inside plain text: copyright and
// photo credit lines, "Read more" and "Lire aussi" links, share and
// subscribe buttons, lone arrows and lines that are only a URL. Each span
// covers one whole line without its line break ("\n" or "\r\n"), in order.
// Only whole lines count: a sentence that merely names Reuters is content.
func Chrome(text string) []entente.Span {
	var spans []entente.Span
	for start := 0; start < len(text); {
		end, next := len(text), len(text)
		if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
			end, next = start+i, start+i+1
		}
		if end < len(text) && end > start && text[end-1] == '\r' {
			end--
		}
		if IsChrome(text[start:end]) {
			spans = append(spans, entente.Span{Start: start, End: end})
		}
		start = next
	}
	return spans
}

// maxChrome is the longest line, in bytes, that can be furniture.
const maxChrome = 300

// IsChrome reports whether one line of text, as a whole, is page furniture.
func IsChrome(line string) bool {
	t := trimLine(line)
	if t == "" || len(t) > maxChrome {
		return false
	}
	if strings.IndexFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return true // ">", "»", "-", "* * *"
	}
	low := strings.ToLower(t)
	r := furniture()
	if isURL(low) || isHandles(t) || r.isCopyright(low) {
		return true
	}
	key := chromeKey(low)
	if key == "" {
		return false
	}
	period := strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "...")
	return r.isLinkPhrase(key, len(t), period) || r.isCredit(t, key, period)
}

// chromeKey normalises a lower-cased line for phrase matching: typographic
// apostrophes and spaces made plain, French spacing before a colon
// removed, leading bullets and trailing arrows or ellipses cut.
func chromeKey(low string) string {
	low = strings.Map(func(r rune) rune {
		switch r {
		case '’', 'ʼ', '`':
			return '\''
		case '\u00a0', '\u202f', '\u2009', '\t':
			return ' '
		}
		return r
	}, low)
	low = strings.Join(strings.Fields(low), " ")
	low = strings.ReplaceAll(low, " :", ":")
	low = strings.TrimLeft(low, "»›>•*·-–—|▶► ")
	low = strings.TrimRight(low, "»›>→▶►…. -–—|")
	return low
}

// isLinkPhrase reports whether a line is a link, button or label:
// "Lire aussi", "Read more: ...", "Voir sur Africanews".
func (r *rules) isLinkPhrase(key string, n int, period bool) bool {
	if r.line[key] {
		return true
	}
	for _, p := range r.prefix {
		if !hasWordPrefix(key, p) {
			continue
		}
		rest := key[len(p):]
		if rest == "" || strings.HasSuffix(p, ":") || rest[0] == ':' || n <= 120 && !period {
			return true
		}
	}
	return false
}

// isURL reports whether a lower-cased line is only a web address.
func isURL(low string) bool {
	if strings.ContainsAny(low, " \t") {
		return false
	}
	low = strings.TrimSuffix(strings.TrimPrefix(low, "<"), ">")
	for _, p := range []string{"http://", "https://", "www."} {
		if strings.HasPrefix(low, p) && len(low) > len(p) {
			return true
		}
	}
	// a bare domain with a path: "pic.example.com/abc", "africanews.com"
	host, _, _ := strings.Cut(low, "/")
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || strings.IndexFunc(l, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
		}) >= 0 {
			return false
		}
	}
	tld := labels[len(labels)-1]
	return len(tld) >= 2 && strings.IndexFunc(tld, func(r rune) bool { return r < 'a' || r > 'z' }) < 0
}

// isHandles reports whether every word of the line is a @handle or #tag.
func isHandles(t string) bool {
	for _, w := range strings.Fields(t) {
		if len(w) < 2 || (w[0] != '@' && w[0] != '#') {
			return false
		}
	}
	return true
}

// isCopyright reports whether a lower-cased line is a copyright notice.
func (r *rules) isCopyright(low string) bool {
	if strings.Contains(low, "©") || strings.HasPrefix(low, "(c) ") || strings.HasPrefix(low, "(c)2") {
		return len(low) <= 200
	}
	for _, w := range r.rights {
		if strings.Contains(low, w) {
			return true
		}
	}
	if strings.HasPrefix(low, "copyright") {
		return !strings.HasSuffix(low, ".") && len(strings.Fields(low)) <= 8
	}
	return false
}

// isCredit reports whether a line is a picture credit, a byline or the
// name of an agency alone.
func (r *rules) isCredit(t, key string, period bool) bool {
	for _, p := range r.photo {
		if hasWordPrefix(key, p) {
			return len(key) <= 200
		}
	}
	if strings.HasPrefix(key, "(") && strings.HasSuffix(key, ")") {
		in := strings.TrimSpace(key[1 : len(key)-1])
		for _, p := range []string{"photo", "ap photo", "afp photo", "file photo", "image", "crédit", "credit", "illustration", "avec ", "with ", "source"} {
			if strings.HasPrefix(in, p) {
				return true
			}
		}
		key = in
	}
	if period || len(key) > 120 {
		return false
	}
	if (strings.HasPrefix(key, "photo ") || strings.HasPrefix(key, "photos ")) && len(key) <= 60 {
		return true
	}
	for _, p := range []string{"source:", "sources:", "avec ", "with ", "par ", "by ", "via "} {
		if strings.HasPrefix(key, p) && r.allCredits(strings.TrimSpace(key[len(p):])) {
			return true
		}
	}
	if words := strings.Fields(t); len(words) > 1 && len(t) <= 80 {
		if w := strings.ToLower(words[0]); (w == "par" || w == "by") && isNames(words[1:]) {
			return true
		}
	}
	if r.allCredits(key) {
		return true
	}
	if strings.HasSuffix(key, "via getty images") || strings.HasSuffix(key, "/getty images") {
		return len(strings.Fields(key)) <= 8
	}
	// "Vahid Salemi/AP", "AFP/Getty Images": short parts joined by '/', one
	// of them an agency.
	if strings.Contains(key, "/") && !strings.Contains(key, "://") {
		known := false
		for _, part := range strings.Split(key, "/") {
			part = strings.TrimSpace(part)
			if part == "" || len(strings.Fields(part)) > 5 || strings.ContainsAny(part, ",;:!?") {
				return false
			}
			known = known || r.credit[part]
		}
		return known
	}
	return false
}

// allCredits reports whether a lower-cased list ("afp, reuters et ap")
// names only agencies and picture services.
func (r *rules) allCredits(s string) bool {
	if s == "" {
		return false
	}
	for _, sep := range []string{" avec ", " with ", " and ", " et ", " & ", ",", ";", "/", " - ", " | "} {
		s = strings.ReplaceAll(s, sep, "\x00")
	}
	for _, part := range strings.Split(s, "\x00") {
		if !r.credit[strings.TrimSpace(part)] {
			return false
		}
	}
	return true
}

// isNames reports whether a byline's rest is one to five capitalised
// words, with "and", "et" and name particles between them.
func isNames(words []string) bool {
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	for _, w := range words {
		w = strings.TrimRight(w, ",")
		switch w {
		case "and", "et", "de", "du", "des", "la", "le", "van", "von", "da", "di", "bin", "ibn", "al":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
