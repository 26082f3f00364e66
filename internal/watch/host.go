package watch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/temoto/robotstxt"

	"entente/internal/fetch"
)

// robotsAgent is the name entente's User-Agent goes by in robots.txt.
const robotsAgent = "entente"

// robotsFor is how long a host's robots.txt is kept before it is fetched
// again.
const robotsFor = 24 * time.Hour

// maxCrawlDelay caps the Crawl-delay a robots.txt can ask for.
const maxCrawlDelay = time.Minute

// ErrDisallowed is the error of a URL that the host's robots.txt keeps
// entente from.
var ErrDisallowed = errors.New("disallowed by robots.txt")

// host paces the requests to one host (scheme and host:port): one at a
// time, with a delay after each, and keeps its robots.txt.
type host struct {
	turn       chan struct{} // holds a token while a request runs
	last       time.Time     // when the last request ended; guarded by turn
	crawlDelay atomic.Int64  // robots.txt's Crawl-delay, capped

	robotsMu sync.Mutex // one fetch of robots.txt at a time
	robots   *robotstxt.Group
	robotsAt time.Time
}

func (w *Watcher) host(u *url.URL) *host {
	key := u.Scheme + "://" + u.Host
	w.hostsMu.Lock()
	defer w.hostsMu.Unlock()
	h := w.hosts[key]
	if h == nil {
		h = &host{turn: make(chan struct{}, 1)}
		w.hosts[key] = h
	}
	return h
}

// polite runs fn (one request to h) when no other request to h runs and
// the delay since the last one has passed.
func (w *Watcher) polite(ctx context.Context, h *host, fn func() error) error {
	select {
	case h.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-h.turn }()
	delay := max(w.opt.HostDelay, time.Duration(h.crawlDelay.Load()))
	if !h.last.IsZero() {
		if wait := h.last.Add(delay).Sub(w.clock.Now()); wait > 0 {
			if err := w.clock.Sleep(ctx, wait); err != nil {
				return err
			}
		}
	}
	err := fn()
	h.last = w.clock.Now()
	return err
}

// allowed fetches (or reuses) the robots.txt of u's host and tests u's
// path against the rules for entente. A robots.txt that is missing (4xx)
// allows everything; one that cannot be fetched for now (5xx, timeout) is
// a temporary error: nothing of the host is fetched until it answers.
func (w *Watcher) allowed(ctx context.Context, u *url.URL) error {
	h := w.host(u)
	h.robotsMu.Lock()
	defer h.robotsMu.Unlock()
	if h.robots == nil || w.clock.Now().Sub(h.robotsAt) > robotsFor {
		robotsURL := u.Scheme + "://" + u.Host + "/robots.txt"
		var resp *fetch.Response
		err := w.try(ctx, "robots", h, func() error {
			var err error
			resp, err = w.client.Get(ctx, robotsURL)
			return err
		})
		var data *robotstxt.RobotsData
		var se *fetch.StatusError
		switch {
		case err == nil:
			data, err = robotstxt.FromStatusAndBytes(http.StatusOK, resp.Body)
		case errors.As(err, &se) && se.Status >= 400 && se.Status < 500:
			data, err = robotstxt.FromStatusAndBytes(se.Status, nil)
		}
		if err != nil {
			w.m.requests.WithLabelValues("robots", "error").Inc()
			return fmt.Errorf("robots.txt of %s: %w", u.Host, err)
		}
		w.m.requests.WithLabelValues("robots", "ok").Inc()
		h.robots, h.robotsAt = data.FindGroup(robotsAgent), w.clock.Now()
		h.crawlDelay.Store(int64(min(h.robots.CrawlDelay, maxCrawlDelay)))
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !h.robots.Test(path) {
		return fmt.Errorf("%s: %w", u.Redacted(), ErrDisallowed)
	}
	return nil
}

// try runs fn (one request to h, paced by polite) and runs it again after
// a temporary failure (a timeout, a refused connection, 408, 429, 5xx), at
// most opt.Retries times, waiting opt.Backoff, then twice as long each
// time, with jitter; a Retry-After answer is waited for (up to MaxBackoff).
func (w *Watcher) try(ctx context.Context, kind string, h *host, fn func() error) error {
	for attempt := 0; ; attempt++ {
		err := w.polite(ctx, h, fn)
		if err == nil || !fetch.Temporary(err) || attempt >= w.opt.Retries || ctx.Err() != nil {
			return err
		}
		w.m.requests.WithLabelValues(kind, "retried").Inc()
		wait := w.backoff(attempt)
		var se *fetch.StatusError
		if errors.As(err, &se) && se.RetryAfter > wait {
			wait = min(se.RetryAfter, w.opt.MaxBackoff)
		}
		w.log.Debug("retrying", "kind", kind, "attempt", attempt+1, "wait", wait, "err", err)
		if err := w.clock.Sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// backoff is the wait before retry attempt+1: Backoff doubled attempt
// times (at most MaxBackoff), of which a random half ("equal jitter"), so
// that watchers that failed together do not retry together.
func (w *Watcher) backoff(attempt int) time.Duration {
	d := w.opt.Backoff << min(attempt, 20)
	if d <= 0 || d > w.opt.MaxBackoff {
		d = w.opt.MaxBackoff
	}
	return d/2 + time.Duration(w.rand()*float64(d/2))
}
