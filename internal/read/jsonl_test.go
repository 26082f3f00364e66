package read

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"entente"
)

func readJSONL(t *testing.T, r io.Reader, opt Options) []result {
	t.Helper()
	return collect(t, func(fn func(*entente.Document, error)) error {
		return JSONL(context.Background(), r, "in.jsonl", opt, fn)
	})
}

func TestJSONLFile(t *testing.T) {
	f := bytes.NewReader(mustRead(t, "testdata/docs.jsonl"))
	res := readJSONL(t, f, Options{Date: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)})
	if len(res) != 6 {
		t.Fatalf("%d results, want 6", len(res))
	}
	// line 3 is cut off: an error with its line number, and the lines
	// after it are still read
	var e *Error
	if !errors.As(res[2].err, &e) || e.Line != 3 || e.Doc != "in.jsonl" {
		t.Fatalf("line 3: %v, want an *Error at in.jsonl:3", res[2].err)
	}
	if !strings.HasPrefix(e.Error(), "read: in.jsonl:3: invalid JSON") {
		t.Errorf("message %q", e.Error())
	}
	ids := []string{"fr-1", "en-1", "", "gold-1", "nodate-1", "html-1"}
	for i, id := range ids {
		if id != "" && (res[i].err != nil || res[i].doc.ID != id) {
			t.Errorf("line %d: %+v, want document %q", i+1, res[i], id)
		}
	}

	fr := res[0].doc
	if fr.Lang != "fr" || fr.URL != "https://example.org/fr-1" || fr.Title != "Accord de pêche" {
		t.Errorf("fr-1: Lang %q URL %q Title %q", fr.Lang, fr.URL, fr.Title)
	}
	if !fr.Date.Equal(time.Date(2024, 8, 5, 0, 0, 0, 0, time.UTC)) || fr.DateFrom != "metadata" {
		t.Errorf("fr-1: Date %v from %q", fr.Date, fr.DateFrom)
	}
	if len(fr.Chrome) != 1 || fr.Text[fr.Chrome[0].Start:fr.Chrome[0].End] != "Lire aussi" {
		t.Errorf("fr-1: Chrome %v", fr.Chrome)
	}

	en := res[1].doc
	if _, off := en.Date.Zone(); off != -4*3600 || en.Date.Hour() != 9 {
		t.Errorf("en-1: Date %v, want 09:15 at -04:00 as the record gives", en.Date)
	}
	if en.Title != "" || len(en.Chrome) != 1 {
		t.Errorf("en-1: Title %q Chrome %v", en.Title, en.Chrome)
	}

	gold := res[3].doc
	if !gold.Date.Equal(time.Date(2023, 11, 2, 0, 0, 0, 0, time.UTC)) || gold.DateFrom != "metadata" || gold.Lang != "en" || gold.Site != "example wire" {
		t.Errorf("gold-1: Date %v %q Lang %q Site %q", gold.Date, gold.DateFrom, gold.Lang, gold.Site)
	}
	if gold.Text != "Chile recalled its ambassador from Norway on Thursday." {
		t.Errorf("gold-1: Text %q", gold.Text)
	}

	nodate := res[4].doc
	if !nodate.Date.Equal(time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)) || nodate.DateFrom != "flag" || nodate.Lang != "" {
		t.Errorf("nodate-1: Date %v %q Lang %q, want the flag date", nodate.Date, nodate.DateFrom, nodate.Lang)
	}

	page := res[5].doc
	if !strings.HasPrefix(page.Text, "Norway and Chile held talks") || strings.Contains(page.Text, "Home") || strings.Contains(page.Text, "<p>") {
		t.Errorf("html-1: Text %q", page.Text)
	}
	if page.Title != "Port talks" || len(page.Chrome) != 1 {
		t.Errorf("html-1: Title %q Chrome %v", page.Title, page.Chrome)
	}
}

func TestJSONLRecords(t *testing.T) {
	tests := []struct {
		name, line string
		err        string // substring of the error, "" for a document
		id, text   string
	}{
		{"minimal", `{"text":"Une phrase."}`, "", "in.jsonl:1", "Une phrase."},
		{"number id", `{"id": 42, "text":"Une phrase."}`, "", "42", "Une phrase."},
		{"crlf", "{\"id\":\"a\",\"text\":\"Une phrase.\"}\r", "", "a", "Une phrase."},
		{"bom", "\xef\xbb\xbf{\"id\":\"a\",\"text\":\"x\"}", "", "a", "x"},
		{"extra keys", `{"id":"a","text":"x","events":[{"code":"043"}],"note":{"k":1}}`, "", "a", "x"},
		{"no text", `{"id":"a"}`, `in.jsonl:1: a: no "text"`, "", ""},
		{"null text", `{"id":"a","text":null}`, `no "text"`, "", ""},
		{"text not string", `{"id":"a","text":5}`, "invalid record", "", ""},
		{"empty text", `{"id":"a","text":"  "}`, "a: empty document", "", ""},
		{"nul in text", `{"id":"a","text":"x\u0000y"}`, "binary content", "", ""},
		{"bad id", `{"id":{"x":1},"text":"x"}`, `"id" is {"x":1}`, "", ""},
		{"bad date", `{"id":"a","text":"x","date":"05/08/2024"}`, `a: date "05/08/2024": want YYYY-MM-DD or RFC 3339`, "", ""},
		{"not utf8", "{\"id\":\"a\",\"text\":\"pr\xe9sident\"}", "not UTF-8 text at byte 20 of the line", "", ""},
		{"array", `["a","b"]`, "invalid record", "", ""},
		{"garbage", `{"id":`, "invalid JSON", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readJSONL(t, strings.NewReader(tt.line), Options{})
			if len(res) != 1 {
				t.Fatalf("%d results, want 1", len(res))
			}
			r := res[0]
			if tt.err != "" {
				if r.err == nil || !strings.Contains(r.err.Error(), tt.err) {
					t.Fatalf("error %v, want one containing %q", r.err, tt.err)
				}
				return
			}
			if r.err != nil || r.doc.ID != tt.id || r.doc.Text != tt.text {
				t.Fatalf("got %+v, want id %q text %q", r, tt.id, tt.text)
			}
		})
	}
}

func TestJSONLBlankLines(t *testing.T) {
	in := "\n{\"id\":\"a\",\"text\":\"x\"}\n   \n\n{\"id\":\"b\",\"text\":\"y\"}"
	res := readJSONL(t, strings.NewReader(in), Options{})
	if len(res) != 2 || res[0].doc.ID != "a" || res[1].doc.ID != "b" {
		t.Fatalf("got %+v", res)
	}
}

// endless is a reader of n bytes of 'a' and then the rest.
type endless struct {
	n    int64
	rest io.Reader
}

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return e.rest.Read(p)
	}
	if int64(len(p)) > e.n {
		p = p[:e.n]
	}
	for i := range p {
		p[i] = 'a'
	}
	e.n -= int64(len(p))
	return len(p), nil
}

func TestJSONLLongLine(t *testing.T) {
	// a 100 MB line over a 1 MiB limit: reported and skipped, never held
	const max = 1 << 20
	r := &endless{n: 100 << 20, rest: strings.NewReader("\n{\"id\":\"after\",\"text\":\"Une phrase.\"}\n")}
	res := readJSONL(t, io.MultiReader(strings.NewReader(`{"id":"big","text":"`), r), Options{MaxBytes: max})
	if len(res) != 2 {
		t.Fatalf("%d results, want 2", len(res))
	}
	var e *Error
	if !errors.As(res[0].err, &e) || e.Line != 1 || !errors.Is(e, ErrTooLarge) {
		t.Errorf("line 1: %v, want ErrTooLarge at line 1", res[0].err)
	}
	if res[1].err != nil || res[1].doc.ID != "after" {
		t.Errorf("line 2: %+v", res[1])
	}
}

func TestReadLineLimit(t *testing.T) {
	tests := []struct {
		in   string
		max  int64
		over bool
		line string
	}{
		{"abcde\n", 5, false, "abcde"},
		{"abcde\r\n", 5, false, "abcde"},
		{"abcdef\n", 5, true, ""},
		{"abcde", 5, false, "abcde"},
		{"abcdef", 5, true, ""},
	}
	for _, tt := range tests {
		line, over, _ := readLine(bufio16(tt.in), nil, tt.max)
		if over != tt.over || string(line) != tt.line {
			t.Errorf("readLine(%q, %d) = %q, %v; want %q, %v", tt.in, tt.max, line, over, tt.line, tt.over)
		}
	}
}

// bufio16 is a reader with the smallest buffer, so lines span chunks.
func bufio16(s string) *bufio.Reader { return bufio.NewReaderSize(strings.NewReader(s), 16) }

// TestJSONLNoRecord checks that an input without a record says so: one
// error, not silence.
func TestJSONLNoRecord(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "the input is empty"},
		{"blank lines", "\n  \n\n", "only blank lines"},
		{"byte order mark only", "\ufeff", "the input is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readJSONL(t, strings.NewReader(tt.in), Options{})
			if len(res) != 1 || res[0].err == nil {
				t.Fatalf("got %+v, want one error", res)
			}
			if !errors.Is(res[0].err, ErrEmpty) || !strings.Contains(res[0].err.Error(), tt.want) {
				t.Errorf("error %q, want ErrEmpty saying %q", res[0].err, tt.want)
			}
		})
	}
	// One bad record is a record: its own error, and no "empty" one.
	res := readJSONL(t, strings.NewReader("{not json}\n"), Options{})
	if len(res) != 1 || errors.Is(res[0].err, ErrEmpty) {
		t.Errorf("bad line: got %+v", res)
	}
}
