// Package pipeline wires the stages together, in the one place that knows
// their order: language → segment → mentions and actors → syntax →
// events → dates and places. Each stage fills its part of one *entente.Document.
package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"
	"slices"
	"strings"

	"entente"
	"entente/data"
	"entente/internal/code"
	"entente/internal/ground"
	"entente/internal/kb"
	"entente/internal/lang"
	"entente/internal/read"
	"entente/internal/resolve"
	"entente/internal/segment"
	"entente/internal/syntax"
	"entente/internal/when"
)

// Pipeline codes documents. It is safe for concurrent use.
type Pipeline struct {
	KB       *kb.KB
	Patterns *code.Patterns
	Lexicon  *code.Lexicon
	detect   *lang.Detector
	resolve  *resolve.Resolver
	coder    *code.Coder
	ground   *ground.Grounder
	syntax   *syntax.Analyzer
	stems    *segment.Stems
	langs    []string // the languages coded: those with patterns or a lexicon
	// ParseAll parses every sentence; by default only the sentences that
	// name an actor (those that can hold an event) are parsed.
	ParseAll bool
	// hook, when set, is called with each document before its mentions
	// are resolved: tests use it to make a stage fail.
	hook func(*entente.Document)
	// long and run, when set, replace longDoc and runSentences (tests).
	long, run int
}

// A document of more than longDoc bytes is coded runSentences sentences
// at a time (see codeRuns).
const (
	longDoc      = 1 << 17
	runSentences = 1024
)

// Knowledge returns the knowledge files: the embedded ones, overlaid by
// dir when dir is not empty.
func Knowledge(dir string) fs.FS {
	if dir == "" {
		return data.FS
	}
	return kb.Overlay(data.FS, dir)
}

// Load builds a pipeline from the knowledge files in fsys. Any problem in
// them is an error (a datafile.ErrorList naming file:line).
func Load(fsys fs.FS) (*Pipeline, error) {
	k, err := kb.Load(fsys)
	if err != nil {
		return nil, err
	}
	ps, err := code.Load(fsys, k)
	if err != nil {
		return nil, err
	}
	lx, err := code.LoadLexicon(fsys, k)
	if err != nil {
		return nil, err
	}
	dates, err := when.Load(fsys)
	if err != nil {
		return nil, err
	}
	langs := codedLangs(ps, lx)
	for _, l := range langs {
		// A language with a verb table: the forms of its irregular verbs
		// ("propuso", "griff") and separable verbs are lexicon candidates too.
		forms, err := syntax.Forms(fsys, l)
		if err != nil {
			return nil, err
		}
		if forms != nil {
			lx.AddForms(l, forms, segment.Stemmer(l))
		}
	}
	return &Pipeline{
		KB:       k,
		Patterns: ps,
		Lexicon:  lx,
		detect:   lang.New(k.Stopwords, letters(k)),
		resolve:  resolve.New(k, langs...),
		coder:    code.New(k, ps, lx),
		ground:   ground.New(dates, k.Is),
		syntax:   syntax.New(fsys),
		stems:    segment.NewStems(stemMemory),
		langs:    langs,
	}, nil
}

// letters lists, by language, the letters only that language writes
// (words.tsv class "letters").
func letters(k *kb.KB) map[string][]string {
	out := map[string][]string{}
	for l, classes := range k.Words {
		for w := range classes["letters"] {
			out[l] = append(out[l], w)
		}
	}
	return out
}

// codedLangs lists, sorted, the languages entente codes: those with event
// patterns or a lexicon of triggers (a language may have either or both).
func codedLangs(ps *code.Patterns, lx *code.Lexicon) []string {
	langs := ps.Langs()
	for l, n := range lx.Count {
		if n > 0 && !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	slices.Sort(langs)
	return langs
}

// Langs lists the languages the pipeline codes (ISO 639-1, sorted).
func (p *Pipeline) Langs() []string { return slices.Clone(p.langs) }

// stemMemory is how many word stems a pipeline remembers (a few MB).
const stemMemory = 1 << 16

// UnsupportedError reports a document in a language entente does not code.
type UnsupportedError struct{ Lang string }

func (e *UnsupportedError) Error() string {
	if e.Lang == "" {
		return "language not recognised"
	}
	return fmt.Sprintf("unsupported language %q", e.Lang)
}

// ErrUnsupported matches every UnsupportedError with errors.Is.
var ErrUnsupported = errors.New("unsupported language")

func (e *UnsupportedError) Is(target error) bool { return target == ErrUnsupported }

// PanicError is a panic of a stage on one document, recovered so that the
// document fails alone: Value is what was passed to panic, Stack where.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Code runs every stage on doc. A document in a language without patterns
// or lexicon gets an *UnsupportedError and no events. The stages check ctx between
// sentences: a cancelled or expired ctx stops coding with ctx's error
// (wrapped) and leaves doc.Events empty. A stage that panics on doc gives
// a *PanicError and no events: one document never takes its batch down.
// A long document is coded a run of sentences at a time (codeRuns): its
// sentences keep their spans, mentions and events but not their tokens,
// except the first sentence's; ParseAll keeps every token.
func (p *Pipeline) Code(ctx context.Context, doc *entente.Document) (err error) {
	defer func() {
		if v := recover(); v != nil {
			doc.Mentions, doc.Events = nil, nil
			err = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	doc.Sentences, doc.Mentions, doc.Events = nil, nil, nil
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("code: %w", err)
	}
	if doc.Lang == "" {
		doc.Lang = p.detect.Detect(doc.Text)
	}
	if !slices.Contains(p.langs, doc.Lang) {
		return &UnsupportedError{Lang: doc.Lang}
	}
	long := !p.ParseAll && len(doc.Text) > cmp.Or(p.long, longDoc)
	if long {
		p.stems.SplitSpans(doc, cmp.Or(p.long, longDoc))
	} else {
		p.stems.Split(doc)
	}
	p.ground.DocDate(doc)
	if p.hook != nil {
		p.hook(doc)
	}
	if long {
		return p.codeRuns(ctx, doc)
	}
	if err := p.resolve.Resolve(ctx, doc); err != nil {
		doc.Mentions = nil
		return fmt.Errorf("resolve: %w", err)
	}
	if p.ParseAll {
		if err := p.syntax.Annotate(doc, nil); err != nil {
			doc.Mentions = nil
			return fmt.Errorf("syntax: %w", err)
		}
		if err := p.coder.Code(ctx, doc); err != nil {
			doc.Events = nil
			return fmt.Errorf("code: %w", err)
		}
	} else {
		// The sentences that can hold an event are tagged; the coder has
		// those it can read one from parsed.
		parse, err := p.syntax.Tag(doc, p.parseSentence(doc))
		if err != nil {
			doc.Mentions = nil
			return fmt.Errorf("syntax: %w", err)
		}
		if err := p.coder.CodeWith(ctx, doc, parse); err != nil {
			doc.Events = nil
			return fmt.Errorf("code: %w", err)
		}
	}
	p.ground.Events(doc)
	return nil
}

// codeRuns codes a long document whose sentences have no tokens yet, a
// run of sentences at a time: each run's tokens are made when it is
// reached and let go once the run after it is done (so that a stage may
// look back a run), and memory holds a few runs' tokens besides the
// document's mentions and events, whatever its length. Every stage then
// gives what it gives on the whole document (TestRunsSameEvents):
// mentions are resolved run by run with one resolver state, and actors'
// countries inferred at the end; events are coded in runs that no
// quotation crosses, then dated and placed.
func (p *Pipeline) codeRuns(ctx context.Context, doc *entente.Document) error {
	n, size := len(doc.Sentences), cmp.Or(p.run, runSentences)
	var held [][2]int // runs whose tokens are held, oldest first
	hold := func(from, to int) {
		p.stems.Tokenize(doc, from, to)
		held = append(held, [2]int{from, to})
		for len(held) > 2 {
			p.release(doc, held[0][0], held[0][1])
			held = held[1:]
		}
	}
	releaseAll := func() {
		for _, r := range held {
			p.release(doc, r[0], r[1])
		}
		held = nil
	}
	res := p.resolve.Start(doc)
	for from := 0; from < n; from += size {
		to := min(from+size, n)
		hold(from, to)
		if err := res.Sentences(ctx, from, to); err != nil {
			releaseAll()
			doc.Mentions = nil
			return fmt.Errorf("resolve: %w", err)
		}
	}
	res.Finish(func(si int) []entente.Token {
		p.stems.Tokenize(doc, si, si+1)
		toks := doc.Sentences[si].Tokens
		doc.Sentences[si].Tokens = nil
		return toks
	})
	releaseAll()
	parse := p.parseSentence(doc)
	for from := 0; from < n; {
		to := min(from+size, n)
		for to < n && !code.QuoteCut(doc, to) {
			to++
		}
		hold(from, to)
		want := func(si int) bool { return si >= from && si < to && (parse == nil || parse(si)) }
		if err := p.syntax.Annotate(doc, want); err != nil {
			releaseAll()
			doc.Mentions = nil
			return fmt.Errorf("syntax: %w", err)
		}
		first := len(doc.Events)
		if err := p.coder.CodeSentences(ctx, doc, from, to); err != nil {
			releaseAll()
			doc.Events = nil
			return fmt.Errorf("code: %w", err)
		}
		p.ground.EventsFrom(doc, first)
		from = to
	}
	releaseAll()
	return nil
}

// release lets go of the tokens of doc.Sentences[from:to], all but the
// first sentence's, which grounding reads for the dateline.
func (p *Pipeline) release(doc *entente.Document, from, to int) {
	for si := from; si < to; si++ {
		if si == 0 {
			doc.Sentences[0].Tokens = slices.Clone(doc.Sentences[0].Tokens)
			continue
		}
		doc.Sentences[si].Tokens = nil
	}
}

// parseSentence says which sentences of doc the syntax stage analyzes:
// those that can hold an event read over the parse, with two phrases that
// can be its source and target (actors, pronouns, places) and a word that
// may be a lexicon trigger or that a pattern starts from (the parse also
// checks patterns' matches).
func (p *Pipeline) parseSentence(doc *entente.Document) func(int) bool {
	if p.ParseAll {
		return nil
	}
	slots := make([]int, len(doc.Sentences))
	for _, m := range doc.Mentions {
		switch m.Kind {
		case entente.ActorMention, entente.PronounMention, entente.PlaceMention:
			slots[m.Sentence]++
		}
	}
	agentless := func(lemma string) bool { return p.KB.Is(doc.Lang, "agentlessverb", lemma) }
	return func(i int) bool {
		toks := doc.Sentences[i].Tokens
		n := slots[i]
		if n == 1 && p.clitic(doc.Lang, toks) {
			// "Moscou l'accuse": the clitic stands for an actor named
			// before.
			n++
		}
		// One phrase may be enough: the target of an act whose doer
		// goes untold ("four soldiers were killed in an ambush").
		return n >= 2 && (p.Lexicon.Candidate(doc.Lang, toks) || p.Patterns.Candidate(doc.Lang, toks)) ||
			n == 1 && p.Lexicon.CandidateIn(doc.Lang, toks, agentless)
	}
}

// clitic reports an object clitic of the language (words.tsv
// objectclitic: "l'", "les") inside a sentence, before an auxiliary or a
// trigger ("Moscou l'accuse", "les a repoussés"), or a noun that refers
// back to an accusation or a text ("ces accusations", "le texte"): each
// stands for an actor.
func (p *Pipeline) clitic(lang string, toks []entente.Token) bool {
	for k := 0; k+1 < len(toks); k++ {
		if k > 0 && p.KB.Is(lang, "objectclitic", toks[k].Fold) && (p.KB.Is(lang, "filler", toks[k+1].Fold) || p.Lexicon.Candidate(lang, toks[k+1:k+2])) {
			return true
		}
		// "ces accusations": who made them (words.tsv backref); "le
		// texte": who issued it (textref).
		next := strings.TrimSuffix(toks[k+1].Fold, "s")
		if det := toks[k].Fold; (p.KB.Is(lang, "demonstrative", det) || p.KB.Is(lang, "definite", det)) && (p.KB.Is(lang, "backref", next) || p.KB.Is(lang, "textref", next)) {
			return true
		}
	}
	return false
}

// CodePath reads a file as `entente code` does (text, HTML or JSON Lines)
// and codes every document in it, each real event once (entente.Distinct). Documents that cannot be read or coded
// are counted in skipped and left out.
func (p *Pipeline) CodePath(ctx context.Context, path string, opt read.Options) (events []entente.Event, skipped int, err error) {
	err = read.Path(ctx, path, opt, func(doc *entente.Document, err error) {
		if err == nil {
			err = p.Code(ctx, doc)
		}
		if err != nil {
			skipped++
			return
		}
		events = append(events, entente.Distinct(doc.Events)...)
	})
	return events, skipped, err
}
