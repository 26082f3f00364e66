package store

import (
	"cmp"
	"slices"

	"entente"
)

// Rollups are aggregates of the events that a store keeps beside them,
// changed in the same transaction as the events (ingest, recode), so that
// Series, Graph, Places and Count need not read every event when the
// filter allows:
//
//   - per day ("" for none), root and QuadClass: events and Goldstein sum;
//   - per day, dyad (the two sides' SideKey), root and QuadClass: the same;
//   - per dyad: the same;
//   - per actor (SideKey, either side, once per event): events, and the
//     first and last day of its dated events;
//   - per place (name and country): events, and the least of the place's
//     JSON forms (what Places shows);
//   - per country, role ("s": as source, "t": as target, "e": on either
//     side, once per event), day, root and QuadClass: what a series or a
//     count of one country's events reads;
//   - per month (YYYY-MM) and actor, per month and dyad, per month and
//     place, and per day and place, of dated events: what a graph or a
//     map over a date range reads (whole months from the rollups per
//     month, the days of a month cut by the range from those per day).
//
// Deltas gathers what one transaction changes; each store writes it with
// its own SQL, in the key order of Sorted, so that concurrent writers
// lock rows in one order.

// SideKey is an actor's key in a graph and in the rollups: its
// knowledge-base id when it has one, else its ActorKey.
func SideKey(a entente.Actor) string {
	if a.ID != "" {
		return a.ID
	}
	return ActorKey(a)
}

// Fact is what the rollups know of one event.
type Fact struct {
	Day                          string // "" when undated
	Source, Target               string // SideKey of each
	SourceCountry, TargetCountry string // "" when none
	Root                         string
	Quad                         int
	Goldstein                    float64
}

// FactOf returns the rollups' view of a coded event.
func FactOf(e *entente.Event) Fact {
	f := Fact{Source: SideKey(e.Source), Target: SideKey(e.Target), SourceCountry: e.Source.Country, TargetCountry: e.Target.Country,
		Root: e.Root, Quad: e.Quad, Goldstein: e.Goldstein}
	if e.Date != nil {
		f.Day = *e.Date
	}
	return f
}

// DayKey keys the rollup per day, root and QuadClass.
type DayKey struct {
	Day, Root string
	Quad      int
}

// DyadKey keys the rollup per day, dyad, root and QuadClass.
type DyadKey struct {
	Day, Source, Target, Root string
	Quad                      int
}

// PairKey keys the rollup per dyad.
type PairKey struct{ Source, Target string }

// PlaceKey keys the rollup per place.
type PlaceKey struct{ Name, Country string }

// CountryKey keys the rollup per country, role, day, root and
// QuadClass.
type CountryKey struct {
	Country, Role, Day, Root string
	Quad                     int
}

// NodeMonthKey keys the rollup per month and actor.
type NodeMonthKey struct{ Month, Key string }

// PairMonthKey keys the rollup per month and dyad.
type PairMonthKey struct{ Month, Source, Target string }

// PlaceDayKey keys the rollups per day (or month) and place: Day is the
// day, or the month.
type PlaceDayKey struct{ Day, Name, Country string }

// Month is the month (YYYY-MM) of a day (YYYY-MM-DD).
func Month(day string) string {
	if len(day) < 7 {
		return day
	}
	return day[:7]
}

// Sum is a change of one rollup row.
type Sum struct {
	Events    int
	Goldstein float64
}

// PlaceSum is a change of one place's row: Place is the least JSON form
// added ("" when none was); Removed tells that some event left the place,
// so that its least form must be found again.
type PlaceSum struct {
	Events  int
	Place   string
	Removed bool
}

// NodeSum is a change of one actor's row: First and Last are the least
// and greatest day added ("" when none was); Removed tells that some
// event left it, so that its days must be found again.
type NodeSum struct {
	Events      int
	First, Last string
	Removed     bool
}

// NoActor is the SideKey of a side without an actor, which the rollup per
// actor leaves out (as Graph does).
const NoActor = "|||"

// Deltas is what a transaction changes in the rollups.
type Deltas struct {
	Days        map[DayKey]*Sum
	Dyads       map[DyadKey]*Sum
	Pairs       map[PairKey]*Sum
	Nodes       map[string]*NodeSum
	Places      map[PlaceKey]*PlaceSum
	NodeMonths  map[NodeMonthKey]*NodeSum
	PairMonths  map[PairMonthKey]*Sum
	PlaceDays   map[PlaceDayKey]*Sum
	PlaceMonths map[PlaceDayKey]*Sum
	Countries   map[CountryKey]*Sum
}

// NewDeltas returns empty deltas.
func NewDeltas() *Deltas {
	return &Deltas{Days: map[DayKey]*Sum{}, Dyads: map[DyadKey]*Sum{}, Pairs: map[PairKey]*Sum{},
		Nodes: map[string]*NodeSum{}, Places: map[PlaceKey]*PlaceSum{},
		NodeMonths: map[NodeMonthKey]*NodeSum{}, PairMonths: map[PairMonthKey]*Sum{},
		PlaceDays: map[PlaceDayKey]*Sum{}, PlaceMonths: map[PlaceDayKey]*Sum{}, Countries: map[CountryKey]*Sum{}}
}

// node counts an event in or out of an actor's row s, made when nil.
func node(s *NodeSum, day string, n int) *NodeSum {
	if s == nil {
		s = &NodeSum{}
	}
	s.Events += n
	switch {
	case n < 0:
		s.Removed = true
	case day == "":
	default:
		if s.First == "" || day < s.First {
			s.First = day
		}
		if day > s.Last {
			s.Last = day
		}
	}
	return s
}

func add[K comparable](m map[K]*Sum, k K, n int, g float64) {
	s := m[k]
	if s == nil {
		s = &Sum{}
		m[k] = s
	}
	s.Events += n
	s.Goldstein += float64(n) * g
}

// Event counts an event in (n = 1) or out of (n = -1) the rollups.
func (d *Deltas) Event(f Fact, n int) {
	add(d.Days, DayKey{f.Day, f.Root, f.Quad}, n, f.Goldstein)
	add(d.Dyads, DyadKey{f.Day, f.Source, f.Target, f.Root, f.Quad}, n, f.Goldstein)
	add(d.Pairs, PairKey{f.Source, f.Target}, n, f.Goldstein)
	for i, c := range [][2]string{{f.SourceCountry, "s"}, {f.TargetCountry, "t"}, {f.SourceCountry, "e"}, {f.TargetCountry, "e"}} {
		if c[0] == "" || (i == 3 && f.TargetCountry == f.SourceCountry) {
			continue // no country, or one country on both sides: counted once on either side
		}
		add(d.Countries, CountryKey{c[0], c[1], f.Day, f.Root, f.Quad}, n, f.Goldstein)
	}
	month := Month(f.Day)
	if f.Day != "" {
		add(d.PairMonths, PairMonthKey{month, f.Source, f.Target}, n, f.Goldstein)
	}
	for i, k := range []string{f.Source, f.Target} {
		if k == NoActor || (i == 1 && k == f.Source) {
			continue
		}
		d.Nodes[k] = node(d.Nodes[k], f.Day, n)
		if f.Day != "" {
			mk := NodeMonthKey{month, k}
			d.NodeMonths[mk] = node(d.NodeMonths[mk], f.Day, n)
		}
	}
}

// Place counts an event of day ("" when undated) in (n = 1) or out of
// (n = -1) its place, whose JSON form is place.
func (d *Deltas) Place(name, country, day, place string, n int) {
	if day != "" {
		add(d.PlaceDays, PlaceDayKey{day, name, country}, n, 0)
		add(d.PlaceMonths, PlaceDayKey{Month(day), name, country}, n, 0)
	}
	k := PlaceKey{name, country}
	s := d.Places[k]
	if s == nil {
		s = &PlaceSum{}
		d.Places[k] = s
	}
	s.Events += n
	if n < 0 {
		s.Removed = true
	} else if s.Place == "" || place < s.Place {
		s.Place = place
	}
}

// Len is the number of rows the deltas change at most.
func (d *Deltas) Len() int {
	return len(d.Days) + len(d.Dyads) + len(d.Pairs) + len(d.Nodes) + len(d.Places) +
		len(d.NodeMonths) + len(d.PairMonths) + len(d.PlaceDays) + len(d.PlaceMonths) + len(d.Countries)
}

// Reset empties the deltas.
func (d *Deltas) Reset() {
	clear(d.Days)
	clear(d.Dyads)
	clear(d.Pairs)
	clear(d.Nodes)
	clear(d.Places)
	clear(d.NodeMonths)
	clear(d.PairMonths)
	clear(d.PlaceDays)
	clear(d.PlaceMonths)
	clear(d.Countries)
}

// Sorted returns the keys of m in the order cmp gives, leaving out
// changes that cancel out (an event that left and another of another
// Goldstein score that came change the sum, not the count).
func Sorted[K comparable](m map[K]*Sum, cmp func(a, b K) int) []K {
	keys := make([]K, 0, len(m))
	for k, s := range m {
		if s.Events != 0 || s.Goldstein != 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, cmp)
	return keys
}

// CompareDay orders the keys of the rollup per day.
func CompareDay(a, b DayKey) int {
	return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(a.Root, b.Root), cmp.Compare(a.Quad, b.Quad))
}

// CompareDyad orders the keys of the rollup per day and dyad.
func CompareDyad(a, b DyadKey) int {
	return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target), cmp.Compare(a.Day, b.Day),
		cmp.Compare(a.Root, b.Root), cmp.Compare(a.Quad, b.Quad))
}

// ComparePair orders the keys of the rollup per dyad.
func ComparePair(a, b PairKey) int {
	return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target))
}

// CompareCountry orders the keys of the rollup per country.
func CompareCountry(a, b CountryKey) int {
	return cmp.Or(cmp.Compare(a.Country, b.Country), cmp.Compare(a.Role, b.Role), cmp.Compare(a.Day, b.Day),
		cmp.Compare(a.Root, b.Root), cmp.Compare(a.Quad, b.Quad))
}

// ComparePairMonth orders the keys of the rollup per month and dyad.
func ComparePairMonth(a, b PairMonthKey) int {
	return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target), cmp.Compare(a.Month, b.Month))
}

// ComparePlaceDay orders the keys of the rollups per day (or month) and
// place.
func ComparePlaceDay(a, b PlaceDayKey) int {
	return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Country, b.Country))
}

// SortedNodeMonths returns the keys of the actors' months that changed,
// in order.
func (d *Deltas) SortedNodeMonths() []NodeMonthKey {
	keys := make([]NodeMonthKey, 0, len(d.NodeMonths))
	for k, s := range d.NodeMonths {
		if s.Events != 0 || s.Removed {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b NodeMonthKey) int {
		return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Key, b.Key))
	})
	return keys
}

// SortedPlaces returns the keys of the places that changed, in order.
func (d *Deltas) SortedPlaces() []PlaceKey {
	keys := make([]PlaceKey, 0, len(d.Places))
	for k, s := range d.Places {
		if s.Events != 0 || s.Removed {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b PlaceKey) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Country, b.Country))
	})
	return keys
}

// SortedNodes returns the keys of the actors that changed, in order.
func (d *Deltas) SortedNodes() []string {
	keys := make([]string, 0, len(d.Nodes))
	for k, s := range d.Nodes {
		if s.Events != 0 || s.Removed {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// ByDay reports whether the rollups per day (and per day and dyad) can
// answer for f: it selects by date range, QuadClass and CAMEO root (a
// code of at most two digits) only, or not at all.
func ByDay(f Filter) bool {
	return f.Actor == "" && f.Country == "" && f.Sector == "" && f.Dyad == [2]string{} && !f.Undirected &&
		(f.Role == "" || f.Role == "source" || f.Role == "target") &&
		len(f.Code) <= 2 && f.Modality == "" && f.Lang == "" && f.PlaceCountry == "" &&
		len(Words(f.Text)) == 0 && len(f.IDs) == 0 && len(f.Docs) == 0
}

// ByCountry reports whether the rollup per country can answer for f
// with the rollup per day's filters: it selects by a country (Country,
// or Actor when actorIsCountry tells that it names a country, on the
// side Role names) and else by date range, QuadClass and CAMEO root
// only. It returns the country and the role's key in the rollup.
func ByCountry(f Filter, actorIsCountry bool) (country, role string, ok bool) {
	g := f
	g.Country, g.Actor = "", ""
	switch {
	case !ByDay(g):
		return "", "", false
	case f.Country != "" && f.Actor == "":
		country = f.Country
	case f.Actor != "" && f.Country == "" && actorIsCountry:
		country = f.Actor
	default:
		return "", "", false
	}
	switch f.Role {
	case "source":
		role = "s"
	case "target":
		role = "t"
	default:
		role = "e"
	}
	return country, role, true
}

// Unfiltered reports whether f selects every event.
func Unfiltered(f Filter) bool {
	return ByDay(f) && f.Code == "" && f.Quad == 0 && f.From == "" && f.To == ""
}
