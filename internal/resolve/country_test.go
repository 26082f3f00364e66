package resolve

import (
	"testing"
	"time"

	"entente"
)

// TestTransnationalGroup: a group with no country of its own takes the
// country it acts in; a group with a country keeps it.
func TestTransnationalGroup(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ text, lang, mention, want string }{
		{"L'État islamique a revendiqué l'attentat à Kaboul.", "fr", "État islamique", "AFG"},
		{"The Islamic State claimed the attack in Mosul.", "en", "Islamic State", "IRQ"},
		{"Hamas fired rockets from Gaza.", "en", "Hamas", "PSE"},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		m := find(doc, tt.mention)
		if m == nil || m.Actor.Country != tt.want || m.Actor.ID == "" {
			t.Errorf("%q: %q = %+v, want %s with its id", tt.text, tt.mention, m, tt.want)
		}
	}
}

// TestGroupCountry: a group with no country of its own (police,
// protesters) takes it from a place tied to it, else guesses it from a city
// named with "in"/"à" in its sentence or the sentence before, before the
// dateline's country; a guessed country says so.
func TestGroupCountry(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang, text, mention, country string
		guessed                      bool
	}{
		{"en", "NAIROBI (Reuters) - Police in Kampala arrested two reporters.", "Police", "UGA", false},
		{"fr", "PARIS (AFP) - Le ministre s'est exprimé à Paris. Les rebelles combattent près de Kidal.", "rebelles", "MLI", false},
		{"en", "NAIROBI (Reuters) - Crowds gathered on Sunday. Police later fired tear gas at the crowd outside the stadium in Kampala.", "Police", "UGA", true},
		{"en", "NAIROBI (Reuters) - Thousands marched in Kampala on Sunday. Police fired tear gas.", "Police", "UGA", true},
		{"fr", "DAKAR (AFP) - Les manifestants ont défilé samedi. La police a dispersé la foule devant le stade, à Bamako.", "police", "MLI", false},
		{"en", "NAIROBI (Reuters) - Police fired tear gas.", "Police", "KEN", true},
		{"en", "NAIROBI (Reuters) - American drones struck rebels near the border on Sunday.", "rebels", "KEN", true},
		{"fr", "DAKAR (AFP) - Des frappes françaises ont visé des rebelles samedi.", "rebelles", "SEN", true},
	}
	for _, tt := range tests {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		var m *entente.Mention
		for i := range doc.Mentions {
			mm := &doc.Mentions[i]
			if mm.Kind == entente.ActorMention && doc.Text[mm.Start:mm.End] == tt.mention {
				m = mm
			}
		}
		if m == nil {
			t.Errorf("%q: no mention %q", tt.text, tt.mention)
			continue
		}
		if m.Actor.Country != tt.country || m.Guessed != tt.guessed {
			t.Errorf("%q: %q is %s (guessed %v), want %s (guessed %v)", tt.text, tt.mention, m.Actor.Country, m.Guessed, tt.country, tt.guessed)
		}
	}
}
