package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
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
// beyond them waits in line for at most QueueWait (and never past its own
// deadline), then is answered 503 with a Retry-After. A zero field takes
// its default (DefaultLimits).
type Limits struct {
	Read, Aggregate, Export, Write, Code int
	// QueueWait is the longest a request waits for its turn.
	QueueWait time.Duration
}

// DefaultLimits returns the limits of a server on a machine with cpus
// processors: a few cheap reads per core, fewer of everything heavier.
func DefaultLimits(cpus int) Limits {
	cpus = max(cpus, 1)
	return Limits{
		Read:      4 * cpus,
		Aggregate: max(cpus, 2),
		Export:    2,
		Write:     2,
		Code:      cpus,
		QueueWait: 2 * time.Second,
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

// gate admits at most cap(slots) requests of one class at once.
type gate struct {
	class class
	slots chan struct{}
	wait  time.Duration
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

// enter waits for a slot, at most g.wait and never past ctx's deadline;
// the caller must call the returned release once done.
func (g *gate) enter(ctx context.Context) (release func(), err error) {
	select {
	case g.slots <- struct{}{}:
		return g.leave, nil
	default:
	}
	start := time.Now()
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return g.leave, nil
	case <-t.C:
	case <-ctx.Done():
		if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, ctx.Err()
		}
	}
	return nil, &busyError{class: g.class, waited: time.Since(start), retryAfter: max(g.wait, time.Second)}
}

func (g *gate) leave() { <-g.slots }

// retryAfter sets the Retry-After header of a busy answer.
func retryAfter(w http.ResponseWriter, err error) {
	var be *busyError
	if errors.As(err, &be) {
		w.Header().Set("Retry-After", strconv.Itoa(int((be.retryAfter+time.Second-1)/time.Second)))
	}
}
