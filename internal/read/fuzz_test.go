package read

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"unicode/utf8"

	"entente"
)

// checkDoc verifies what every document must satisfy.
func checkDoc(t *testing.T, doc *entente.Document) {
	t.Helper()
	if doc == nil {
		t.Fatal("nil document without an error")
	}
	if !utf8.ValidString(doc.Text) {
		t.Fatalf("Text is not UTF-8: %q", doc.Text)
	}
	checkSpans(t, doc.Text, doc.Chrome)
}

func addSeeds(f *testing.F, files ...string) {
	for _, p := range files {
		f.Add(mustRead(f, p))
	}
}

func FuzzText(f *testing.F) {
	addSeeds(f, "testdata/fr_article.txt", "testdata/en_article.txt")
	for _, s := range []string{"", "\n", "Titre\n\nTexte.", "a\x00b", "pr\xe9sident", "Read more\r\n»\r\n", "\xef\xbb\xbf©\n>\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSpans(t, string(data), Chrome(string(data)))
		doc, err := Text("f.txt", data, Options{})
		if err != nil {
			var e *Error
			if doc != nil || !errors.As(err, &e) {
				t.Fatalf("Text: %v, %v", doc, err)
			}
			return
		}
		checkDoc(t, doc)
		if utf8.Valid(data) && doc.Text != string(data) {
			t.Fatal("Text changed UTF-8 input")
		}
		if len(doc.Title) >= maxTitle {
			t.Fatalf("Title of %d bytes", len(doc.Title))
		}
	})
}

func FuzzJSONL(f *testing.F) {
	addSeeds(f, "testdata/docs.jsonl")
	for _, s := range []string{"", "{}", `{"text":"x"}`, "{\"text\":\"a\"}\n{\"text\":", `{"id":1,"text":"<p>a</p>","date":"2024-01-02T03:04:05+01:00"}`, "\n\n\r\n", `{"text":"x\u0000"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		n := 0
		err := JSONL(context.Background(), bytes.NewReader(data), "f.jsonl", Options{MaxBytes: 4096}, func(doc *entente.Document, err error) {
			n++
			if err != nil {
				var e *Error
				if doc != nil || !errors.As(err, &e) {
					t.Fatalf("record error %v (doc %v)", err, doc != nil)
				}
				// A whole input without a record is one error of line 0.
				if empty := errors.Is(err, ErrEmpty) && e.Line == 0; (e.Line < 1 || e.Line > lines) && !empty {
					t.Fatalf("record error %v (doc %v)", err, doc != nil)
				}
				return
			}
			checkDoc(t, doc)
		})
		if err != nil {
			t.Fatalf("JSONL: %v", err)
		}
		if n > lines {
			t.Fatalf("%d results for %d lines", n, lines)
		}
	})
}

func FuzzHTML(f *testing.F) {
	addSeeds(f, "testdata/page.html")
	for _, s := range []string{"", "<p>x</p>", "<html><body><article><p>Un.</p><p>Lire aussi</p></article></body></html>", "<html><head><meta charset=\"latin1\"></head><body>\xe9</body></html>", "<table><tr><td>a<td>b", "<script type=\"application/ld+json\">{\"datePublished\":\"2024-01-01\"}</script><p>Texte.</p>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := HTML("f.html", data, "https://example.com/a", Options{})
		if err != nil {
			var e *Error
			if doc != nil || !errors.As(err, &e) {
				t.Fatalf("HTML: %v, %v", doc, err)
			}
			return
		}
		checkDoc(t, doc)
	})
}
