package read

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"entente"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

// TestLegacyEncodings checks that text files and pages in the encodings
// of older Western tools are detected, converted and logged.
func TestLegacyEncodings(t *testing.T) {
	fr := "Le ministre français des Affaires étrangères a reçu jeudi à Québec son homologue canadien – « une visite de travail », selon l’agence officielle.\n"
	de := "Der österreichische Außenminister hat am Dienstag in Graz seinen slowakischen Amtskollegen empfangen.\n"
	en := "The Irish foreign minister met his Portuguese counterpart in Coimbra on Friday, the ministry’s statement said.\n"
	tests := []struct {
		name string
		data []byte
		page bool
		want string // the text, or a part of it for pages
		from string
	}{
		{"windows-1252 French, curly quote and dash", encode(t, charmap.Windows1252, fr), false, fr, "windows-1252"},
		{"ISO-8859-1 German", encode(t, charmap.ISO8859_1, de), false, de, "windows-1252"},
		{"windows-1252 English", encode(t, charmap.Windows1252, en), false, en, "windows-1252"},
		{"UTF-16 with a byte order mark", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), fr), false, fr, "utf-16"},
		{"undeclared ISO-8859-1 page", encode(t, charmap.ISO8859_1, "<html><body><article><p>"+strings.TrimSpace(de+de)+"</p></article></body></html>"), true, "Der österreichische Außenminister hat", "windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logged bytes.Buffer
			opt := Options{Log: slog.New(slog.NewTextHandler(&logged, nil))}
			read := Text
			if tt.page {
				read = func(name string, data []byte, opt Options) (*entente.Document, error) {
					return HTML(name, data, "", opt)
				}
			}
			doc, err := read("old.txt", tt.data, opt)
			if err != nil {
				t.Fatal(err)
			}
			if tt.page && !strings.Contains(doc.Text, tt.want) || !tt.page && doc.Text != tt.want {
				t.Errorf("Text = %q, want %q", doc.Text, tt.want)
			}
			for _, w := range []string{"not UTF-8: converted", "doc=old.txt", "from=" + tt.from} {
				if !strings.Contains(logged.String(), w) {
					t.Errorf("log lacks %q: %s", w, logged.String())
				}
			}
		})
	}
}

// TestNotConverted checks what is left alone or refused: UTF-8 is not
// touched or logged, binary data stays binary, and bytes the detector
// cannot place are refused rather than guessed.
func TestNotConverted(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		err  error
	}{
		{"UTF-8", []byte("Le président a reçu à Québec.\n"), nil},
		{"binary", []byte("PK\x03\x04\x00\x00\xe9\xe8\x00text"), ErrBinary},
		{"stray bytes", []byte("\xfe\xfd\xfc\xfb\xfa\xf9\xf8"), ErrNotUTF8},
		{"one bad byte", []byte("ok \xc3\x28 ok"), ErrNotUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logged bytes.Buffer
			doc, err := Text("f.txt", tt.data, Options{Log: slog.New(slog.NewTextHandler(&logged, nil))})
			if !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			if err == nil && doc.Text != string(tt.data) {
				t.Errorf("Text changed: %q", doc.Text)
			}
			if logged.Len() > 0 {
				t.Errorf("logged %s", logged.String())
			}
		})
	}
}
