package store

import (
	"context"
	"errors"
	"time"

	"entente"
)

// Querier is the read side of the store that the HTTP API, the exports
// and the web UI use. Every implementation passes storetest.Run.
type Querier interface {
	// Events returns one page of the events that f selects, in p's order.
	// The page's Next cursor, when not empty, fetches the page after it.
	Events(ctx context.Context, f Filter, p Page) (EventPage, error)
	// Series counts the events that f selects per period, split by root
	// or QuadClass, in order of period then key; events without a date
	// are left out. An unknown Interval or By is an error.
	Series(ctx context.Context, f Filter, q SeriesQuery) ([]Bucket, error)
	// Graph returns the actors of the events that f selects as nodes and
	// their dyads as weighted, directed edges; at most limit nodes (the
	// most active; 50 when limit <= 0) and the edges between them. A
	// node's Events, First and Last count the selected events only.
	Graph(ctx context.Context, f Filter, limit int) (*Graph, error)
	// Actors returns the actors seen in stored events whose name, id or
	// code holds every word of q (folded: case and accents ignored), most
	// events first, at most limit (50 when limit <= 0). An empty q lists
	// the most active.
	Actors(ctx context.Context, q string, limit int) ([]ActorCount, error)
	// Actor returns what the store knows of one actor (by its key or
	// knowledge-base id): ErrNotFound when no stored event has it.
	Actor(ctx context.Context, id string) (*ActorCount, error)
	// ActorsByID returns what Actor returns for each of ids, in one
	// query, keyed by the id asked; ids that no stored event has are
	// left out.
	ActorsByID(ctx context.Context, ids []string) (map[string]ActorCount, error)
	// Places returns the places of the events that f selects with how
	// many events each has, most first, at most limit (100 when limit <=
	// 0). Places are grouped by name and country, each shown in the least
	// (as JSON) of the forms that the stored events give it.
	Places(ctx context.Context, f Filter, limit int) ([]PlaceCount, error)
	// Count counts the events that f selects and, of them, those without
	// a date (which Series leaves out).
	Count(ctx context.Context, f Filter) (Total, error)
	// Documents returns stored documents with id > after, by id, at most
	// limit (100 when limit <= 0), without their mentions (recode and
	// exports walk them).
	Documents(ctx context.Context, after int64, limit int) ([]Document, error)
	// Mentions returns one page of the mentions of event id, in order of
	// document, then position in the document: at most limit (1..1000;
	// another limit is an error) after skipping offset. An unknown event
	// has none. It reads only the page, however many mentions the event
	// has (an event's page in the web UI).
	Mentions(ctx context.Context, id int64, offset, limit int) ([]Mention, error)
}

// ErrBadCursor is returned (wrapped) by Events for a Page.Cursor that no
// page of the same sort returned.
var ErrBadCursor = errors.New("bad cursor")

// Recoder replaces the events of a stored document after its knowledge
// changed (`entente recode`) and records each change.
type Recoder interface {
	// Recode replaces the mentions of document id by the events of doc
	// (coded anew), adjusting num_mentions and num_sources, deleting
	// events left with no mention, and recording every event that was
	// added or removed as a Change of run. Recoding with unchanged events
	// changes nothing and records nothing.
	Recode(ctx context.Context, id int64, doc *entente.Document, run string) ([]Change, error)
	// Changes returns the recorded changes, newest first, of run (all
	// runs when run is ""), at most limit (100 when limit <= 0).
	Changes(ctx context.Context, run string, limit int) ([]Change, error)
}

// Filter selects events. Zero fields select everything. Actor, Country
// and Sector apply to the side Role names ("source", "target", or ""
// for either); Dyad selects events from Dyad[0] to Dyad[1] (and the
// other way too when Undirected), each side matched as Actor is.
type Filter struct {
	// Actor matches an actor by knowledge-base id (sergei-shoigu), CAMEO
	// actor code (RUSGOV), country (RUS) or org (NATO). A term that is the
	// country of some stored actor matches by country (which covers the
	// actor code equal to it, "RUS"); else by id and org, whichever the
	// stored actors have; else by actor code. A term no stored actor has
	// selects nothing.
	Actor        string
	Country      string // ISO 3166-1 alpha-3
	Sector       string // GOV, MIL, REB, ...
	Role         string // "", "source" or "target"
	Dyad         [2]string
	Undirected   bool
	Code         string  // CAMEO code; a prefix matches its children ("19" is the root, "190" and "1901"...)
	Quad         int     // 1-4, 0 for any
	Modality     string  // asserted, negated, intended, alleged, conditional
	Lang         string  // the language of at least one mentioning document
	From, To     string  // event date range, YYYY-MM-DD, inclusive; either may be ""
	PlaceCountry string  // ISO 3166-1 alpha-3 of the event place
	Text         string  // every word in a mentioning document (full-text, accents ignored)
	IDs          []int64 // only these events
	Docs         []int64 // only events mentioned in these documents
}

// Page asks for one page of events.
type Page struct {
	// Sort is "date" (default), "goldstein", "sources", "mentions" or
	// "id"; Desc reverses it. Ties are broken by id (in the same
	// direction). Events without a date sort before every date. Another
	// Sort, or a Limit out of range, is an error (not ErrBadCursor).
	Sort  string
	Desc  bool
	Limit int // 1..1000; 0 means 50
	// Cursor is the Next of the previous page, or "" for the first; it
	// is opaque, and valid only with the Sort and Desc that made it (else
	// ErrBadCursor). Pages never skip or repeat an event that stays
	// stored; the filter should stay the same from page to page.
	Cursor string
}

// EventPage is one page of events, without their mentions.
type EventPage struct {
	Events []Event `json:"events"`
	// Next fetches the following page; "" on the last page.
	Next string `json:"next"`
}

// Total is how many events a filter selects.
type Total struct {
	Events  int `json:"events"`
	Undated int `json:"undated"` // of them, events without a date
}

// SeriesQuery shapes a time series.
type SeriesQuery struct {
	Interval string // "day" (default), "week" (ISO weeks, Monday) or "month"
	By       string // "quad" (default) or "root"
}

// Bucket is the events of one period and one root or QuadClass.
type Bucket struct {
	Period        string  `json:"period"` // first day of the period, YYYY-MM-DD
	Key           string  `json:"key"`    // the root ("19") or QuadClass ("4")
	Count         int     `json:"count"`
	GoldsteinSum  float64 `json:"goldstein_sum"`
	GoldsteinMean float64 `json:"goldstein_mean"`
}

// Graph is actors and the dyads between them.
type Graph struct {
	Nodes []ActorCount `json:"nodes"`
	Edges []Edge       `json:"edges"`
}

// Edge is the events from one actor to another.
type Edge struct {
	Source        string  `json:"source"` // ActorCount.Key
	Target        string  `json:"target"`
	Count         int     `json:"count"`
	GoldsteinMean float64 `json:"goldstein_mean"`
}

// ActorCount is an actor as the stored events know it.
type ActorCount struct {
	// Key is the knowledge-base id when the actor has one, else its
	// ActorKey.
	Key    string        `json:"key"`
	Actor  entente.Actor `json:"actor"`
	Events int           `json:"events"` // events with this actor on either side
	First  *string       `json:"first"`  // date of its first and last dated event
	Last   *string       `json:"last"`
}

// PlaceCount is an event place and how many selected events it has.
type PlaceCount struct {
	entente.Place
	Events int `json:"events"`
}

// Change is one event that a recode added to or removed from history.
type Change struct {
	ID     int64     `json:"id"`
	Run    string    `json:"run"`
	At     time.Time `json:"at"`
	Doc    int64     `json:"doc"`
	Event  int64     `json:"event"`  // the stored event (which may be gone for a removal)
	Action string    `json:"action"` // "added" or "removed"
	Code   string    `json:"code"`
	Source string    `json:"source"` // ActorKey
	Target string    `json:"target"`
	Date   *string   `json:"date"`
	// Evidence is the sentence of the mention added or removed.
	Evidence string `json:"evidence"`
}
