// Package updates writes the change feed of a store as update files, the
// way GDELT publishes a slice of events every 15 minutes: each update is
// a set of files named by its time (20261207121500.export.jsonl,
// 20261207121500.export.csv, ...) holding the events added or changed
// since the previous update, written by package export, and a
// .changes.jsonl file listing every change (added, updated, removed) with
// its position in the store's change feed (store.Feed).
//
// lastupdate.txt names the files of the latest update and
// masterfilelist.txt those of every update, one "size md5 name" line a
// file as in GDELT's lists; a follower polls lastupdate.txt. The cursor
// file holds the last position written, so that a restart goes on where
// the last update ended. Files are written whole (a temporary file
// renamed) and the cursor last: a crash between the two writes the same
// changes again in the next update, never loses one. An event may thus
// appear in two updates; a follower keys events by id.
package updates

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"entente/internal/export"
	"entente/internal/store"
)

// Defaults of Options.
const DefaultEvery = 15 * time.Minute

// DefaultFormats are the export formats of an update.
var DefaultFormats = []string{"jsonl", "csv"}

// The files of the folder besides the updates.
const (
	LastUpdate = "lastupdate.txt"
	MasterList = "masterfilelist.txt"
	CursorFile = "cursor"
)

// pageSize is how many changes are read, and events exported, at a time.
const pageSize = 500

// Store is what the writer reads: the change feed and the events with
// their first reports.
type Store interface {
	export.Store
	store.Feed
}

// Options configure a Writer.
type Options struct {
	// Dir holds the update files; it is created when missing.
	Dir string
	// Every is the time between two updates (DefaultEvery when 0);
	// updates are written on its multiples of the clock (every quarter
	// hour: at :00, :15, :30, :45).
	Every time.Duration
	// Formats are export format names (DefaultFormats when empty).
	Formats []string
	// Now tells the time (time.Now when nil).
	Now func() time.Time
	// Log receives each update and each failed one; nil discards them.
	Log *slog.Logger
}

// Writer writes update files. Make one with New.
type Writer struct {
	st     Store
	opt    Options
	cursor int64
}

// New checks the options, makes the folder and reads its cursor.
func New(st Store, opt Options) (*Writer, error) {
	if opt.Dir == "" {
		return nil, errors.New("updates: no folder")
	}
	if opt.Every == 0 {
		opt.Every = DefaultEvery
	}
	if opt.Every < time.Second {
		return nil, fmt.Errorf("updates: every %v: want a second or more", opt.Every)
	}
	if len(opt.Formats) == 0 {
		opt.Formats = DefaultFormats
	}
	for _, f := range opt.Formats {
		if _, err := export.Lookup(f); err != nil {
			return nil, fmt.Errorf("updates: %w", err)
		}
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("updates: %w", err)
	}
	w := &Writer{st: st, opt: opt}
	b, err := os.ReadFile(filepath.Join(opt.Dir, CursorFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("updates: %w", err)
	default:
		w.cursor, err = strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		if err != nil || w.cursor < 0 {
			return nil, fmt.Errorf("updates: %s: %q is no position of the change feed", filepath.Join(opt.Dir, CursorFile), strings.TrimSpace(string(b)))
		}
	}
	return w, nil
}

// Cursor is the position of the last change written.
func (w *Writer) Cursor() int64 { return w.cursor }

// Update is what one update wrote.
type Update struct {
	Time     time.Time
	From, To int64    // the positions after which it starts and at which it ends
	Events   int      // events added or changed (in each export file)
	Removed  int      // events removed
	Files    []string // names in the folder; none when nothing changed
}

// Run writes an update at every multiple of Every until ctx is done. A
// failed update is logged and its changes are part of the next one.
func (w *Writer) Run(ctx context.Context) error {
	for {
		now := w.opt.Now()
		next := now.Truncate(w.opt.Every).Add(w.opt.Every)
		t := time.NewTimer(next.Sub(now))
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		u, err := w.Write(ctx)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			w.opt.Log.Error("update failed; its changes go into the next one", "err", err)
		case len(u.Files) == 0:
			w.opt.Log.Info("update: no change", "cursor", u.To)
		default:
			w.opt.Log.Info("update", "events", u.Events, "removed", u.Removed, "files", strings.Join(u.Files, " "), "cursor", u.To)
		}
	}
}

// Write writes one update now with every change after the cursor. When
// nothing changed it writes no file.
func (w *Writer) Write(ctx context.Context) (Update, error) {
	now := w.opt.Now().UTC()
	u := Update{Time: now, From: w.cursor, To: w.cursor}
	// The changes first, whole (positions only: small), so that every
	// file of the update holds the same events even while the store
	// changes.
	var changes []store.EventChange
	for {
		page, err := w.st.Since(ctx, u.To, pageSize)
		if err != nil {
			return u, fmt.Errorf("updates: %w", err)
		}
		if len(page) == 0 {
			break
		}
		changes = append(changes, page...)
		u.To = page[len(page)-1].Seq
	}
	if len(changes) == 0 {
		return u, nil
	}
	var ids []int64
	for _, c := range changes {
		if c.Action == store.Removed {
			u.Removed++
		} else {
			ids = append(ids, c.Event)
		}
	}
	stamp := now.Format("20060102150405")
	var files []string
	for _, name := range w.opt.Formats {
		f, _ := export.Lookup(name)
		file := stamp + ".export" + f.Ext
		err := w.writeFile(file, func(out io.Writer) error {
			n, err := export.WritePages(ctx, out, name, w.st, w.pages(ctx, ids), export.Options{})
			u.Events = n
			return err
		})
		if err != nil {
			return u, err
		}
		files = append(files, file)
	}
	changesFile := stamp + ".changes.jsonl"
	if err := w.writeFile(changesFile, func(out io.Writer) error {
		enc := json.NewEncoder(out)
		for _, c := range changes {
			if err := enc.Encode(c); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return u, err
	}
	files = append(files, changesFile)
	if err := w.lists(files); err != nil {
		return u, err
	}
	if err := w.writeFile(CursorFile, func(out io.Writer) error {
		_, err := fmt.Fprintln(out, u.To)
		return err
	}); err != nil {
		return u, err
	}
	w.cursor = u.To
	u.Files = files
	return u, nil
}

// pages hands out the events ids names, pageSize at a time, in id order
// within a page. An event removed since it was listed is left out.
func (w *Writer) pages(ctx context.Context, ids []int64) export.Pages {
	return func(fn func([]store.Event) error) error {
		for len(ids) > 0 {
			n := min(len(ids), pageSize)
			chunk := ids[:n]
			ids = ids[n:]
			page, err := w.st.Events(ctx, store.Filter{IDs: chunk}, store.Page{Sort: "id", Limit: pageSize})
			if err != nil {
				return err
			}
			if len(page.Events) > 0 {
				if err := fn(page.Events); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// lists writes lastupdate.txt with files and appends them to
// masterfilelist.txt, a "size md5 name" line each.
func (w *Writer) lists(files []string) error {
	var lines bytes.Buffer
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(w.opt.Dir, f))
		if err != nil {
			return fmt.Errorf("updates: %w", err)
		}
		sum := md5.Sum(b)
		fmt.Fprintf(&lines, "%d %s %s\n", len(b), hex.EncodeToString(sum[:]), f)
	}
	if err := w.writeFile(LastUpdate, func(out io.Writer) error {
		_, err := out.Write(lines.Bytes())
		return err
	}); err != nil {
		return err
	}
	m, err := os.OpenFile(filepath.Join(w.opt.Dir, MasterList), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("updates: %w", err)
	}
	_, err = m.Write(lines.Bytes())
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("updates: %s: %w", MasterList, err)
	}
	return nil
}

// writeFile writes name in the folder through a temporary file renamed
// over it once complete.
func (w *Writer) writeFile(name string, fill func(io.Writer) error) error {
	tmp, err := os.CreateTemp(w.opt.Dir, "."+name+".*")
	if err != nil {
		return fmt.Errorf("updates: %w", err)
	}
	err = fill(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(w.opt.Dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("updates: %s: %w", name, err)
	}
	return nil
}
