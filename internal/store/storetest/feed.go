package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"entente/internal/store"
)

// since reads the whole change feed after position after, limit entries
// a page, and checks that positions only grow.
func since(t *testing.T, s store.Store, after int64, limit int) []store.EventChange {
	t.Helper()
	var out []store.EventChange
	for range 1000 {
		page, err := s.Since(context.Background(), after, limit)
		if err != nil {
			t.Fatalf("Since(%d, %d): %v", after, limit, err)
		}
		if limit > 0 && len(page) > limit {
			t.Fatalf("Since(%d, %d) = %d changes, over the limit", after, limit, len(page))
		}
		for _, c := range page {
			if c.Seq <= after {
				t.Fatalf("Since(%d) returned position %d, not after it: %+v", after, c.Seq, page)
			}
			after = c.Seq
		}
		out = append(out, page...)
		if len(page) < max(limit, 1) || limit <= 0 {
			return out
		}
	}
	t.Fatal("Since: no end after 1000 pages")
	return nil
}

// actions renders changes as "e1 added" lines with the corpus names.
func (c *corpus) actions(changes []store.EventChange) []string {
	names := map[int64]string{}
	for n, id := range c.ev {
		names[id] = n
	}
	out := []string{}
	for _, ch := range changes {
		n, ok := names[ch.Event]
		if !ok {
			n = fmt.Sprint(ch.Event)
		}
		out = append(out, n+" "+ch.Action)
	}
	return out
}

func testFeed(t *testing.T, s store.Store) {
	ctx := context.Background()
	if got, err := s.Since(ctx, 0, 10); err != nil || len(got) != 0 {
		t.Fatalf("Since on an empty store = %+v, %v; want nothing", got, err)
	}
	c := newCorpus(t, s)
	// a.txt stored e1 and e3, b.txt e2, a second mention of e1 and e5,
	// c.txt e4 and e6: each event once, at its latest change.
	all := since(t, s, 0, 0)
	want := []string{"e3 added", "e2 added", "e1 updated", "e5 added", "e4 added", "e6 added"}
	if got := c.actions(all); !reflect.DeepEqual(got, want) {
		t.Fatalf("Since(0) = %v, want %v", got, want)
	}
	// Page by page, two at a time: the same, without a skip or a repeat.
	if got := c.actions(since(t, s, 0, 2)); !reflect.DeepEqual(got, want) {
		t.Errorf("Since(0) two a page = %v, want %v", got, want)
	}
	for _, ch := range all {
		if ch.Created <= 0 || ch.Created > ch.Seq || (ch.Created == ch.Seq) != (ch.Action == store.Added) {
			t.Errorf("change %+v: Created should be the position of the event's creation", ch)
		}
	}
	// After e3's position, every event but e1 is new: e1 was created
	// before it (and changed after).
	after := all[0].Seq
	changed := since(t, s, after, 3)
	want = []string{"e2 added", "e1 updated", "e5 added", "e4 added", "e6 added"}
	if got := c.actions(changed); !reflect.DeepEqual(got, want) {
		t.Errorf("Since(e3) = %v, want %v", got, want)
	}
	var fresh []string
	for _, ch := range changed {
		if ch.Created > after {
			fresh = append(fresh, c.actions([]store.EventChange{ch})[0])
		}
	}
	if want := []string{"e2 added", "e5 added", "e4 added", "e6 added"}; !reflect.DeepEqual(fresh, want) {
		t.Errorf("created after e3 = %v, want %v", fresh, want)
	}
	head := all[len(all)-1].Seq
	if got := since(t, s, head, 10); len(got) != 0 {
		t.Errorf("Since(head) = %+v, want nothing", got)
	}

	// A duplicate and a failed document change no event.
	ingest(t, s, c.doc["a.txt"])
	bad := document("bad.txt", "", nil)
	if _, err := s.Ingest(ctx, bad, errors.New("unreadable")); err != nil {
		t.Fatal(err)
	}
	if got := since(t, s, head, 10); len(got) != 0 {
		t.Errorf("after a duplicate and a failure: %+v, want nothing", got)
	}

	// A new report of e4 makes it an update; a recode that takes e1's
	// French mention and e5's only one updates e1 and removes e5.
	e4 := c.doc["c.txt"].Events[0]
	again := document("d.txt", "Other Wire", []string{"The United Nations again did not threaten Iran."}, &e4)
	ingest(t, s, again)
	b := *c.doc["b.txt"]
	b.Events = b.Events[:1]
	recode(t, s, c.docs["b.txt"], &b, "feed")
	got := c.actions(since(t, s, head, 1))
	if len(got) != 3 || got[0] != "e4 updated" || !sameSet(got[1:], []string{"e1 updated", "e5 removed"}) {
		t.Errorf("after a new mention and a recode = %v, want e4 updated, then e1 updated and e5 removed", got)
	}
	// From the beginning, a removed event is listed as removed, once.
	got = c.actions(since(t, s, 0, 4))
	if len(got) != 6 || !sameSet(got, []string{"e3 added", "e2 added", "e6 added", "e4 updated", "e1 updated", "e5 removed"}) {
		t.Errorf("Since(0) at the end = %v", got)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}
