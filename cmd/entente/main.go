// Command entente turns news articles into CAMEO event records.
//
//	entente code [flags] FILE...      code articles (text, HTML, JSON Lines); "-" reads stdin
//	entente ingest [flags] SOURCE...  code articles and store them in a database
//	entente worker --queue URL [flags] code and store the documents of a work queue
//	entente watch [flags] FEEDS.txt   poll feeds and sitemaps, store new articles, write update files
//	entente serve [flags]             the HTTP API and web UI over a database
//	entente export [flags]            events of a database as GDELT CSV, JSON Lines, PLOVER or Parquet
//	entente recode [flags]            code stored documents again and record what changed
//	entente eval [flags] GOLD.jsonl   score the coder against a gold set
//	entente dict check [--dict DIR]   check the knowledge files and run pattern examples
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

const usage = `entente turns news into geopolitical event data (CAMEO).

Usage:
  entente code [--format json|table] [--date YYYY-MM-DD] [--lang fr|en|es|de|ru|ar|fa] [--dict DIR] FILE...
  entente ingest [--db PATH] [--date YYYY-MM-DD] [--lang fr|en|es|de|ru|ar|fa] [--dict DIR] SOURCE...
  entente ingest --queue nats://HOST:4222 [--replicas N] SOURCE...
  entente worker --queue nats://HOST:4222 [--db PATH] [--workers N] [--tries N] [--until-empty]
  entente watch [--db PATH] [--every 15m] [--updates DIR] [--update-every 15m] FEEDS.txt
  entente serve [--addr HOST:PORT] [--db PATH] [--token T] [--dict DIR] [--watch FEEDS.txt]
  entente export --format csv|jsonl|parquet|plover [--db PATH] [--out FILE] [filters]
  entente recode [--db PATH] [--dict DIR] [--run NAME] [--show]
  entente eval [-v] [--out EVENTS.jsonl] [--dict DIR] GOLD.jsonl
  entente dict check [--dict DIR]
  entente dict stats [--dict DIR]

Flags may come before or after the file names. Run "entente COMMAND -h"
for the flags of a command, "entente --version" for the version.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if len(os.Args) > 1 && os.Args[1] == "code" && os.Getenv("GOMEMLIMIT") == "" {
		// Coding one document of 8 MB holds about 250 MB; by default the
		// collector lets the heap reach twice what it holds (500 MB). A
		// soft limit makes it collect sooner instead (README: Performance).
		debug.SetMemoryLimit(codeMemoryLimit)
	}
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, log)
	var exit exitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		os.Exit(int(exit))
	case errors.Is(err, flag.ErrHelp):
		// -h or --help: the usage was asked for and printed.
	default:
		fmt.Fprintln(os.Stderr, "entente:", err)
		os.Exit(1)
	}
}

// codeMemoryLimit is the Go heap size `entente code` asks the collector to
// stay under when GOMEMLIMIT does not say otherwise.
const codeMemoryLimit = 320 << 20

// exitError ends the program with a status after its message was printed.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError(2)
	}
	switch args[0] {
	case "code":
		return runCode(ctx, args[1:], stdin, stdout, stderr, log)
	case "ingest":
		return runIngest(ctx, args[1:], stdin, stdout, stderr)
	case "worker":
		return runWorker(ctx, args[1:], stdout, stderr)
	case "watch":
		return runWatch(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdin, stdout, stderr)
	case "export":
		return runExport(ctx, args[1:], stdin, stdout, stderr)
	case "recode":
		return runRecode(ctx, args[1:], stdin, stdout, stderr)
	case "eval":
		return runEval(ctx, args[1:], stdout, stderr)
	case "dict":
		switch {
		case len(args) >= 2 && args[1] == "check":
			return runDictCheck(ctx, args[2:], stdout, stderr)
		case len(args) >= 2 && args[1] == "stats":
			return runDictStats(args[2:], stdout, stderr)
		}
		fmt.Fprint(stderr, "usage: entente dict check|stats [--dict DIR]\n")
		return exitError(2)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, versionLine())
		return nil
	}
	fmt.Fprintf(stderr, "entente: unknown command %q\n\n%s", args[0], usage)
	return exitError(2)
}
