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

	"entente/internal/api"
	"entente/internal/store/postgres"
)

// serveConfig is what the flags of `entente serve` decide.
type serveConfig struct {
	addr, db, dict, token string
	allowedHosts          string
	allowPrivate          bool
	queryTimeout          time.Duration
	// watch, when set, is a feeds file polled by a watcher in the
	// server (see runWatch), with its flags.
	watch string
	wf    watchFlags
}

func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var cfg serveConfig
	flags.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "`address` to listen on")
	flags.StringVar(&cfg.db, "db", "entente.db", dbFlagUsage)
	flags.StringVar(&cfg.dict, "dict", "", "`directory` of knowledge files overriding the embedded ones")
	flags.StringVar(&cfg.token, "token", "", "bearer `token` that POST /api/documents requires (default $ENTENTE_TOKEN); without one, storing through the API is disabled")
	flags.DurationVar(&cfg.queryTimeout, "query-timeout", api.DefaultQueryTimeout, "longest a read may query the store before it is answered with a 504 (exports excepted; 0 for no limit)")
	flags.StringVar(&cfg.allowedHosts, "allowed-hosts", "", "comma-separated host `names` the server answers besides localhost, 127.0.0.1 and ::1 when it listens on loopback (others get a 403: no DNS rebinding); on other addresses, the only names it answers")
	flags.BoolVar(&cfg.allowPrivate, "allow-private", false, "let server-side fetching reach loopback and private addresses (local testing)")
	flags.StringVar(&cfg.watch, "watch", "", "poll the feeds and sitemaps listed in `FEEDS.txt` and store their new articles, as entente watch does (see its flags below)")
	cfg.wf = addWatchFlags(flags)
	flags.Usage = func() {
		fmt.Fprint(flags.Output(), `usage: entente serve [flags]

Serves the JSON API (/api/..., described at /api/openapi.json), the web
UI, /metrics and /healthz over the database. Reads are open; storing a
document (POST /api/documents) needs the bearer token. With --watch it
also polls feeds as "entente watch" does (--every, --updates, ...), counts
what it does in /metrics, and GET /api/changes follows the store.

Flags:
`)
		flags.PrintDefaults()
	}
	if err := parseArgs(flags, args, stdout); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		flags.Usage()
		return exitError(2)
	}
	if cfg.token == "" {
		cfg.token = os.Getenv("ENTENTE_TOKEN")
	}
	return serve(ctx, cfg, stdout, stderr)
}

// serve runs the server until ctx is done, then lets requests in flight
// finish for a few seconds.
func serve(ctx context.Context, cfg serveConfig, stdout, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if _, err := os.Stat(cfg.db); err != nil && !postgres.IsURL(cfg.db) && cfg.watch == "" {
		return fmt.Errorf("serve: %w (create it with entente ingest --db %s)", err, cfg.db)
	}
	p, st, err := openStore(ctx, "serve", cfg.dict, cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()
	timeout := cfg.queryTimeout
	if timeout == 0 {
		timeout = -1 // no limit
	}
	var extra []string
	for _, h := range strings.Split(cfg.allowedHosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			extra = append(extra, h)
		}
	}
	var w *watching
	var collectors []prometheus.Collector
	if cfg.watch != "" {
		if w, err = newWatching("serve", cfg.watch, cfg.wf, cfg.allowPrivate, p, st, log); err != nil {
			return err
		}
		collectors = w.w.Collectors()
	}
	h, err := api.New(st, p, api.Options{Token: cfg.token, AllowPrivate: cfg.allowPrivate, QueryTimeout: timeout,
		AllowedHosts: api.AllowedHosts(cfg.addr, extra), Log: log, Collectors: collectors})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      2 * time.Minute, // exports lift it for themselves
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	writes := "POST /api/documents disabled (no --token)"
	if cfg.token != "" {
		writes = "POST /api/documents needs the bearer token"
	}
	fmt.Fprintf(stdout, "serving %s on http://%s (%s)\n", dbName(cfg.db), ln.Addr(), writes)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	watched := make(chan error, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if w != nil {
		fmt.Fprintf(stdout, "watching %s every %s\n", cfg.watch, *cfg.wf.every)
		go func() { watched <- w.run(ctx) }()
	}
	var watchErr error
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case watchErr = <-watched:
		// The store failed under the watcher: stop serving too.
		cancel()
	case <-ctx.Done():
	}
	if w != nil && watchErr == nil {
		watchErr = <-watched
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = srv.Shutdown(shut)
	if e := <-done; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	if err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if watchErr != nil && !errors.Is(watchErr, context.Canceled) {
		return fmt.Errorf("serve: watch: %w", watchErr)
	}
	fmt.Fprintln(stdout, "stopped")
	return nil
}
