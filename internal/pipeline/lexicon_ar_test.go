package pipeline

import "testing"

// TestArabic codes Arabic sentences through data and the model alone (no
// Arabic Go code): actors come from roles/ar.tsv, Arabic country names and
// demonyms read through their proclitics ("والأردن", "بإسرائيل"), events
// from patterns/ar.txt and the lexicons ar.txt and ar-petrarch.txt. The
// sentences are ours, about made-up events.
func TestArabic(t *testing.T) {
	p := loadPipeline(t)
	tests := []eventCase{
		{"التقى الرئيس الموريتاني نظيره السنغالي في نواكشوط يوم الأحد.", "MRTGOV", "04", "SENGOV", "asserted"},
		// A country right before a role is another actor: the role
		// takes the country after it (idafa).
		{"استدعت تونس سفير ليبيا.", "TUN", "11", "LBYGOV", "asserted"},
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
	checkEvents(t, p, "ar", tests, nil)
	// Everyday verbs the translated dictionary gave a code are no event;
	// "وزارة" (ministry) is no visit although its stem is "زار".
	checkEvents(t, p, "ar", nil, []string{
		"عمل الرئيس المصري في الجيش قبل انتخابه.",
		"قال وزير الخارجية العراقي إن الطقس حار في بغداد.",
		"وصل وزير الدفاع الفرنسي إلى وزارة الخارجية الإيطالية.",
	})
}
