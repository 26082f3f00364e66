package pipeline

import (
	"testing"

	"entente"
)

// TestInheritedDates: an event told without a time expression takes the
// document date (metadata, --date or dateline) and says it was inherited;
// a past weekday counts back from a dateline; a date read only further in
// the text is no document date, so events without their own stay undated;
// an expression after "depuis" or "since" dates an event only when the
// sentence has no other; an event told without one after a dated event of
// the same two named actors takes its day.
func TestInheritedDates(t *testing.T) {
	p := loadPipeline(t)
	tests := []struct {
		name, text string
		want       []string // date/precision of each event, in order
	}{
		{"dateline", "LIMA, 3 mars 2025 (AFP) - Le Pérou a rappelé son ambassadeur au Chili.\nLe président chilien a reçu mardi le ministre argentin des Affaires étrangères.",
			[]string{"2025-03-03/inherited", "2025-02-25/day", "2025-02-25/day"}},
		{"english dateline", "QUITO, March 3, 2025 (Reuters) - Ecuador expelled the Mexican ambassador on the orders of the president, and the government in Mexico City said it would respond.",
			[]string{"2025-03-03/inherited"}},
		// "depuis 2022" starts a state: another expression dates the event
		// first, though it stands farther.
		{"since", "MOSCOU, 8 avril 2025 (AFP) - Lundi, la Russie, en guerre contre l'Ukraine depuis 2022, a bombardé le port d'Odessa.",
			[]string{"2025-04-07/day", "2025-04-07/day"}},
		// A later sentence between the same two named actors, without a
		// time expression, tells more of the same day's encounter.
		{"same dyad", "BERLIN, 5 mars 2025 (AFP) - Le chancelier allemand Olaf Scholz a reçu lundi un appel téléphonique du président français Emmanuel Macron.\nEmmanuel Macron lui a présenté ses condoléances après les inondations.",
			[]string{"2025-03-03/day", "2025-03-03/day"}},
		// A participle opening its sentence tells an act done: its
		// "vendredi" is the last Friday, and only its own: the main
		// clause's plan has no day of its own.
		{"opening participle", "LIMA, 3 mars 2025 (AFP) - Le Pérou a rappelé son ambassadeur au Chili.\nArrivé vendredi à Santiago, le ministre péruvien des Affaires étrangères doit rencontrer son homologue chilien.",
			[]string{"2025-03-03/inherited", "2025-03-03/inherited", "2025-02-28/day"}},
		{"opening participle after a dateline", "RABAT, 9 mars 2025 (AFP) - Arrivé vendredi à Rabat, le ministre espagnol des Affaires étrangères doit rencontrer son homologue marocain.",
			[]string{"2025-03-09/inherited", "2025-03-07/day"}},
		{"caption date", "Le Pérou a rappelé son ambassadeur au Chili.\nUne photo publiée le 3 mars 2025 montre la frontière.",
			[]string{"-/-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &entente.Document{ID: tt.name, Text: tt.text}
			if err := p.Code(t.Context(), doc); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range doc.Events {
				d, prec := "-", "-"
				if e.Date != nil {
					d = *e.Date
				}
				if e.DatePrecision != nil {
					prec = *e.DatePrecision
				}
				got = append(got, d+"/"+prec)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("events %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("event %d (%s): %s, want %s", i, doc.Events[i].Code, got[i], tt.want[i])
				}
			}
		})
	}
}
