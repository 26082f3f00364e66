package main

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

// place is one row of places.tsv.
type place struct {
	ID         int
	En, Fr     string
	Country    string // ISO 3166-1 alpha-3
	Lat, Lon   float64
	Population int
	Kind       string // capital or city
	Aliases    []string
}

// code is one row of codes.tsv: the alpha-3 code written for a GeoNames
// country code, and whether that country is a dependent territory.
type code struct {
	ISO3      string
	Territory bool
}

// names is one row of fr_names.tsv.
type names struct {
	En, Fr  string
	Aliases []string
}

// header is the column line of places.tsv (and of places_extra.tsv).
var header = []string{"geonames_id", "en", "fr", "country", "lat", "lon", "population", "kind", "aliases"}

// skipped holds the GeoNames feature codes that are not towns of their own:
// sections of a city (PPLX), localities (PPLL), historical, abandoned or
// destroyed places and former capitals.
var skipped = map[string]bool{"PPLX": true, "PPLL": true, "PPLH": true, "PPLQ": true, "PPLW": true, "PPLCH": true}

// build selects the places to write: every city of minPop people or more,
// every capital or large seat of government of a sovereign state, and every place
// named in fr. Dependent territories are filed under the state codes maps
// them to. The result is sorted by country, then by population, largest first.
func build(cities []city, fr map[int]names, codes map[string]code, minPop int) ([]place, error) {
	var (
		out  []place
		seen = map[int]bool{}
		errs []string
	)
	for _, c := range cities {
		n, named := fr[c.ID]
		// A seat of government (PPLG) counts when it is a city of its own
		// (La Paz, Cotonou, The Hague); GeoNames also marks palaces and camps so.
		capital := c.FeatureCode == "PPLC" || (c.FeatureCode == "PPLG" && c.Population >= minPop)
		territory := codes[c.Country].Territory
		keep := named || (!skipped[c.FeatureCode] && (c.Population >= minPop || (capital && !territory)))
		if !keep || seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		country, err := iso3(c.Country, codes)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%d %s: %v", c.ID, c.Name, err))
			continue
		}
		p := place{
			ID: c.ID, En: c.Name, Fr: c.Name, Country: country,
			Lat: c.Lat, Lon: c.Lon, Population: c.Population, Kind: "city",
		}
		if capital && !territory {
			p.Kind = "capital"
		}
		var aliases []string
		if named {
			if n.En != "" {
				p.En = n.En
			}
			if n.Fr != "" {
				p.Fr = n.Fr
			}
			aliases = n.Aliases
		}
		p.Aliases = cleanAliases(append([]string{c.Name}, aliases...), p.En, p.Fr)
		out = append(out, p)
	}
	for id := range fr {
		if !seen[id] {
			errs = append(errs, fmt.Sprintf("%d (%s): named in the French names but not in the GeoNames records", id, fr[id].En))
		}
	}
	if len(errs) > 0 {
		slices.Sort(errs)
		return nil, fmt.Errorf("build places: %s", strings.Join(errs, "; "))
	}
	slices.SortFunc(out, func(a, b place) int {
		return cmp.Or(cmp.Compare(a.Country, b.Country), cmp.Compare(b.Population, a.Population), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// iso3 converts a GeoNames country code (ISO 3166-1 alpha-2, with XK for
// Kosovo) to the alpha-3 code written to places.tsv.
func iso3(iso2 string, codes map[string]code) (string, error) {
	if c := codes[iso2]; c.ISO3 != "" {
		return c.ISO3, nil
	}
	r, err := language.ParseRegion(iso2)
	if err != nil || !r.IsCountry() {
		return "", fmt.Errorf("country %q is not an ISO 3166 code", iso2)
	}
	return r.ISO3(), nil
}

// cleanAliases drops empty forms, forms equal to the English or French name
// and repeats, keeping the first spelling of each.
func cleanAliases(forms []string, en, fr string) []string {
	var out []string
	for _, a := range forms {
		a = strings.Join(strings.Fields(a), " ")
		if a == "" || a == en || a == fr || slices.Contains(out, a) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// checkCountries reports every country code of places that the country list
// (iso3 → English name of the capital) lacks, and makes a capital of each city
// that the list names as its country's capital where GeoNames marks none
// (Jerusalem, Ramallah).
func checkCountries(places []place, capitals map[string]string) error {
	missing := map[string]int{}
	for i, p := range places {
		capital, ok := capitals[p.Country]
		if !ok {
			missing[p.Country]++
			continue
		}
		if capital != "" && (p.En == capital || slices.Contains(p.Aliases, capital)) {
			places[i].Kind = "capital"
		}
	}
	if len(missing) == 0 {
		return nil
	}
	var list []string
	for c, n := range missing {
		list = append(list, fmt.Sprintf("%s (%d places)", c, n))
	}
	slices.Sort(list)
	return fmt.Errorf("check countries: codes not in the country list: %s; map them in codes.tsv", strings.Join(list, ", "))
}

// write prints places as places.tsv, under a header naming the generator
// and the source.
func write(w io.Writer, places []place, source string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# generated by `go run ./internal/kb/gen/places` (see its doc comment); DO NOT EDIT.")
	fmt.Fprintf(bw, "# Source: %s; French names and aliases: internal/kb/gen/places/fr_names.tsv.\n", source)
	fmt.Fprintln(bw, strings.Join(header, "\t"))
	for _, p := range places {
		cols := []string{
			strconv.Itoa(p.ID), p.En, p.Fr, p.Country, coord(p.Lat), coord(p.Lon),
			strconv.Itoa(p.Population), p.Kind, strings.Join(p.Aliases, " | "),
		}
		for _, c := range cols {
			if strings.ContainsAny(c, "\t\n") {
				return fmt.Errorf("write places: %d: tab or newline in %q", p.ID, c)
			}
		}
		fmt.Fprintln(bw, strings.Join(cols, "\t"))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write places: %w", err)
	}
	return nil
}

func coord(x float64) string {
	s := strconv.FormatFloat(x, 'f', 4, 64)
	if s == "-0.0000" {
		return "0.0000"
	}
	return s
}

// readTable reads a TSV file in the knowledge-file format: '#' comments and
// blank lines are skipped, the first other line must be want, and each row
// is passed to fn with its line number.
func readTable(r io.Reader, name string, want []string, fn func(line int, cols []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line, seenHeader := 0, false
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if !seenHeader {
			if strings.Join(cols, "\t") != strings.Join(want, "\t") {
				return fmt.Errorf("%s:%d: header is %q, want %q", name, line, strings.Join(cols, " "), strings.Join(want, " "))
			}
			seenHeader = true
			continue
		}
		if len(cols) == len(want)-1 {
			cols = append(cols, "") // a trailing empty column may be cut
		}
		if len(cols) != len(want) {
			return fmt.Errorf("%s:%d: %d columns, want %d", name, line, len(cols), len(want))
		}
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		if err := fn(line, cols); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if !seenHeader {
		return fmt.Errorf("%s: no header line", name)
	}
	return nil
}

// parseNames reads fr_names.tsv.
func parseNames(r io.Reader, name string) (map[int]names, error) {
	out := map[int]names{}
	err := readTable(r, name, []string{"geonames_id", "en", "fr", "aliases"}, func(_ int, c []string) error {
		id, err := strconv.Atoi(c[0])
		if err != nil || id <= 0 {
			return fmt.Errorf("bad geonames id %q", c[0])
		}
		if _, dup := out[id]; dup {
			return fmt.Errorf("geonames id %d listed twice", id)
		}
		if c[2] == "" {
			return fmt.Errorf("geonames id %d: no French name", id)
		}
		out[id] = names{En: c[1], Fr: c[2], Aliases: split(c[3])}
		return nil
	})
	return out, err
}

// parseCodes reads codes.tsv.
func parseCodes(r io.Reader, name string) (map[string]code, error) {
	out := map[string]code{}
	err := readTable(r, name, []string{"iso2", "iso3", "status"}, func(_ int, c []string) error {
		if len(c[0]) != 2 || len(c[1]) != 3 {
			return fmt.Errorf("bad codes %q %q", c[0], c[1])
		}
		if c[2] != "territory" && c[2] != "state" {
			return fmt.Errorf("status %q, want territory or state", c[2])
		}
		out[c[0]] = code{ISO3: c[1], Territory: c[2] == "territory"}
		return nil
	})
	return out, err
}

func split(list string) []string {
	var out []string
	for _, s := range strings.Split(list, "|") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func readNames(path string) (map[int]names, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read names: %w", err)
	}
	defer f.Close()
	return parseNames(f, path)
}

func readCodes(path string) (map[string]code, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read codes: %w", err)
	}
	defer f.Close()
	return parseCodes(f, path)
}

// readCountries returns the iso3 codes of data/countries.tsv with the
// English name of each country's capital; the error wraps fs.ErrNotExist
// when the file is missing.
func readCountries(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read countries: %w", err)
	}
	defer f.Close()
	capitals := map[string]string{}
	sc := bufio.NewScanner(f)
	capCol := -1
	for sc.Scan() {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if capCol < 0 {
			capCol = slices.Index(cols, "capital_en")
			if cols[0] != "iso3" || capCol < 0 {
				return nil, fmt.Errorf("read countries: %s: header %q lacks iso3 or capital_en", path, text)
			}
			continue
		}
		capital := ""
		if capCol < len(cols) {
			capital = strings.TrimSpace(cols[capCol])
		}
		capitals[strings.TrimSpace(cols[0])] = capital
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read countries: %w", err)
	}
	return capitals, nil
}
