package resolve

import (
	"strings"
	"testing"
	"time"

	"entente"
)

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

// TestEnvoy: an envoy's title is told from a minister's by the language's
// envoy words, whole or as a beginning.
func TestEnvoy(t *testing.T) {
	r := newResolver(t)
	for _, tt := range []struct {
		lang, head string
		want       bool
	}{
		{"fr", "ambassadrice", true},
		{"fr", "chargé d'affaires", true},
		{"fr", "consul général", true},
		{"fr", "diplomate", true},
		{"fr", "chef de la diplomatie", false},
		{"fr", "ministre des Affaires étrangères", false},
		{"en", "special envoy", true},
		{"en", "ambassador", true},
		{"en", "foreign minister", false},
		{"en", "", false},
	} {
		st := &state{r: r, doc: &entente.Document{Lang: tt.lang}}
		if got := st.envoy(tt.head); got != tt.want {
			t.Errorf("%s envoy(%q) = %v, want %v", tt.lang, tt.head, got, tt.want)
		}
	}
}

// TestAdjectiveSide: a word between a role noun and a demonym joins them
// only on the side where the language puts its adjectives.
func TestAdjectiveSide(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ lang, text, mention, country string }{
		{"en", "Chilean naval officers boarded the trawler.", "Chilean naval officers", "CHL"},
		{"fr", "Des officiers navals chiliens ont arraisonné le chalutier.", "officiers navals chiliens", "CHL"},
		// A role "from" a country is that country's, unless a possessive
		// gives it its owner.
		{"en", "Ghana hosted a delegation from Togo on Monday.", "delegation from Togo", "TGO"},
		{"en", "France withdrew its troops from Mali last year.", "troops", "FRA"},
		// The possessive of one possessor skips an actor that names many:
		// the minister is Estonia's, not the Belarusian diplomats'.
		{"en", "Estonia expelled three Belarusian diplomats and its foreign minister summoned the chargé.", "foreign minister", "EST"},
		{"fr", "L'Estonie a expulsé trois diplomates biélorusses et son ministre des Affaires étrangères a convoqué le chargé d'affaires.", "ministre des Affaires étrangères", "EST"},
		{"de", "Lettland wies zwei belarussische Diplomaten aus, und sein Außenminister bestellte den Geschäftsträger ein.", "Außenminister", "LVA"},
		{"ru", "Латвия выслала двух белорусских дипломатов, и его министр иностранных дел вызвал поверенного.", "министр иностранных дел", "LVA"},
		// An abbreviation in brackets repeats the name; the role after it
		// is that actor's.
		{"en", "The United Nations Interim Force in Lebanon (UNIFIL) peacekeepers crossed the river.", "United Nations Interim Force in Lebanon (UNIFIL) peacekeepers", ""},
		// An organisation's own role: "its troops" after KFOR are NATO's.
		{"en", "KFOR said its troops had cleared the barricades near Jarinje.", "troops", ""},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		if m := find(doc, tt.mention); m == nil || m.Actor.Country != tt.country || tt.country == "" && m.Actor.Org == "" {
			t.Errorf("%q: %q = %+v, want %s", tt.text, tt.mention, m, tt.country)
		}
	}
}

// TestEnvoyCountry: envoys named without a country after an envoy named
// with one are of that country, with a link; its own envoys ("its
// diplomats", "ses diplomates") take no envoy's country.
func TestEnvoyCountry(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		lang, text, mention, country string
		link                         bool
	}{
		{"en", "Ghana summoned the Togolese ambassador. It also expelled two diplomats.", "diplomats", "TGO", true},
		{"fr", "Le Chili a convoqué l'ambassadeur péruvien. Il a aussi expulsé trois diplomates.", "diplomates", "PER", true},
		{"en", "Ghana summoned the Togolese ambassador. Ghana also recalled its diplomats.", "diplomats", "GHA", false},
		{"fr", "Le Chili a convoqué l'ambassadeur péruvien. L'Union africaine a rappelé ses diplomates.", "diplomates", "!PER", false},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		m := find(doc, tt.mention)
		if not, ok := strings.CutPrefix(tt.country, "!"); ok {
			if m == nil || m.Actor.Country == not || m.Link > 0 {
				t.Errorf("%q: %q = %+v, want no link to %s", tt.text, tt.mention, m, not)
			}
			continue
		}
		if m == nil || m.Actor.Country != tt.country || (m.Link > 0) != tt.link {
			t.Errorf("%q: %q = %+v, want %s (link %v)", tt.text, tt.mention, m, tt.country, tt.link)
		}
	}
}

// TestSizeModifier: a size joined by a hyphen ("15-member", "35-nation")
// between an organisation's genitive and its body keeps the body the
// organisation's.
func TestSizeModifier(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ text, phrase, org string }{
		{"The IAEA's 35-country board of governors rebuked Iran on Monday.", "IAEA's 35-country board of governors", "IAEA"},
		{"NATO's 32-nation military committee warned Moscow.", "NATO's 32-nation military", "NATO"},
	} {
		doc := resolveText(t, r, tt.text, "en", date)
		m := find(doc, tt.phrase)
		if m == nil || m.Actor.Org != tt.org {
			t.Errorf("%q: %q = %+v, want org %s", tt.text, tt.phrase, m, tt.org)
		}
	}
}
