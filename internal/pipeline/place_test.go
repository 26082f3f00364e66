package pipeline

import (
	"testing"
	"time"
)

// TestEventPlace: an event takes the place of a preposition of place in
// its sentence, in each language's own prepositions (words.tsv placeprep);
// the dateline names where the story was filed and is the place only of
// an event of the first sentence that names none. The sentences are ours.
func TestEventPlace(t *testing.T) {
	p := loadPipeline(t)
	date := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct{ lang, text, root, place string }{
		// A place in the sentence wins over the dateline before it.
		{"fr", "Bamako, 3 mars 2026 - La police a arrêté dimanche douze manifestants à Dakar.", "17", "Dakar"},
		{"en", "NAIROBI, March 3 (Reuters) - Ugandan police detained 40 opposition supporters in Kampala on Monday.", "17", "Kampala"},
		// With none, the dateline.
		{"en", "NAIROBI, March 3 (Reuters) - The president of Kenya condemned the government of Ethiopia on Monday for the border raid.", "11", "Nairobi"},
		// A capital that opens a sentence with a bracket further on is its
		// state acting, no dateline: the event stays.
		{"en", "Washington imposed sanctions on Iran on Monday (local time) over its missile tests.", "16", ""},
		{"fr", "Moscou accuse Kiev d'avoir bombardé une centrale (selon un communiqué).", "11", ""},
		// Each language's prepositions, an article between ("en la", "in der").
		{"es", "La policía de Ecuador detuvo a diez manifestantes en Quito.", "17", "Quito"},
		{"de", "Die Polizei nahm am Montag in Minsk drei Aktivisten fest.", "17", "Minsk"},
		{"ar", "اعتقلت الشرطة العراقية عشرة متظاهرين في البصرة.", "17", "Basra"},
		// The place of a verb that frames the trigger's clause is the event's.
		{"fr", "Venu à Doha pour deux jours, le chef de la diplomatie turque compte rencontrer son homologue qatari.", "03", "Doha"},
		// Not the place of a clause coordinated with the trigger's: the
		// expulsion was not in Vilnius, the meeting was.
		{"en", "Poland expelled two Russian diplomats on Monday and its prime minister later met the Lithuanian president in Vilnius.", "16", ""},
		{"en", "Poland expelled two Russian diplomats on Monday and its prime minister later met the Lithuanian president in Vilnius.", "04", "Vilnius"},
		{"fr", "La Pologne a expulsé lundi deux diplomates russes et son Premier ministre a ensuite rencontré le président lituanien à Vilnius.", "16", ""},
	}
	for _, tt := range tests {
		doc := codeText(t, p, tt.lang, tt.text, date)
		found := false
		for _, e := range doc.Events {
			if e.Code[:2] != tt.root {
				continue
			}
			found = true
			got := ""
			if e.Place != nil {
				got = e.Place.Name
			}
			if got != tt.place {
				t.Errorf("%s %q: %s at %q, want %q", tt.lang, tt.text, e.Code, got, tt.place)
			}
		}
		if !found {
			t.Errorf("%s %q: no %s event; got%s", tt.lang, tt.text, tt.root, showEvents(doc.Events))
		}
	}
}

// TestOwnWordTarget: a verb whose lexicon word is the subject's own
// ("its high commissioner", "ses troupes") targets where they are, the
// place or actor after a preposition on the word. The sentences are ours.
func TestOwnWordTarget(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "fr", []eventCase{
		{"L'Australie a rappelé sa haute-commissaire à Wellington pour consultations.", "AUS", "16", "NZL", "asserted"},
		{"La Turquie a retiré ses troupes du nord de la Syrie.", "TUR", "08", "SYR", "asserted"},
	}, nil)
	// A person object marked with "a" is the verb's object.
	checkEvents(t, p, "es", []eventCase{
		{"El gobierno de Perú retiró a su embajadora en La Paz por las críticas.", "PERGOV", "16", "BOL", "asserted"},
	}, nil)
	checkEvents(t, p, "en", []eventCase{
		{"Kenya recalled its high commissioner from Kampala on Friday.", "KEN", "16", "UGA", "asserted"},
		{"Turkey withdrew its troops from Syria on Monday.", "TUR", "08", "SYR", "asserted"},
	}, nil)
}

// TestOwnOfficialNoTarget: an official named with a possessive after the
// source's act ("and its foreign minister condemned…") starts the next
// clause; he is not the target of the act before. The sentences are ours.
func TestOwnOfficialNoTarget(t *testing.T) {
	p := loadPipeline(t)
	date := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ lang, text, src, tgt string }{
		{"en", "Estonia expelled three Belarusian diplomats and its foreign minister condemned Minsk.", "EST", "BLRGOV"},
		{"fr", "L'Estonie a expulsé trois diplomates biélorusses et son ministre des Affaires étrangères a condamné Minsk.", "EST", "BLR"},
	} {
		es := codeText(t, p, tt.lang, tt.text, date).Events
		found := false
		for _, e := range es {
			if e.Code[:2] == "16" {
				found = found || key(e.Source) == tt.src && key(e.Target) == tt.tgt
				if e.Target.Country == e.Source.Country {
					t.Errorf("%s %q: the source's own official as target:%s", tt.lang, tt.text, showEvents(es))
				}
			}
		}
		if !found {
			t.Errorf("%s %q: want %s 16 %s; got%s", tt.lang, tt.text, tt.src, tt.tgt, showEvents(es))
		}
	}
}
