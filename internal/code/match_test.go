package code

import (
	"testing"

	"entente/internal/segment"
)

func TestLitMatch(t *testing.T) {
	stem := segment.Stemmer("fr")
	p, err := parsePattern("0871 $S signé|cessez-le-feu|rencontré= $T", stem)
	if err != nil {
		t.Fatal(err)
	}
	e := &p.elems[1]
	for _, tt := range []struct {
		text, word string
		want       int
	}{
		{"Les deux camps ont signé hier.", "signe", 1},
		{"Les accords signés hier tiennent.", "signes", 1},
		{"Un cessez-le-feu est en vigueur.", "cessez", 3},
		{"Le ministre a rencontré son homologue.", "rencontre", 1},
		{"Une rencontre a eu lieu.", "rencontre", 0}, // the noun is not the participle
		{"Les deux camps ont parlé hier.", "parle", 0},
	} {
		v := testView("fr", tt.text)
		if got := litMatch(e, v.text, v.toks, at(t, v, tt.word)); got != tt.want {
			t.Errorf("%q at %q: litMatch %d, want %d", tt.text, tt.word, got, tt.want)
		}
	}
}
