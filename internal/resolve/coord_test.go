package resolve

import (
	"testing"
	"time"
)

// TestCoordination: actors joined by a conjunction fill one slot
// together; commas alone make no list; bare countries of a list of
// officials share the first one's sector.
func TestCoordination(t *testing.T) {
	r := newResolver(t)
	date := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		lang, text string
		together   []string // mentions that must share one group
		apart      []string // mentions that must be in no group
		sector     string   // the sector every mention of together must have, if set
	}{
		{"fr", "La Norvège et le Chili ont signé un accord de pêche.", []string{"Norvège", "Chili"}, nil, ""},
		{"en", "Peru, as well as Ecuador, backed the plan.", []string{"Peru", "Ecuador"}, nil, ""},
		{"en", "Canberra, Wellington replied on Tuesday.", nil, []string{"Canberra", "Wellington"}, ""},
		{"fr", "Le Mali, le Niger, le Tchad ont quitté l'organisation.", []string{"Mali", "Niger", "Tchad"}, nil, ""},
		{"en", "Kenya, Uganda, Tanzania signed the customs pact.", []string{"Kenya", "Uganda", "Tanzania"}, nil, ""},
		{"fr", "Dans le sillage du Ghana, le Togo, le Bénin, le Niger ont condamné la junte.", []string{"Togo", "Bénin", "Niger"}, []string{"Ghana"}, ""},
		{"fr", "Les ambassadeurs de Suède, de Finlande et du Danemark ont été reçus.", []string{"ambassadeurs de Suède", "Finlande", "Danemark"}, nil, "GOV"},
		{"en", "Canada, Norway and their closest allies, including Iceland and Denmark, backed the motion.", []string{"Canada", "Norway", "Iceland", "Denmark"}, nil, ""},
		{"en", "Belgrade and its key ally Moscow rejected the report.", []string{"Belgrade", "Moscow"}, nil, ""},
		{"fr", "Le Sénégal et ses partenaires, dont le Ghana, ont salué l'accord.", []string{"Sénégal", "Ghana"}, nil, ""},
		{"en", "Chile and its neighbours signed; Peru agreed later.", nil, []string{"Peru"}, ""},
		{"fr", "La Somalie et le groupe islamiste Al-Chabab ont échangé des prisonniers.", []string{"Somalie", "Al-Chabab"}, nil, ""},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, date)
		group := -1
		for _, w := range tt.together {
			m := find(doc, w)
			switch {
			case m == nil:
				t.Errorf("%q: no mention %q", tt.text, w)
			case m.Group == 0 || group >= 0 && m.Group != group:
				t.Errorf("%q: %q in group %d, want one group with the others", tt.text, w, m.Group)
			case tt.sector != "" && m.Actor.Sector != tt.sector:
				t.Errorf("%q: %q has sector %q, want %q", tt.text, w, m.Actor.Sector, tt.sector)
			default:
				group = m.Group
			}
		}
		for _, w := range tt.apart {
			if m := find(doc, w); m == nil || m.Group != 0 {
				t.Errorf("%q: %q = %+v, want a mention in no group", tt.text, w, m)
			}
		}
	}
}
