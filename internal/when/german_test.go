package when

import "testing"

// TestFindGerman reads dates with the embedded German time words
// (data/when/de.tsv): no German code exists in this package.
func TestFindGerman(t *testing.T) {
	f := newFinder(t)
	ref := Ref{Anchor: date(tue), Exact: true}
	tests := []struct{ text, want string }{
		{"Der Vertrag wurde am 5. August 2024 in Wien unterzeichnet.", "am 5. August 2024=2024-08-05"},
		{"Die Außenminister telefonierten gestern.", "gestern=2024-08-05"},
		{"Das Treffen endete am vergangenen Montag ohne Einigung.", "vergangenen Montag=2024-08-05"},
		{"Die Truppen erreichten die Grenze vor drei Tagen.", "vor drei Tagen=2024-08-03"},
		{"Der Minister sprach am Dienstag vor dem Parlament.", "am Dienstag=2024-08-06"},
		{"Die Wahl im März 2023 war umstritten.", "März 2023=2023-03"},
	}
	for _, tt := range tests {
		if got := found(f, tt.text, "de", ref); got != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.text, got, tt.want)
		}
	}
}
