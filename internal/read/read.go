// Package read turns outside input into *entente.Document values: plain
// text files, HTML pages and JSON Lines records. It only reads and
// extracts; language detection, segmentation and coding happen later.
//
// A problem with one document is reported as an *Error through the
// callback and the batch goes on; only a file that cannot be opened or
// read stops a call.
package read

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"entente"
)

// DefaultMaxBytes is the size limit of one document when Options.MaxBytes is 0.
const DefaultMaxBytes = 8 << 20

// Options tells the readers what to do with what the input does not say.
type Options struct {
	// MaxBytes is the size limit of one document (a file, or one JSON
	// Lines record); 0 means DefaultMaxBytes.
	MaxBytes int64
	// Date is used as Document.Date (DateFrom "flag") when the input
	// gives none.
	Date time.Time
	// Lang is copied into Document.Lang when set.
	Lang string
	// MaxElements and MaxDepth bound an HTML page's markup, counted by a
	// tokenizer before the page is parsed: a page over either is refused
	// with ErrTooComplex. 0 means DefaultMaxElements, DefaultMaxDepth.
	MaxElements, MaxDepth int
	// Budget, when set, bounds the memory of the HTML pages extracted at
	// once by the goroutines that share it; nil bounds each page alone.
	Budget *Budget
	// Log, when set, is told of documents converted to UTF-8 from
	// another encoding (a guess the user should know of).
	Log *slog.Logger
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// finish fills what the options decide once a reader has built doc.
func (o Options) finish(doc *entente.Document) {
	if o.Lang != "" {
		doc.Lang = o.Lang
	}
	if doc.Date.IsZero() && !o.Date.IsZero() {
		doc.Date, doc.DateFrom = o.Date, "flag"
	}
}

// Errors a document can be rejected with; test for them with errors.Is.
var (
	ErrEmpty    = errors.New("empty document")
	ErrBinary   = errors.New("binary content")
	ErrNotUTF8  = errors.New("not UTF-8 text")
	ErrTooLarge = errors.New("document too large")
	ErrNoText   = errors.New("no main text found")
)

// Error is a problem with one document; the batch goes on.
type Error struct {
	Doc  string // file name or path ("-" for standard input)
	Line int    // line of a JSON Lines record, 0 for a whole file
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("read: %s:%d: %v", e.Doc, e.Line, e.Err)
	}
	return fmt.Sprintf("read: %s: %v", e.Doc, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Kind is the format of an input.
type Kind uint8

const (
	KindText Kind = iota
	KindHTML
	KindJSONL
)

func (k Kind) String() string {
	switch k {
	case KindHTML:
		return "html"
	case KindJSONL:
		return "jsonl"
	}
	return "text"
}

// Path reads one file: JSON Lines (.jsonl / .ndjson, or content that
// starts with '{' on every line), HTML (.html / .htm or content sniffed as
// HTML), else plain text. It calls fn for each document or per-document
// error, in order; it returns an error only when the file itself cannot be
// opened or read (or ctx is done).
func Path(ctx context.Context, path string, opt Options, fn func(*entente.Document, error)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	defer f.Close()
	return Reader(ctx, f, path, opt, fn)
}

// sniffSize is how much of an input Reader looks at to tell its kind.
const sniffSize = 64 << 10

// Reader is Path for an open stream; name is used for document ids and
// errors, and its extension, when known, decides the kind.
func Reader(ctx context.Context, r io.Reader, name string, opt Options, fn func(*entente.Document, error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return fmt.Errorf("read: %s: %w", name, err)
	}
	kind, ok := kindOfName(name)
	if !ok {
		kind = Sniff(head, len(head) < sniffSize)
	}
	if kind == KindJSONL {
		return JSONL(ctx, br, name, opt, fn)
	}
	max := opt.maxBytes()
	data, err := io.ReadAll(io.LimitReader(br, max+1))
	if err != nil {
		return fmt.Errorf("read: %s: %w", name, err)
	}
	if int64(len(data)) > max {
		fn(nil, &Error{Doc: name, Err: fmt.Errorf("%w: over %d bytes", ErrTooLarge, max)})
		return nil
	}
	var doc *entente.Document
	if kind == KindHTML {
		doc, err = HTML(name, data, "", opt)
	} else {
		doc, err = Text(name, data, opt)
	}
	fn(doc, err)
	return nil
}

func kindOfName(name string) (Kind, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson":
		return KindJSONL, true
	case ".html", ".htm", ".xhtml":
		return KindHTML, true
	case ".txt", ".text":
		return KindText, true
	}
	return KindText, false
}

// Sniff tells the kind of an input from its first bytes; whole reports
// whether head is the entire input (else its last line may be cut).
// Every non-blank line starting with '{' means JSON Lines; markup that
// opens like an HTML page means HTML; anything else is plain text.
func Sniff(head []byte, whole bool) Kind {
	head = bytes.TrimPrefix(head, utf8BOM)
	if looksJSONL(head, whole) {
		return KindJSONL
	}
	if looksHTML(head) {
		return KindHTML
	}
	return KindText
}

var utf8BOM = []byte("\xef\xbb\xbf")

func looksJSONL(head []byte, whole bool) bool {
	lines := 0
	for len(head) > 0 {
		line := head
		i := bytes.IndexByte(head, '\n')
		if i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if line[0] != '{' {
			return false
		}
		lines++
		if i < 0 && !whole {
			break // a cut line: its start is all we know
		}
		if i < 0 && line[len(line)-1] != '}' {
			return false
		}
	}
	return lines > 0
}

// htmlStarts are the openings that make a document HTML, as in the
// WHATWG MIME sniffing algorithm.
var htmlStarts = []string{
	"<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font",
	"<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--", "<meta",
	"<article", "<section", "<main", "<header", "<nav",
}

func looksHTML(head []byte) bool {
	head = bytes.TrimLeft(head, " \t\r\n\f")
	if len(head) == 0 || head[0] != '<' {
		return false
	}
	if len(head) > 1024 {
		head = head[:1024]
	}
	low := bytes.ToLower(head)
	if bytes.HasPrefix(low, []byte("<?xml")) {
		return bytes.Contains(low, []byte("<html"))
	}
	for _, s := range htmlStarts {
		if !bytes.HasPrefix(low, []byte(s)) {
			continue
		}
		if s == "<!--" {
			return true
		}
		if len(low) > len(s) {
			if c := low[len(s)]; c == ' ' || c == '>' || c == '\t' || c == '\n' || c == '\r' || c == '/' {
				return true
			}
		}
	}
	return false
}
