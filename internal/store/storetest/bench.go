package storetest

import (
	"context"
	"testing"

	"entente/internal/store"
)

// BenchAggregates times what the timeline, network and map views ask of
// a large store: Series, Graph, Places and Count, unfiltered and with a
// date range (both answered from the rollups), and for one actor (which
// the rollups cannot answer: a scan of that actor's events).
func BenchAggregates(b *testing.B, s store.Querier, actor string) {
	ctx := context.Background()
	filters := []struct {
		name string
		f    store.Filter
	}{
		{"all", store.Filter{}},
		{"year", store.Filter{From: "2023-01-01", To: "2023-12-31"}},
		{"actor", store.Filter{Actor: actor}},
	}
	for _, f := range filters {
		b.Run("series/"+f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Series(ctx, f.f, store.SeriesQuery{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("graph/"+f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Graph(ctx, f.f, 50); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("places/"+f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Places(ctx, f.f, 100); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("count/"+f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Count(ctx, f.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
