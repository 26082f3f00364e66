package store

import "context"

// Feed is the change feed of the events: what a client that follows the
// store (GET /api/changes, the watch's update files) reads to learn which
// events were added, changed or removed since it last looked.
//
// Every change to an event (created, given a mention, losing one, its
// place learnt) gives it a new position, a sequence number above every
// earlier one; a removed event keeps the position of its removal. Since
// lists each event once, at its latest position, so a follower that
// applies the changes in order ends with the store's current events.
type Feed interface {
	// Since returns the events changed after position after (0: from the
	// beginning), in position order, at most limit (100 when limit <= 0).
	// Positions are handed out in commit order: a change committed after
	// Since returned is always at a position above those it returned, so
	// a follower that passes the last Seq it read never misses one.
	Since(ctx context.Context, after int64, limit int) ([]EventChange, error)
}

// The actions of an EventChange.
const (
	Added   = "added"   // the event is new and has not changed since it was created
	Updated = "updated" // it changed after it was created (a new mention, a recode)
	Removed = "removed" // it is no longer stored (a recode took its last mention)
)

// EventChange is one entry of the change feed. A follower stores (or
// replaces) an added or updated event and forgets a removed one; Created
// tells whether an event is new to a follower that started at some
// position (Created above it), whatever it did since.
type EventChange struct {
	Seq     int64  `json:"seq"`
	Event   int64  `json:"event"`
	Action  string `json:"action"`  // Added, Updated or Removed
	Created int64  `json:"created"` // position of the event's creation; 0 for a removal
}
