package pipeline

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"entente"
)

// update rewrites the want files of the golden tests with what the coder
// gives now: go test ./internal/pipeline -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata/golden want files")

// TestGolden codes every article under testdata/golden/LANG/*.txtar and
// compares the events with the archive's want file, one line an event.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	p := loadPipeline(t)
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
			if err := p.Code(doc); err != nil {
				t.Fatalf("code: %v", err)
			}
			checkInvariants(t, p, doc)
			got := goldenLines(doc.Events)
			if testing.Verbose() {
				for _, e := range doc.Events {
					t.Logf("%s %s %s (%s) | %s", goldenActor(e.Source), e.Code, goldenActor(e.Target), e.Rule, e.Evidence.Text)
				}
			}
			if *update {
				ar.set("want", got)
				if err := os.WriteFile(file, ar.format(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, ok := ar.get("want")
			if !ok {
				t.Fatalf("%s has no want file (run with -update)", file)
			}
			if d := lineDiff(string(want), string(got)); d != "" {
				t.Errorf("%s: events differ (-want +got):\n%s", file, d)
			}
		})
	}
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

// goldenLines writes one line per event:
//
//	SOURCE CODE TARGET MODALITY DATE PLACE [ATTRIBUTED,TO] "trigger"
//
// actors as COUNTRY-or-ORG/SECTOR, "-" for an absent date or place. Lines
// follow the text: by sentence, then trigger, then code.
func goldenLines(events []entente.Event) []byte {
	evs := append([]entente.Event(nil), events...)
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		if a.Evidence.Start != b.Evidence.Start {
			return a.Evidence.Start < b.Evidence.Start
		}
		if a.TriggerSpan.Start != b.TriggerSpan.Start {
			return a.TriggerSpan.Start < b.TriggerSpan.Start
		}
		return a.Code < b.Code
	})
	var b bytes.Buffer
	for _, e := range evs {
		date, place := "-", "-"
		if e.Date != nil {
			date = *e.Date
		}
		if e.Place != nil && e.Place.Name != "" {
			place = e.Place.Name
		}
		fmt.Fprintf(&b, "%s %s %s %s %s %s [%s] %q\n", goldenActor(e.Source), e.Code, goldenActor(e.Target),
			e.Modality, date, place, strings.Join(e.AttributedTo, ","), e.Evidence.Trigger)
	}
	return b.Bytes()
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

// lineDiff lists the lines only in want (-) and only in got (+), in order;
// it is empty when both hold the same lines.
func lineDiff(want, got string) string {
	w, g := splitLines(want), splitLines(got)
	// Longest common subsequence, enough for files of a few dozen lines.
	n, m := len(w), len(g)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if w[i] == g[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var b strings.Builder
	i, j, diff := 0, 0, false
	for i < n || j < m {
		switch {
		case i < n && j < m && w[i] == g[j]:
			fmt.Fprintf(&b, "  %s\n", w[i])
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			fmt.Fprintf(&b, "+ %s\n", g[j])
			j, diff = j+1, true
		default:
			fmt.Fprintf(&b, "- %s\n", w[i])
			i, diff = i+1, true
		}
	}
	if !diff {
		return ""
	}
	return b.String()
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

func (ar *txtar) set(name string, data []byte) {
	for i := range ar.files {
		if ar.files[i].name == name {
			ar.files[i].data = data
			return
		}
	}
	ar.files = append(ar.files, txtarFile{name: name, data: data})
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

func TestLineDiff(t *testing.T) {
	if d := lineDiff("a\nb\n", "a\nb\n"); d != "" {
		t.Errorf("equal: %q", d)
	}
	if d := lineDiff("a\nb\nc\n", "a\nc\nd\n"); d != "  a\n- b\n  c\n+ d\n" {
		t.Errorf("diff: %q", d)
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
		if err := p.Code(doc); err != nil {
			t.Fatalf("%s: %v", doc.ID, err)
		}
		checkInvariants(t, p, doc)
		t.Logf("%s:\n%s", doc.ID, goldenLines(doc.Events))
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
