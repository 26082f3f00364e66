package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"

	"entente/internal/pipeline"
)

func runDictCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dict check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dict := fs.String("dict", "", "`directory` of knowledge files overriding the embedded ones")
	if err := parseArgs(fs, args, stdout); err != nil {
		return err
	}
	p, err := pipeline.Load(pipeline.Knowledge(*dict))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError(1)
	}
	n, err := p.CheckExamples(ctx)
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

// runDictStats prints, per CAMEO root and language, how many patterns there
// are and how many distinct trigger words (stems, exact forms, several-word
// expressions) they start from, and how many trigger lemmas the lexicon
// (data/lexicon) gives that root.
func runDictStats(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dict stats", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dict := fs.String("dict", "", "`directory` of knowledge files overriding the embedded ones")
	if err := parseArgs(fs, args, stdout); err != nil {
		return err
	}
	p, err := pipeline.Load(pipeline.Knowledge(*dict))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError(1)
	}
	langs := p.Patterns.Langs()
	type cell struct {
		patterns int
		words    map[string]bool
	}
	stats := map[string]map[string]*cell{} // root → lang → cell
	for _, l := range langs {
		for _, pat := range p.Patterns.ByLang[l] {
			root := pat.Code[:2]
			if stats[root] == nil {
				stats[root] = map[string]*cell{}
			}
			c := stats[root][l]
			if c == nil {
				c = &cell{words: map[string]bool{}}
				stats[root][l] = c
			}
			c.patterns++
			for _, w := range pat.Triggers() {
				c.words[w] = true
			}
		}
	}
	// The lexicon: distinct trigger lemmas per root and language ("-"
	// entries, which code nothing, left out).
	var lexLangs []string
	for l := range p.Lexicon.Count {
		lexLangs = append(lexLangs, l)
	}
	sort.Strings(lexLangs)
	lemmas := map[string]map[string]map[string]bool{} // root → lang → lemma
	for _, l := range lexLangs {
		for lemma, codes := range p.Lexicon.Triggers(l) {
			for _, code := range codes {
				if len(code) < 2 {
					continue
				}
				root := code[:2]
				if lemmas[root] == nil {
					lemmas[root] = map[string]map[string]bool{}
				}
				if lemmas[root][l] == nil {
					lemmas[root][l] = map[string]bool{}
				}
				lemmas[root][l][lemma] = true
				if stats[root] == nil {
					stats[root] = map[string]*cell{}
				}
			}
		}
	}
	roots := make([]string, 0, len(stats))
	for r := range stats {
		roots = append(roots, r)
	}
	sort.Strings(roots)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "root\t")
	for _, l := range langs {
		fmt.Fprintf(tw, "%s patterns\t%s triggers\t", l, l)
	}
	for _, l := range lexLangs {
		fmt.Fprintf(tw, "%s lemmas\t", l)
	}
	fmt.Fprint(tw, "name\n")
	lexTotal := map[string]map[string]bool{}
	total := map[string]*cell{}
	for _, r := range roots {
		fmt.Fprintf(tw, "%s\t", r)
		for _, l := range langs {
			c := stats[r][l]
			if c == nil {
				c = &cell{words: map[string]bool{}}
			}
			if total[l] == nil {
				total[l] = &cell{words: map[string]bool{}}
			}
			total[l].patterns += c.patterns
			for w := range c.words {
				total[l].words[r+w] = true
			}
			fmt.Fprintf(tw, "%d\t%d\t", c.patterns, len(c.words))
		}
		for _, l := range lexLangs {
			if lexTotal[l] == nil {
				lexTotal[l] = map[string]bool{}
			}
			for w := range lemmas[r][l] {
				lexTotal[l][w] = true
			}
			fmt.Fprintf(tw, "%d\t", len(lemmas[r][l]))
		}
		name := ""
		if cb := p.KB.Codes[r]; cb != nil {
			name = cb.Name
		}
		fmt.Fprintf(tw, "%s\n", name)
	}
	fmt.Fprint(tw, "all\t")
	for _, l := range langs {
		fmt.Fprintf(tw, "%d\t%d\t", total[l].patterns, len(total[l].words))
	}
	for _, l := range lexLangs {
		fmt.Fprintf(tw, "%d\t", len(lexTotal[l]))
	}
	fmt.Fprint(tw, "\n")
	return tw.Flush()
}
