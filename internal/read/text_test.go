package read

import (
	"errors"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	data := mustRead(t, "testdata/fr_article.txt")
	doc, err := Text("testdata/fr_article.txt", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.ID != "testdata/fr_article.txt" || doc.Text != string(data) {
		t.Errorf("ID %q, Text changed: want the path and the file unchanged", doc.ID)
	}
	if doc.Date.IsZero() != true || doc.DateFrom != "" || doc.Lang != "" {
		t.Errorf("Date %v %q Lang %q: want none", doc.Date, doc.DateFrom, doc.Lang)
	}
	var got []string
	for _, s := range doc.Chrome {
		got = append(got, doc.Text[s.Start:s.End])
	}
	want := []string{"Vahid Exemple/AP", "À découvrir également", "Lire aussi : Le commerce maritime en Méditerranée en pleine mutation", "»", "Copyright © africanews", "Voir sur Africanews"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Chrome:\n got %q\nwant %q", got, want)
	}

	doc, err = Text("en.txt", mustRead(t, "testdata/en_article.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, s := range doc.Chrome {
		got = append(got, doc.Text[s.Start:s.End])
	}
	want = []string{"Photo: AFP", "Read more: Salmon farming under scrutiny in the south Pacific", "Share", "© 2024 Reuters. All rights reserved.", "https://example.com/news/norway-chile-fisheries"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Chrome:\n got %q\nwant %q", got, want)
	}
}

func TestTitle(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"Un titre\n\nLe texte.", "Un titre"},
		{"\n\n  Un titre  \r\n\r\nLe texte.", "Un titre"},
		{"Une phrase complète.\n\nLe texte.", ""},
		{"Un titre\nLe texte suit sans ligne vide.", ""},
		{"Un titre seul", ""},
		{"Read more\n\nLe texte.", ""},
		{strings.Repeat("long ", 50) + "\n\nLe texte.", ""},
		{"Le ministre a-t-il menti ?\n\nLe texte.", "Le ministre a-t-il menti ?"},
		{"2024\n\nLe texte.", ""},
	}
	for _, tt := range tests {
		if got := firstTitle(tt.text); got != tt.want {
			t.Errorf("firstTitle(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestTextErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
		msg  string
	}{
		{"empty", "", ErrEmpty, "read: empty: empty document"},
		{"blank", " \n\t\r\n\u00a0\n", ErrEmpty, "read: blank: empty document"},
		{"bom only", "\xef\xbb\xbf\n", ErrEmpty, ""},
		{"nul", "Une phrase\x00 avec un zéro.", ErrBinary, "read: nul: binary content: NUL byte at 10"},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ErrBinary, ""},
		{"controls", "a\x01\x02\x03\x04b", ErrBinary, ""},
		{"cut rune", "Téhéran\xc3", ErrNotUTF8, "read: cut rune: not UTF-8 text at byte 9"},
		{"surrogate", "a\xed\xa0\x80b", ErrNotUTF8, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Text(tt.name, []byte(tt.data), Options{})
			if doc != nil || !errors.Is(err, tt.want) {
				t.Fatalf("Text = %v, %v; want error %v", doc, err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Doc != tt.name {
				t.Errorf("error %v is not an *Error for %q", err, tt.name)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("message %q, want %q", err.Error(), tt.msg)
			}
		})
	}
	if _, err := Text("big", []byte("0123456789"), Options{MaxBytes: 5}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over MaxBytes: %v", err)
	}
	// a few controls in a long text are not binary
	if _, err := Text("ff", []byte("Page one.\fPage two.\x1b is an escape, but the text is long enough to be text."), Options{}); err != nil {
		t.Errorf("text with a form feed and one escape: %v", err)
	}
}
