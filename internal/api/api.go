// Package api is the HTTP API of `entente serve`: JSON reads of the event
// store (events, documents, actors, series, graph, places, codes), coding
// of posted articles, exports, an OpenAPI document, Prometheus metrics and
// a health check. Everything outside /api, /metrics and /healthz is the
// web UI (package entente/web).
//
// Errors are JSON objects {"error": "message"} with a status that fits;
// the text of an internal error is logged, never sent.
package api

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"entente/internal/pipeline"
	"entente/internal/store"
	"entente/web"
)

// DefaultMaxBody is the size limit of a POST body when Options.MaxBody is 0.
const DefaultMaxBody = 5 << 20

// DefaultMaxOpenBody is the size limit of a POST body sent without the
// token (coding a pasted text is open) when Options.MaxOpenBody is 0.
const DefaultMaxOpenBody = 1 << 20

// DefaultCodeTimeout bounds the coding of one posted article (its fetch
// included) when Options.CodeTimeout is 0.
const DefaultCodeTimeout = 20 * time.Second

// DefaultWriteTimeout bounds the write of one chunk of a download when
// Options.WriteTimeout is 0.
const DefaultWriteTimeout = 30 * time.Second

// DefaultQueryTimeout bounds the store queries of one read request when
// Options.QueryTimeout is 0.
const DefaultQueryTimeout = 10 * time.Second

// Options configure a Server.
type Options struct {
	// Token is the bearer token POST /api/documents requires; when empty
	// that endpoint is refused (403).
	Token string
	// AllowPrivate lets server-side fetching reach loopback, private and
	// link-local addresses (for local testing).
	AllowPrivate bool
	// MaxBody caps the body of a POST (413 past it); 0 means DefaultMaxBody.
	MaxBody int64
	// MaxOpenBody caps the body of a POST without the token (coding a
	// pasted text), at most MaxBody; 0 means DefaultMaxOpenBody.
	MaxOpenBody int64
	// CodeTimeout bounds the coding of one posted article, its fetch and
	// its wait for a turn included (504 past it); 0 means
	// DefaultCodeTimeout.
	CodeTimeout time.Duration
	// WriteTimeout bounds the write of each chunk of a download: a client
	// that stops reading loses the connection past it. 0 means
	// DefaultWriteTimeout.
	WriteTimeout time.Duration
	// Limits bound the requests of each kind that run at once (see
	// Limits); zero fields take DefaultLimits(runtime.GOMAXPROCS(0)).
	Limits Limits
	// QueryTimeout bounds the store queries of one GET request (exports
	// excepted: they stream for as long as they take); past it the answer
	// is a 504. 0 means DefaultQueryTimeout, a negative value no limit.
	QueryTimeout time.Duration
	// MaxStale is how old a kept answer of an aggregate read (series,
	// graph, places, count) may be when it is given to a request that
	// finds every aggregate turn taken, instead of making it wait; the
	// answer then carries an Age header. A read that gets a turn at once
	// is always computed afresh. 0 means DefaultMaxStale, a negative
	// value never.
	MaxStale time.Duration
	// AllowedHosts, when not empty, are the only Host names (port aside)
	// the server answers; see AllowedHosts.
	AllowedHosts []string
	// Log receives internal errors; nil discards them.
	Log *slog.Logger
	// Collectors are served by /metrics besides the server's own (the
	// metrics of a watcher running in the same process).
	Collectors []prometheus.Collector
}

// Server is the API as an http.Handler. It is safe for concurrent use.
type Server struct {
	st       store.Store
	p        *pipeline.Pipeline
	opt      Options
	log      *slog.Logger
	mux      *http.ServeMux
	handler  http.Handler
	actors   *actorIndex
	names    *Names
	metrics  *metrics
	routes   []route
	fetchDoc fetchFunc
	gates    [numClasses]*gate
	answers  *answers // nil when MaxStale < 0
}

// New builds the API over st, coding posted articles with p.
func New(st store.Store, p *pipeline.Pipeline, opt Options) (*Server, error) {
	if st == nil || p == nil {
		return nil, errors.New("api: a store and a pipeline are required")
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.MaxOpenBody <= 0 {
		opt.MaxOpenBody = DefaultMaxOpenBody
	}
	opt.MaxOpenBody = min(opt.MaxOpenBody, opt.MaxBody)
	if opt.QueryTimeout == 0 {
		opt.QueryTimeout = DefaultQueryTimeout
	}
	if opt.WriteTimeout <= 0 {
		opt.WriteTimeout = DefaultWriteTimeout
	}
	if opt.CodeTimeout <= 0 {
		opt.CodeTimeout = DefaultCodeTimeout
	}
	if opt.MaxStale == 0 {
		opt.MaxStale = DefaultMaxStale
	}
	opt.Limits = opt.Limits.withDefaults(DefaultLimits(runtime.GOMAXPROCS(0)))
	log := opt.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{st: st, p: p, opt: opt, log: log, mux: http.NewServeMux(), actors: newActorIndex(p.KB), names: NewNames(p.KB, st)}
	s.fetchDoc = newFetcher(opt.AllowPrivate, s.log)
	m, err := newMetrics(st, opt.Collectors...)
	if err != nil {
		return nil, fmt.Errorf("api: metrics: %w", err)
	}
	s.metrics = m
	if opt.MaxStale > 0 {
		s.answers = newAnswers(opt.MaxStale, 512)
	}
	for c := classRead; c < numClasses; c++ {
		s.gates[c] = newGate(c, opt.Limits.of(c), opt.Limits.QueueWait)
	}
	s.routes = s.table()
	for _, rt := range s.routes {
		s.mux.Handle(rt.method+" "+rt.path, s.endpoint(rt))
	}
	s.mux.HandleFunc("/api/", s.unknown)
	s.mux.HandleFunc("/", s.ui(web.Handler()))
	s.handler = s.measure(secure(checkHost(opt.AllowedHosts, s.mux)))
	return s, nil
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// route is one endpoint: its method, ServeMux path, the query parameters
// it accepts (any other is a 400), its class and its handler.
type route struct {
	method, path string
	params       []string
	class        class
	h            func(w http.ResponseWriter, r *http.Request) error
}

func (s *Server) table() []route {
	filters := filterParams
	with := func(extra ...string) []string { return append(append([]string(nil), filters...), extra...) }
	return []route{
		{"GET", "/api/events", with("sort", "desc", "limit", "cursor"), classRead, s.events},
		{"GET", "/api/events/{id}", []string{"mentions_limit", "mentions_offset"}, classRead, s.event},
		{"GET", "/api/documents/{id}", nil, classRead, s.document},
		{"GET", "/api/actors", []string{"q", "limit"}, classRead, s.actorList},
		{"GET", "/api/actors/{id}", nil, classRead, s.actor},
		{"GET", "/api/count", filters, classAggregate, s.count},
		{"GET", "/api/series", with("interval", "by"), classAggregate, s.series},
		{"GET", "/api/graph", with("limit"), classAggregate, s.graph},
		{"GET", "/api/places", with("limit"), classAggregate, s.places},
		{"GET", "/api/codes", nil, classNone, s.codes},
		{"GET", "/api/changes", []string{"since", "limit"}, classRead, s.changes},
		{"POST", "/api/code", nil, classCode, s.code},
		{"POST", "/api/documents", nil, classWrite, s.ingest},
		{"GET", "/api/export", with("format"), classExport, s.export},
		{"GET", "/api/openapi.json", nil, classNone, s.openapi},
		{"GET", "/healthz", nil, classNone, s.healthz},
		{"GET", "/metrics", nil, classNone, s.metrics.serve},
	}
}

// endpoint checks a route's query parameters, bounds the time of a read
// and turns its error into a JSON answer.
func (s *Server) endpoint(rt route) http.Handler {
	allowed := map[string]bool{}
	for _, p := range rt.params {
		allowed[p] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			// r.URL.Query() would drop the unreadable pair and its filter.
			s.fail(w, r, queryError(err))
			return
		}
		for k, v := range query {
			if !allowed[k] {
				s.fail(w, r, badRequest("unknown parameter %q", k))
				return
			}
			if len(v) > 1 {
				s.fail(w, r, badRequest("parameter %q given %d times", k, len(v)))
				return
			}
		}
		// The deadline runs from arrival: a wait for a turn counts in it.
		timeout, late := s.timeout(rt)
		if timeout > 0 {
			ctx, cancel := context.WithTimeout(r.Context(), timeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		if rt.class == classAggregate && s.answers != nil {
			s.aggregate(w, r, rt, answerKey(r.URL.Path, query), timeout, late)
			return
		}
		// Coding takes its turn where the work runs (codeDoc), so that a
		// turn is held for as long as the CPU is busy.
		if g := s.gates[rt.class]; g != nil && rt.class != classCode {
			release, err := g.enter(r.Context())
			if err != nil {
				s.fail(w, r, err)
				return
			}
			defer release()
		}
		s.run(w, r, rt, timeout, late)
	})
}

// run answers a request that has its turn.
func (s *Server) run(w http.ResponseWriter, r *http.Request, rt route, timeout time.Duration, late string) {
	err := rt.h(w, r)
	var be *busyError
	if err != nil && !errors.As(err, &be) && errors.Is(r.Context().Err(), context.DeadlineExceeded) {
		// The driver may report an interrupted query in its own words.
		err = errorStatus(http.StatusGatewayTimeout, late, timeout)
	}
	if err != nil {
		s.fail(w, r, err)
	}
}

// aggregate answers an aggregate read (see answers): computed afresh when
// a turn is free; else the kept answer of the same query when it is
// recent enough; else computed once for every identical request waiting
// for a turn.
func (s *Server) aggregate(w http.ResponseWriter, r *http.Request, rt route, key string, timeout time.Duration, late string) {
	g := s.gates[classAggregate]
	compute := func(release func()) *answer {
		defer release()
		rec := newRecorder()
		s.run(rec, r, rt, timeout, late)
		return rec.answer()
	}
	if release, ok := g.tryEnter(); ok {
		a := compute(release)
		s.answers.keep(key, a)
		a.write(w, false)
		return
	}
	if a := s.answers.fresh(key); a != nil {
		s.metrics.admitted.WithLabelValues(classAggregate.String(), "stale").Inc()
		a.write(w, true)
		return
	}
	wait := func() (*answer, error) {
		release, err := g.enter(r.Context())
		if err != nil {
			return nil, err
		}
		return compute(release), nil
	}
	a, shared, err := s.answers.share(r.Context(), key, wait)
	if shared && errors.Is(err, context.Canceled) && r.Context().Err() == nil {
		// The request that computed for us was cancelled by its client.
		a, err = wait()
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if shared {
		s.metrics.admitted.WithLabelValues(classAggregate.String(), "shared").Inc()
	}
	a.write(w, false)
}

// timeout is the deadline of a route's requests (0 for none) and the
// format of the message that says it passed.
func (s *Server) timeout(rt route) (time.Duration, string) {
	switch {
	case rt.class == classCode || rt.class == classWrite:
		return s.opt.CodeTimeout, "coding took longer than %s: send a shorter text"
	case rt.method == http.MethodGet && rt.class != classExport && s.opt.QueryTimeout > 0:
		return s.opt.QueryTimeout, "the query took longer than %s: narrow the filters"
	}
	return 0, ""
}

// queryError says why a query string could not be read.
func queryError(err error) error {
	var ee url.EscapeError
	if errors.As(err, &ee) {
		return badRequest("query string: bad escape %q (write %%25 for a literal %%)", string(ee))
	}
	if strings.Contains(err.Error(), "semicolon") {
		return badRequest("query string: \";\" is not a parameter separator (use &; write %%3B for a literal semicolon)")
	}
	return badRequest("query string: %v", err)
}

// unknown answers a path under /api that no route serves: 405 when the
// path exists with another method, else 404.
func (s *Server) unknown(w http.ResponseWriter, r *http.Request) {
	if allow := s.allowed(r); allow != "" {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed on %s (allowed: %s)", r.Method, r.URL.Path, allow))
		return
	}
	writeError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
}

// allowed lists the methods that have a route for r's path.
func (s *Server) allowed(r *http.Request) string {
	allow := ""
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if m == r.Method {
			continue
		}
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, pattern := s.mux.Handler(r2); pattern != "" && pattern != "/" && pattern != "/api/" {
			if allow != "" {
				allow += ", "
			}
			allow += m
		}
	}
	if allow != "" && allow == http.MethodGet {
		allow += ", HEAD"
	}
	return allow
}

// ui serves the web UI for GET and HEAD.
func (s *Server) ui(h http.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			h.ServeHTTP(w, r)
			return
		}
		allow := s.allowed(r)
		if allow == "" {
			allow = "GET, HEAD" // the UI's pages
		}
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed on %s (allowed: %s)", r.Method, r.URL.Path, allow))
	}
}

// contentSecurityPolicy lets pages load only their own scripts, styles,
// images and API; no inline script runs (inline styles may: the UI
// colours values with style attributes).
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// secure adds the security headers to every answer.
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// httpError is an error with the status and message a client sees.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, a ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, a...)}
}

func errorStatus(status int, format string, a ...any) error {
	return &httpError{status, fmt.Sprintf(format, a...)}
}

// status maps an error to the status and message a client sees; ok is
// false for an internal error, whose text is not shown.
func status(err error) (code int, msg string, ok bool) {
	var he *httpError
	var mb *http.MaxBytesError
	var be *busyError
	switch {
	case errors.As(err, &he):
		return he.status, he.msg, true
	case errors.As(err, &be):
		return http.StatusServiceUnavailable, be.Error(), true
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "not found", true
	case errors.Is(err, store.ErrBadCursor):
		return http.StatusBadRequest, "bad cursor: use the \"next\" of a page with the same filters and sort", true
	case errors.As(err, &mb):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("body too large: over %d bytes", mb.Limit), true
	case errors.Is(err, context.Canceled):
		return 499, "request canceled", true
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusGatewayTimeout, "timed out", true
	}
	return http.StatusInternalServerError, "internal error", false
}

// fail answers err; an internal error is logged with its text.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code, msg, ok := status(err)
	var be *busyError
	if errors.As(err, &be) {
		s.metrics.admitted.WithLabelValues(be.class.String(), "busy").Inc()
	}
	retryAfter(w, err)
	if !ok {
		s.log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeError(w, code, msg)
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

// writeJSON encodes v whole before writing, so that an encoding error
// can still be answered with a status.
func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		buf.Reset()
		buf.WriteString(`{"error":"internal error"}` + "\n")
		code = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

//go:embed openapi.json
var openapiJSON []byte

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openapiJSON)
	return nil
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	if _, err := s.st.Counts(ctx); err != nil {
		s.log.Error("healthz", "err", err)
		writeError(w, http.StatusServiceUnavailable, "store unreachable")
		return nil
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}
