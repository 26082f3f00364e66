package pipeline

import (
	"strings"
	"testing"
	"time"

	"entente"
)

// TestLexiconFr codes sentences whose trigger only the French lexicon
// (data/lexicon/fr.txt) knows, read over the parse: each must give its
// event, and the demanded, refused, negated or idiomatic ones must not
// give the act. The sentences are ours, about made-up events.
func TestLexiconFr(t *testing.T) {
	p := loadPipeline(t)
	code := func(text string) []entente.Event {
		t.Helper()
		return codeText(t, p, "fr", text, time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)).Events
	}
	show := func(es []entente.Event) string {
		var b strings.Builder
		for _, e := range es {
			b.WriteString(" " + e.Source.Country + e.Source.Org + " " + e.Code + " " + e.Target.Country + e.Target.Org + " (" + e.Modality + ", " + e.Rule + ")")
		}
		return b.String()
	}

	gives := []struct {
		text          string
		src, root, tg string
	}{
		{"Le gouvernement tchadien a expulsé trois journalistes soudanais.", "TCD", "17", "SDN"},
		{"Le Liban a déporté deux militants syriens.", "LBN", "17", "SYR"},
		{"Le Tchad a refoulé des centaines de réfugiés soudanais.", "TCD", "17", "SDN"},
		{"Deux journalistes français ont été expulsés par le Burkina Faso.", "BFA", "17", "FRA"},
		{"Le Kenya a extradé un ancien officier ougandais.", "KEN", "06", "UGA"},
		{"L'Égypte a épaulé le Soudan.", "EGY", "05", "SDN"},
		{"La Tanzanie a soutenu le Mozambique.", "TZA", "05", "MOZ"},
		{"Le Nicaragua a intimidé le Costa Rica.", "NIC", "13", "CRI"},
		{"Le Venezuela a exproprié une compagnie espagnole.", "VEN", "17", "ESP"},
		{"Les policiers kényans ont matraqué des manifestants somaliens.", "KEN", "17", "SOM"},
		{"L'armée nigériane a neutralisé des combattants de Boko Haram.", "NGA", "19", "NGA"},
		{"Le Pérou a séquestré deux pêcheurs équatoriens.", "PER", "18", "ECU"},
		{"L'Arménie a déployé des troupes à la frontière et pilonné des positions azerbaïdjanaises.", "ARM", "19", "AZE"},
		{"Le Rwanda a cosigné avec l'Ouganda un protocole de sécurité.", "RWA", "05", "UGA"},
		{"L'Inde a convoqué l'ambassadeur chinois et refoulé deux diplomates chinois.", "IND", "16", "CHN"},
		{"La Namibie a rompu ses relations diplomatiques avec le Botswana.", "NAM", "16", "BWA"},
		{"La Bolivie a renoué ses relations diplomatiques avec le Paraguay.", "BOL", "05", "PRY"},
		{"Le Laos a rendu les armes à l'armée vietnamienne.", "LAO", "08", "VNM"},
		{"L'Ouganda a pardonné aux rebelles congolais.", "UGA", "05", "COD"},
		{"Le pilonnage des villages arméniens par l'armée azerbaïdjanaise continue.", "AZE", "19", "ARM"},
		{"La Mongolie a accordé l'asile à un opposant chinois.", "MNG", "07", "CHN"},
		{"Le Guyana a saisi la Cour internationale de justice contre le Venezuela.", "GUY", "11", "VEN"},
		// Verb forms the statistical lemmatizer got wrong, read through
		// the paradigms of data/syntax/fr-verbs.tsv.
		{"La Zambie a interrompu les pourparlers avec le Malawi.", "ZMB", "16", "MWI"},
		{"Le Honduras rompt ses relations diplomatiques avec le Belize.", "HND", "16", "BLZ"},
		{"Le Chili conclut un accord de pêche avec l'Argentine.", "CHL", "05", "ARG"},
		// The 1990 spelling, without the circumflex of the paradigm.
		{"L'Union africaine ne reconnait pas la junte guinéenne.", "AU", "12", "GIN"},
		// An indirect object pronoun is the target, not the subject's
		// own antecedent.
		{"Le président péruvien a appelé son homologue chilien, qui lui a présenté ses condoléances.", "CHL", "01", "PER"},
		// A negation that is the sense of the entry: a rejection, a threat.
		{"L'Union africaine ne reconnaît pas la junte malienne.", "AU", "12", "MLI"},
		{"Le Japon n'écarte pas des sanctions contre la Russie.", "JPN", "13", "RUS"},
		// The target hangs on the entry's context word, under the object.
		{"Le Nigeria n'écarte pas l'usage de la force contre la junte nigérienne.", "NGA", "13", "NER"},
		// An infinitive under a verb of saying, done by who says it.
		{"L'Union africaine dit ne pas reconnaître la junte au pouvoir au Niger.", "AU", "12", "NER"},
		// Coordinated subjects of a reciprocal verb act on each other,
		// not on the place.
		{"L'armée tchadienne et les rebelles soudanais s'affrontent à Abéché.", "TCD", "19", "SDN"},
		{"L'armée nigérienne et les jihadistes maliens se battent près de Tillabéri.", "NER", "19", "MLI"},
		// A predicate event noun takes its copula's subject as source.
		{"La Mauritanie est en contact avec le Maroc.", "MRT", "04", "MAR"},
		// A decision is the act.
		{"La Zambie a décidé d'expulser les commerçants malawites.", "ZMB", "17", "MWI"},
	}
	for _, tt := range gives {
		es := code(tt.text)
		found := false
		for _, e := range es {
			if e.Source.Country+e.Source.Org == tt.src && e.Root == tt.root && e.Target.Country+e.Target.Org == tt.tg && e.Modality == entente.Asserted {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %s %s %s asserted, got%s", tt.text, tt.src, tt.root, tt.tg, show(es))
		}
	}

	// Two people of one side doing one act make one event of that side.
	n := 0
	for _, e := range code("Le président ghanéen Nana Akufo-Addo et le ministre ghanéen des Affaires étrangères ont condamné le Togo.") {
		if e.Root == "11" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("two Ghanaian officials condemning Togo: %d events of root 11, want 1", n)
	}

	// No asserted event of this root: an act asked for, refused, denied,
	// or a sense of the verb that is no event.
	none := []struct{ text, root string }{
		{"Le Togo a refusé de déporter les militants ghanéens.", "17"},
		{"Le Togo n'a pas déporté les militants ghanéens.", "17"},
		{"Le Togo exige que le Ghana déporte les militants béninois.", "17"},
		{"Le Ghana a exhorté le Togo à refouler les militants béninois.", "17"},
		{"Le gouvernement malgache a rencontré des difficultés avec les bailleurs français.", "04"},
		{"Les forces armées togolaises et les gendarmes béninois ont patrouillé ensemble.", "07"},
		{"Le ministre algérien a reçu une lettre du président tunisien.", "04"},
		{"Le Parlement kényan a suspendu sa séance après la visite du président ougandais.", "16"},
		{"Le Ghana pourrait expulser les commerçants nigérians.", "17"},
		{"La Zambie a décidé d'expulser les commerçants malawites.", "13"},
		{"Les forces armées indiennes ont défilé à New Delhi.", "14"},
	}
	for _, tt := range none {
		for _, e := range code(tt.text) {
			if e.Root == tt.root && e.Modality == entente.Asserted {
				t.Errorf("%q: unwanted event%s", tt.text, show([]entente.Event{e}))
			}
		}
	}
}
