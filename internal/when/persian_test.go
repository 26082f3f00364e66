package when

import "testing"

// TestFindPersian reads dates with the embedded Persian time words
// (data/when/fa.tsv): Persian digits, a zero-width non-joiner inside a
// weekday, and words typed with Persian or Arabic letters.
func TestFindPersian(t *testing.T) {
	f := newFinder(t)
	ref := Ref{Anchor: date(tue), Exact: true}
	tests := []struct{ text, want string }{
		{"این توافق‌نامه در ۵ اوت ۲۰۲۴ در لیما امضا شد.", "۵ اوت ۲۰۲۴=2024-08-05"},
		{"وزیران دیروز تلفنی گفت‌وگو کردند.", "دیروز=2024-08-05"},
		{"وزيران ديروز تلفني گفتگو كردند.", "ديروز=2024-08-05"},
		{"رئیس‌جمهور روز سه‌شنبه در مجلس سخنرانی کرد.", "سه‌شنبه=2024-08-06"},
		{"انتخابات مارس ۲۰۲۳ آرام برگزار شد.", "مارس ۲۰۲۳=2023-03"},
		// A Solar Hijri date is no date.
		{"نفتکش روز ۲۷ تیر توقیف شد.", ""},
	}
	for _, tt := range tests {
		if got := found(f, tt.text, "fa", ref); got != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.text, got, tt.want)
		}
	}
}
