// Command entente-readeval scores entente's HTML reader and go-trafilatura
// with its defaults on the same pages with the same measures, reading
// public evaluation sets from the Go module cache (see internal/readeval):
//
//	go run ./cmd/entente-readeval                 # both sets, both extractors
//	go run ./cmd/entente-readeval -losses 20      # and the pages where entente loses
//
// Run it inside the repository: the modules are found with "go list -m".
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"

	"entente/internal/readeval"
)

func main() {
	var cfg config
	flag.IntVar(&cfg.workers, "workers", runtime.GOMAXPROCS(0), "pages extracted at once")
	flag.IntVar(&cfg.losses, "losses", 0, "list up to this many pages of each set where entente scores below go-trafilatura")
	flag.StringVar(&cfg.set, "set", "both", "which set: snippets, readability or both")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "entente-readeval:", err)
		os.Exit(1)
	}
}

type config struct {
	workers, losses int
	set             string
}

func run(ctx context.Context, cfg config, w io.Writer) error {
	if cfg.set != "both" && cfg.set != "snippets" && cfg.set != "readability" {
		return fmt.Errorf("-set %q: want snippets, readability or both", cfg.set)
	}
	ex := []readeval.Extractor{readeval.Trafilatura(), readeval.Entente(false), readeval.Entente(true)}
	if cfg.set != "readability" {
		dir, err := readeval.ModuleDir(ctx, ".", readeval.TrafilaturaModule)
		if err != nil {
			return err
		}
		pages, missing, err := readeval.SnippetPages(dir)
		if err != nil {
			return err
		}
		sr, err := readeval.RunSnippets(ctx, pages, ex, cfg.workers)
		if err != nil {
			return err
		}
		if err := sr.Report(w); err != nil {
			return err
		}
		if missing > 0 {
			fmt.Fprintf(w, "(%d entries of the set have no page in the module)\n", missing)
		}
		for n, i := range sr.Worse(1, 0) {
			if n == cfg.losses {
				break
			}
			p, c := sr.Pages[i].Folded(), sr.Folded[i]
			base, ours := readeval.Fold(sr.Results[i].Texts[0]), readeval.Fold(sr.Results[i].Texts[1])
			fmt.Fprintf(w, "\n%s (%s)\n  go-trafilatura %+v  entente %+v\n", p.Path, p.URL, c[0], c[1])
			if err := sr.Results[i].Errs[1]; err != nil {
				fmt.Fprintf(w, "  error:  %v\n", err)
			}
			for _, s := range p.With {
				if strings.Contains(base, s) && !strings.Contains(ours, s) {
					fmt.Fprintf(w, "  missed: %q\n", s)
				}
			}
			for _, s := range p.Without {
				if !strings.Contains(base, s) && strings.Contains(ours, s) {
					fmt.Fprintf(w, "  kept:   %q\n", s)
				}
			}
		}
		fmt.Fprintln(w)
	}
	if cfg.set != "snippets" {
		dir, err := readeval.ModuleDir(ctx, ".", readeval.ReadabilityModule)
		if err != nil {
			return err
		}
		pages, err := readeval.RefPages(dir)
		if err != nil {
			return err
		}
		rr, err := readeval.RunRef(ctx, pages, ex, cfg.workers)
		if err != nil {
			return err
		}
		if err := rr.Report(w); err != nil {
			return err
		}
		for n, i := range rr.Worse(1, 0, 0.01) {
			if n == cfg.losses {
				break
			}
			o := rr.Overlaps[i]
			fmt.Fprintf(w, "  %s: go-trafilatura F %.3f %+v, entente F %.3f %+v\n", rr.Pages[i].Name, o[0].F(), o[0], o[1].F(), o[1])
		}
	}
	return nil
}
