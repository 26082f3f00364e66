// Package code codes events: it matches per-language event patterns
// (data/patterns/LANG.txt) against a sentence's tokens and actor mentions
// and writes one event per (source, target, code) it finds, with modality
// and attribution.
package code

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"entente"
	"entente/internal/datafile"
	"entente/internal/kb"
	"entente/internal/segment"
)

// elemKind is the kind of one pattern element.
type elemKind uint8

const (
	lit    elemKind = iota // a word (any of several forms)
	source                 // $S
	target                 // $T
	gap                    // ...
)

type elem struct {
	kind  elemKind
	stems []string // lit: stems that match
	exact []string // lit: folded forms that match exactly (word=)
	seqs  [][]word // lit: alternatives of several words ("tear_gas", "cessez-le-feu")
	text  string
}

// word is one word of a several-word alternative: its stem, or its exact
// folded form; lower, when set, is the exact lower-case spelling with its
// accents ("rencontré=" does not match the noun "rencontre").
type word struct{ stem, exact, lower string }

// Pattern is one event pattern.
type Pattern struct {
	Code      string
	Lang      string
	elems     []elem
	Modality  string // fixed modality, "" when read from the sentence
	Symmetric bool   // also code the reverse dyad
	Mutual    bool   // only $S, filled by coordinated actors: each pair is a dyad
	// State patterns have only $T: an arrest or a ban without a named
	// agent is the act of the authorities of the target's country.
	State bool
	// Open patterns have only $S: an act with no named target ("the
	// protesters demanded elections"); the target is left unknown.
	Open bool
	// Home patterns have only $S: a domestic act ("the protesters marched",
	// "the army lifted the curfew") aimed at the source's own country: its
	// government, or its people when the source is the state.
	Home bool
	// Also patterns fire beside the best pattern at their first word when
	// they give another code: "convoqué l'ambassadeur pour ingérence" is a
	// summons (114) and an accusation (112).
	Also bool
	// Speaker patterns have only $T: the source is who speaks the quote
	// the sentence belongs to (« Les propos de l'ambassadeur sont
	// inacceptables », a déclaré le ministère).
	Speaker  bool
	Rule     string // "patterns/fr.txt:12"
	Text     string // the pattern as written
	Examples []Example
	lits     int
}

// Triggers lists the words a pattern's first word element accepts: stems,
// exact forms and several-word alternatives joined by "_", the entries of
// its lexicon.
func (p *Pattern) Triggers() []string {
	for _, e := range p.elems {
		if e.kind != lit {
			continue
		}
		out := append(append([]string(nil), e.stems...), e.exact...)
		for _, seq := range e.seqs {
			ws := make([]string, len(seq))
			for i, w := range seq {
				ws[i] = w.stem + w.exact
			}
			out = append(out, strings.Join(ws, "_"))
		}
		return out
	}
	return nil
}

// Example is a sentence written under a pattern that the check codes.
type Example struct {
	Line     int
	Sentence string
	Want     bool   // + (must code) or - (must not)
	Source   string // ISO3 or organisation id, optionally followed by a sector: "RUSGOV"
	Code     string
	Target   string
	Modality string
}

// Patterns holds the patterns of every language.
type Patterns struct {
	ByLang map[string][]*Pattern
	// byAnchor indexes, per language, the patterns by the stems of their
	// first word, so a sentence only tries patterns whose first word is in it.
	byStem map[string]map[string][]*Pattern
}

// Load reads patterns/*.txt from fsys. Codes are checked against the
// codebook of k. It returns what parsed and an datafile.ErrorList of problems.
func Load(fsys fs.FS, k *kb.KB) (*Patterns, error) {
	ps := &Patterns{ByLang: map[string][]*Pattern{}, byStem: map[string]map[string][]*Pattern{}}
	var errs datafile.ErrorList
	entries, err := fs.ReadDir(fsys, "patterns")
	if err != nil {
		return ps, datafile.ErrorList{{File: "patterns", Msg: err.Error()}}
	}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".txt" {
			continue
		}
		// fr.txt, fr-conflict.txt: the language is the name up to - or .
		lang, _, _ := strings.Cut(strings.TrimSuffix(e.Name(), ".txt"), "-")
		ps.loadFile(fsys, "patterns/"+e.Name(), lang, k, &errs)
	}
	for lang, list := range ps.ByLang {
		idx := map[string][]*Pattern{}
		for _, p := range list {
			first := p.firstLit()
			for _, s := range first.stems {
				idx["s:"+s] = append(idx["s:"+s], p)
			}
			for _, x := range first.exact {
				idx["x:"+x] = append(idx["x:"+x], p)
			}
			for _, q := range first.seqs {
				if q[0].exact != "" {
					idx["x:"+q[0].exact] = append(idx["x:"+q[0].exact], p)
				} else {
					idx["s:"+q[0].stem] = append(idx["s:"+q[0].stem], p)
				}
			}
		}
		ps.byStem[lang] = idx
	}
	return ps, errs.Err()
}

func (p *Pattern) firstLit() *elem {
	for i := range p.elems {
		if p.elems[i].kind == lit {
			return &p.elems[i]
		}
	}
	return nil
}

// Candidate reports whether a sentence has a word that a pattern starts
// from.
func (ps *Patterns) Candidate(lang string, toks []entente.Token) bool {
	idx := ps.byStem[lang]
	for _, t := range toks {
		if len(idx["s:"+t.Stem]) > 0 || len(idx["x:"+t.Fold]) > 0 {
			return true
		}
	}
	return false
}

// Langs lists the languages that have patterns.
func (ps *Patterns) Langs() []string {
	var out []string
	for l := range ps.ByLang {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

func (ps *Patterns) loadFile(fsys fs.FS, name, lang string, k *kb.KB, errs *datafile.ErrorList) {
	stem := segment.Stemmer(lang)
	var cur *Pattern
	datafile.EachLine(fsys, name, errs, func(l datafile.Line) {
		if l.Indented {
			// An example under the current pattern.
			if cur == nil {
				l.Bad("example outside a pattern")
				return
			}
			ex, err := parseExample(l.Text)
			if err != nil {
				l.Bad("%v", err)
				return
			}
			ex.Line = l.N
			cur.Examples = append(cur.Examples, ex)
			return
		}
		cur = nil
		p, err := parsePattern(l.Text, stem)
		if err != nil {
			l.Bad("%v", err)
			return
		}
		if k != nil && len(k.Codes) > 0 && k.Codes[p.Code] == nil {
			l.Bad("unknown CAMEO code %q", p.Code)
			return
		}
		p.Lang = lang
		p.Rule = fmt.Sprintf("%s:%d", name, l.N)
		ps.ByLang[lang] = append(ps.ByLang[lang], p)
		cur = p
	})
}

// parsePattern parses "CODE element... [{flag}...]".
func parsePattern(text string, stem func(string) string) (*Pattern, error) {
	fields := strings.Fields(text)
	if len(fields) < 2 {
		return nil, fmt.Errorf("want CODE and elements, got %q", text)
	}
	p := &Pattern{Code: fields[0], Text: text}
	if strings.Trim(p.Code, "0123456789") != "" || len(p.Code) < 2 || len(p.Code) > 4 {
		return nil, fmt.Errorf("code %q is not 2-4 digits", p.Code)
	}
	var hasS, hasT bool
	for _, f := range fields[1:] {
		switch {
		case strings.HasPrefix(f, "{") && strings.HasSuffix(f, "}"):
			switch flag := strings.Trim(f, "{}"); flag {
			case "intended", "negated", "alleged", "conditional", "asserted":
				p.Modality = flag
			case "symmetric":
				p.Symmetric = true
			case "mutual":
				p.Mutual = true
			case "state":
				p.State = true
			case "open":
				p.Open = true
			case "home":
				p.Home = true
			case "also":
				p.Also = true
			case "speaker":
				p.Speaker = true
			default:
				return nil, fmt.Errorf("unknown flag %s", f)
			}
		case f == "$S":
			if hasS {
				return nil, fmt.Errorf("$S twice")
			}
			hasS = true
			p.elems = append(p.elems, elem{kind: source, text: f})
		case f == "$T":
			if hasT {
				return nil, fmt.Errorf("$T twice")
			}
			hasT = true
			p.elems = append(p.elems, elem{kind: target, text: f})
		case f == "...":
			p.elems = append(p.elems, elem{kind: gap, text: f})
		case strings.HasPrefix(f, "$"):
			return nil, fmt.Errorf("unknown slot %s (want $S or $T)", f)
		default:
			// A word, or alternatives a|b|c; a word may be several tokens
			// once split ("s'entretenir" → "s'", "entretenir"), which become
			// consecutive elements; alternatives must each be one token.
			e := elem{kind: lit, text: f}
			for _, a := range strings.Split(f, "|") {
				exact := strings.HasSuffix(a, "=")
				a = strings.TrimSuffix(a, "=")
				switch {
				case a == "":
					return nil, fmt.Errorf("empty alternative in %q", f)
				case a == "'s" || a == "’s":
					e.exact = append(e.exact, "'s")
					continue
				case strings.HasSuffix(a, "'") || strings.HasSuffix(a, "’"):
					// An elided French word: "s'", "l'", "d'".
					e.exact = append(e.exact, segment.Fold(strings.TrimRight(a, "'’")))
					continue
				}
				var seq []word
				phrase := strings.ReplaceAll(a, "_", " ")
				for _, t := range segment.Tokens(phrase) {
					w := phrase[t.Start:t.End]
					switch {
					case exact && t.Kind == 0:
						// word= is the word as written, accents included:
						// "frappe=" is the noun, not the participle "frappé".
						seq = append(seq, word{exact: t.Fold, lower: lowerAsWritten(w)})
					case exact || t.Kind != 0:
						seq = append(seq, word{exact: t.Fold})
					default:
						seq = append(seq, word{stem: stem(t.Fold)})
					}
				}
				switch {
				case len(seq) == 0:
					return nil, fmt.Errorf("alternative %q has no word", a)
				case len(seq) > 1 || seq[0].lower != "":
					e.seqs = append(e.seqs, seq)
				case seq[0].exact != "":
					e.exact = append(e.exact, seq[0].exact)
				default:
					e.stems = append(e.stems, seq[0].stem)
				}
			}
			p.elems = append(p.elems, e)
			p.lits++
		}
	}
	switch {
	case btoi(p.Mutual)+btoi(p.State)+btoi(p.Open)+btoi(p.Home)+btoi(p.Speaker) > 1:
		return nil, fmt.Errorf("a pattern takes at most one of {mutual}, {state}, {open}, {home} and {speaker}")
	case (p.Open || p.Home) && (!hasS || hasT):
		return nil, fmt.Errorf("an {open} or {home} pattern has $S and no $T")
	case p.Mutual && (!hasS || hasT):
		return nil, fmt.Errorf("a {mutual} pattern has $S and no $T")
	case (p.State || p.Speaker) && (hasS || !hasT):
		return nil, fmt.Errorf("a {state} or {speaker} pattern has $T and no $S")
	case !p.Mutual && !p.State && !p.Open && !p.Home && !p.Speaker && (!hasS || !hasT):
		return nil, fmt.Errorf("a pattern needs both $S and $T ({mutual}, {open}, {home}: $S only; {state}, {speaker}: $T only)")
	}
	if p.lits == 0 {
		return nil, fmt.Errorf("a pattern needs at least one word")
	}
	for i := 1; i < len(p.elems); i++ {
		a, b := p.elems[i-1].kind, p.elems[i].kind
		if (a == source || a == target) && (b == source || b == target) {
			return nil, fmt.Errorf("two slots side by side")
		}
		if a == gap && b == gap {
			return nil, fmt.Errorf("two gaps side by side")
		}
	}
	slots := 0
	for _, e := range p.elems {
		if e.kind == lit {
			break
		}
		if e.kind == source || e.kind == target {
			slots++
		}
	}
	if slots > 1 {
		return nil, fmt.Errorf("only one slot may come before the first word")
	}
	if p.elems[0].kind == gap || p.elems[len(p.elems)-1].kind == gap {
		return nil, fmt.Errorf("a pattern cannot start or end with ...")
	}
	return p, nil
}

// parseExample parses "+ sentence => SRC CODE TGT [modality]" or "- sentence".
func parseExample(text string) (Example, error) {
	var ex Example
	switch {
	case strings.HasPrefix(text, "+ "):
		ex.Want = true
	case strings.HasPrefix(text, "- "):
	default:
		return ex, fmt.Errorf("an example starts with \"+ \" or \"- \"")
	}
	body := strings.TrimSpace(text[2:])
	if !ex.Want {
		ex.Sentence = body
		return ex, nil
	}
	sent, want, ok := strings.Cut(body, "=>")
	if !ok {
		return ex, fmt.Errorf("a + example needs \"=> SOURCE CODE TARGET\"")
	}
	ex.Sentence = strings.TrimSpace(sent)
	f := strings.Fields(want)
	if len(f) < 3 || len(f) > 4 {
		return ex, fmt.Errorf("want \"=> SOURCE CODE TARGET [modality]\", got %q", want)
	}
	ex.Source, ex.Code, ex.Target = f[0], f[1], f[2]
	if len(f) == 4 {
		ex.Modality = f[3]
	}
	return ex, nil
}

// lowerAsWritten lower-cases a word and unifies its apostrophes, keeping
// its accents.
func lowerAsWritten(w string) string {
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
