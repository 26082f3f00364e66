package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"entente/internal/queue/queuetest"
)

// BenchmarkWorkers drains a JetStream work queue of benchDocs documents
// into one store (SQLite, then PostgreSQL) with 1 and 2 workers, each a
// whole `entente worker --workers 1` run in this process (its own queue
// connection, store handle and pipeline, coding one document at a time)
// until the queue is empty. Publishing is not timed; loading each
// worker's knowledge is. docs/s is documents stored per second of wall
// time; cpu-ms/doc the CPU time this process spent per document stored
// (workers, NATS server and, for SQLite, the store; PostgreSQL's own
// processes are not counted), which a busy machine changes less.
func BenchmarkWorkers(b *testing.B) {
	dir := benchCorpus(b, benchDocs)
	for _, kind := range []string{"sqlite", "postgres"} {
		for _, n := range []int{1, 2} {
			b.Run(fmt.Sprintf("db=%s/workers=%d", kind, n), func(b *testing.B) {
				var cpu time.Duration
				for i := range b.N {
					b.StopTimer()
					db := filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i))
					if kind == "postgres" {
						db = pg.Database(b)
					}
					url := queuetest.Server(b).ClientURL()
					cfg := ingestConfig{queue: url, sources: []string{dir}, every: time.Hour}
					if err := publish(context.Background(), cfg, nil, io.Discard, io.Discard); err != nil {
						b.Fatal(err)
					}
					cpu0 := cpuTime(b)
					b.StartTimer()
					var wg sync.WaitGroup
					errs := make([]error, n)
					for w := range n {
						wg.Go(func() {
							errs[w] = work(context.Background(), workerConfig{queue: url, db: db, workers: 1, ackWait: 30 * time.Second,
								untilEmpty: true, every: time.Hour}, io.Discard, io.Discard)
						})
					}
					wg.Wait()
					b.StopTimer()
					cpu += cpuTime(b) - cpu0
					for _, err := range errs {
						if err != nil {
							b.Fatal(err)
						}
					}
					st, err := openDB(context.Background(), "bench", db)
					if err != nil {
						b.Fatal(err)
					}
					c, err := st.Counts(context.Background())
					st.Close()
					if err != nil || c.Documents != benchDocs {
						b.Fatalf("the store holds %+v, %v; want %d documents", c, err, benchDocs)
					}
				}
				b.ReportMetric(float64(benchDocs*b.N)/b.Elapsed().Seconds(), "docs/s")
				b.ReportMetric(float64(cpu.Milliseconds())/float64(benchDocs*b.N), "cpu-ms/doc")
			})
		}
	}
}

// cpuTime is the user and system CPU time of this process so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
