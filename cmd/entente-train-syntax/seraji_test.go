package main

import (
	"slices"
	"testing"

	"entente/internal/syntax"
)

func TestSerajiLightVerbs(t *testing.T) {
	// "The police arrested two men": a made-up sentence in Seraji's
	// annotation ("دو مرد دستگیر شدند .", the verb under its adjective).
	s := syntax.Sent{
		Forms:  []string{"دو", "مرد", "دستگیر", "شدند", "."},
		UPOS:   []string{"NUM", "NOUN", "ADJ", "VERB", "PUNCT"},
		Lemma:  []string{"دو", "مرد", "دستگیر", "کرد", "."},
		Head:   []int{1, 2, -1, 2, 2},
		Deprel: []string{"nummod", "nsubj", "root", "compound", "punct"},
	}
	serajiLightVerbs(&s)
	if want := []int{1, 3, 3, -1, 3}; !slices.Equal(s.Head, want) {
		t.Errorf("heads %v, want %v", s.Head, want)
	}
	if want := []string{"nummod", "nsubj", "compound:lvc", "root", "punct"}; !slices.Equal(s.Deprel, want) {
		t.Errorf("relations %v, want %v", s.Deprel, want)
	}
	if s.Lemma[3] != "شد" {
		t.Errorf("lemma of شدند %q, want شد", s.Lemma[3])
	}
	for _, c := range []struct {
		form string
		want bool
	}{{"شد", true}, {"می‌شود", true}, {"نشده", true}, {"کرد", false}, {"نمی‌کند", false}} {
		if got := isShodan(c.form); got != c.want {
			t.Errorf("isShodan(%s) = %v", c.form, got)
		}
	}
}
