// Package store is the contract of the event database: coded documents go
// in, and one record per real-world event comes out, with a mention for
// each document sentence that reports it (GDELT's split of events and
// mentions).
//
// An implementation (internal/store/sqlite, internal/store/postgres)
// satisfies Store and passes the conformance suite in
// internal/store/storetest; the two read with the SQL of
// internal/store/sqlq. What
// every implementation shares — the content hash, the event identity and
// the publisher of a document — is defined here, so that two stores given
// the same documents hold the same events.
//
// Event identity: two coded events are one real-world event when they have
// the same source key and target key (see ActorKey), the same CAMEO code,
// the same date (or both no date), the same modality, and the same place
// country when both places are known. A new report of a known event adds a
// mention; num_mentions counts mentions and num_sources counts distinct
// publishers (see Publisher).
//
// Ingest is idempotent: a document whose content hash is already stored
// changes nothing.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"time"
	"unicode"

	"entente"
)

// Store keeps documents, events and mentions. Implementations are safe for
// concurrent use.
type Store interface {
	// Ingest stores one document and its events (doc.Events) in one
	// transaction. When failure is not nil the document is stored with
	// that error and no events; doc may then hold only an ID. A document
	// whose Hash is already stored changes nothing and is reported as a
	// Duplicate.
	Ingest(ctx context.Context, doc *entente.Document, failure error) (Result, error)
	// IngestItems stores many documents in one transaction, each as
	// Ingest would store it, in order: an item whose Hash is already
	// stored, or appears earlier in items, is a Duplicate. It returns one
	// Result per item. An error stores nothing of the batch.
	IngestItems(ctx context.Context, items []Item) ([]Result, error)
	// Has reports whether a document with the content hash (see Hash) is
	// stored, and its id.
	Has(ctx context.Context, hash string) (int64, bool, error)
	// Document returns a stored document with the mentions it reports.
	Document(ctx context.Context, id int64) (*Document, error)
	// Event returns a stored event with all its mentions.
	Event(ctx context.Context, id int64) (*Event, error)
	// Search returns the documents whose text holds every word of q,
	// ignoring case and accents, newest ingest first, at most limit.
	Search(ctx context.Context, q string, limit int) ([]Hit, error)
	// Counts reports how many rows the store holds.
	Counts(ctx context.Context) (Counts, error)
	// Close releases the store.
	Close() error
	Querier
	Recoder
	Feed
}

// Item is one document of IngestItems: a coded document, or, when
// Failure is not nil, a document that could not be read or coded (Doc
// may then hold only an ID).
type Item struct {
	Doc     *entente.Document
	Failure error
}

// ErrNotFound is returned (wrapped) for an id the store does not hold.
var ErrNotFound = errors.New("not found")

// Result is what one Ingest did.
type Result struct {
	Doc       int64 // id of the stored document (the existing one for a duplicate)
	Duplicate bool  // the content hash was already stored; nothing changed
	Failed    bool  // the document was stored with an error
	// Events holds, for each of doc.Events in order, the id of the stored
	// event it was counted in (nil for a duplicate or a failure).
	Events    []int64
	NewEvents int // events created by this document
	Mentions  int // mentions added
}

// Counts is the size of a store.
type Counts struct {
	Documents int // every stored document, failed ones included
	Failed    int // documents stored with an error
	Events    int
	Mentions  int
}

// Document is a stored document.
type Document struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"` // the input id: JSON Lines "id", else the file path or URL
	URL        string    `json:"url"`
	Title      string    `json:"title"`
	Site       string    `json:"site"`      // as the input gave it
	Publisher  string    `json:"publisher"` // see Publisher
	Lang       string    `json:"lang"`
	Date       *string   `json:"date"`      // YYYY-MM-DD or null
	DateFrom   string    `json:"date_from"` // "metadata", "flag", "text" or ""
	Text       string    `json:"text"`
	Hash       string    `json:"hash"`
	IngestedAt time.Time `json:"ingested_at"`
	Error      string    `json:"error,omitempty"`
	Mentions   []Mention `json:"mentions"`
}

// Event is one real-world event.
type Event struct {
	ID            int64          `json:"id"`
	Code          string         `json:"code"`
	Root          string         `json:"root"`
	Quad          int            `json:"quad"`
	Goldstein     float64        `json:"goldstein"`
	Plover        string         `json:"plover"`
	Source        entente.Actor  `json:"source"`
	Target        entente.Actor  `json:"target"`
	Date          *string        `json:"date"`
	DatePrecision *string        `json:"date_precision"`
	Place         *entente.Place `json:"place"`
	Modality      string         `json:"modality"`
	NumMentions   int            `json:"num_mentions"`
	NumSources    int            `json:"num_sources"`
	FirstSeen     time.Time      `json:"first_seen"`
	LastSeen      time.Time      `json:"last_seen"`
	// The first mention: its document, that document's URL (else its
	// name) and its evidence sentence, so that a list of events can show
	// and link its evidence without reading every mention.
	FirstDoc  int64     `json:"first_doc"`
	SourceURL string    `json:"source_url"`
	Excerpt   string    `json:"excerpt"`
	Mentions  []Mention `json:"mentions,omitempty"`
}

// Mention is one document sentence reporting an event.
type Mention struct {
	ID           int64            `json:"id"`
	Event        int64            `json:"event"`
	Doc          int64            `json:"doc"`
	Evidence     entente.Evidence `json:"evidence"`
	Rule         string           `json:"rule"`
	Confidence   float64          `json:"confidence"`
	AttributedTo []string         `json:"attributed_to"`
}

// Hit is one document found by Search.
type Hit struct {
	Doc   int64  `json:"doc"`
	Name  string `json:"name"`
	Title string `json:"title"`
}

// Hash is the content hash of a document: the SHA-256 of its text. A
// document without text (one that could not be read) is keyed by its
// name, so that recording the same failure twice is a duplicate too.
func Hash(doc *entente.Document) string {
	var sum [32]byte
	if doc.Text != "" {
		sum = sha256.Sum256([]byte(doc.Text))
	} else {
		sum = sha256.Sum256([]byte("\x00unread\x00" + doc.ID))
	}
	return hex.EncodeToString(sum[:])
}

// Publisher is the key num_sources counts: the site name folded to lower
// case, else the host of the URL, else the document's own name (a
// document of unknown origin counts as a source of its own).
func Publisher(doc *entente.Document) string {
	if s := strings.ToLower(strings.Join(strings.Fields(doc.Site), " ")); s != "" {
		return s
	}
	if u, err := url.Parse(doc.URL); err == nil && u.Hostname() != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return "doc:" + doc.ID
}

// ActorKey is an actor's part of an event's identity: country, org,
// sector and knowledge-base id, joined by "|" ("IRN||GOV|").
func ActorKey(a entente.Actor) string { return a.Key() }

// Key is the identity of an event; see the package documentation.
type Key struct {
	Source, Target string // ActorKey of each
	Code           string
	Date           string // "" when none
	Modality       string
	PlaceCountry   string // "" when unknown
}

// KeyOf returns the identity of a coded event.
func KeyOf(e *entente.Event) Key {
	k := Key{Source: ActorKey(e.Source), Target: ActorKey(e.Target), Code: e.Code, Modality: e.Modality}
	if e.Date != nil {
		k.Date = *e.Date
	}
	if e.Place != nil {
		k.PlaceCountry = e.Place.Country
	}
	return k
}

// Same reports whether k and o are one real-world event.
func (k Key) Same(o Key) bool {
	if k.Source != o.Source || k.Target != o.Target || k.Code != o.Code || k.Date != o.Date || k.Modality != o.Modality {
		return false
	}
	return k.PlaceCountry == "" || o.PlaceCountry == "" || k.PlaceCountry == o.PlaceCountry
}

// Words splits a search query into the words Search matches: runs of
// letters and digits, so that no input is an operator or a syntax error.
func Words(q string) []string {
	return strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) })
}

// PickActors returns, for each of ids, the actor of rows that Actor
// returns for it: the one whose key is the id, else the one with that
// knowledge-base id and the most events (then the least key).
func PickActors(ids []string, rows []ActorCount) map[string]ActorCount {
	out := make(map[string]ActorCount, len(ids))
	for _, id := range ids {
		best := -1
		for i, a := range rows {
			switch {
			case a.Key == id:
				best = i
			case a.Actor.ID != id:
				continue
			case best < 0:
				best = i
			case rows[best].Key == id:
			case a.Events > rows[best].Events || (a.Events == rows[best].Events && a.Key < rows[best].Key):
				best = i
			}
			if best >= 0 && rows[best].Key == id {
				break
			}
		}
		if best >= 0 {
			out[id] = rows[best]
		}
	}
	return out
}
