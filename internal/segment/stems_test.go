package segment

import (
	"fmt"
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
