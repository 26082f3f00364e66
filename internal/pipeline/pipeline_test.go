package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"entente"
	"entente/internal/eval"
	"entente/internal/read"
)

// TestDictCheck is `entente dict check`: every knowledge file loads and
// every pattern example codes as written.
func TestDictCheck(t *testing.T) {
	p := loadPipeline(t)
	n, err := p.CheckExamples()
	if err != nil {
		t.Fatalf("%d examples:\n%v", n, err)
	}
	if n < 100 {
		t.Errorf("only %d pattern examples", n)
	}
}

func TestUnsupportedLanguage(t *testing.T) {
	p := loadPipeline(t)
	doc := &entente.Document{ID: "es", Text: "El presidente de Francia se reunió con el canciller de Alemania en la ciudad de Berlín para hablar de la guerra."}
	err := p.Code(doc)
	if !errors.Is(err, ErrUnsupported) {
		t.Fatalf("Spanish text: err = %v, want unsupported", err)
	}
	if doc.Lang != "es" || len(doc.Events) != 0 {
		t.Errorf("lang %q, %d events; want es and none", doc.Lang, len(doc.Events))
	}
}

// TestRealNews scores the coder on the dev gold set. Precision must stay
// at or above 0.60 (the coder issue's floor). F1 must not fall below what
// the coder reached when this test was last tuned (floors below); the
// issue's target is F1 ≥ 0.55 in each language, which French and English
// do not reach yet: the log shows where they stand.
func TestRealNews(t *testing.T) {
	f, err := os.Open(filepath.Join(shared, "eval", "realnews.dev.jsonl"))
	if err != nil {
		t.Skipf("gold set not present: %v", err)
	}
	gold, err := eval.ReadGold(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	p := loadPipeline(t)
	events, _, err := p.CodePath(context.Background(), filepath.Join(shared, "eval", "realnews.dev.jsonl"), read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := eval.Score(gold, events)
	floors := map[string]float64{"fr": 0.60, "en": 0.58}
	for _, lang := range []string{"fr", "en"} {
		c := rep.ByLang[lang]
		t.Logf("%s: P=%.3f R=%.3f F1=%.3f (target F1 0.55)", lang, c.P(), c.R(), c.F1())
		if c.P() < 0.60 {
			t.Errorf("%s: precision %.3f, want ≥ 0.60", lang, c.P())
		}
		if c.F1() < floors[lang] {
			t.Errorf("%s: F1 %.3f fell below %.2f", lang, c.F1(), floors[lang])
		}
	}
}
