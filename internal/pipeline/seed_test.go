package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"entente"
	"entente/internal/eval"
)

// shared is where the gold sets and the seed live beside the repository.
const shared = "../../../shared"

// loadPipeline returns the package's tests' shared pipeline, loaded once:
// loading every knowledge file costs seconds (tens under -race), and a
// Pipeline is safe for concurrent use. A test that changes a pipeline's
// settings takes its own from freshPipeline.
func loadPipeline(t testing.TB) *Pipeline {
	t.Helper()
	loaded.once.Do(func() { loaded.p, loaded.err = Load(Knowledge("")) })
	if loaded.err != nil {
		t.Fatalf("load: %v", loaded.err)
	}
	return loaded.p
}

var loaded struct {
	once sync.Once
	p    *Pipeline
	err  error
}

// freshPipeline loads a pipeline of the test's own.
func freshPipeline(t testing.TB) *Pipeline {
	t.Helper()
	p, err := Load(Knowledge(""))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return p
}

// TestSeed codes the seed article and checks what a user expects of it
// (DESIGN.md and the coder issue). It skips when ../shared is absent.
func TestSeed(t *testing.T) {
	path := filepath.Join(shared, "seed", "000_af8721cc8a9ce9ad.txt")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("seed not present: %v", err)
	}
	goldFile, err := os.Open(filepath.Join(shared, "eval", "seed.gold.jsonl"))
	if err != nil {
		t.Skipf("seed gold not present: %v", err)
	}
	gold, err := eval.ReadGold(goldFile)
	goldFile.Close()
	if err != nil {
		t.Fatal(err)
	}
	p := loadPipeline(t)
	doc := &entente.Document{ID: gold[0].ID, Text: string(text), Lang: "fr"}
	if err := p.Code(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Events {
		t.Logf("%s %s→%s %s %v %v %s | %s", e.Code, e.Source.Code, e.Target.Code, e.Modality, e.AttributedTo, deref(e.Date), e.Rule, e.Evidence.Trigger)
	}
	rep := eval.Score(gold, doc.Events)
	if rep.All.TP != 7 || rep.All.FP > 1 {
		for _, m := range rep.Misses {
			t.Errorf("missed %s→%s %s: %s", deref(m.Event.Source), deref(m.Event.Target), m.Event.Root, m.Event.Evidence)
		}
		for _, f := range rep.Falses {
			t.Errorf("false %s→%s %s: %s", f.Event.Source.Code, f.Event.Target.Code, f.Event.Code, f.Event.Evidence.Trigger)
		}
		t.Fatalf("seed: %d of 7 required events, %d false (want 7 and at most 1)", rep.All.TP, rep.All.FP)
	}
	var meeting, killing, planned *entente.Event
	for i := range doc.Events {
		e := &doc.Events[i]
		if e.Evidence.Text == "" || e.Evidence.End > len(doc.Text) || doc.Text[e.Evidence.Start:e.Evidence.End] != e.Evidence.Text {
			t.Errorf("event %s has bad evidence %+v", e.Code, e.Evidence)
		}
		for _, a := range []entente.Actor{e.Source, e.Target} {
			if n := strings.ToLower(a.Name); strings.Contains(n, "africanews") || n == "ap" {
				t.Errorf("%s is an actor of %s", a.Name, e.Code)
			}
		}
		switch {
		case e.Root == "04" && e.Source.Country == "RUS" && e.Target.Country == "IRN" && e.Target.Sector == "GOV" && meeting == nil && e.Code != "042":
			meeting = e
		case e.Code == "186":
			killing = e
		case e.Code == "036" && e.Target.Sector == "MIL":
			planned = e
		}
	}
	if meeting == nil {
		t.Fatal("no RUS→IRN meeting")
	}
	if d := deref(meeting.Date); d != "2024-08-05" && d != "2024-08-06" {
		t.Errorf("meeting dated %q, want 2024-08-05 or 2024-08-06", d)
	}
	if meeting.Place == nil || meeting.Place.Country != "IRN" || meeting.Place.Lat < 35 || meeting.Place.Lat > 36 {
		t.Errorf("meeting place %+v, want Tehran with coordinates", meeting.Place)
	}
	if killing == nil || killing.Modality != entente.Alleged || killing.Source.Country != "ISR" {
		t.Errorf("Haniyeh killing %+v, want alleged with Israel as source", killing)
	}
	if planned == nil || planned.Modality != entente.Intended || strings.Join(planned.AttributedTo, ",") != "Tass,RIA Novosti" {
		t.Errorf("planned meeting with Bagheri %+v, want intended, attributed to Tass and RIA Novosti", planned)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
