// Package watch keeps a store current with the news: it polls RSS and
// Atom feeds and sitemaps (news sitemaps and sitemap indexes included) on
// a schedule, and codes and stores the articles it has not seen.
//
// It is a polite client: conditional requests (ETag, Last-Modified) so an
// unchanged feed costs a 304; one request at a time per host with a delay
// between them (robots.txt's Crawl-delay when longer); robots.txt
// honoured for feeds and pages alike; temporary failures retried with
// exponential backoff and jitter; and a bad feed is logged and counted,
// never the end of the round. Fetching goes through internal/fetch's
// guarded client (private addresses refused unless allowed), feeds are
// read by internal/source, and documents are coded by the pipeline and
// stored by the store's IngestItems, as `entente ingest` does.
//
// What it remembers (validators, pages handled) is kept in a state file
// so that a restart neither fetches everything again nor misses a page.
// The clock and the HTTP client are fields, so tests run in milliseconds.
package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"entente"
	"entente/internal/fetch"
	"entente/internal/read"
	"entente/internal/source"
	"entente/internal/store"
)

// Defaults of Options.
const (
	DefaultEvery      = 15 * time.Minute
	DefaultHostDelay  = 2 * time.Second
	DefaultRetries    = 3
	DefaultBackoff    = 2 * time.Second
	DefaultMaxBackoff = 5 * time.Minute
	DefaultMaxItems   = 200
	DefaultParallel   = 4
)

// Options tune a Watcher; zero fields take the defaults above.
type Options struct {
	Every      time.Duration // between the starts of two rounds over the feeds
	HostDelay  time.Duration // between two requests to one host
	Retries    int           // further attempts after a temporary failure (negative: none)
	Backoff    time.Duration // wait before the first retry, doubled each time
	MaxBackoff time.Duration
	MaxItems   int // new pages fetched per feed and round; the rest wait for the next
	Parallel   int // feeds polled at once (one request per host at a time regardless)
	// StateFile keeps validators and the pages handled across restarts;
	// "" keeps them in memory.
	StateFile string
	Read      read.Options
}

func (o *Options) defaults() {
	set := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	set(&o.Every, DefaultEvery)
	set(&o.HostDelay, DefaultHostDelay)
	set(&o.Backoff, DefaultBackoff)
	set(&o.MaxBackoff, DefaultMaxBackoff)
	switch {
	case o.Retries == 0:
		o.Retries = DefaultRetries
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.MaxItems <= 0 {
		o.MaxItems = DefaultMaxItems
	}
	if o.Parallel <= 0 {
		o.Parallel = DefaultParallel
	}
}

// Clock tells the time and waits; tests pass one that only pretends to.
type Clock interface {
	Now() time.Time
	// Sleep waits d, or until ctx is done (then it returns ctx.Err()).
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
type RealClock struct{}

func (RealClock) Now() time.Time { return time.Now() }

func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Coder codes a document in place (pipeline.Pipeline).
type Coder interface {
	Code(ctx context.Context, doc *entente.Document) error
}

// Store is what the watcher needs of the store.
type Store interface {
	Has(ctx context.Context, hash string) (int64, bool, error)
	IngestItems(ctx context.Context, items []store.Item) ([]store.Result, error)
}

// Watcher polls feeds and stores their new articles. Make one with New.
type Watcher struct {
	feeds  []string
	client *fetch.Client
	coder  Coder
	st     Store
	clock  Clock
	log    *slog.Logger
	opt    Options
	rand   func() float64
	state  *state
	m      *metrics

	hostsMu sync.Mutex
	hosts   map[string]*host
}

// Config is what New needs besides the Options.
type Config struct {
	Feeds  []string      // feed and sitemap URLs
	Client *fetch.Client // the guarded client; its User-Agent names entente
	Coder  Coder
	Store  Store
	Clock  Clock          // nil: RealClock
	Log    *slog.Logger   // nil: discarded
	Rand   func() float64 // jitter in [0, 1); nil: math/rand
}

// New makes a Watcher, reading its state file.
func New(cfg Config, opt Options) (*Watcher, error) {
	if cfg.Client == nil || cfg.Coder == nil || cfg.Store == nil {
		return nil, errors.New("watch: a client, a coder and a store are required")
	}
	if len(cfg.Feeds) == 0 {
		return nil, errors.New("watch: no feed to watch")
	}
	for _, f := range cfg.Feeds {
		if !source.IsURL(f) {
			return nil, fmt.Errorf("watch: %q is not an http(s) URL", f)
		}
	}
	opt.defaults()
	st, err := loadState(opt.StateFile)
	if err != nil {
		return nil, err
	}
	w := &Watcher{feeds: cfg.Feeds, client: cfg.Client, coder: cfg.Coder, st: cfg.Store, clock: cfg.Clock,
		log: cfg.Log, opt: opt, rand: cfg.Rand, state: st, m: newMetrics(), hosts: map[string]*host{}}
	if w.clock == nil {
		w.clock = RealClock{}
	}
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	if w.rand == nil {
		w.rand = rand.Float64
	}
	return w, nil
}

// Collectors are the watcher's Prometheus metrics, for a registry that
// /metrics serves.
func (w *Watcher) Collectors() []prometheus.Collector { return w.m.collectors() }

// Stats counts what a round did.
type Stats struct {
	Feeds, NotModified, FeedErrors int
	New, Duplicate, Failed, Retry  int // pages
	Events                         int // new events
}

func (s *Stats) add(o Stats) {
	s.Feeds += o.Feeds
	s.NotModified += o.NotModified
	s.FeedErrors += o.FeedErrors
	s.New += o.New
	s.Duplicate += o.Duplicate
	s.Failed += o.Failed
	s.Retry += o.Retry
	s.Events += o.Events
}

func (s Stats) String() string {
	return fmt.Sprintf("%d feeds (%d unchanged, %d failed), %d new pages, %d duplicate, %d failed, %d to fetch again, %d new events",
		s.Feeds, s.NotModified, s.FeedErrors, s.New, s.Duplicate, s.Failed, s.Retry, s.Events)
}

// Run polls every feed, then again every opt.Every, until ctx is done. A
// store error ends it; a feed's failure does not.
func (w *Watcher) Run(ctx context.Context) error {
	for {
		start := w.clock.Now()
		stats, err := w.Poll(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			return err
		}
		w.log.Info("watch round", "took", w.clock.Now().Sub(start).Round(time.Millisecond), "stats", stats.String())
		if err := w.clock.Sleep(ctx, start.Add(w.opt.Every).Sub(w.clock.Now())); err != nil {
			return err
		}
	}
}

// Poll runs one round over every feed, opt.Parallel at a time. It
// returns an error only when the store fails (or ctx ends); a feed that
// cannot be fetched or read is logged, counted and retried next round.
func (w *Watcher) Poll(ctx context.Context) (Stats, error) {
	var (
		mu    sync.Mutex
		total Stats
		errs  []error
		wg    sync.WaitGroup
	)
	feeds := make(chan string)
	for range min(w.opt.Parallel, len(w.feeds)) {
		wg.Go(func() {
			for f := range feeds {
				s, err := w.pollFeed(ctx, f)
				mu.Lock()
				total.add(s)
				if err != nil {
					errs = append(errs, err)
				}
				mu.Unlock()
			}
		})
	}
	for _, f := range w.feeds {
		select {
		case feeds <- f:
		case <-ctx.Done():
		}
	}
	close(feeds)
	wg.Wait()
	w.m.polls.Inc()
	w.m.lastPoll.Set(float64(w.clock.Now().Unix()))
	if err := w.state.save(w.clock.Now()); err != nil {
		errs = append(errs, err)
	}
	if ctx.Err() != nil {
		return total, ctx.Err()
	}
	return total, errors.Join(errs...)
}

// errStore marks an error of the store, which stops the watcher.
type errStore struct{ err error }

func (e errStore) Error() string { return e.err.Error() }
func (e errStore) Unwrap() error { return e.err }

// pollFeed polls one feed or sitemap. A failure of the feed is logged,
// counted and recorded in its state; only a store error is returned.
func (w *Watcher) pollFeed(ctx context.Context, feed string) (Stats, error) {
	stats := Stats{Feeds: 1}
	fs := w.state.feed(feed)
	fs.LastPoll = w.clock.Now()
	done, err := w.feedPages(ctx, feed, &fs, &stats)
	var se errStore
	switch {
	case errors.As(err, &se):
		return stats, se.err
	case err != nil && ctx.Err() == nil:
		stats.FeedErrors++
		fs.Failures++
		fs.LastError = err.Error()
		w.m.failures.WithLabelValues(feed).Inc()
		w.log.Warn("feed failed", "feed", feed, "failures", fs.Failures, "err", err)
	case err == nil:
		fs.Failures, fs.LastError, fs.LastOK = 0, "", w.clock.Now()
		if !done {
			// Pages are left for the next round (to fetch again, or over
			// MaxItems): the feed must not answer 304 then.
			fs.Validators = fetch.Validators{}
		}
	}
	w.state.setFeed(feed, fs)
	if err := w.state.save(w.clock.Now()); err != nil {
		w.log.Warn("state not saved", "err", err)
	}
	return stats, nil
}

// feedPages fetches a feed (conditionally), lists its pages and handles
// the new ones. done is false when some are left for the next round.
func (w *Watcher) feedPages(ctx context.Context, feed string, fs *feedState, stats *Stats) (done bool, err error) {
	resp, err := w.get(ctx, "feed", feed, fs.Validators)
	if err != nil {
		return false, err
	}
	if resp.NotModified() {
		stats.NotModified++
		return true, nil
	}
	fs.Validators = resp.Validators
	var items []source.Item
	ropt := source.Options{Read: w.opt.Read, Client: w.client}
	switch {
	case source.IsSitemap(resp.Body):
		items, done, err = w.sitemapItems(ctx, feed, resp, ropt, stats)
	case source.IsFeed(resp):
		done = true
		err = source.FeedItems(ctx, w.client, feed, resp, ropt, func(it source.Item) { items = append(items, it) })
	default:
		err = fmt.Errorf("%s: neither a feed nor a sitemap (content type %q)", feed, resp.ContentType)
	}
	if err != nil {
		return false, err
	}
	left, err := w.pages(ctx, items, stats)
	return done && !left, err
}

// get fetches u, conditionally on v, once robots.txt allows it, paced
// and retried.
func (w *Watcher) get(ctx context.Context, kind, rawURL string, v fetch.Validators) (*fetch.Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	if err := w.allowed(ctx, u); err != nil {
		w.m.requests.WithLabelValues(kind, result(err)).Inc()
		return nil, err
	}
	var resp *fetch.Response
	err = w.try(ctx, kind, w.host(u), func() error {
		var err error
		resp, err = w.client.GetIf(ctx, rawURL, v)
		return err
	})
	switch {
	case err != nil:
		w.m.requests.WithLabelValues(kind, "error").Inc()
		return nil, err
	case resp.NotModified():
		w.m.requests.WithLabelValues(kind, "not_modified").Inc()
	default:
		w.m.requests.WithLabelValues(kind, "ok").Inc()
	}
	return resp, nil
}

func result(err error) string {
	if errors.Is(err, ErrDisallowed) {
		return "disallowed"
	}
	return "error"
}

// sitemapItems lists the pages of a sitemap, or of the child sitemaps of
// a sitemap index that changed since the last round (each fetched
// conditionally, with a state of its own), newest first.
func (w *Watcher) sitemapItems(ctx context.Context, feed string, resp *fetch.Response, opt source.Options, stats *Stats) ([]source.Item, bool, error) {
	sm, err := source.ParseSitemap(resp.Body, 0)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", feed, err)
	}
	var items []source.Item
	for _, p := range sm.Pages {
		items = append(items, source.SitemapItem(ctx, w.client, p, opt))
	}
	done := true
	for _, child := range sm.Sitemaps {
		if ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
		cs := w.state.feed(child.Loc)
		r, err := w.get(ctx, "sitemap", child.Loc, cs.Validators)
		if err != nil {
			done = false
			w.log.Warn("child sitemap failed", "sitemap", child.Loc, "err", err)
			continue
		}
		cs.LastPoll = w.clock.Now()
		if r.NotModified() {
			stats.NotModified++
			w.state.setFeed(child.Loc, cs)
			continue
		}
		csm, err := source.ParseSitemap(r.Body, 0)
		if err != nil {
			done = false
			w.log.Warn("child sitemap failed", "sitemap", child.Loc, "err", err)
			continue
		}
		// The child's validators are kept only when its pages are all
		// handled; pages() tells, so they are set after it, below.
		for _, p := range csm.Pages {
			items = append(items, source.SitemapItem(ctx, w.client, p, opt))
		}
		cs.Validators = fetch.Validators{} // fetched whole again until a round completes
		if len(csm.Pages) <= w.opt.MaxItems {
			cs.Validators = r.Validators
		}
		w.state.setFeed(child.Loc, cs)
	}
	return items, done, nil
}

// pages codes and stores the pages of items not handled before, at most
// MaxItems. left reports pages left for the next round.
func (w *Watcher) pages(ctx context.Context, items []source.Item, stats *Stats) (left bool, err error) {
	type page struct {
		name string
		doc  *entente.Document
		err  error
	}
	var batch []page
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		items := make([]store.Item, len(batch))
		for i, p := range batch {
			items[i] = store.Item{Doc: p.doc, Failure: p.err}
			if p.doc == nil {
				items[i].Doc = &entente.Document{ID: p.name}
			}
		}
		results, err := w.st.IngestItems(ctx, items)
		if err != nil {
			return errStore{fmt.Errorf("watch: store: %w", err)}
		}
		now := w.clock.Now()
		for i, r := range results {
			switch {
			case r.Duplicate:
				stats.Duplicate++
				w.m.docs.WithLabelValues("duplicate").Inc()
			case r.Failed:
				stats.Failed++
				w.m.docs.WithLabelValues("failed").Inc()
				w.log.Warn("page not coded", "page", batch[i].name, "err", batch[i].err)
			default:
				stats.New++
				stats.Events += r.NewEvents
				w.m.docs.WithLabelValues("new").Inc()
				w.m.events.Add(float64(r.NewEvents))
			}
			w.state.markSeen(batch[i].name, now)
		}
		batch = batch[:0]
		return nil
	}
	taken := 0
	for _, it := range items {
		if ctx.Err() != nil {
			return true, ctx.Err()
		}
		if w.state.seen(it.Name) {
			continue
		}
		if taken >= w.opt.MaxItems {
			left = true
			break
		}
		taken++
		doc, err := w.load(ctx, it)
		switch {
		case err != nil && (fetch.Temporary(err) || errors.Is(err, errRobots)):
			// Not recorded: the next round fetches it again.
			left = true
			stats.Retry++
			w.m.docs.WithLabelValues("retry").Inc()
			w.log.Warn("page not fetched, fetched again next round", "page", it.Name, "err", err)
			continue
		case err != nil && errors.Is(err, ErrDisallowed):
			w.state.markSeen(it.Name, w.clock.Now())
			w.log.Info("page skipped", "page", it.Name, "err", err)
			continue
		case err == nil:
			_, stored, herr := w.st.Has(ctx, store.Hash(doc))
			if herr != nil {
				return true, errStore{fmt.Errorf("watch: store: %w", herr)}
			}
			if stored {
				stats.Duplicate++
				w.m.docs.WithLabelValues("duplicate").Inc()
				w.state.markSeen(it.Name, w.clock.Now())
				continue
			}
			err = w.coder.Code(ctx, doc)
		}
		batch = append(batch, page{name: it.Name, doc: doc, err: err})
		if len(batch) >= 64 {
			if err := flush(); err != nil {
				return true, err
			}
		}
	}
	return left, flush()
}

// errRobots marks a page whose host's robots.txt could not be read for
// now.
var errRobots = errors.New("robots.txt unavailable")

// load fetches and reads one page (its Item's Load makes one request to
// the page's host), once robots.txt allows it, paced and retried.
func (w *Watcher) load(ctx context.Context, it source.Item) (*entente.Document, error) {
	u, err := url.Parse(it.Name)
	if err != nil || !source.IsURL(it.Name) {
		// An item read from the feed's own content: no request.
		return it.Load()
	}
	if err := w.allowed(ctx, u); err != nil {
		w.m.requests.WithLabelValues("page", result(err)).Inc()
		if !errors.Is(err, ErrDisallowed) {
			return nil, fmt.Errorf("%w: %w", errRobots, err)
		}
		return nil, err
	}
	var doc *entente.Document
	err = w.try(ctx, "page", w.host(u), func() error {
		var err error
		doc, err = it.Load()
		return err
	})
	if err != nil {
		w.m.requests.WithLabelValues("page", "error").Inc()
		return nil, err
	}
	w.m.requests.WithLabelValues("page", "ok").Inc()
	return doc, nil
}

// FeedsFile reads a list of feed URLs: one a line, blank lines and lines
// starting with # ignored. Every error is reported with its line.
func FeedsFile(text string, name string) ([]string, error) {
	var feeds []string
	var errs []error
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !source.IsURL(line) {
			errs = append(errs, fmt.Errorf("%s:%d: %q is not an http(s) URL", name, i+1, line))
			continue
		}
		if _, err := url.Parse(line); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, i+1, err))
			continue
		}
		feeds = append(feeds, line)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(feeds) == 0 {
		return nil, fmt.Errorf("%s: no feed URL", name)
	}
	return feeds, nil
}
