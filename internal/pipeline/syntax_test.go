package pipeline

import (
	"context"
	"testing"

	"entente"
)

// TestSyntaxStage: the sentences that name an actor are parsed with the
// embedded model of their language; the others are left alone unless
// ParseAll is set.
func TestSyntaxStage(t *testing.T) {
	tests := []struct {
		lang, text           string
		subject, root, lemma string // the subject's form, the root's form and lemma
	}{
		{"fr", "Le président chilien a reçu vendredi le Premier ministre péruvien au palais. La pluie est tombée toute la nuit.", "président", "reçu", "recevoir"},
		{"en", "The Peruvian president welcomed Chile's prime minister at the palace on Friday. The rain fell all night.", "president", "welcomed", "welcome"},
	}
	p := loadPipeline(t)
	for _, tt := range tests {
		doc := &entente.Document{ID: tt.lang, Lang: tt.lang, Text: tt.text}
		if err := p.Code(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Sentences) != 2 || !doc.Sentences[0].Parsed || doc.Sentences[1].Parsed {
			t.Fatalf("%s: want the first of 2 sentences parsed, got %+v", tt.lang, doc.Sentences)
		}
		toks := doc.Sentences[0].Tokens
		form := func(i int) string { return tt.text[toks[i].Start:toks[i].End] }
		root, subj := -1, -1
		for i, tk := range toks {
			if tk.Head == -1 {
				root = i
			}
			if tk.Deprel == "nsubj" {
				subj = i
			}
		}
		if root < 0 || form(root) != tt.root || toks[root].Lemma != tt.lemma || toks[root].UPOS != "VERB" {
			t.Errorf("%s: root %d, want %q (VERB %s)", tt.lang, root, tt.root, tt.lemma)
		}
		if subj < 0 || form(subj) != tt.subject || toks[subj].Head != root {
			t.Errorf("%s: subject %d, want %q attached to the root", tt.lang, subj, tt.subject)
		}
	}
	all := loadPipeline(t)
	all.ParseAll = true
	doc := &entente.Document{ID: "all", Lang: "fr", Text: tests[0].text}
	if err := all.Code(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for i, s := range doc.Sentences {
		if !s.Parsed {
			t.Errorf("ParseAll: sentence %d not parsed", i)
		}
	}
}
