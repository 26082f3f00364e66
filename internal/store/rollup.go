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
//     place, per day and actor, and per day and place, of dated events:
//     what a graph or a map over a date range reads (whole months from
//     the rollups per month, the days of a month cut by the range from
//     those per day);
//   - per QuadClass, root and place, and per country, role, QuadClass,
//     root and place: what a map of a QuadClass or root, or of one
//     country's events, reads;
//   - per QuadClass, root and actor (with its first and last day), and
//     per dyad, QuadClass and root: what a graph of a QuadClass or root
//     reads;
//   - per country, role, QuadClass, root and actor (with its first and
//     last day), and per country, role, dyad, QuadClass and root: what a
//     graph of one country's events (of a QuadClass or root) reads;
//   - per QuadClass, root, month and place, and per QuadClass, root, day
//     and place, of dated events: what a map of a QuadClass or root over
//     a date range reads (whole months, then the days of the months the
//     range cuts);
//   - per country, role, month and place, and per country, role, day and
//     place, of dated events: what a map of one country's events over a
//     date range reads.
//
// Deltas gathers what one transaction changes; each store writes its
// Changes, table by table (Tables), with one upsert of its own SQL.

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

// Month is the month (YYYY-MM) of a day (YYYY-MM-DD).
func Month(day string) string {
	if len(day) < 7 {
		return day
	}
	return day[:7]
}

// NoActor is the SideKey of a side without an actor, which the rollups
// per actor leave out (as Graph does).
const NoActor = "|||"

// A Table is one rollup table as the stores write it: its key columns
// and the columns a change adds to or bounds, each named for what it
// holds (see Row.Values and Merge).
type Table struct {
	Name string
	Keys []string
	Cols []string
}

// Merge is the SQL of col's new value when a written row (aliased
// excluded) meets the stored row of its key (aliased r): counts and sums
// add up, first and last days and the least place form are bounds.
func Merge(col string) string {
	switch col {
	case "first":
		return "CASE WHEN r.first IS NULL OR excluded.first < r.first THEN excluded.first ELSE r.first END"
	case "last":
		return "CASE WHEN r.last IS NULL OR excluded.last > r.last THEN excluded.last ELSE r.last END"
	case "place":
		return "CASE WHEN excluded.place <> '' AND excluded.place < r.place THEN excluded.place ELSE r.place END"
	}
	return "r." + col + " + excluded." + col
}

// The rollup tables, in the order a transaction writes them: those per
// actor, which find their first and last days again in the rollup per
// day and dyad, come after it.
const (
	tDays = iota
	tDyads
	tPairs
	tNodes
	tPlaces
	tNodeMonths
	tNodeDays
	tPairMonths
	tCountries
	tPlaceDays
	tPlaceMonths
	tPlaceRoots
	tCountryPlaces
	tNodeRoots
	tPairRoots
	tCountryNodes
	tCountryPairs
	tPlaceRootMonths
	tPlaceRootDays
	tCountryPlaceMonths
	tCountryPlaceDays
	nTables
)

// Tables are the rollup tables (see the package comment above).
var Tables = [nTables]Table{
	tDays:               {"rollup_days", []string{"day", "root", "quad"}, []string{"events", "goldstein"}},
	tDyads:              {"rollup_dyads", []string{"source", "target", "day", "root", "quad"}, []string{"events", "goldstein"}},
	tPairs:              {"rollup_pairs", []string{"source", "target"}, []string{"events", "goldstein"}},
	tNodes:              {"rollup_nodes", []string{"key"}, []string{"events", "first", "last"}},
	tPlaces:             {"rollup_places", []string{"name", "country"}, []string{"place", "events"}},
	tNodeMonths:         {"rollup_node_months", []string{"month", "key"}, []string{"events", "first", "last"}},
	tNodeDays:           {"rollup_node_days", []string{"day", "key"}, []string{"events"}},
	tPairMonths:         {"rollup_pair_months", []string{"source", "target", "month"}, []string{"events", "goldstein"}},
	tCountries:          {"rollup_countries", []string{"country", "role", "day", "root", "quad"}, []string{"events", "goldstein"}},
	tPlaceDays:          {"rollup_place_days", []string{"day", "name", "country"}, []string{"events"}},
	tPlaceMonths:        {"rollup_place_months", []string{"month", "name", "country"}, []string{"events"}},
	tPlaceRoots:         {"rollup_place_roots", []string{"quad", "root", "name", "country"}, []string{"events"}},
	tCountryPlaces:      {"rollup_country_places", []string{"country", "role", "quad", "root", "name", "place_country"}, []string{"events"}},
	tNodeRoots:          {"rollup_node_roots", []string{"quad", "root", "key"}, []string{"events", "first", "last"}},
	tPairRoots:          {"rollup_pair_roots", []string{"source", "target", "quad", "root"}, []string{"events", "goldstein"}},
	tCountryNodes:       {"rollup_country_nodes", []string{"country", "role", "quad", "root", "key"}, []string{"events", "first", "last"}},
	tCountryPairs:       {"rollup_country_pairs", []string{"country", "role", "source", "target", "quad", "root"}, []string{"events", "goldstein"}},
	tPlaceRootMonths:    {"rollup_place_root_months", []string{"quad", "root", "month", "name", "country"}, []string{"events"}},
	tPlaceRootDays:      {"rollup_place_root_days", []string{"quad", "root", "day", "name", "country"}, []string{"events"}},
	tCountryPlaceMonths: {"rollup_country_place_months", []string{"country", "role", "month", "name", "place_country"}, []string{"events"}},
	tCountryPlaceDays:   {"rollup_country_place_days", []string{"country", "role", "day", "name", "place_country"}, []string{"events"}},
}

// rowKey is a row's key as a map key: its key columns' values in order.
type rowKey [6]any

// Row is the change of one rollup row.
type Row struct {
	Key       []any // values of the table's Keys (string, or int for quad)
	Events    int
	Goldstein float64
	// First and Last are the least and greatest day added ("" when none
	// was), Place the least JSON form added.
	First, Last, Place string
	// Removed tells that some event left the row: it may be left with no
	// event (and go), or have lost its first or last day or least form.
	Removed bool
}

// Values returns the values of t's Cols that r writes (NULL for a first
// or last day it has none of).
func (r *Row) Values(t *Table) []any {
	out := make([]any, len(t.Cols))
	for i, c := range t.Cols {
		switch c {
		case "events":
			out[i] = r.Events
		case "goldstein":
			out[i] = r.Goldstein
		case "first":
			out[i] = nullIfEmpty(r.First)
		case "last":
			out[i] = nullIfEmpty(r.Last)
		case "place":
			out[i] = r.Place
		}
	}
	return out
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Deltas is what a transaction changes in the rollups.
type Deltas struct {
	rows [nTables]map[rowKey]*Row
}

// NewDeltas returns empty deltas.
func NewDeltas() *Deltas {
	d := &Deltas{}
	for i := range d.rows {
		d.rows[i] = map[rowKey]*Row{}
	}
	return d
}

// add counts n events of Goldstein score g, of day ("" when undated,
// or none kept), in or out of table t's row of key.
func (d *Deltas) add(t int, n int, g float64, day string, key ...any) *Row {
	var k rowKey
	copy(k[:], key)
	r := d.rows[t][k]
	if r == nil {
		r = &Row{Key: key}
		d.rows[t][k] = r
	}
	r.Events += n
	r.Goldstein += float64(n) * g
	switch {
	case n < 0:
		r.Removed = true
	case day == "":
	default:
		if r.First == "" || day < r.First {
			r.First = day
		}
		if day > r.Last {
			r.Last = day
		}
	}
	return r
}

// sides calls fn with each country of f's sides and its role in the
// rollups per country: "s" (source), "t" (target), "e" (either side,
// once an event).
func (f Fact) sides(fn func(country, role string)) {
	for i, c := range [][2]string{{f.SourceCountry, "s"}, {f.TargetCountry, "t"}, {f.SourceCountry, "e"}, {f.TargetCountry, "e"}} {
		if c[0] == "" || (i == 3 && f.TargetCountry == f.SourceCountry) {
			continue // no country, or one country on both sides: counted once on either side
		}
		fn(c[0], c[1])
	}
}

// Event counts an event in (n = 1) or out of (n = -1) the rollups.
func (d *Deltas) Event(f Fact, n int) {
	g := f.Goldstein
	d.add(tDays, n, g, "", f.Day, f.Root, f.Quad)
	d.add(tDyads, n, g, "", f.Source, f.Target, f.Day, f.Root, f.Quad)
	d.add(tPairs, n, g, "", f.Source, f.Target)
	d.add(tPairRoots, n, g, "", f.Source, f.Target, f.Quad, f.Root)
	f.sides(func(country, role string) {
		d.add(tCountries, n, g, "", country, role, f.Day, f.Root, f.Quad)
		d.add(tCountryPairs, n, g, "", country, role, f.Source, f.Target, f.Quad, f.Root)
		for i, k := range []string{f.Source, f.Target} {
			if k == NoActor || (i == 1 && k == f.Source) {
				continue
			}
			d.add(tCountryNodes, n, 0, f.Day, country, role, f.Quad, f.Root, k)
		}
	})
	month := Month(f.Day)
	if f.Day != "" {
		d.add(tPairMonths, n, g, "", f.Source, f.Target, month)
	}
	for i, k := range []string{f.Source, f.Target} {
		if k == NoActor || (i == 1 && k == f.Source) {
			continue
		}
		d.add(tNodes, n, 0, f.Day, k)
		d.add(tNodeRoots, n, 0, f.Day, f.Quad, f.Root, k)
		if f.Day != "" {
			d.add(tNodeMonths, n, 0, f.Day, month, k)
			d.add(tNodeDays, n, 0, "", f.Day, k)
		}
	}
}

// Place counts an event (f) in (n = 1) or out of (n = -1) its place:
// name, country ("" when unknown) and JSON form place.
func (d *Deltas) Place(f Fact, name, country, place string, n int) {
	if f.Day != "" {
		d.add(tPlaceDays, n, 0, "", f.Day, name, country)
		d.add(tPlaceMonths, n, 0, "", Month(f.Day), name, country)
		d.add(tPlaceRootDays, n, 0, "", f.Quad, f.Root, f.Day, name, country)
		d.add(tPlaceRootMonths, n, 0, "", f.Quad, f.Root, Month(f.Day), name, country)
	}
	d.add(tPlaceRoots, n, 0, "", f.Quad, f.Root, name, country)
	f.sides(func(c, role string) {
		d.add(tCountryPlaces, n, 0, "", c, role, f.Quad, f.Root, name, country)
		if f.Day != "" {
			d.add(tCountryPlaceDays, n, 0, "", c, role, f.Day, name, country)
			d.add(tCountryPlaceMonths, n, 0, "", c, role, Month(f.Day), name, country)
		}
	})
	r := d.add(tPlaces, n, 0, "", name, country)
	if n > 0 && (r.Place == "" || place < r.Place) {
		r.Place = place
	}
}

// RollupChange is what a transaction changes in one rollup table.
type RollupChange struct {
	*Table
	Rows []*Row
}

// Changes returns the rows that changed, table by table in the order
// of Tables and in key order within a table, so that concurrent writers
// lock rows in one order. Changes that cancel out are left out.
func (d *Deltas) Changes() []RollupChange {
	var out []RollupChange
	for t := range d.rows {
		var rows []*Row
		for _, r := range d.rows[t] {
			if r.Events != 0 || r.Goldstein != 0 || r.Removed {
				rows = append(rows, r)
			}
		}
		if len(rows) == 0 {
			continue
		}
		slices.SortFunc(rows, func(a, b *Row) int { return compareKeys(a.Key, b.Key) })
		out = append(out, RollupChange{&Tables[t], rows})
	}
	return out
}

func compareKeys(a, b []any) int {
	for i := range a {
		var c int
		switch x := a[i].(type) {
		case string:
			c = cmp.Compare(x, b[i].(string))
		case int:
			c = cmp.Compare(x, b[i].(int))
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// Len is the number of rows the deltas change at most.
func (d *Deltas) Len() int {
	n := 0
	for _, m := range d.rows {
		n += len(m)
	}
	return n
}

// Reset empties the deltas.
func (d *Deltas) Reset() {
	for _, m := range d.rows {
		clear(m)
	}
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
