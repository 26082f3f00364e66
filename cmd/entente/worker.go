package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"entente"
	"entente/internal/pipeline"
	"entente/internal/queue"
	"entente/internal/store"
)

// workerConfig is what the flags of `entente worker` decide.
type workerConfig struct {
	queue, db, dict string
	// workers code documents in parallel; 0 means GOMAXPROCS.
	workers  int
	tries    int
	ackWait  time.Duration
	replicas int
	// untilEmpty ends the worker when the queue holds no document.
	untilEmpty bool
	// every is how often a progress line is logged.
	every time.Duration
	// code codes one document; nil means the pipeline. Tests set it to
	// poison documents.
	code func(context.Context, *entente.Document) error
}

func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("worker", flag.ContinueOnError)
	flags.SetOutput(stderr)
	queueURL := flags.String("queue", "", "NATS `URL` of the work queue (nats://host:4222, several separated by commas)")
	db := flags.String("db", "entente.db", dbFlagUsage+"; created when missing")
	workers := flags.Int("workers", 0, "documents coded in parallel (0: one per CPU)")
	tries := flags.Int("tries", queue.DefaultTries, "times a document may fail (a panic of the coder, or a worker that died coding it) before it goes to the dead-letter stream")
	ackWait := flags.Duration("ack-wait", queue.DefaultAckWait, "how long a document taken by a worker that stopped answering waits before another worker gets it")
	replicas := flags.Int("replicas", 1, "servers that keep the queue when it is created (3 on a 3-node cluster)")
	untilEmpty := flags.Bool("until-empty", false, "stop when the queue holds no document (default: wait for more)")
	dict := flags.String("dict", "", "`directory` of knowledge files overriding the embedded ones")
	flags.Usage = func() {
		fmt.Fprint(flags.Output(), `usage: entente worker --queue nats://HOST:4222 [flags]

Takes documents from the NATS JetStream work queue that "entente ingest
--queue" fills, codes them and stores them in --db. A document is acked
only after the store committed it: one whose worker dies is delivered
again to another, and a document already stored (same text) is not coded
again. Any number of workers may run, on any machine. A document that
makes the coder fail, or kills the worker coding it, --tries times goes to
the dead-letter stream with its last error; the others go on.

Flags:
`)
		flags.PrintDefaults()
	}
	if err := parseArgs(flags, args, stdout); err != nil {
		return err
	}
	if *queueURL == "" || flags.NArg() > 0 {
		flags.Usage()
		return exitError(2)
	}
	cfg := workerConfig{queue: *queueURL, db: *db, dict: *dict, workers: *workers, tries: *tries,
		ackWait: *ackWait, replicas: *replicas, untilEmpty: *untilEmpty, every: 10 * time.Second}
	return work(ctx, cfg, stdout, stderr)
}

// fetchWait is how long one fetch waits for a full batch.
const fetchWait = 200 * time.Millisecond

// work takes batches of documents from the queue, codes them with
// cfg.workers goroutines, stores each batch in one transaction and acks
// its documents once the transaction committed. A store error stops the
// worker (its documents are delivered again to another); a queue error
// that may pass is logged and the fetch tried again.
func work(ctx context.Context, cfg workerConfig, stdout, stderr io.Writer) error {
	p, st, err := openStore(ctx, "worker", cfg.dict, cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	q, err := queue.Open(ctx, cfg.queue, queue.Options{Replicas: cfg.replicas, AckWait: cfg.ackWait, Tries: cfg.tries, Log: log})
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	defer q.Close()
	c, err := q.Consumer(ctx)
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	code := cfg.code
	if code == nil {
		code = p.Code
	}
	workers := cfg.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	prog := newProgress(stderr, log, cfg.every)
	var stats ingestStats
	var dead int
	pause := 100 * time.Millisecond
fetching:
	for ctx.Err() == nil {
		ds, err := c.Fetch(ctx, batchDocs, min(fetchWait, cfg.ackWait/3))
		if err != nil && ctx.Err() == nil {
			// A reconnect or an election: wait a little and fetch again.
			log.Warn("fetch", "err", err, "again in", pause)
			select {
			case <-time.After(pause):
			case <-ctx.Done():
			}
			pause = min(2*pause, 2*time.Second)
		}
		if len(ds) == 0 {
			if err == nil && cfg.untilEmpty {
				if n, err := q.Pending(ctx); err == nil && n == 0 {
					break
				}
			}
			continue
		}
		pause = 100 * time.Millisecond
		// A document delivered again (a suspect) may be one whose coding
		// killed the worker that had it, or one of its batch: each is
		// struck, then coded and committed alone, so that a worker that
		// dies on it counts against it only, and at --tries strikes it
		// goes to the dead letters uncoded.
		var groups [][]*queue.Delivery
		var fresh []*queue.Delivery
		for _, d := range ds {
			if d.Suspect() {
				groups = append(groups, []*queue.Delivery{d})
			} else {
				fresh = append(fresh, d)
			}
		}
		if len(fresh) > 0 {
			groups = append([][]*queue.Delivery{fresh}, groups...)
		}
		stop := c.KeepAlive(ds)
		for _, g := range groups {
			if g[0].Suspect() {
				isDead, done := suspect(ctx, log, st, g[0], q.Tries())
				if isDead {
					dead++
				}
				if done {
					continue
				}
			}
			b, err := workBatch(ctx, st, code, workers, g)
			if err != nil {
				stop()
				if ctx.Err() != nil {
					break fetching
				}
				return fmt.Errorf("worker: %w", err)
			}
			dead += settle(ctx, log, g, b)
			stats.docs += b.stats.docs
			stats.dups += b.stats.dups
			stats.failed += b.stats.failed
			stats.events += b.stats.events
			stats.mentions += b.stats.mentions
			for _, f := range b.failed {
				prog.clear()
				log.Warn("skipped", "doc", f.doc, "err", f.err)
			}
		}
		stop()
		prog.update(stats)
	}
	prog.clear()
	elapsed := time.Since(prog.start)
	summary := fmt.Sprintf("%s, %d dead letters", stats, dead)
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(stdout, "stopped: stored %s in %s\n", summary, elapsed.Round(time.Millisecond))
		if errors.Is(err, context.Canceled) {
			return nil // stopped by a signal: a worker's normal end
		}
		return err
	}
	fmt.Fprintf(stdout, "stored %s in %s (%.1f documents/s); the queue is empty\n", summary,
		elapsed.Round(time.Millisecond), rate(stats.docs+stats.dups, elapsed))
	return nil
}

// settle acks the deliveries workBatch stored (after the commit: a lost
// ack only brings a document back, found stored) and reports the others'
// failure, and returns how many went to the dead letters.
func settle(ctx context.Context, log *slog.Logger, ds []*queue.Delivery, b batch) (dead int) {
	for i, d := range ds {
		if b.retry[i] != nil && ctx.Err() != nil {
			continue // stopped mid-coding: no strike, it comes back after AckWait
		}
		if b.retry[i] != nil {
			isDead, err := d.Fail(ctx, b.retry[i])
			if err != nil {
				log.Warn("fail", "doc", d.Doc.ID, "err", err)
			}
			if isDead {
				dead++
			} else {
				log.Warn("failed, tried again later", "doc", d.Doc.ID, "try", d.Attempt, "err", b.retry[i])
			}
			continue
		}
		if err := d.Ack(ctx); err != nil {
			log.Warn("ack lost, the document comes back", "doc", d.Doc.ID, "err", err)
		}
	}
	return dead
}

// suspect readies a document delivered again to be coded alone: one
// with --tries strikes already (workers died coding it) is dead-lettered
// uncoded, one stored already is acked; the others are struck. done
// reports that the document needs no coding.
func suspect(ctx context.Context, log *slog.Logger, st store.Store, d *queue.Delivery, tries int) (dead, done bool) {
	if d.Failure != nil {
		return false, false // nothing to code: stored as failed
	}
	n, err := d.Strikes(ctx)
	if err != nil {
		log.Warn("strikes unavailable", "doc", d.Doc.ID, "err", err)
	}
	if n >= tries {
		cause := fmt.Errorf("code: %d workers died or stalled coding it alone", n)
		if err := d.Dead(ctx, cause); err != nil {
			log.Warn("dead letter", "doc", d.Doc.ID, "err", err)
			return false, true // it comes back
		}
		return true, true
	}
	if _, stored, err := st.Has(ctx, store.Hash(d.Doc)); err == nil && stored {
		return false, false // workBatch counts and acks it
	}
	if _, err := d.Strike(ctx); err != nil {
		log.Warn("strike", "doc", d.Doc.ID, "err", err)
	}
	return false, false
}

// batch is what workBatch did with one fetched batch.
type batch struct {
	stats ingestStats
	// retry holds, by delivery, the error of a document to be tried
	// again or dead-lettered; nil for one to ack.
	retry  []error
	failed []struct {
		doc string
		err error
	}
}

// workBatch codes the deliveries not stored yet with workers goroutines
// and stores them in one transaction. A document the coder fails on with
// an error (an unsupported language) is stored as failed, as ingest
// stores it; one that makes the coder panic is not stored but returned in
// retry. A store error is returned.
func workBatch(ctx context.Context, st store.Store, code func(context.Context, *entente.Document) error, workers int, ds []*queue.Delivery) (batch, error) {
	b := batch{retry: make([]error, len(ds))}
	type slot struct {
		stored  bool
		failure error
		err     error
	}
	slots := make([]slot, len(ds))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(ds)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				d, s := ds[i], &slots[i]
				_, s.stored, s.err = st.Has(ctx, store.Hash(d.Doc))
				switch {
				case s.err != nil || s.stored:
				case d.Failure != nil:
					s.failure = d.Failure
				default:
					s.failure, b.retry[i] = codeSafely(ctx, code, d.Doc)
				}
			}
		}()
	}
	for i := range ds {
		next <- i
	}
	close(next)
	wg.Wait()

	var items []store.Item
	var idx []int
	for i, s := range slots {
		if s.err != nil {
			return b, fmt.Errorf("%s: %w", ds[i].Doc.ID, s.err)
		}
		if s.stored {
			b.stats.dups++
			continue
		}
		if b.retry[i] != nil {
			continue
		}
		items = append(items, store.Item{Doc: ds[i].Doc, Failure: s.failure})
		idx = append(idx, i)
	}
	if len(items) == 0 {
		return b, nil
	}
	results, err := st.IngestItems(ctx, items)
	if err != nil {
		return b, err
	}
	for k, res := range results {
		switch {
		case res.Duplicate:
			b.stats.dups++
		case res.Failed:
			b.stats.docs++
			b.stats.failed++
			b.failed = append(b.failed, struct {
				doc string
				err error
			}{ds[idx[k]].Doc.ID, items[k].Failure})
		default:
			b.stats.docs++
			b.stats.events += res.NewEvents
			b.stats.mentions += res.Mentions
		}
	}
	return b, nil
}

// codeSafely codes doc. An error of the coder is the document's failure,
// stored with it; a panic is returned as retry: the document is not
// stored, and tried again or dead-lettered.
func codeSafely(ctx context.Context, code func(context.Context, *entente.Document) error, doc *entente.Document) (failure, retry error) {
	defer func() {
		if r := recover(); r != nil {
			failure, retry = nil, fmt.Errorf("code: panic: %v", r)
		}
	}()
	err := code(ctx, doc)
	// The pipeline recovers its stages' panics itself (*PanicError): still
	// a panic here, tried again or dead-lettered.
	// A worker stopping (ctx done) leaves the document to another try.
	if pe := (*pipeline.PanicError)(nil); errors.As(err, &pe) || (err != nil && ctx.Err() != nil) {
		return nil, fmt.Errorf("code: %w", err)
	}
	return err, nil
}
