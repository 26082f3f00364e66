package pipeline

import (
	"testing"
	"time"

	"entente"
)

// English sentences of our own, one table per class of error found on
// news never seen; each row names the event it must give.

// TestEnglishSummons: summoning a diplomat is an official complaint (114)
// whatever the sentence's shape: after another verb, in the passive.
func TestEnglishSummons(t *testing.T) {
	checkEvents(t, loadPipeline(t), "en", []eventCase{
		{"Turkey condemned the raid and summoned the Swedish ambassador.", "TUR", "11", "SWEGOV", "asserted"},
		{"The Nigerian foreign ministry criticised the vote and summoned the Ghanaian envoy on Friday.", "NGAGOV", "11", "GHAGOV", "asserted"},
		{"The Dutch ambassador was summoned by Hungary on Monday.", "HUN", "11", "NLDGOV", "asserted"},
	}, nil)
}

// TestEnglishPolicing: a police raid or attack on the state's own unarmed
// people or opposition is coercion (root 17), not a military fight; the
// same police against rebels, and troops, still fight (root 19).
func TestEnglishPolicing(t *testing.T) {
	checkEvents(t, loadPipeline(t), "en", []eventCase{
		{"Tanzanian police raided a hotel where opposition politicians were meeting in Arusha.", "TZACOP", "17", "TZAOPP", "asserted"},
		{"Bangladeshi police raided the homes of opposition activists in Dhaka overnight.", "BGDCOP", "17", "BGDOPP", "asserted"},
		{"Colombian police raided a camp of the ELN guerrillas.", "COLCOP", "19", "COLREB", "asserted"},
		{"Israeli troops raided a refugee camp in the West Bank.", "ISRMIL", "19", "", "asserted"},
	}, nil)
}

// TestEnglishAgentless: a killing or wounding told in the passive without
// its doer is coded with an unknown source ("?"), or with the doer its
// phrase of circumstance names; bombs make it non-military violence (18).
// A scene-setting clause, or a sentence that tells the doer otherwise,
// gives no such event.
func TestEnglishAgentless(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "en", []eventCase{
		{"Four Nigerian soldiers were killed in an ambush in Borno state on Monday.", "?", "19", "NGAMIL", "asserted"},
		{"Three Afghan police officers were wounded in a suicide bombing in Kandahar.", "?", "18", "AFGCOP", "asserted"},
		{"Two Lebanese soldiers were wounded in an attack by Hezbollah.", "LBNREB", "19", "LBNMIL", "asserted"},
		{"A Colombian soldier was killed by ELN guerrillas near the border.", "COLREB", "19", "COLMIL", "asserted"},
	}, []string{
		"Three Somali soldiers were killed by a roadside bomb outside Mogadishu.",
	})
	for _, text := range []string{
		// A scene, not the act told.
		"Kenya lifted the curfew in the north, where nine Kenyan police officers were killed last year.",
		// The clash is the one fight.
		"Nine Syrian soldiers were killed in clashes with Kurdish militants near Raqqa.",
	} {
		doc := codeText(t, p, "en", text, time.Time{})
		for _, e := range doc.Events {
			if e.Source.Country == "" && e.Source.Org == "" {
				t.Errorf("%q: want no event of unknown source, got%s", text, showEvents(doc.Events))
				break
			}
		}
	}
}

// TestEnglishPlaceNoSubject: a city after a preposition is where an act
// happens, never who does it ("flew to Kyiv for talks with"), though a
// capital that is a sentence's subject stands for its government.
func TestEnglishPlaceNoSubject(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "en", []eventCase{
		{"The Indian prime minister flew to Kyiv for talks with Ukrainian officials.", "INDGOV", "04", "UKRGOV", "asserted"},
		{"Beijing warned Manila against further provocations in the disputed waters.", "CHN", "13", "PHL", "asserted"},
	}, nil)
	for _, text := range []string{
		"The Indian prime minister flew to Kyiv for talks with Ukrainian officials.",
		"The Zambian foreign minister arrived in Harare on Monday for talks with his Zimbabwean counterpart.",
	} {
		for _, e := range codeText(t, p, "en", text, time.Time{}).Events {
			if e.Code[:2] == "04" && e.Source.Country == e.Target.Country {
				t.Errorf("%q: the city the visit goes to is a source: %s", text, showEvents([]entente.Event{e}))
			}
		}
	}
}

// TestEnglishStateProtest: a government, army or police that "protested"
// or "marched" did not demonstrate (14): only the people do.
func TestEnglishStateProtest(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "en", []eventCase{
		{"Thousands of Kenyan teachers protested outside parliament in Nairobi on Tuesday.", "KENCVL", "14", "", "asserted"},
		// Police "storming" a building raid it: coercion, not a riot.
		{"Ugandan police stormed the offices of an opposition newspaper in Kampala.", "UGACOP", "17", "UGAOPP", "asserted"},
	}, nil)
	for _, text := range []string{
		"The Indian government protested the remarks of the Chinese envoy.",
		"Riot police marched towards the square where the students had gathered in Dhaka.",
		"Ugandan police stormed the offices of an opposition newspaper in Kampala.",
	} {
		for _, e := range codeText(t, p, "en", text, time.Time{}).Events {
			if e.Code[:2] == "14" {
				t.Errorf("%q: a state body demonstrates: %s", text, showEvents([]entente.Event{e}))
			}
		}
	}
}
