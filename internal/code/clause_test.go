package code

import "testing"

func TestRelatives(t *testing.T) {
	c := testCoder(t)
	for _, tt := range []struct {
		lang, text string
		actor      string   // a word where a mention starts, if any
		inside     []string // words inside a relative clause
		outside    []string
	}{
		{"en", "The court, which heard the case in June, fined the firm.", "", []string{"heard", "june"}, []string{"court", "fined"}},
		{"fr", "Le tribunal, qui a entendu l'affaire, a condamné la société.", "", []string{"entendu"}, []string{"tribunal", "condamne"}},
		// "dont" before a list of actors brings in no clause.
		{"fr", "Plusieurs pays, dont la Chine et l'Inde, ont voté contre.", "chine", nil, []string{"chine", "vote"}},
	} {
		v := testView(tt.lang, tt.text)
		starts := map[int][]int{}
		if tt.actor != "" {
			starts[at(t, v, tt.actor)] = []int{0}
		}
		rel := c.relatives(tt.lang, v.toks, starts)
		for _, w := range tt.inside {
			if !rel[at(t, v, w)] {
				t.Errorf("%q: %q not in a relative clause", tt.text, w)
			}
		}
		for _, w := range tt.outside {
			if rel[at(t, v, w)] {
				t.Errorf("%q: %q in a relative clause", tt.text, w)
			}
		}
	}
}

func TestClauseJoin(t *testing.T) {
	c := testCoder(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "The minister arrived and called for calm.", true},
		{"en", "The minister and the envoy arrived.", false},
		{"fr", "Le ministre est arrivé et appelé au calme.", true},
		{"fr", "Le ministre et son adjoint sont arrivés.", false},
	} {
		v := testView(tt.lang, tt.text)
		k := -1
		for i, tok := range v.toks {
			if c.kb.Is(tt.lang, "and", tok.Fold) {
				k = i
				break
			}
		}
		if k < 0 {
			t.Fatalf("%q: no conjunction", tt.text)
		}
		if got := c.clauseJoin(tt.lang, v, k); got != tt.want {
			t.Errorf("%q: clauseJoin %v, want %v", tt.text, got, tt.want)
		}
	}
}
