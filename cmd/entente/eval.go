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
	"entente/internal/read"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	verbose := fs.Bool("v", false, "list every miss and false event")
	outPath := fs.String("out", "", "also write the coded events to this JSON Lines `file` (for score.py)")
	dict := fs.String("dict", "", "`directory` of knowledge files overriding the embedded ones")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: entente eval [flags] GOLD.jsonl\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := parseArgs(fs, args, stdout); err != nil {
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
	// The gold file is coded exactly as `entente code GOLD.jsonl` codes it.
	events, _, err := p.CodePath(ctx, fs.Arg(0), read.Options{})
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	if *outPath != "" {
		if err := writeEvents(*outPath, events); err != nil {
			return fmt.Errorf("eval: %w", err)
		}
	}
	eval.Score(gold, events).Write(stdout, *verbose)
	return nil
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
