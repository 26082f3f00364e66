package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"entente"
	"entente/internal/store"
)

// recodeConfig is what the flags of `entente recode` decide.
type recodeConfig struct {
	db, dict, run string
	show          bool
	limit         int // changes listed by --show
}

// runRecode codes every stored document again with the current knowledge
// (or --dict) and replaces its events, recording what changed; --show
// lists the recorded changes.
func runRecode(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("recode", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var cfg recodeConfig
	flags.StringVar(&cfg.db, "db", "entente.db", dbFlagUsage)
	flags.StringVar(&cfg.dict, "dict", "", "knowledge `directory` whose files replace the embedded ones of the same path")
	flags.StringVar(&cfg.run, "run", "", "`name` of this run in the change log (default: recode-TIME); with --show, the run to list (default: all)")
	flags.BoolVar(&cfg.show, "show", false, "list the recorded changes instead of recoding")
	flags.IntVar(&cfg.limit, "limit", 1000, "with --show, list at most `n` changes, newest first")
	flags.Usage = func() {
		fmt.Fprint(flags.Output(), `usage: entente recode [--db PATH] [--dict DIR] [--run NAME]
       entente recode --show [--db PATH] [--run NAME]

Codes every stored document again, with the embedded knowledge or the
files of --dict, and replaces its events: events a document no longer
reports lose its mention (and go when no mention is left), new ones are
added. Each added or removed event is recorded under the run's name;
--show lists them.

Flags:
`)
		flags.PrintDefaults()
	}
	if err := parseArgs(flags, args, stdout); err != nil {
		return err
	}
	if flags.NArg() != 0 {
		flags.Usage()
		return exitError(2)
	}
	if cfg.show {
		return showChanges(ctx, cfg, stdout)
	}
	if cfg.run == "" {
		cfg.run = "recode-" + time.Now().UTC().Format("20060102T150405Z")
	}
	return recode(ctx, cfg, stdout, stderr)
}

// recodeStats counts what one run did.
type recodeStats struct {
	docs, changed, failed, skipped int
	added, removed                 int
}

func (s recodeStats) String() string {
	return fmt.Sprintf("%d documents (%d changed, %d could not be coded, %d without text), %d events added, %d removed",
		s.docs, s.changed, s.failed, s.skipped, s.added, s.removed)
}

func recode(ctx context.Context, cfg recodeConfig, stdout, stderr io.Writer) error {
	p, st, err := openStore(ctx, "recode", cfg.dict, cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(stderr, nil))

	var stats recodeStats
	var after int64
	for {
		docs, err := st.Documents(ctx, after, 100)
		if err != nil {
			return fmt.Errorf("recode: %w", err)
		}
		if len(docs) == 0 {
			break
		}
		for i := range docs {
			d := &docs[i]
			after = d.ID
			stats.docs++
			if d.Text == "" {
				stats.skipped++ // never read: nothing to code
				continue
			}
			doc := rebuild(d)
			if err := p.Code(ctx, doc); err != nil {
				stats.failed++
				log.Warn("not coded", "doc", d.Name, "err", err)
				continue
			}
			changes, err := st.Recode(ctx, d.ID, doc, cfg.run)
			if err != nil {
				return fmt.Errorf("recode: %w", err)
			}
			if len(changes) > 0 {
				stats.changed++
			}
			for _, c := range changes {
				if c.Action == "added" {
					stats.added++
				} else {
					stats.removed++
				}
			}
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("recode: %w (after %s)", err, stats)
		}
	}
	fmt.Fprintf(stdout, "recode %s: %s\n", cfg.run, stats)
	return nil
}

// rebuild makes the document that ingest coded from a stored one.
func rebuild(d *store.Document) *entente.Document {
	doc := &entente.Document{ID: d.Name, URL: d.URL, Title: d.Title, Site: d.Site, Text: d.Text, Lang: d.Lang, DateFrom: d.DateFrom}
	if d.Date != nil {
		if t, err := time.Parse(time.DateOnly, *d.Date); err == nil {
			doc.Date = t
		}
	}
	if doc.Date.IsZero() {
		doc.DateFrom = ""
	}
	return doc
}

// showChanges lists recorded changes, newest first, one a line.
func showChanges(ctx context.Context, cfg recodeConfig, stdout io.Writer) error {
	st, err := openDB(ctx, "recode", cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()
	changes, err := st.Changes(ctx, cfg.run, cfg.limit)
	if err != nil {
		return fmt.Errorf("recode: %w", err)
	}
	for _, c := range changes {
		date := "-"
		if c.Date != nil {
			date = *c.Date
		}
		fmt.Fprintf(stdout, "%s\t%s\tdoc %d\tevent %d\t%s\t%s %s %s\t%s\t%s\n",
			c.Run, c.At.Format(time.RFC3339), c.Doc, c.Event, c.Action,
			actorOf(c.Source), c.Code, actorOf(c.Target), date, strings.Join(strings.Fields(c.Evidence), " "))
	}
	if len(changes) == 0 {
		fmt.Fprintln(stdout, "no changes recorded")
	}
	return nil
}

// actorOf shows a store.ActorKey ("IRN||GOV|") as the parts it has
// ("IRN GOV"), or "-" for none.
func actorOf(key string) string {
	s := strings.Join(strings.Fields(strings.ReplaceAll(key, "|", " ")), " ")
	if s == "" {
		return "-"
	}
	return s
}
