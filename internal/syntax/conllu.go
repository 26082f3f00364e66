package syntax

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word of a CoNLL-U sentence.
type Word struct {
	Form, Lemma, UPOS, Deprel string
	Head                      int // 1-based index of the head word, 0 for the root
}

// Range is a multiword token: the surface form of words First..Last (1-based).
type Range struct {
	First, Last int
	Form        string
}

// Tree is one CoNLL-U sentence: its words, its multiword tokens and
// whether a space follows each surface token.
type Tree struct {
	Line   int // line of the sentence's first word in its file
	Words  []Word
	Ranges []Range
	// NoSpace[i] reports SpaceAfter=No on word i+1 (or on the multiword
	// token that ends with it).
	NoSpace []bool
}

// ParseError is a malformed line of a CoNLL-U file.
type ParseError struct {
	Line int
	Err  error
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *ParseError) Unwrap() error { return e.Err }

// ReadCoNLLU reads every sentence of a CoNLL-U file. Empty nodes (IDs such
// as 8.1) are skipped; the basic tree is kept.
func ReadCoNLLU(r io.Reader) ([]Tree, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var out []Tree
	var cur Tree
	n := 0
	flush := func() error {
		if len(cur.Words) == 0 {
			cur = Tree{}
			return nil
		}
		for i, w := range cur.Words {
			if w.Head < 0 || w.Head > len(cur.Words) || w.Head == i+1 {
				return &ParseError{Line: cur.Line + i, Err: fmt.Errorf("head %d out of range", w.Head)}
			}
		}
		out = append(out, cur)
		cur = Tree{}
		return nil
	}
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		if line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, &ParseError{Line: n, Err: fmt.Errorf("%d fields, want 10", len(f))}
		}
		noSpace := strings.Contains(f[9], "SpaceAfter=No")
		if strings.Contains(f[0], ".") {
			continue
		}
		if a, b, ok := strings.Cut(f[0], "-"); ok {
			first, err1 := strconv.Atoi(a)
			last, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || last < first || first != len(cur.Words)+1 {
				return nil, &ParseError{Line: n, Err: fmt.Errorf("bad range %q", f[0])}
			}
			cur.Ranges = append(cur.Ranges, Range{First: first, Last: last, Form: f[1]})
			// The range's SpaceAfter belongs to its last word.
			for len(cur.NoSpace) < last {
				cur.NoSpace = append(cur.NoSpace, false)
			}
			cur.NoSpace[last-1] = noSpace
			continue
		}
		id, err := strconv.Atoi(f[0])
		if err != nil || id != len(cur.Words)+1 {
			return nil, &ParseError{Line: n, Err: fmt.Errorf("bad id %q", f[0])}
		}
		head, err := strconv.Atoi(f[6])
		if err != nil {
			return nil, &ParseError{Line: n, Err: fmt.Errorf("bad head %q", f[6])}
		}
		if len(cur.Words) == 0 {
			cur.Line = n
		}
		cur.Words = append(cur.Words, Word{Form: f[1], Lemma: f[2], UPOS: f[3], Head: head, Deprel: f[7]})
		if len(cur.NoSpace) < id {
			cur.NoSpace = append(cur.NoSpace, noSpace)
		} else if !inRange(cur.Ranges, id) {
			cur.NoSpace[id-1] = noSpace
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conllu: %w", err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

func inRange(rs []Range, id int) bool {
	for _, r := range rs {
		if id >= r.First && id <= r.Last {
			return true
		}
	}
	return false
}
