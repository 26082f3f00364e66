package read

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"entente"
)

// result is what one callback received.
type result struct {
	doc *entente.Document
	err error
}

func collect(t *testing.T, run func(fn func(*entente.Document, error)) error) []result {
	t.Helper()
	var out []result
	if err := run(func(d *entente.Document, err error) {
		if (d == nil) == (err == nil) {
			t.Errorf("callback got doc %v and error %v: want exactly one", d != nil, err)
		}
		out = append(out, result{d, err})
	}); err != nil {
		t.Fatalf("run: %v", err)
	}
	return out
}

func TestSniff(t *testing.T) {
	tests := []struct {
		head  string
		whole bool
		want  Kind
	}{
		{"Une phrase.\n", true, KindText},
		{"{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\"b\"}\n", true, KindJSONL},
		{"\xef\xbb\xbf{\"text\":\"a\"}\n\n{\"text\":\"b\"}", true, KindJSONL},
		{"{\"text\":\"a\"}\nplain line\n", true, KindText},
		{"{ not json at all", true, KindText},
		{"{\"text\":\"a very long line cut", false, KindJSONL},
		{"<!DOCTYPE html><html><body><p>x</p></body></html>", true, KindHTML},
		{"  \n<html lang=\"fr\">", true, KindHTML},
		{"<p>Un paragraphe.</p>", true, KindHTML},
		{"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">", true, KindHTML},
		{"<3 pour toujours", true, KindText},
		{"<abc>", true, KindText},
		{"", true, KindText},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.head), tt.whole); got != tt.want {
			t.Errorf("Sniff(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func TestPath(t *testing.T) {
	tests := []struct {
		path  string
		docs  int
		errs  int
		title string
	}{
		{"testdata/fr_article.txt", 1, 0, "Le Portugal et le Maroc relancent leur coopération portuaire"},
		{"testdata/en_article.txt", 1, 0, "Norway and Chile agree to share fisheries data"},
		{"testdata/page.html", 1, 0, "Accord portuaire entre Lisbonne et Rabat"},
		{"testdata/docs.jsonl", 5, 1, "Accord de pêche"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res := collect(t, func(fn func(*entente.Document, error)) error {
				return Path(context.Background(), tt.path, Options{}, fn)
			})
			docs, errs := 0, 0
			for _, r := range res {
				if r.err != nil {
					errs++
					continue
				}
				docs++
				checkSpans(t, r.doc.Text, r.doc.Chrome)
			}
			if docs != tt.docs || errs != tt.errs {
				t.Fatalf("got %d documents and %d errors, want %d and %d", docs, errs, tt.docs, tt.errs)
			}
			if res[0].doc.Title != tt.title {
				t.Errorf("Title = %q, want %q", res[0].doc.Title, tt.title)
			}
		})
	}
}

func TestPathMissing(t *testing.T) {
	err := Path(context.Background(), "testdata/no-such-file.txt", Options{}, func(*entente.Document, error) {
		t.Error("callback called for a missing file")
	})
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Path: %v, want not exist", err)
	}
}

func TestReaderStdin(t *testing.T) {
	// "-" has no extension: the kind is sniffed from the content.
	for _, tt := range []struct {
		in   string
		docs int
		want string
	}{
		{"Un texte simple.\nRead more\n", 1, "Un texte simple.\nRead more\n"},
		{"{\"id\":\"a\",\"text\":\"Un.\"}\n{\"id\":\"b\",\"text\":\"Deux.\"}\n", 2, "Un."},
	} {
		res := collect(t, func(fn func(*entente.Document, error)) error {
			return Reader(context.Background(), strings.NewReader(tt.in), "-", Options{}, fn)
		})
		if len(res) != tt.docs || res[0].err != nil || res[0].doc.Text != tt.want {
			t.Errorf("Reader(%q): %d results, first %+v", tt.in, len(res), res[0])
		}
	}
}

func TestReaderTooLarge(t *testing.T) {
	res := collect(t, func(fn func(*entente.Document, error)) error {
		return Reader(context.Background(), strings.NewReader(strings.Repeat("mot ", 100)), "big.txt", Options{MaxBytes: 50}, fn)
	})
	if len(res) != 1 || !errors.Is(res[0].err, ErrTooLarge) {
		t.Fatalf("got %+v, want one ErrTooLarge", res)
	}
	if got := res[0].err.Error(); !strings.HasPrefix(got, "read: big.txt: document too large") {
		t.Errorf("error %q", got)
	}
}

func TestOptions(t *testing.T) {
	flag := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	opt := Options{Date: flag, Lang: "fr"}
	doc, err := Text("a.txt", []byte("Une phrase.\n"), opt)
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Date.Equal(flag) || doc.DateFrom != "flag" || doc.Lang != "fr" {
		t.Errorf("Date %v %q Lang %q: want the flag values", doc.Date, doc.DateFrom, doc.Lang)
	}
	doc, err = HTML("p.html", mustRead(t, "testdata/page.html"), "", opt)
	if err != nil {
		t.Fatal(err)
	}
	if doc.DateFrom != "metadata" || doc.Date.Equal(flag) {
		t.Errorf("HTML: Date %v from %q: the page date must win over --date", doc.Date, doc.DateFrom)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Path(ctx, "testdata/docs.jsonl", Options{}, func(*entente.Document, error) {
		n++
		cancel()
	})
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("after cancel: err %v, %d callbacks; want Canceled after 1", err, n)
	}
	if err := Path(ctx, "testdata/fr_article.txt", Options{}, func(*entente.Document, error) {
		t.Error("callback after cancel")
	}); !errors.Is(err, context.Canceled) {
		t.Errorf("Path on a done context: %v", err)
	}
}

func TestErrorFormat(t *testing.T) {
	e := &Error{Doc: "in.jsonl", Line: 3, Err: ErrEmpty}
	if got, want := e.Error(), "read: in.jsonl:3: empty document"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(e, ErrEmpty) {
		t.Error("Unwrap: not ErrEmpty")
	}
	e = &Error{Doc: "a.txt", Err: ErrBinary}
	if got, want := e.Error(), "read: a.txt: binary content"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
