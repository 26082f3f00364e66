package pipeline

import (
	"strings"
	"testing"
	"time"

	"entente"
)

// TestArabic codes Arabic sentences through data and the model alone (no
// Arabic Go code): actors come from roles/ar.tsv, Arabic country names and
// demonyms read through their proclitics ("والأردن", "بإسرائيل"), events
// from patterns/ar.txt and the lexicons ar.txt and ar-petrarch.txt. The
// sentences are ours, about made-up events.
func TestArabic(t *testing.T) {
	p := loadPipeline(t)
	code := func(text string) []entente.Event {
		t.Helper()
		return codeText(t, p, "ar", text, time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)).Events
	}
	show := func(es []entente.Event) string {
		var b strings.Builder
		for _, e := range es {
			b.WriteString(" " + key(e.Source) + " " + e.Code + " " + key(e.Target) + " (" + e.Modality + ", " + e.Rule + ")")
		}
		return b.String()
	}
	tests := []struct {
		text, src, root, tgt, modality string
	}{
		{"التقى الرئيس الموريتاني نظيره السنغالي في نواكشوط يوم الأحد.", "MRTGOV", "04", "SENGOV", "asserted"},
		{"واجتمع وزير الخارجية الكويتي مع السفير الياباني.", "KWTGOV", "04", "JPNGOV", "asserted"},
		{"اعتقلت الشرطة اللبنانية خمسة متظاهرين سوريين في بيروت.", "LBNCOP", "17", "SYRCVL", "asserted"},
		{"طردت ليتوانيا ثلاثة دبلوماسيين بيلاروسيين.", "LTU", "16", "BLRGOV", "asserted"},
		{"واستدعت وزارة الخارجية المغربية السفير الجزائري في الرباط.", "MARGOV", "11", "DZAGOV", "asserted"},
		{"ونددت الحكومة الأردنية بالهجوم على السفارة القطرية.", "JORGOV", "11", "QATGOV", "asserted"},
		{"اتهمت الحكومة السودانية إثيوبيا بدعم المتمردين.", "SDNGOV", "11", "ETH", "asserted"},
		{"فرضت كندا عقوبات جديدة على بيلاروسيا.", "CAN", "16", "BLR", "asserted"},
		{"شن الجيش التركي غارات على مواقع في شمال العراق.", "TURMIL", "19", "IRQ", "asserted"},
		{"وقعت تونس اتفاقية تعاون مع ليبيا.", "TUN", "05", "LBY", "asserted"},
		{"هددت إيران الولايات المتحدة برد قاس.", "IRN", "13", "USA", "asserted"},
		{"استقبل أمير قطر رئيس وزراء باكستان في الدوحة.", "QATGOV", "04", "PAKGOV", "asserted"},
		// "and" written on the second name: two sources, one event each.
		{"ندد الرئيس الإيراني ورئيس الوزراء العراقي بالهجوم الإسرائيلي على سوريا.", "IRNGOV", "11", "ISR", "asserted"},
		{"ندد الرئيس الإيراني ورئيس الوزراء العراقي بالهجوم الإسرائيلي على سوريا.", "IRQGOV", "11", "ISR", "asserted"},
	}
	for _, tt := range tests {
		es := code(tt.text)
		found := false
		for _, e := range es {
			if key(e.Source) == tt.src && e.Code[:2] == tt.root && key(e.Target) == tt.tgt && e.Modality == tt.modality {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %s %s %s (%s); got%s", tt.text, tt.src, tt.root, tt.tgt, tt.modality, show(es))
		}
	}
	// Everyday verbs the translated dictionary gave a code are no event;
	// "وزارة" (ministry) is no visit although its stem is "زار".
	for _, text := range []string{
		"عمل الرئيس المصري في الجيش قبل انتخابه.",
		"قال وزير الخارجية العراقي إن الطقس حار في بغداد.",
		"وصل وزير الدفاع الفرنسي إلى وزارة الخارجية الإيطالية.",
	} {
		if es := code(text); len(es) != 0 {
			t.Errorf("%q: want no event, got%s", text, show(es))
		}
	}
}
