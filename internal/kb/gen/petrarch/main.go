// Command petrarch writes data/lexicon/LANG-petrarch.txt from a CAMEO verb
// dictionary of the PETRARCH coders (Open Event Data Alliance, MIT
// licence): each verb with the code its block or its own line gives, and
// each pattern of its block as the words that must stand among the verb's
// complements. English reads PETRARCH-2's CAMEO.2.0.txt, Spanish
// UniversalPetrarch's verbpatterns_es_190128.txt, Arabic the CAMEO.ar.0.5.txt
// of its arabic branch.
//
// Only facts are taken (verbs, the words that select a code, the codes).
// What the parse cannot check is left out: patterns with words before the
// verb (they constrain the subject), reverse-only codes ("[:190]"), codes
// our codebook lacks; in a language whose verbs are named by their
// infinitive, the entries that are not one (the Spanish dictionary lists
// nouns such as "visita" among its verbs). Run it from the repository root
// with the dictionaries beside the repository:
//
//	go run ./internal/kb/gen/petrarch [-lang en|es|ar] [-src FILE] [-out data/lexicon/LANG-petrarch.txt]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"entente/internal/segment"
)

// language is what the converter knows of a dictionary's language.
type language struct {
	src  string // the dictionary, relative to the repository root
	name string // how the generated file's header names it
	// licence is the file holding the dictionary's licence when its
	// header does not (UniversalPetrarch's dictionaries).
	licence string
	// infinitives are the endings of a verb's lemma (empty: any word):
	// a verb line that has none is left out.
	infinitives []string
	// clitic is the reflexive pronoun written on an infinitive
	// ("reunirse"), which the parser's lemma does not keep.
	clitic string
	// headFirst: a multiword name's head is its first word ("relaciones
	// diplomaticas"), else its last ("guided missile").
	headFirst bool
	// drop lists the pattern words left out: articles, which the parse
	// does not need to find a verb's complement.
	drop []string
	// yield names the hand-written lexicon whose verbs the generated file
	// leaves out: a verb the team wrote is coded by its entries alone
	// (a translated dictionary's patterns would override its defaults).
	yield string
	// yielded holds the lemmas of yield (read by run).
	yielded map[string]bool
	// fold: the dictionary's words are folded (Arabic: vowel marks and
	// hamza seats as internal/segment folds them), as the lexicon reads
	// them.
	fold bool
	// particle joins a verb to the preposition it governs ("ندد+ب"):
	// the verb is the lemma, a preposition of two letters or more a
	// context word, a one-letter one (a proclitic, written on its noun)
	// is left out.
	particle string
	// noDefaults: a verb's own code or its block's is not written as
	// its default (an entry without context words). The Arabic
	// dictionary is a word-for-word translation of the English one and
	// its defaults are mostly the English verb's other sense ("اجتمع",
	// to meet, is 192, occupy; "أعلن", to announce, 111): a verb codes
	// an event there only with the words of a pattern; lexicon/ar.txt
	// writes the defaults.
	noDefaults bool
}

var languages = map[string]language{
	"en": {
		src:  "../shared/petrarch/petrarch2/dictionaries/CAMEO.2.0.txt",
		name: "the PETRARCH-2 CAMEO verb\n# dictionary (CAMEO.2.0.txt, Open Event Data Alliance, MIT licence; see data/SOURCES.md)",
	},
	"es": {
		src:         "../shared/petrarch/UniversalPetrarch/spanish/verbpatterns_es_190128.txt",
		name:        "the UniversalPetrarch Spanish\n# verb dictionary (verbpatterns_es_190128.txt, Open Event Data Alliance, MIT licence; see data/SOURCES.md)",
		licence:     "../shared/petrarch/UniversalPetrarch/LICENSE",
		infinitives: []string{"ar", "er", "ir"},
		clitic:      "se",
		headFirst:   true,
		drop:        []string{"el", "la", "los", "las", "lo", "un", "una", "unos", "unas"},
		yield:       "data/lexicon/es.txt",
	},
	"ar": {
		src:       "../shared/petrarch/UniversalPetrarch/arabic/CAMEO.ar.0.5.txt",
		name:      "the UniversalPetrarch Arabic\n# verb dictionary (CAMEO.ar.0.5.txt, branch arabic, Open Event Data Alliance, MIT licence; see data/SOURCES.md)",
		licence:   "../shared/petrarch/UniversalPetrarch/LICENSE",
		headFirst: true,
		// One-letter prepositions are proclitics written on their noun:
		// no word of the parse.
		drop:       []string{"ل", "ب", "ك", "و", "ف"},
		yield:      "data/lexicon/ar.txt",
		fold:       true,
		particle:   "+",
		noDefaults: true,
	},
}

func main() {
	lang := flag.String("lang", "en", "the dictionary's language: en, es or ar")
	src := flag.String("src", "", "the verb dictionary (default: the language's, in ../shared/petrarch)")
	out := flag.String("out", "", "the lexicon file to write (default: data/lexicon/LANG-petrarch.txt)")
	skip := flag.String("skip-roots", "01", "comma-separated CAMEO roots left out (01: public statements, too generic to code)")
	flag.Parse()
	l, ok := languages[*lang]
	if !ok {
		log.Fatalf("no dictionary for language %q", *lang)
	}
	if *src != "" {
		l.src = *src
	}
	if *out == "" {
		*out = "data/lexicon/" + *lang + "-petrarch.txt"
	}
	if err := run(l, *lang, *out, *skip); err != nil {
		log.Fatal(err)
	}
}

func run(l language, lang, out, skip string) error {
	src := l.src
	codes, err := readCodes(filepath.Join(filepath.Dir(filepath.Dir(out)), "cameo.tsv"))
	if err != nil {
		return err
	}
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	d, err := parse(f)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	if l.licence != "" {
		b, err := os.ReadFile(l.licence)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
			d.licence = append(d.licence, strings.TrimRight("# "+line, " "))
		}
	}
	if l.yield != "" {
		if l.yielded, err = handLemmas(l.yield); err != nil {
			return err
		}
	}
	lines, st := convert(d, codes, strings.Split(skip, ","), l)
	w, err := os.Create(out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	cmd := "go run ./internal/kb/gen/petrarch"
	if lang != "en" {
		cmd += " -lang " + lang
	}
	fmt.Fprintf(bw, "# Generated by `%s` from %s.\n", cmd, l.name)
	fmt.Fprintf(bw, "# Do not edit: fix the converter, or override an entry in a hand-written %s-*.txt file.\n", lang)
	fmt.Fprintf(bw, "# %d verbs, %d entries; left out: %s.\n", st.verbs, len(lines), st.skipped())
	fmt.Fprintf(bw, "#\n# The source's licence:\n")
	for _, l := range d.licence {
		fmt.Fprintln(bw, l)
	}
	for _, l := range lines {
		fmt.Fprintln(bw, l)
	}
	if err := bw.Flush(); err != nil {
		w.Close()
		return err
	}
	log.Printf("%s: %d verbs, %d entries; left out: %s", out, st.verbs, len(lines), st.skipped())
	return w.Close()
}

// dict is the parsed verb dictionary.
type dict struct {
	sets    map[string][]string // &NAME → members, lower case, "_" between words
	blocks  []block
	licence []string // the comment lines of the MIT licence in the header
}

type block struct {
	code    string // the block's code: "112", "" for [---]
	verbs   []verb
	pattern []pattern
}

type verb struct {
	words []string // lower case; several for "ask_for"
	code  string   // its own code, else ""
}

type pattern struct {
	before bool     // words stand before the verb
	words  []string // lower case, after the verb; "&name" for a set; a trailing "_" is exact
	code   string
	verb   string // the verb the comment says the pattern was written for, lower case
}

func parse(r io.Reader) (*dict, error) {
	d := &dict{sets: map[string][]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var set string
	var cur *block
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		comment := ""
		if i := strings.Index(line, "#"); i >= 0 {
			comment = strings.ToLower(strings.TrimSpace(line[i+1:]))
		}
		if strings.HasPrefix(line, "# The MIT License") || len(d.licence) > 0 && !strings.HasSuffix(d.licence[len(d.licence)-1], "SOFTWARE.") {
			d.licence = append(d.licence, line)
			continue
		}
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			set = ""
		case strings.HasPrefix(line, "---"):
			set = ""
			// A reverse-only block code ("[:110]") gives no default, nor
			// does a block without one (the Spanish "--- DEFEND").
			code, _ := bracket(line)
			d.blocks = append(d.blocks, block{code: code})
			cur = &d.blocks[len(d.blocks)-1]
		case strings.HasPrefix(line, "&") && cur == nil:
			set = strings.ToLower(strings.Fields(line)[0])
		case strings.HasPrefix(line, "+") && set != "":
			d.sets[set] = append(d.sets[set], strings.ToLower(strings.TrimPrefix(strings.Fields(line)[0], "+")))
		case cur == nil || strings.HasPrefix(line, "~"):
			// Other material before the first block; the transformations
			// of reported speech at the end.
		case strings.HasPrefix(line, "-"):
			code, ok := bracket(line)
			if !ok {
				continue
			}
			body := line[1:strings.Index(line, "[")]
			body = strings.NewReplacer("{", " ", "}", " ", "(", " ", ")", " ", "*", " * ").Replace(body)
			var p pattern
			p.code = code
			if f := strings.Fields(comment); len(f) > 0 {
				p.verb = f[0]
			}
			seen := false
			for _, w := range strings.Fields(strings.ToLower(body)) {
				switch {
				case w == "*":
					seen = true
				case w == "$" || w == "+" || w == "^" || w == "%":
				case !seen:
					p.before = true
				default:
					p.words = append(p.words, w)
				}
			}
			if seen {
				cur.pattern = append(cur.pattern, p)
			}
		default:
			f := strings.Fields(line)
			// "DECLARAR[b]": a bracket that is no code is no part of the verb.
			w, _, _ := strings.Cut(f[0], "[")
			v := verb{words: strings.Split(strings.Trim(strings.ToLower(strings.TrimPrefix(w, "+")), "_"), "_")}
			if c, ok := bracket(line); ok {
				v.code = c
			}
			cur.verbs = append(cur.verbs, v)
		}
	}
	return d, sc.Err()
}

// bracket reads the code of "[112]" in a line: "" for [---]; the first of
// "[042:043]"; not ok for a reverse-only "[:190]" or no bracket.
func bracket(line string) (string, bool) {
	i := strings.Index(line, "[")
	j := strings.Index(line, "]")
	if i < 0 || j < i {
		return "", false
	}
	c := strings.TrimSpace(line[i+1 : j])
	if c == "---" {
		return "", true
	}
	c, _, _ = strings.Cut(c, ":")
	if c == "" || strings.Trim(c, "0123456789") != "" {
		// Reverse only, or no code: "[+DICIENDO +DICHO]" lists forms.
		return "", false
	}
	if len(c) == 2 {
		// A root ("[10]") is its generic code (100).
		c += "0"
	}
	return c, true
}

type stats struct {
	verbs                                     int
	before, unknown, skippedRoot, reverseOnly int
	notVerb, yielded                          int
	unknownCodes                              map[string]bool
}

func (s stats) skipped() string {
	out := fmt.Sprintf("%d patterns with words before the verb, %d with a code not in cameo.tsv, %d of a skipped root made \"no event\"", s.before, s.unknown, s.skippedRoot)
	if s.notVerb > 0 {
		out = fmt.Sprintf("%d verb lines that are no infinitive, ", s.notVerb) + out
	}
	if s.yielded > 0 {
		out = fmt.Sprintf("%d verbs the hand-written lexicon codes, ", s.yielded) + out
	}
	return out
}

// lemma returns the lemma of a verb line's first word as the parser gives
// it (folded; "reunirse" is "reunir"), not ok when the language names its
// verbs by their infinitive and the word is none.
func (l language) lemma(w string) (string, bool) {
	if len(l.infinitives) == 0 {
		if l.fold {
			w = segment.Fold(w)
		}
		return w, w != ""
	}
	w = segment.Fold(w)
	if l.clitic != "" {
		if base := strings.TrimSuffix(w, l.clitic); base != w && l.infinitive(base) {
			return base, true
		}
	}
	return w, l.infinitive(w)
}

func (l language) infinitive(w string) bool {
	for _, e := range l.infinitives {
		if len(w) > len(e)+1 && strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// convert turns the dictionary into lexicon lines: "CODE lemma|lemma
// [word...]", the code "-" where the dictionary says "no event".
func convert(d *dict, codes map[string]bool, skipRoots []string, lang language) ([]string, stats) {
	st := stats{unknownCodes: map[string]bool{}}
	skip := func(code string) bool {
		for _, r := range skipRoots {
			if r != "" && strings.HasPrefix(code, r) {
				return true
			}
		}
		return false
	}
	var lines []string
	seen := map[string]bool{}
	emit := func(code string, lemmas []string, words []string) {
		switch {
		case code == "":
			code = "-"
		case !codes[code]:
			st.unknown++
			st.unknownCodes[code] = true
			return
		case skip(code):
			// A generic code becomes no event, so that the verb does
			// not fall back to a default the dictionary did not mean.
			st.skippedRoot++
			code = "-"
		}
		l := code + " " + strings.Join(lemmas, "|")
		if len(words) > 0 {
			l += " " + strings.Join(words, " ")
		}
		if !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	for _, b := range d.blocks {
		// The verbs of a block, grouped by the words after their first
		// (their particle), each with its own default code.
		type group struct {
			lemmas []string
			rest   []string
		}
		groups := map[string]*group{}
		var order []string
		var verbs []verb
		for _, v := range b.verbs {
			if lang.particle != "" {
				v = lang.split(v)
			}
			lemma, ok := lang.lemma(v.words[0])
			if !ok {
				st.notVerb++
				continue
			}
			if lang.yielded[lemma] {
				st.yielded++
				continue
			}
			v.words = append([]string{lemma}, v.words[1:]...)
			verbs = append(verbs, v)
		}
		for _, v := range verbs {
			st.verbs++
			rest := v.words[1:]
			key := strings.Join(rest, " ")
			g := groups[key]
			if g == nil {
				g = &group{rest: rest}
				groups[key] = g
				order = append(order, key)
			}
			if !lang.fold || !contains(g.lemmas, v.words[0]) {
				// Two spellings may fold to one ("رأى", "راى").
				g.lemmas = append(g.lemmas, v.words[0])
			}
			code := v.code
			if code == "" {
				code = b.code
			}
			if code != "" && !(lang.noDefaults && len(rest) == 0) {
				emit(code, []string{v.words[0]}, rest)
			}
		}
		inBlock := map[string]bool{}
		for _, v := range verbs {
			inBlock[v.words[0]] = true
		}
		for _, key := range order {
			g := groups[key]
			sort.Strings(g.lemmas)
			for _, p := range b.pattern {
				if p.before {
					st.before++
					continue
				}
				// A pattern written for one verb of the block ("# CONDEMN")
				// belongs to that verb: the block's verbs are near
				// synonyms, not the same word.
				lemmas := g.lemmas
				if inBlock[p.verb] {
					if !contains(g.lemmas, p.verb) {
						continue
					}
					lemmas = []string{p.verb}
				}
				var words []string
				words = append(words, g.rest...)
				for _, w := range p.words {
					if contains(lang.drop, w) {
						continue
					}
					if cw := lang.contextWord(w, d.sets); cw != "" && cw != "=" {
						words = append(words, cw)
					}
				}
				emit(p.code, lemmas, words)
			}
		}
	}
	return lines, st
}

// split writes a verb joined to its preposition ("ندد+ب") as the verb
// and the preposition as the words after it; a one-letter preposition is
// a proclitic of the noun it governs and is left out.
func (l language) split(v verb) verb {
	parts := strings.Split(v.words[0], l.particle)
	words := []string{parts[0]}
	for _, p := range parts[1:] {
		if utf8.RuneCountInString(p) >= 2 {
			words = append(words, segment.Fold(p))
		}
	}
	v.words = append(words, v.words[1:]...)
	return v
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// contextWord writes one pattern word as lexicon alternatives: a set's
// members by their last word (the head of "guided_missile"), an exact word
// ("artillery_") with "=".
func (l language) contextWord(w string, sets map[string][]string) string {
	var alts []string
	if strings.HasPrefix(w, "&") {
		seen := map[string]bool{}
		for _, m := range sets[w] {
			a := l.word(m)
			if a == "" || contains(l.drop, strings.TrimSuffix(a, "=")) {
				continue
			}
			if !seen[a] {
				seen[a] = true
				alts = append(alts, a)
			}
		}
		if len(alts) == 0 {
			return strings.TrimPrefix(w, "&")
		}
		return strings.Join(alts, "|")
	}
	return l.word(w)
}

func (l language) word(w string) string {
	exact := strings.HasSuffix(w, "_")
	w = strings.Trim(w, "_")
	if l.headFirst {
		// The first word that is no article: "el campo" is "campo".
		parts := strings.Split(w, "_")
		w = parts[0]
		for _, p := range parts {
			if p != "" && !contains(l.drop, p) {
				w = p
				break
			}
		}
	} else if i := strings.LastIndex(w, "_"); i >= 0 {
		w = w[i+1:]
	}
	if len(l.infinitives) > 0 || l.fold {
		w = segment.Fold(w)
	}
	if exact {
		return w + "="
	}
	return w
}

// handLemmas reads the trigger lemmas of a hand-written lexicon file
// (format in data/lexicon/README.md), folded; "call_off" is "call".
func handLemmas(name string) (map[string]bool, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		for _, l := range strings.Split(strings.ReplaceAll(fields[1], "/n", ""), "|") {
			l, _, _ = strings.Cut(l, "_")
			out[segment.Fold(l)] = true
		}
	}
	return out, sc.Err()
}

// readCodes reads the CAMEO codes of cameo.tsv.
func readCodes(name string) (map[string]bool, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	codes := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		c, _, _ := strings.Cut(l, "\t")
		codes[c] = true
	}
	return codes, sc.Err()
}
