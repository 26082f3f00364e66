// Package eval scores coded events against a gold set (the format of
// ../shared/eval/README.md), with the same matching rules as the reference
// scorer score.py: precision, recall and F1 per language, date accuracy,
// plus a table per CAMEO root and the list of misses and false events.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"entente"
)

// Gold is one gold document.
type Gold struct {
	ID      string      `json:"id"`
	Lang    string      `json:"lang"`
	PubDate *string     `json:"pub_date"`
	URL     string      `json:"url"`
	Title   string      `json:"title"`
	Text    string      `json:"text"`
	Events  []GoldEvent `json:"events"`
}

// GoldEvent is one annotated event.
type GoldEvent struct {
	Source           *string  `json:"source"`
	Target           *string  `json:"target"`
	Root             string   `json:"root"`
	Code             string   `json:"code"`
	Plover           string   `json:"plover"`
	Date             *string  `json:"date"`
	DateAlternatives []string `json:"date_alternatives"`
	Optional         bool     `json:"optional"`
	Symmetric        bool     `json:"symmetric"`
	Evidence         string   `json:"evidence"`
}

// ReadGold reads a gold JSON Lines file.
func ReadGold(r io.Reader) ([]Gold, error) {
	var out []Gold
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g Gold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return out, fmt.Errorf("gold line %d: %w", line, err)
		}
		out = append(out, g)
	}
	return out, sc.Err()
}

// Counts are the tallies behind the scores.
type Counts struct {
	Gold, TP, FP, Dated, DateOK int
}

// P, R and F1 are precision, recall and their harmonic mean.
func (c Counts) P() float64 { return ratio(c.TP, c.TP+c.FP) }
func (c Counts) R() float64 { return ratio(c.TP, c.Gold) }
func (c Counts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// DateAcc is the share of matched dated gold events with the right day.
func (c Counts) DateAcc() float64 {
	if c.Dated == 0 {
		return math.NaN()
	}
	return float64(c.DateOK) / float64(c.Dated)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Add adds the tallies of o, as when two gold files are scored together.
func (c *Counts) Add(o Counts) {
	c.Gold += o.Gold
	c.TP += o.TP
	c.FP += o.FP
	c.Dated += o.Dated
	c.DateOK += o.DateOK
}

// Miss is a required gold event no system event matched.
type Miss struct {
	Doc   string
	Event GoldEvent
}

// False is a system event that matched no gold event.
type False struct {
	Event entente.Event
}

// Report is the result of scoring.
type Report struct {
	All    Counts
	ByLang map[string]*Counts
	ByRoot map[string]*Counts // by gold root for Gold/TP, by system root for FP
	Misses []Miss
	Falses []False
}

// Score matches events (keyed by their Doc) against gold, as score.py does.
func Score(gold []Gold, events []entente.Event) *Report {
	rep := &Report{ByLang: map[string]*Counts{}, ByRoot: map[string]*Counts{}}
	byDoc := map[string][]entente.Event{}
	for _, e := range events {
		byDoc[e.Doc] = append(byDoc[e.Doc], e)
	}
	root := func(r string) *Counts {
		if rep.ByRoot[r] == nil {
			rep.ByRoot[r] = &Counts{}
		}
		return rep.ByRoot[r]
	}
	for _, doc := range gold {
		got := byDoc[doc.ID]
		used := make([]bool, len(got))
		var c Counts
		for _, g := range doc.Events {
			if g.Optional {
				continue
			}
			c.Gold++
			root(goldRoot(g)).Gold++
			ok := okDates(g)
			best := -1
			var bestRank [2]bool
			for i, s := range got {
				if used[i] || !matches(g, s) {
					continue
				}
				rank := [2]bool{s.Code == g.Code, s.Date != nil && contains(ok, dayOf(*s.Date))}
				if best < 0 || rankLess(bestRank, rank) {
					best, bestRank = i, rank
				}
			}
			if best < 0 {
				rep.Misses = append(rep.Misses, Miss{Doc: doc.ID, Event: g})
				continue
			}
			used[best] = true
			c.TP++
			root(goldRoot(g)).TP++
			if g.Date != nil && *g.Date != "" {
				c.Dated++
				if s := got[best]; s.Date != nil && contains(ok, dayOf(*s.Date)) {
					c.DateOK++
				}
			}
		}
		for _, g := range doc.Events {
			if !g.Optional {
				continue
			}
			for i, s := range got {
				if !used[i] && matches(g, s) {
					used[i] = true
					break
				}
			}
		}
		plover := len(doc.Events) > 0 && doc.Events[0].Plover != ""
		for i, s := range got {
			if !used[i] {
				c.FP++
				if plover {
					root("plover:"+strings.ToUpper(s.Plover)).FP++
				} else {
					root(s.Root).FP++
				}
				rep.Falses = append(rep.Falses, False{Event: s})
			}
		}
		lang := doc.Lang
		if lang == "" {
			lang = "?"
		}
		if rep.ByLang[lang] == nil {
			rep.ByLang[lang] = &Counts{}
		}
		rep.ByLang[lang].Add(c)
		rep.All.Add(c)
	}
	return rep
}

func rankLess(a, b [2]bool) bool {
	if a[0] != b[0] {
		return !a[0]
	}
	return !a[1] && b[1]
}

func dayOf(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func okDates(g GoldEvent) []string {
	if g.Date == nil || *g.Date == "" {
		return nil
	}
	return append([]string{*g.Date}, g.DateAlternatives...)
}

func goldRoot(g GoldEvent) string {
	if g.Plover != "" {
		return "plover:" + strings.ToUpper(g.Plover)
	}
	r := g.Root
	if r == "" && len(g.Code) >= 2 {
		r = g.Code[:2]
	}
	if len(r) == 1 {
		r = "0" + r
	}
	return r
}

// actorKey is the actor as the scorer sees it: country, else org, else the
// first three letters of the CAMEO code.
func actorKey(a entente.Actor) string {
	switch {
	case a.Country != "":
		return strings.ToUpper(a.Country)
	case a.Org != "":
		return strings.ToUpper(a.Org)
	case a.Code != "":
		c := strings.ToUpper(a.Code)
		if len(c) > 3 && isAlpha(c[:3]) {
			return c[:3]
		}
		return c
	}
	return ""
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func same(g *string, s string) bool {
	return g == nil || *g == "" || strings.ToUpper(*g) == s
}

func matches(g GoldEvent, s entente.Event) bool {
	gr := goldRoot(g)
	if g.Plover != "" {
		if !strings.EqualFold(s.Plover, g.Plover) {
			return false
		}
	} else if s.Root != gr && !(s.Root == "" && len(s.Code) >= 2 && s.Code[:2] == gr) {
		return false
	}
	ss, st := actorKey(s.Source), actorKey(s.Target)
	if same(g.Source, ss) && same(g.Target, st) {
		return true
	}
	return (gr == "04" || g.Symmetric) && same(g.Source, st) && same(g.Target, ss)
}

// Write prints the report: one line per language and overall (the same
// figures as score.py), the table per root, and with verbose every miss
// and false event.
func (rep *Report) Write(w io.Writer, verbose bool) {
	line := func(name string, c Counts) {
		date := "nan"
		if d := c.DateAcc(); !math.IsNaN(d) {
			date = fmt.Sprintf("%.3f", d)
		}
		fmt.Fprintf(w, "%-6s gold=%4d tp=%4d fp=%4d P=%.3f R=%.3f F1=%.3f date_acc=%s\n",
			name, c.Gold, c.TP, c.FP, c.P(), c.R(), c.F1(), date)
	}
	var langs []string
	for l := range rep.ByLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		line(l, *rep.ByLang[l])
	}
	line("all", rep.All)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "root   gold   tp   fp     P     R    F1")
	var roots []string
	for r := range rep.ByRoot {
		roots = append(roots, r)
	}
	sort.Strings(roots)
	for _, r := range roots {
		c := rep.ByRoot[r]
		fmt.Fprintf(w, "%-6s %4d %4d %4d %.3f %.3f %.3f\n", r, c.Gold, c.TP, c.FP, c.P(), c.R(), c.F1())
	}
	if !verbose {
		return
	}
	fmt.Fprintln(w)
	for _, m := range rep.Misses {
		fmt.Fprintf(w, "  MISS  %s: %s->%s %s | %s\n", m.Doc, str(m.Event.Source), str(m.Event.Target), goldRoot(m.Event), clip(m.Event.Evidence, 100))
	}
	for _, f := range rep.Falses {
		e := f.Event
		fmt.Fprintf(w, "  FALSE %s: %s->%s %s [%s] %s | %s\n", e.Doc, actorKey(e.Source), actorKey(e.Target), e.Code, e.Evidence.Trigger, e.Rule, clip(e.Evidence.Text, 100))
	}
}

func str(p *string) string {
	if p == nil {
		return "None"
	}
	return *p
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
