package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"entente"
)

// TestGolden codes every article under testdata/golden/LANG/*.txtar and
// compares its events with the archive's want file. The want file is what a
// person who read the article expects, one event a line (see goldenLine),
// written and checked by hand, never pasted from the coder's output:
//
//	ISR 195 LBN asserted 2024-09-23 - []   # what the line stands for
//	? IRN 112 ISR asserted 2024-09-24 - [] # expected, not coded yet
//	~ QAT 045 ISR asserted 2025-01-19 - [] # optional
//
// A line marked "? " is a known miss; one marked "~ " a reasonable reading
// that is neither required nor penalised. The archive's "false" file lists the
// events the coder gives that a reader would not (each with why). Any other
// difference fails: a missed or unexpected event, a known miss now coded, a
// known false event no longer given. Both lists shrink as the coder learns.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	p := loadPipeline(t)
	var total goldenScore
	for _, file := range files {
		name := strings.TrimSuffix(filepath.ToSlash(file), ".txtar")
		name = strings.TrimPrefix(name, "testdata/golden/")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ar := parseTxtar(data)
			doc, err := goldenDocument(file, ar)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Code(t.Context(), doc); err != nil {
				t.Fatalf("code: %v", err)
			}
			checkInvariants(t, p, doc)
			if testing.Verbose() {
				for _, e := range doc.Events {
					t.Logf("%s  # %q (%s) | %s", goldenLine(e), e.Evidence.Trigger, e.Rule, e.Evidence.Text)
				}
			}
			want, ok := ar.get("want")
			if !ok {
				t.Fatalf("%s has no want file", file)
			}
			falses, _ := ar.get("false")
			sc, problems := compareGolden(want, falses, doc.Events)
			total.add(sc)
			for _, p := range problems {
				t.Errorf("%s: %s", file, p)
			}
		})
	}
	t.Logf("golden articles: %d expected events, %d coded, %d known misses, %d known false events (precision %.2f, recall %.2f)",
		total.expected, total.coded, total.misses, total.false, total.precision(), total.recall())
}

// goldenScore counts, over golden articles, the events a reader expects,
// those the coder gives, and the known misses and false events.
type goldenScore struct{ expected, coded, misses, false int }

func (s *goldenScore) add(o goldenScore) {
	s.expected += o.expected
	s.coded += o.coded
	s.misses += o.misses
	s.false += o.false
}

func (s goldenScore) precision() float64 {
	return float64(s.coded) / float64(max(1, s.coded+s.false))
}

func (s goldenScore) recall() float64 {
	return float64(s.coded) / float64(max(1, s.expected))
}

// compareGolden matches the coder's events against the want and false
// lists and returns every difference a person has to look at.
func compareGolden(want, falses []byte, events []entente.Event) (goldenScore, []string) {
	got := map[string]int{}
	for _, e := range events {
		got[goldenLine(e)]++
	}
	var sc goldenScore
	var problems []string
	for _, line := range goldenEntries(want) {
		if key, ok := strings.CutPrefix(line, "~ "); ok {
			// A reasonable reading, neither required nor penalised.
			if got[key] > 0 {
				got[key]--
			}
			continue
		}
		key, miss := strings.CutPrefix(line, "? ")
		sc.expected++
		switch {
		case miss && got[key] > 0:
			got[key]--
			sc.coded++
			problems = append(problems, "known miss now coded (drop its \"? \" mark): "+key)
		case miss:
			sc.misses++
		case got[key] > 0:
			got[key]--
			sc.coded++
		default:
			problems = append(problems, "missed: "+key)
		}
	}
	for _, key := range goldenEntries(falses) {
		if got[key] > 0 {
			got[key]--
			sc.false++
			continue
		}
		problems = append(problems, "known false event no longer given (remove it from the false file): "+key)
	}
	var extra []string
	for key, n := range got {
		for range n {
			extra = append(extra, "unexpected event: "+key)
		}
	}
	sort.Strings(extra)
	return sc, append(problems, extra...)
}

// goldenEntries returns the event lines of a want or false file, without
// comments ("# ...") and blank lines.
func goldenEntries(data []byte) []string {
	var out []string
	for _, line := range splitLines(string(data)) {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// goldenDocument builds the document of an archive: its header gives the
// language and the document date, its article.txt file the text.
func goldenDocument(file string, ar *txtar) (*entente.Document, error) {
	text, ok := ar.get("article.txt")
	if !ok {
		return nil, fmt.Errorf("%s: no article.txt", file)
	}
	hdr := map[string]string{}
	for _, line := range strings.Split(string(ar.comment), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			hdr[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	lang, date := hdr["lang"], hdr["date"]
	if lang == "" || date == "" {
		return nil, fmt.Errorf("%s: header needs lang: and date: lines", file)
	}
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		return nil, fmt.Errorf("%s: header date: %w", file, err)
	}
	return &entente.Document{
		ID:       filepath.Base(file),
		Text:     strings.TrimRight(string(text), "\n"),
		Lang:     lang,
		Date:     d,
		DateFrom: "metadata",
	}, nil
}

// goldenLine writes an event as a reader would check it:
//
//	SOURCE CODE TARGET MODALITY DATE PLACE [ATTRIBUTED,TO]
//
// actors as COUNTRY-or-ORG/SECTOR, "-" for an absent date or place.
func goldenLine(e entente.Event) string {
	date, place := "-", "-"
	if e.Date != nil {
		date = *e.Date
	}
	if e.Place != nil && e.Place.Name != "" {
		place = e.Place.Name
	}
	return fmt.Sprintf("%s %s %s %s %s %s [%s]", goldenActor(e.Source), e.Code, goldenActor(e.Target),
		e.Modality, date, place, strings.Join(e.AttributedTo, ","))
}

func goldenActor(a entente.Actor) string {
	who := a.Country
	if who == "" {
		who = a.Org
	}
	if who == "" {
		who = "?"
	}
	if a.Sector != "" {
		who += "/" + a.Sector
	}
	return who
}

// checkInvariants holds for every event of every document: the evidence is
// the text it points at, the trigger lies inside it, and the code is one the
// codebook knows, with its root, quad class and Goldstein value.
func checkInvariants(t *testing.T, p *Pipeline, doc *entente.Document) {
	t.Helper()
	for i, e := range doc.Events {
		ev := e.Evidence
		if ev.Start < 0 || ev.End > len(doc.Text) || ev.Start >= ev.End || doc.Text[ev.Start:ev.End] != ev.Text {
			t.Errorf("event %d (%s): evidence [%d,%d) is not the document text %q", i, e.Code, ev.Start, ev.End, ev.Text)
			continue
		}
		ts := e.TriggerSpan
		if ev.Trigger == "" || ts.Start < ev.Start || ts.End > ev.End || ts.Start >= ts.End {
			t.Errorf("event %d (%s): trigger %q at [%d,%d) is outside the evidence [%d,%d)", i, e.Code, ev.Trigger, ts.Start, ts.End, ev.Start, ev.End)
		} else {
			inside := doc.Text[ts.Start:ts.End]
			for _, w := range strings.Split(ev.Trigger, " … ") {
				if !strings.Contains(inside, w) {
					t.Errorf("event %d (%s): trigger word %q not in %q", i, e.Code, w, inside)
				}
			}
		}
		cb := p.KB.Codes[e.Code]
		if cb == nil {
			t.Errorf("event %d: code %q is not in the codebook", i, e.Code)
			continue
		}
		if len(e.Code) < 2 || e.Root != e.Code[:2] || e.Quad != cb.Quad || e.Goldstein != cb.Goldstein || e.Plover != cb.Plover {
			t.Errorf("event %d (%s): root %q quad %d goldstein %v plover %q disagree with the codebook", i, e.Code, e.Root, e.Quad, e.Goldstein, e.Plover)
		}
		switch e.Modality {
		case entente.Asserted, entente.Negated, entente.Intended, entente.Alleged, entente.Conditional:
		default:
			t.Errorf("event %d (%s): modality %q", i, e.Code, e.Modality)
		}
		// Only an {open} pattern (an act with no named target) leaves the
		// target unknown.
		if e.Source.IsZero() || e.Target.IsZero() && !openRule(p, e.Rule) {
			t.Errorf("event %d (%s): unknown actor %+v → %+v", i, e.Code, e.Source, e.Target)
		}
		if e.Date != nil {
			if _, err := time.Parse("2006-01-02", *e.Date); err != nil {
				t.Errorf("event %d (%s): date %q", i, e.Code, *e.Date)
			}
		}
	}
}

func splitLines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// txtar is a text archive in the golang.org/x/tools/txtar format: a free
// comment, then files, each introduced by a "-- NAME --" line.
type txtar struct {
	comment []byte
	files   []txtarFile
}

type txtarFile struct {
	name string
	data []byte
}

func parseTxtar(data []byte) *txtar {
	ar := &txtar{}
	cur := &ar.comment
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		s := string(line)
		if strings.HasPrefix(s, "-- ") && strings.HasSuffix(s, " --") && len(s) > 6 {
			ar.files = append(ar.files, txtarFile{name: strings.TrimSpace(s[3 : len(s)-3])})
			cur = &ar.files[len(ar.files)-1].data
			continue
		}
		*cur = append(append(*cur, line...), '\n')
	}
	return ar
}

func (ar *txtar) get(name string) ([]byte, bool) {
	for _, f := range ar.files {
		if f.name == name {
			return f.data, true
		}
	}
	return nil, false
}

func (ar *txtar) format() []byte {
	var b bytes.Buffer
	b.Write(ar.comment)
	for _, f := range ar.files {
		fmt.Fprintf(&b, "-- %s --\n", f.name)
		b.Write(f.data)
		if len(f.data) > 0 && f.data[len(f.data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

func TestTxtarRoundTrip(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"comment only", "lang: fr\ndate: 2024-08-06\n"},
		{"files", "lang: en\n-- article.txt --\nHello.\n\n-- want --\n"},
		{"no comment", "-- a --\nx\n-- b --\ny\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(parseTxtar([]byte(tt.in)).format()); got != tt.in {
				t.Errorf("round trip of %q gave %q", tt.in, got)
			}
		})
	}
	ar := parseTxtar([]byte("c\n-- a --\nx\n-- b --\ny\n"))
	if a, _ := ar.get("a"); string(a) != "x\n" || string(ar.comment) != "c\n" {
		t.Errorf("a = %q, comment = %q", a, ar.comment)
	}
}

func TestCompareGolden(t *testing.T) {
	day := "2025-03-04"
	ev := func(src, code, tgt string) entente.Event {
		return entente.Event{Source: entente.Actor{Country: src}, Target: entente.Actor{Country: tgt}, Code: code, Modality: entente.Asserted, Date: &day}
	}
	got := []entente.Event{ev("FRA", "040", "DEU"), ev("ITA", "111", "ESP")}
	tests := []struct {
		name, want, falses string
		problems           int
		score              goldenScore
	}{
		{"all expected", "FRA 040 DEU asserted 2025-03-04 - []  # talks\nITA 111 ESP asserted 2025-03-04 - []\n", "", 0, goldenScore{2, 2, 0, 0}},
		{"a false event listed", "FRA 040 DEU asserted 2025-03-04 - []\n", "ITA 111 ESP asserted 2025-03-04 - [] # no criticism\n", 0, goldenScore{1, 1, 0, 1}},
		{"an unexpected event", "FRA 040 DEU asserted 2025-03-04 - []\n", "", 1, goldenScore{1, 1, 0, 0}},
		{"a miss", "FRA 040 DEU asserted 2025-03-04 - []\nITA 111 ESP asserted 2025-03-04 - []\nPRT 042 ESP asserted 2025-03-04 - []\n", "", 1, goldenScore{3, 2, 0, 0}},
		{"a known miss", "FRA 040 DEU asserted 2025-03-04 - []\nITA 111 ESP asserted 2025-03-04 - []\n? PRT 042 ESP asserted 2025-03-04 - []\n", "", 0, goldenScore{3, 2, 1, 0}},
		{"a known miss now coded", "FRA 040 DEU asserted 2025-03-04 - []\n? ITA 111 ESP asserted 2025-03-04 - []\n", "", 1, goldenScore{2, 2, 0, 0}},
		{"an optional event given", "FRA 040 DEU asserted 2025-03-04 - []\n~ ITA 111 ESP asserted 2025-03-04 - []\n~ PRT 042 ESP asserted 2025-03-04 - []\n", "", 0, goldenScore{1, 1, 0, 0}},
		{"a known false event gone", "FRA 040 DEU asserted 2025-03-04 - []\nITA 111 ESP asserted 2025-03-04 - []\n", "PRT 042 ESP asserted 2025-03-04 - []\n", 1, goldenScore{2, 2, 0, 0}},
	}
	for _, tt := range tests {
		sc, problems := compareGolden([]byte(tt.want), []byte(tt.falses), got)
		if len(problems) != tt.problems || sc != tt.score {
			t.Errorf("%s: score %+v, problems %q; want %+v and %d problems", tt.name, sc, problems, tt.score, tt.problems)
		}
	}
}

// TestReadmeExamples codes the example articles of the README: each gives
// several events. The French one carries its date in its dateline.
func TestReadmeExamples(t *testing.T) {
	p := loadPipeline(t)
	fr, err := os.ReadFile(filepath.Join("..", "..", "examples", "fr-sahel.txt"))
	if err != nil {
		t.Fatal(err)
	}
	line, err := os.ReadFile(filepath.Join("..", "..", "examples", "en-gulf.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct{ ID, Lang, Date, Title, Text string }
	if err := json.Unmarshal(line, &rec); err != nil {
		t.Fatalf("en-gulf.jsonl: %v", err)
	}
	date, err := time.Parse("2006-01-02", rec.Date)
	if err != nil {
		t.Fatalf("en-gulf.jsonl: %v", err)
	}
	docs := []*entente.Document{
		{ID: "fr-sahel.txt", Text: string(fr), Lang: "fr"},
		{ID: rec.ID, Text: rec.Text, Lang: rec.Lang, Title: rec.Title, Date: date, DateFrom: "metadata"},
	}
	for _, doc := range docs {
		if err := p.Code(t.Context(), doc); err != nil {
			t.Fatalf("%s: %v", doc.ID, err)
		}
		checkInvariants(t, p, doc)
		for _, e := range doc.Events {
			t.Logf("%s: %s", doc.ID, goldenLine(e))
		}
		if len(doc.Events) < 4 {
			t.Errorf("%s: %d events, want at least 4", doc.ID, len(doc.Events))
		}
	}
	if d := docs[0].Date.Format("2006-01-02"); d != "2025-01-22" {
		t.Errorf("fr-sahel.txt dated %s from %q, want 2025-01-22 from its dateline", d, docs[0].DateFrom)
	}
}

// openRule reports whether rule names an {open} pattern.
func openRule(p *Pipeline, rule string) bool {
	for _, list := range p.Patterns.ByLang {
		for _, pat := range list {
			if pat.Rule == rule {
				return pat.Open
			}
		}
	}
	return false
}
