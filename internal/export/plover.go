package export

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

//go:embed plover.tsv
var ploverTSV string

// PloverRecord is one line of the plover export: an event in the shape of
// PLOVER's event records (the Open Event Data Alliance ontology), with
// entente's identity, counts and evidence beside it. Empty strings and
// lists stay in the record ("" and []), so every line has every field.
type PloverRecord struct {
	ID            int64    `json:"id"`
	EventDate     *string  `json:"event_date"`     // YYYY-MM-DD or null
	DatePrecision *string  `json:"date_precision"` // day, week, month, year or null
	EventType     string   `json:"event_type"`     // AGREE, CONSULT, ... (from the CAMEO code)
	Mode          string   `json:"mode"`           // plover.tsv by CAMEO code, "" when the code says none
	Context       []string `json:"context"`        // plover.tsv by CAMEO code
	Modality      string   `json:"modality"`       // asserted, negated, intended, alleged, conditional

	Actor            string `json:"actor"` // the name
	ActorID          string `json:"actor_id"`
	ActorCode        string `json:"actor_code"`    // CAMEO actor code
	ActorCountry     string `json:"actor_country"` // ISO 3166-1 alpha-3
	ActorOrg         string `json:"actor_org"`
	ActorSector      string `json:"actor_sector"`
	Recipient        string `json:"recipient"`
	RecipientID      string `json:"recipient_id"`
	RecipientCode    string `json:"recipient_code"`
	RecipientCountry string `json:"recipient_country"`
	RecipientOrg     string `json:"recipient_org"`
	RecipientSector  string `json:"recipient_sector"`

	Location *PloverLocation `json:"location"` // null when unknown

	Cameo       string  `json:"cameo"`
	CameoName   string  `json:"cameo_name"`
	Goldstein   float64 `json:"goldstein"`
	QuadClass   int     `json:"quad_class"`
	NumSources  int     `json:"num_sources"`
	NumMentions int     `json:"num_mentions"`

	// The first report: its sentence, the sentence's byte offsets in the
	// document text, the words that fired, the rule, its confidence, the
	// sources it is attributed to, whether it is in the document's lead
	// (Record.IsRootEvent), the document's publisher, title and URL (else
	// its name).
	SourceText      string   `json:"source_text"`
	SourceTextStart int      `json:"source_text_start"`
	SourceTextEnd   int      `json:"source_text_end"`
	Trigger         string   `json:"trigger"`
	Rule            string   `json:"rule"`
	Confidence      float64  `json:"confidence"`
	AttributedTo    []string `json:"attributed_to"`
	IsRootEvent     bool     `json:"is_root_event"`
	Publisher       string   `json:"publisher"`
	Title           string   `json:"title"`
	SourceURL       string   `json:"source_url"`
}

// PloverLocation is where an event took place.
type PloverLocation struct {
	Name       string  `json:"name"`
	Country    string  `json:"country"` // ISO 3166-1 alpha-3
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	GeonamesID int     `json:"geonames_id"`
}

// ploverWriter writes PloverRecords, one JSON object a line.
type ploverWriter struct {
	buf   *bufio.Writer
	enc   *json.Encoder
	modes map[string]ploverMode
}

type ploverMode struct {
	mode    string
	context []string
}

func newPloverWriter(w io.Writer) (*ploverWriter, error) {
	modes, err := loadPloverModes()
	if err != nil {
		return nil, fmt.Errorf("export plover: %w", err)
	}
	buf := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return &ploverWriter{buf: buf, enc: enc, modes: modes}, nil
}

func loadPloverModes() (map[string]ploverMode, error) {
	modes := map[string]ploverMode{}
	err := eachRow(ploverTSV, "plover.tsv", 2, func(c []string) error {
		m := ploverMode{mode: strings.TrimSpace(c[1])}
		if len(c) > 2 {
			for _, x := range strings.Split(c[2], "|") {
				if x = strings.TrimSpace(x); x != "" {
					m.context = append(m.context, x)
				}
			}
		}
		modes[c[0]] = m
		return nil
	})
	return modes, err
}

// modeOf returns the entry of the longest prefix of code.
func (p *ploverWriter) modeOf(code string) ploverMode {
	for n := len(code); n > 0; n-- {
		if m, ok := p.modes[code[:n]]; ok {
			return m
		}
	}
	return ploverMode{}
}

func (p *ploverWriter) write(records []Record) error {
	for i := range records {
		if err := p.enc.Encode(p.record(&records[i])); err != nil {
			return fmt.Errorf("event %d: %w", records[i].ID, err)
		}
	}
	return nil
}

func (p *ploverWriter) close() error { return p.buf.Flush() }

func (p *ploverWriter) record(rec *Record) *PloverRecord {
	e := &rec.Event
	m := p.modeOf(e.Code)
	r := &PloverRecord{
		ID: e.ID, EventDate: e.Date, DatePrecision: e.DatePrecision,
		EventType: e.Plover, Mode: m.mode, Context: m.context, Modality: e.Modality,
		Actor: e.Source.Name, ActorID: e.Source.ID, ActorCode: e.Source.Code,
		ActorCountry: e.Source.Country, ActorOrg: e.Source.Org, ActorSector: e.Source.Sector,
		Recipient: e.Target.Name, RecipientID: e.Target.ID, RecipientCode: e.Target.Code,
		RecipientCountry: e.Target.Country, RecipientOrg: e.Target.Org, RecipientSector: e.Target.Sector,
		Cameo: e.Code, CameoName: rec.CodeName, Goldstein: e.Goldstein, QuadClass: e.Quad,
		NumSources: e.NumSources, NumMentions: e.NumMentions,
		SourceText: rec.Evidence.Text, SourceTextStart: rec.Evidence.Start, SourceTextEnd: rec.Evidence.End,
		Trigger: rec.Evidence.Trigger, Rule: rec.Rule, Confidence: rec.Confidence, AttributedTo: rec.AttributedTo,
		IsRootEvent: rec.IsRootEvent, Publisher: rec.Publisher, Title: rec.Title, SourceURL: e.SourceURL,
	}
	if r.Context == nil {
		r.Context = []string{}
	}
	if e.Place != nil {
		r.Location = &PloverLocation{Name: e.Place.Name, Country: e.Place.Country, Lat: e.Place.Lat, Lon: e.Place.Lon, GeonamesID: e.Place.GeonamesID}
	}
	return r
}
