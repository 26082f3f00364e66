package mention

import (
	"testing"

	"entente"
	"entente/data"
	"entente/internal/kb"
	"entente/internal/segment"
)

func TestCaseRules(t *testing.T) {
	k, err := kb.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	g := New(k, "en")
	for _, tt := range []struct {
		text, phrase string
		found        bool
	}{
		{"AP reported the strike.", "AP", true},
		{"The ap of the story.", "ap", false},
		{"She visited Russia today.", "Russia today", false},
		{"Iran said on Monday.", "Iran", true},
		{"The Iranian foreign minister spoke.", "Iranian", true},
	} {
		doc := &entente.Document{Text: tt.text, Lang: "en"}
		segment.Split(doc)
		found := false
		for _, m := range g.Find(doc.Text, doc.Sentences[0]) {
			s := doc.Sentences[0].Tokens
			if doc.Text[s[m.First].Start:s[m.Last].End] == tt.phrase {
				found = true
			}
		}
		if found != tt.found {
			t.Errorf("%q: %q found = %v, want %v", tt.text, tt.phrase, found, tt.found)
		}
	}
}

// In a language with case endings (Russian), a name matches its other
// case forms, and a short word only as written (sentences written for
// this test).
func TestCaseEndings(t *testing.T) {
	k, err := kb.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	g := New(k, "ru")
	for _, tt := range []struct {
		text, phrase string
		found        bool
	}{
		{"Делегация прибыла из России.", "России", true},
		{"Переговоры с Путиным прошли в Сочи.", "Путиным", true},
		{"Визит министра иностранных дел Турции.", "министра иностранных дел", true},
		{"Соединённых Штатов там не было.", "Соединённых Штатов", true},
		{"Лаврову передали письмо.", "Лаврову", true},
		{"Российская делегация уехала.", "Российская", true},
		{"Американцев эвакуировали.", "Американцев", true},
		{"Малой кровью не обойтись.", "Малой", false},
		{"На выборах в Того победил президент.", "Того", true},
	} {
		doc := &entente.Document{Text: tt.text, Lang: "ru"}
		segment.Split(doc)
		found := false
		for _, m := range g.Find(doc.Text, doc.Sentences[0]) {
			s := doc.Sentences[0].Tokens
			if doc.Text[s[m.First].Start:s[m.Last].End] == tt.phrase {
				found = true
			}
		}
		if found != tt.found {
			t.Errorf("%q: %q found = %v, want %v", tt.text, tt.phrase, found, tt.found)
		}
	}
}
