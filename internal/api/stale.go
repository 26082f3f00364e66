package api

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// DefaultMaxStale is how old an aggregate answer may be when it is served
// to a request that finds the server busy, when Options.MaxStale is 0.
const DefaultMaxStale = 30 * time.Second

// answer is a whole JSON answer of an aggregate read.
type answer struct {
	at     time.Time
	code   int
	header http.Header
	body   []byte
}

// write sends the answer; a stale one says its age (RFC 9111 Age).
func (a *answer) write(w http.ResponseWriter, stale bool) {
	h := w.Header()
	for k, v := range a.header {
		h[k] = v
	}
	h.Set("Content-Length", strconv.Itoa(len(a.body)))
	if stale {
		h.Set("Age", strconv.Itoa(int(time.Since(a.at)/time.Second)))
	}
	w.WriteHeader(a.code)
	w.Write(a.body)
}

// answers keeps the latest successful answer of the most recent aggregate
// queries (series, graph, places, count), and lets identical queries that
// wait for a turn at once share one computation. An aggregate read that
// gets a turn at once is always computed afresh; only a read that would
// otherwise wait in line (or be refused) is given the kept answer, when it
// is at most maxStale old. So a quiet server answers exactly, and a busy
// one answers dashboards that ask the same thing again from what it
// computed seconds ago instead of computing it again.
type answers struct {
	maxStale time.Duration
	size     int

	mu     sync.Mutex
	kept   map[string]*answer
	flying map[string]*flight
}

// flight is one computation that identical requests share.
type flight struct {
	done chan struct{}
	a    *answer
	err  error
}

func newAnswers(maxStale time.Duration, size int) *answers {
	return &answers{maxStale: maxStale, size: size, kept: map[string]*answer{}, flying: map[string]*flight{}}
}

// answerKey is the key of a read: its path and its query in a canonical
// order.
func answerKey(path string, query url.Values) string {
	return path + "?" + query.Encode()
}

// fresh returns the kept answer of key when it is at most maxStale old.
func (c *answers) fresh(key string) *answer {
	c.mu.Lock()
	defer c.mu.Unlock()
	a := c.kept[key]
	if a == nil || time.Since(a.at) > c.maxStale {
		return nil
	}
	return a
}

// keep remembers a successful answer, forgetting the oldest when full.
func (c *answers) keep(key string, a *answer) {
	if a.code != http.StatusOK {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.kept[key]; !ok && len(c.kept) >= c.size {
		oldest := ""
		for k, v := range c.kept {
			if oldest == "" || v.at.Before(c.kept[oldest].at) {
				oldest = k
			}
		}
		delete(c.kept, oldest)
	}
	c.kept[key] = a
}

// share runs compute for key, or, when an identical computation is under
// way, waits for its answer (at most until ctx is done). shared tells
// that the answer came from another request's computation.
func (c *answers) share(ctx context.Context, key string, compute func() (*answer, error)) (a *answer, shared bool, err error) {
	c.mu.Lock()
	if f := c.flying[key]; f != nil {
		c.mu.Unlock()
		select {
		case <-f.done:
			return f.a, true, f.err
		case <-ctx.Done():
			return nil, true, ctx.Err()
		}
	}
	f := &flight{done: make(chan struct{})}
	c.flying[key] = f
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.flying, key)
		c.mu.Unlock()
		close(f.done)
	}()
	f.a, f.err = compute()
	if f.err == nil {
		c.keep(key, f.a)
	}
	return f.a, false, f.err
}

// recorder is a ResponseWriter that keeps a whole answer in memory.
type recorder struct {
	h    http.Header
	code int
	buf  bytes.Buffer
}

func newRecorder() *recorder { return &recorder{h: http.Header{}} }

func (r *recorder) Header() http.Header { return r.h }

func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.buf.Write(b)
}

func (r *recorder) answer() *answer {
	code := r.code
	if code == 0 {
		code = http.StatusOK
	}
	return &answer{at: time.Now(), code: code, header: r.h, body: r.buf.Bytes()}
}
