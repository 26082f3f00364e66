package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"entente"
	"entente/internal/store"
)

// testRollups stores a mixed set of events (actors of every kind, every
// QuadClass, dated and undated, places known, unknown, without a country
// and learnt from a later report), recodes some documents (events added
// and removed), then checks that Series, Graph, Places and Count answer,
// for filters that the rollups a store keeps can serve and for filters
// they cannot, fixed and drawn at random, what the selected events
// themselves add up to (read through Events, a full scan).
func testRollups(t *testing.T, s store.Store) {
	ctx := context.Background()
	actors := []entente.Actor{iran, russia, un, usa, rusMil, ukraine, shoigu, {Name: "protesters"}, {Name: "the police", Sector: "COP"}}
	vague := &entente.Place{Name: "Tehran", Lat: 35.7, Lon: 51.4}
	// Another form of the same place: Places shows the least of them,
	// whatever the filter.
	tehran2 := &entente.Place{Name: "Tehran", Country: "IRN", Lat: 35.69, Lon: 51.39, GeonamesID: 112931}
	places := []*entente.Place{moscow, nil, kazan, vague, tehran, nil, tehran2}
	codes := []struct {
		code, root string
		quad       int
		g          float64
	}{{"040", "04", 1, 1}, {"036", "03", 1, 4}, {"112", "11", 3, -2}, {"130", "13", 3, -4.4},
		{"190", "19", 4, -10}, {"193", "19", 4, -10}, {"057", "05", 2, 8}, {"0874", "08", 2, 7.4}}
	var docs []*entente.Document
	for d := range 24 {
		var evs []*entente.Event
		var text []string
		for i := range 7 {
			n := d*7 + i
			c := codes[(n*5+d)%len(codes)]
			src, tgt := actors[(n*3)%len(actors)], actors[(n*7+d+1)%len(actors)]
			date := ""
			if n%9 != 4 {
				date = time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (n*13)%45).Format(time.DateOnly)
			}
			e := coded(c.code, c.root, c.quad, c.g, src, tgt, date, places[(n+d)%len(places)])
			if n%11 == 3 {
				e.Modality = entente.Negated
			}
			evs = append(evs, e)
			text = append(text, fmt.Sprintf("Sentence %d of report %d.", i, d))
		}
		if d > 0 && d%3 == 0 {
			// A report of events told before, one of them with a place
			// its first report did not know.
			again := docs[d-1].Events[1]
			again.Place = tehran
			old := docs[d-2].Events[0]
			evs = append(evs, &again, &old)
			text = append(text, "Told again.", "Told once more.")
		}
		doc := document(fmt.Sprintf("mixed-%d.txt", d), fmt.Sprintf("Site %d", d%4), text, evs...)
		if d%4 == 1 {
			doc.Lang = "fr"
		}
		docs = append(docs, doc)
	}
	ids := map[string]int64{}
	for _, doc := range docs {
		ids[doc.ID] = ingest(t, s, doc).Doc
	}
	// Recoding: a document loses two events (some then have no mention
	// left), another gains one.
	lost := *docs[5]
	lost.Events = slices.Delete(slices.Clone(lost.Events), 1, 3)
	recode(t, s, ids[lost.ID], &lost, "agg")
	gained := *docs[7]
	extra := *coded("1823", "18", 4, -9, ukraine, rusMil, "2025-01-09", kazan)
	extra.Evidence = entente.Evidence{Text: "Added.", Start: 0, End: 6, Trigger: "x"}
	gained.Events = append(slices.Clone(gained.Events), extra)
	recode(t, s, ids[gained.ID], &gained, "agg")
	// A document whose events alone hold an actor, a place and the
	// earliest and latest days of others, recoded to none: the rollups
	// forget the actor and the place, and find the others' days again.
	penguins := entente.Actor{Name: "penguins", Country: "ATA"}
	station := &entente.Place{Name: "Vostok", Country: "ATA", Lat: -78.46, Lon: 106.84}
	edge := document("edge.txt", "Polar Wire", []string{"One.", "Two.", "Three."},
		coded("040", "04", 1, 1, penguins, iran, "2024-11-01", station),
		coded("112", "11", 3, -2, iran, penguins, "2025-03-01", moscow),
		coded("057", "05", 2, 8, ukraine, usa, "2024-11-02", vague))
	edgeID := ingest(t, s, edge).Doc
	if g, err := s.Graph(ctx, store.Filter{}, 100); err != nil || !strings.Contains(graphSummary(g), "node ATA|||") {
		t.Fatalf("Graph after edge.txt = %v, %v; want the penguins in it", g, err)
	}
	none := *edge
	none.Events = nil
	recode(t, s, edgeID, &none, "agg")

	filters := []store.Filter{
		{},
		{From: "2024-12-25", To: "2025-01-20"},
		// Whole months, and days of months cut by the range (the
		// rollups per month and per day).
		{From: "2025-01-01", To: "2025-01-31"},
		{From: "2024-11-01"},
		{To: "2025-01-31"},
		{From: "2024-12-20", To: "2025-02-03"},
		{From: "2024-10-01", To: "2024-12-31"},
		{From: "2025-01-03", To: "2025-01-09"},
		{Quad: 4},
		{Code: "19"},
		{Code: "1", From: "2025-01-01"},
		{Actor: "IRN"},
		{Actor: "IRN", Role: "source"},
		{Actor: "sergei-shoigu"},
		{Actor: "UN"},
		{Actor: "RUSMIL"},
		{Country: "RUS"},
		{Country: "RUS", Role: "target", Quad: 1},
		{Sector: "MIL"},
		{Dyad: [2]string{"IRN", "RUS"}},
		{Dyad: [2]string{"RUS", "IRN"}, Undirected: true, From: "2025-01-01"},
		{Dyad: [2]string{"", "UKR"}},
		{Lang: "fr"},
		{Code: "190"},
		{Modality: entente.Negated},
		{PlaceCountry: "RUS"},
		{Actor: "nobody"},
		// A QuadClass or root, and one country's, without dates (the
		// rollups per place by QuadClass and root, and per country and
		// place); a few days of one country.
		{Code: "0"},
		{Quad: 2, Code: "05"},
		{Actor: "IRN", Role: "target"},
		{Country: "IRN", Code: "1"},
		{Actor: "RUS", Quad: 3},
		{Country: "IRN", Role: "source", From: "2025-01-03", To: "2025-01-09"},
		// A QuadClass or root over dates (the rollups per month or day,
		// QuadClass, root and place); one country's graph (per country
		// and actor or dyad) and map over dates (per country, month or
		// day and place).
		{Quad: 4, From: "2024-12-25", To: "2025-01-20"},
		{Code: "19", From: "2025-01-01"},
		{Quad: 1, To: "2024-12-31"},
		{Country: "RUS", From: "2024-12-01", To: "2025-01-31"},
		{Actor: "IRN", To: "2025-01-09"},
		{Country: "RUS", Role: "source", Code: "1"},
		{Actor: "UKR"},
	}
	r := rand.New(rand.NewPCG(9, uint64(len(filters))))
	day := func() string {
		return time.Date(2024, 12, 18, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(50)).Format(time.DateOnly)
	}
	for range 40 {
		var f store.Filter
		if r.IntN(2) == 0 {
			f.From = day()
		}
		if r.IntN(2) == 0 {
			f.To = day()
		}
		if r.IntN(3) == 0 {
			f.Quad = 1 + r.IntN(4)
		}
		switch r.IntN(4) {
		case 0:
			f.Code = codes[r.IntN(len(codes))].root
		case 1:
			f.Code = codes[r.IntN(len(codes))].root[:1]
		}
		switch r.IntN(6) { // now and then, a filter the rollups cannot serve
		case 0:
			f.Actor = []string{"IRN", "RUS", "UN", "sergei-shoigu"}[r.IntN(4)]
		case 1:
			f.Lang = "fr"
		case 2:
			f.Country = []string{"IRN", "RUS", "UKR"}[r.IntN(3)]
			f.Role = []string{"", "source", "target"}[r.IntN(3)]
		}
		filters = append(filters, f)
	}
	all := selected(t, s, store.Filter{})
	for _, f := range filters {
		evs := selected(t, s, f)
		undated := 0
		for _, e := range evs {
			if e.Date == nil {
				undated++
			}
		}
		if got, err := s.Count(ctx, f); err != nil || got != (store.Total{Events: len(evs), Undated: undated}) {
			t.Errorf("Count(%+v) = %+v, %v; want %d events, %d undated (from the events)", f, got, err, len(evs), undated)
		}
		for _, q := range []store.SeriesQuery{{}, {Interval: "week", By: "root"}, {Interval: "month"}} {
			got, err := s.Series(ctx, f, q)
			if err != nil {
				t.Fatalf("Series(%+v, %+v): %v", f, q, err)
			}
			if want := seriesOf(evs, q); !sameBuckets(got, want) {
				t.Errorf("Series(%+v, %+v) =\n%v\nwant (from the events)\n%v", f, q, got, want)
			}
		}
		for _, limit := range []int{3, 5, 50} {
			g, err := s.Graph(ctx, f, limit)
			if err != nil {
				t.Fatalf("Graph(%+v, %d): %v", f, limit, err)
			}
			if got, want := graphSummary(g), graphSummary(graphOf(evs, limit)); got != want {
				t.Errorf("Graph(%+v, %d) =\n%s\nwant (from the events)\n%s", f, limit, got, want)
			}
		}
		for _, limit := range []int{2, 100} {
			got, err := s.Places(ctx, f, limit)
			if err != nil {
				t.Fatalf("Places(%+v, %d): %v", f, limit, err)
			}
			if want := placesOf(evs, all, limit); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("Places(%+v, %d) = %v, want (from the events) %v", f, limit, got, want)
			}
		}
	}
}

// selected returns every event that f selects.
func selected(t *testing.T, s store.Store, f store.Filter) []store.Event {
	t.Helper()
	var out []store.Event
	p := store.Page{Sort: "id", Limit: 1000}
	for {
		page, err := s.Events(context.Background(), f, p)
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		out = append(out, page.Events...)
		if page.Next == "" {
			return out
		}
		p.Cursor = page.Next
	}
}

func seriesOf(evs []store.Event, q store.SeriesQuery) []store.Bucket {
	type k struct{ period, key string }
	sums := map[k]*store.Bucket{}
	for _, e := range evs {
		if e.Date == nil {
			continue
		}
		d, _ := time.Parse(time.DateOnly, *e.Date)
		switch q.Interval {
		case "week":
			d = d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
		case "month":
			d = time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
		key := fmt.Sprint(e.Quad)
		if q.By == "root" {
			key = e.Root
		}
		b := sums[k{d.Format(time.DateOnly), key}]
		if b == nil {
			b = &store.Bucket{Period: d.Format(time.DateOnly), Key: key}
			sums[k{b.Period, key}] = b
		}
		b.Count++
		b.GoldsteinSum += e.Goldstein
	}
	out := []store.Bucket{}
	for _, b := range sums {
		b.GoldsteinMean = b.GoldsteinSum / float64(b.Count)
		out = append(out, *b)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Period != out[j].Period {
			return out[i].Period < out[j].Period
		}
		return out[i].Key < out[j].Key
	})
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func sameBuckets(a, b []store.Bucket) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Period != b[i].Period || a[i].Key != b[i].Key || a[i].Count != b[i].Count ||
			!near(a[i].GoldsteinSum, b[i].GoldsteinSum) || !near(a[i].GoldsteinMean, b[i].GoldsteinMean) {
			return false
		}
	}
	return true
}

// sideKey is an actor's key in a graph: its knowledge-base id, else its
// store.ActorKey.
func sideKey(a entente.Actor) string {
	if a.ID != "" {
		return a.ID
	}
	return store.ActorKey(a)
}

func graphOf(evs []store.Event, limit int) *store.Graph {
	nodes := map[string]*store.ActorCount{}
	see := func(k, date string) {
		if k == "|||" {
			return
		}
		n := nodes[k]
		if n == nil {
			n = &store.ActorCount{Key: k}
			nodes[k] = n
		}
		n.Events++
		if date != "" {
			if n.First == nil || date < *n.First {
				n.First = ptr(date)
			}
			if n.Last == nil || date > *n.Last {
				n.Last = ptr(date)
			}
		}
	}
	for _, e := range evs {
		date := ""
		if e.Date != nil {
			date = *e.Date
		}
		s, t := sideKey(e.Source), sideKey(e.Target)
		see(s, date)
		if t != s {
			see(t, date)
		}
	}
	g := &store.Graph{Nodes: []store.ActorCount{}, Edges: []store.Edge{}}
	for _, n := range nodes {
		g.Nodes = append(g.Nodes, *n)
	}
	sort.Slice(g.Nodes, func(i, j int) bool {
		if g.Nodes[i].Events != g.Nodes[j].Events {
			return g.Nodes[i].Events > g.Nodes[j].Events
		}
		return g.Nodes[i].Key < g.Nodes[j].Key
	})
	if len(g.Nodes) > limit {
		g.Nodes = g.Nodes[:limit]
	}
	top := map[string]bool{}
	for _, n := range g.Nodes {
		top[n.Key] = true
	}
	type pair struct{ s, t string }
	edges := map[pair]*store.Edge{}
	for _, e := range evs {
		p := pair{sideKey(e.Source), sideKey(e.Target)}
		if !top[p.s] || !top[p.t] {
			continue
		}
		ed := edges[p]
		if ed == nil {
			ed = &store.Edge{Source: p.s, Target: p.t}
			edges[p] = ed
		}
		ed.Count++
		ed.GoldsteinMean += e.Goldstein // a sum until divided below
	}
	for _, ed := range edges {
		ed.GoldsteinMean /= float64(ed.Count)
		g.Edges = append(g.Edges, *ed)
	}
	sort.Slice(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Target < b.Target
	})
	return g
}

// graphSummary is what two graphs must share: node keys, counts and
// dates, edges and their means (rounded: sums may add up in another
// order).
func graphSummary(g *store.Graph) string {
	s := ""
	str := func(p *string) string {
		if p == nil {
			return "-"
		}
		return *p
	}
	for _, n := range g.Nodes {
		s += fmt.Sprintf("node %s %d %s %s\n", n.Key, n.Events, str(n.First), str(n.Last))
	}
	for _, e := range g.Edges {
		s += fmt.Sprintf("edge %s > %s %d %.9f\n", e.Source, e.Target, e.Count, e.GoldsteinMean)
	}
	return s
}

// placesOf counts the places of evs, each in the least of the forms
// that the events of all give it.
func placesOf(evs, all []store.Event, limit int) []store.PlaceCount {
	type k struct{ name, country string }
	least := map[k]string{}
	forms := map[k]entente.Place{}
	for _, e := range all {
		if e.Place == nil {
			continue
		}
		key := k{e.Place.Name, e.Place.Country}
		b, _ := json.Marshal(e.Place)
		if f, ok := least[key]; !ok || string(b) < f {
			least[key], forms[key] = string(b), *e.Place
		}
	}
	counts := map[k]int{}
	for _, e := range evs {
		if e.Place != nil {
			counts[k{e.Place.Name, e.Place.Country}]++
		}
	}
	out := []store.PlaceCount{}
	for key, n := range counts {
		out = append(out, store.PlaceCount{Place: forms[key], Events: n})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Country < b.Country
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
