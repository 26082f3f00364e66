package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"entente/internal/fetch"
	"entente/internal/pipeline"
	"entente/internal/updates"
	"entente/internal/watch"
)

// watchFlags are the flags `entente watch` and `serve --watch` share.
type watchFlags struct {
	every, updateEvery, hostDelay *time.Duration
	updates, formats, state       *string
}

func addWatchFlags(fs *flag.FlagSet) watchFlags {
	return watchFlags{
		every:       fs.Duration("every", watch.DefaultEvery, "time between two polls of the feeds"),
		hostDelay:   fs.Duration("host-delay", watch.DefaultHostDelay, "least time between two requests to one host (a longer robots.txt Crawl-delay wins)"),
		updates:     fs.String("updates", "updates", "`folder` of the update files (the events new or changed since the last update, and lastupdate.txt); \"\" writes none"),
		updateEvery: fs.Duration("update-every", updates.DefaultEvery, "time between two update files"),
		formats:     fs.String("update-formats", strings.Join(updates.DefaultFormats, ","), "export `formats` of the update files, comma-separated (csv, gdelt, jsonl, plover, parquet)"),
		state:       fs.String("state", "watch-state.json", "`file` keeping the feeds' validators and the pages handled across restarts"),
	}
}

// watching is a watcher and its update writer, ready to run.
type watching struct {
	w  *watch.Watcher
	up *updates.Writer // nil without --updates
}

// newWatching reads the feeds file and makes the watcher and the update
// writer over st.
func newWatching(cmd, feedsFile string, f watchFlags, allowPrivate bool, p *pipeline.Pipeline, st updatesStore, log *slog.Logger) (*watching, error) {
	b, err := os.ReadFile(feedsFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cmd, err)
	}
	feeds, err := watch.FeedsFile(string(b), feedsFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cmd, err)
	}
	w, err := watch.New(watch.Config{
		Feeds:  feeds,
		Client: fetch.New(fetch.Options{AllowPrivate: allowPrivate}),
		Coder:  p, Store: st, Log: log,
	}, watch.Options{Every: *f.every, HostDelay: *f.hostDelay, StateFile: *f.state})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cmd, err)
	}
	out := &watching{w: w}
	if *f.updates != "" {
		var formats []string
		for _, s := range strings.Split(*f.formats, ",") {
			if s = strings.TrimSpace(s); s != "" {
				formats = append(formats, s)
			}
		}
		out.up, err = updates.New(st, updates.Options{Dir: *f.updates, Every: *f.updateEvery, Formats: formats, Log: log})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", cmd, err)
		}
	}
	return out, nil
}

// updatesStore is what watch and updates need of the store.
type updatesStore interface {
	watch.Store
	updates.Store
}

// run polls the feeds and writes the update files until ctx is done or
// the store fails.
func (w *watching) run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 2)
	n := 1
	go func() { done <- w.w.Run(ctx) }()
	if w.up != nil {
		n++
		go func() { done <- w.up.Run(ctx) }()
	}
	var first error
	for range n {
		err := <-done
		cancel() // one ended: stop the other
		if first == nil && !errors.Is(err, context.Canceled) {
			first = err
		}
	}
	return first
}

func runWatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("watch", flag.ContinueOnError)
	flags.SetOutput(stderr)
	db := flags.String("db", "entente.db", "the store the articles go to; created when missing")
	dict := flags.String("dict", "", "`directory` of knowledge files overriding the embedded ones")
	allowPrivate := flags.Bool("allow-private", false, "fetch feeds and pages on loopback and private addresses (local testing)")
	metricsAddr := flags.String("metrics", "", "`address` to serve Prometheus /metrics on (default: none; serve --watch serves them with the API)")
	wf := addWatchFlags(flags)
	flags.Usage = func() {
		fmt.Fprint(stderr, `usage: entente watch [flags] FEEDS.txt

Polls the RSS/Atom feeds and sitemaps listed in FEEDS.txt (one URL a line,
# comments) every --every, codes the articles it has not seen and stores
them in --db. Requests are conditional (ETag, Last-Modified), one at a
time per host with --host-delay between them, robots.txt is honoured, and
temporary failures are tried again with backoff; a feed that fails is
logged and counted, the others go on. Every --update-every it writes the
events new or changed since the last update into --updates (GDELT-style
files named by time, and lastupdate.txt). "entente serve --watch" does the
same inside the server, with GET /api/changes.

Flags:
`)
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		flags.Usage()
		return exitError(2)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	p, st, err := openStore(ctx, "watch", *dict, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	w, err := newWatching("watch", flags.Arg(0), wf, *allowPrivate, p, st, log)
	if err != nil {
		return err
	}
	if *metricsAddr != "" {
		stop, err := serveMetrics(*metricsAddr, w.w.Collectors(), log)
		if err != nil {
			return fmt.Errorf("watch: %w", err)
		}
		defer stop()
	}
	fmt.Fprintf(stdout, "watching %s every %s into %s\n", flags.Arg(0), *wf.every, *db)
	if err := w.run(ctx); err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	fmt.Fprintln(stdout, "stopped")
	return nil
}

// serveMetrics serves the collectors at http://addr/metrics until stop.
func serveMetrics(addr string, cs []prometheus.Collector, log *slog.Logger) (stop func(), err error) {
	reg := prometheus.NewRegistry()
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics", "err", err)
		}
	}()
	return func() { srv.Close() }, nil
}
