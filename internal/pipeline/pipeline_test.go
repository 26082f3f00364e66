package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"entente"
	"entente/internal/eval"
	"entente/internal/read"
)

// TestDictCheck is `entente dict check`: every knowledge file loads and
// every pattern example codes as written.
func TestDictCheck(t *testing.T) {
	p := loadPipeline(t)
	n, err := p.CheckExamples(t.Context())
	if err != nil {
		t.Fatalf("%d examples:\n%v", n, err)
	}
	if n < 100 {
		t.Errorf("only %d pattern examples", n)
	}
}

func TestUnsupportedLanguage(t *testing.T) {
	p := loadPipeline(t)
	doc := &entente.Document{ID: "it", Text: "Il presidente del Cile si è incontrato con il cancelliere dell'Austria a Vienna per parlare del commercio."}
	err := p.Code(t.Context(), doc)
	if !errors.Is(err, ErrUnsupported) {
		t.Fatalf("Italian text: err = %v, want unsupported", err)
	}
	if doc.Lang != "it" || len(doc.Events) != 0 {
		t.Errorf("lang %q, %d events; want it and none", doc.Lang, len(doc.Events))
	}
	if got := p.Langs(); !slices.Equal(got, []string{"ar", "de", "en", "es", "fa", "fr", "ru"}) {
		t.Errorf("languages coded: %v, want ar, de, en, es, fa, fr, ru", got)
	}
}

// TestRealNews scores the coder on the dev gold sets. Its floors are the
// targets the coder was asked to reach on realnews.dev (F1 ≥ 0.55 and
// precision ≥ 0.60 in each language), not the level it reached: a floor
// that follows every gain would turn the dev set into training data.
// realnews2.dev, which no rule was written for, and both files together
// (the coder issue's target: F1 ≥ 0.60, precision ≥ 0.65) are logged.
func TestRealNews(t *testing.T) {
	p := loadPipeline(t)
	score := func(name string) (*eval.Report, bool) {
		path := filepath.Join(shared, "eval", name)
		f, err := os.Open(path)
		if err != nil {
			return nil, false
		}
		gold, err := eval.ReadGold(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		events, _, err := p.CodePath(context.Background(), path, read.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return eval.Score(gold, events), true
	}
	dev, ok := score("realnews.dev.jsonl")
	if !ok {
		t.Skip("gold set not present")
	}
	dev2, ok2 := score("realnews2.dev.jsonl")
	for _, lang := range []string{"fr", "en"} {
		c := *dev.ByLang[lang]
		t.Logf("realnews.dev %s: P=%.3f R=%.3f F1=%.3f (floor: F1 0.55, P 0.60)", lang, c.P(), c.R(), c.F1())
		if c.P() < 0.60 {
			t.Errorf("%s: precision %.3f, want ≥ 0.60", lang, c.P())
		}
		if c.F1() < 0.55 {
			t.Errorf("%s: F1 %.3f, want ≥ 0.55", lang, c.F1())
		}
		if !ok2 {
			continue
		}
		c2 := *dev2.ByLang[lang]
		t.Logf("realnews2.dev %s: P=%.3f R=%.3f F1=%.3f", lang, c2.P(), c2.R(), c2.F1())
		both := c
		both.Add(c2)
		t.Logf("both %s: P=%.3f R=%.3f F1=%.3f (target: F1 0.60, P 0.65)", lang, both.P(), both.R(), both.F1())
	}
}

// TestPlover scores the coder on the PLOVER gold records: the coder issue
// asks that it not fall below the F1 it had then (0.5878, printed 0.588).
func TestPlover(t *testing.T) {
	path := filepath.Join(shared, "eval", "plover.dev.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("gold set not present: %v", err)
	}
	gold, err := eval.ReadGold(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	p := loadPipeline(t)
	events, _, err := p.CodePath(context.Background(), path, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := eval.Score(gold, events).ByLang["en"]
	t.Logf("plover.dev: P=%.3f R=%.3f F1=%.3f (floor 0.5875)", c.P(), c.R(), c.F1())
	if c.F1() < 0.5875 {
		t.Errorf("F1 %.4f, want ≥ 0.5875", c.F1())
	}
}
