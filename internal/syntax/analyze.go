package syntax

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"entente"
)

// Analyzer is the syntax stage: it gives the tokens of a document's
// sentences a part of speech, a lemma, a head and a relation, with the
// model of the document's language. Models are read from
// syntax/LANG.bin in the knowledge files the first time a language is
// needed. An Analyzer is safe for concurrent use.
type Analyzer struct {
	fsys fs.FS
	mu   sync.Mutex
	lang map[string]*loaded
}

type loaded struct {
	once  sync.Once
	model *Model
	err   error
}

// New returns an analyzer reading its models from fsys.
func New(fsys fs.FS) *Analyzer {
	return &Analyzer{fsys: fsys, lang: map[string]*loaded{}}
}

// ModelPath is where the model of a language lies in the knowledge files.
func ModelPath(lang string) string { return "syntax/" + lang + ".bin" }

// Model returns the model of lang, or nil when there is none.
func (a *Analyzer) Model(lang string) (*Model, error) {
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
	})
	return l.model, l.err
}

// Annotate analyzes the sentences of doc for which want returns true (all
// of them when want is nil) and marks them Parsed. A language without a
// model is left as it is.
func (a *Analyzer) Annotate(doc *entente.Document, want func(sentence int) bool) error {
	m, err := a.Model(doc.Lang)
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
		an := m.Analyze(forms)
		for i := range s.Tokens {
			t := &s.Tokens[i]
			t.UPOS, t.Lemma, t.Head, t.Deprel = an.UPOS[i], an.Lemma[i], an.Head[i], an.Deprel[i]
		}
		s.Parsed = true
	}
	return nil
}

// normalize maps typographic apostrophes to the one the treebanks use.
func normalize(low string) string {
	if strings.ContainsAny(low, "’ʼ") {
		low = strings.NewReplacer("’", "'", "ʼ", "'").Replace(low)
	}
	return low
}
