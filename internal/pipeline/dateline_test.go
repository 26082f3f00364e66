package pipeline

import (
	"testing"

	"entente"
)

// TestDatelinePlace: the place a story opens with ("X (agency) -") is where
// it was filed, the events' place and never an actor, even a capital that
// elsewhere names its state or a city whose Persian spelling is also an
// Arabic alias; the sentence after it is parsed without it, so the verb's
// subject is the sentence's own. An Arabic dateline writes its date after
// the place without a comma. The sentences are ours.
func TestDatelinePlace(t *testing.T) {
	p := loadPipeline(t)
	tests := []struct {
		name, lang, text string
		event, place     string // source root target of an expected event; its place
		notSource        string // a country no event may have as its source
		date             string // the document date the text gives, if any
	}{
		{"persian city", "fa", "اربیل (رووداو) – دولت ترکیه روز شنبه دولت سوریه را به شدت محکوم کرد.",
			"TURGOV 11 SYRGOV", "Erbil", "IRQ", ""},
		{"arabic capital", "ar", "القاهرة (رويترز) – استدعت وزارة الخارجية الأردنية السفير الإسرائيلي.",
			"JORGOV 11 ISRGOV", "Cairo", "EGY", ""},
		{"arabic dated", "ar", "بغداد 12 مارس 2024 (شينخوا) استدعت وزارة الخارجية الكويتية السفير الإيراني.",
			"KWTGOV 11 IRNGOV", "Baghdad", "IRQ", "2024-03-12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &entente.Document{ID: tt.name, Lang: tt.lang, Text: tt.text}
			if err := p.Code(t.Context(), doc); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, e := range doc.Events {
				if e.Source.Country == tt.notSource {
					t.Errorf("the dateline's %s is a source: %s", tt.notSource, showEvents([]entente.Event{e}))
				}
				if key(e.Source)+" "+e.Code[:2]+" "+key(e.Target) == tt.event {
					found = true
					if e.Place == nil || e.Place.Name != tt.place {
						t.Errorf("place %v, want %s", e.Place, tt.place)
					}
				}
			}
			if !found {
				t.Errorf("want %s; got%s", tt.event, showEvents(doc.Events))
			}
			if got := ""; tt.date != "" {
				if !doc.Date.IsZero() {
					got = doc.Date.Format("2006-01-02") + " " + doc.DateFrom
				}
				if got != tt.date+" dateline" {
					t.Errorf("document date %q, want %s from the dateline", got, tt.date)
				}
			}
		})
	}
}
