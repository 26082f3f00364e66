package pipeline

import (
	"context"
	"testing"

	"entente"
)

// TestSyntaxStage: with ParseAll, every sentence is parsed with the
// embedded model of its language; by default only those that can hold an
// event read over the parse (TestParseSelection).
func TestSyntaxStage(t *testing.T) {
	tests := []struct {
		lang, text           string
		subject, root, lemma string // the subject's form, the root's form and lemma
	}{
		{"fr", "Le président chilien a reçu vendredi le Premier ministre péruvien au palais. La pluie est tombée toute la nuit.", "président", "reçu", "recevoir"},
		{"en", "The Peruvian president welcomed Chile's prime minister at the palace on Friday. The rain fell all night.", "president", "welcomed", "welcome"},
	}
	p := freshPipeline(t)
	p.ParseAll = true
	for _, tt := range tests {
		doc := &entente.Document{ID: tt.lang, Lang: tt.lang, Text: tt.text}
		if err := p.Code(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Sentences) != 2 || !doc.Sentences[0].Parsed || !doc.Sentences[1].Parsed {
			t.Fatalf("%s: want 2 sentences parsed, got %+v", tt.lang, doc.Sentences)
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
	all := freshPipeline(t)
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

// TestParseSelection: by default a sentence is parsed when it names two
// phrases that can be a source and a target and has a word whose stem is
// a lexicon trigger's.
func TestParseSelection(t *testing.T) {
	p := loadPipeline(t)
	text := "Peru scolded Chile on Friday. The rain fell all night. Peru scolded the weather. Peru and Chile watched the sunrise."
	doc := &entente.Document{ID: "sel", Lang: "en", Text: text}
	if err := p.Code(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	want := []bool{true, false, false, false}
	if len(doc.Sentences) != len(want) {
		t.Fatalf("%d sentences, want %d", len(doc.Sentences), len(want))
	}
	for i, s := range doc.Sentences {
		if s.Parsed != want[i] {
			t.Errorf("sentence %d %q: parsed %v, want %v", i, text[s.Start:s.End], s.Parsed, want[i])
		}
	}
}
