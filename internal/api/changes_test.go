package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"entente"
	"entente/internal/store"
)

// follow reads the change feed from since to its end, limit at a time,
// checking that positions only grow, and returns the changes and the
// last next.
func (f *fixture) follow(since string, limit int) ([]change, string) {
	f.t.Helper()
	var out []change
	for pages := 0; ; pages++ {
		if pages > 1000 {
			f.t.Fatal("the change feed does not end")
		}
		var page changesPage
		f.get(fmt.Sprintf("/api/changes?since=%s&limit=%d", since, limit), &page)
		if len(page.Changes) > limit {
			f.t.Fatalf("%d changes, over the limit %d", len(page.Changes), limit)
		}
		if len(page.Changes) == 0 {
			if page.Next != since {
				f.t.Errorf("an empty page moves the cursor from %s to %s", since, page.Next)
			}
			return out, page.Next
		}
		for _, c := range page.Changes {
			if len(out) > 0 && c.Seq <= out[len(out)-1].Seq {
				f.t.Fatalf("position %d after %d", c.Seq, out[len(out)-1].Seq)
			}
			out = append(out, c)
		}
		since = page.Next
	}
}

func TestChanges(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()

	// From the beginning: every stored event once, added (or updated, when
	// a later document reported it again), with its data.
	changes, next := f.follow("0", 3)
	n := f.counts().Events
	if len(changes) != n || n == 0 {
		t.Fatalf("%d changes, want the %d stored events", len(changes), n)
	}
	seen := map[int64]bool{}
	for _, c := range changes {
		if c.Action != store.Added && c.Action != store.Updated || c.Created == 0 || c.Data == nil || c.Data.ID != c.Event || seen[c.Event] || c.Data.Code == "" {
			t.Errorf("change %+v (data %+v)", c.EventChange, c.Data)
		}
		seen[c.Event] = true
	}
	if again, _ := f.follow(next, 100); len(again) != 0 {
		t.Errorf("%d changes after the end", len(again))
	}

	// A recode that drops every event of the first document: they are
	// removed (or updated, for those other documents report too), and a
	// follower starting at next sees only that.
	var firstDoc int64 = 1
	if _, err := f.st.Recode(ctx, firstDoc, &entente.Document{ID: "recoded", Lang: "en"}, "test"); err != nil {
		t.Fatal(err)
	}
	changes, _ = f.follow(next, 100)
	if len(changes) == 0 {
		t.Fatal("no change after a recode that dropped events")
	}
	for _, c := range changes {
		switch c.Action {
		case store.Removed:
			if c.Data != nil {
				t.Errorf("removed event %d has data %+v", c.Event, c.Data)
			}
			if _, err := f.st.Event(ctx, c.Event); err == nil {
				t.Errorf("removed event %d is still stored", c.Event)
			}
		case store.Updated:
			if c.Data == nil || c.Data.ID != c.Event {
				t.Errorf("updated event %d without its data", c.Event)
			}
		default:
			t.Errorf("change %+v after a recode that adds nothing", c.EventChange)
		}
	}

	for _, tt := range []struct{ query, want string }{
		{"since=-1", "is not a cursor"},
		{"since=abc", "is not a cursor"},
		{"limit=0", "limit"},
		{"limit=1001", "limit"},
		{"cursor=3", "unknown parameter"},
	} {
		code, _, b := f.do("GET", "/api/changes?"+tt.query, nil)
		if code != http.StatusBadRequest || !strings.Contains(string(b), tt.want) {
			t.Errorf("GET /api/changes?%s = %d %s, want 400 %q", tt.query, code, b, tt.want)
		}
	}
}
