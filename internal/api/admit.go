package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// class is a kind of route whose requests share one bound on how many
// run at once, so that a burst of one kind (exports, aggregates, coding)
// cannot take the CPU and the store's connections from the others.
type class int

const (
	classNone      class = iota // answered without the store: no bound
	classRead                   // one page, one event, one document, actor search
	classAggregate              // series, graph, places: scan many events
	classExport                 // streamed downloads
	classWrite                  // storing a document
	classCode                   // coding a posted article (CPU)
	numClasses
)

var classNames = [numClasses]string{"none", "read", "aggregate", "export", "write", "code"}

func (c class) String() string { return classNames[c] }

// Limits bound how many requests of each class run at once; a request
// beyond them waits in line until its own deadline (the time in line
// counts in it) and at most QueueWait, and is answered 503 with a
// Retry-After when no turn came, or at once when the line ahead of it
// (each slot's average holding time) would outlast that wait. A zero
// field takes its default (DefaultLimits).
type Limits struct {
	Read, Aggregate, Export, Write, Code int
	// QueueWait is the longest a request waits for its turn, whatever
	// its deadline (downloads have none).
	QueueWait time.Duration
}

// DefaultLimits returns the limits of a server on a machine with cpus
// processors: a few cheap reads per core; aggregates, which scan many
// events, on half the cores, so that pages and events still find a core
// while charts are drawn; fewer of everything heavier.
func DefaultLimits(cpus int) Limits {
	cpus = max(cpus, 1)
	return Limits{
		Read:      4 * cpus,
		Aggregate: max(cpus/2, 1),
		Export:    2,
		Write:     2,
		Code:      cpus,
		QueueWait: 30 * time.Second,
	}
}

// withDefaults fills the zero fields of l from d.
func (l Limits) withDefaults(d Limits) Limits {
	for _, p := range []struct{ v, d *int }{{&l.Read, &d.Read}, {&l.Aggregate, &d.Aggregate}, {&l.Export, &d.Export}, {&l.Write, &d.Write}, {&l.Code, &d.Code}} {
		if *p.v <= 0 {
			*p.v = *p.d
		}
	}
	if l.QueueWait <= 0 {
		l.QueueWait = d.QueueWait
	}
	return l
}

func (l Limits) of(c class) int {
	return [numClasses]int{0, l.Read, l.Aggregate, l.Export, l.Write, l.Code}[c]
}

// gate admits at most cap(slots) requests of one class at once. It keeps
// a moving average of how long a request holds its slot, to tell at once
// a request that could not get a turn before its deadline.
type gate struct {
	class   class
	slots   chan struct{}
	wait    time.Duration
	waiting atomic.Int64 // requests waiting for a slot
	held    atomic.Int64 // moving average of a slot's holding time, in ns
}

func newGate(c class, n int, wait time.Duration) *gate {
	return &gate{class: c, slots: make(chan struct{}, n), wait: wait}
}

// errBusy is a request that waited its longest for a turn.
var errBusy = errors.New("busy")

// busyError is the 503 of a request that found no free slot in time.
type busyError struct {
	class      class
	waited     time.Duration
	retryAfter time.Duration
}

func (e *busyError) Error() string {
	return "the server is busy with other " + e.class.String() + " requests (waited " + e.waited.Round(time.Millisecond).String() + "): retry later"
}

func (e *busyError) Unwrap() error { return errBusy }

// tryEnter takes a free slot if there is one.
func (g *gate) tryEnter() (release func(), ok bool) {
	select {
	case g.slots <- struct{}{}:
		return g.leaver(), true
	default:
		return nil, false
	}
}

// expectedWait is how long a request that joins the line now should wait
// for a slot: the requests before it, a slot's average holding time each,
// shared among the slots.
func (g *gate) expectedWait() time.Duration {
	return time.Duration(g.held.Load() * (g.waiting.Load() + 1) / int64(cap(g.slots)))
}

// enter waits for a slot, at most g.wait and never past ctx's deadline
// (the time waited counts in the request's deadline); a request that
// could not expect a slot before either is refused at once. The caller
// must call the returned release once done.
func (g *gate) enter(ctx context.Context) (release func(), err error) {
	if release, ok := g.tryEnter(); ok {
		return release, nil
	}
	start := time.Now()
	limit := g.wait
	if d, ok := ctx.Deadline(); ok {
		limit = min(limit, time.Until(d))
	}
	if exp := g.expectedWait(); exp > limit {
		return nil, &busyError{class: g.class, retryAfter: max(exp, time.Second)}
	}
	g.waiting.Add(1)
	defer g.waiting.Add(-1)
	t := time.NewTimer(limit)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return g.leaver(), nil
	case <-t.C:
	case <-ctx.Done():
		if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, ctx.Err()
		}
	}
	return nil, &busyError{class: g.class, waited: time.Since(start), retryAfter: max(g.expectedWait(), g.wait, time.Second)}
}

// leaver returns the release of a slot taken now, which updates the
// average holding time.
func (g *gate) leaver() func() {
	start := time.Now()
	return func() {
		d := int64(time.Since(start))
		for {
			old := g.held.Load()
			avg := d
			if old != 0 {
				avg = old + (d-old)/8
			}
			if g.held.CompareAndSwap(old, avg) {
				break
			}
		}
		<-g.slots
	}
}

// retryAfter sets the Retry-After header of a busy answer.
func retryAfter(w http.ResponseWriter, err error) {
	var be *busyError
	if errors.As(err, &be) {
		w.Header().Set("Retry-After", strconv.Itoa(int((be.retryAfter+time.Second-1)/time.Second)))
	}
}
