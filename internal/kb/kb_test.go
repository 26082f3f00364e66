package kb

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"entente/data"
)

func TestLoadEmbedded(t *testing.T) {
	k, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	people := 0
	for _, a := range k.Actors {
		if a.Kind == "person" {
			people++
		}
	}
	if len(k.Codes) < 300 || len(k.Countries) < 197 || len(k.Actors) < 500 || len(k.Places) < 4000 {
		t.Errorf("codes %d, countries %d, actors %d (%d people), places %d", len(k.Codes), len(k.Countries), len(k.Actors), people, len(k.Places))
	}
	for _, code := range []string{"01", "043", "186", "1952", "20"} {
		if k.Codes[code] == nil {
			t.Errorf("CAMEO code %s missing", code)
		}
	}
}

// TestErrorsNameFileAndLine: every problem is reported, each with its file
// and line, and the good lines still load.
func TestErrorsNameFileAndLine(t *testing.T) {
	fsys := fstest.MapFS{
		"cameo.tsv":           {Data: []byte("code\tname\tgoldstein\tquad\tplover\n04\tConsult\t1.0\t1\tCONSULT\n043\tHost\tx\t1\tCONSULT\n9\tBad\t1\t1\tX\n")},
		"countries.tsv":       {Data: []byte("iso3\tiso2\ten\tfr\tcapital_en\tcapital_fr\tes\tde\tru\tar\tfa\nIRN\tIR\tIran\tIran\tTehran\tTéhéran\tIrán\tIran\tИран\tإيران\tایران\n")},
		"stopwords.tsv":       {Data: []byte("lang\twords\nfr\tle la\n")},
		"intent.tsv":          {Data: []byte("code\tintent\n")},
		"words.tsv":           {Data: []byte("lang\tclass\twords\n")},
		"roles/fr.tsv":        {Data: []byte("phrase\tsector\tkind\nprésident\tGOV\tperson\nroi\tKING\tperson\n")},
		"actors/people.txt":   {Data: []byte("actor a\n  name A\n  kind person\n  role IRN GOV 2020 2019 president\nactor b\n  kind spaceship\n")},
		"places.tsv":          {Data: []byte("geonames_id\ten\tfr\tcountry\tlat\tlon\tpopulation\tkind\taliases\n1\tX\tX\tZZZ\t1\t1\t1\tcity\t\n")},
		"places_extra.tsv":    {Data: []byte("geonames_id\ten\tfr\tcountry\tlat\tlon\tpopulation\tkind\taliases\n")},
		"countries_extra.tsv": {Data: []byte("iso3\tlang\tkind\tforms\nIRN\tfr\tdemonym\tiranien | iranienne\n")},
	}
	k, err := Load(fsys)
	if err == nil {
		t.Fatal("no error for a broken dictionary")
	}
	msg := err.Error()
	for _, want := range []string{
		"cameo.tsv:3: goldstein",
		"cameo.tsv:4: code \"9\"",
		"roles/fr.tsv:3: unknown sector",
		"actors/people.txt:4: role: ends 2019 before it starts 2020",
		"actors/people.txt:5: actor b has no name",
		"places.tsv:2: unknown country \"ZZZ\"",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q:\n%s", want, msg)
		}
	}
	if k.Codes["04"] == nil || len(k.Roles["fr"]) != 1 {
		t.Errorf("good lines did not load")
	}
}

func TestRoleAt(t *testing.T) {
	a := &Actor{Kind: "person", Roles: []Role{
		{Country: "RUS", Sector: "GOV", From: day("2012-11-06"), To: day("2024-05-12"), Title: "defence minister"},
		{Country: "RUS", Sector: "GOV", From: day("2024-05-12"), Title: "secretary of the Security Council"},
	}}
	for _, tt := range []struct{ date, title string }{
		{"2020-01-01", "defence minister"},
		{"2024-05-12", "secretary of the Security Council"},
		{"2026-01-01", "secretary of the Security Council"},
		{"2001-01-01", "defence minister"},
		{"", "secretary of the Security Council"},
	} {
		var d time.Time
		if tt.date != "" {
			d = day(tt.date)
		}
		if _, _, _, title := a.At(d); title != tt.title {
			t.Errorf("At(%s) = %q, want %q", tt.date, title, tt.title)
		}
	}
}

func day(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

func TestEndsIn(t *testing.T) {
	k := &KB{Words: map[string]map[string]map[string]bool{
		"fr": {"future-ending": {"era": true, "endront": true}},
		"ar": {"future-ending": {"ون": true}},
	}}
	for _, c := range []struct {
		lang, w string
		want    bool
	}{
		{"fr", "signera", true},
		{"fr", "prendront", true},
		{"fr", "sera", false}, // one letter before the ending
		{"fr", "era", false},
		{"fr", "signe", false},
		{"en", "signera", false}, // no such class in English
		// Letters, not bytes: an Arabic letter folds to two bytes.
		{"ar", "يجتمعون", true},
		{"ar", "سون", false},
	} {
		if got := k.EndsIn(c.lang, "future-ending", c.w); got != c.want {
			t.Errorf("EndsIn(%s, %q) = %v, want %v", c.lang, c.w, got, c.want)
		}
	}
}

// TestPlaceNames: a place's name in another language (places_names.tsv)
// is its name there and one of its aliases.
func TestPlaceNames(t *testing.T) {
	k, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range k.Places {
		if p.GeonamesID == 524901 {
			if p.Name("es") != "Moscú" || !slices.Contains(p.Aliases, "Moscú") || p.Name("fr") != "Moscou" {
				t.Errorf("Moscow: names %v, aliases %v", p.Names, p.Aliases)
			}
			return
		}
	}
	t.Error("no Moscow")
}

func TestTranslit(t *testing.T) {
	tr := &translit{rules: map[string]string{}}
	for _, r := range [][2]string{{"л", "l"}, {"а", "a"}, {"в", "w"}, {"р", "r"}, {"о", "o"}, {"у", "u"}, {"к", "k"}, {"ш", "sch"}, {"е", "e"}, {"^е", "je"}, {"н", "n"}, {"т", "t"}, {"ае", "aje"}, {"ий$", "i"}, {"с", "s"}, {"и", "i"}, {"й", "i"}} {
		tr.rules[r[0]] = r[1]
		tr.longest = max(tr.longest, len([]rune(strings.Trim(r[0], "^$"))))
	}
	for _, tt := range []struct{ in, want string }{
		{"Лавров", "Lawrow"},
		{"Лукашенко", "Lukaschenko"},
		{"Токаев", "Tokajew"},
		{"Сергей Лавров", ""}, // "г" has no rule: nothing
		{"Елена", "Jelena"},
		{"Киевский", "Kiewski"},
	} {
		if got := tr.write(tt.in); got != tt.want {
			t.Errorf("write(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
