package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// benchCorpus writes n plain-text news documents, each different, made
// from a few sentence shapes and lists of actors and places.
func benchCorpus(b testing.TB, n int) string {
	b.Helper()
	dir := b.TempDir()
	actors := []string{"The French foreign minister", "Iran's president", "The Russian defence ministry", "Germany's chancellor", "The Japanese prime minister", "Police in Lagos", "The United Nations secretary-general", "Protesters in Caracas"}
	targets := []string{"his Iranian counterpart", "the Chinese ambassador", "Ukrainian officials", "the government of Mali", "opposition leaders", "NATO envoys"}
	places := []string{"Paris", "Moscow", "Tehran", "Berlin", "Tokyo", "Abuja", "Geneva", "Caracas"}
	verbs := []string{"met", "criticized", "praised", "threatened", "called on", "signed an agreement with"}
	for i := range n {
		text := fmt.Sprintf("Talks and tensions, report %d\n\n", i)
		for s := range 8 {
			k := i*7 + s*3
			text += fmt.Sprintf("%s %s %s in %s on Tuesday, officials said in a statement released after the meeting number %d. ",
				actors[k%len(actors)], verbs[(k/2)%len(verbs)], targets[(k/3)%len(targets)], places[(k/5)%len(places)], i*10+s)
			if s%3 == 2 {
				text += "\n\n"
			}
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc%04d.txt", i)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

const benchDocs = 300

// BenchmarkCode runs `entente code` over the corpus (events to JSON).
func BenchmarkCode(b *testing.B) {
	dir := benchCorpus(b, benchDocs)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	args := append([]string{"code"}, paths...)
	b.ResetTimer()
	for range b.N {
		if err := run(context.Background(), args, nil, io.Discard, io.Discard, newDiscardLogger()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchDocs*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkIngest ingests the same corpus into a new SQLite store.
func BenchmarkIngest(b *testing.B) {
	for _, workers := range []int{1, 0} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			dir := benchCorpus(b, benchDocs)
			b.ResetTimer()
			for i := range b.N {
				cfg := ingestConfig{db: filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)), sources: []string{dir}, every: time.Hour, workers: workers}
				if err := ingest(context.Background(), cfg, nil, io.Discard, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(benchDocs*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkIngestAgain ingests the corpus into a store that holds it
// already: every document is a duplicate, found before it is coded.
func BenchmarkIngestAgain(b *testing.B) {
	dir := benchCorpus(b, benchDocs)
	db := filepath.Join(b.TempDir(), "again.db")
	cfg := ingestConfig{db: db, sources: []string{dir}, every: time.Hour}
	if err := ingest(context.Background(), cfg, nil, io.Discard, io.Discard); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if err := ingest(context.Background(), cfg, nil, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchDocs*b.N)/b.Elapsed().Seconds(), "docs/s")
}

func newDiscardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
