package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"time"

	"entente/internal/pipeline"
	"entente/internal/read"
	"entente/internal/store"
	"entente/internal/store/postgres"
	"entente/internal/store/sqlite"
)

// docFlags are the flags every command that reads documents shares.
type docFlags struct {
	date, lang, dict *string
}

func addDocFlags(fs *flag.FlagSet) docFlags {
	return docFlags{
		date: fs.String("date", "", "document `date` (YYYY-MM-DD) for documents that give none"),
		lang: fs.String("lang", "", "document `language` (fr, en, es, de, ru, ar, fa); detected when empty"),
		dict: fs.String("dict", "", "`directory` of knowledge files overriding the embedded ones"),
	}
}

// options turns the flags into reader options; cmd names the command in
// the error.
func (f docFlags) options(cmd string) (read.Options, error) {
	opt := read.Options{Lang: *f.lang, Budget: read.NewBudget(read.DefaultBudget)}
	if *f.date != "" {
		t, err := time.Parse(time.DateOnly, *f.date)
		if err != nil {
			return opt, fmt.Errorf("%s: --date %q: want YYYY-MM-DD", cmd, *f.date)
		}
		opt.Date = t
	}
	return opt, nil
}

// openStore loads the knowledge (the embedded files under dict, when
// given) and opens the database: what ingest, recode and serve all start
// with. cmd names the command in errors; the caller closes the store.
func openStore(ctx context.Context, cmd, dict, db string) (*pipeline.Pipeline, store.Store, error) {
	p, err := pipeline.Load(pipeline.Knowledge(dict))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: knowledge: %w", cmd, err)
	}
	st, err := openDB(ctx, cmd, db)
	if err != nil {
		return nil, nil, err
	}
	return p, st, nil
}

// openDB opens the store that --db names, chosen by the form of its
// value: a postgres:// or postgresql:// URL is a PostgreSQL database
// (internal/store/postgres), anything else the path of a SQLite file
// (internal/store/sqlite). Every command that takes --db opens its store
// here. cmd names the command in errors.
func openDB(ctx context.Context, cmd, db string) (store.Store, error) {
	var st store.Store
	var err error
	if postgres.IsURL(db) {
		st, err = postgres.Open(ctx, db, postgres.Options{})
	} else {
		st, err = sqlite.Open(ctx, db, sqlite.Options{})
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cmd, err)
	}
	return st, nil
}

// dbName is --db as it may be printed: a URL without its password.
func dbName(db string) string {
	if !postgres.IsURL(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "(a PostgreSQL URL)"
	}
	return u.Redacted()
}

// dbFlagUsage is the help of every --db flag.
const dbFlagUsage = "the store: a SQLite database `file`, or a postgres:// URL of a PostgreSQL database"
