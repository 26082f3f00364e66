package pipeline

import (
	"slices"
	"testing"
	"time"
)

// TestStoryFr codes short French stories of our own whose events need what
// an earlier sentence said: a group named again by the same role noun,
// a pronoun, an acronym. want lists "SRC ROOT TGT" that must be coded
// (asserted or not), absent those that must not.
func TestStoryFr(t *testing.T) {
	tests := []struct {
		text         string
		want, absent []string
	}{
		// "les militaires" whose country was only guessed are still the
		// target of a named state that refuses them; named again, they
		// keep the country they had, not that of the states named beside.
		{"Des militaires ont renversé le président du Burkina Faso lundi. Réunie en urgence, la CEDEAO dit ne pas reconnaître les militaires, nouveaux maîtres de Ouagadougou. Le Ghana et le Togo disent à leur tour ne pas reconnaître les militaires.",
			[]string{"IGOECOWAS 12 BFAMIL", "GHA 12 BFAMIL", "TGO 12 BFAMIL"}, []string{"GHA 12 TGOMIL", "TGO 12 GHAMIL"}},
		// A body named again by the first word of its name, sentences
		// later: "la Cour" is the International Criminal Court.
		{"La Cour pénale internationale a ouvert une enquête sur des violences au Burundi. Le président burundais a dénoncé une ingérence. Le Rwanda a soutenu la Tanzanie dans ce dossier. La Tanzanie a appelé au calme. La Cour a critiqué le Burundi.",
			[]string{"IGOICC 11 BDI"}, []string{"BDIJUD 11 BDI"}},
		// Coordinated subjects around the kind of group named second
		// each act on the other.
		{"Le Liban et le mouvement chiite Hezbollah ont signé un accord sur la frontière.",
			[]string{"LBN 05 LBNREB"}, []string{"LBNREB 05 LBNGOV"}},
		// A parse that gives the verb a second object, the first a word
		// of an adjunct: the one naming an actor is the target.
		{"William Ruto a reçu durant près d'une journée à Nairobi deux émissaires du Soudan.",
			[]string{"KENGOV 04 SDNGOV"}, nil},
		// Three states or more joined by commas alone are one list, and
		// "ils" after them stands for all of them.
		{"Le Ghana, le Togo, le Bénin disent ne pas reconnaître la junte guinéenne. Ils ont ensuite suspendu leur aide à Conakry.",
			[]string{"BEN 12 GINGOV", "GHA 16 GIN", "TGO 16 GIN", "BEN 16 GIN"}, nil},
		// A force and the general who leads it are one side of a list;
		// coordinated sides that fight with no object fight each other.
		{"L'armée soudanaise et les FSR du général Daglo combattent près d'Omdurman.",
			[]string{"SDNMIL 19 SDNREB"}, nil},
		// A state's own officials do not visit or meet their own country.
		{"Le roi de Jordanie et le roi du Maroc ont évoqué la prochaine visite du roi Mohammed VI au Maroc.",
			nil, []string{"MARGOV 03 MAR", "MARGOV 04 MAR"}},
	}
	p := loadPipeline(t)
	for _, tt := range tests {
		doc := codeText(t, p, "fr", tt.text, time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC))
		var got []string
		for _, e := range doc.Events {
			got = append(got, e.Source.Code+" "+e.Root+" "+e.Target.Code)
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: want %s, got %q", tt.text, w, got)
			}
		}
		for _, w := range tt.absent {
			if slices.Contains(got, w) {
				t.Errorf("%q: unwanted %s", tt.text, w)
			}
		}
	}
}
