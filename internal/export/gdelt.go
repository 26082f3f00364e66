package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"entente"
)

// GDELTColumns returns the 61 column names of the GDELT 2.0 Events table,
// in order.
func GDELTColumns() []string {
	cols := []string{"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"}
	for _, a := range []string{"Actor1", "Actor2"} {
		for _, c := range []string{"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
			"Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"} {
			cols = append(cols, a+c)
		}
	}
	cols = append(cols, "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
		"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
	for _, g := range []string{"Actor1Geo", "Actor2Geo", "ActionGeo"} {
		for _, c := range []string{"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"} {
			cols = append(cols, g+"_"+c)
		}
	}
	return append(cols, "DATEADDED", "SOURCEURL")
}

// gdeltWriter writes events in the GDELT 2.0 Events layout: one line per
// event, 61 columns separated by tabs, no quoting (tabs and line breaks
// inside a value become spaces). What entente knows fills its column:
//
//   - GlobalEventID: the store's event id.
//   - Day YYYYMMDD, MonthYear YYYYMM, Year, FractionDate
//     (Year + ((month-1)*30 + day)/365, four decimals, as GDELT computes
//     it): from the event date; all four are empty for an undated event.
//   - ActorNCode: the CAMEO actor code; Name: the actor's name;
//     CountryCode: its ISO 3166-1 alpha-3 country; KnownGroupCode: its
//     international organisation (UN, EU, NATO...); Type1Code: its sector
//     (GOV, MIL, REB...). Ethnic, religion and Type2/3 codes stay empty.
//   - IsRootEvent: 1 when the first report's sentence is in its
//     document's lead (the first paragraph or the first three sentences;
//     see Record.IsRootEvent), else 0.
//   - EventCode, EventBaseCode (the first three digits), EventRootCode,
//     QuadClass, GoldsteinScale; NumMentions and NumSources as stored;
//     NumArticles = NumMentions (a mention is one sentence of one
//     document, so this is an upper bound on articles); AvgTone 0.
//   - ActionGeo_*: the event place. Type 4 WORLDCITY (3 USCITY) for a city,
//     5 WORLDSTATE (2 USSTATE) for a region, 1 COUNTRY otherwise; FullName
//     "Place, Country"; CountryCode in FIPS 10-4 (fips.tsv), as GDELT
//     writes geographic columns; ADM1Code the FIPS code for a country-level
//     place and empty otherwise; Lat, Long; FeatureID the GeoNames id (GDELT
//     puts a GNS id there). A country-level place (type 1) is written as
//     GDELT writes one: FullName the country, ADM1Code and FeatureID its
//     FIPS code, Lat and Long a point of the country — its capital's
//     coordinates (GDELT uses the country's centroid; our knowledge has
//     capitals, not centroids).
//   - Actor1Geo_*, Actor2Geo_*: the actor's country at country level (type
//     1, as above); empty (type 0) for an actor without a country (an
//     international organisation, an unspecified target). entente does
//     not locate actors more precisely than their country.
//   - DATEADDED: when the event was first stored, YYYYMMDDHHMMSS in UTC.
//   - SOURCEURL: the URL of the first document reporting it (its name when
//     it has no URL).
type gdeltWriter struct {
	buf *bufio.Writer
	geo *geo
	row []string
}

func newGDELTWriter(w io.Writer, header bool) (*gdeltWriter, error) {
	g, err := loadGeo()
	if err != nil {
		return nil, fmt.Errorf("export csv: %w", err)
	}
	gw := &gdeltWriter{buf: bufio.NewWriterSize(w, 64<<10), geo: g, row: make([]string, 0, 61)}
	if header {
		if err := gw.line(GDELTColumns()); err != nil {
			return nil, err
		}
	}
	return gw, nil
}

func (g *gdeltWriter) write(records []Record) error {
	for i := range records {
		if err := g.line(g.columns(&records[i])); err != nil {
			return err
		}
	}
	return nil
}

func (g *gdeltWriter) close() error { return g.buf.Flush() }

func (g *gdeltWriter) line(cols []string) error {
	for i, c := range cols {
		if i > 0 {
			g.buf.WriteByte('\t')
		}
		g.buf.WriteString(clean(c))
	}
	return g.buf.WriteByte('\n')
}

// clean keeps a value on its line and in its column.
func clean(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

// columns returns the 61 columns of one event.
func (g *gdeltWriter) columns(rec *Record) []string {
	e := &rec.Event
	r := g.row[:0]
	day, month, year, fraction := "", "", "", ""
	if e.Date != nil {
		if t, err := time.Parse(time.DateOnly, *e.Date); err == nil {
			day, month, year = t.Format("20060102"), t.Format("200601"), t.Format("2006")
			fraction = strconv.FormatFloat(float64(t.Year())+float64((int(t.Month())-1)*30+t.Day())/365, 'f', 4, 64)
		}
	}
	r = append(r, strconv.FormatInt(e.ID, 10), day, month, year, fraction)
	r = appendActor(r, e.Source)
	r = appendActor(r, e.Target)
	base := e.Code
	if len(base) > 3 {
		base = base[:3]
	}
	root := "0"
	if rec.IsRootEvent {
		root = "1"
	}
	r = append(r, root, e.Code, base, e.Root, strconv.Itoa(e.Quad), num(e.Goldstein),
		strconv.Itoa(e.NumMentions), strconv.Itoa(e.NumSources), strconv.Itoa(e.NumMentions), "0")
	r = appendCountry(r, e.Source.Country, g.geo)
	r = appendCountry(r, e.Target.Country, g.geo)
	r = appendGeo(r, e.Place, g.geo)
	return append(r, e.FirstSeen.UTC().Format("20060102150405"), e.SourceURL)
}

func appendActor(r []string, a entente.Actor) []string {
	return append(r, a.Code, a.Name, a.Country, a.Org, "", "", "", a.Sector, "", "")
}

// appendCountry appends the 8 geographic columns of a country (ISO3) at
// country level, or of no place for "" or a country without a FIPS code.
func appendCountry(r []string, iso3 string, g *geo) []string {
	fips := g.fips[iso3]
	if fips == "" {
		return append(r, "0", "", "", "", "", "", "", "")
	}
	lat, lon := "", ""
	if c, ok := g.capital[iso3]; ok {
		lat, lon = num(c[0]), num(c[1])
	}
	return append(r, strconv.Itoa(geoCountry), g.country[iso3], fips, fips, "", lat, lon, fips)
}

func appendGeo(r []string, p *entente.Place, g *geo) []string {
	if p == nil {
		return append(r, "0", "", "", "", "", "", "", "")
	}
	typ := g.placeType(p.Name, p.Country, p.Lat, p.Lon, p.GeonamesID)
	if typ == geoCountry && p.Lat == 0 && p.Lon == 0 && p.GeonamesID == 0 && g.fipsOf(p.Country, p.Name) == g.fips[p.Country] {
		return appendCountry(r, p.Country, g)
	}
	full := p.Name
	if c := g.country[p.Country]; c != "" && c != p.Name {
		if full != "" {
			full += ", "
		}
		full += c
	}
	fips := g.fipsOf(p.Country, p.Name)
	adm1, lat, lon, feature := "", "", "", ""
	if typ == geoCountry {
		adm1 = fips
	}
	if p.Lat != 0 || p.Lon != 0 {
		lat, lon = num(p.Lat), num(p.Lon)
	}
	if p.GeonamesID != 0 {
		feature = strconv.Itoa(p.GeonamesID)
	}
	return append(r, strconv.Itoa(typ), full, fips, adm1, "", lat, lon, feature)
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
