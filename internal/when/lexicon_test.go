package when

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadLanguage reads the dates of a language from its time words
// alone: Spanish written here as a knowledge file, no code.
func TestLoadLanguage(t *testing.T) {
	es := strings.Join([]string{
		"kind\twords\tvalue",
		"month\tmarzo\t3",
		"weekday\tlunes\t1",
		"day-of\tde\t",
		"day-word\tanteayer\t-2",
		"shift-after\tpasado | pasada\t-1",
		"unit\tsemana | semanas\tweek",
		"ago-before\thace\t-1",
		"number\ttres\t3",
	}, "\n")
	f, err := Load(fstest.MapFS{"when/es.tsv": {Data: []byte(es)}})
	if err != nil {
		t.Fatal(err)
	}
	ref := Ref{Anchor: date("2025-03-20"), Exact: true} // a Thursday
	got := found(f, "Firmaron el 14 de marzo; anteayer y el lunes pasado hablaron, hace tres semanas no.", "es", ref)
	want := "14 de marzo=2025-03-14 | anteayer=2025-03-18 | lunes pasado=2025-03-17 | hace tres semanas=2025-W09"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestLoadErrors reports every broken line of a time-word file with its
// file and line.
func TestLoadErrors(t *testing.T) {
	bad := strings.Join([]string{
		"kind\twords\tvalue",
		"month\tmarzo\tthree",
		"season\tverano\t",
		"unit\tsemana\tfortnight",
		"flag\tsouth-first\t",
		"period\tano\t",
		"this\teste\t1",
		"tense-past\tayer\t",
		"tense-ending\t..aron\tpast two",
		"tense-auxiliary\tha\tlater 2",
		"tense-not-after\tel\t",
		"tense-copula\tes\t2",
	}, "\n")
	_, err := Load(fstest.MapFS{"when/es.tsv": {Data: []byte(bad)}})
	if err == nil {
		t.Fatal("no error for a broken file")
	}
	for _, want := range []string{
		`when/es.tsv:2: month needs a whole number`, `when/es.tsv:3: unknown kind "season"`,
		`when/es.tsv:4: unit needs day, week, month or year`, `when/es.tsv:5: unknown flag "south-first"`,
		`when/es.tsv: period "ano" is no unit`, `when/es.tsv:7: this takes no value`,
		`when/es.tsv:8: tense-past needs a weight`, `when/es.tsv:9: tense-ending: weight "two"`,
		`when/es.tsv:10: tense-auxiliary: want future or past`, `when/es.tsv:11: tense-not-after needs the cue`,
		`when/es.tsv:12: tense-copula takes no value`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if _, err := Load(fstest.MapFS{}); err == nil {
		t.Error("no error without any time-word file")
	}
}

// TestTenseOwnLanguage: a language with time words but no tense words reads
// no tense (French "hier" is no past in German); a language without time
// words is read with every language's; an Arabic ending is matched on the
// folded word, as the file's words are folded.
func TestTenseOwnLanguage(t *testing.T) {
	fsys := fstest.MapFS{
		"when/fr.tsv": {Data: []byte("kind\twords\tvalue\nmonth\tjanvier\t1\ntense-past\thier\t2\n")},
		"when/de.tsv": {Data: []byte("kind\twords\tvalue\nmonth\tjanuar\t1\n")},
		"when/ar.tsv": {Data: []byte("kind\twords\tvalue\nmonth\tيناير\t1\ntense-ending\t..ة\tpast 2\n")},
	}
	f, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text, lang string
		want       Tense
	}{
		{"Le sommet a eu lieu hier.", "fr", Past},
		{"Der Gipfel findet morgen hier statt.", "de", Unknown},
		{"Le sommet a eu lieu hier.", "xx", Past},
		{"كانت الزيارة مهمة", "ar", Past},
	} {
		if got := f.SentenceTense(tt.text, tt.lang); got != tt.want {
			t.Errorf("%s %q: %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}
