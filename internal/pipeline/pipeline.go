// Package pipeline wires the stages together, in the one place that knows
// their order: language → segment → mentions and actors → syntax →
// events → dates and places. Each stage fills its part of one *entente.Document.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"

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
	// ParseAll parses every sentence; by default only the sentences that
	// name an actor (those that can hold an event) are parsed.
	ParseAll bool
	// hook, when set, is called with each document before its mentions
	// are resolved: tests use it to make a stage fail.
	hook func(*entente.Document)
}

// Knowledge returns the knowledge files: the embedded ones, overlaid by
// dir when dir is not empty.
func Knowledge(dir string) fs.FS {
	if dir == "" {
		return data.FS
	}
	return kb.Overlay(data.FS, dir)
}

// Load builds a pipeline from the knowledge files in fsys. Any problem in
// them is an error (a kb.ErrorList naming file:line).
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
	langs := ps.Langs()
	return &Pipeline{
		KB:       k,
		Patterns: ps,
		Lexicon:  lx,
		detect:   lang.New(k.Stopwords),
		resolve:  resolve.New(k, langs...),
		coder:    code.New(k, ps, lx),
		ground:   ground.New(dates),
		syntax:   syntax.New(fsys),
		stems:    segment.NewStems(stemMemory),
	}, nil
}

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
// gets an *UnsupportedError and no events. The stages check ctx between
// sentences: a cancelled or expired ctx stops coding with ctx's error
// (wrapped) and leaves doc.Events empty. A stage that panics on doc gives
// a *PanicError and no events: one document never takes its batch down.
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
	if len(p.Patterns.ByLang[doc.Lang]) == 0 {
		return &UnsupportedError{Lang: doc.Lang}
	}
	p.stems.Split(doc)
	p.ground.DocDate(doc)
	if p.hook != nil {
		p.hook(doc)
	}
	if err := p.resolve.Resolve(ctx, doc); err != nil {
		doc.Mentions = nil
		return fmt.Errorf("resolve: %w", err)
	}
	if err := p.syntax.Annotate(doc, p.parseSentence(doc)); err != nil {
		doc.Mentions = nil
		return fmt.Errorf("syntax: %w", err)
	}
	if err := p.coder.Code(ctx, doc); err != nil {
		doc.Events = nil
		return fmt.Errorf("code: %w", err)
	}
	p.ground.Events(doc)
	return nil
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
	return func(i int) bool {
		toks := doc.Sentences[i].Tokens
		return slots[i] >= 2 && (p.Lexicon.Candidate(doc.Lang, toks) || p.Patterns.Candidate(doc.Lang, toks))
	}
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
