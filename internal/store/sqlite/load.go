package sqlite

import (
	"context"
	"fmt"
	"hash/fnv"

	"entente/internal/store"
)

// identityIndex is the SQL of the index by which ingest finds a stored
// event of the same identity (findEvent). A Load into an empty store
// drops it and keeps the identities in memory instead (loadIndex): at
// millions of events, looking each report up in it and inserting each
// new event into it at a random place were the part of a bulk load that
// grew with the store.
const identityIndex = "CREATE INDEX IF NOT EXISTS events_identity ON events (source_key, target_key, code, date, modality)"

// loadIndex holds the identities of the events a Load into an empty
// store created (all the store's events): for each identity without its
// place country, the events in id order and their place countries ("" for
// none), as findEvent reads them from events_identity.
type loadIndex struct {
	first map[[16]byte]loadEvent   // the first event of an identity
	more  map[[16]byte][]loadEvent // the others, rare: the same event in other place countries
}

type loadEvent struct {
	id      int64
	country string
}

func newLoadIndex() *loadIndex {
	return &loadIndex{first: map[[16]byte]loadEvent{}, more: map[[16]byte][]loadEvent{}}
}

// identity is the 128-bit FNV-1a hash of an identity without its place
// country (what findEvent selects by).
func identity(key store.Key) [16]byte {
	h := fnv.New128a()
	for _, s := range []string{key.Source, key.Target, key.Code, key.Date, key.Modality} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var out [16]byte
	h.Sum(out[:0])
	return out
}

// find is findEvent answered from memory.
func (x *loadIndex) find(key store.Key) (id int64, placeKnown bool) {
	k := identity(key)
	first, ok := x.first[k]
	if !ok {
		return 0, false
	}
	var loose int64
	var looseKnown bool
	for _, e := range append([]loadEvent{first}, x.more[k]...) {
		if key.PlaceCountry != "" && e.country == key.PlaceCountry {
			return e.id, true
		}
		if loose == 0 && (key.PlaceCountry == "" || e.country == "") {
			loose, looseKnown = e.id, e.country != ""
		}
	}
	return loose, looseKnown
}

// add records a new event (ids grow, so it comes last in id order).
func (x *loadIndex) add(key store.Key, id int64) {
	k := identity(key)
	e := loadEvent{id, key.PlaceCountry}
	if _, ok := x.first[k]; !ok {
		x.first[k] = e
		return
	}
	x.more[k] = append(x.more[k], e)
}

// placed records that event id of key's identity now has key's place
// country.
func (x *loadIndex) placed(key store.Key, id int64) {
	k := identity(key)
	if e := x.first[k]; e.id == id {
		x.first[k] = loadEvent{id, key.PlaceCountry}
		return
	}
	for i, e := range x.more[k] {
		if e.id == id {
			x.more[k][i].country = key.PlaceCountry
		}
	}
}

// startLoad drops the identity index and keeps identities in memory when
// the store holds no event; else it leaves both as they are.
func (s *Store) startLoad(ctx context.Context) error {
	var empty bool
	if err := s.db.QueryRowContext(ctx, "SELECT NOT EXISTS (SELECT 1 FROM events)").Scan(&empty); err != nil {
		return err
	}
	if !empty {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, "DROP INDEX IF EXISTS events_identity"); err != nil {
		return err
	}
	s.loading = newLoadIndex()
	return nil
}

// stopLoad forgets the identities in memory and builds the identity
// index again.
func (s *Store) stopLoad(ctx context.Context) error {
	s.loading = nil
	if _, err := s.db.ExecContext(ctx, identityIndex); err != nil {
		return fmt.Errorf("identity index: %w", err)
	}
	return nil
}
