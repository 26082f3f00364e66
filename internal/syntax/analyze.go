package syntax

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"entente"
	"entente/internal/inflect"
	"entente/internal/segment"
)

// Analyzer is the syntax stage: it gives the tokens of a document's
// sentences a part of speech, a lemma, a head and a relation, with the
// model of the document's language. Models are read from
// syntax/LANG.bin in the knowledge files the first time a language is
// needed, with the paradigms of its verbs in syntax/LANG-verbs.tsv when
// there are: a verb the model lemmatizes into no infinitive of its form gets
// the table's ("rompu" is rompre); and with the verb particles of
// syntax/LANG-particles.txt when there are: a verb whose particle stands
// apart from it (compound:prt) takes the particle into its lemma, as its
// infinitive writes it (German "griff ... an" is angreifen). An Analyzer is
// safe for concurrent use.
type Analyzer struct {
	fsys fs.FS
	mu   sync.Mutex
	lang map[string]*loaded
}

type loaded struct {
	once      sync.Once
	model     *Model
	verbs     *inflect.Table
	particles map[string]bool // folded particles that join their verb's lemma
	cases     *cases
	err       error
	finite    memo // onlyVerb's answers, by lower-cased form
}

// memo remembers a yes or no for each of at most memoSize words (then it
// forgets them all and starts again); it is safe for concurrent use.
type memo struct {
	mu sync.RWMutex
	m  map[string]bool
}

// memoSize is how many words a memo holds: news repeats its words.
const memoSize = 1 << 16

// get returns the answer for w, computed by f when the memo lacks it.
func (m *memo) get(w string, f func(string) bool) bool {
	m.mu.RLock()
	v, ok := m.m[w]
	m.mu.RUnlock()
	if ok {
		return v
	}
	v = f(w)
	m.mu.Lock()
	if m.m == nil || len(m.m) >= memoSize {
		m.m = make(map[string]bool)
	}
	m.m[strings.Clone(w)] = v // not a piece of a document's text, which it would keep
	m.mu.Unlock()
	return v
}

// New returns an analyzer reading its models from fsys.
func New(fsys fs.FS) *Analyzer {
	return &Analyzer{fsys: fsys, lang: map[string]*loaded{}}
}

// ModelPath is where the model of a language lies in the knowledge files.
func ModelPath(lang string) string { return "syntax/" + lang + ".bin" }

// VerbsPath is where the verb paradigms of a language lie in the knowledge
// files (see internal/inflect).
func VerbsPath(lang string) string { return "syntax/" + lang + "-verbs.tsv" }

// ParticlesPath is where the separable verb particles of a language lie in
// the knowledge files: words, one or more a line, "#" comments.
func ParticlesPath(lang string) string { return "syntax/" + lang + "-particles.txt" }

// CasesPath is where the determiners that mark a noun phrase's case lie in
// the knowledge files (see readCases).
func CasesPath(lang string) string { return "syntax/" + lang + "-cases.txt" }

// Model returns the model of lang, or nil when there is none.
func (a *Analyzer) Model(lang string) (*Model, error) {
	l := a.load(lang)
	return l.model, l.err
}

func (a *Analyzer) load(lang string) *loaded {
	a.mu.Lock()
	l := a.lang[lang]
	if l == nil {
		l = new(loaded)
		a.lang[lang] = l
	}
	a.mu.Unlock()
	l.once.Do(func() {
		f, err := a.fsys.Open(ModelPath(lang))
		if errors.Is(err, fs.ErrNotExist) {
			return
		}
		if err != nil {
			l.err = fmt.Errorf("syntax: %w", err)
			return
		}
		defer f.Close()
		m, err := ReadModel(f)
		if err != nil {
			l.err = fmt.Errorf("%s: %w", ModelPath(lang), err)
			return
		}
		if m.Lang != lang {
			l.err = fmt.Errorf("%s: model of language %q", ModelPath(lang), m.Lang)
			return
		}
		l.model = m
		if l.particles, err = readParticles(a.fsys, ParticlesPath(lang)); err != nil {
			l.err = fmt.Errorf("syntax: %w", err)
			return
		}
		if l.cases, err = readCases(a.fsys, CasesPath(lang)); err != nil {
			l.err = fmt.Errorf("syntax: %w", err)
			return
		}
		vf, err := a.fsys.Open(VerbsPath(lang))
		if errors.Is(err, fs.ErrNotExist) {
			return
		}
		if err != nil {
			l.err = fmt.Errorf("syntax: %w", err)
			return
		}
		defer vf.Close()
		if l.verbs, err = inflect.Read(vf); err != nil {
			l.err = fmt.Errorf("%s: %w", VerbsPath(lang), err)
		}
	})
	return l
}

// Annotate analyzes the sentences of doc for which want returns true (all
// of them when want is nil) and marks them Parsed. A language without a
// model is left as it is.
func (a *Analyzer) Annotate(doc *entente.Document, want func(sentence int) bool) error {
	l := a.load(doc.Lang)
	if l.err != nil || l.model == nil {
		return l.err
	}
	each(doc, want, func(si int, forms []string, name func(int) bool) {
		l.annotate(doc, si, forms, name)
	})
	return nil
}

// annotate analyzes sentence si of doc, whose tokens' written forms are
// forms, and marks it Parsed.
func (l *loaded) annotate(doc *entente.Document, si int, forms []string, name func(int) bool) {
	var an Analysis
	if cut := datelineCut(doc, si); cut > 0 && cut < len(forms) {
		// The dateline ("ERBIL (Reuters) -") is parsed apart: the
		// treebanks have none, and a parse of the whole line takes the
		// place for the subject of the sentence's verb.
		an = joinAnalyses(l.parse(forms[:cut], name), l.parse(forms[cut:], func(i int) bool { return name(cut + i) }))
	} else {
		an = l.parse(forms, name)
	}
	joinParticles(an, forms, l.particles)
	s := &doc.Sentences[si]
	for i := range s.Tokens {
		t := &s.Tokens[i]
		t.UPOS, t.Lemma, t.Head, t.Deprel = an.UPOS[i], an.Lemma[i], an.Head[i], an.Deprel[i]
	}
	s.Parsed = true
}

// Tag gives the tokens of the sentences of doc for which want returns
// true their parts of speech and lemmas, and returns the function that
// parses one of them when asked: their heads and relations, as Annotate
// gives them, and the mark Parsed. A caller that reads events over the
// parse asks for it only for the sentences it can read one from; parsing
// is most of the syntax stage's work. Where a parse changes a word's part
// of speech or lemma (a language with verb particles, or with light-verb
// compounds), the sentences are parsed at once, as Annotate does, and the
// function does nothing.
func (a *Analyzer) Tag(doc *entente.Document, want func(sentence int) bool) (parse func(sentence int) error, err error) {
	none := func(int) error { return nil }
	l := a.load(doc.Lang)
	if l.err != nil || l.model == nil {
		return none, l.err
	}
	if l.particles != nil || slices.Contains(l.model.Deprels, "compound:lvc") {
		return none, a.Annotate(doc, want)
	}
	tagged := make([]bool, len(doc.Sentences))
	each(doc, want, func(si int, forms []string, name func(int) bool) {
		if cut := datelineCut(doc, si); cut > 0 && cut < len(forms) {
			// A dateline is analyzed apart from its sentence: such a
			// sentence is parsed at once.
			l.annotate(doc, si, forms, name)
			return
		}
		an := l.tag(forms, name)
		s := &doc.Sentences[si]
		for i := range s.Tokens {
			t := &s.Tokens[i]
			t.UPOS, t.Lemma = an.UPOS[i], an.Lemma[i]
		}
		tagged[si] = true
	})
	return func(si int) error {
		if si < 0 || si >= len(tagged) || !tagged[si] || doc.Sentences[si].Parsed {
			return nil
		}
		s := &doc.Sentences[si]
		forms := make([]string, len(s.Tokens))
		an := newAnalysis(len(s.Tokens))
		for i, t := range s.Tokens {
			forms[i] = doc.Text[t.Start:t.End]
			an.UPOS[i], an.Lemma[i] = t.UPOS, t.Lemma
		}
		l.finish(forms, an)
		for i := range s.Tokens {
			t := &s.Tokens[i]
			t.Head, t.Deprel = an.Head[i], an.Deprel[i]
		}
		s.Parsed = true
		return nil
	}, nil
}

// each calls f with every sentence of doc for which want returns true (all
// when want is nil), the written forms of its tokens and a function that
// reports the capitalised words of the names the resolver found there
// (no verbs).
func each(doc *entente.Document, want func(sentence int) bool, f func(si int, forms []string, name func(int) bool)) {
	var forms []string
	var inName []bool
	name := func(i int) bool { return inName[i] }
	mi := 0 // doc.Mentions are in sentence order
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		if want != nil && !want(si) {
			continue
		}
		forms = forms[:0]
		for _, t := range s.Tokens {
			forms = append(forms, doc.Text[t.Start:t.End])
		}
		// A capitalised word of a name the resolver found is no verb.
		inName = inName[:0]
		for range s.Tokens {
			inName = append(inName, false)
		}
		for ; mi < len(doc.Mentions) && doc.Mentions[mi].Sentence <= si; mi++ {
			m := doc.Mentions[mi]
			if m.Sentence < si || m.Kind != entente.ActorMention && m.Kind != entente.PlaceMention {
				continue
			}
			for k := m.First; k <= m.Last && k < len(inName); k++ {
				inName[k] = s.Tokens[k].Upper
			}
		}
		f(si, forms, name)
	}
}

// datelineCut returns the index of the first token after the dateline of
// sentence si (its place names, marked Dateline by the resolver, then a
// date, the agency in brackets and a dash or colon), 0 when it has none.
func datelineCut(doc *entente.Document, si int) int {
	if si != 0 {
		return 0
	}
	last := -1
	for _, m := range doc.Mentions {
		if m.Sentence > 0 {
			break
		}
		if m.Dateline {
			last = max(last, m.Last)
		}
	}
	if last < 0 {
		return 0
	}
	toks := doc.Sentences[0].Tokens
	// The first bracket, dash or colon after the place closes the
	// dateline; a date may stand between ("PARIS, 12 mars (AFP) -").
	k := last + 1
	for k < len(toks) && k <= last+9 && !datelineMark(toks[k].Fold) && toks[k].Fold != "(" {
		k++
	}
	if k >= len(toks) || k > last+9 {
		return 0
	}
	if toks[k].Fold == "(" {
		for k < len(toks) && toks[k].Fold != ")" {
			k++
		}
		k++
	}
	for k < len(toks) && (datelineMark(toks[k].Fold) || toks[k].Fold == "," || toks[k].Fold == "،") {
		k++
	}
	return k
}

// datelineMark reports the dashes and colons that end a dateline.
func datelineMark(f string) bool {
	switch f {
	case "-", "–", "—", ":", "/":
		return true
	}
	return false
}

// joinAnalyses puts the analysis b of the tokens after a's after it: b's
// heads move past a's tokens, and a's root hangs on b's as a dep.
func joinAnalyses(a, b Analysis) Analysis {
	n := len(a.UPOS)
	root := -1
	for i, h := range b.Head {
		if h < 0 {
			root = n + i
			break
		}
	}
	out := Analysis{
		UPOS:   append(append([]string{}, a.UPOS...), b.UPOS...),
		Lemma:  append(append([]string{}, a.Lemma...), b.Lemma...),
		Deprel: append(append([]string{}, a.Deprel...), b.Deprel...),
		Head:   make([]int, 0, n+len(b.Head)),
	}
	for i, h := range a.Head {
		if h < 0 && root >= 0 {
			h = root
			out.Deprel[i] = "dep"
		}
		out.Head = append(out.Head, h)
	}
	for _, h := range b.Head {
		if h >= 0 {
			h += n
		}
		out.Head = append(out.Head, h)
	}
	return out
}

// Evaluate scores the analysis of lang, with its verb paradigms, on
// annotated sentences (UD test files).
func (a *Analyzer) Evaluate(lang string, sents []Sent) (Scores, error) {
	l := a.load(lang)
	if l.err != nil {
		return Scores{}, l.err
	}
	if l.model == nil {
		return Scores{}, fmt.Errorf("syntax: no model for language %q", lang)
	}
	return EvaluateWith(sents, func(forms []string) Analysis { return l.parse(forms, nil) }), nil
}

// parse analyzes one sentence and repairs what the parse contradicts: a
// verb with two subjects, and a language's case-marked noun phrases. name
// (when not nil) marks the words of names, which are no verbs.
func (l *loaded) parse(forms []string, name func(i int) bool) Analysis {
	an := l.analyze(forms, name, true)
	l.repair(an, forms)
	return an
}

// tag is the first half of parse: parts of speech and lemmas.
func (l *loaded) tag(forms []string, name func(i int) bool) Analysis {
	return l.analyze(forms, name, false)
}

// finish is the second half of parse: heads and relations, repaired.
func (l *loaded) finish(forms []string, an Analysis) {
	l.model.ParseTagged(forms, an)
	l.repair(an, forms)
}

// repair repairs what the parse contradicts (see parse).
func (l *loaded) repair(an Analysis, forms []string) {
	l.repairSubjects(an)
	l.cases.repair(an, forms)
}

// innerCapital reports a capital letter after a small one ("teleMonat"):
// the lemmatizer's rules learned from compounds a treebank lemmatized by
// parts ("amtsKollege"), applied to a word they do not fit. Such a lemma
// is no word of a form written without it, which is then its own lemma.
func innerCapital(w string) bool {
	lower := false
	for _, r := range w {
		if unicode.IsUpper(r) && lower {
			return true
		}
		lower = unicode.IsLower(r)
	}
	return false
}

// analyze tags, lemmatizes and (when parse is true) parses one sentence
// with the verb paradigms when there are: a finite form that the
// paradigms know and that is no other word ("appellent", "respectera") is
// a verb whatever the tagger said, and a verb's lemma is one of its form's
// infinitives. A lemma with a capital inside that its form lacks is the
// form (see innerCapital).
func (l *loaded) analyze(forms []string, name func(i int) bool, parse bool) Analysis {
	analyze := l.model.TagWith
	if parse {
		analyze = l.model.AnalyzeWith
	}
	var verb func(int) bool
	if l.verbs != nil {
		verb = func(i int) bool { return l.onlyVerb(forms[i], i) }
	}
	an := analyze(forms, verb, name)
	for i := range forms {
		if l.verbs != nil && an.UPOS[i] == "VERB" {
			an.Lemma[i] = verbLemma(l.verbs, forms[i], an.Lemma[i])
			if p, lemma, ok := particleVerb(l.verbs, l.particles, forms[i]); ok {
				an.Lemma[i] = p + lemma
			}
		}
	}
	for i, f := range forms {
		if innerCapital(an.Lemma[i]) && !innerCapital(f) {
			an.Lemma[i] = f
		}
	}
	return an
}

// particleVerb splits a verb form written with its particle in front
// ("ausgewiesen", "festzunehmen") into the particle and the lemma the
// table gives the rest (its infinitive after "zu"), when the table knows
// the form without it and not with it.
func particleVerb(verbs *inflect.Table, particles map[string]bool, form string) (string, string, bool) {
	if particles == nil {
		return "", "", false
	}
	low := strings.ToLower(form)
	if verbs.IsLemma(low) || len(verbs.Lemmas(low)) > 0 {
		return "", "", false
	}
	for k := 2; k < len(low)-3; k++ {
		if !particles[low[:k]] {
			continue
		}
		rest := low[k:]
		if r, ok := strings.CutPrefix(rest, "zu"); ok && verbs.IsLemma(r) {
			return low[:k], r, true
		}
		if verbs.IsLemma(rest) {
			return low[:k], rest, true
		}
		if ls := verbs.Lemmas(rest); len(ls) > 0 {
			return low[:k], ls[0], true
		}
	}
	return "", "", false
}

// onlyVerb reports whether the form at position i of a sentence can only
// be a finite verb: a finite form of the paradigms that is no word of
// another part of speech, written in lower case (a capital inside the
// sentence is a name: "Marche").
//
// The table's answer for a form is remembered: looking a form up runs
// the paradigms' rules backwards, and news repeat their words.
func (l *loaded) onlyVerb(form string, i int) bool {
	low := normalize(strings.ToLower(form))
	return (i == 0 || low == form) && l.finite.get(low, func(low string) bool {
		return utf8.RuneCountInString(low) >= 3 && !l.verbs.Other(low) && l.verbs.Finite(low)
	})
}

// verbLemma returns the infinitive of a verb form: the model's lemma when
// the table has it among the form's, else the table's first; the model's
// when the table knows neither the form nor the lemma.
func verbLemma(verbs *inflect.Table, form, lemma string) string {
	low := normalize(strings.ToLower(form))
	if verbs.IsLemma(low) {
		return low
	}
	ls := verbs.Lemmas(low)
	if len(ls) == 0 {
		// A form the table does not know may be written without the
		// circumflex of its paradigm (the 1990 spelling: "reconnait",
		// "paraitre" for "reconnaît", "paraître").
		for k := strings.Index(low, "it"); k >= 0 && len(ls) == 0; {
			alt := low[:k] + "î" + low[k+1:]
			if verbs.IsLemma(alt) {
				return alt
			}
			ls = verbs.Lemmas(alt)
			next := strings.Index(low[k+1:], "it")
			if next < 0 {
				break
			}
			k += 1 + next
		}
	}
	if len(ls) == 0 || slices.Contains(ls, lemma) {
		return lemma
	}
	return ls[0]
}

// normalize maps typographic apostrophes to the one the treebanks use.
func normalize(low string) string {
	if strings.ContainsAny(low, "’ʼ") {
		low = apostrophes.Replace(low)
	}
	return low
}

// apostrophes replaces the typographic apostrophes (a Replacer is safe for
// concurrent use, and costly to build for every word).
var apostrophes = strings.NewReplacer("’", "'", "ʼ", "'")

// Forms returns, for a language with a verb table, a function giving the
// written forms of a verb lemma that the stems of its infinitive do not
// reach: the table's forms of the lemma ("propuso" for proponer), and,
// with verb particles, for a lemma that starts with a particle
// ("festnehmen") the forms of the verb after it, alone ("nahm", told
// before its particle) and after the particle ("festgenommen",
// "festzunehmen"). It is nil for other languages. It reads the table, not
// the model. The lemma may be written folded, as the lexicon keeps it
// ("zuruckweisen", "beschiessen"): the table and the particles are looked
// up by their folded spelling.
func Forms(fsys fs.FS, lang string) (func(lemma string) []string, error) {
	particles, err := readParticles(fsys, ParticlesPath(lang))
	if err != nil {
		return nil, err
	}
	f, err := fsys.Open(VerbsPath(lang))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	verbs, err := inflect.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", VerbsPath(lang), err)
	}
	lemmas := map[string]string{} // folded → as the table writes it
	verbs.EachLemma(func(l string) { lemmas[segment.Fold(l)] = l })
	folded := map[string]string{}
	for p := range particles {
		folded[segment.Fold(p)] = p
	}
	return func(lemma string) []string {
		lemma = segment.Fold(lemma)
		var out []string
		if l, ok := lemmas[lemma]; ok {
			out = verbs.Forms(l)
		}
		for k := 2; k < len(lemma)-3; k++ {
			p, okP := folded[lemma[:k]]
			rest, okR := lemmas[lemma[k:]]
			if !okP || !okR {
				continue
			}
			for _, form := range verbs.Forms(rest) {
				out = append(out, form, p+form)
			}
			out = append(out, rest, p+"zu"+rest)
		}
		return out
	}, nil
}

// readParticles reads a list of verb particles, nil when the file is absent.
func readParticles(fsys fs.FS, name string) (map[string]bool, error) {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			out[strings.ToLower(w)] = true
		}
	}
	return out, nil
}

// joinParticles puts a verb's separated particle (a listed word it heads
// as compound:prt) in front of its lemma: "nahm ... fest" is festnehmen.
func joinParticles(an Analysis, forms []string, particles map[string]bool) {
	if particles == nil {
		return
	}
	for i, rel := range an.Deprel {
		h := an.Head[i]
		if h < 0 || an.UPOS[h] != "VERB" {
			continue
		}
		p := strings.ToLower(forms[i])
		// A particle at the end of its clause, after the verb it hangs
		// on, is that verb's whatever relation the parser gave it
		// ("nahm drei Männer fest" parsed with "fest" a clause).
		if rel != "compound:prt" && particles[p] && h < i && an.UPOS[i] != "ADP" && (i+1 == len(forms) || an.UPOS[i+1] == "PUNCT") {
			an.UPOS[i], an.Deprel[i] = "ADP", "compound:prt"
			rel = "compound:prt"
		}
		if rel != "compound:prt" {
			continue
		}
		if particles[p] && !strings.HasPrefix(an.Lemma[h], p) {
			an.Lemma[h] = p + an.Lemma[h]
		}
	}
}

// repairSubjects takes the second of two subjects of a verb for its object
// in a language whose determiners tell the cases (German, a cases file):
// there a subject after its verb is as common as one before it, and the
// cases repair that follows checks the choice. Elsewhere nothing tells
// which of the two is wrong ("заявил министр" has its subject after the
// verb), and the parse is left as it is.
func (l *loaded) repairSubjects(an Analysis) {
	if l.cases != nil {
		secondSubject(an)
	}
}

// secondSubject repairs a verb the parser gave two subjects, one before it
// and one after: no tree has two, and the one after the verb is its object
// ("beschuldigte Russland" read as a second subject).
func secondSubject(an Analysis) {
	for i, rel := range an.Deprel {
		h := an.Head[i]
		if rel != "nsubj" || h < 0 || i < h {
			continue
		}
		for k := 0; k < h; k++ {
			if an.Head[k] == h && an.Deprel[k] == "nsubj" {
				an.Deprel[i] = "obj"
				break
			}
		}
	}
}

// cases holds the determiners that tell a noun phrase's role whatever the
// parser said: with a subject determiner (German "der") a phrase is never
// a verb's object, with an object determiner ("den", "einen") never its
// subject nor a noun's modifier.
type cases struct {
	subject, object map[string]bool
	// auxiliary holds the lemmas of the auxiliaries of a perfect tense
	// (German "haben", "sein"): read as the main verb with the participle
	// coordinated to it, they are made the participle's auxiliary again.
	auxiliary map[string]bool
	// future holds the auxiliaries that make a future with an infinitive
	// and a passive with a participle (German "wird treffen", "wird
	// getroffen"): the model may read the first as the second.
	future map[string]bool
}

// readCases reads lines "subject WORD..." and "object WORD..." ("#"
// comments); nil when the file is absent.
func readCases(fsys fs.FS, name string) (*cases, error) {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c := &cases{subject: map[string]bool{}, object: map[string]bool{}, future: map[string]bool{}, auxiliary: map[string]bool{}}
	for n, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		var set map[string]bool
		switch f[0] {
		case "subject":
			set = c.subject
		case "object":
			set = c.object
		case "future":
			set = c.future
		case "auxiliary":
			set = c.auxiliary
		default:
			return nil, fmt.Errorf("%s:%d: want \"subject WORD...\", \"object WORD...\", \"future WORD...\" or \"auxiliary WORD...\"", name, n+1)
		}
		for _, w := range f[1:] {
			set[strings.ToLower(w)] = true
		}
	}
	return c, nil
}

// repair relabels the noun phrases whose determiner contradicts the
// parse: an object marked as a subject ("traf der Präsident", the real
// subject read as an adverb before it) becomes the subject, a subject
// marked as an object the object, and a phrase marked as an object that
// the parser hung on the verb's subject or object ("die Armee den
// Libanon") the verb's object.
func (c *cases) repair(an Analysis, forms []string) {
	if c == nil {
		return
	}
	c.auxiliaries(an)
	c.futures(an, forms)
	det := func(i int) string {
		for k, h := range an.Head {
			if h == i && an.Deprel[k] == "det" {
				return strings.ToLower(forms[k])
			}
		}
		return ""
	}
	child := func(v int, rel string) int {
		for k, h := range an.Head {
			if h == v && an.Deprel[k] == rel {
				return k
			}
		}
		return -1
	}
	for v := range forms {
		if an.UPOS[v] != "VERB" {
			continue
		}
		if o := child(v, "obj"); o >= 0 && c.subject[det(o)] {
			s := child(v, "nsubj")
			switch {
			case s < 0:
				an.Deprel[o] = "nsubj"
			case c.object[det(s)]:
				an.Deprel[o], an.Deprel[s] = "nsubj", "obj"
			case det(s) == "" && an.UPOS[s] == "NOUN":
				an.Deprel[o], an.Deprel[s] = "nsubj", "obl"
			}
		}
		c.twoSubjects(an, v, det, child)
		if s := child(v, "nsubj"); s >= 0 && c.object[det(s)] && child(v, "obj") < 0 {
			an.Deprel[s] = "obj"
		}
		if child(v, "obj") >= 0 {
			continue
		}
		// A noun phrase without a preposition hung on the verb as an
		// adjunct is its object when it has none ("hat im Mai die Ukraine
		// besucht": "die Ukraine" read as obl).
		if c.bareObject(an, v, child) {
			continue
		}
		for k, h := range an.Head {
			if h >= 0 && an.Deprel[k] == "nmod" && c.object[det(k)] && an.Head[h] == v && (an.Deprel[h] == "nsubj" || an.Deprel[h] == "obj") {
				an.Head[k], an.Deprel[k] = v, "obj"
				break
			}
		}
	}
}

// futures relabels a passive auxiliary of the "future" line whose verb is
// written as its lemma, an infinitive ("wird ... treffen", not "wird ...
// getroffen"), as the auxiliary of a future, and the verb's passive
// subject as its subject: "Der Kanzler wird den Präsidenten treffen" is
// the chancellor meeting, not being met.
func (c *cases) futures(an Analysis, forms []string) {
	for k, rel := range an.Deprel {
		v := an.Head[k]
		if rel != "aux:pass" || v < 0 || !c.future[strings.ToLower(forms[k])] || an.UPOS[v] != "VERB" || !strings.EqualFold(forms[v], an.Lemma[v]) {
			continue
		}
		an.Deprel[k] = "aux"
		for s, h := range an.Head {
			if h == v && an.Deprel[s] == "nsubj:pass" {
				an.Deprel[s] = "nsubj"
			}
		}
	}
}

// bareObject makes the first noun phrase without a preposition that the
// parse hung on the verb v as obl, after v's subject, the object of a verb
// that has none, and reports whether it did.
func (c *cases) bareObject(an Analysis, v int, child func(v int, rel string) int) bool {
	s := child(v, "nsubj")
	for k, h := range an.Head {
		if h != v || an.Deprel[k] != "obl" || k < s || an.UPOS[k] != "PROPN" && an.UPOS[k] != "NOUN" || child(k, "case") >= 0 {
			continue
		}
		an.Deprel[k] = "obj"
		return true
	}
	return false
}

// auxiliaries repairs a perfect tense the model read as two verbs: an
// auxiliary of the "auxiliary" line taken for the main verb, the
// participle after it coordinated to it without a conjunction ("Die
// Regierung hat den Botschafter ins Ministerium zitiert": "hat" root,
// "zitiert" conj). The participle takes the auxiliary's place and
// dependents, and the auxiliary hangs on it.
func (c *cases) auxiliaries(an Analysis) {
	for h := range an.UPOS {
		if an.UPOS[h] != "VERB" || !c.auxiliary[strings.ToLower(an.Lemma[h])] {
			continue
		}
		k := -1
		for j := h + 1; j < len(an.Head); j++ {
			if an.Head[j] == h && an.Deprel[j] == "conj" && an.UPOS[j] == "VERB" {
				k = j
				break
			}
		}
		if k < 0 {
			continue
		}
		joined := false
		for j := h + 1; j < k; j++ {
			joined = joined || an.Deprel[j] == "cc" || an.UPOS[j] == "PUNCT" || an.UPOS[j] == "CCONJ"
		}
		if joined {
			continue
		}
		for j := range an.Head {
			if an.Head[j] == h && j != k {
				an.Head[j] = k
			}
		}
		an.Head[k], an.Deprel[k] = an.Head[h], an.Deprel[h]
		an.Head[h], an.Deprel[h], an.UPOS[h] = k, "aux", "AUX"
	}
}

// twoSubjects repairs a verb the model gave two subjects before it, as a
// clause with its verb at the end has them ("Der Minister hat Georgien
// Hilfe in Aussicht gestellt"): when one has a subject determiner and the
// other none, the other is the verb's object, or its indirect object when
// it has one.
func (c *cases) twoSubjects(an Analysis, v int, det func(int) string, child func(int, string) int) {
	var subj []int
	for k, h := range an.Head {
		if h == v && an.Deprel[k] == "nsubj" && k < v {
			subj = append(subj, k)
		}
	}
	if len(subj) != 2 {
		return
	}
	a, b := subj[0], subj[1]
	switch {
	case c.subject[det(a)] && det(b) == "":
	case c.subject[det(b)] && det(a) == "":
		a, b = b, a
	default:
		return
	}
	if child(v, "obj") >= 0 {
		an.Deprel[b] = "iobj"
	} else {
		an.Deprel[b] = "obj"
	}
}
