package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"

	"entente"
)

// expiring is a context that is done after its Err was asked n times: it
// stands for a deadline passing while a document is being coded.
type expiring struct {
	context.Context
	n int // Err calls left before the deadline
}

func (c *expiring) Err() error {
	c.n--
	if c.n < 0 {
		return context.DeadlineExceeded
	}
	return nil
}

func TestCodeStopsWhenContextDone(t *testing.T) {
	p := loadPipeline(t)
	text := strings.Repeat(benchText, 3)
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		want error
	}{
		{"cancelled before", cancelled, context.Canceled},
		{"deadline while resolving", &expiring{Context: t.Context(), n: 5}, context.DeadlineExceeded},
		{"deadline while coding", &expiring{Context: t.Context(), n: 100}, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &entente.Document{ID: "long", Text: text, Lang: "fr"}
			err := p.Code(tt.ctx, doc)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if len(doc.Events) != 0 {
				t.Errorf("%d events from a document whose coding was stopped", len(doc.Events))
			}
		})
	}
	// The same document codes in full with a live context.
	doc := &entente.Document{ID: "long", Text: text, Lang: "fr"}
	if err := p.Code(t.Context(), doc); err != nil || len(doc.Events) == 0 {
		t.Fatalf("live context: err %v, %d events", err, len(doc.Events))
	}
}

// TestCodeRecoversPanic: a stage that panics on one document fails that
// document with the panic's message and stack; the next one codes.
func TestCodeRecoversPanic(t *testing.T) {
	p := freshPipeline(t)
	p.hook = func(doc *entente.Document) {
		if doc.ID == "bad" {
			var m map[string]int
			m["boom"]++ // a nil map write: a runtime panic, like a bug in a stage
		}
	}
	bad := &entente.Document{ID: "bad", Text: benchText, Lang: "fr"}
	err := p.Code(t.Context(), bad)
	var pe *PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want a *PanicError", err)
	}
	if !strings.Contains(err.Error(), "assignment to entry in nil map") || !strings.Contains(string(pe.Stack), "TestCodeRecoversPanic") {
		t.Errorf("error %q, stack:\n%s", err, pe.Stack)
	}
	if len(bad.Events) != 0 || len(bad.Mentions) != 0 {
		t.Errorf("the failed document kept %d events, %d mentions", len(bad.Events), len(bad.Mentions))
	}
	good := &entente.Document{ID: "good", Text: benchText, Lang: "fr"}
	if err := p.Code(t.Context(), good); err != nil || len(good.Events) == 0 {
		t.Errorf("next document: err %v, %d events", err, len(good.Events))
	}
}
