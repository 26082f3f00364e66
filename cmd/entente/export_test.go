package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"entente/internal/export"
)

// exportDB ingests three reports written here (two of one meeting in
// Moscow, from two publishers, and one of a strike in Gaza) and returns
// the database.
func exportDB(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "news")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{
		"a.jsonl": `{"id": "wire-1", "lang": "fr", "date": "2024-05-14", "url": "https://wire.example/1", "text": "Le ministre iranien des Affaires étrangères a rencontré son homologue russe à Moscou mardi."}
{"id": "paper-1", "lang": "en", "date": "2024-05-14", "url": "https://paper.example/1", "text": "The Iranian foreign minister met his Russian counterpart in Moscow on Tuesday."}
{"id": "wire-2", "lang": "fr", "date": "2024-05-17", "url": "https://wire.example/2", "text": "L'armée israélienne a bombardé Gaza jeudi, selon des sources locales."}
`,
	}
	for name, text := range docs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "x.db")
	if _, errOut, err := runCLI(t, "", "ingest", "--db", db, dir); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	return db
}

func TestExport(t *testing.T) {
	db := exportDB(t)

	// gdelt to stdout: GDELT's 61 columns.
	out, errOut, err := runCLI(t, "", "export", "--db", db, "--format", "gdelt")
	if err != nil {
		t.Fatalf("export gdelt: %v\n%s", err, errOut)
	}
	// "--out -" is standard output too, not a file named "-".
	dash, _, err := runCLI(t, "", "export", "--db", db, "--format", "gdelt", "--out", "-")
	if err != nil || dash != out {
		t.Errorf("export --out -: %v; %d bytes on stdout, want the %d of a plain export", err, len(dash), len(out))
	}
	if _, err := os.Stat("-"); err == nil {
		os.Remove("-")
		t.Errorf("export --out - wrote a file named -")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 2 {
		t.Fatalf("csv: %d lines:\n%s", len(lines), out)
	}
	cols := export.GDELTColumns()
	var meeting []string
	for _, l := range lines {
		c := strings.Split(l, "\t")
		if len(c) != 61 {
			t.Fatalf("gdelt line with %d columns: %q", len(c), l)
		}
		if c[26] == "040" {
			meeting = c
		}
	}
	if meeting == nil {
		t.Fatalf("no 040 event:\n%s", out)
	}
	want := map[string]string{"Day": "20240514", "Actor1CountryCode": "IRN", "Actor2CountryCode": "RUS", "Actor1Type1Code": "GOV",
		"EventRootCode": "04", "NumMentions": "2", "NumSources": "2", "ActionGeo_CountryCode": "RS", "ActionGeo_Type": "4"}
	for i, name := range cols {
		if v, ok := want[name]; ok && meeting[i] != v {
			t.Errorf("meeting %s = %q, want %q", name, meeting[i], v)
		}
	}
	if !strings.Contains(errOut, "exported") {
		t.Errorf("no summary on stderr: %q", errOut)
	}

	// Filters: the dyad IRN→RUS is the meeting alone; nothing goes the
	// other way unless --undirected.
	out, _, err = runCLI(t, "", "export", "--db", db, "--format", "jsonl", "--dyad", "IRN,RUS")
	if err != nil || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"code":"040"`) {
		t.Errorf("--dyad IRN,RUS: %v\n%s", err, out)
	}
	out, _, _ = runCLI(t, "", "export", "--db", db, "--format", "jsonl", "--dyad", "RUS,IRN")
	if out != "" {
		t.Errorf("--dyad RUS,IRN:\n%s", out)
	}
	out, _, _ = runCLI(t, "", "export", "--db", db, "--format", "jsonl", "--dyad", "RUS,IRN", "--undirected")
	if strings.Count(out, "\n") != 1 {
		t.Errorf("--dyad RUS,IRN --undirected:\n%s", out)
	}
	out, _, _ = runCLI(t, "", "export", "--db", db, "--format", "plover", "--quad", "4", "--from", "2024-05-15")
	var strike map[string]any
	if err := json.Unmarshal([]byte(out), &strike); err != nil || strike["actor_country"] != "ISR" || strike["event_type"] == "" {
		t.Errorf("--quad 4: %v\n%s", err, out)
	}
	out, _, _ = runCLI(t, "", "export", "--db", db, "--format", "gdelt", "--q", "moscou", "--lang", "fr", "--header")
	if got := strings.Split(strings.TrimSpace(out), "\n"); len(got) != 2 || !strings.HasPrefix(got[0], "GlobalEventID\tDay\t") {
		t.Errorf("--q moscou --header:\n%s", out)
	}
	// csv: comma-separated with a header, the meeting's names and evidence.
	out, _, _ = runCLI(t, "", "export", "--db", db, "--format", "csv", "--code", "040")
	table, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil || len(table) != 2 || !slices.Equal(table[0], export.CSVColumns()) {
		t.Fatalf("csv --code 040: %v\n%s", err, out)
	}
	csvRow := map[string]string{}
	for i, c := range table[0] {
		csvRow[c] = table[1][i]
	}
	if csvRow["code_name"] != "Consult" || csvRow["source_country"] != "IRN" || csvRow["publisher"] != "wire.example" ||
		csvRow["is_root_event"] != "1" || !strings.Contains(csvRow["excerpt"], "Moscou") || csvRow["rule"] == "" || csvRow["trigger"] == "" {
		t.Errorf("csv row = %v", csvRow)
	}

	// parquet to a file, read back.
	file := filepath.Join(t.TempDir(), "events.parquet")
	if _, errOut, err := runCLI(t, "", "export", "--db", db, "--format", "parquet", "--out", file); err != nil {
		t.Fatalf("export parquet: %v\n%s", err, errOut)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := parquet.Read[export.ParquetRow](bytes.NewReader(b), int64(len(b)))
	if err != nil || len(rows) != len(lines) {
		t.Fatalf("parquet: %d rows (csv had %d), %v", len(rows), len(lines), err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".*tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestExportErrors(t *testing.T) {
	db := exportDB(t)
	for _, args := range [][]string{
		{"--format", "xml"},
		{"--dyad", "IRN"},
		{"--quad", "5"},
		{"--from", "14/05/2024"},
		{"--role", "both"},
		{"--modality", "maybe"},
		{"--code", "4x"},
		{"--code", "-1"},  // a number, not a code
		{"--code", "+12"}, // likewise
		{"--code", "1"},   // one digit: not a root
		{"--undirected"},
		{"extra"},
	} {
		_, _, err := runCLI(t, "", append([]string{"export", "--db", db}, args...)...)
		if err == nil {
			t.Errorf("export %v succeeded", args)
		}
	}
	_, _, err := runCLI(t, "", "export", "--db", filepath.Join(t.TempDir(), "none.db"))
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing database: %v", err)
	}
	// A failed export leaves no file behind.
	out := filepath.Join(t.TempDir(), "x.csv")
	if _, _, err := runCLI(t, "", "export", "--db", db, "--format", "nope", "--out", out); err == nil {
		t.Error("bad format with --out succeeded")
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s exists after a failed export", out)
	}
}

// TestExportNames checks that export's filters take names as the API's do
// (one parser for both): a country by its name in French, and a name of
// nothing refused with near names.
func TestExportNames(t *testing.T) {
	db := exportDB(t)
	byCode, _, err := runCLI(t, "", "export", "--db", db, "--format", "jsonl", "--country", "ISR", "--role", "source")
	if err != nil || byCode == "" {
		t.Fatalf("--country ISR: %v, %q", err, byCode)
	}
	for _, name := range []string{"Israël", "israel", "Israeli"} {
		out, errOut, err := runCLI(t, "", "export", "--db", db, "--format", "jsonl", "--country", name, "--role", "source")
		if err != nil || out != byCode {
			t.Errorf("--country %s: %v %s\n%s\nwant\n%s", name, err, errOut, out, byCode)
		}
	}
	if _, _, err := runCLI(t, "", "export", "--db", db, "--actor", "Isreal"); err == nil || !strings.Contains(err.Error(), "Israel (ISR)") {
		t.Errorf("--actor Isreal: %v, want an error that suggests Israel", err)
	}
}
