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

// TestRealNews scores the coder on the dev gold set and holds the floors
// the coder issue sets (F1 ≥ 0.55 for French and English, precision ≥ 0.60).
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
	for _, lang := range []string{"fr", "en"} {
		c := rep.ByLang[lang]
		t.Logf("%s: P=%.3f R=%.3f F1=%.3f", lang, c.P(), c.R(), c.F1())
		if c.F1() < 0.55 || c.P() < 0.60 {
			t.Errorf("%s: F1 %.3f (want ≥ 0.55), P %.3f (want ≥ 0.60)", lang, c.F1(), c.P())
		}
	}
}
