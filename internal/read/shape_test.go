package read

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"entente"
)

func TestHTMLTooComplex(t *testing.T) {
	para := "<p>" + strings.Repeat("Les deux ministres ont signé un accord sur la pêche côtière. ", 3) + "</p>"
	tests := []struct {
		name string
		page string
		opt  Options
		want error // nil: read
	}{
		{"a hundred thousand paragraphs", "<html><body><article>" + strings.Repeat("<p>x</p>", 100_000) + "</article></body></html>", Options{}, ErrTooComplex},
		{"unclosed paragraphs count too", "<html><body>" + strings.Repeat("<p>x", 100_000) + "</body></html>", Options{}, ErrTooComplex},
		{"nested deeper than the limit", "<html><body>" + strings.Repeat("<div>", 600) + para + strings.Repeat("</div>", 600) + "</body></html>", Options{}, ErrTooComplex},
		{"under a lower element limit", "<html><body><article>" + strings.Repeat(para, 40) + "</article></body></html>", Options{MaxElements: 30}, ErrTooComplex},
		{"deep but within the limit", "<html><body>" + strings.Repeat("<div>", 100) + para + strings.Repeat("</div>", 100) + "</body></html>", Options{}, nil},
		{"unclosed list items are siblings", "<html><body><article>" + para + "<ul>" + strings.Repeat("<li>un point", 700) + "</ul>" + para + "</article></body></html>", Options{}, nil},
		{"closed custom elements are not nested", "<html><body><article>" + para + strings.Repeat("<x-card><x-link>un lien</x-link></x-card>", 700) + para + "</article></body></html>", Options{}, nil},
		{"an ordinary article", "<html><body><article>" + strings.Repeat(para, 40) + "</article></body></html>", Options{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			doc, err := HTML("big.html", []byte(tt.page), "", tt.opt)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("HTML: %v", err)
				}
				checkDoc(t, doc)
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("HTML: %v (document %v), want %v", err, doc != nil, tt.want)
			}
			if !strings.Contains(err.Error(), "big.html") {
				t.Errorf("error %q does not name the page", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("refusing took %v: the page was extracted before being measured", d)
			}
		})
	}
}

// A page over the element limit inside a JSON Lines record is refused too.
func TestJSONLHTMLTooComplex(t *testing.T) {
	page := strings.Repeat("<p>x</p>", 200)
	line := `{"id":"r1","text":"<html><body>` + page + `</body></html>"}`
	var got error
	err := JSONL(t.Context(), strings.NewReader(line), "f.jsonl", Options{MaxElements: 100}, func(_ *entente.Document, err error) { got = err })
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(got, ErrTooComplex) {
		t.Fatalf("record error %v, want %v", got, ErrTooComplex)
	}
}

func TestBudget(t *testing.T) {
	b := NewBudget(100)
	release := b.acquire(70)
	var mu sync.Mutex
	order := []string{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r := b.acquire(50) // must wait for the first page
		mu.Lock()
		order = append(order, "second")
		mu.Unlock()
		r()
	}()
	time.Sleep(50 * time.Millisecond)
	mu.Lock()
	order = append(order, "first done")
	mu.Unlock()
	release()
	wg.Wait()
	if strings.Join(order, ",") != "first done,second" {
		t.Fatalf("order %v: the second page ran while the first held the budget", order)
	}
	// A page heavier than the whole budget runs alone rather than never.
	b.acquire(1000)()
	var nilBudget *Budget
	nilBudget.acquire(1 << 40)()
}
