package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"entente"
	"entente/internal/pipeline"
)

// TestIngestCoderPanic: a document on which the coder panics fails alone.
// It is recorded as failed with the panic's message (the stack goes to
// the log), the other documents are stored, and a second run neither
// codes it again nor fails.
func TestIngestCoderPanic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "news")
	if err := os.CopyFS(dir, os.DirFS("testdata/ingest")); err != nil {
		t.Fatal(err)
	}
	const marker = "Le comité des fêtes de Saint-Dié a voté le budget du carnaval."
	if err := os.WriteFile(filepath.Join(dir, "carnaval.txt"), []byte(marker+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.Load(pipeline.Knowledge(""))
	if err != nil {
		t.Fatal(err)
	}
	var coded atomic.Int32
	db := filepath.Join(t.TempDir(), "entente.db")
	cfg := ingestCfg(db, dir)
	cfg.workers = 2
	cfg.code = func(ctx context.Context, doc *entente.Document) error {
		if strings.Contains(doc.Text, "carnaval") {
			coded.Add(1)
			var events []entente.Event
			_ = events[len(doc.Text)] // an index out of range: a bug in a stage
		}
		return p.Code(ctx, doc)
	}
	var out, errOut bytes.Buffer
	if err := ingest(t.Context(), cfg, nil, &out, &errOut); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "5 documents (3 new, 0 duplicate, 2 failed)") {
		t.Errorf("summary:\n%s", out.String())
	}
	for _, want := range []string{"carnaval.txt", "panic: runtime error: index out of range", "ingest_panic_test.go"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, errOut.String())
		}
	}
	s := open(t, db)
	docs, err := s.Documents(t.Context(), 0, 100)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range docs {
		if strings.HasSuffix(d.Name, "carnaval.txt") {
			found = true
			if !strings.HasPrefix(d.Error, "panic: runtime error: index out of range") {
				t.Errorf("stored error %q, want the panic's message", d.Error)
			}
		}
	}
	if !found {
		t.Errorf("the document that made the coder panic is not recorded")
	}

	// A second run meets the stored document and does not code it again.
	out.Reset()
	errOut.Reset()
	if err := ingest(t.Context(), cfg, nil, &out, &errOut); err != nil {
		t.Fatalf("second ingest: %v\n%s", err, errOut.String())
	}
	if coded.Load() != 1 || !strings.Contains(out.String(), "(0 new, 5 duplicate, 0 failed)") {
		t.Errorf("second run: the panicking document was coded %d times in all; summary:\n%s", coded.Load(), out.String())
	}
}
