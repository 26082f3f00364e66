// Package export writes the events of a store in the formats other tools
// read:
//
//   - csv: RFC 4180 comma-separated values with a header line, which
//     spreadsheets open as columns (see csv.go);
//   - gdelt: the GDELT 2.0 Events table layout (61 tab-separated columns,
//     no header unless asked for; see gdelt.go for what each column holds);
//   - jsonl: one Record (the stored event and its first report) as JSON a
//     line;
//   - plover: one PLOVER-style JSON record a line (see plover.go);
//   - parquet: flat columns readable by DuckDB, pandas and Spark (see
//     parquet.go).
//
// Every format but gdelt carries what a GDELT row cannot: the modality,
// the sources the first report is attributed to, its evidence sentence
// with byte offsets and trigger, the rule that fired, its confidence and
// the names of the CAMEO code (see Record).
//
// Writers stream: they walk the store one page at a time (store.Querier
// Events in id order, with a cursor) and never hold every event in memory;
// Parquet is written in row groups.
package export

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"entente/internal/store"
)

// Format describes one export format.
type Format struct {
	Name        string // the --format and ?format= value
	ContentType string // for an HTTP response
	Ext         string // file name extension, with its dot
	Doc         string // one line for help texts
}

// Formats lists the formats Write knows, in the order help texts show them.
func Formats() []Format {
	return []Format{
		{"csv", "text/csv; charset=utf-8", ".csv", "comma-separated (RFC 4180) with a header line, for spreadsheets"},
		{"gdelt", "text/tab-separated-values; charset=utf-8", ".tsv", "GDELT 2.0 Events layout: 61 tab-separated columns"},
		{"jsonl", "application/x-ndjson", ".jsonl", "one event as JSON a line, with its first report"},
		{"plover", "application/x-ndjson", ".plover.jsonl", "one PLOVER-style JSON record a line"},
		{"parquet", "application/vnd.apache.parquet", ".parquet", "Apache Parquet, flat columns (DuckDB, pandas)"},
	}
}

// ErrFormat is returned (wrapped) for a format name Formats does not list.
var ErrFormat = errors.New("unknown export format")

// Lookup returns the format called name.
func Lookup(name string) (Format, error) {
	for _, f := range Formats() {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("export: %q: %w (want %s)", name, ErrFormat, Names())
}

// Names lists the format names for a message: "csv, gdelt, ... or parquet".
func Names() string {
	var names []string
	for _, f := range Formats() {
		names = append(names, f.Name)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Store is what Write reads: the events, and the documents of their
// first reports (for the evidence offsets, rule, attribution and lead).
type Store interface {
	store.Querier
	Document(ctx context.Context, id int64) (*store.Document, error)
}

// Options tune Write. The zero value is ready to use.
type Options struct {
	// Header adds a line of column names to the gdelt format (GDELT's
	// own files have none; csv always has one).
	Header bool
	// PageSize is how many events are read from the store at a time
	// (1..1000; 0 means 500).
	PageSize int
	// RowGroup is how many rows a Parquet row group holds at most (0
	// means 50,000); it bounds the memory the Parquet writer uses.
	RowGroup int
}

// Write writes every event that f selects to w in format, in id order,
// and reports how many it wrote. An unknown format is an ErrFormat before
// anything is written.
func Write(ctx context.Context, w io.Writer, format string, q Store, f store.Filter, opt Options) (int, error) {
	return WritePages(ctx, w, format, q, func(fn func([]store.Event) error) error {
		return Each(ctx, q, f, opt.PageSize, fn)
	}, opt)
}

// Pages calls fn with pages of events, in order, and returns fn's first
// error (or its own).
type Pages func(fn func([]store.Event) error) error

// WritePages writes the events that pages hands out to w in format, as
// Write writes those of a filter (the update files of the change feed
// hand out the events that changed), and reports how many it wrote.
func WritePages(ctx context.Context, w io.Writer, format string, q Store, pages Pages, opt Options) (int, error) {
	if _, err := Lookup(format); err != nil {
		return 0, err
	}
	if opt.PageSize < 0 || opt.PageSize > 1000 {
		return 0, fmt.Errorf("export: page size %d out of 1..1000", opt.PageSize)
	}
	if opt.RowGroup < 0 {
		return 0, fmt.Errorf("export: row group size %d below 0", opt.RowGroup)
	}
	rec, err := newRecorder(q)
	if err != nil {
		return 0, fmt.Errorf("export %s: %w", format, err)
	}
	ew, err := newWriter(w, format, opt)
	if err != nil {
		return 0, err
	}
	n := 0
	var records []Record
	err = pages(func(events []store.Event) error {
		if records, err = rec.records(ctx, events, records); err != nil {
			return err
		}
		if err := ew.write(records); err != nil {
			return err
		}
		n += len(events)
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("export %s: %w", format, err)
	}
	if err := ew.close(); err != nil {
		return n, fmt.Errorf("export %s: %w", format, err)
	}
	return n, nil
}

// Each calls fn with every page of the events f selects, in id order,
// pageSize events at a time (0 means 500), until the last page or the
// first error.
func Each(ctx context.Context, q store.Querier, f store.Filter, pageSize int, fn func([]store.Event) error) error {
	if pageSize == 0 {
		pageSize = 500
	}
	p := store.Page{Sort: "id", Limit: pageSize}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := q.Events(ctx, f, p)
		if err != nil {
			return err
		}
		if len(page.Events) > 0 {
			if err := fn(page.Events); err != nil {
				return err
			}
		}
		if page.Next == "" {
			return nil
		}
		p.Cursor = page.Next
	}
}

// eventWriter writes pages of records in one format.
type eventWriter interface {
	write([]Record) error
	// close ends the output (a Parquet footer) and flushes it.
	close() error
}

func newWriter(w io.Writer, format string, opt Options) (eventWriter, error) {
	switch format {
	case "csv":
		return newCSVWriter(w)
	case "gdelt":
		return newGDELTWriter(w, opt.Header)
	case "jsonl":
		return newJSONLWriter(w), nil
	case "plover":
		return newPloverWriter(w)
	case "parquet":
		return newParquetWriter(w, opt.RowGroup), nil
	}
	return nil, fmt.Errorf("export: %q: %w", format, ErrFormat)
}

// jsonlWriter writes one Record as JSON a line.
type jsonlWriter struct {
	buf *bufio.Writer
	enc *json.Encoder
}

func newJSONLWriter(w io.Writer) *jsonlWriter {
	buf := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return &jsonlWriter{buf: buf, enc: enc}
}

func (j *jsonlWriter) write(records []Record) error {
	for i := range records {
		if err := j.enc.Encode(&records[i]); err != nil {
			return fmt.Errorf("event %d: %w", records[i].ID, err)
		}
	}
	return nil
}

func (j *jsonlWriter) close() error { return j.buf.Flush() }
