package api

import (
	"errors"
	"net/http"
	"time"

	"entente/internal/export"
)

// export streams the selected events as a file. A failure before the
// first byte is a JSON error; after it the status is sent already, so the
// connection is cut and the client sees a truncated download, not a
// complete-looking file.
func (s *Server) export(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	f, err := s.filter(r.Context(), v)
	if err != nil {
		return err
	}
	name := v.Get("format")
	if name == "" {
		return badRequest("format is required: %s", export.Names())
	}
	format, err := export.Lookup(name)
	if errors.Is(err, export.ErrFormat) {
		return badRequest("format %q is not %s", name, export.Names())
	}
	if err != nil {
		return err
	}
	// A large export outlasts the server's write timeout; instead, each
	// chunk has its own deadline, so that a client that stops reading
	// loses the connection rather than holding the export (its turn and
	// its read of the store) forever.
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Now().Add(s.opt.WriteTimeout))
	cw := &countWriter{w: w, rc: rc, timeout: s.opt.WriteTimeout, set: time.Now(), start: func() {
		h := w.Header()
		h.Set("Content-Type", format.ContentType)
		h.Set("Content-Disposition", `attachment; filename="entente-events`+format.Ext+`"`)
	}}
	if _, err := export.Write(r.Context(), cw, name, s.st, f, export.Options{}); err != nil {
		if cw.n == 0 {
			return err
		}
		if _, _, ok := status(err); !ok {
			s.log.Error("export", "format", name, "path", r.URL.String(), "err", err)
		}
		panic(http.ErrAbortHandler)
	}
	if cw.n == 0 {
		cw.start() // an empty file
		w.WriteHeader(http.StatusOK)
	}
	return nil
}

// countWriter sets the download's headers before its first byte, moves
// the write deadline on as the download goes, and counts the bytes
// written.
type countWriter struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
	set     time.Time // when the deadline was last moved
	start   func()
	n       int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	if c.n == 0 && len(b) > 0 {
		c.start()
	}
	// The deadline is moved at most ten times per timeout: a chunk gets
	// between 0.9 and 1 timeout to be written.
	if now := time.Now(); now.Sub(c.set) > c.timeout/10 {
		c.set = now
		c.rc.SetWriteDeadline(now.Add(c.timeout))
	}
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
