package api

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entente/internal/store"
)

// TestBusyAggregates checks what an aggregate read gets when every
// aggregate turn is taken: the answer kept from a moment ago (with its
// Age), a 503 with Retry-After when none is kept, and afresh as soon as a
// turn is free (a write is seen at once).
func TestBusyAggregates(t *testing.T) {
	f := newFixture(t, Options{Token: "t", Limits: Limits{Aggregate: 1, QueueWait: 50 * time.Millisecond}})
	g := f.s.gates[classAggregate]
	code, h, before := f.do("GET", "/api/series?interval=month", nil)
	if code != 200 || h.Get("Age") != "" {
		t.Fatalf("first series: %d, Age %q", code, h.Get("Age"))
	}
	_, _, countBefore := f.do("GET", "/api/count", nil)

	g.slots <- struct{}{} // every aggregate turn taken
	code, h, again := f.do("GET", "/api/series?interval=month", nil)
	if code != 200 || h.Get("Age") == "" || !bytes.Equal(again, before) {
		t.Errorf("busy, kept answer: %d, Age %q, same body %v", code, h.Get("Age"), bytes.Equal(again, before))
	}
	// The parameters in another order are the same query.
	if code, _, _ := f.do("GET", "/api/series?by=quad&interval=month", nil); code != 503 {
		t.Errorf("busy, another query: %d, want 503", code)
	}
	code, h, b := f.do("GET", "/api/series?interval=week", nil)
	if code != 503 || h.Get("Retry-After") == "" || !strings.Contains(errorOf(b), "busy") {
		t.Errorf("busy, nothing kept: %d, Retry-After %q, %s", code, h.Get("Retry-After"), b)
	}
	<-g.slots

	body := `{"text": "Norway hosted a delegation from Chile on Monday to discuss fishing quotas.", "lang": "en", "date": "2024-06-04"}`
	if code, _, b := f.do("POST", "/api/documents", strings.NewReader(body), "Content-Type", "application/json", "Authorization", "Bearer t"); code != 201 {
		t.Fatalf("POST /api/documents: %d %s", code, b)
	}
	code, h, countAfter := f.do("GET", "/api/count", nil)
	if code != 200 || h.Get("Age") != "" || bytes.Equal(countAfter, countBefore) {
		t.Errorf("count after a write with a free turn: %d, Age %q, %s (before %s)", code, h.Get("Age"), countAfter, countBefore)
	}
}

// graphCounter is a store that counts its Graph queries.
type graphCounter struct {
	store.Store
	n atomic.Int32
}

func (c *graphCounter) Graph(ctx context.Context, f store.Filter, limit int) (*store.Graph, error) {
	c.n.Add(1)
	return c.Store.Graph(ctx, f, limit)
}

// TestSharedAggregate checks that identical aggregate reads waiting for a
// turn are computed once for all of them.
func TestSharedAggregate(t *testing.T) {
	f := newFixture(t, Options{Limits: Limits{Aggregate: 1, QueueWait: 20 * time.Second}})
	counter := &graphCounter{Store: f.st}
	s, err := New(counter, f.p, Options{Limits: Limits{Aggregate: 1, QueueWait: 20 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	f.srv.Config.Handler = s
	g := s.gates[classAggregate]
	g.slots <- struct{}{}
	const n = 4
	var wg sync.WaitGroup
	codes := make([]int, n)
	bodies := make([][]byte, n)
	for i := range n {
		wg.Go(func() { codes[i], _, bodies[i] = f.do("GET", "/api/graph?limit=7", nil) })
	}
	// Let every request arrive and wait.
	for deadline := time.Now().Add(10 * time.Second); ; {
		s.answers.mu.Lock()
		flying := len(s.answers.flying)
		s.answers.mu.Unlock()
		if flying == 1 && g.waiting.Load() == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("requests not waiting: %d flying, %d waiting", flying, g.waiting.Load())
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	<-g.slots
	wg.Wait()
	for i := range n {
		if codes[i] != 200 || !bytes.Equal(bodies[i], bodies[0]) {
			t.Errorf("request %d: %d %s", i, codes[i], bodies[i])
		}
	}
	if got := counter.n.Load(); got != 1 {
		t.Errorf("%d graph queries for %d identical requests, want 1", got, n)
	}
}

// TestQueueDeadline checks that time in line counts in a read's deadline,
// and that a read that cannot expect a turn before its deadline is refused
// at once with the expected wait as Retry-After.
func TestQueueDeadline(t *testing.T) {
	f := newFixture(t, Options{QueryTimeout: 300 * time.Millisecond, Limits: Limits{Read: 1, QueueWait: 30 * time.Second}})
	g := f.s.gates[classRead]
	g.slots <- struct{}{}
	defer func() { <-g.slots }()
	start := time.Now()
	code, h, b := f.do("GET", "/api/events?limit=1", nil)
	if took := time.Since(start); code != 503 || took > 10*time.Second || h.Get("Retry-After") == "" {
		t.Errorf("in line past the deadline: %d after %v, Retry-After %q: %s", code, took, h.Get("Retry-After"), b)
	}
	// Slots held 20 s on average: the next request cannot hope for one.
	g.held.Store(int64(20 * time.Second))
	code, h, b = f.do("GET", "/api/events?limit=1", nil)
	if ra, _ := strconv.Atoi(h.Get("Retry-After")); code != 503 || ra < 20 {
		t.Errorf("expected wait past the deadline: %d, Retry-After %q: %s", code, h.Get("Retry-After"), b)
	}
	if got := metricValue(t, f, `entente_http_busy_answers_total{class="read",outcome="busy"}`); got != 2 {
		t.Errorf("busy answers counted: %v, want 2", got)
	}
}

// metricValue reads one sample of /metrics.
func metricValue(t *testing.T, f *fixture, name string) float64 {
	t.Helper()
	_, _, b := f.do("GET", "/metrics", nil)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			var x float64
			fmt.Sscan(v, &x)
			return x
		}
	}
	return -1
}

var _ http.Handler = (*Server)(nil)
