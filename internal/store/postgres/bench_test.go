package postgres

import (
	"context"
	"os"
	"testing"

	"entente/internal/store/storetest"
)

// BenchmarkAggregatesBig times Series, Graph, Places and Count on the
// database ENTENTE_BIG_POSTGRES names, filled by cmd/entente-synth:
//
//	go run ./cmd/entente-synth --db postgres://me@localhost/big --events 1000000
//	ENTENTE_BIG_POSTGRES=postgres://me@localhost/big go test -run '^$' -bench AggregatesBig ./internal/store/postgres
func BenchmarkAggregatesBig(b *testing.B) {
	url := os.Getenv("ENTENTE_BIG_POSTGRES")
	if url == "" {
		b.Skip("ENTENTE_BIG_POSTGRES names no database filled by cmd/entente-synth")
	}
	s, err := Open(context.Background(), url, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchAggregates(b, s, "RUS")
}

// BenchmarkIngest times IngestItems, 200 synthetic documents a
// transaction, on a fresh database of the test server (see pgtest).
func BenchmarkIngest(b *testing.B) {
	s, err := Open(context.Background(), server.Database(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchIngest(b, s, 200)
}
