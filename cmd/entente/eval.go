package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"entente"
	"entente/internal/eval"
	"entente/internal/pipeline"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	verbose := fs.Bool("v", false, "list every miss and false event")
	outPath := fs.String("out", "", "also write the coded events to this JSON Lines `file` (for score.py)")
	dict := fs.String("dict", "", "`directory` of knowledge files overriding the embedded ones")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: entente eval [flags] GOLD.jsonl\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitError(2)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	gold, err := eval.ReadGold(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("eval: %s: %w", fs.Arg(0), err)
	}
	p, err := pipeline.Load(pipeline.Knowledge(*dict))
	if err != nil {
		return fmt.Errorf("eval: knowledge: %w", err)
	}
	events := codeGold(ctx, p, gold)
	if *outPath != "" {
		if err := writeEvents(*outPath, events); err != nil {
			return fmt.Errorf("eval: %w", err)
		}
	}
	eval.Score(gold, events).Write(stdout, *verbose)
	return nil
}

// codeGold codes the text of every gold document as `entente code` would
// code the same JSON Lines record.
func codeGold(ctx context.Context, p *pipeline.Pipeline, gold []eval.Gold) []entente.Event {
	var events []entente.Event
	for _, g := range gold {
		if ctx.Err() != nil {
			break
		}
		doc := pipeline.GoldDocument(g)
		if err := p.Code(doc); err != nil {
			continue
		}
		events = append(events, doc.Events...)
	}
	return events
}

func writeEvents(path string, events []entente.Event) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i := range events {
		if err := enc.Encode(&events[i]); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
