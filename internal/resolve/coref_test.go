package resolve

import (
	"testing"
	"time"
)

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
