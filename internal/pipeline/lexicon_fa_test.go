package pipeline

import "testing"

// TestPersian codes Persian sentences through data and the model alone:
// actors from roles/fa.tsv and Persian country names and demonyms, events
// from lexicon/fa.txt read over the parse, light-verb compounds as one
// verb named by its noun. The sentences are ours, about made-up events.
func TestPersian(t *testing.T) {
	p := loadPipeline(t)
	tests := []eventCase{
		{"وزیر خارجه عمان با وزیر خارجه قطر در دوحه دیدار کرد.", "OMNGOV", "04", "QATGOV", "asserted"},
		{"پلیس ترکیه سه روزنامه‌نگار سوری را در آنکارا بازداشت کرد.", "TURCOP", "17", "SYRMED", "asserted"},
		{"ارتش پاکستان به مواضع شورشیان در مرز افغانستان حمله کرد.", "PAKMIL", "19", "", ""},
		{"دولت مصر روز سه‌شنبه دولت اتیوپی را به خاطر سد محکوم کرد.", "EGYGOV", "11", "ETHGOV", "asserted"},
		// The light verb carries the negation.
		{"وزیر خارجه ژاپن با همتای چینی خود دیدار نکرد.", "JPNGOV", "04", "CHN", "negated"},
		// Subject, object and را with no written ezafe between them: the
		// actor before را is the object.
		{"نخست‌وزیر یونان ترکیه را به نقض حریم هوایی متهم کرد.", "GRCGOV", "11", "TUR", "asserted"},
		// A country before a role is the subject, the role's country
		// follows it; recalling one's own envoy targets the country it
		// is recalled from.
		{"مراکش سفیر خود را از الجزایر فراخواند.", "MAR", "16", "DZA", "asserted"},
		// A capital names its state (places_names.tsv), and is no
		// part of the role after it.
		{"باکو در اعتراض به این سخنان، سفیر خود را از پاریس فراخواند.", "AZE", "16", "FRA", "asserted"},
		// Persian names of organisations (actors/orgs.txt); an
		// organisation right before a role is another actor.
		{"اتحادیه آفریقا دولت سودان را محکوم کرد.", "AUIGO", "11", "SDNGOV", "asserted"},
		{"شورای همکاری خلیج فارس از ایران انتقاد کرد.", "GCCIGO", "11", "IRN", "asserted"},
		// "مورد X قرار داد": the act is the noun after مورد.
		{"ارتش پاکستان مواضع طالبان را مورد حمله قرار داد.", "PAKMIL", "19", "AFGGOV", "asserted"},
		{"دولت هند اقدام چین را مورد انتقاد قرار داد.", "INDGOV", "11", "CHN", "asserted"},
		// Persian demonyms (countries_extra.tsv).
		{"روسیه ده دیپلمات لهستانی را اخراج کرد.", "RUS", "16", "POLGOV", "asserted"},
		// A clause after "که" without a subject is the teller's act
		// (words.tsv dropsubject ccomp).
		{"دولت مالی اعلام کرد که سه دیپلمات فرانسوی را اخراج کرده است.", "MLIGOV", "16", "FRAGOV", "asserted"},
	}
	checkEvents(t, p, "fa", tests, nil)
}
