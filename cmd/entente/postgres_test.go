package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"entente/internal/store/postgres/pgtest"
)

// pg is the PostgreSQL of this package's tests, started by the first test
// that needs it.
var pg = pgtest.New()

func TestMain(m *testing.M) {
	if env := os.Getenv(crashEnv); env != "" {
		// The test binary started as a worker that crashes (worker_test.go).
		os.Exit(runCrashingWorker(env))
	}
	code := m.Run()
	pg.Stop()
	os.Exit(code)
}

// TestPostgresDB runs ingest, recode, export and serve's store with --db
// a PostgreSQL URL, and checks that the store holds what the same ingest
// into a SQLite file holds.
func TestPostgresDB(t *testing.T) {
	url := pg.Database(t)
	dir := t.TempDir()
	lite := filepath.Join(dir, "entente.db")
	for _, db := range []string{url, lite} {
		out, errOut, err := runCLI(t, "", "ingest", "--db", db, "testdata/ingest")
		if err != nil {
			t.Fatalf("ingest --db %s: %v\n%s", db, err, errOut)
		}
		if strings.Contains(out, "postgres://") && !strings.Contains(out, "postgres://postgres@") {
			t.Errorf("summary shows the URL otherwise than redacted:\n%s", out)
		}
	}
	st, err := openDB(context.Background(), "test", url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := counts(t, lite); got != want || got.Events == 0 {
		t.Errorf("PostgreSQL holds %+v, SQLite %+v", got, want)
	}
	out, errOut, err := runCLI(t, "", "ingest", "--db", url, "testdata/ingest")
	if err != nil || !strings.Contains(out, "(0 new,") {
		t.Errorf("ingest again: %v\n%s%s", err, out, errOut)
	}
	exports := map[string]string{}
	for _, db := range []string{url, lite} {
		out, errOut, err := runCLI(t, "", "export", "--format", "gdelt", "--db", db)
		if err != nil {
			t.Fatalf("export --db %s: %v\n%s", db, err, errOut)
		}
		// GDELT's layout, every column but DATEADDED (the time of the ingest).
		var lines []string
		for _, line := range strings.Split(out, "\n") {
			if f := strings.Split(line, "\t"); len(f) > 2 {
				line = strings.Join(append(f[:len(f)-2:len(f)-2], f[len(f)-1]), "\t")
			}
			lines = append(lines, line)
		}
		exports[db] = strings.Join(lines, "\n")
	}
	if exports[url] != exports[lite] || exports[url] == "" {
		t.Errorf("exports differ:\nPostgreSQL:\n%s\nSQLite:\n%s", exports[url], exports[lite])
	}
	if _, errOut, err := runCLI(t, "", "recode", "--db", url); err != nil {
		t.Errorf("recode: %v\n%s", err, errOut)
	}
	if _, errOut, err := runCLI(t, "", "recode", "--show", "--db", url); err != nil {
		t.Errorf("recode --show: %v\n%s", err, errOut)
	}
	if _, _, err := runCLI(t, "", "export", "--format", "csv", "--db", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"); err == nil {
		t.Error("export from an unreachable server succeeded")
	}
}
