package main

import (
	"flag"
	"fmt"
	"time"

	"entente/internal/read"
)

// docFlags are the flags every command that reads documents shares.
type docFlags struct {
	date, lang, dict *string
}

func addDocFlags(fs *flag.FlagSet) docFlags {
	return docFlags{
		date: fs.String("date", "", "document `date` (YYYY-MM-DD) for documents that give none"),
		lang: fs.String("lang", "", "document `language` (fr, en); detected when empty"),
		dict: fs.String("dict", "", "`directory` of knowledge files overriding the embedded ones"),
	}
}

// options turns the flags into reader options; cmd names the command in
// the error.
func (f docFlags) options(cmd string) (read.Options, error) {
	opt := read.Options{Lang: *f.lang}
	if *f.date != "" {
		t, err := time.Parse(time.DateOnly, *f.date)
		if err != nil {
			return opt, fmt.Errorf("%s: --date %q: want YYYY-MM-DD", cmd, *f.date)
		}
		opt.Date = t
	}
	return opt, nil
}
