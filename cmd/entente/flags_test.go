package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args   []string
		format string
		date   string
		rest   []string
	}{
		{[]string{"a.txt"}, "json", "", []string{"a.txt"}},
		{[]string{"--format", "table", "a.txt"}, "table", "", []string{"a.txt"}},
		{[]string{"a.txt", "--format", "table"}, "table", "", []string{"a.txt"}},
		{[]string{"a.txt", "--format=table", "b.txt", "-date", "2024-01-02"}, "table", "2024-01-02", []string{"a.txt", "b.txt"}},
		{[]string{"-", "--format", "table"}, "table", "", []string{"-"}},
		{[]string{"a.txt", "--", "--format", "b.txt"}, "json", "", []string{"a.txt", "--format", "b.txt"}},
		{[]string{"--", "-h"}, "json", "", []string{"-h"}},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		format := fs.String("format", "json", "")
		date := fs.String("date", "", "")
		if err := parseArgs(fs, tt.args, io.Discard); err != nil {
			t.Errorf("%q: %v", tt.args, err)
			continue
		}
		if *format != tt.format || *date != tt.date || !slices.Equal(fs.Args(), tt.rest) {
			t.Errorf("%q: format %q date %q args %q, want %q %q %q", tt.args, *format, *date, fs.Args(), tt.format, tt.date, tt.rest)
		}
	}
}

// TestCLIUsage runs the commands a new user tries first. Coding loads
// the knowledge, so the cases that code share one run.
func TestCLIUsage(t *testing.T) {
	dir := t.TempDir()
	quiet := filepath.Join(dir, "quiet.txt")
	if err := os.WriteFile(quiet, []byte("Il a plu toute la nuit sur la vallée et les routes sont fermées.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.jsonl")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		ok     bool // no error, or flag.ErrHelp (exit status 0)
		stdout []string
		stderr []string
	}{
		{name: "flags after the files, no events, empty JSON Lines",
			args: []string{"code", "../../examples/fr-sahel.txt", quiet, empty, "--format", "table"}, ok: false,
			stdout: []string{"DATE", "NER/GOV", "043 Host a visit", "no events in " + quiet + " (1 sentence, language fr)"},
			stderr: []string{"empty.jsonl: empty document: no JSON Lines record (the input is empty)", "1 skipped"}},
		{name: "version", args: []string{"--version"}, ok: true, stdout: []string{"entente ", "go1."}},
		{name: "version command", args: []string{"version"}, ok: true, stdout: []string{"entente "}},
		{name: "help", args: []string{"--help"}, ok: true, stdout: []string{"entente code"}},
		{name: "help of a command", args: []string{"code", "--help"}, ok: true, stdout: []string{"usage: entente code", "-format"}},
		{name: "help after a file", args: []string{"ingest", "news/", "-h"}, ok: true, stdout: []string{"usage: entente ingest"}},
		{name: "unknown flag", args: []string{"code", "a.txt", "--colour"}, ok: false, stderr: []string{"-colour", "usage: entente code"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, err := runCLI(t, "", tt.args...)
			if ok := err == nil || errors.Is(err, flag.ErrHelp); ok != tt.ok {
				t.Fatalf("error %v, want ok %v\nstdout:\n%s\nstderr:\n%s", err, tt.ok, out, errOut)
			}
			for _, w := range tt.stdout {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.stderr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
}

// TestVersionLine checks what names a build: the version set at link
// time first, then the module's, with the commit when the toolchain
// recorded one, and a clear word when nothing is known.
func TestVersionLine(t *testing.T) {
	defer func(v string) { version = v }(version)
	version = "v9.8.7"
	if got := versionLine(); !strings.HasPrefix(got, "entente v9.8.7") {
		t.Errorf("versionLine() = %q", got)
	}
	vcs := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-07T10:00:00Z"}}
	for _, tt := range []struct {
		linked string
		bi     *debug.BuildInfo
		want   string
	}{
		{"v1.0.0", &debug.BuildInfo{Main: debug.Module{Version: "v0.9.0"}, Settings: vcs}, "entente v1.0.0 (commit 0123456789ab, 2026-12-07T10:00:00Z)"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "entente v1.2.0"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs}, "entente (devel) (commit 0123456789ab, 2026-12-07T10:00:00Z)"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "-buildvcs", Value: "false"}}},
			"entente (devel) (commit unknown: built without version control information)"},
		{"", nil, "entente (devel) (commit unknown: built without version control information)"},
	} {
		if got := versionOf(tt.linked, tt.bi); got != tt.want {
			t.Errorf("versionOf(%q, %+v) = %q, want %q", tt.linked, tt.bi, got, tt.want)
		}
	}
}

// TestCodeLegacyEncoding codes a windows-1252 file: converted, coded, and
// the conversion logged.
func TestCodeLegacyEncoding(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.txt")
	text := "Le gouvernement français a condamné mercredi les déclarations du gouvernement turc – « inacceptables », selon l’ambassade.\n"
	data, err := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// A document without events adds nothing to JSON Lines output.
	quiet := filepath.Join(filepath.Dir(path), "quiet.txt")
	if err := os.WriteFile(quiet, []byte("Il a plu toute la nuit sur la vallée.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut, logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	if err := run(context.Background(), []string{"code", quiet, path}, strings.NewReader(""), &out, &errOut, log); err != nil {
		t.Fatalf("code: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), `"code":"111"`) || !strings.Contains(out.String(), "condamné") {
		t.Errorf("events:\n%s", out.String())
	}
	if strings.Contains(out.String(), "no events") || strings.Contains(out.String(), "quiet.txt") {
		t.Errorf("JSON Lines output speaks of the document without events:\n%s", out.String())
	}
	if !strings.Contains(logged.String(), "from=windows-1252") {
		t.Errorf("log: %s", logged.String())
	}
}
