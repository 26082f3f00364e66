package segment

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"entente/data"
)

// The words that decide where a word or a sentence ends are knowledge of
// each language, in data/words.tsv beside the coder's classes:
//
//	elision       words written with an apostrophe before a vowel, split off
//	              as their own token: "l'Iran", "qu'il"
//	abbreviation  words whose final period belongs to the word, so that it
//	              ends no sentence: "M. Macron", "Gen. Milley"
//	ordinalmonth  months written after a day's ordinal period ("am 5. August"):
//	              the period after one or two digits ends no sentence there
//
// Tokenizing comes before a document's language is known and serves
// dictionary phrases of every language alike, so the classes of all
// languages apply to all text. They are read from the embedded file: a
// -dict directory does not change them.
var words = mustSegmentWords(data.Words)

type segmentWords struct {
	elided, abbrev, ordinalMonth map[string]bool
	// abbrevEnd are abbreviations that may also end a sentence ("etc.",
	// "said no.", Russian "г." after a year): a capital after them starts
	// the next one.
	abbrevEnd map[string]bool
}

func mustSegmentWords(tsv []byte) segmentWords {
	w, err := readSegmentWords(tsv)
	if err != nil {
		panic(err)
	}
	return w
}

// readSegmentWords reads the elision, abbreviation and ordinalmonth classes of every
// language from words.tsv (lang, class, words; words folded and
// space-separated).
func readSegmentWords(tsv []byte) (segmentWords, error) {
	w := segmentWords{elided: map[string]bool{}, abbrev: map[string]bool{}, ordinalMonth: map[string]bool{}, abbrevEnd: map[string]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 3 {
			return w, fmt.Errorf("words.tsv:%d: %d columns, want 3", line, len(cols))
		}
		var set map[string]bool
		switch strings.TrimSpace(cols[1]) {
		case "elision":
			set = w.elided
		case "abbreviation":
			set = w.abbrev
		case "ordinalmonth":
			set = w.ordinalMonth
		case "abbreviation-end":
			set = w.abbrevEnd
		default:
			continue
		}
		for _, f := range strings.Fields(cols[2]) {
			if f != Fold(f) {
				return w, fmt.Errorf("words.tsv:%d: %q is not folded (%q)", line, f, Fold(f))
			}
			set[f] = true
		}
	}
	if err := sc.Err(); err != nil {
		return w, fmt.Errorf("words.tsv: %w", err)
	}
	if len(w.elided) == 0 || len(w.abbrev) == 0 {
		return w, fmt.Errorf("words.tsv: no elision or no abbreviation class")
	}
	return w, nil
}
