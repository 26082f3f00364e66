package read

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"entente"
)

// JSONL reads JSON Lines: one {"id", "text", "lang"?, "date"?, "url"?,
// "title"?} object a line. Gold files are read too: "pub_date" is taken as
// the date, "source" as the site, and "events" and other keys are ignored.
// A record whose text looks like HTML is extracted like a page.
//
// A bad line (invalid JSON, no text, bytes that are not UTF-8, a line
// longer than MaxBytes) is passed to fn as an *Error with its line number
// and the next line is read; a line over the limit is never held whole.
// An input without a record (empty, or only blank lines) is one *Error
// wrapping ErrEmpty.
// JSONL returns an error only when r fails or ctx is done.
func JSONL(ctx context.Context, r io.Reader, name string, opt Options, fn func(*entente.Document, error)) error {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < 4096 {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	max := opt.maxBytes()
	var buf []byte
	records := 0 // non-blank lines, good or bad
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, over, err := readLine(br, buf[:0], max)
		buf = line
		if n == 1 {
			line = bytes.TrimPrefix(line, utf8BOM)
		}
		switch {
		case over:
			records++
			fn(nil, &Error{Doc: name, Line: n, Err: fmt.Errorf("%w: line over %d bytes", ErrTooLarge, max)})
		case len(bytes.TrimSpace(line)) > 0:
			records++
			doc, rerr := record(line, name, n, opt)
			if rerr != nil {
				fn(nil, &Error{Doc: name, Line: n, Err: rerr})
			} else {
				fn(doc, nil)
			}
		}
		if err == io.EOF {
			if records == 0 {
				// Nothing to code is worth saying: a user who passed an
				// empty export would otherwise see no output and no error.
				fn(nil, &Error{Doc: name, Err: fmt.Errorf("%w: no JSON Lines record (%s)", ErrEmpty, emptyKind(n))})
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("read: %s:%d: %w", name, n, err)
		}
	}
}

// emptyKind tells an empty input from one of blank lines.
func emptyKind(lines int) string {
	if lines <= 1 {
		return "the input is empty"
	}
	return "only blank lines"
}

// readLine appends the next line, without its "\n" or "\r\n", to buf. A
// line longer than max bytes is read to its end but not kept: over is set
// and the line returned is empty. err is io.EOF with the last line.
func readLine(br *bufio.Reader, buf []byte, max int64) (line []byte, over bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !over {
			if int64(len(buf))+int64(len(chunk)) > max+2 {
				over, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte("\n")), []byte("\r"))
		if int64(len(buf)) > max {
			over, buf = true, buf[:0]
		}
		return buf, over, err
	}
}

// jsonRecord is one JSON Lines object; pointers tell null from absent.
type jsonRecord struct {
	ID      json.RawMessage `json:"id"`
	Text    *string         `json:"text"`
	Lang    *string         `json:"lang"`
	Date    *string         `json:"date"`
	PubDate *string         `json:"pub_date"`
	URL     *string         `json:"url"`
	Title   *string         `json:"title"`
	Source  json.RawMessage `json:"source"`
}

func record(line []byte, name string, n int, opt Options) (*entente.Document, error) {
	if i := invalidUTF8(line); i >= 0 {
		return nil, fmt.Errorf("%w at byte %d of the line", ErrNotUTF8, i)
	}
	var rec jsonRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, fmt.Errorf("invalid JSON at byte %d of the line: %v", syn.Offset, syn)
		}
		return nil, fmt.Errorf("invalid record: %v", err)
	}
	id, err := recordID(rec.ID)
	if err != nil {
		return nil, err
	}
	if id == "" {
		id = fmt.Sprintf("%s:%d", name, n)
	}
	if rec.Text == nil {
		return nil, fmt.Errorf("%s: no \"text\"", id)
	}
	var date time.Time
	for _, s := range []*string{rec.Date, rec.PubDate} {
		if s == nil || strings.TrimSpace(*s) == "" {
			continue
		}
		date, err = recordDate(*s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		break
	}
	text, url := *rec.Text, str(rec.URL)
	// The record's own fields decide the date and language, not opt.
	limits := Options{MaxBytes: opt.MaxBytes, MaxElements: opt.MaxElements, MaxDepth: opt.MaxDepth, Budget: opt.Budget}
	var doc *entente.Document
	if isHTMLText(text) {
		doc, err = htmlDoc(id, []byte(text), url, limits)
	} else {
		doc, err = textDoc(id, []byte(text), limits)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	if url != "" {
		doc.URL = url
	}
	if t := strings.TrimSpace(str(rec.Title)); t != "" {
		doc.Title = t
	}
	var site string
	if json.Unmarshal(rec.Source, &site) == nil && site != "" {
		doc.Site = site
	}
	if !date.IsZero() {
		doc.Date, doc.DateFrom = date, "metadata"
	}
	doc.Lang = str(rec.Lang)
	opt.finish(doc)
	return doc, nil
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// recordID reads an "id" given as a string or a number.
func recordID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	var num json.Number
	if json.Unmarshal(raw, &num) == nil {
		return num.String(), nil
	}
	return "", fmt.Errorf("\"id\" is %s: want a string or a number", raw)
}

// recordDate reads a record date: YYYY-MM-DD or RFC 3339, the offset kept.
func recordDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD or RFC 3339", s)
}

// isHTMLText reports whether a record's text is markup to extract.
func isHTMLText(s string) bool {
	t := strings.TrimLeft(s, " \t\r\n\f\ufeff")
	if !strings.HasPrefix(t, "<") {
		return false
	}
	return looksHTML([]byte(t)) || strings.Contains(t, "</") || strings.Contains(t, "/>")
}
