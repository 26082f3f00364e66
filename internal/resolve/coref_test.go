package resolve

import (
	"slices"
	"testing"
	"time"

	"entente"
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
	// A French role adjective follows the noun it qualifies.
	for _, text := range []string{
		"Le Mali a publié un communiqué militaire sur les manoeuvres militaires prévues avec le Niger.",
		"Le Ghana réclame la fin de la transition militaire au Burkina Faso.",
	} {
		doc := resolveText(t, r, text, "fr", date)
		if m := find(doc, "militaire"); m != nil {
			t.Errorf("%q: \"militaire\" is an actor: %+v", text, m.Actor)
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
		{"Ghana hosted a delegation from Togo. Both sides agreed to reopen the border.", "en", "Both", []string{"GHA", "TGO"}},
		{"Chile and Peru signed a fisheries accord. Afterwards the two ministers promised a joint patrol.", "en", "two", []string{"CHL", "PER"}},
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

// TestPronounActors: a pronoun that no person fits stands for the state,
// body or group that was the subject of a sentence before (a list for a
// plural pronoun), with a link less sure than a name; a pronoun that
// refers to nobody, a plural one after a single state, and one whose
// antecedent is in its own sentence (left to the coder) get no actor.
func TestPronounActors(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		lang, text, pronoun string
		want                []string // countries or organisations; nil: no mention
	}{
		{"fr", "La Norvège a convoqué l'ambassadeur russe. Elle a aussi expulsé deux diplomates.", "Elle", []string{"NOR"}},
		{"fr", "Emmanuel Macron a quitté Dakar. Réunie lundi, l'Union africaine a condamné les putschistes. Elle a aussi menacé la junte de sanctions.", "Elle", []string{"AU"}},
		{"fr", "La Suède et la Finlande ont protesté lundi. Elles ont rappelé leurs ambassadeurs.", "Elles", []string{"SWE", "FIN"}},
		{"fr", "Les rebelles houthis ont tiré un missile. Ils visaient un pétrolier.", "Ils", []string{"YEM"}},
		{"en", "Chile said it would recall its ambassador.", "it", nil},
		{"en", "Ecuador protested on Monday. It recalled its envoy.", "It", []string{"ECU"}},
		{"en", "Vietnam and the Philippines met in Hanoi. They signed a fisheries accord.", "They", []string{"VNM", "PHL"}},
		{"en", "The European Union met on Monday. It extended its sanctions.", "It", []string{"EU"}},
		{"en", "Bulgaria protested on Monday. They would stay.", "They", nil},
		{"en", "Peru protested. It is unclear whether talks will resume.", "It", nil},
		{"en", "Norway reminded Iceland that it must pay.", "it", nil},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		var got []string
		for _, m := range doc.Mentions {
			if doc.Text[m.Start:m.End] != tt.pronoun {
				continue
			}
			if m.Kind != entente.PronounMention || m.Link <= 0 || m.Link >= 1 {
				t.Errorf("%q: %q = %+v, want a pronoun with a link below 1", tt.text, tt.pronoun, m)
			}
			if m.Actor.Org != "" {
				got = append(got, m.Actor.Org)
			} else {
				got = append(got, m.Actor.Country)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %q = %v, want %v", tt.text, tt.pronoun, got, tt.want)
		}
	}
}

// TestQuoteSpeakerOutside: the speaker of a quote is told outside it (a
// reporting verb inside the quote names whom the speaker spoke of), and a
// "he added" with no person since the last quote is that quote's speaker.
func TestQuoteSpeakerOutside(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		lang, text, mention string
		nth                 int // which mention of that text
		want                string
	}{
		{"fr", "Antony Blinken est arrivé à Doha. « Nous avons dit aux talibans que nous partirons », a-t-il ajouté.", "Nous", 0, "USA"},
		{"en", "Antony Blinken landed in Doha. \"We told the Taliban that we would leave,\" he added.", "We", 0, "USA"},
		{"fr", "« Nous répondrons », a déclaré le ministère iranien. « Nous ne céderons pas », a-t-il ajouté.", "Nous", 1, "IRN"},
		{"fr", "Antonio Guterres est arrivé mardi à Lima. « La mission reviendra en Bolivie en mai. Je resterai ici jusqu'à jeudi », a-t-il réagi.", "Je", 0, "UN"},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		n := 0
		var m *entente.Mention
		for i := range doc.Mentions {
			if doc.Text[doc.Mentions[i].Start:doc.Mentions[i].End] == tt.mention {
				if n == tt.nth {
					m = &doc.Mentions[i]
				}
				n++
			}
		}
		if m == nil || m.Actor.Country != tt.want && m.Actor.Org != tt.want {
			t.Errorf("%q: %q #%d = %+v, want %s", tt.text, tt.mention, tt.nth, m, tt.want)
		}
	}
}

// TestDefinites: "le groupe", "the country", "the militia" refer back to
// the group or state named last, with a link less sure than a name; a
// noun that leads on to a complement or a name does not.
func TestDefinites(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		lang, text, phrase, want string // want: the actor id, or the country; "": no link
	}{
		{"fr", "Boko Haram a revendiqué l'attaque. Le groupe a aussi enlevé deux pêcheurs.", "groupe", "boko-haram"},
		{"en", "Al-Shabaab claimed the bombing. The militia also seized a town.", "militia", "al-shabaab"},
		{"en", "Ecuador recalled its envoy on Monday. The country also closed its consulate.", "country", "ECU"},
		{"fr", "L'Équateur a rappelé son ambassadeur. Ce pays a aussi fermé son consulat.", "pays", "ECU"},
		{"en", "Ecuador recalled its envoy on Monday. The country's president spoke.", "country", ""},
		{"en", "The IAEA sent inspectors to Iran. The agency asked for access to two sites.", "agency", "iaea"},
		{"en", "The EU froze the assets of ten Belarusian officials. The bloc also banned their travel.", "bloc", "eu"},
		{"en", "Kenya's army entered the town on Sunday. The agency said nothing.", "agency", ""},
		{"fr", "Boko Haram a revendiqué l'attaque. Le groupe de contact s'est réuni.", "groupe", ""},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		m := find(doc, tt.phrase)
		if tt.want == "" {
			if m != nil && m.Link > 0 {
				t.Errorf("%q: %q links to %+v", tt.text, tt.phrase, m.Actor)
			}
			continue
		}
		if m == nil || m.Link <= 0 || m.Link >= 1 || m.Actor.ID != tt.want && m.Actor.Country != tt.want {
			t.Errorf("%q: %q = %+v, want %s with a link below 1", tt.text, tt.phrase, m, tt.want)
		}
	}
}

// TestObjectPronouns: an object pronoun stands for the actor named last
// that is not its clause's subject; "leur" is one only where it cannot be
// a determiner.
func TestObjectPronouns(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		lang, text, pronoun string
		want                []string // countries; nil: no mention
	}{
		{"fr", "Le Pérou a convoqué l'ambassadeur chilien et lui a remis une note.", "lui", []string{"CHL"}},
		{"fr", "Le Pérou a convoqué l'ambassadeur chilien. Il lui a remis une note.", "lui", []string{"CHL"}},
		{"fr", "La Suède et la Norvège ont protesté. Le Danemark leur a répondu.", "leur", []string{"SWE", "NOR"}},
		{"fr", "La Suède et la Norvège ont suspendu leur aide.", "leur", nil},
		{"fr", "Le président chilien a reçu un appel du président péruvien, qui lui a présenté ses vœux.", "lui", []string{"CHL"}},
		{"fr", "Le président chilien a reçu un appel du président péruvien, au cours duquel il lui a transmis ses vœux.", "lui", []string{"CHL"}},
		{"fr", "Le président chilien a salué la victoire du nouveau dirigeant et lui a souhaité du succès.", "lui", nil},
		{"en", "Kenya and Uganda sent envoys. Tanzania received them on Monday.", "them", []string{"KEN", "UGA"}},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		var got []string
		for _, m := range doc.Mentions {
			if doc.Text[m.Start:m.End] == tt.pronoun && m.Kind == entente.PronounMention {
				got = append(got, m.Actor.Country)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %q = %v, want %v", tt.text, tt.pronoun, got, tt.want)
		}
	}
}

// TestSurnameBeatsPlace: a surname that is also a town refers to the
// person named before it in the document, and is a town otherwise.
func TestSurnameBeatsPlace(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2019, 5, 6, 0, 0, 0, 0, time.UTC)
	doc := resolveText(t, r, "US national security adviser John Bolton spoke in London. Bolton warned Tehran on Monday.", "en", date)
	var got *entente.Mention
	for i := range doc.Mentions {
		if m := doc.Mentions[i]; m.Sentence == 1 && doc.Text[m.Start:m.End] == "Bolton" {
			got = &doc.Mentions[i]
		}
	}
	if got == nil || got.Kind != entente.ActorMention || got.Actor.Country != "USA" || !got.Person {
		t.Errorf("Bolton = %+v, want the US adviser", got)
	}
	doc = resolveText(t, r, "Floods hit Bolton on Monday.", "en", date)
	if m := find(doc, "Bolton"); m == nil || m.Kind != entente.PlaceMention {
		t.Errorf("Bolton alone = %+v, want the town", m)
	}
}
