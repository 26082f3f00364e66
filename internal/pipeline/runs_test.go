package pipeline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"entente"
)

// TestRunsSameEvents codes documents whole and a few sentences at a time
// (as a long document is coded: codeRuns) and wants the same mentions and
// events: every golden article, each language's articles joined into one
// document (coreference, quotations and places across the runs' ends)
// and the long benchmark text.
func TestRunsSameEvents(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("golden files: %v", err)
	}
	var docs []*entente.Document
	joined := map[string]*entente.Document{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := goldenDocument(file, parseTxtar(data))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
		if j := joined[doc.Lang]; j != nil {
			j.Text += "\n\n" + doc.Text
		} else {
			c := *doc
			c.ID = "joined-" + doc.Lang
			joined[doc.Lang] = &c
			docs = append(docs, &c)
		}
	}
	// A quotation over two sentences whose speaker is named after it
	// closes: its first sentence's event needs the speaker.
	quote := "Le président turc a reçu lundi à Ankara le Premier ministre grec.\n« Les accusations de la Russie sont infondées. Nous ne resterons pas silencieux », a déclaré le ministre turc des Affaires étrangères.\nLe Qatar a accueilli une délégation américaine."
	docs = append(docs, &entente.Document{ID: "quote", Text: quote, Lang: "fr"},
		&entente.Document{ID: "long", Text: longText(20 << 10), Lang: "fr"})
	whole := loadPipeline(t)
	for _, doc := range docs {
		want := *doc
		if err := whole.Code(t.Context(), &want); err != nil {
			t.Fatalf("%s: %v", doc.ID, err)
		}
		for _, run := range []int{1, 3, 40} {
			runs := *whole
			runs.long, runs.run = 1, run
			got := *doc
			if err := runs.Code(t.Context(), &got); err != nil {
				t.Fatalf("%s: %v", doc.ID, err)
			}
			if n := len(got.Sentences); n > 1 && got.Sentences[n-1].Tokens != nil {
				t.Fatalf("%s: the tokens of coded runs are kept", doc.ID)
			}
			if a, b := dump(t, want.Mentions), dump(t, got.Mentions); a != b {
				t.Errorf("%s, runs of %d: mentions differ\nwhole: %s\nruns:  %s", doc.ID, run, a, b)
			}
			if a, b := dumpEvents(t, want.Events), dumpEvents(t, got.Events); a != b {
				t.Errorf("%s, runs of %d: events differ\nwhole: %s\nruns:  %s", doc.ID, run, a, b)
			}
		}
	}
}

func dump(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dumpEvents writes events with the fields the output leaves out.
func dumpEvents(t *testing.T, events []entente.Event) string {
	var b strings.Builder
	for _, e := range events {
		fmt.Fprintf(&b, "%s %d %v\n", dump(t, e), e.Sentence, e.TriggerSpan)
	}
	return b.String()
}
