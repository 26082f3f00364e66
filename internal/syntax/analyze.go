package syntax

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"entente"
	"entente/internal/inflect"
)

// Analyzer is the syntax stage: it gives the tokens of a document's
// sentences a part of speech, a lemma, a head and a relation, with the
// model of the document's language. Models are read from
// syntax/LANG.bin in the knowledge files the first time a language is
// needed, with the paradigms of its verbs in syntax/LANG-verbs.tsv when
// there are: a verb the model lemmatizes into no infinitive of its form gets
// the table's ("rompu" is rompre). An Analyzer is safe for concurrent use.
type Analyzer struct {
	fsys fs.FS
	mu   sync.Mutex
	lang map[string]*loaded
}

type loaded struct {
	once  sync.Once
	model *Model
	verbs *inflect.Table
	err   error
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
	m, err := l.model, l.err
	if err != nil || m == nil {
		return err
	}
	var forms []string
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		if want != nil && !want(si) {
			continue
		}
		forms = forms[:0]
		for _, t := range s.Tokens {
			forms = append(forms, doc.Text[t.Start:t.End])
		}
		an := l.analyze(forms)
		for i := range s.Tokens {
			t := &s.Tokens[i]
			t.UPOS, t.Lemma, t.Head, t.Deprel = an.UPOS[i], an.Lemma[i], an.Head[i], an.Deprel[i]
		}
		s.Parsed = true
	}
	return nil
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
	return EvaluateWith(sents, l.analyze), nil
}

// analyze tags, lemmatizes and parses one sentence with the verb
// paradigms when there are: a finite form that the paradigms know and
// that is no other word ("appellent", "respectera") is a verb whatever
// the tagger said, and a verb's lemma is one of its form's infinitives.
func (l *loaded) analyze(forms []string) Analysis {
	if l.verbs == nil {
		return l.model.Analyze(forms)
	}
	an := l.model.AnalyzeWith(forms, func(i int) bool { return onlyVerb(l.verbs, forms[i], i) })
	for i := range forms {
		if an.UPOS[i] == "VERB" {
			an.Lemma[i] = verbLemma(l.verbs, forms[i], an.Lemma[i])
		}
	}
	return an
}

// onlyVerb reports whether the form at position i of a sentence can only
// be a finite verb: a finite form of the paradigms that is no word of
// another part of speech, written in lower case (a capital inside the
// sentence is a name: "Marche").
func onlyVerb(verbs *inflect.Table, form string, i int) bool {
	low := normalize(strings.ToLower(form))
	return (i == 0 || low == form) && utf8.RuneCountInString(low) >= 3 && !verbs.Other(low) && verbs.Finite(low)
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
		low = strings.NewReplacer("’", "'", "ʼ", "'").Replace(low)
	}
	return low
}
