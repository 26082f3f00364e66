package code

import (
	"testing"

	"entente"
	"entente/internal/segment"
)

// A quote is open across a sentence start for quoteReach sentences after
// the last one that holds a quotation mark.
func TestQuoteCut(t *testing.T) {
	text := "The mayor spoke to reporters. “We will rebuild the bridge,” she said. " +
		"Work starts in May. Funds come from the region. The river is high. " +
		"Boats are idle. Ferries run twice a day. Schools are closed. Roads are open."
	doc := &entente.Document{Text: text, Lang: "en"}
	segment.Split(doc)
	if len(doc.Sentences) != 9 {
		t.Fatalf("%d sentences, want 9", len(doc.Sentences))
	}
	for si, want := range map[int]bool{0: true, 1: true, 2: false, 7: false, 8: true} {
		if got := QuoteCut(doc, si); got != want {
			t.Errorf("QuoteCut(sentence %d) = %v, want %v", si, got, want)
		}
	}
}
