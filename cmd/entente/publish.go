package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"entente"
	"entente/internal/fetch"
	"entente/internal/queue"
	"entente/internal/source"
)

// publish reads every document of cfg.sources as ingest does and puts it
// on the work queue at cfg.queue for `entente worker` to code and store.
// A document that cannot be read, or is too large for a message, goes on
// the queue as a failure with its error, so that the store records it as
// ingest would; a page whose fetch failed for now is left for the next
// run. A source that cannot be opened is reported and makes the exit
// status 1; a queue error stops the run.
func publish(ctx context.Context, cfg ingestConfig, stdin io.Reader, stdout, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	q, err := queue.Open(ctx, cfg.queue, queue.Options{Replicas: cfg.replicas, Log: log})
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	defer q.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	client := fetch.New(fetch.Options{AllowPrivate: cfg.allowPrivate})
	defer client.CloseIdleConnections()
	cfg.read.Log = log // conversions to UTF-8
	opt := source.Options{Read: cfg.read, Client: client, Stdin: stdin}

	prog := newProgress(stderr, log, cfg.every)
	if prog.tty {
		if n, ok := source.Count(ctx, cfg.sources, nil); ok {
			prog.total = n
		}
	}
	workers := cfg.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	var (
		mu       sync.Mutex
		stats    ingestStats
		queueErr error
	)
	// count records what happened to one document; it takes mu.
	count := func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		f()
		prog.update(stats)
	}
	items := make(chan source.Item)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				doc, rerr := it.Load()
				if rerr != nil && doc == nil && fetch.Temporary(rerr) {
					count(func() {
						stats.retry++
						prog.clear()
						log.Warn("not queued, fetched again on the next run", "doc", it.Name, "err", rerr)
					})
					continue
				}
				if doc == nil {
					doc = &entente.Document{ID: it.Name}
				}
				dup, err := q.Publish(ctx, doc, rerr)
				var tooLarge *queue.TooLargeError
				if errors.As(err, &tooLarge) {
					// Recorded as a failed document, without its text.
					rerr = tooLarge
					dup, err = q.Publish(ctx, &entente.Document{ID: doc.ID}, rerr)
				}
				count(func() {
					switch {
					case err != nil:
						if queueErr == nil && ctx.Err() == nil {
							queueErr = err
						}
						cancel()
					case dup:
						stats.dups++
					default:
						stats.docs++
						if rerr != nil {
							stats.failed++
							prog.clear()
							log.Warn("queued as failed", "doc", doc.ID, "err", rerr)
						}
					}
				})
			}
		}()
	}
	for _, src := range cfg.sources {
		if ctx.Err() != nil {
			break
		}
		err := source.Expand(ctx, src, opt, func(it source.Item) {
			select {
			case items <- it:
			case <-ctx.Done():
			}
		})
		if err != nil && ctx.Err() == nil {
			count(func() {
				stats.sourceErrs++
				prog.clear()
				log.Error("source", "err", fmt.Errorf("%s: %w", src, err))
			})
		}
	}
	close(items)
	wg.Wait()
	prog.clear()
	if queueErr != nil {
		return fmt.Errorf("ingest: %w", queueErr)
	}
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(stdout, "interrupted: queued %s\n", queuedString(stats))
		return err
	}
	elapsed := time.Since(prog.start)
	pending, err := q.Pending(ctx)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	fmt.Fprintf(stdout, "queued %s in %s (%.1f documents/s); %d documents wait in the queue\n",
		queuedString(stats), elapsed.Round(time.Millisecond), rate(stats.docs+stats.dups, elapsed), pending)
	if stats.sourceErrs > 0 {
		return exitError(1)
	}
	return nil
}

// queuedString tells what a publish did: new messages, duplicates the
// server dropped (the same text queued shortly before), failures queued
// to be recorded, and pages left for the next run.
func queuedString(s ingestStats) string {
	out := fmt.Sprintf("%d documents (%d new, %d already queued, %d failed to read)", s.docs+s.dups+s.retry, s.docs, s.dups, s.failed)
	if s.retry > 0 {
		out += fmt.Sprintf(", %d to fetch again", s.retry)
	}
	return out
}
