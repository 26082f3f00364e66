package datafile

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestTable(t *testing.T) {
	fsys := fstest.MapFS{
		"good.tsv": {Data: []byte("# a comment\nname\tcode\n\nNiger\t NER \nChad\tTCD\textra\r\nMali\tMLI\r\n")},
		"head.tsv": {Data: []byte("nom\tcode\nNiger\tNER\n")},
	}
	var errs ErrorList
	var rows []string
	Table(fsys, "good.tsv", []string{"name", "code"}, false, &errs, func(line int, cols []string) {
		rows = append(rows, strings.Join(cols, "=")+"@"+string(rune('0'+line)))
	})
	if got := strings.Join(rows, " "); got != "Niger=NER@4 Mali=MLI@6" {
		t.Errorf("rows %q", got)
	}
	Table(fsys, "head.tsv", []string{"name", "code"}, false, &errs, func(int, []string) { t.Error("row after a bad header") })
	Table(fsys, "none.tsv", []string{"name"}, true, &errs, func(int, []string) {})
	Table(fsys, "gone.tsv", []string{"name"}, false, &errs, func(int, []string) {})
	err := errs.Err()
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{"gone.tsv: open gone.tsv", "good.tsv:5: 3 columns, want 2", "head.tsv:1: header is"}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Fatalf("errors:\n%v", err)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("error %d = %q, want it to start %q", i, lines[i], w)
		}
	}
}

func TestEachLine(t *testing.T) {
	fsys := fstest.MapFS{"actors": {Data: []byte("ACTOR one\n  alias: Uno | Une\n# note\n\nACTOR two\n")}}
	var errs ErrorList
	var got []string
	EachLine(fsys, "actors", &errs, func(l Line) {
		if l.Indented {
			got = append(got, ">"+strings.Join(List(strings.TrimPrefix(l.Text, "alias:")), ","))
			l.Bad("no aliases here")
			return
		}
		got = append(got, l.Text)
	})
	if strings.Join(got, ";") != "ACTOR one;>Uno,Une;ACTOR two" {
		t.Errorf("lines %q", got)
	}
	if err := errs.Err(); err == nil || err.Error() != "actors:2: no aliases here" {
		t.Errorf("error %v", err)
	}
}
