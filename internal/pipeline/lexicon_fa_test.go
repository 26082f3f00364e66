package pipeline

import (
	"strings"
	"testing"
	"time"

	"entente"
)

// TestPersian codes Persian sentences through data and the model alone:
// actors from roles/fa.tsv and Persian country names and demonyms, events
// from lexicon/fa.txt read over the parse, light-verb compounds as one
// verb named by its noun. The sentences are ours, about made-up events.
func TestPersian(t *testing.T) {
	p := loadPipeline(t)
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
		{"وزیر خارجه عمان با وزیر خارجه قطر در دوحه دیدار کرد.", "OMNGOV", "04", "QATGOV", "asserted"},
		{"پلیس ترکیه سه روزنامه‌نگار سوری را در آنکارا بازداشت کرد.", "TURCOP", "17", "SYRMED", "asserted"},
		{"ارتش پاکستان به مواضع شورشیان در مرز افغانستان حمله کرد.", "PAKMIL", "19", "", ""},
		{"دولت مصر روز سه‌شنبه دولت اتیوپی را به خاطر سد محکوم کرد.", "EGYGOV", "11", "ETHGOV", "asserted"},
		// The light verb carries the negation.
		{"وزیر خارجه ژاپن با همتای چینی خود دیدار نکرد.", "JPNGOV", "04", "CHN", "negated"},
	}
	for _, tt := range tests {
		es := codeText(t, p, "fa", tt.text, time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)).Events
		found := false
		for _, e := range es {
			if key(e.Source) == tt.src && e.Code[:2] == tt.root && (tt.tgt == "" || key(e.Target) == tt.tgt) && (tt.modality == "" || e.Modality == tt.modality) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: want %s %s %s; got%s", tt.text, tt.src, tt.root, tt.tgt, show(es))
		}
	}
}
