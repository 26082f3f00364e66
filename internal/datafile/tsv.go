// Package datafile reads entente's knowledge files (data/): tables
// (tab-separated with a header line) and indented line files (actors,
// patterns), comments after "#", every problem reported with its file and
// line, all at once, so that a writer of data/ fixes them in one pass.
package datafile

import (
	"bufio"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Error is one problem in a knowledge file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ErrorList is every problem found, in file and line order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns nil for an empty list, else the sorted list.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Line < l[j].Line
	})
	return l
}

// Table reads a TSV file with a header, calling fn for each row with its
// line number. Rows with the wrong number of columns are reported.
func Table(fsys fs.FS, name string, want []string, optional bool, errs *ErrorList, fn func(line int, cols []string)) {
	f, err := fsys.Open(name)
	if err != nil {
		if !optional {
			*errs = append(*errs, &Error{File: name, Msg: err.Error()})
		}
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	line, header := 0, false
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if !header {
			header = true
			if strings.Join(cols, "\t") != strings.Join(want, "\t") {
				*errs = append(*errs, &Error{File: name, Line: line, Msg: fmt.Sprintf("header is %q, want %q", strings.Join(cols, " "), strings.Join(want, " "))})
				return
			}
			continue
		}
		if len(cols) != len(want) {
			*errs = append(*errs, &Error{File: name, Line: line, Msg: fmt.Sprintf("%d columns, want %d", len(cols), len(want))})
			continue
		}
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		fn(line, cols)
	}
	if err := sc.Err(); err != nil {
		*errs = append(*errs, &Error{File: name, Line: line, Msg: err.Error()})
	}
}

// List splits a ` | `-separated column.
func List(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
