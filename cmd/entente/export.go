package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"entente"
	"entente/internal/export"
	"entente/internal/store"
	"entente/internal/store/sqlite"
)

// exportConfig is what the flags of `entente export` decide.
type exportConfig struct {
	db, format, out string
	filter          store.Filter
	opt             export.Options
}

func runExport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg, err := parseExport(args, stderr)
	if err != nil {
		return err
	}
	return exportEvents(ctx, cfg, stdout, stderr)
}

func parseExport(args []string, stderr io.Writer) (exportConfig, error) {
	var cfg exportConfig
	flags := flag.NewFlagSet("export", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.StringVar(&cfg.db, "db", "entente.db", "SQLite database `file`")
	flags.StringVar(&cfg.format, "format", "csv", "output `format`: csv, jsonl, plover or parquet")
	flags.StringVar(&cfg.out, "out", "", "write to `FILE` instead of standard output")
	flags.BoolVar(&cfg.opt.Header, "header", false, "csv: start with a line of GDELT column names")
	f := &cfg.filter
	flags.StringVar(&f.Actor, "actor", "", "actor: knowledge-base id, CAMEO actor code, country or org")
	flags.StringVar(&f.Country, "country", "", "actor country (ISO 3166-1 alpha-3)")
	flags.StringVar(&f.Sector, "sector", "", "actor sector (GOV, MIL, REB...)")
	flags.StringVar(&f.Role, "role", "", "side --actor, --country and --sector apply to: source, target, or either when empty")
	dyad := flags.String("dyad", "", "events from `A,B` (each side matched as --actor)")
	flags.BoolVar(&f.Undirected, "undirected", false, "--dyad matches both directions")
	flags.StringVar(&f.Code, "code", "", "CAMEO event code or prefix (19 is the root)")
	quad := flags.Int("quad", 0, "QuadClass 1-4")
	flags.StringVar(&f.Modality, "modality", "", "asserted, negated, intended, alleged or conditional")
	flags.StringVar(&f.Lang, "lang", "", "language of a mentioning document (fr, en)")
	flags.StringVar(&f.From, "from", "", "first event date, `YYYY-MM-DD`")
	flags.StringVar(&f.To, "to", "", "last event date, `YYYY-MM-DD`")
	flags.StringVar(&f.PlaceCountry, "place-country", "", "country of the event place (ISO 3166-1 alpha-3)")
	flags.StringVar(&f.Text, "q", "", "words of a mentioning document (full text, accents ignored)")
	flags.Usage = func() {
		fmt.Fprint(stderr, `usage: entente export [--format csv|jsonl|plover|parquet] [--db PATH] [--out FILE] [filters]

Writes the stored events that the filters select, in event id order.
Formats:
`)
		for _, f := range export.Formats() {
			fmt.Fprintf(stderr, "  %-8s %s\n", f.Name, f.Doc)
		}
		fmt.Fprint(stderr, "\nFlags:\n")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return cfg, err
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "export: unexpected argument %q\n", flags.Arg(0))
		flags.Usage()
		return cfg, exitError(2)
	}
	if _, err := export.Lookup(cfg.format); err != nil {
		return cfg, err
	}
	if *dyad != "" {
		a, b, ok := strings.Cut(*dyad, ",")
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		if !ok || a == "" || b == "" || strings.Contains(b, ",") {
			return cfg, fmt.Errorf("export: --dyad %q: want two actors, A,B", *dyad)
		}
		f.Dyad = [2]string{a, b}
	} else if f.Undirected {
		return cfg, errors.New("export: --undirected needs --dyad")
	}
	if *quad < 0 || *quad > 4 {
		return cfg, fmt.Errorf("export: --quad %d: want 1 to 4", *quad)
	}
	f.Quad = *quad
	switch f.Role {
	case "", "source", "target":
	default:
		return cfg, fmt.Errorf("export: --role %q: want source or target", f.Role)
	}
	switch f.Modality {
	case "", entente.Asserted, entente.Negated, entente.Intended, entente.Alleged, entente.Conditional:
	default:
		return cfg, fmt.Errorf("export: --modality %q: want asserted, negated, intended, alleged or conditional", f.Modality)
	}
	for name, d := range map[string]string{"--from": f.From, "--to": f.To} {
		if _, err := time.Parse(time.DateOnly, d); d != "" && err != nil {
			return cfg, fmt.Errorf("export: %s %q: want YYYY-MM-DD", name, d)
		}
	}
	if f.Code != "" {
		if len(f.Code) < 2 || len(f.Code) > 4 || strings.Trim(f.Code, "0123456789") != "" {
			return cfg, fmt.Errorf("export: --code %q: want a CAMEO code of 2 to 4 digits", f.Code)
		}
	}
	f.Country, f.PlaceCountry, f.Sector = strings.ToUpper(f.Country), strings.ToUpper(f.PlaceCountry), strings.ToUpper(f.Sector)
	return cfg, nil
}

// exportEvents writes the events cfg selects to cfg.out, or to stdout.
// A file is written beside its final name and renamed into place when
// complete, so that a failed export leaves no half file.
func exportEvents(ctx context.Context, cfg exportConfig, stdout, stderr io.Writer) error {
	if cfg.format == "parquet" && cfg.out == "" {
		if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return errors.New("export: parquet is binary: give --out FILE or redirect standard output")
		}
	}
	if _, err := os.Stat(cfg.db); err != nil {
		return fmt.Errorf("export: database: %w", err)
	}
	st, err := sqlite.Open(ctx, cfg.db, sqlite.Options{})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer st.Close()

	if cfg.out == "" {
		n, err := export.Write(ctx, stdout, cfg.format, st, cfg.filter, cfg.opt)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "exported %d events\n", n)
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(cfg.out), "."+filepath.Base(cfg.out)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	n, err := export.Write(ctx, tmp, cfg.format, st, cfg.filter, cfg.opt)
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("export: %w", cerr)
	}
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), cfg.out); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stderr, "exported %d events to %s\n", n, cfg.out)
	return nil
}
