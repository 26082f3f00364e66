package code

import (
	"testing"

	"entente/internal/segment"
)

func TestParseEntry(t *testing.T) {
	stem := segment.Stemmer("en")
	tests := []struct {
		text    string
		code    string
		lemmas  []string
		noun    bool
		context int
		bad     bool
	}{
		{text: "112 accuse", code: "112", lemmas: []string{"accuse"}},
		{text: "1122 accuse|blame torture|abuse= # a comment", code: "1122", lemmas: []string{"accuse", "blame"}, context: 1},
		{text: "160 call_off talks", code: "160", lemmas: []string{"call"}, context: 2},
		{text: "- ask question", code: "", lemmas: []string{"ask"}, context: 1},
		{text: "190 frappe/n", code: "190", lemmas: []string{"frappe"}, noun: true},
		{text: "174 expulsion/n|deportation/n", code: "174", lemmas: []string{"expulsion", "deportation"}, noun: true},
		{text: "Xy accuse", bad: true},
		{text: "112", bad: true},
		{text: "112 call_off|cancel", bad: true},
	}
	for _, tt := range tests {
		e, err := parseEntry(tt.text, stem)
		if tt.bad {
			if err == nil {
				t.Errorf("%q: no error", tt.text)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.text, err)
			continue
		}
		if e.Code != tt.code || len(e.Lemmas) != len(tt.lemmas) || e.Noun != tt.noun || len(e.Context) != tt.context {
			t.Errorf("%q: got %+v", tt.text, e)
			continue
		}
		for i := range tt.lemmas {
			if e.Lemmas[i] != tt.lemmas[i] {
				t.Errorf("%q: lemmas %q, want %q", tt.text, e.Lemmas, tt.lemmas)
			}
		}
	}
}

func TestContextWord(t *testing.T) {
	stem := segment.Stemmer("en")
	e, err := parseEntry("1122 condemn violat abuse= torture", stem)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		word              int
		fold, stem, lemma string
		want              bool
	}{
		{0, "violations", "violat", "violation", true}, // the start of a form
		{1, "abuse", "abus", "abuse", true},
		{1, "abuses", "abus", "abuse", false}, // exact form only
		{2, "tortured", "tortur", "torture", true},
		{2, "tort", "tort", "tort", false},
	}
	for _, tt := range tests {
		if got := e.Context[tt.word].matches(tt.fold, tt.stem, tt.lemma); got != tt.want {
			t.Errorf("word %d on %q: %v, want %v", tt.word, tt.fold, got, tt.want)
		}
	}
}
