package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"entente"
	"entente/internal/cpu"
	"entente/internal/store"
)

// BenchAggregates times what the timeline, network and map views ask of
// a large store: Series, Graph, Places and Count (and the events view's
// first page), unfiltered, over a
// year (whole months) and 30 days (days of two months), all answered
// from the rollups, for one actor (a country: every view from the
// rollups per country), for one QuadClass (graph from the rollups per
// QuadClass and root), and for a QuadClass or one actor over a year
// (maps from the rollups per month and place of a QuadClass or country;
// graphs from the rollup per day and dyad, and from the country's
// events). Each reports its CPU time per request (cpu-ms/op) beside
// wall time.
func BenchAggregates(b *testing.B, s store.Querier, actor string) {
	ctx := context.Background()
	filters := []struct {
		name string
		f    store.Filter
	}{
		{"all", store.Filter{}},
		{"year", store.Filter{From: "2023-01-01", To: "2023-12-31"}},
		{"30days", store.Filter{From: "2024-06-10", To: "2024-07-09"}},
		{"actor", store.Filter{Actor: actor}},
		{"quad", store.Filter{Quad: 4}},
		{"quadyear", store.Filter{Quad: 4, From: "2023-01-01", To: "2023-12-31"}},
		{"actoryear", store.Filter{Actor: actor, From: "2023-01-01", To: "2023-12-31"}},
	}
	for _, f := range filters {
		for _, view := range []struct {
			name string
			run  func() error
		}{
			{"series", func() error { _, err := s.Series(ctx, f.f, store.SeriesQuery{}); return err }},
			{"graph", func() error { _, err := s.Graph(ctx, f.f, 50); return err }},
			{"places", func() error { _, err := s.Places(ctx, f.f, 100); return err }},
			{"count", func() error { _, err := s.Count(ctx, f.f); return err }},
			// The events view's first page: 50 events, newest first.
			{"events", func() error {
				_, err := s.Events(ctx, f.f, store.Page{Sort: "date", Desc: true, Limit: 50})
				return err
			}},
		} {
			b.Run(view.name+"/"+f.name, func(b *testing.B) {
				b.ReportAllocs()
				before := cpu.Time()
				for b.Loop() {
					if err := view.run(); err != nil {
						b.Fatal(err)
					}
				}
				// On a shared machine the CPU time of the process (the
				// query and the collector) says more than wall time,
				// which counts the wait for a core.
				b.ReportMetric(float64((cpu.Time()-before).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// BenchIngest times IngestItems on batches of synthetic documents (see
// Synth), and reports events (new and reported again) per second.
func BenchIngest(b *testing.B, s store.Store, batch int) {
	ctx := context.Background()
	syn := NewSynth(uint64(batch))
	b.ReportAllocs()
	events := 0
	for b.Loop() {
		b.StopTimer()
		items, n := syn.Items(batch)
		b.StartTimer()
		if _, err := s.IngestItems(ctx, items); err != nil {
			b.Fatal(err)
		}
		events += n
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}

// Synth makes synthetic coded documents that look like coded news: one
// to seven events a document, half of them reports of an event an
// earlier document told (same identity, maybe another publisher), a
// third with a place, a quarter of those with no country (which a later
// report may give), some with no date, in English or French from 300
// publishers.
type Synth struct {
	r      *rand.Rand
	recent []entente.Event
	docs   int
}

// NewSynth returns a Synth drawing from seed.
func NewSynth(seed uint64) *Synth { return &Synth{r: rand.New(rand.NewPCG(7, seed))} }

var (
	synthCountries = []string{"ARG", "BRA", "CHL", "DEU", "EGY", "FRA", "GBR", "IND", "JPN", "KEN",
		"MEX", "NGA", "PER", "POL", "RUS", "SEN", "TUR", "UKR", "USA", "ZAF"}
	synthSectors = []string{"", "GOV", "MIL", "REB", "BUS"}
	synthCodes   = []struct {
		code, root, plover string
		quad               int
		goldstein          float64
	}{
		{"042", "04", "CONSULT", 1, 1.9}, {"043", "04", "CONSULT", 1, 2.8}, {"036", "03", "EXPRESS INTENT", 1, 4},
		{"112", "11", "DISAPPROVE", 3, -2}, {"130", "13", "THREATEN", 3, -4.4}, {"190", "19", "FIGHT", 4, -10},
		{"061", "06", "COOPERATE", 2, 6.4}, {"173", "17", "COERCE", 4, -5},
	}
)

func (s *Synth) actor() entente.Actor {
	r := s.r
	c := synthCountries[r.IntN(len(synthCountries))]
	sec := synthSectors[r.IntN(len(synthSectors))]
	if r.IntN(8) == 0 {
		n := r.IntN(50)
		return entente.Actor{Name: fmt.Sprintf("Person %d of %s", n, c), ID: fmt.Sprintf("Q%s%d", c, n), Code: c + "GOV", Country: c, Sector: "GOV"}
	}
	return entente.Actor{Name: c + " " + sec, Code: c + sec, Country: c, Sector: sec}
}

func (s *Synth) event() entente.Event {
	r := s.r
	c := synthCodes[r.IntN(len(synthCodes))]
	e := entente.Event{Code: c.code, Root: c.root, Quad: c.quad, Goldstein: c.goldstein, Plover: c.plover,
		Source: s.actor(), Target: s.actor(), Modality: entente.Asserted, Rule: "synth", Confidence: 0.7}
	if r.IntN(10) > 0 {
		d := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(3*365)).Format(time.DateOnly)
		day := "day"
		e.Date, e.DatePrecision = &d, &day
	}
	if r.IntN(3) == 0 {
		e.Place = &entente.Place{Name: "Town " + e.Target.Country, Country: e.Target.Country}
		if r.IntN(4) == 0 {
			e.Place.Country = "" // a place whose country the report does not know
		}
	}
	return e
}

// Items returns n new documents and the number of events they report.
func (s *Synth) Items(n int) ([]store.Item, int) {
	r := s.r
	items := make([]store.Item, n)
	events := 0
	for i := range items {
		doc := &entente.Document{ID: fmt.Sprintf("synth-%d", s.docs), Site: fmt.Sprintf("Paper %d", r.IntN(300)), Lang: []string{"en", "fr"}[r.IntN(2)]}
		s.docs++
		var text strings.Builder
		fmt.Fprintf(&text, "Synthetic report %d. ", s.docs)
		for range 1 + r.IntN(7) {
			var e entente.Event
			if len(s.recent) > 0 && r.IntN(2) == 0 {
				e = s.recent[r.IntN(len(s.recent))]
				if (e.Place == nil || e.Place.Country == "") && r.IntN(4) == 0 {
					// A later report that knows where it happened.
					e.Place = &entente.Place{Name: "City " + e.Target.Country, Country: e.Target.Country}
				}
			} else {
				e = s.event()
				if len(s.recent) < 5000 {
					s.recent = append(s.recent, e)
				} else {
					s.recent[r.IntN(len(s.recent))] = e
				}
			}
			sentence := fmt.Sprintf("%s acted on %s (%s), sentence %d.", e.Source.Name, e.Target.Name, e.Code, events)
			e.Evidence = entente.Evidence{Text: sentence, Start: text.Len(), End: text.Len() + len(sentence), Trigger: "acted"}
			e.Doc = doc.ID
			text.WriteString(sentence + " ")
			doc.Events = append(doc.Events, e)
			events++
		}
		doc.Text = text.String()
		items[i].Doc = doc
	}
	return items, events
}
