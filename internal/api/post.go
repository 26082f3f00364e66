package api

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"entente"
	"entente/internal/fetch"
	"entente/internal/pipeline"
	"entente/internal/read"
)

// article is the body of POST /api/code and POST /api/documents: a text,
// or a URL fetched server-side when text is empty.
type article struct {
	Text  string `json:"text"`
	URL   string `json:"url"`
	Title string `json:"title"`
	Date  string `json:"date"`
	Lang  string `json:"lang"`
}

// fetches reports whether coding a takes fetching its URL: the one rule
// both the token check and the coding follow, so that a text of white
// space only (" ", "\n", U+00A0) is no text for either.
func (a *article) fetches() bool { return strings.TrimSpace(a.Text) == "" }

// fetchFunc fetches a page and makes a document of it.
type fetchFunc func(ctx context.Context, rawURL string, opt read.Options) (*entente.Document, error)

// newFetcher fetches through package fetch's guarded client.
func newFetcher(allowPrivate bool, log *slog.Logger) fetchFunc {
	c := fetch.New(fetch.Options{AllowPrivate: allowPrivate})
	return func(ctx context.Context, rawURL string, opt read.Options) (*entente.Document, error) {
		resp, err := c.Get(ctx, rawURL)
		if err != nil {
			return nil, fetchError(log, err)
		}
		opt.MaxBytes = int64(len(resp.Body)) + 1
		var doc *entente.Document
		switch kind, _ := mediaKind(resp.ContentType, resp.Body); kind {
		case read.KindHTML:
			doc, err = read.HTML(resp.URL, resp.Body, resp.URL, opt)
		case read.KindText:
			doc, err = read.Text(resp.URL, resp.Body, opt)
		default:
			return nil, errorStatus(http.StatusUnprocessableEntity, "%s is %s, not a page or text", resp.URL, resp.ContentType)
		}
		if err != nil {
			return nil, readError(err)
		}
		if doc.URL == "" {
			doc.URL = resp.URL
		}
		return doc, nil
	}
}

// mediaKind tells an HTML page from plain text by its content type, else
// by its bytes; ok is false for other media.
func mediaKind(contentType string, body []byte) (read.Kind, bool) {
	switch {
	case contentType == "text/html" || contentType == "application/xhtml+xml":
		return read.KindHTML, true
	case contentType == "text/plain":
		return read.KindText, true
	case contentType == "" || contentType == "application/octet-stream":
		if k := read.Sniff(body, true); k != read.KindJSONL {
			return k, true
		}
	}
	return read.KindJSONL, false
}

// fetchError gives a failed fetch a status and a message that says what
// went wrong without the details (addresses, ports, dial errors) an
// outsider could map a network with; the full error goes to the log.
func fetchError(log *slog.Logger, err error) error {
	log.Info("fetch", "err", err)
	var se *fetch.StatusError
	switch {
	case errors.Is(err, fetch.ErrScheme):
		return errorStatus(http.StatusBadRequest, "url not fetched: only http and https URLs are")
	case errors.Is(err, fetch.ErrAddress):
		return errorStatus(http.StatusBadRequest, "url not fetched: it leads to a loopback, private or other non-public address")
	case errors.Is(err, fetch.ErrTooLarge):
		return errorStatus(http.StatusRequestEntityTooLarge, "the page is larger than the fetch limit")
	case errors.Is(err, fetch.ErrRedirects):
		return errorStatus(http.StatusBadGateway, "the page redirects too many times")
	case errors.As(err, &se):
		return errorStatus(http.StatusBadGateway, "the site answered with status %d", se.Status)
	case errors.Is(err, context.DeadlineExceeded), strings.Contains(err.Error(), "timed out"):
		return errorStatus(http.StatusGatewayTimeout, "the site did not answer in time")
	}
	return errorStatus(http.StatusBadGateway, "the page could not be fetched")
}

// readError gives a document the reader rejected a status.
func readError(err error) error {
	switch {
	case errors.Is(err, read.ErrTooLarge):
		return errorStatus(http.StatusRequestEntityTooLarge, "%v", err)
	case errors.Is(err, read.ErrEmpty), errors.Is(err, read.ErrBinary), errors.Is(err, read.ErrNotUTF8), errors.Is(err, read.ErrNoText):
		return errorStatus(http.StatusUnprocessableEntity, "%v", unwrapRead(err))
	}
	return err
}

// unwrapRead drops the reader's file name, meaningless for a posted text.
func unwrapRead(err error) error {
	var re *read.Error
	if errors.As(err, &re) {
		return re.Err
	}
	return err
}

// decode reads a POST body within the size cap.
func (s *Server) decode(w http.ResponseWriter, r *http.Request) (*article, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return nil, errorStatus(http.StatusUnsupportedMediaType, "content type %q: send application/json", ct)
	}
	limit := s.opt.MaxBody
	if !s.hasToken(r) {
		limit = s.opt.MaxOpenBody
	}
	body := http.MaxBytesReader(w, r.Body, limit)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	var a article
	if err := dec.Decode(&a); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) && limit < s.opt.MaxBody {
			return nil, errorStatus(http.StatusRequestEntityTooLarge, "body too large: over %d bytes (up to %d with the token)", limit, s.opt.MaxBody)
		}
		if errors.As(err, &mb) {
			return nil, err
		}
		return nil, badRequest("body is not a JSON object {text|url, title, date, lang}: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, badRequest("body holds more than one JSON value")
	}
	if a.fetches() && strings.TrimSpace(a.URL) == "" {
		return nil, badRequest("give text or url")
	}
	if a.URL != "" {
		u, err := url.Parse(strings.TrimSpace(a.URL))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, badRequest("url %q is not an http or https URL", a.URL)
		}
	}
	if a.Lang != "" {
		a.Lang = strings.ToLower(a.Lang)
		if len(a.Lang) != 2 || strings.Trim(a.Lang, "abcdefghijklmnopqrstuvwxyz") != "" {
			return nil, badRequest("lang %q is not a two-letter language code", a.Lang)
		}
	}
	if a.Date != "" {
		if _, err := time.Parse(time.DateOnly, a.Date); err != nil {
			return nil, badRequest("date %q is not a date (YYYY-MM-DD)", a.Date)
		}
	}
	return &a, nil
}

// codeArticle makes and codes the document a posted article describes.
func (s *Server) codeArticle(ctx context.Context, a *article) (*entente.Document, error) {
	opt := read.Options{Lang: a.Lang, MaxBytes: s.opt.MaxBody}
	if a.Date != "" {
		opt.Date, _ = time.Parse(time.DateOnly, a.Date)
	}
	var doc *entente.Document
	var err error
	if !a.fetches() {
		sum := sha256.Sum256([]byte(a.Text))
		name := "api:" + hex.EncodeToString(sum[:8])
		if a.URL != "" {
			name = a.URL
		}
		doc, err = read.Text(name, []byte(a.Text), opt)
		if err != nil {
			return nil, readError(err)
		}
		doc.URL = a.URL
	} else {
		doc, err = s.fetchDoc(ctx, strings.TrimSpace(a.URL), opt)
		if err != nil {
			return nil, err
		}
	}
	if a.Title != "" {
		doc.Title = a.Title
	}
	if err := s.codeDoc(ctx, doc); err != nil {
		if errors.Is(err, pipeline.ErrUnsupported) {
			return nil, errorStatus(http.StatusUnprocessableEntity, "%v: entente codes %s", err, strings.Join(s.p.Langs(), ", "))
		}
		return nil, fmt.Errorf("code: %w", err)
	}
	return doc, nil
}

// codeDoc codes doc in its turn among the requests that code (a 503 when
// none comes in time) and within ctx's deadline. The turn is held until
// the coding ends, so that requests that gave up still count against the
// CPU they use; coding itself stops at the next sentence once ctx is done.
func (s *Server) codeDoc(ctx context.Context, doc *entente.Document) error {
	release, err := s.gates[classCode].enter(ctx)
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() {
		err := s.p.Code(ctx, doc)
		release()
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// codedDocument is the document part of POST /api/code's answer.
type codedDocument struct {
	Text  string  `json:"text"`
	Title string  `json:"title"`
	URL   string  `json:"url"`
	Lang  string  `json:"lang"`
	Date  *string `json:"date"`
}

func (s *Server) code(w http.ResponseWriter, r *http.Request) error {
	a, err := s.decode(w, r)
	if err != nil {
		return err
	}
	// Coding a text is open; fetching a URL makes the server reach out on
	// the caller's behalf, so that needs the token like a write does.
	if a.fetches() {
		if err := s.authorize(w, r, "fetching URLs"); err != nil {
			return err
		}
	}
	doc, err := s.codeArticle(r.Context(), a)
	if err != nil {
		return err
	}
	s.metrics.coded.WithLabelValues("code").Inc()
	events := entente.Distinct(doc.Events)
	if len(events) == 0 {
		events = []entente.Event{}
	}
	out := codedDocument{Text: doc.Text, Title: doc.Title, URL: doc.URL, Lang: doc.Lang}
	if !doc.Date.IsZero() {
		out.Date = ptr(doc.Date.Format(time.DateOnly))
	}
	writeJSON(w, http.StatusOK, map[string]any{"document": out, "events": events})
	return nil
}

// authorize checks the bearer token of a write.
// what names the action in the message when no token is configured.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request, what string) error {
	if s.opt.Token == "" {
		return errorStatus(http.StatusForbidden, "%s is disabled: start `entente serve` with --token TOKEN or the ENTENTE_TOKEN environment variable set", what)
	}
	if !s.hasToken(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="entente"`)
		return errorStatus(http.StatusUnauthorized, "missing or wrong bearer token (Authorization: Bearer TOKEN)")
	}
	return nil
}

// hasToken reports whether r carries the configured bearer token.
func (s *Server) hasToken(r *http.Request) bool {
	got, ok := bearer(r.Header.Get("Authorization"))
	return ok && s.opt.Token != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.opt.Token)) == 1
}

// bearer returns the token of an Authorization header of the Bearer
// scheme, whose name is case-insensitive (RFC 7235, section 2.1).
func bearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// stored is the answer of POST /api/documents.
type stored struct {
	Document  int64   `json:"document"`
	Duplicate bool    `json:"duplicate"`
	Events    []int64 `json:"events"`
}

func (s *Server) ingest(w http.ResponseWriter, r *http.Request) error {
	if err := s.authorize(w, r, "storing documents"); err != nil {
		return err
	}
	a, err := s.decode(w, r)
	if err != nil {
		return err
	}
	doc, err := s.codeArticle(r.Context(), a)
	if err != nil {
		return err
	}
	res, err := s.st.Ingest(r.Context(), doc, nil)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	s.metrics.coded.WithLabelValues("documents").Inc()
	out := stored{Document: res.Doc, Duplicate: res.Duplicate, Events: []int64{}}
	if res.Duplicate {
		// The events of the copy already stored.
		old, err := s.st.Document(r.Context(), res.Doc)
		if err != nil {
			return fmt.Errorf("ingest: duplicate %d: %w", res.Doc, err)
		}
		for _, m := range old.Mentions {
			out.Events = appendNew(out.Events, m.Event)
		}
	} else {
		for _, id := range res.Events {
			out.Events = appendNew(out.Events, id)
		}
	}
	code := http.StatusCreated
	if res.Duplicate {
		code = http.StatusOK
	}
	writeJSON(w, code, out)
	return nil
}

// appendNew appends id unless ids holds it.
func appendNew(ids []int64, id int64) []int64 {
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(ids, id)
}
