package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"golang.org/x/term"

	"entente/internal/api"
	"entente/internal/export"
	"entente/internal/kb"
	"entente/internal/pipeline"
	"entente/internal/store/postgres"
)

// exportConfig is what the flags of `entente export` decide.
type exportConfig struct {
	db, format, out, dict string
	query                 url.Values // the filters, as the API's query parameters
	opt                   export.Options
}

func runExport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg, err := parseExport(args, stdout, stderr)
	if err != nil {
		return err
	}
	return exportEvents(ctx, cfg, stdout, stderr)
}

func parseExport(args []string, stdout, stderr io.Writer) (exportConfig, error) {
	var cfg exportConfig
	flags := flag.NewFlagSet("export", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.StringVar(&cfg.db, "db", "entente.db", dbFlagUsage)
	flags.StringVar(&cfg.format, "format", "csv", "output `format`: csv, gdelt, jsonl, plover or parquet")
	flags.StringVar(&cfg.out, "out", "", "write to `FILE` instead of standard output (\"-\": standard output)")
	flags.StringVar(&cfg.dict, "dict", "", "knowledge `directory` whose files replace the embedded ones (for the names of --actor, --dyad and --country)")
	flags.BoolVar(&cfg.opt.Header, "header", false, "gdelt: start with a line of GDELT column names (csv always has one)")
	// The filters are the query parameters of GET /api/events, checked by
	// the same code.
	params := []struct{ flag, param, usage string }{
		{"actor", "actor", "actor: a name in any language (Poutine, Путин, Russie), knowledge-base id, CAMEO actor code, country or org"},
		{"country", "country", "actor country: a name in any language or an ISO 3166-1 alpha-3 code"},
		{"sector", "sector", "actor sector (GOV, MIL, REB...)"},
		{"role", "role", "side --actor, --country and --sector apply to: source, target, or either when empty"},
		{"dyad", "dyad", "events from `A,B` (each side matched as --actor)"},
		{"code", "code", "CAMEO event code or prefix (19 is the root)"},
		{"quad", "quad", "QuadClass 1-4"},
		{"modality", "modality", "asserted, negated, intended, alleged or conditional"},
		{"lang", "lang", "language of a mentioning document (fr, en, es, de, ru, ar, fa)"},
		{"from", "from", "first event date, `YYYY-MM-DD`"},
		{"to", "to", "last event date, `YYYY-MM-DD`"},
		{"place-country", "place_country", "country of the event place (a name or ISO 3166-1 alpha-3 code)"},
		{"q", "q", "words of a mentioning document (full text, accents ignored)"},
	}
	values := make([]*string, len(params))
	for i, p := range params {
		values[i] = flags.String(p.flag, "", p.usage)
	}
	undirected := flags.Bool("undirected", false, "--dyad matches both directions")
	flags.Usage = func() {
		fmt.Fprint(flags.Output(), `usage: entente export [--format csv|gdelt|jsonl|plover|parquet] [--db PATH] [--out FILE] [--dict DIR] [filters]

Writes the stored events that the filters select, in event id order.
Formats:
`)
		for _, f := range export.Formats() {
			fmt.Fprintf(flags.Output(), "  %-8s %s\n", f.Name, f.Doc)
		}
		fmt.Fprint(flags.Output(), "\nFlags:\n")
		flags.PrintDefaults()
	}
	if err := parseArgs(flags, args, stdout); err != nil {
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
	q := url.Values{}
	for i, p := range params {
		if *values[i] != "" {
			q.Set(p.param, *values[i])
		}
	}
	if *undirected {
		if q.Get("dyad") == "" {
			return cfg, errors.New("export: --undirected needs --dyad")
		}
		q.Set("undirected", "1")
	}
	if err := api.CheckFilter(q); err != nil {
		return cfg, fmt.Errorf("export: %w", err)
	}
	cfg.query = q
	return cfg, nil
}

// exportEvents writes the events cfg selects to cfg.out, or to stdout.
// A file is written beside its final name and renamed into place when
// complete, so that a failed export leaves no half file.
func exportEvents(ctx context.Context, cfg exportConfig, stdout, stderr io.Writer) error {
	if cfg.out == "-" {
		// "-" is standard output, as for the files of code and ingest.
		cfg.out = ""
	}
	if cfg.format == "parquet" && cfg.out == "" {
		if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return errors.New("export: parquet is binary: give --out FILE or redirect standard output")
		}
	}
	if _, err := os.Stat(cfg.db); err != nil && !postgres.IsURL(cfg.db) {
		return fmt.Errorf("export: database: %w", err)
	}
	st, err := openDB(ctx, "export", cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()
	// Names are resolved as the API resolves them (same code).
	k, err := kb.Load(pipeline.Knowledge(cfg.dict))
	if err != nil {
		return fmt.Errorf("export: knowledge: %w", err)
	}
	filter, err := api.NewNames(k, st).Filter(ctx, cfg.query)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}

	if cfg.out == "" {
		n, err := export.Write(ctx, stdout, cfg.format, st, filter, cfg.opt)
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
	n, err := export.Write(ctx, tmp, cfg.format, st, filter, cfg.opt)
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
