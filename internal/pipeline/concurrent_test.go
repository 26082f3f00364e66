package pipeline

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"entente"
)

// TestConcurrentCoding: one Pipeline codes documents from several
// goroutines (run with -race) and gives each the events it gives alone.
func TestConcurrentCoding(t *testing.T) {
	p := loadPipeline(t)
	texts := []string{
		"Le président iranien a reçu mardi le ministre russe des Affaires étrangères à Téhéran.",
		"Police fired tear gas at protesters in Nairobi on Monday, according to Reuters.",
		"La Russie a attaqué l'Ukraine. Le Qatar a condamné l'attaque.",
	}
	want := make([]string, len(texts))
	for i, text := range texts {
		doc := &entente.Document{ID: "d", Text: text}
		if err := p.Code(t.Context(), doc); err != nil {
			t.Fatal(err)
		}
		want[i] = eventsJSON(doc.Events)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for r := 0; r < 5; r++ {
				i := (g + r) % len(texts)
				doc := &entente.Document{ID: "d", Text: texts[i]}
				if err := p.Code(t.Context(), doc); err != nil {
					errs <- err.Error()
					return
				}
				if got := eventsJSON(doc.Events); got != want[i] {
					errs <- fmt.Sprintf("text %d: got %s, want %s", i, got, want[i])
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func eventsJSON(events []entente.Event) string {
	b, _ := json.Marshal(events)
	return string(b)
}
