package pipeline

import (
	"testing"
	"unicode/utf8"

	"entente"
)

// FuzzCode runs every stage on arbitrary text: no panic, and every span an
// event or mention carries lies inside the text.
func FuzzCode(f *testing.F) {
	for _, s := range []string{
		"Le président iranien a reçu mardi le ministre russe à Téhéran.",
		"Police fired tear gas at protesters in Nairobi on Monday, according to Reuters.",
		"Il a été arrêté. « Non », a-t-il dit.",
		"\xff\xfe l'", "U.S. , , et et and and",
	} {
		f.Add(s, "fr")
		f.Add(s, "en")
	}
	p := loadPipeline(f)
	f.Fuzz(func(t *testing.T, text, lang string) {
		if !utf8.ValidString(text) || (lang != "fr" && lang != "en") {
			return // the readers refuse invalid UTF-8 before the pipeline
		}
		doc := &entente.Document{ID: "fuzz", Text: text, Lang: lang}
		if err := p.Code(t.Context(), doc); err != nil {
			return
		}
		for _, m := range doc.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start > m.End {
				t.Fatalf("mention span %v out of bounds", m.Span)
			}
		}
		for _, e := range doc.Events {
			ev := e.Evidence
			if ev.Start < 0 || ev.End > len(text) || text[ev.Start:ev.End] != ev.Text {
				t.Fatalf("evidence %d-%d does not match the text", ev.Start, ev.End)
			}
		}
	})
}
