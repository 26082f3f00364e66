package segment

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"entente"
)

// TestStemsRemember checks that remembered stems are the stemmer's, in
// each language, that the memory stays within Max, and (under -race) that
// documents may be split at once.
func TestStemsRemember(t *testing.T) {
	docs := []struct{ lang, text string }{
		{"fr", "Les ministres ont condamné les frappes. Le ministre condamne la frappe."},
		{"en", "The ministers condemned the strikes. The minister condemns the strike."},
		{"fr", "Les ministres se sont rencontrés à Lomé, puis ils ont condamné l'attaque."},
		{"xx", "Zorba zorbas zorbing."},
	}
	for _, max := range []int{0, 5, 1000} {
		t.Run(fmt.Sprint("max", max), func(t *testing.T) {
			s := NewStems(max)
			var wg sync.WaitGroup
			for round := 0; round < 3; round++ {
				for _, d := range docs {
					wg.Go(func() {
						doc := &entente.Document{Text: d.text, Lang: d.lang}
						s.Split(doc)
						stem := Stemmer(d.lang)
						n := 0
						for _, sen := range doc.Sentences {
							for _, tok := range sen.Tokens {
								n++
								want := tok.Fold
								if tok.Kind == entente.Word {
									want = stem(tok.Fold)
								}
								if tok.Stem != want {
									t.Errorf("%s %q: stem %q, want %q", d.lang, tok.Fold, tok.Stem, want)
								}
							}
						}
						if n == 0 {
							t.Errorf("%q: no tokens", d.text)
						}
					})
				}
			}
			wg.Wait()
			if s.n > max {
				t.Errorf("remembers %d stems, over %d", s.n, max)
			}
			if max >= 1000 && s.n == 0 {
				t.Error("remembers nothing")
			}
		})
	}
}

// TestSplitSpans checks that splitting a stretch at a time and tokenizing
// runs of sentences later gives the sentences and tokens of Split, on
// texts made of pieces that test the cuts: line breaks with and without a
// blank line, lines carried on in lower case, quotation marks and
// brackets at line starts, elisions, hyphens, CRLF and page chrome.
func TestSplitSpans(t *testing.T) {
	pieces := []string{
		"Le ministre a reçu l'envoyé du Ghana.", "\n", "\n\n", "\r\n", " ", "\n  \n",
		"« Nous partons », a-t-il dit.", "» Suite.", "\"Yes,\" she said.", "(Reuters) - ",
		"la suite d'une phrase coupée", "Le 3 mai, 2,5 millions.", "Iran's envoy left.",
		"— Non.", "U.S. troops", "12 soldats", "Été 2024 :", "’", "x", "M. Dupont est parti.",
	}
	rng := uint32(7)
	next := func(n int) int {
		rng = rng*1664525 + 1013904223
		return int(rng>>8) % n
	}
	for round := 0; round < 120; round++ {
		var b strings.Builder
		for range 5 + next(60) {
			b.WriteString(pieces[next(len(pieces))])
		}
		text := b.String()
		var chrome []entente.Span
		if next(3) == 0 && len(text) > 10 {
			s := next(len(text) - 5)
			chrome = append(chrome, entente.Span{Start: s, End: s + 1 + next(5)})
		}
		st := NewStems(100)
		want := &entente.Document{Text: text, Lang: "fr", Chrome: chrome}
		st.Split(want)
		for _, chunk := range []int{1, 7, 40, 1 << 20} {
			got := &entente.Document{Text: text, Lang: "fr", Chrome: chrome}
			st.SplitSpans(got, chunk)
			if len(got.Sentences) != len(want.Sentences) {
				t.Fatalf("chunk %d: %d sentences, want %d in %q", chunk, len(got.Sentences), len(want.Sentences), text)
			}
			for from := 0; from < len(got.Sentences); from += 3 {
				st.Tokenize(got, from, min(from+3, len(got.Sentences)))
			}
			for i := range want.Sentences {
				w, g := want.Sentences[i], got.Sentences[i]
				if w.Span != g.Span || fmt.Sprint(w.Tokens) != fmt.Sprint(g.Tokens) {
					t.Fatalf("chunk %d, sentence %d of %q:\n got %v %v\nwant %v %v", chunk, i, text, g.Span, g.Tokens, w.Span, w.Tokens)
				}
			}
		}
	}
}
