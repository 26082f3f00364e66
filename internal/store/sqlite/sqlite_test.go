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
