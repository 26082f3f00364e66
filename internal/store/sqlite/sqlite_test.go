package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"entente"

	"entente/internal/store"
	"entente/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "entente.db"), Options{})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return s
	})
}

// BenchmarkIngest stores documents of about 2 KB with five events each,
// most of them reports of events already stored.
func BenchmarkIngest(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "entente.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sentence := "Iran's foreign minister met his Russian counterpart in Moscow on Monday to discuss the talks. "
	countries := []string{"IRN", "RUS", "FRA", "DEU", "CHN", "USA", "TUR", "EGY"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		doc := &entente.Document{ID: fmt.Sprintf("doc-%d", i), Site: fmt.Sprintf("site %d", i%50), Lang: "en",
			Text: fmt.Sprintf("Report %d. %s", i, strings.Repeat(sentence, 20))}
		for j := range 5 {
			date := fmt.Sprintf("2024-04-%02d", 1+(i+j)%28)
			doc.Events = append(doc.Events, entente.Event{
				Code: "040", Root: "04", Quad: 1, Goldstein: 1, Plover: "CONSULT",
				Source:   entente.Actor{Country: countries[(i+j)%8], Sector: "GOV"},
				Target:   entente.Actor{Country: countries[(i*3+j)%8], Sector: "GOV"},
				Date:     &date,
				Modality: entente.Asserted,
				Evidence: entente.Evidence{Text: sentence, Start: j * len(sentence), End: (j + 1) * len(sentence), Trigger: "met"},
			})
		}
		if _, err := s.Ingest(context.Background(), doc, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "entente.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest(ctx, &entente.Document{ID: "a", Text: "Some text."}, nil); err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	s.Close()

	// Reopening keeps what was stored.
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if c, err := s.Counts(ctx); err != nil || c.Documents != 1 {
		t.Errorf("after reopening: %+v, %v", c, err)
	}
	// A database from a newer entente is refused.
	if _, err := s.db.ExecContext(ctx, "PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, path, Options{}); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open of a newer schema: %v", err)
	}
	for _, bad := range []string{"", "a?b.db", "a#b.db"} {
		if _, err := Open(ctx, bad, Options{}); err == nil {
			t.Errorf("Open(%q) succeeded", bad)
		}
	}
}
