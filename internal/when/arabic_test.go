package when

import "testing"

// TestFindArabic reads dates with the embedded Arabic time words
// (data/when/ar.tsv): a Levantine month and its Gregorian name written
// together with a slash.
func TestFindArabic(t *testing.T) {
	f := newFinder(t)
	ref := Ref{Anchor: date(tue), Exact: true}
	tests := []struct{ text, want string }{
		{"وقع الاتفاق في 5 آب/أغسطس 2024 في عمان.", "5 آب/أغسطس 2024=2024-08-05"},
		{"جرت الانتخابات في آذار/مارس 2023.", "آذار/مارس 2023=2023-03"},
		// Two different months are not one date's names.
		{"بين 5 آب/أيلول", "5 آب=2024-08-05 | أيلول=2024-09"},
	}
	for _, tt := range tests {
		if got := found(f, tt.text, "ar", ref); got != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.text, got, tt.want)
		}
	}
}
