package datafile

import (
	"bufio"
	"fmt"
	"io/fs"
	"strings"
)

// Line is one meaningful line of an indented knowledge file (actors,
// patterns): its number, its trimmed text, whether it is indented under
// the line before, and Bad to report a problem at it.
type Line struct {
	N        int
	Text     string
	Indented bool
	Bad      func(format string, a ...any)
}

// EachLine calls fn for every line of name that is neither blank nor a
// # comment. Problems opening or reading the file go to errs.
func EachLine(fsys fs.FS, name string, errs *ErrorList, fn func(Line)) {
	f, err := fsys.Open(name)
	if err != nil {
		*errs = append(*errs, &Error{File: name, Msg: err.Error()})
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	n := 0
	for sc.Scan() {
		n++
		raw := strings.TrimRight(sc.Text(), "\r")
		text := strings.TrimSpace(raw)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		line := n
		fn(Line{N: n, Text: text, Indented: raw != text, Bad: func(format string, a ...any) {
			*errs = append(*errs, &Error{File: name, Line: line, Msg: fmt.Sprintf(format, a...)})
		}})
	}
	if err := sc.Err(); err != nil {
		*errs = append(*errs, &Error{File: name, Line: n, Msg: err.Error()})
	}
}
