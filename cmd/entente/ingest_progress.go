package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// progress shows how an ingest goes: on a terminal a one-line bar redrawn
// in place, else a log line every so often.
type progress struct {
	w     io.Writer
	log   *slog.Logger
	tty   bool
	width int
	every time.Duration // between log lines, when not a terminal
	total int           // documents expected; 0 when unknown

	start, last time.Time
	drawn       bool
	now         func() time.Time
}

// redraw is how often the bar is redrawn.
const redraw = 100 * time.Millisecond

func newProgress(w io.Writer, log *slog.Logger, every time.Duration) *progress {
	p := &progress{w: w, log: log, every: every, now: time.Now, width: 80}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = true
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 20 {
			p.width = cols
		}
	}
	p.start = p.now()
	p.last = p.start
	return p
}

// update shows s when it is time to.
func (p *progress) update(s ingestStats) {
	now := p.now()
	if p.tty {
		if now.Sub(p.last) < redraw && p.drawn {
			return
		}
		p.last, p.drawn = now, true
		fmt.Fprint(p.w, "\r\x1b[K"+p.line(s, now))
		return
	}
	if now.Sub(p.last) >= p.every {
		p.last = now
		n := s.docs + s.dups
		args := []any{"progress", s.String(), "docs_per_s", round1(rate(n, now.Sub(p.start)))}
		if eta, ok := p.eta(n, now); ok {
			args = append(args, "eta", eta)
		}
		p.log.Info("ingest", args...)
	}
}

// clear erases the bar so that a log line or the summary starts on a
// clean line; the next update draws it again.
func (p *progress) clear() {
	if p.tty && p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// line is the bar: documents (of the total, with a bar, when known),
// rate, events, errors and ETA, cut to the terminal width.
func (p *progress) line(s ingestStats, now time.Time) string {
	n := s.docs + s.dups
	var b strings.Builder
	if p.total > 0 {
		const cells = 20
		done := min(cells*n/p.total, cells)
		fmt.Fprintf(&b, "[%s%s] %d/%d", strings.Repeat("#", done), strings.Repeat(".", cells-done), n, p.total)
	} else {
		fmt.Fprintf(&b, "%d", n)
	}
	fmt.Fprintf(&b, " docs  %.1f docs/s  %d events  %d errors", rate(n, now.Sub(p.start)), s.events, s.failed)
	if eta, ok := p.eta(n, now); ok {
		fmt.Fprintf(&b, "  ETA %s", eta)
	}
	out := b.String()
	if len(out) > p.width-1 {
		out = out[:p.width-1]
	}
	return out
}

// eta is the time left at the rate so far, when the total is known.
func (p *progress) eta(n int, now time.Time) (time.Duration, bool) {
	elapsed := now.Sub(p.start)
	if p.total <= 0 || n <= 0 || n > p.total || elapsed <= 0 {
		return 0, false
	}
	left := time.Duration(float64(elapsed) * float64(p.total-n) / float64(n))
	return left.Round(time.Second), true
}

func round1(f float64) float64 { return float64(int(f*10+0.5)) / 10 }
