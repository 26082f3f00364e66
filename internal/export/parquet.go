package export

import (
	"fmt"
	"io"
	"time"

	"github.com/parquet-go/parquet-go"
)

// ParquetRow is one row of the parquet and csv exports: a Record with
// its actors, place and first report flattened into columns, in the
// order the csv columns take. Optional columns are null when the event
// has no value (no date, no place, an actor without a country...).
// date is a Parquet DATE (written as days since the epoch: parquet-go
// v0.32 writes a time.Time DATE column wrong); first_seen and last_seen
// are UTC timestamps in milliseconds; attributed_to is a list of
// strings. Columns are snappy-compressed.
type ParquetRow struct {
	ID            int64    `parquet:"id"`
	Date          *int32   `parquet:"date,optional,date"` // days since 1970-01-01
	DatePrecision *string  `parquet:"date_precision,optional,dict"`
	SourceName    *string  `parquet:"source_name,optional"`
	SourceID      *string  `parquet:"source_id,optional"`
	SourceCode    *string  `parquet:"source_code,optional,dict"`
	SourceCountry *string  `parquet:"source_country,optional,dict"`
	SourceOrg     *string  `parquet:"source_org,optional,dict"`
	SourceSector  *string  `parquet:"source_sector,optional,dict"`
	Code          string   `parquet:"code,dict"`
	CodeName      string   `parquet:"code_name,dict"`
	Root          string   `parquet:"root,dict"`
	RootName      string   `parquet:"root_name,dict"`
	Quad          int32    `parquet:"quad"`
	QuadName      string   `parquet:"quad_name,dict"`
	Goldstein     float64  `parquet:"goldstein"`
	Plover        string   `parquet:"plover,dict"`
	TargetName    *string  `parquet:"target_name,optional"`
	TargetID      *string  `parquet:"target_id,optional"`
	TargetCode    *string  `parquet:"target_code,optional,dict"`
	TargetCountry *string  `parquet:"target_country,optional,dict"`
	TargetOrg     *string  `parquet:"target_org,optional,dict"`
	TargetSector  *string  `parquet:"target_sector,optional,dict"`
	Modality      string   `parquet:"modality,dict"`
	PlaceName     *string  `parquet:"place_name,optional"`
	PlaceCountry  *string  `parquet:"place_country,optional,dict"`
	PlaceLat      *float64 `parquet:"place_lat,optional"`
	PlaceLon      *float64 `parquet:"place_lon,optional"`
	PlaceGeonames *int64   `parquet:"place_geonames_id,optional"`
	AttributedTo  []string `parquet:"attributed_to,list"`
	// Excerpt is the evidence sentence of the first report; its byte
	// offsets in the document text, the trigger words, the rule that
	// fired and its confidence follow.
	Excerpt       string    `parquet:"excerpt"`
	EvidenceStart int64     `parquet:"evidence_start"`
	EvidenceEnd   int64     `parquet:"evidence_end"`
	Trigger       string    `parquet:"trigger"`
	Rule          string    `parquet:"rule,dict"`
	Confidence    float64   `parquet:"confidence"`
	IsRootEvent   bool      `parquet:"is_root_event"`
	NumMentions   int32     `parquet:"num_mentions"`
	NumSources    int32     `parquet:"num_sources"`
	FirstSeen     time.Time `parquet:"first_seen,timestamp(millisecond:utc)"`
	LastSeen      time.Time `parquet:"last_seen,timestamp(millisecond:utc)"`
	FirstDoc      int64     `parquet:"first_doc"`
	Publisher     string    `parquet:"publisher,dict"`
	Title         string    `parquet:"title"`
	SourceURL     string    `parquet:"source_url"`
}

// parquetWriter writes ParquetRows; the parquet-go writer buffers one row
// group (at most rowGroup rows) before it writes it out.
type parquetWriter struct {
	pw   *parquet.GenericWriter[ParquetRow]
	rows []ParquetRow
}

func newParquetWriter(w io.Writer, rowGroup int) *parquetWriter {
	if rowGroup == 0 {
		rowGroup = 50000
	}
	pw := parquet.NewGenericWriter[ParquetRow](w,
		parquet.MaxRowsPerRowGroup(int64(rowGroup)),
		parquet.Compression(&parquet.Snappy),
		parquet.CreatedBy("entente", "", ""),
	)
	return &parquetWriter{pw: pw}
}

func (p *parquetWriter) write(records []Record) error {
	p.rows = p.rows[:0]
	for i := range records {
		p.rows = append(p.rows, parquetRow(&records[i]))
	}
	if _, err := p.pw.Write(p.rows); err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	return nil
}

func (p *parquetWriter) close() error {
	if err := p.pw.Close(); err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	return nil
}

func parquetRow(rec *Record) ParquetRow {
	e := &rec.Event
	r := ParquetRow{
		ID: e.ID, Code: e.Code, CodeName: rec.CodeName, Root: e.Root, RootName: rec.RootName,
		Quad: int32(e.Quad), QuadName: rec.QuadName, Goldstein: e.Goldstein, Plover: e.Plover,
		SourceName: opt(e.Source.Name), SourceID: opt(e.Source.ID), SourceCode: opt(e.Source.Code),
		SourceCountry: opt(e.Source.Country), SourceOrg: opt(e.Source.Org), SourceSector: opt(e.Source.Sector),
		TargetName: opt(e.Target.Name), TargetID: opt(e.Target.ID), TargetCode: opt(e.Target.Code),
		TargetCountry: opt(e.Target.Country), TargetOrg: opt(e.Target.Org), TargetSector: opt(e.Target.Sector),
		DatePrecision: e.DatePrecision, Modality: e.Modality, AttributedTo: rec.AttributedTo,
		Excerpt: rec.Evidence.Text, EvidenceStart: int64(rec.Evidence.Start), EvidenceEnd: int64(rec.Evidence.End),
		Trigger: rec.Evidence.Trigger, Rule: rec.Rule, Confidence: rec.Confidence, IsRootEvent: rec.IsRootEvent,
		NumMentions: int32(e.NumMentions), NumSources: int32(e.NumSources),
		FirstSeen: e.FirstSeen.UTC(), LastSeen: e.LastSeen.UTC(),
		FirstDoc: e.FirstDoc, Publisher: rec.Publisher, Title: rec.Title, SourceURL: e.SourceURL,
	}
	if r.Excerpt == "" {
		r.Excerpt = e.Excerpt
	}
	if e.Date != nil {
		if t, err := time.Parse(time.DateOnly, *e.Date); err == nil {
			days := int32(t.Unix() / 86400)
			r.Date = &days
		}
	}
	if p := e.Place; p != nil {
		r.PlaceName, r.PlaceCountry = opt(p.Name), opt(p.Country)
		lat, lon := p.Lat, p.Lon
		r.PlaceLat, r.PlaceLon = &lat, &lon
		if p.GeonamesID != 0 {
			id := int64(p.GeonamesID)
			r.PlaceGeonames = &id
		}
	}
	return r
}

// opt is nil for "".
func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
