package resolve

import (
	"strings"
	"testing"
	"time"
)

// TestOfficeAtDate: a person is resolved with the office held on the
// document date (Raisi headed the judiciary in 2020, was president in 2022).
func TestOfficeAtDate(t *testing.T) {
	r := newResolver(t)
	for _, tt := range []struct {
		date   time.Time
		sector string
	}{
		{time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC), "JUD"},
		{time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC), "GOV"},
	} {
		doc := resolveText(t, r, "Ebrahim Raisi a parlé.", "fr", tt.date)
		m := find(doc, "Ebrahim Raisi")
		if m == nil || m.Actor.Country != "IRN" || m.Actor.Sector != tt.sector {
			t.Errorf("%s: Raisi = %+v, want IRN %s", tt.date.Format("2006"), m, tt.sector)
		}
	}
}

func TestActorPhrases(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang, text, mention, country, sector string
	}{
		{"fr", "Le chef de la diplomatie turque, Hakan Fidan, a atterri.", "chef de la diplomatie turque, Hakan Fidan", "TUR", "GOV"},
		{"fr", "Le chef d'état-major de l'armée nigériane a démissionné.", "chef d'état-major de l'armée nigériane", "NGA", "MIL"},
		{"fr", "Le contre-amiral Ali Akbar Ahmadian a parlé.", "contre-amiral Ali Akbar Ahmadian", "IRN", ""},
		{"en", "Russia's foreign minister spoke.", "Russia's foreign minister", "RUS", "GOV"},
		{"en", "Police in northern Kenya used water cannon.", "Police", "KEN", "COP"},
		{"en", "Шойгу прибыл.", "Шойгу", "RUS", "GOV"},
		{"en", "Chile condemned the coup in Bolivia.", "coup", "BOL", "MIL"},
		{"en", "The coup leaders in Niger detained the president.", "coup leaders", "NER", "MIL"},
		// A role noun keeps the country it had before, unless a place
		// beside it says otherwise.
		{"en", "Kenyan police arrested protesters in Nairobi. Police in Kampala fired tear gas at students.", "Police", "UGA", "COP"},
		{"en", "Kenyan police arrested protesters in Nairobi. The police said they would charge them.", "police", "KEN", "COP"},
		{"fr", "La police kényane a arrêté des manifestants. À Kampala, la police a tiré des gaz lacrymogènes.", "police", "UGA", "COP"},
	}
	for _, tt := range tests {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		m := find(doc, tt.mention)
		if m == nil {
			var got []string
			for _, m := range doc.Mentions {
				got = append(got, doc.Text[m.Start:m.End])
			}
			t.Errorf("%q: no mention %q (got %q)", tt.text, tt.mention, got)
			continue
		}
		if m.Actor.Country != tt.country || tt.sector != "" && m.Actor.Sector != tt.sector {
			t.Errorf("%q: %q = %s/%s, want %s/%s", tt.text, tt.mention, m.Actor.Country, m.Actor.Sector, tt.country, tt.sector)
		}
	}
}

// TestColonialDemonym: a demonym that names a colonial power ("the former
// French colony") is no actor of the story.
func TestColonialDemonym(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ lang, text, demonym string }{
		{"en", "The army seized power in the former British colony.", "British"},
		{"fr", "L'armée a pris le pouvoir dans l'ancienne colonie portugaise.", "portugaise"},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		if m := find(doc, tt.demonym); m != nil {
			t.Errorf("%q: %q = %+v, want no mention", tt.text, tt.demonym, m.Actor)
		}
	}
}

// TestUNBody: a role phrase of the unbody class names the UN's body when
// nothing names a country for it ("le Conseil de sécurité" in a story set
// in Mali is not Mali's), and a national one when something does.
func TestUNBody(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		text, mention, country, org string
	}{
		{"BAMAKO (AFP) - Le Conseil de sécurité a prolongé la mission au Mali.", "Conseil de sécurité", "", "UN"},
		{"Le Conseil de sécurité ivoirien s'est réuni à Abidjan.", "Conseil de sécurité ivoirien", "CIV", ""},
		{"Le Conseil de sécurité ivoirien s'est réuni. Le Conseil de sécurité a ensuite parlé.", "Conseil de sécurité", "CIV", ""},
	} {
		doc := resolveText(t, r, tt.text, "fr", date)
		var m = find(doc, tt.mention)
		if strings.Count(tt.text, tt.mention) > 1 {
			// The second one, after the first gave the phrase its country.
			for i := len(doc.Mentions) - 1; i >= 0; i-- {
				if doc.Text[doc.Mentions[i].Start:doc.Mentions[i].End] == tt.mention {
					m = &doc.Mentions[i]
					break
				}
			}
		}
		if m == nil || m.Actor.Country != tt.country || m.Actor.Org != tt.org {
			t.Errorf("%q: %q = %+v, want country %q org %q", tt.text, tt.mention, m, tt.country, tt.org)
		}
	}
}
