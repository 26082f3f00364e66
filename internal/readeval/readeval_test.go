package readeval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestSnippetPages(t *testing.T) {
	pages, missing, err := SnippetPages("testdata/module")
	if err != nil {
		t.Fatal(err)
	}
	if missing != 1 || len(pages) != 2 {
		t.Fatalf("%d pages, %d missing; want 2, 1", len(pages), missing)
	}
	h := pages[0]
	if filepath.Base(h.Path) != "harbour.html" || h.URL != "https://harbour.example/news/ferry" ||
		len(h.With) != 2 || h.Without[1] != "© Harbour News" {
		t.Errorf("first page %+v", h)
	}
	if filepath.Base(pages[1].Path) != "tides.html" || pages[1].With[0] != "Spring tides" {
		t.Errorf("second page (from test-files/mock) %+v", pages[1])
	}
	if _, _, err := SnippetPages(t.TempDir()); !errors.Is(err, ErrMissing) {
		t.Errorf("empty dir: %v, want ErrMissing", err)
	}
}

func TestParseSnippetsErrors(t *testing.T) {
	tests := []struct{ name, src string }{
		{"no map", "package main\nvar other = 1\n"},
		{"not a literal", "package main\nvar comparisonData = map[string]E{\"u\": {File: name}}\n"},
		{"no file", "package main\nvar comparisonData = map[string]E{\"u\": {With: []string{\"a\"}}}\n"},
		{"syntax", "package main\nvar comparisonData = map[string]E{\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "data.go")
			if err := os.WriteFile(p, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			if got, err := parseSnippets(p); err == nil {
				t.Errorf("parseSnippets = %v, want an error", got)
			}
		})
	}
}

func TestScoreSnippets(t *testing.T) {
	p := SnippetPage{With: []string{"ferry leaves", "at ten"}, Without: []string{"Subscribe"}}
	tests := []struct {
		name, text string
		want, fold Counts
	}{
		{"all right", "The ferry leaves at ten.", Counts{TP: 2, TN: 1}, Counts{TP: 2, TN: 1}},
		{"chrome kept", "The ferry leaves at ten. Subscribe", Counts{TP: 2, FP: 1}, Counts{TP: 2, FP: 1}},
		{"over a paragraph break", "The ferry\n\nleaves at ten.", Counts{TP: 1, FN: 1, TN: 1}, Counts{TP: 2, TN: 1}},
		{"empty", "", Counts{FN: 2, TN: 1}, Counts{FN: 2, TN: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ScoreSnippets(p, tt.text); got != tt.want {
				t.Errorf("verbatim %+v, want %+v", got, tt.want)
			}
			if got := ScoreSnippets(p.Folded(), Fold(tt.text)); got != tt.fold {
				t.Errorf("folded %+v, want %+v", got, tt.fold)
			}
		})
	}
	c := Counts{TP: 3, FN: 1, FP: 1, TN: 3}
	if c.Precision() != 0.75 || c.Recall() != 0.75 || c.F() != 0.75 || c.Accuracy() != 0.75 {
		t.Errorf("%+v: P %v R %v F %v A %v", c, c.Precision(), c.Recall(), c.F(), c.Accuracy())
	}
}

func TestShingleMatch(t *testing.T) {
	ref := "The night ferry to the islands leaves at ten, the night ferry to the islands."
	tests := []struct {
		name, pred string
		want       Overlap
	}{
		// ref has 15 words, 12 word 4-grams ("the night ferry to" twice).
		{"same", ref, Overlap{TP: 12}},
		{"first sentence", "The night ferry to the islands leaves at ten", Overlap{TP: 6, FN: 6}},
		{"with a menu", "Menu Home " + ref, Overlap{TP: 12, FP: 2}},
		{"repeated", ref + " " + ref, Overlap{TP: 12, FP: 15}},
		{"empty", "", Overlap{FN: 12}},
		{"short", "Ferry", Overlap{FP: 1, FN: 12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ShingleMatch(ref, tt.pred); got != tt.want {
				t.Errorf("ShingleMatch = %+v, want %+v", got, tt.want)
			}
		})
	}
	if o := ShingleMatch("", ""); o.F() != 1 {
		t.Errorf("two empty texts: F %v, want 1", o.F())
	}
	if got := Words("l'État, 2024_x — Шойгу!"); len(got) != 4 || got[1] != "État" || got[3] != "Шойгу" {
		t.Errorf("Words = %q", got)
	}
}

// TestAgainstTrafilatura runs both extractors on a sample of the public
// sets in the module cache (the whole sets: go run ./cmd/entente-readeval)
// and fails when entente scores clearly below go-trafilatura with its
// defaults.
func TestAgainstTrafilatura(t *testing.T) {
	ctx := context.Background()
	ex := []Extractor{Trafilatura(), Entente(false)}
	missing := func(err error) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf("evaluation set: %v", err)
		}
		t.Skipf("evaluation set not on this machine (%v): run go mod download", err)
	}
	dir, err := ModuleDir(ctx, ".", TrafilaturaModule)
	if err != nil {
		missing(err)
	}
	pages, _, err := SnippetPages(dir)
	if err != nil {
		missing(err)
	}
	var sample []SnippetPage
	for i := 0; i < len(pages); i += 80 {
		sample = append(sample, pages[i])
	}
	sr, err := RunSnippets(ctx, sample, ex, 2)
	if err != nil {
		t.Fatal(err)
	}
	base, ours := sr.Total(0, true), sr.Total(1, true)
	t.Logf("snippets, %d pages: go-trafilatura F %.3f, entente F %.3f", len(sample), base.F(), ours.F())
	if ours.F() < base.F()-0.02 {
		t.Errorf("snippets: entente F %.3f, go-trafilatura %.3f", ours.F(), base.F())
	}
	for i, r := range sr.Results {
		if r.Errs[1] != nil {
			t.Errorf("%s: %v", sample[i].Path, r.Errs[1])
		}
	}

	dir, err = ModuleDir(ctx, ".", ReadabilityModule)
	if err != nil {
		missing(err)
	}
	refs, err := RefPages(dir)
	if err != nil {
		missing(err)
	}
	var rsample []RefPage
	for i := 0; i < len(refs); i += 16 {
		rsample = append(rsample, refs[i])
	}
	rr, err := RunRef(ctx, rsample, ex, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("readability, %d pages: go-trafilatura mean F %.3f, entente %.3f", len(rsample), rr.MeanF(0), rr.MeanF(1))
	if rr.MeanF(1) < rr.MeanF(0)-0.02 {
		t.Errorf("readability: entente mean F %.3f, go-trafilatura %.3f", rr.MeanF(1), rr.MeanF(0))
	}
}
