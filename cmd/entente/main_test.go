package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	err = run(context.Background(), args, strings.NewReader(stdin), &out, &errb, log)
	return out.String(), errb.String(), err
}

func TestCodeJSON(t *testing.T) {
	out, errOut, err := runCLI(t, "", "code", "../../examples/fr-sahel.txt")
	if err != nil {
		t.Fatalf("code: %v\n%s", err, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("%d events, want at least 3:\n%s", len(lines), out)
	}
	for _, l := range lines {
		var ev map[string]any
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("not JSON: %v: %s", err, l)
		}
		for _, k := range []string{"doc", "code", "root", "quad", "goldstein", "plover", "source", "target", "date", "date_precision", "place", "modality", "attributed_to", "evidence", "rule", "confidence"} {
			if _, ok := ev[k]; !ok {
				t.Errorf("event lacks %q: %s", k, l)
			}
		}
		src := ev["source"].(map[string]any)
		for _, k := range []string{"name", "id", "code", "country", "org", "sector"} {
			if _, ok := src[k]; !ok {
				t.Errorf("source lacks %q: %s", k, l)
			}
		}
	}
}

func TestCodeTableFromStdin(t *testing.T) {
	out, _, err := runCLI(t, "Le président français a rencontré mardi le Premier ministre indien à Paris.", "code", "--format", "table", "--lang", "fr", "--date", "2024-03-14", "-")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "DATE") || !strings.Contains(out, "2024-03-12") || !strings.Contains(out, "FRA/GOV") {
		t.Errorf("table:\n%s", out)
	}
}

// TestBadDocumentIsSkipped: a binary file is reported and skipped, the
// article after it is still coded, and the exit status says so.
func TestBadDocumentIsSkipped(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "broken.txt")
	if err := os.WriteFile(bin, []byte("\x00\x01\x02garbage\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCLI(t, "", "code", bin, "../../examples/fr-sahel.txt")
	var exit exitError
	if !errors.As(err, &exit) || exit != 1 {
		t.Errorf("err = %v, want exit status 1", err)
	}
	if !strings.Contains(errOut, "broken.txt") || !strings.Contains(errOut, "skipped") {
		t.Errorf("stderr does not name the broken file:\n%s", errOut)
	}
	if !strings.Contains(out, "fr-sahel.txt") {
		t.Errorf("the good article was not coded")
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"nonsense"}, {"code"}, {"dict"}, {"code", "--format", "xml", "x"}, {"code", "--date", "yesterday", "x"}} {
		_, _, err := runCLI(t, "", args...)
		if err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

func TestDictCheckCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "roles"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "roles", "fr.tsv"), []byte("phrase\tsector\tkind\nroi\tKING\tperson\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, err := runCLI(t, "", "dict", "check", "--dict", dir)
	if err == nil || !strings.Contains(errOut, "roles/fr.tsv:2: unknown sector") {
		t.Errorf("err = %v, stderr:\n%s", err, errOut)
	}
}

// TestDictStats: a pattern file and a lexicon of our own give their
// counts per root (the lexicon's "-" lines code nothing and count none).
func TestDictStats(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"patterns", "lexicon"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	lex := "040 rencontrer|consulter\n- rencontrer difficulte\n041 appeler telephone\n112 accuser\n1122 accuser torture\n"
	if err := os.WriteFile(filepath.Join(dir, "lexicon", "fr.txt"), []byte(lex), 0o644); err != nil {
		t.Fatal(err)
	}
	pats := "040 $S met|meet|meets $T\n  + Chile met Peru. => CHL 040 PER\n042 $S visited $T\n  + Chile visited Peru. => CHL 042 PER\n"
	for _, f := range []string{"en-conflict.txt", "en-coop.txt"} {
		if err := os.WriteFile(filepath.Join(dir, "patterns", f), []byte(""), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "patterns", "en-coop.txt"), []byte(pats), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCLI(t, "", "dict", "stats", "--dict", dir)
	if err != nil {
		t.Fatalf("%v: %s", err, errOut)
	}
	// The columns are found by their heading (other languages' columns
	// stand beside them): 2 English patterns under root 04; French
	// lexicon lemmas: 3 under root 04, 1 under 11.
	cells := func(l string) []string { return regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(l), -1) }
	lines := strings.Split(out, "\n")
	for heading, want := range map[string]map[string]string{
		"en patterns": {"04": "2"},
		"fr lemmas":   {"04": "3", "11": "1", "19": "0"},
	} {
		col := -1
		for i, h := range cells(lines[0]) {
			if h == heading {
				col = i
			}
		}
		if col < 0 {
			t.Fatalf("no %s column:\n%s", heading, out)
		}
		for _, l := range lines[1:] {
			c := cells(l)
			if w, ok := want[c[0]]; ok && (len(c) <= col || c[col] != w) {
				t.Errorf("root %s: %s %v, want %s; output:\n%s", c[0], heading, c, w, out)
			}
		}
	}
}

// TestEval scores a small gold file written for this test.
func TestEval(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.jsonl")
	rec := map[string]any{
		"id": "t1", "lang": "fr", "pub_date": "2024-03-14",
		"text": "Le président français a rencontré mardi le Premier ministre indien à Paris. La Russie a attaqué l'Ukraine.",
		"events": []map[string]any{
			{"source": "FRA", "target": "IND", "root": "04", "code": "040", "date": "2024-03-12"},
			{"source": "RUS", "target": "UKR", "root": "19", "code": "190"},
			{"source": "CHN", "target": "USA", "root": "11", "code": "111"},
		},
	}
	b, _ := json.Marshal(rec)
	if err := os.WriteFile(gold, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	events := filepath.Join(dir, "events.jsonl")
	out, _, err := runCLI(t, "", "eval", "-v", "--out", events, gold)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "fr     gold=   3 tp=   2 fp=   0 P=1.000 R=0.667 F1=0.800 date_acc=1.000") {
		t.Errorf("eval output:\n%s", out)
	}
	if !strings.Contains(out, "MISS  t1: CHN->USA 11") {
		t.Errorf("miss not listed:\n%s", out)
	}
	if st, err := os.Stat(events); err != nil || st.Size() == 0 {
		t.Errorf("--out wrote nothing: %v", err)
	}
}
