package main

import (
	"flag"
	"fmt"
	"io"

	"entente/internal/pipeline"
)

func runDictCheck(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dict check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dict := fs.String("dict", "", "`directory` of knowledge files overriding the embedded ones")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p, err := pipeline.Load(pipeline.Knowledge(*dict))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError(1)
	}
	n, err := p.CheckExamples()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError(1)
	}
	people := 0
	for _, a := range p.KB.Actors {
		if a.Kind == "person" {
			people++
		}
	}
	patterns := 0
	for _, l := range p.Patterns.Langs() {
		patterns += len(p.Patterns.ByLang[l])
	}
	fmt.Fprintf(stdout, "ok: %d CAMEO codes, %d countries, %d places, %d actors (%d people), %d patterns, %d examples coded as written\n",
		len(p.KB.Codes), len(p.KB.Countries), len(p.KB.Places), len(p.KB.Actors), people, patterns, n)
	return nil
}
