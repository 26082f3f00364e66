package resolve

import (
	"testing"
	"time"

	"entente"
	"entente/data"
	"entente/internal/kb"
	"entente/internal/segment"
)

func resolveText(t *testing.T, r *Resolver, text, lang string, date time.Time) *entente.Document {
	t.Helper()
	doc := &entente.Document{Text: text, Lang: lang, Date: date}
	segment.Split(doc)
	if err := r.Resolve(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func newResolver(t *testing.T) *Resolver {
	t.Helper()
	k, err := kb.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	return New(k, "fr", "en")
}

func find(doc *entente.Document, text string) *entente.Mention {
	for i, m := range doc.Mentions {
		if doc.Text[m.Start:m.End] == text {
			return &doc.Mentions[i]
		}
	}
	return nil
}

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

// TestCoreference: a surname, a role phrase and a pronoun refer back to
// the person named first.
func TestCoreference(t *testing.T) {
	r := newResolver(t)
	text := "Le président Masoud Pezeshkian a reçu le ministre. Pezeshkian a parlé. Il a ensuite quitté la salle."
	doc := resolveText(t, r, text, "fr", time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC))
	var ids []string
	for _, m := range doc.Mentions {
		if m.Person && m.Actor.ID != "" {
			ids = append(ids, m.Actor.ID)
		}
	}
	if len(ids) < 3 || ids[0] != ids[1] || ids[1] != ids[2] {
		t.Errorf("person ids %q, want the same person three times", ids)
	}
}

// TestEnvoyTitles: an unknown envoy's name after the post's city is the
// envoy, and refers back later; a bare minister's title does not name the
// envoy, nor a bare envoy's title the minister.
func TestEnvoyTitles(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	text := "L'ambassadeur de Syrie à Madrid, Karim Haddadi, a été convoqué par la ministre espagnole Ana Ruiz. « J'ai convoqué l'ambassadeur syrien », a déclaré la ministre. Haddadi n'a pas répondu."
	doc := resolveText(t, r, text, "fr", date)
	for _, tt := range []struct{ mention, country string }{
		{"ambassadeur de Syrie à Madrid, Karim Haddadi", "SYR"},
		{"ministre", "ESP"},
		{"Haddadi", "SYR"},
	} {
		var m *entente.Mention
		for i := len(doc.Mentions) - 1; i >= 0; i-- {
			if x := doc.Mentions[i]; doc.Text[x.Start:x.End] == tt.mention {
				m = &doc.Mentions[i]
				break
			}
		}
		if m == nil || m.Actor.Country != tt.country {
			t.Errorf("%q = %+v, want country %s", tt.mention, m, tt.country)
		}
	}
}

// TestQuoteSpeaker: the first person of a quote is its speaker; an
// adjective role noun ("military solutions") is no actor.
func TestQuoteSpeaker(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ lang, text, mention, country string }{
		{"fr", "« J'ai reçu le consul chinois », a tweeté la ministre canadienne.", "J'", "CAN"},
		{"en", "\"We reject any military solution,\" the Chinese foreign minister said.", "We", "CHN"},
		{"en", "\"We will respond,\" Iran's president said.", "We", "IRN"},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		m := find(doc, tt.mention)
		if m == nil || m.Actor.Country != tt.country {
			t.Errorf("%q: %q = %+v, want %s", tt.text, tt.mention, m, tt.country)
		}
		if find(doc, "military") != nil {
			t.Errorf("%q: \"military\" is an actor", tt.text)
		}
	}
	doc := resolveText(t, r, "Nous avons parlé avec la ministre britannique.", "fr", date)
	if m := find(doc, "Nous"); m != nil {
		t.Errorf("a first person outside a quote is %+v", m)
	}
}

// TestPairs: "les deux pays", "the two leaders" stand for the last two
// actors of different countries, earlier one first; a pair followed by
// its names is left to them.
func TestPairs(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		text, lang, word string
		want             []string // countries of the pair, in order; nil: no pair
	}{
		{"Le Maroc a reçu le ministre espagnol. Les deux pays ont signé un accord.", "fr", "deux", []string{"MAR", "ESP"}},
		{"Putin met Xi in Beijing. The two leaders signed an agreement.", "en", "two", []string{"RUS", "CHN"}},
		{"Le Kenya a parlé. Les deux pays ont signé un accord.", "fr", "deux", nil},
		{"Varsovie et Prague ont parlé. Les deux présidents Andrzej Duda et Petr Pavel se sont vus.", "fr", "deux", nil},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		m := find(doc, tt.word)
		if tt.want == nil {
			if m != nil {
				t.Errorf("%q: unexpected pair %+v", tt.text, m.Actor)
			}
			continue
		}
		if m == nil || m.Group == 0 {
			t.Errorf("%q: no pair at %q", tt.text, tt.word)
			continue
		}
		var got []string
		for _, o := range doc.Mentions {
			if o.Group == m.Group {
				got = append(got, o.Actor.Country)
			}
		}
		if len(got) != 2 || got[0] != tt.want[0] || got[1] != tt.want[1] {
			t.Errorf("%q: pair = %v, want %v", tt.text, got, tt.want)
		}
	}
}

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

// TestEnvoyPosting: where an envoy serves is part of the envoy's mention,
// not an actor of its own.
func TestEnvoyPosting(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		lang, text, phrase, country, gone string
	}{
		{"en", "The French ambassador to Mali met the president.", "French ambassador to Mali", "FRA", "Mali"},
		{"en", "The Japanese envoy to the UN spoke on Monday.", "Japanese envoy to the UN", "JPN", "UN"},
		{"fr", "L'ambassadeur américain auprès de l'ONU a parlé lundi.", "ambassadeur américain auprès de l'ONU", "USA", "ONU"},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		m := find(doc, tt.phrase)
		if m == nil || m.Actor.Country != tt.country {
			t.Errorf("%q: %q = %+v, want %s", tt.text, tt.phrase, m, tt.country)
		}
		if g := find(doc, tt.gone); g != nil {
			t.Errorf("%q: %q is a mention of its own: %+v", tt.text, tt.gone, g)
		}
	}
}

// TestOwnEnvoyPosting: "its ambassador to Algeria" keeps Algeria, the
// target of a recall.
func TestOwnEnvoyPosting(t *testing.T) {
	r := newResolver(t)
	doc := resolveText(t, r, "Mali recalled its ambassador to Algeria.", "en", time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC))
	if m := find(doc, "Algeria"); m == nil || m.Actor.Country != "DZA" {
		t.Errorf("Algeria = %+v, want a DZA mention", m)
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
		{"en", "NAIROBI (Reuters) - Crowds gathered on Sunday. Police later fired tear gas at the crowd outside the stadium in Kampala.", "Police", "UGA", true},
		{"en", "NAIROBI (Reuters) - Thousands marched in Kampala on Sunday. Police fired tear gas.", "Police", "UGA", true},
		{"fr", "DAKAR (AFP) - Les manifestants ont défilé samedi. La police a dispersé la foule devant le stade, à Bamako.", "police", "MLI", false},
		{"en", "NAIROBI (Reuters) - Police fired tear gas.", "Police", "KEN", true},
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
