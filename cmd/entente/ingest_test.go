package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"entente"
	"entente/internal/store"
	"entente/internal/store/sqlite"
)

// TestIngest ingests a folder of articles (an English and a French report
// of one meeting from two publishers, a JSON Lines file with a bad line,
// a binary file), then ingests it again.
func TestIngest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "news")
	if err := os.CopyFS(dir, os.DirFS("testdata/ingest")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.bin"), []byte("\x00\x01\x02\xffnot text"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "entente.db") // inside the folder: the walk must skip it

	out, errOut, err := runCLI(t, "", "ingest", "--db", db, dir)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "5 documents (3 new, 0 duplicate, 2 failed)") {
		t.Errorf("summary:\n%s", out)
	}
	for _, want := range []string{"broken.bin", "wire.jsonl:2"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("log does not name the bad document %s:\n%s", want, errOut)
		}
	}
	first := counts(t, db)
	if first.Documents != 5 || first.Failed != 2 || first.Events < 2 || first.Mentions < 3 {
		t.Fatalf("store holds %+v, want 5 documents, 2 failed, at least 2 events and 3 mentions", first)
	}

	// The meeting in Moscow, told in English and in French by two
	// publishers, is one event with two mentions and two sources.
	s := open(t, db)
	hits, err := s.Search(context.Background(), "téhéran moscou nucleaire", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search = %+v, %v; want the French article", hits, err)
	}
	doc, err := s.Document(context.Background(), hits[0].Doc)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Publisher != "le courrier du large" || doc.Lang != "fr" || doc.Date == nil || *doc.Date != "2024-04-16" {
		t.Errorf("French document: publisher %q, lang %q, date %v", doc.Publisher, doc.Lang, doc.Date)
	}
	var meeting int64
	for _, m := range doc.Mentions {
		if strings.Contains(m.Evidence.Text, "a rencontré") {
			meeting = m.Event
		}
	}
	if meeting == 0 {
		t.Fatalf("no mention of the meeting in %+v", doc.Mentions)
	}
	e, err := s.Event(context.Background(), meeting)
	if err != nil {
		t.Fatal(err)
	}
	if e.Code != "040" || e.Source.Country != "IRN" || e.Target.Country != "RUS" || e.NumMentions != 2 || e.NumSources != 2 || len(e.Mentions) != 2 {
		t.Errorf("meeting: %s %s→%s, %d mentions (%d listed), %d sources; want 040 IRN→RUS, 2, 2",
			e.Code, e.Source.Country, e.Target.Country, e.NumMentions, len(e.Mentions), e.NumSources)
	}
	s.Close()

	// Again, the folder and a glob over it: nothing changes.
	out, errOut, err = runCLI(t, "", "ingest", "--db", db, dir, filepath.Join(dir, "*.jsonl"))
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "7 documents (0 new, 7 duplicate, 0 failed), 0 new events, 0 mentions") {
		t.Errorf("second summary:\n%s", out)
	}
	if again := counts(t, db); again != first {
		t.Errorf("after a second ingest the store holds %+v, want %+v", again, first)
	}
}

// TestIngestBatches ingests more documents than one batch holds, with
// copies that are coded at the same time as their original and files that
// cannot be read, with one worker and with several: the store and the
// summary are the same, each copy is a duplicate of the first name in
// input order, and a second run finds everything stored.
func TestIngestBatches(t *testing.T) {
	dir := benchCorpus(t, 2*batchDocs+10)
	var copies, broken []string
	for i := 0; i < 2*batchDocs+10; i += 9 {
		text, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("doc%04d.txt", i)))
		if err != nil {
			t.Fatal(err)
		}
		// doc0009.txt~ sorts right after doc0009.txt: both are in flight at once.
		name := filepath.Join(dir, fmt.Sprintf("doc%04d.txt~", i))
		if err := os.WriteFile(name, text, 0o644); err != nil {
			t.Fatal(err)
		}
		copies = append(copies, name)
	}
	for _, i := range []int{5, 70, 131} {
		name := filepath.Join(dir, fmt.Sprintf("doc%04d.bin", i))
		if err := os.WriteFile(name, []byte("\x00\x01binary"), 0o644); err != nil {
			t.Fatal(err)
		}
		broken = append(broken, name)
	}
	n := 2*batchDocs + 10 + len(copies) + len(broken)
	want := fmt.Sprintf("%d documents (%d new, %d duplicate, %d failed)", n, 2*batchDocs+10, len(copies), len(broken))
	var first store.Counts
	for _, workers := range []string{"1", "4"} {
		db := filepath.Join(t.TempDir(), "entente.db")
		out, errOut, err := runCLI(t, "", "ingest", "--workers", workers, "--db", db, dir)
		if err != nil {
			t.Fatalf("workers=%s: ingest: %v\n%s", workers, err, errOut)
		}
		if !strings.Contains(out, want) {
			t.Errorf("workers=%s: summary %q, want %q", workers, out, want)
		}
		if got := strings.Count(errOut, "skipped"); got != len(broken) {
			t.Errorf("workers=%s: %d skipped lines, want %d:\n%s", workers, got, len(broken), errOut)
		}
		for _, name := range broken {
			if !strings.Contains(errOut, filepath.Base(name)) {
				t.Errorf("workers=%s: log does not name %s", workers, name)
			}
		}
		c := counts(t, db)
		if c.Documents != 2*batchDocs+10+len(broken) || c.Failed != len(broken) || c.Events == 0 {
			t.Errorf("workers=%s: store holds %+v", workers, c)
		}
		if first == (store.Counts{}) {
			first = c
		} else if c != first {
			t.Errorf("workers=%s: store holds %+v, with one worker %+v", workers, c, first)
		}
		s := open(t, db)
		for _, name := range copies {
			text, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			id, ok, err := s.Has(context.Background(), store.Hash(&entente.Document{Text: string(text)}))
			if err != nil || !ok {
				t.Fatalf("workers=%s: %s not stored: %v", workers, name, err)
			}
			d, err := s.Document(context.Background(), id)
			if err != nil || d.Name != strings.TrimSuffix(name, "~") {
				t.Errorf("workers=%s: the text of %s is stored as %q, %v; want the original", workers, name, d.Name, err)
			}
		}
		s.Close()

		out, errOut, err = runCLI(t, "", "ingest", "--workers", workers, "--db", db, dir)
		if err != nil {
			t.Fatalf("workers=%s: second ingest: %v\n%s", workers, err, errOut)
		}
		again := fmt.Sprintf("%d documents (0 new, %d duplicate, 0 failed), 0 new events, 0 mentions", n, n)
		if !strings.Contains(out, again) {
			t.Errorf("workers=%s: second summary %q, want %q", workers, out, again)
		}
		if c2 := counts(t, db); c2 != c {
			t.Errorf("workers=%s: after a second ingest the store holds %+v, want %+v", workers, c2, c)
		}
	}
}

func TestIngestSourceErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "entente.db")
	_, errOut, err := runCLI(t, "", "ingest", "--db", db, "testdata/ingest/wire.jsonl", "testdata/missing.txt", "testdata/none-*.txt")
	if err == nil {
		t.Fatal("ingest with missing sources succeeded")
	}
	for _, want := range []string{"missing.txt", "none-*.txt: no file matches"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("log lacks %q:\n%s", want, errOut)
		}
	}
	if c := counts(t, db); c.Documents != 2 {
		t.Errorf("store holds %+v, want the 2 records of the readable source", c)
	}
	if _, _, err := runCLI(t, "", "ingest", "--db", db); err == nil {
		t.Error("ingest without a source succeeded")
	}
}

func open(t *testing.T, db string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func counts(t *testing.T, db string) store.Counts {
	t.Helper()
	s := open(t, db)
	defer s.Close()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}
