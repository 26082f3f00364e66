package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"entente/data"
	"entente/internal/store"
	"entente/internal/store/sqlite"
)

// TestRecode ingests a document, then recodes the store with a --dict
// overlay that removes the pattern of one of its events and adds a
// pattern for another sentence; then again (nothing changes); then with
// the embedded knowledge (history restored).
func TestRecode(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	news := filepath.Join(dir, "news")
	db := filepath.Join(dir, "entente.db")
	recodeFile(t, filepath.Join(news, "dam.txt"), "CAIRO, April 15, 2024 — Egypt called on Ethiopia to stop filling the dam. "+
		"Egypt pinged Ethiopia about the talks on Monday.\n")
	if out, errOut, err := runCLI(t, "", "ingest", "--db", db, news); err != nil {
		t.Fatalf("ingest: %v\n%s%s", err, out, errOut)
	}
	codes := func() map[string]int {
		t.Helper()
		s, err := sqlite.Open(ctx, db, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		page, err := s.Events(ctx, store.Filter{}, store.Page{Sort: "id", Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		n := map[string]int{}
		for _, e := range page.Events {
			n[e.Code]++
		}
		return n
	}
	if c := codes(); c["020"] != 1 || c["051"] != 0 {
		t.Fatalf("after ingest: codes %v, want one 020 and no 051", c)
	}

	// The overlay: en-coop.txt without its "called on" pattern, with one for "pinged".
	coop, err := fs.ReadFile(data.FS, "patterns/en-coop.txt")
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	skipping := false
	for _, line := range strings.Split(string(coop), "\n") {
		if strings.HasPrefix(line, "020 $S called|") {
			skipping = true
			continue
		}
		if skipping && strings.HasPrefix(line, "  ") {
			continue // the pattern's examples
		}
		skipping = false
		kept = append(kept, line)
	}
	if len(kept) != len(strings.Split(string(coop), "\n"))-4 {
		t.Fatalf("fixture: the overlay removed %d lines, want the pattern and its 3 examples", len(strings.Split(string(coop), "\n"))-len(kept))
	}
	kept = append(kept, "051 $S pinged $T", "  + Egypt pinged Ethiopia. => EGY 051 ETH", "")
	dict := filepath.Join(dir, "dict")
	recodeFile(t, filepath.Join(dict, "patterns", "en-coop.txt"), strings.Join(kept, "\n"))

	out, errOut, err := runCLI(t, "", "recode", "--db", db, "--dict", dict, "--run", "ping")
	if err != nil {
		t.Fatalf("recode: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "recode ping: 1 documents (1 changed, 0 could not be coded, 0 without text), 1 events added, 1 removed") {
		t.Errorf("summary:\n%s%s", out, errOut)
	}
	if c := codes(); c["020"] != 0 || c["051"] != 1 {
		t.Errorf("after recode: codes %v, want no 020 and one 051", c)
	}

	out, errOut, err = runCLI(t, "", "recode", "--db", db, "--dict", dict, "--run", "again")
	if err != nil || !strings.Contains(out, "(0 changed, ") || !strings.Contains(out, "0 events added, 0 removed") {
		t.Errorf("recode again: %v\n%s%s", err, out, errOut)
	}

	out, errOut, err = runCLI(t, "", "recode", "--show", "--db", db, "--run", "ping")
	if err != nil {
		t.Fatalf("recode --show: %v\n%s", err, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "removed\tEGY 020 ETH") || !strings.Contains(lines[0], "called on Ethiopia") ||
		!strings.Contains(lines[1], "added\tEGY 051 ETH") || !strings.Contains(lines[1], "pinged Ethiopia") {
		// Recode records additions before removals; --show lists newest first.
		t.Errorf("recode --show:\n%s", out)
	}
	if out, _, err := runCLI(t, "", "recode", "--show", "--db", db, "--run", "again"); err != nil || strings.TrimSpace(out) != "no changes recorded" {
		t.Errorf("recode --show of a run without changes: %v\n%s", err, out)
	}

	// The embedded knowledge again: history as ingest made it.
	out, errOut, err = runCLI(t, "", "recode", "--db", db, "--run", "back")
	if err != nil || !strings.Contains(out, "1 events added, 1 removed") {
		t.Errorf("recode back: %v\n%s%s", err, out, errOut)
	}
	if c := codes(); c["020"] != 1 || c["051"] != 0 {
		t.Errorf("after recoding back: codes %v, want one 020 and no 051", c)
	}
	if out, _, err := runCLI(t, "", "recode", "--show", "--db", db); err != nil || len(strings.Split(strings.TrimSpace(out), "\n")) != 4 {
		t.Errorf("recode --show of every run: %v\n%s", err, out)
	}
	if _, _, err := runCLI(t, "", "recode", "--db", db, "extra-argument"); err == nil {
		t.Error("recode with an argument succeeded")
	}
}

func recodeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
