package sqlite

import (
	"context"
	"entente"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"entente/internal/store"
	"entente/internal/store/storetest"
)

// BenchmarkEventsBig queries a large store built by cmd/entente-synth:
//
//	go run ./cmd/entente-synth --db /tmp/big.db --events 1000000
//	ENTENTE_BIG_DB=/tmp/big.db go test -run '^$' -bench EventsBig ./internal/store/sqlite
//
// Each query asks for a page of 50 events, newest first; the dyads are the
// 10 busiest of the store and 10 of middling size, with date windows of a
// month to a year. It reports the p50 and p99 latency of one page.
func BenchmarkEventsBig(b *testing.B) {
	path := os.Getenv("ENTENTE_BIG_DB")
	if path == "" {
		b.Skip("ENTENTE_BIG_DB names no store built by cmd/entente-synth")
	}
	ctx := context.Background()
	s, err := Open(ctx, path, Options{CacheMiB: 64})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	dyads := bigDyads(b, s)
	windows := [][2]string{
		{"2022-03-01", "2022-03-31"}, {"2023-01-01", "2023-12-31"}, {"2024-06-01", "2024-08-31"},
		{"2022-01-01", "2024-12-31"}, {"2024-12-01", "2024-12-31"}, {"2023-05-10", "2023-07-10"},
	}
	filters := map[string][]store.Filter{
		"dyad+dates":            nil,
		"dyad+dates-undirected": nil,
		"nofilter":              {{}},
		"dates":                 nil,
		"actor+dates":           nil,
		"text":                  {{Text: "zambia"}, {Text: "Person 37"}, {Text: "person 3"}, {Text: "army"}},
	}
	for i, d := range dyads {
		w := windows[i%len(windows)]
		filters["dyad+dates"] = append(filters["dyad+dates"], store.Filter{Dyad: d, From: w[0], To: w[1]})
		filters["dyad+dates-undirected"] = append(filters["dyad+dates-undirected"], store.Filter{Dyad: d, Undirected: true, From: w[0], To: w[1]})
		filters["actor+dates"] = append(filters["actor+dates"], store.Filter{Actor: d[0], From: w[0], To: w[1]})
	}
	for _, w := range windows {
		filters["dates"] = append(filters["dates"], store.Filter{From: w[0], To: w[1]})
	}
	for _, name := range []string{"dyad+dates", "dyad+dates-undirected", "actor+dates", "dates", "nofilter", "text"} {
		for _, pageN := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/page%d", name, pageN), func(b *testing.B) {
				fs := filters[name]
				var lat []time.Duration
				i := 0
				for b.Loop() {
					f := fs[i%len(fs)]
					i++
					p := store.Page{Sort: "date", Desc: true, Limit: 50}
					var page store.EventPage
					var err error
					var took time.Duration
					for range pageN {
						t0 := time.Now()
						page, err = s.Events(ctx, f, p)
						took = time.Since(t0)
						if err != nil {
							b.Fatal(err)
						}
						if page.Next == "" {
							break
						}
						p.Cursor = page.Next
					}
					lat = append(lat, took)
				}
				slices.Sort(lat)
				b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
				b.ReportMetric(ms(lat[(len(lat)*99)/100]), "p99-ms")
				b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
			})
		}
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// bigDyads returns the 10 busiest country dyads and 10 of middling size.
func bigDyads(b *testing.B, s *Store) [][2]string {
	rows, err := s.db.Query(`SELECT source_country, target_country, count(*) AS n FROM events
		WHERE source_country <> '' AND target_country <> '' GROUP BY 1, 2 ORDER BY n DESC LIMIT 200`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var all [][2]string
	for rows.Next() {
		var d [2]string
		var n int
		if err := rows.Scan(&d[0], &d[1], &n); err != nil {
			b.Fatal(err)
		}
		all = append(all, d)
	}
	if len(all) < 20 {
		b.Fatalf("store has %d dyads; build it with cmd/entente-synth", len(all))
	}
	out := slices.Clone(all[:10])
	for i := 100; i < 200 && i < len(all); i += 10 {
		out = append(out, all[i])
	}
	return out
}

// BenchmarkMentionsPage reads pages of 100 mentions, at the start, the
// middle and the end, of an event reported 50,000 times.
func BenchmarkMentionsPage(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "entente.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ev := entente.Event{Code: "042", Root: "04", Quad: 1, Goldstein: 1.9, Plover: "CONSULT",
		Source: entente.Actor{Name: "Chile", Code: "CHL", Country: "CHL"}, Target: entente.Actor{Name: "Peru", Code: "PER", Country: "PER"},
		Modality: entente.Asserted, Rule: "bench", Confidence: 0.5}
	var id int64
	for d := range 500 {
		doc := &entente.Document{ID: fmt.Sprintf("visit-%d", d), Site: fmt.Sprintf("Paper %d", d), Lang: "en"}
		for i := range 100 {
			t := fmt.Sprintf("Chile's envoy went to Lima, report %d of %d. ", i, d)
			e := ev
			e.Doc, e.Sentence = doc.ID, i
			e.Evidence = entente.Evidence{Text: t, Start: len(doc.Text), End: len(doc.Text) + len(t), Trigger: "went"}
			doc.Text += t
			doc.Events = append(doc.Events, e)
		}
		res, err := s.Ingest(ctx, doc, nil)
		if err != nil {
			b.Fatal(err)
		}
		id = res.Events[0]
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		offset := []int{0, 25_000, 49_900}[i%3]
		ms, err := s.Mentions(ctx, id, offset, 100)
		if err != nil || len(ms) != 100 {
			b.Fatalf("Mentions(%d): %d, %v", offset, len(ms), err)
		}
	}
}

// BenchmarkAggregatesBig times Series, Graph, Places and Count on the
// store ENTENTE_BIG_DB names (see BenchmarkEventsBig):
//
//	ENTENTE_BIG_DB=/tmp/big.db go test -run '^$' -bench AggregatesBig ./internal/store/sqlite
//
// ENTENTE_BIG_ACTOR names the country of the filters by actor (RUS when
// unset).
func BenchmarkAggregatesBig(b *testing.B) {
	path := os.Getenv("ENTENTE_BIG_DB")
	if path == "" {
		b.Skip("ENTENTE_BIG_DB names no store built by cmd/entente-synth")
	}
	s, err := Open(context.Background(), path, Options{CacheMiB: 64})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	actor := os.Getenv("ENTENTE_BIG_ACTOR") // a country; its busiest for the worst case
	if actor == "" {
		actor = "RUS"
	}
	storetest.BenchAggregates(b, s, actor)
}
