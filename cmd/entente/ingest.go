package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"entente"
	"entente/internal/fetch"
	"entente/internal/pipeline"
	"entente/internal/read"
	"entente/internal/source"
	"entente/internal/store"
	"entente/internal/store/postgres"
)

// ingestConfig is what the flags of `entente ingest` decide.
type ingestConfig struct {
	db      string
	dict    string
	read    read.Options
	sources []string
	// every is how often a progress line is logged when standard error
	// is not a terminal.
	every time.Duration
	// allowPrivate lets URL sources and feed items be fetched from
	// loopback and private addresses.
	allowPrivate bool
	// workers read and code documents in parallel; 0 means GOMAXPROCS.
	workers int
	// queue, when set, is the NATS URL of the work queue the documents
	// are published to instead of being coded (see publish); replicas is
	// the number of servers keeping the queue when it is created.
	queue    string
	replicas int
	// code codes one document; nil means the pipeline's Code. Tests set
	// it to make coding fail.
	code func(context.Context, *entente.Document) error
}

func runIngest(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("ingest", flag.ContinueOnError)
	flags.SetOutput(stderr)
	db := flags.String("db", "entente.db", dbFlagUsage+"; created when missing")
	allowPrivate := flags.Bool("allow-private", false, "fetch URLs on loopback and private addresses (for local testing)")
	workers := flags.Int("workers", 0, "documents read and coded in parallel (0: one per CPU)")
	queueURL := flags.String("queue", "", "NATS `URL` (nats://host:4222, several separated by commas): put the documents on this work queue for `entente worker` instead of coding them")
	replicas := flags.Int("replicas", 1, "with --queue: servers that keep the queue when it is created (3 on a 3-node cluster)")
	docs := addDocFlags(flags)
	flags.Usage = func() {
		fmt.Fprint(flags.Output(), `usage: entente ingest [flags] SOURCE...

A SOURCE is a file (text, HTML, JSON Lines, or any of them gzip'd), a
directory (read recursively, hidden files skipped), a glob such as
'news/*.jsonl', "-" for standard input, an http(s) URL of a page or of an
RSS or Atom feed (each item's page is fetched), or a WARC or WARC.gz file
(response records with HTML or text pages). Documents are coded and
stored; a document already stored (same text) changes nothing; one that
cannot be fetched, read or coded is recorded with its error and skipped.
With --queue the documents are read here and put on a NATS JetStream work
queue; "entente worker" processes code and store them.

Flags:
`)
		flags.PrintDefaults()
	}
	if err := parseArgs(flags, args, stdout); err != nil {
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
	cfg := ingestConfig{db: *db, dict: *docs.dict, read: opt, sources: flags.Args(), every: 10 * time.Second,
		allowPrivate: *allowPrivate, workers: *workers, queue: *queueURL, replicas: *replicas}
	if cfg.queue != "" {
		return publish(ctx, cfg, stdin, stdout, stderr)
	}
	return ingest(ctx, cfg, stdin, stdout, stderr)
}

// ingestStats counts what one run did.
type ingestStats struct {
	docs, dups, failed int // new documents (failed ones included), duplicates, failed
	retry              int // pages whose fetch failed for now: not stored
	events, mentions   int // events created, mentions added
	sourceErrs         int // sources that could not be listed, opened or fetched
}

func (s ingestStats) String() string {
	out := fmt.Sprintf("%d documents (%d new, %d duplicate, %d failed), %d new events, %d mentions",
		s.docs+s.dups+s.retry, s.docs-s.failed, s.dups, s.failed, s.events, s.mentions)
	if s.retry > 0 {
		out += fmt.Sprintf(", %d to fetch again", s.retry)
	}
	return out
}

// job is one document on its way through the workers to the writer.
type job struct {
	name     string
	load     func() (*entente.Document, error)
	doc      *entente.Document
	err      error // read or coding error: a failed document
	srcErr   error // the source could not be expanded: no document
	stored   bool  // its text is already stored: not coded, a duplicate
	storeErr error // the store could not tell whether it was stored
	done     chan struct{}
}

// retry reports whether the job's page could not be fetched for a reason
// that may pass (a timeout, a 5xx answer): such a page is not recorded as
// failed, so that the next run fetches it again.
func (j *job) retry() bool { return j.err != nil && j.doc == nil && fetch.Temporary(j.err) }

// The writer stores documents in batches, one transaction each, of at
// most batchDocs documents gathered for at most batchWait: a commit per
// document cost more than coding it.
const (
	batchDocs = 64
	batchWait = 200 * time.Millisecond
)

// ingest codes and stores every document of cfg.sources. Documents are
// read and coded by cfg.workers goroutines and stored by one writer in
// input order. Bad documents are recorded and skipped; a source that
// cannot be opened is reported and makes the exit status 1; a store error
// stops the run.
func ingest(ctx context.Context, cfg ingestConfig, stdin io.Reader, stdout, stderr io.Writer) error {
	p, st, err := openStore(ctx, "ingest", cfg.dict, cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()

	log := slog.New(slog.NewTextHandler(stderr, nil))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	client := fetch.New(fetch.Options{AllowPrivate: cfg.allowPrivate})
	defer client.CloseIdleConnections()
	var skip map[string]bool
	if !postgres.IsURL(cfg.db) {
		skip = dbFiles(cfg.db)
	}
	cfg.read.Log = log // conversions to UTF-8
	opt := source.Options{Read: cfg.read, Client: client, Stdin: stdin, Skip: skip}

	prog := newProgress(stderr, log, cfg.every)
	if prog.tty {
		if n, ok := source.Count(ctx, cfg.sources, skip); ok {
			prog.total = n
		}
	}

	workers := cfg.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	codeDoc := cfg.code
	if codeDoc == nil {
		codeDoc = p.Code
	}
	// work reads and codes one document. A panic (a reader's or a stage's
	// bug) fails that document alone: it is recorded with the panic's
	// message, so that a re-run does not meet it again, and the batch goes on.
	work := func(j *job) {
		defer close(j.done)
		defer func() {
			if v := recover(); v != nil {
				j.err = &pipeline.PanicError{Value: v, Stack: debug.Stack()}
			}
		}()
		j.doc, j.err = j.load()
		if j.err == nil {
			// A text already stored is not coded again (a re-run
			// after an interruption). One stored by the writer
			// since is still found a duplicate when stored.
			_, j.stored, j.storeErr = st.Has(ctx, store.Hash(j.doc))
			if !j.stored && j.storeErr == nil {
				j.err = codeDoc(ctx, j.doc)
			}
		}
	}
	jobs := make(chan *job)
	order := make(chan *job, batchDocs+4*workers)
	for range workers {
		go func() {
			for j := range jobs {
				work(j)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for _, src := range cfg.sources {
			if ctx.Err() != nil {
				return
			}
			err := source.Expand(ctx, src, opt, func(it source.Item) {
				j := &job{name: it.Name, load: it.Load, done: make(chan struct{})}
				select {
				case jobs <- j:
				case <-ctx.Done():
					j.err = ctx.Err()
					close(j.done)
				}
				order <- j
			})
			if err != nil && ctx.Err() == nil {
				j := &job{name: src, srcErr: fmt.Errorf("%s: %w", src, err), done: make(chan struct{})}
				close(j.done)
				order <- j
			}
		}
	}()

	// The writer: documents in input order, in batches of one transaction.
	var stats ingestStats
	var storeErr error
	fail := func(err error) {
		if ctx.Err() == nil {
			storeErr = err
		}
		cancel()
	}
	var batch []*job
	var deadline <-chan time.Time // when the batch is due; nil when empty
	flush := func() {
		defer func() { batch, deadline = batch[:0], nil }()
		if len(batch) == 0 || storeErr != nil || ctx.Err() != nil {
			return
		}
		var items []store.Item
		for _, j := range batch {
			if j.srcErr != nil || j.stored || j.retry() {
				continue
			}
			doc := j.doc
			if doc == nil {
				doc = &entente.Document{ID: j.name}
			}
			items = append(items, store.Item{Doc: doc, Failure: j.err})
		}
		results, err := st.IngestItems(ctx, items)
		if err != nil {
			fail(err)
			return
		}
		k := 0
		for _, j := range batch {
			switch {
			case j.srcErr != nil:
				stats.sourceErrs++
				prog.clear()
				log.Error("source", "err", j.srcErr)
				continue
			case j.stored:
				stats.dups++
			case j.retry():
				// Not recorded: recording it would make the next run
				// take the page for a stored duplicate and never fetch
				// it again.
				stats.retry++
				prog.clear()
				log.Warn("not stored, fetched again on the next run", "doc", j.name, "err", j.err)
			default:
				res, doc := results[k], items[k].Doc
				k++
				switch {
				case res.Duplicate:
					stats.dups++
				case res.Failed:
					stats.docs++
					stats.failed++
					prog.clear()
					if pe := (*pipeline.PanicError)(nil); errors.As(j.err, &pe) {
						log.Error("skipped: a bug, please report it", "doc", doc.ID, "err", j.err, "stack", string(pe.Stack))
					} else {
						log.Warn("skipped", "doc", doc.ID, "err", j.err)
					}
				default:
					stats.docs++
					stats.events += res.NewEvents
					stats.mentions += res.Mentions
				}
			}
			prog.update(stats)
		}
	}
	for {
		var j *job
		var ok bool
		select {
		case j, ok = <-order:
		case <-deadline:
			flush()
			continue
		}
		if !ok {
			break
		}
		select {
		case <-j.done:
		case <-deadline:
			flush()
			<-j.done
		}
		if storeErr != nil || ctx.Err() != nil {
			continue // drain: the workers and the producer see ctx and stop
		}
		if j.storeErr != nil {
			fail(fmt.Errorf("%s: %w", j.name, j.storeErr))
			continue
		}
		batch = append(batch, j)
		if len(batch) == 1 {
			deadline = time.After(batchWait)
		}
		if len(batch) >= batchDocs {
			flush()
		}
	}
	flush()
	prog.clear()
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
	elapsed := time.Since(prog.start)
	fmt.Fprintf(stdout, "ingested %s in %s (%.1f documents/s)\n", stats, elapsed.Round(time.Millisecond), rate(stats.docs+stats.dups, elapsed))
	fmt.Fprintf(stdout, "%s holds %d documents (%d failed), %d events, %d mentions\n", dbName(cfg.db), total.Documents, total.Failed, total.Events, total.Mentions)
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

// dbFiles lists the database's own files, which a directory walk skips.
func dbFiles(db string) map[string]bool {
	abs, err := filepath.Abs(db)
	if err != nil {
		return nil
	}
	return map[string]bool{abs: true, abs + "-wal": true, abs + "-shm": true, abs + "-journal": true}
}
