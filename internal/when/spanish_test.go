package when

import "testing"

// TestFindSpanish reads dates with the embedded Spanish time words
// (data/when/es.tsv): no Spanish code exists in this package.
func TestFindSpanish(t *testing.T) {
	f := newFinder(t)
	ref := Ref{Anchor: date(tue), Exact: true}
	tests := []struct{ text, want string }{
		{"El tratado se firmó el 5 de agosto de 2024 en Lima.", "el 5 de agosto de 2024=2024-08-05"},
		{"Los cancilleres hablaron ayer por teléfono.", "ayer=2024-08-05"},
		{"La cumbre terminó el lunes pasado sin acuerdo.", "el lunes pasado=2024-08-05"},
		{"Las tropas llegaron hace tres días a la frontera.", "hace tres días=2024-08-03"},
		{"El ministro viajará a Quito la semana próxima.", "la semana próxima=2024-W33"},
		{"Las elecciones de marzo de 2023 fueron tensas.", "marzo de 2023=2023-03"},
		{"El presidente habló el martes ante el Congreso.", "el martes=2024-08-06"},
		{"Se reunieron a principios de julio.", "a principios de julio=2024-07"},
	}
	for _, tt := range tests {
		if got := found(f, tt.text, "es", ref); got != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.text, got, tt.want)
		}
	}
}
