// Package source expands the SOURCE arguments of `entente ingest` into
// documents: files, directories (recursive), globs, standard input ("-"),
// http(s) pages, RSS and Atom feeds, WARC and WARC.gz files, and JSON Lines
// records.
//
// Expand lists the documents of one source in order and hands each to a
// callback as an Item; the Item's Load does the costly part (fetching a
// feed item's page, extracting an HTML page) and may run on another
// goroutine, so callers can load and code items in parallel while keeping
// their order.
package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"entente"
	"entente/internal/fetch"
	"entente/internal/read"
)

// Defaults for the limits of Options.
const (
	DefaultMaxRecordBytes   = 16 << 20 // one WARC record
	DefaultMaxDecompressed  = 8 << 30  // one .gz file, decompressed
	DefaultMaxCompressRatio = 200      // decompressed/compressed past 64 MB
)

// Options tell Expand how to read and fetch.
type Options struct {
	Read read.Options
	// Client fetches URL sources and feed items; nil means a client with
	// fetch's defaults (private addresses refused).
	Client *fetch.Client
	// Stdin is read for the source "-".
	Stdin io.Reader
	// Skip lists absolute paths a directory walk leaves out (the
	// database's own files).
	Skip map[string]bool
	// MaxRecordBytes caps one WARC record; 0 means DefaultMaxRecordBytes.
	MaxRecordBytes int64
	// MaxDecompressed caps the decompressed size of one gzip'd file; 0
	// means DefaultMaxDecompressed.
	MaxDecompressed int64
}

func (o Options) maxRecord() int64 {
	if o.MaxRecordBytes <= 0 {
		return DefaultMaxRecordBytes
	}
	return o.MaxRecordBytes
}

func (o Options) maxDecompressed() int64 {
	if o.MaxDecompressed <= 0 {
		return DefaultMaxDecompressed
	}
	return o.MaxDecompressed
}

// Item is one document of a source. Load returns it read, or the error
// that makes it a failed document; it may be called on any goroutine, once.
type Item struct {
	// Name identifies the document when Load fails: a path, "path:line"
	// for a JSON Lines record, or a URL.
	Name string
	Load func() (*entente.Document, error)
}

// done is an Item whose document is already read.
func done(name string, doc *entente.Document, err error) Item {
	return Item{Name: name, Load: func() (*entente.Document, error) { return doc, err }}
}

// nameOf is the name of a document a reader reported, or failed on.
func nameOf(doc *entente.Document, err error, fallback string) string {
	var re *read.Error
	switch {
	case doc != nil:
		return doc.ID
	case errors.As(err, &re) && re.Line > 0:
		return fmt.Sprintf("%s:%d", re.Doc, re.Line)
	case errors.As(err, &re):
		return re.Doc
	}
	return fallback
}

// IsURL reports whether a source is an http(s) URL.
func IsURL(src string) bool {
	low := strings.ToLower(src)
	return strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://")
}

// Expand calls fn for every document of src, in order. It returns an error
// when the source itself cannot be opened, listed or fetched; a bad
// document inside it is an Item whose Load fails, and the rest goes on.
func Expand(ctx context.Context, src string, opt Options, fn func(Item)) error {
	switch {
	case src == "-":
		stdin := opt.Stdin
		if stdin == nil {
			stdin = os.Stdin
		}
		return readStream(ctx, stdin, "-", opt, fn)
	case IsURL(src):
		return expandURL(ctx, src, opt, fn)
	}
	return Walk(ctx, src, opt.Skip, func(path string) {
		err := readFile(ctx, path, opt, fn)
		if err != nil && ctx.Err() == nil {
			// The file could not be opened or read through: a bad document.
			fn(done(path, nil, err))
		}
	})
}

// readFile reads one local file by its kind: WARC, else text, HTML or
// JSON Lines as read.Path does.
func readFile(ctx context.Context, path string, opt Options, fn func(Item)) error {
	if isWARCName(path) {
		return readWARCFile(ctx, path, opt, fn)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	defer f.Close()
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := newGzipReader(f, path, opt.maxDecompressed())
		if err != nil {
			return err
		}
		defer zr.Close()
		return readStream(ctx, zr, strings.TrimSuffix(path, filepath.Ext(path)), opt, fn)
	}
	return readStream(ctx, f, path, opt, fn)
}

// readStream reads text, HTML or JSON Lines through read.Reader.
func readStream(ctx context.Context, r io.Reader, name string, opt Options, fn func(Item)) error {
	return read.Reader(ctx, r, name, opt.Read, func(doc *entente.Document, err error) {
		fn(done(nameOf(doc, err, name), doc, err))
	})
}

// Walk calls file for every file of one local source, in lexical order: a
// file, every non-hidden file under a directory, or the matches of a glob.
// Paths in skip (absolute) are left out.
func Walk(ctx context.Context, src string, skip map[string]bool, file func(path string)) error {
	paths := []string{src}
	if _, err := os.Stat(src); err != nil {
		if !errors.Is(err, fs.ErrNotExist) || !strings.ContainsAny(src, "*?[") {
			return err
		}
		matches, gerr := filepath.Glob(src)
		if gerr != nil {
			return fmt.Errorf("%s: %w", src, gerr)
		}
		if len(matches) == 0 {
			return fmt.Errorf("%s: no file matches", src)
		}
		paths = matches
	}
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			hidden := path != root && strings.HasPrefix(d.Name(), ".")
			switch {
			case d.IsDir() && hidden:
				return filepath.SkipDir
			case d.IsDir() || hidden || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0:
				return nil
			}
			if abs, err := filepath.Abs(path); err == nil && skip[abs] {
				return nil
			}
			file(path)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Count estimates how many documents sources hold, for a progress bar's
// ETA: one per plain file, the lines of a JSON Lines file up to a size
// limit. ok is false when a source cannot be counted cheaply (URLs,
// feeds, WARC files, standard input, large JSON Lines files).
func Count(ctx context.Context, sources []string, skip map[string]bool) (n int, ok bool) {
	ok = true
	for _, src := range sources {
		if src == "-" || IsURL(src) {
			return 0, false
		}
		_ = Walk(ctx, src, skip, func(path string) {
			if !ok {
				return
			}
			low := strings.ToLower(path)
			switch {
			case isWARCName(path) || strings.HasSuffix(low, ".gz"):
				ok = false
			case strings.HasSuffix(low, ".jsonl") || strings.HasSuffix(low, ".ndjson"):
				lines, lok := countLines(path, 256<<20)
				n += lines
				ok = ok && lok
			default:
				n++
			}
		})
		if !ok || ctx.Err() != nil {
			return 0, false
		}
	}
	return n, ok
}

// countLines counts the non-empty lines of a file no larger than max.
func countLines(path string, max int64) (int, bool) {
	fi, err := os.Stat(path)
	if err != nil || fi.Size() > max {
		return 0, false
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	// Count non-blank lines a buffer at a time: the file is not held.
	r := bufio.NewReaderSize(f, 64<<10)
	n, blank := 0, true
	for {
		b, err := r.ReadByte()
		if err != nil {
			if !blank {
				n++
			}
			return n, errors.Is(err, io.EOF)
		}
		switch {
		case b == '\n':
			if !blank {
				n++
			}
			blank = true
		case b != ' ' && b != '\t' && b != '\r':
			blank = false
		}
	}
}
