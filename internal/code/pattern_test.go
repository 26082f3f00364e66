package code

import (
	"strings"
	"testing"
	"testing/fstest"

	"entente/internal/segment"
)

func TestParsePatternErrors(t *testing.T) {
	stem := segment.Stemmer("fr")
	for _, tt := range []struct{ text, want string }{
		{"043", "want CODE and elements"},
		{"04x $S rencontrer $T", "not 2-4 digits"},
		{"043 rencontrer $T", "needs both $S and $T"},
		{"043 $S $T rencontrer", "two slots side by side"},
		{"043 ... $S rencontrer $T", "cannot start or end"},
		{"043 $S rencontrer ... ... $T", "two gaps"},
		{"043 $S rencontrer $T {bientot}", "unknown flag"},
		{"043 $S rencontrer $X", "unknown slot"},
		{"040 $S se rencontrer $T {mutual}", "has $S and no $T"},
		{"173 $S arrêté {state}", "has $T and no $S"},
		{"100 $S exigé $T {open}", "has $S and no $T"},
		{"141 manifesté $T {home}", "has $S and no $T"},
		{"141 $S manifesté {home} {open}", "at most one of"},
	} {
		_, err := parsePattern(tt.text, stem)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parsePattern(%q) = %v, want an error with %q", tt.text, err, tt.want)
		}
	}
	p, err := parsePattern("0871 $S ... cessez-le-feu|trêve avec $T", stem)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(p.elems[2].seqs); n != 1 {
		t.Errorf("cessez-le-feu: %d several-word alternatives, want 1", n)
	}
}

// TestLoadReportsFileAndLine: every bad line is named, the good ones load.
func TestLoadReportsFileAndLine(t *testing.T) {
	fsys := fstest.MapFS{
		"patterns/fr-test.txt": {Data: []byte("# test\n040 $S rencontrer $T\n  + La France a rencontré l'Inde. => FRA 040 IND\n043 $S\n  + orphan\n040 $S voir $T\n  example without sign\n")},
	}
	ps, err := Load(fsys, nil)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"patterns/fr-test.txt:4:", "patterns/fr-test.txt:5: example outside a pattern", "patterns/fr-test.txt:7:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
	if got := len(ps.ByLang["fr"]); got != 2 {
		t.Errorf("%d French patterns loaded, want 2", got)
	}
	if ex := ps.ByLang["fr"][0].Examples; len(ex) != 1 || ex[0].Source != "FRA" || ex[0].Code != "040" || ex[0].Target != "IND" || ex[0].Line != 3 {
		t.Errorf("example = %+v", ex)
	}
}
