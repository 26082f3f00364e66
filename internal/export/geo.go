package export

import (
	"bufio"
	_ "embed"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"entente/data"
)

//go:embed fips.tsv
var fipsTSV string

// geo is what the GDELT geographic columns need beyond an event's place:
// FIPS 10-4 country codes, English country names, the coordinates of
// each country's capital and the kind of each known place.
type geo struct {
	fips    map[string]string     // ISO3 → FIPS 10-4
	country map[string]string     // ISO3 → English name
	capital map[string][2]float64 // ISO3 → latitude, longitude of its capital
	kind    map[int]string        // GeoNames id → capital, city, region, territory
	named   map[string]string     // folded name of a place without id → kind
}

// loadGeo reads fips.tsv and the country and place files of the embedded
// knowledge.
func loadGeo() (*geo, error) {
	g := &geo{fips: map[string]string{}, country: map[string]string{}, capital: map[string][2]float64{},
		kind: map[int]string{}, named: map[string]string{}}
	err := eachRow(fipsTSV, "fips.tsv", 2, func(c []string) error {
		g.fips[c[0]] = c[1]
		return nil
	})
	if err != nil {
		return nil, err
	}
	countries, err := fs.ReadFile(data.FS, "countries.tsv")
	if err != nil {
		return nil, fmt.Errorf("countries: %w", err)
	}
	// iso3 iso2 en fr capital_en capital_fr
	capitalName := map[string]string{}
	if err := eachRow(string(countries), "countries.tsv", 3, func(c []string) error {
		g.country[c[0]] = c[2]
		if len(c) > 4 {
			capitalName[c[0]] = c[4]
		}
		return nil
	}); err != nil {
		return nil, err
	}
	// A country's point is its capital: the place of kind capital named
	// as countries.tsv names the capital, else its most populous capital.
	capitalPop := map[string]int{}
	for _, name := range []string{"places.tsv", "places_extra.tsv"} {
		b, err := fs.ReadFile(data.FS, name)
		if err != nil {
			return nil, fmt.Errorf("places: %w", err)
		}
		// geonames_id en fr country lat lon population kind aliases
		err = eachRow(string(b), name, 8, func(c []string) error {
			id, err := strconv.Atoi(c[0])
			if err != nil {
				return fmt.Errorf("geonames id %q: %w", c[0], err)
			}
			if c[7] == "capital" {
				lat, err1 := strconv.ParseFloat(c[4], 64)
				lon, err2 := strconv.ParseFloat(c[5], 64)
				pop, _ := strconv.Atoi(c[6])
				if err1 != nil || err2 != nil {
					return fmt.Errorf("capital %s: coordinates %q, %q", c[1], c[4], c[5])
				}
				if c[1] == capitalName[c[3]] {
					pop = math.MaxInt
				}
				if _, ok := g.capital[c[3]]; !ok || pop > capitalPop[c[3]] {
					g.capital[c[3]], capitalPop[c[3]] = [2]float64{lat, lon}, pop
				}
			}
			if id != 0 {
				g.kind[id] = c[7]
				return nil
			}
			names := []string{c[1], c[2]}
			if len(c) > 8 {
				names = append(names, strings.Split(c[8], "|")...)
			}
			for _, n := range names {
				if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
					g.named[c[3]+"|"+n] = c[7]
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return g, nil
}

// eachRow calls fn with the columns of every data line of a TSV file
// (after its header), each line having at least min columns.
func eachRow(text, name string, min int, fn func([]string) error) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line, header := 0, false
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if !header {
			header = true
			continue
		}
		c := strings.Split(s, "\t")
		if len(c) < min {
			return fmt.Errorf("%s:%d: %d columns, want %d", name, line, len(c), min)
		}
		if err := fn(c); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// GDELT geographic resolutions (the Geo_Type columns).
const (
	geoNone      = 0
	geoCountry   = 1
	geoUSState   = 2
	geoUSCity    = 3
	geoCity      = 4
	geoWorldArea = 5
)

// placeType returns the GDELT Geo_Type of a place: a city or capital is
// a WORLDCITY (a USCITY in the United States), a region or territory a
// WORLDSTATE (a USSTATE), a place with neither coordinates nor a known
// kind a COUNTRY.
func (g *geo) placeType(name, country string, lat, lon float64, geonamesID int) int {
	kind := ""
	if geonamesID != 0 {
		kind = g.kind[geonamesID]
	}
	if kind == "" {
		kind = g.named[country+"|"+strings.ToLower(strings.TrimSpace(name))]
	}
	us := country == "USA"
	switch {
	case kind == "region" || kind == "territory":
		if us {
			return geoUSState
		}
		return geoWorldArea
	case kind != "" || lat != 0 || lon != 0 || geonamesID != 0:
		if us {
			return geoUSCity
		}
		return geoCity
	case country != "":
		return geoCountry
	}
	return geoNone
}

// fipsOf returns the FIPS 10-4 code of a place in an ISO3 country; a
// place in Palestine named Gaza is in the Gaza Strip (GZ), the rest of
// Palestine in the West Bank (WE).
func (g *geo) fipsOf(country, name string) string {
	if country == "PSE" && strings.Contains(strings.ToLower(name), "gaza") {
		return "GZ"
	}
	return g.fips[country]
}
