package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"entente"
	"entente/data"
	"entente/internal/store"
	"entente/internal/store/sqlite"
)

var (
	iranFM   = entente.Actor{Name: "Iran's foreign minister", ID: "abbas-araghchi", Code: "IRNGOV", Country: "IRN", Sector: "GOV"}
	russiaFM = entente.Actor{Name: "Russian\tcounterpart", Code: "RUSGOV", Country: "RUS", Sector: "GOV"}
	unitedN  = entente.Actor{Name: "United Nations", ID: "un", Code: "IGOUNO", Org: "UN"}
	usa      = entente.Actor{Name: "United States", Code: "USA", Country: "USA"}
	israel   = entente.Actor{Name: "Israeli army", Code: "ISRMIL", Country: "ISR", Sector: "MIL"}
	moscow   = &entente.Place{Name: "Moscow", Country: "RUS", Lat: 55.7522, Lon: 37.6156, GeonamesID: 524901}
	newYork  = &entente.Place{Name: "New York", Country: "USA", Lat: 40.7143, Lon: -74.006, GeonamesID: 5128581}
	gaza     = &entente.Place{Name: "Gaza Strip", Country: "PSE", Lat: 31.42, Lon: 34.36}
	iranLand = &entente.Place{Name: "Iran", Country: "IRN"}
)

func ptr(s string) *string { return &s }

// doc builds a document with one sentence per event.
func doc(name, site string, events ...entente.Event) *entente.Document {
	d := &entente.Document{ID: name, Site: site, Lang: "en", URL: "https://example.org/" + name, Title: name}
	for i, e := range events {
		s := fmt.Sprintf("Sentence %d of %s reports %s.", i, name, e.Code)
		start := len(d.Text)
		d.Text += s + " "
		e.Doc, e.Sentence = name, i
		e.Evidence = entente.Evidence{Text: s, Start: start, End: start + len(s), Trigger: "reports"}
		e.Rule, e.Confidence = "test", 0.5
		if i == 0 {
			e.AttributedTo = []string{`Agence "Une", Paris`, "Radio Deux"}
		}
		if e.Modality == "" {
			e.Modality = entente.Asserted
		}
		d.Events = append(d.Events, e)
	}
	return d
}

// fixture is a store of four events: a visit to Moscow reported by two
// publishers, an undated appeal to the UN, a meeting in New York, and an
// air strike in Gaza.
func fixture(t *testing.T) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	clock := time.Date(2024, 8, 6, 12, 30, 45, 0, time.UTC)
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"), sqlite.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	visit := entente.Event{Code: "042", Root: "04", Quad: 1, Goldstein: 1.9, Plover: "CONSULT", Source: iranFM, Target: russiaFM,
		Date: ptr("2024-08-05"), DatePrecision: ptr("day"), Place: moscow}
	appeal := entente.Event{Code: "1033", Root: "10", Quad: 3, Goldstein: -5, Plover: "DEMAND", Source: iranFM, Target: unitedN,
		Modality: entente.Intended}
	meet := entente.Event{Code: "044", Root: "04", Quad: 1, Goldstein: 2.5, Plover: "CONSULT", Source: usa, Target: iranFM,
		Date: ptr("2024-12-31"), DatePrecision: ptr("day"), Place: newYork}
	strike := entente.Event{Code: "1952", Root: "19", Quad: 4, Goldstein: -10, Plover: "FIGHT", Source: israel,
		Date: ptr("2024-02-18"), DatePrecision: ptr("month"), Place: gaza}
	land := entente.Event{Code: "173", Root: "17", Quad: 4, Goldstein: -5, Plover: "COERCE", Source: iranFM, Target: usa,
		Date: ptr("2024-03-01"), DatePrecision: ptr("day"), Place: iranLand}
	for _, d := range []*entente.Document{
		doc("a", "Wire One", visit, appeal),
		doc("b", "Paper Two", visit, meet),
		doc("c", "Wire One", strike, land),
	} {
		if _, err := st.Ingest(ctx, d, nil); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func export(t *testing.T, st Store, format string, f store.Filter, opt Options) (*bytes.Buffer, int) {
	t.Helper()
	var b bytes.Buffer
	n, err := Write(context.Background(), &b, format, st, f, opt)
	if err != nil {
		t.Fatalf("Write %s: %v", format, err)
	}
	return &b, n
}

func TestGDELT(t *testing.T) {
	st := fixture(t)
	b, n := export(t, st, "gdelt", store.Filter{}, Options{PageSize: 2})
	if n != 5 {
		t.Fatalf("wrote %d events, want 5", n)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines, want 5:\n%s", len(lines), b)
	}
	cols := GDELTColumns()
	if len(cols) != 61 {
		t.Fatalf("GDELTColumns: %d, want 61", len(cols))
	}
	rows := map[string]map[string]string{} // EventCode → column → value
	for i, l := range lines {
		c := strings.Split(l, "\t")
		if len(c) != 61 {
			t.Fatalf("line %d: %d columns, want 61: %q", i+1, len(c), l)
		}
		row := map[string]string{}
		for j, name := range cols {
			row[name] = c[j]
		}
		rows[row["EventCode"]] = row
	}
	want := map[string]map[string]string{
		"042": {"Day": "20240805", "MonthYear": "202408", "Year": "2024", "FractionDate": "2024.5890",
			"Actor1Code": "IRNGOV", "Actor1Name": "Iran's foreign minister", "Actor1CountryCode": "IRN", "Actor1Type1Code": "GOV",
			"Actor2Code": "RUSGOV", "Actor2Name": "Russian counterpart", "Actor2CountryCode": "RUS",
			"IsRootEvent": "1", "EventBaseCode": "042", "EventRootCode": "04", "QuadClass": "1", "GoldsteinScale": "1.9",
			"NumMentions": "2", "NumSources": "2", "NumArticles": "2", "AvgTone": "0",
			"Actor1Geo_Type": "1", "Actor1Geo_FullName": "Iran", "Actor1Geo_CountryCode": "IR", "Actor1Geo_ADM1Code": "IR",
			"Actor1Geo_Lat": "35.6944", "Actor1Geo_Long": "51.4215", "Actor1Geo_FeatureID": "IR",
			"Actor2Geo_Type": "1", "Actor2Geo_CountryCode": "RS", "Actor2Geo_Lat": "55.7522",
			"ActionGeo_Type": "4", "ActionGeo_FullName": "Moscow, Russia", "ActionGeo_CountryCode": "RS", "ActionGeo_ADM1Code": "",
			"ActionGeo_Lat": "55.7522", "ActionGeo_Long": "37.6156", "ActionGeo_FeatureID": "524901",
			"DATEADDED": "20240806123045", "SOURCEURL": "https://example.org/a"},
		"1033": {"Day": "", "Year": "", "FractionDate": "", "Actor2Code": "IGOUNO", "Actor2KnownGroupCode": "UN", "Actor2CountryCode": "",
			"EventBaseCode": "103", "EventRootCode": "10", "QuadClass": "3", "GoldsteinScale": "-5", "NumSources": "1",
			"ActionGeo_Type": "0", "ActionGeo_FullName": "", "ActionGeo_Lat": "",
			"Actor2Geo_Type": "0", "Actor2Geo_CountryCode": "", "Actor2Geo_Lat": "", "Actor2Geo_FeatureID": ""},
		"044":  {"FractionDate": "2024.9890", "ActionGeo_Type": "3", "ActionGeo_CountryCode": "US", "ActionGeo_FullName": "New York, United States", "ActionGeo_Long": "-74.006", "SOURCEURL": "https://example.org/b"},
		"1952": {"FractionDate": "2024.1315", "EventBaseCode": "195", "ActionGeo_Type": "5", "ActionGeo_CountryCode": "GZ", "ActionGeo_FeatureID": "", "Actor2Code": "", "Actor2Name": ""},
		"173": {"ActionGeo_Type": "1", "ActionGeo_FullName": "Iran", "ActionGeo_CountryCode": "IR", "ActionGeo_ADM1Code": "IR",
			"ActionGeo_Lat": "35.6944", "ActionGeo_FeatureID": "IR", "Actor2Geo_FullName": "United States", "Actor2Geo_CountryCode": "US"},
	}
	for code, w := range want {
		row, ok := rows[code]
		if !ok {
			t.Errorf("no row for event %s", code)
			continue
		}
		for col, v := range w {
			if _, known := row[col]; !known {
				t.Errorf("%s: no column %s", code, col)
			} else if row[col] != v {
				t.Errorf("%s: %s = %q, want %q", code, col, row[col], v)
			}
		}
	}
	h, _ := export(t, st, "gdelt", store.Filter{}, Options{Header: true})
	first, _, _ := strings.Cut(h.String(), "\n")
	if first != strings.Join(cols, "\t") {
		t.Errorf("header line = %q", first)
	}
	if strings.Count(h.String(), "\n") != 6 {
		t.Errorf("with header: %d lines, want 6", strings.Count(h.String(), "\n"))
	}
}

func TestCSV(t *testing.T) {
	st := fixture(t)
	b, n := export(t, st, "csv", store.Filter{}, Options{PageSize: 2})
	if n != 5 {
		t.Fatalf("wrote %d events, want 5", n)
	}
	text, ok := strings.CutPrefix(b.String(), "\ufeff")
	if !ok {
		t.Errorf("no byte order mark: %q", b.String()[:10])
	}
	if !strings.HasSuffix(text, "\r\n") {
		t.Errorf("lines do not end in CRLF")
	}
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	cols := CSVColumns()
	if len(rows) != 6 || !slices.Equal(rows[0], cols) {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	byCode := map[string]map[string]string{}
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, c := range cols {
			m[c] = r[i]
		}
		byCode[m["code"]] = m
	}
	want := map[string]map[string]string{
		"042": {"date": "2024-08-05", "source_name": "Iran's foreign minister", "source_country": "IRN", "target_name": "Russian\tcounterpart",
			"code_name": "Make a visit", "root_name": "Consult", "quad": "1", "quad_name": "Verbal cooperation", "goldstein": "1.9",
			"modality": "asserted", "place_name": "Moscow", "place_lat": "55.7522", "place_geonames_id": "524901",
			"attributed_to": `Agence "Une", Paris; Radio Deux`, "excerpt": "Sentence 0 of a reports 042.", "evidence_start": "0",
			"evidence_end": "28", "trigger": "reports", "rule": "test", "confidence": "0.5", "is_root_event": "1",
			"num_mentions": "2", "num_sources": "2", "first_seen": "2024-08-06 12:30:45", "publisher": "Wire One", "title": "a",
			"source_url": "https://example.org/a"},
		"1033": {"date": "", "date_precision": "", "target_org": "UN", "target_country": "", "modality": "intended", "attributed_to": "",
			"code_name": "Demand humanitarian aid", "evidence_start": "29", "place_lat": ""},
	}
	for code, w := range want {
		for col, v := range w {
			if got, ok := byCode[code][col]; !ok || got != v {
				t.Errorf("%s: %s = %q, want %q", code, col, got, v)
			}
		}
	}
}

func TestFilterAndPages(t *testing.T) {
	st := fixture(t)
	b, n := export(t, st, "jsonl", store.Filter{}, Options{PageSize: 1})
	if n != 5 || strings.Count(b.String(), "\n") != 5 {
		t.Fatalf("all events with pages of 1: n=%d\n%s", n, b)
	}
	var ids []int64
	sc := bufio.NewScanner(b)
	for sc.Scan() {
		var e store.Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("jsonl line: %v", err)
		}
		ids = append(ids, e.ID)
	}
	for i := 1; i < len(ids); i++ {
		if ids[i] <= ids[i-1] {
			t.Errorf("ids not increasing: %v", ids)
		}
	}
	_, n = export(t, st, "jsonl", store.Filter{Actor: "IRN", Role: "source"}, Options{})
	if n != 3 {
		t.Errorf("source IRN: %d events, want 3", n)
	}
	_, n = export(t, st, "gdelt", store.Filter{Quad: 4}, Options{})
	if n != 2 {
		t.Errorf("quad 4: %d events, want 2", n)
	}
}

func TestJSONL(t *testing.T) {
	st := fixture(t)
	b, _ := export(t, st, "jsonl", store.Filter{Code: "042"}, Options{})
	var e store.Event
	if err := json.Unmarshal(b.Bytes(), &e); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	var r Record
	if err := json.Unmarshal(b.Bytes(), &r); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if r.CodeName != "Make a visit" || r.Evidence.Start != 0 || r.Evidence.End != 28 || r.Evidence.Trigger != "reports" ||
		r.Rule != "test" || r.Confidence != 0.5 || len(r.AttributedTo) != 2 || !r.IsRootEvent || r.Publisher != "Wire One" {
		t.Errorf("record = %+v", r)
	}
	if e.Code != "042" || e.Source != iranFM || e.Target != russiaFM || e.NumSources != 2 || e.Place == nil || *e.Place != *moscow ||
		e.SourceURL != "https://example.org/a" || !strings.HasPrefix(e.Excerpt, "Sentence 0 of a") {
		t.Errorf("event = %+v", e)
	}
}

func TestPlover(t *testing.T) {
	st := fixture(t)
	b, n := export(t, st, "plover", store.Filter{}, Options{})
	if n != 5 {
		t.Fatalf("n = %d", n)
	}
	recs := map[string]map[string]any{}
	sc := bufio.NewScanner(b)
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		recs[r["cameo"].(string)] = r
	}
	for _, r := range recs {
		for _, f := range []string{"id", "event_date", "event_type", "mode", "context", "actor", "actor_country", "actor_sector",
			"recipient", "recipient_country", "location", "source_text", "source_url", "modality", "cameo_name", "source_text_start",
			"source_text_end", "trigger", "rule", "confidence", "attributed_to", "is_root_event", "publisher"} {
			if _, ok := r[f]; !ok {
				t.Errorf("record %v: no field %s", r["cameo"], f)
			}
		}
	}
	visit := recs["042"]
	if visit["event_type"] != "CONSULT" || visit["mode"] != "visit" || visit["event_date"] != "2024-08-05" ||
		visit["actor"] != "Iran's foreign minister" || visit["actor_country"] != "IRN" || visit["recipient_country"] != "RUS" ||
		fmt.Sprint(visit["context"]) != "[diplomatic]" || !strings.HasPrefix(visit["source_text"].(string), "Sentence 0 of a") {
		t.Errorf("visit = %v", visit)
	}
	if visit["cameo_name"] != "Make a visit" || fmt.Sprint(visit["attributed_to"]) != `[Agence "Une", Paris Radio Deux]` ||
		visit["source_text_end"] != 28.0 || visit["rule"] != "test" || visit["is_root_event"] != true {
		t.Errorf("visit's first report = %v", visit)
	}
	if loc, _ := visit["location"].(map[string]any); loc == nil || loc["name"] != "Moscow" || loc["geonames_id"] != 524901.0 {
		t.Errorf("visit location = %v", visit["location"])
	}
	appeal := recs["1033"]
	if appeal["event_date"] != nil || appeal["location"] != nil || appeal["mode"] != "" || fmt.Sprint(appeal["context"]) != "[humanitarian]" ||
		appeal["recipient_org"] != "UN" || appeal["modality"] != "intended" {
		t.Errorf("appeal = %v", appeal)
	}
	if s := recs["1952"]; s["mode"] != "drone" || s["recipient"] != "" || s["event_type"] != "FIGHT" {
		t.Errorf("strike = %v", s)
	}
}

func TestParquet(t *testing.T) {
	st := fixture(t)
	b, n := export(t, st, "parquet", store.Filter{}, Options{PageSize: 2, RowGroup: 2})
	if n != 5 {
		t.Fatalf("n = %d", n)
	}
	f, err := parquet.OpenFile(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if g := len(f.RowGroups()); g != 3 {
		t.Errorf("%d row groups, want 3 (rows of 2)", g)
	}
	rows, err := parquet.Read[ParquetRow](bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows", len(rows))
	}
	byCode := map[string]ParquetRow{}
	for _, r := range rows {
		byCode[r.Code] = r
	}
	v := byCode["042"]
	if v.Date == nil || time.Unix(int64(*v.Date)*86400, 0).UTC().Format(time.DateOnly) != "2024-08-05" || deref(v.SourceCountry) != "IRN" || deref(v.TargetName) != "Russian\tcounterpart" ||
		v.NumSources != 2 || deref(v.PlaceName) != "Moscow" || v.PlaceGeonames == nil || *v.PlaceGeonames != 524901 ||
		!v.FirstSeen.Equal(time.Date(2024, 8, 6, 12, 30, 45, 0, time.UTC)) || v.Goldstein != 1.9 || v.Plover != "CONSULT" {
		t.Errorf("visit row = %+v", v)
	}
	if v.CodeName != "Make a visit" || !slices.Equal(v.AttributedTo, []string{`Agence "Une", Paris`, "Radio Deux"}) ||
		v.EvidenceEnd != 28 || v.Trigger != "reports" || !v.IsRootEvent || v.Publisher != "Wire One" || v.QuadName != "Verbal cooperation" {
		t.Errorf("visit row's first report = %+v", v)
	}
	var names []string
	for _, c := range f.Schema().Fields() {
		names = append(names, c.Name())
	}
	if !slices.Equal(names, CSVColumns()) {
		t.Errorf("parquet columns %v\ncsv columns %v", names, CSVColumns())
	}
	a := byCode["1033"]
	if a.Date != nil || a.PlaceName != nil || a.PlaceLat != nil || a.TargetCountry != nil || deref(a.TargetOrg) != "UN" || a.Modality != "intended" {
		t.Errorf("appeal row = %+v", a)
	}
	// The schema: date is a DATE, first_seen a timestamp.
	schema := f.Schema().String()
	for _, want := range []string{"(DATE)", "(TIMESTAMP(isAdjustedToUTC=true,unit=MILLIS))", "optional binary source_country (STRING)"} {
		if !strings.Contains(schema, want) {
			t.Errorf("schema lacks %q:\n%s", want, schema)
		}
	}
	checkWithPython(t, b.Bytes())
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// checkWithPython reads the file with pyarrow when the machine has it.
func checkWithPython(t *testing.T, b []byte) {
	if exec.Command("python3", "-c", "import pyarrow.parquet").Run() != nil {
		t.Log("pyarrow not installed: skipped reading the file with it")
		return
	}
	path := filepath.Join(t.TempDir(), "x.parquet")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("python3", "-c", `import sys, pyarrow.parquet as pq
t = pq.read_table(sys.argv[1])
print(t.num_rows, t.schema.field("date").type, sorted(t.column("code").to_pylist()))`, path).CombinedOutput()
	if err != nil {
		t.Fatalf("pyarrow: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "5 date32[day] ['042', '044', '1033', '173', '1952']" {
		t.Errorf("pyarrow read: %s", got)
	}
}

// TestManyPages exports more events than a page and a row group hold.
func TestManyPages(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const total = 1234
	var docs []*entente.Document
	for i := range total {
		day := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(time.DateOnly)
		docs = append(docs, doc(fmt.Sprintf("d%d", i), "site", entente.Event{Code: "042", Root: "04", Quad: 1, Goldstein: 1.9,
			Plover: "CONSULT", Source: iranFM, Target: russiaFM, Date: ptr(day), DatePrecision: ptr("day")}))
	}
	if _, err := st.IngestBatch(ctx, docs); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"csv", "gdelt", "jsonl", "plover", "parquet"} {
		b, n := export(t, st, format, store.Filter{}, Options{PageSize: 100, RowGroup: 500})
		if n != total {
			t.Errorf("%s: %d events, want %d", format, n, total)
		}
		if format == "parquet" {
			rows, err := parquet.Read[ParquetRow](bytes.NewReader(b.Bytes()), int64(b.Len()))
			if err != nil || len(rows) != total {
				t.Errorf("parquet: %d rows, %v", len(rows), err)
			}
			continue
		}
		lines := total
		if format == "csv" {
			lines++ // the header
		}
		if got := strings.Count(b.String(), "\n"); got != lines {
			t.Errorf("%s: %d lines", format, got)
		}
	}
}

func TestBadFormat(t *testing.T) {
	st := fixture(t)
	var b bytes.Buffer
	_, err := Write(context.Background(), &b, "xml", st, store.Filter{}, Options{})
	if !errors.Is(err, ErrFormat) || b.Len() != 0 {
		t.Errorf("xml: err %v, wrote %d bytes", err, b.Len())
	}
	if _, err := Write(context.Background(), &b, "gdelt", st, store.Filter{}, Options{PageSize: 5000}); err == nil {
		t.Error("page size 5000 accepted")
	}
	for _, f := range Formats() {
		if got, err := Lookup(f.Name); err != nil || got != f || f.ContentType == "" || !strings.HasPrefix(f.Ext, ".") {
			t.Errorf("Lookup(%q) = %+v, %v", f.Name, got, err)
		}
	}
}

// TestFIPS checks that every country of the knowledge files has one FIPS
// code and that no two countries share one.
func TestFIPS(t *testing.T) {
	g, err := loadGeo()
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(data.FS, "countries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	err = eachRow(string(b), "countries.tsv", 1, func(c []string) error {
		f := g.fips[c[0]]
		if len(f) != 2 {
			t.Errorf("%s: FIPS code %q", c[0], f)
		}
		if other, dup := seen[f]; dup {
			t.Errorf("%s and %s share FIPS %s", other, c[0], f)
		}
		seen[f] = c[0]
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(g.fips) {
		t.Errorf("fips.tsv has %d codes, countries.tsv %d countries", len(g.fips), len(seen))
	}
	for iso := range g.fips {
		if _, ok := g.capital[iso]; !ok {
			t.Errorf("%s: no capital, so no point for the country", iso)
		}
	}
	if c := g.capital["BOL"]; c != [2]float64{-16.5, -68.15} {
		t.Errorf("Bolivia's point %v, want La Paz (countries.tsv's capital)", c)
	}
	for iso, fips := range map[string]string{"DEU": "GM", "GBR": "UK", "RUS": "RS", "IRN": "IR", "ISR": "IS", "CHN": "CH", "UKR": "UP", "USA": "US"} {
		if g.fips[iso] != fips {
			t.Errorf("%s → %s, want %s", iso, g.fips[iso], fips)
		}
	}
}

func TestCancel(t *testing.T) {
	st := fixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b bytes.Buffer
	if _, err := Write(ctx, &b, "jsonl", st, store.Filter{}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
}

func TestLeadEnd(t *testing.T) {
	tests := []struct {
		name, text string
		lead       []string // sentences in the lead
		not        []string // sentences after it
	}{
		{"one paragraph of four sentences", "One went. Two went. Three went. Four went.", []string{"One", "Four"}, nil},
		{"lines: the first three sentences", "Headline here\n\nLead one said. Lead two said.\nLater one.\nLater two.",
			[]string{"Headline", "Lead one", "Lead two"}, []string{"Later one", "Later two"}},
		{"a long first paragraph", "A ran. B ran. C ran. D ran. E ran.\nF ran.", []string{"A ran", "E ran"}, []string{"F ran"}},
		{"leading blank lines", "\n\n  First para. Still first. Third. Fourth.\nNext.", []string{"Fourth"}, []string{"Next"}},
		{"empty", "", nil, nil},
	}
	for _, tt := range tests {
		end := leadEnd(tt.text)
		for _, s := range tt.lead {
			if i := strings.Index(tt.text, s); i < 0 || i >= end {
				t.Errorf("%s: %q (at %d) not in the lead (ends at %d)", tt.name, s, i, end)
			}
		}
		for _, s := range tt.not {
			if i := strings.Index(tt.text, s); i < end {
				t.Errorf("%s: %q (at %d) in the lead (ends at %d)", tt.name, s, i, end)
			}
		}
	}
}

// TestIsRootEvent exports events of a lead and of a later paragraph.
func TestIsRootEvent(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	text := "Talks in Moscow\n\nIran's minister visited Moscow on Monday.\nHe was met at the airport.\n" +
		"Officials spoke of trade.\nLater, the United States criticised Iran."
	d := &entente.Document{ID: "lead.txt", Lang: "en", Text: text}
	for _, x := range []struct{ code, sentence string }{{"042", "Iran's minister visited Moscow on Monday."}, {"111", "Later, the United States criticised Iran."}} {
		start := strings.Index(text, x.sentence)
		d.Events = append(d.Events, entente.Event{Doc: d.ID, Code: x.code, Root: x.code[:2], Quad: 1, Plover: "CONSULT", Source: iranFM, Target: russiaFM,
			Modality: entente.Asserted, Evidence: entente.Evidence{Text: x.sentence, Start: start, End: start + len(x.sentence)}})
	}
	if _, err := st.Ingest(ctx, d, nil); err != nil {
		t.Fatal(err)
	}
	b, _ := export(t, st, "gdelt", store.Filter{}, Options{Header: true})
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("gdelt: %d lines\n%s", len(lines), b)
	}
	got := map[string]string{}
	for _, line := range lines[1:] {
		c := strings.Split(line, "\t")
		got[c[26]] = c[25]
	}
	if got["042"] != "1" || got["111"] != "0" {
		t.Errorf("IsRootEvent by code: %v, want 042 in the lead, 111 not", got)
	}
	if cols := GDELTColumns(); cols[25] != "IsRootEvent" || cols[26] != "EventCode" {
		t.Fatalf("columns 25, 26: %s, %s", cols[25], cols[26])
	}
	// A publisher is never a file path.
	j, _ := export(t, st, "jsonl", store.Filter{}, Options{})
	if strings.Contains(j.String(), `"publisher":"doc:`) || !strings.Contains(j.String(), `"publisher":""`) {
		t.Errorf("publisher of a file: %s", j)
	}
}
