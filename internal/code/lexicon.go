package code

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"entente"
	"entente/internal/datafile"
	"entente/internal/kb"
	"entente/internal/segment"
)

// Lexicon says which words are which event: per language, a trigger lemma
// (a verb, or a noun marked /n) with an optional context of words that
// must stand among its dependents, and the CAMEO code it gives. The coder
// reads its arguments from the parse (frame.go). Files: lexicon/LANG.txt
// and lexicon/LANG-PART.txt; data/lexicon/README.md gives the format.
type Lexicon struct {
	// byLemma indexes the entries per language and trigger lemma, the
	// entries with the most context words first.
	byLemma map[string]map[string][]*Entry
	// Count is the number of entries per language.
	Count map[string]int
	// stems holds, per language, the stems of the trigger lemmas: a
	// sentence none of whose words has one is not worth parsing.
	stems map[string]map[string]bool
	// byStem indexes the entries per language and stem of their lemmas,
	// for the languages that look triggers up by stem (ByStem).
	byStem map[string]map[string][]*Entry
}

// Entry is one line of a lexicon.
type Entry struct {
	Code    string
	Lang    string
	Lemmas  []string // folded lemmas of the trigger
	Noun    bool     // the trigger is a noun (an event noun), else a verb
	Context []ctxWord
	Rule    string // "lexicon/en.txt:12"
	// pattern stands for the entry where the coder's matches need one;
	// mutual, for an act of coordinated subjects with no target ("Chile
	// and Peru signed a treaty"): each pair is a dyad.
	pattern, mutual *Pattern
}

// ctxWord is one word of an entry's context: any of its alternatives.
type ctxWord struct {
	alts []ctxAlt
}

type ctxAlt struct {
	word  string // folded
	stem  string
	exact bool // word=: the folded form, not a stem or a prefix
}

// matches reports whether token t is one of the word's alternatives: its
// lemma or its stem, or (for a word of five letters or more) a form that
// starts with it, as the PETRARCH dictionaries write stems ("violat").
func (w ctxWord) matches(fold, stem, lemma string) bool {
	for _, a := range w.alts {
		switch {
		case a.exact:
			if fold == a.word {
				return true
			}
		case lemma == a.word || stem == a.stem || fold == a.word:
			return true
		case len(a.word) >= 5 && strings.HasPrefix(fold, a.word):
			return true
		}
	}
	return false
}

// Entries lists the entries of a language's trigger lemma, the most
// specific first.
func (lx *Lexicon) Entries(lang, lemma string) []*Entry {
	if lx == nil {
		return nil
	}
	return lx.byLemma[lang][lemma]
}

// ByStem lists the entries whose trigger lemma has the given stem, in
// file order: for a language whose model gives wrong lemmas to the forms
// it has not seen (words.tsv, class triggerstem).
func (lx *Lexicon) ByStem(lang, stem string) []*Entry {
	if lx == nil {
		return nil
	}
	return lx.byStem[lang][stem]
}

// Candidate reports whether a sentence has a word whose stem is that of a
// trigger lemma (an irregular form such as "went" is missed).
func (lx *Lexicon) Candidate(lang string, toks []entente.Token) bool {
	if lx == nil {
		return false
	}
	st := lx.stems[lang]
	for _, t := range toks {
		if st[t.Stem] {
			return true
		}
	}
	return false
}

// CandidateIn reports whether a sentence has a word whose stem is that of
// a trigger lemma that in accepts: a sentence with one actor is worth
// parsing for the acts that may leave their doer untold.
func (lx *Lexicon) CandidateIn(lang string, toks []entente.Token, in func(lemma string) bool) bool {
	if lx == nil {
		return false
	}
	for _, t := range toks {
		for _, e := range lx.byStem[lang][t.Stem] {
			if e.Code != "" && slices.ContainsFunc(e.Lemmas, in) {
				return true
			}
		}
	}
	return false
}

// AddForms makes the written forms of a language's trigger lemmas that
// forms gives (a strong verb's "griff" for angreifen) candidates too, by
// their stems (stem is the language's stemmer).
func (lx *Lexicon) AddForms(lang string, forms func(lemma string) []string, stem func(string) string) {
	st := lx.stems[lang]
	if st == nil {
		return
	}
	for lemma := range lx.byLemma[lang] {
		for _, f := range forms(lemma) {
			st[stem(segment.Fold(f))] = true
		}
	}
}

// Triggers lists, per language, the trigger lemmas with the root codes
// they give (for `entente dict stats`).
func (lx *Lexicon) Triggers(lang string) map[string][]string {
	out := map[string][]string{}
	for lemma, es := range lx.byLemma[lang] {
		for _, e := range es {
			out[lemma] = append(out[lemma], e.Code)
		}
	}
	return out
}

// LoadLexicon reads lexicon/*.txt from fsys, checking codes against the
// codebook of k. It returns what parsed and a datafile.ErrorList of problems.
func LoadLexicon(fsys fs.FS, k *kb.KB) (*Lexicon, error) {
	lx := &Lexicon{byLemma: map[string]map[string][]*Entry{}, Count: map[string]int{}, stems: map[string]map[string]bool{}, byStem: map[string]map[string][]*Entry{}}
	entries, err := fs.ReadDir(fsys, "lexicon")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return lx, nil
		}
		return lx, datafile.ErrorList{{File: "lexicon", Msg: err.Error()}}
	}
	var errs datafile.ErrorList
	// Hand-written files first: at equal context, their entries win.
	var hand, generated []string
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".txt" {
			continue
		}
		name := "lexicon/" + e.Name()
		if isGenerated(fsys, name) {
			generated = append(generated, name)
		} else {
			hand = append(hand, name)
		}
	}
	for _, name := range append(hand, generated...) {
		lang, _, _ := strings.Cut(strings.TrimSuffix(path.Base(name), ".txt"), "-")
		stem := segment.Stemmer(lang)
		datafile.EachLine(fsys, name, &errs, func(l datafile.Line) {
			en, err := parseEntry(l.Text, stem)
			if err != nil {
				l.Bad("%v", err)
				return
			}
			if en.Code != "" && k != nil && len(k.Codes) > 0 && k.Codes[en.Code] == nil {
				l.Bad("unknown CAMEO code %q", en.Code)
				return
			}
			en.Lang = lang
			en.Rule = fmt.Sprintf("%s:%d", name, l.N)
			en.pattern = &Pattern{Code: en.Code, Lang: lang, Rule: en.Rule, Text: l.Text, lits: 1 + len(en.Context)}
			en.mutual = &Pattern{Code: en.Code, Lang: lang, Rule: en.Rule, Text: l.Text, lits: 1 + len(en.Context), Mutual: true}
			if lx.byLemma[lang] == nil {
				lx.byLemma[lang] = map[string][]*Entry{}
			}
			if lx.stems[lang] == nil {
				lx.stems[lang] = map[string]bool{}
			}
			if lx.byStem[lang] == nil {
				lx.byStem[lang] = map[string][]*Entry{}
			}
			for _, lemma := range en.Lemmas {
				lx.byLemma[lang][lemma] = append(lx.byLemma[lang][lemma], en)
				lx.byStem[lang][stem(lemma)] = append(lx.byStem[lang][stem(lemma)], en)
				if en.Code != "" {
					lx.stems[lang][stem(lemma)] = true
				}
			}
			lx.Count[lang]++
		})
	}
	for _, byLemma := range []map[string]map[string][]*Entry{lx.byLemma, lx.byStem} {
		for _, byWord := range byLemma {
			for _, es := range byWord {
				// The most context words first; in file order among equals.
				for i := 1; i < len(es); i++ {
					for j := i; j > 0 && len(es[j].Context) > len(es[j-1].Context); j-- {
						es[j], es[j-1] = es[j-1], es[j]
					}
				}
			}
		}
	}
	return lx, errs.Err()
}

// isGenerated reports a file whose first line says it was generated.
func isGenerated(fsys fs.FS, name string) bool {
	f, err := fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 64)
	n, _ := io.ReadFull(f, buf)
	return strings.HasPrefix(string(buf[:n]), "# Generated")
}

// parseEntry parses "CODE LEMMA[|LEMMA...][/n] [WORD...]". The code "-"
// says the words are no event (a context that keeps a verb from its
// default: "ask ... question" is no appeal). A word is alternatives joined
// by |, each matched on its lemma, its stem or (five letters or more) as
// the start of a form; word= is the exact form. A lemma of several words
// joined by _ ("call_off") is its first word with the others as context.
func parseEntry(text string, stem func(string) string) (*Entry, error) {
	if i := strings.Index(text, " #"); i >= 0 {
		text = text[:i]
	}
	f := strings.Fields(text)
	if len(f) < 2 {
		return nil, fmt.Errorf("want CODE LEMMA [CONTEXT...]")
	}
	e := &Entry{Code: f[0]}
	switch {
	case e.Code == "-":
		e.Code = ""
	case len(e.Code) < 3 || len(e.Code) > 4 || strings.Trim(e.Code, "0123456789") != "":
		return nil, fmt.Errorf("bad code %q", e.Code)
	}
	// "/n" marks nouns, after each lemma or after the last one.
	lemmas := f[1]
	if strings.Contains(lemmas, "/n") {
		e.Noun, lemmas = true, strings.ReplaceAll(lemmas, "/n", "")
	}
	words := f[2:]
	for _, l := range strings.Split(lemmas, "|") {
		parts := strings.Split(l, "_")
		if len(parts) > 1 {
			if strings.Contains(lemmas, "|") {
				return nil, fmt.Errorf("a lemma of several words (%q) stands alone", l)
			}
			words = append(parts[1:len(parts):len(parts)], words...)
		}
		lemma := segment.Fold(parts[0])
		if lemma == "" {
			return nil, fmt.Errorf("empty lemma in %q", f[1])
		}
		e.Lemmas = append(e.Lemmas, lemma)
	}
	for _, w := range words {
		var cw ctxWord
		for _, a := range strings.Split(w, "|") {
			exact := strings.HasSuffix(a, "=")
			a = segment.Fold(strings.TrimSuffix(a, "="))
			if a == "" {
				return nil, fmt.Errorf("empty word in %q", w)
			}
			cw.alts = append(cw.alts, ctxAlt{word: a, stem: stem(a), exact: exact})
		}
		e.Context = append(e.Context, cw)
	}
	return e, nil
}
