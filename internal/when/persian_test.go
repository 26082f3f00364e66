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
		// Solar Hijri dates, Iranian and Afghan month names, with and
		// without their year; the months that are also common words are
		// months only after a day.
		{"انقلاب در ۲۲ بهمن ۱۳۵۷ پیروز شد.", "۲۲ بهمن ۱۳۵۷=1979-02-11"},
		{"نفتکش روز ۱۵ مرداد توقیف شد.", "۱۵ مرداد=2024-08-05"},
		{"نشست روز یکشنبه، ۱۴ اسد در کابل برگزار شد.", "یکشنبه، ۱۴ اسد=2024-08-04"},
		{"این قانون از ۱ فروردین ماه ۱۴۰۳ اجرا شد.", "۱ فروردین ماه ۱۴۰۳=2024-03-20"},
		{"رئیس‌جمهور بر توجه جدی به اقتصاد تأکید کرد.", ""},
		{"۲ روز پیش هیئتی از قطر وارد کابل شد.", "۲ روز پیش=2024-08-04"},
		{"این هیئت سه هفته پیش به مسکو رفت.", "سه هفته پیش=2024-W29"},
		{"پارلمان هفته گذشته این طرح را تصویب کرد.", "هفته گذشته=2024-W31"},
		{"وزیر روز گذشته با سفیر دیدار کرد.", "روز گذشته=2024-08-05"},
		{"انتخابات سال آینده برگزار می‌شود.", "سال آینده=2025"},
		{"سفیر روز گذشته (یکشنبه ۱۴اسد) با وزیر دیدار کرد.", "روز گذشته=2024-08-05 | یکشنبه ۱۴اسد=2024-08-04"},
		{"بشار اسد در مهر گذشته به مسکو رفت.", ""},
		// 31 Mehr does not exist (the second half-year has 30-day months).
		{"قرارداد در ۳۱ مهر ۱۴۰۲ امضا شد.", "۳۱ مهر ۱۴۰۲=?"},
	}
	for _, tt := range tests {
		if got := found(f, tt.text, "fa", ref); got != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.text, got, tt.want)
		}
	}
}
