package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"entente"
	"entente/internal/pipeline"
	"entente/internal/read"
	"entente/internal/store/sqlite"
)

// ingestConfig is what the flags of `entente ingest` decide.
type ingestConfig struct {
	db      string
	dict    string
	read    read.Options
	sources []string
	// every is how often a progress line is logged.
	every time.Duration
}

func runIngest(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("ingest", flag.ContinueOnError)
	flags.SetOutput(stderr)
	db := flags.String("db", "entente.db", "SQLite database `file`; created when missing")
	docs := addDocFlags(flags)
	flags.Usage = func() {
		fmt.Fprint(stderr, `usage: entente ingest [flags] SOURCE...

A SOURCE is a file (text, HTML or JSON Lines), a directory (read
recursively, hidden files skipped), a glob such as 'news/*.jsonl', or "-"
for standard input. Documents are coded and stored; a document already
stored (same text) changes nothing; one that cannot be read or coded is
recorded with its error and skipped.

Flags:
`)
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() == 0 {
		flags.Usage()
		return exitError(2)
	}
	opt, err := docs.options("ingest")
	if err != nil {
		return err
	}
	cfg := ingestConfig{db: *db, dict: *docs.dict, read: opt, sources: flags.Args(), every: 10 * time.Second}
	return ingest(ctx, cfg, stdin, stdout, stderr)
}

// ingestStats counts what one run did.
type ingestStats struct {
	docs, dups, failed int // new documents (failed ones included), duplicates, failed
	events, mentions   int // events created, mentions added
	sourceErrs         int // sources that could not be listed or opened
}

func (s ingestStats) String() string {
	return fmt.Sprintf("%d documents (%d new, %d duplicate, %d failed), %d new events, %d mentions",
		s.docs+s.dups, s.docs-s.failed, s.dups, s.failed, s.events, s.mentions)
}

// ingest codes and stores every document of cfg.sources. Bad documents are
// recorded and skipped; a source that cannot be opened is reported and
// makes the exit status 1; a store error stops the run.
func ingest(ctx context.Context, cfg ingestConfig, stdin io.Reader, stdout, stderr io.Writer) error {
	p, err := pipeline.Load(pipeline.Knowledge(cfg.dict))
	if err != nil {
		return fmt.Errorf("ingest: knowledge: %w", err)
	}
	st, err := sqlite.Open(ctx, cfg.db, sqlite.Options{})
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	defer st.Close()

	log := slog.New(slog.NewTextHandler(stderr, nil))
	start := time.Now()
	lastLog := start
	var stats ingestStats
	var storeErr error
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	put := func(doc *entente.Document, failure error) {
		if storeErr != nil {
			return
		}
		res, err := st.Ingest(ctx, doc, failure)
		if err != nil {
			storeErr = err
			cancel()
			return
		}
		switch {
		case res.Duplicate:
			stats.dups++
		case res.Failed:
			stats.docs++
			stats.failed++
			log.Warn("skipped", "doc", doc.ID, "err", failure)
		default:
			stats.docs++
			stats.events += res.NewEvents
			stats.mentions += res.Mentions
		}
		if now := time.Now(); now.Sub(lastLog) >= cfg.every {
			lastLog = now
			log.Info("ingest", "progress", stats.String(), "docs_per_s", rate(stats.docs+stats.dups, now.Sub(start)))
		}
	}
	each := func(doc *entente.Document, err error) {
		switch {
		case err != nil:
			put(unread(err), err)
		default:
			put(doc, p.Code(doc))
		}
	}
	file := func(path string) {
		var err error
		if path == "-" {
			err = read.Reader(ctx, stdin, "-", cfg.read, each)
		} else {
			err = read.Path(ctx, path, cfg.read, each)
		}
		if err != nil && ctx.Err() == nil {
			// The file could not be opened or read through: a bad document.
			put(&entente.Document{ID: path}, err)
		}
	}
	skip := dbFiles(cfg.db)
	for _, src := range cfg.sources {
		if ctx.Err() != nil {
			break
		}
		if err := walkSource(ctx, src, skip, file); err != nil && ctx.Err() == nil {
			stats.sourceErrs++
			log.Error("source", "err", err)
		}
	}
	if storeErr != nil {
		return fmt.Errorf("ingest: %w", storeErr)
	}
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(stdout, "interrupted: %s\n", stats)
		return err
	}
	total, err := st.Counts(ctx)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "ingested %s in %s (%.1f documents/s)\n", stats, elapsed.Round(time.Millisecond), rate(stats.docs+stats.dups, elapsed))
	fmt.Fprintf(stdout, "%s holds %d documents (%d failed), %d events, %d mentions\n", cfg.db, total.Documents, total.Failed, total.Events, total.Mentions)
	if stats.sourceErrs > 0 {
		return exitError(1)
	}
	return nil
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// unread is the stand-in stored for a document that could not be read:
// only its name, from the reader's error.
func unread(err error) *entente.Document {
	var re *read.Error
	if errors.As(err, &re) {
		if re.Line > 0 {
			return &entente.Document{ID: fmt.Sprintf("%s:%d", re.Doc, re.Line)}
		}
		return &entente.Document{ID: re.Doc}
	}
	return &entente.Document{ID: err.Error()}
}

// dbFiles lists the database's own files, which a directory walk skips.
func dbFiles(db string) map[string]bool {
	abs, err := filepath.Abs(db)
	if err != nil {
		return nil
	}
	return map[string]bool{abs: true, abs + "-wal": true, abs + "-shm": true, abs + "-journal": true}
}

// walkSource calls file for every file of one source, in lexical order:
// "-", a file, every non-hidden file under a directory, or the matches of
// a glob.
func walkSource(ctx context.Context, src string, skip map[string]bool, file func(path string)) error {
	if src == "-" {
		file(src)
		return nil
	}
	paths := []string{src}
	if _, err := os.Stat(src); err != nil {
		if !errors.Is(err, fs.ErrNotExist) || !strings.ContainsAny(src, "*?[") {
			return err
		}
		matches, gerr := filepath.Glob(src)
		if gerr != nil {
			return fmt.Errorf("%s: %w", src, gerr)
		}
		if len(matches) == 0 {
			return fmt.Errorf("%s: no file matches", src)
		}
		paths = matches
	}
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			hidden := path != root && strings.HasPrefix(d.Name(), ".")
			switch {
			case d.IsDir() && hidden:
				return filepath.SkipDir
			case d.IsDir() || hidden || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0:
				return nil
			}
			if abs, err := filepath.Abs(path); err == nil && skip[abs] {
				return nil
			}
			file(path)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
