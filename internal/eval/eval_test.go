package eval

import (
	"bytes"
	"strings"
	"testing"

	"entente"
)

func sp(s string) *string { return &s }

func ev(doc, src, tgt, code, date string) entente.Event {
	e := entente.Event{Doc: doc, Code: code, Root: code[:2], Source: entente.Actor{Country: src}, Target: entente.Actor{Country: tgt}}
	if date != "" {
		e.Date = &date
	}
	return e
}

// TestScore follows score.py: roots match, 04 and symmetric events match
// either way, a null gold actor matches anything, optional events neither
// count nor cost, each gold event matches once, dates are compared on
// matched dated events.
func TestScore(t *testing.T) {
	gold := []Gold{{ID: "d1", Lang: "fr", Events: []GoldEvent{
		{Source: sp("FRA"), Target: sp("IND"), Root: "04", Code: "040", Date: sp("2024-03-12")},
		{Source: sp("RUS"), Target: sp("UKR"), Root: "19", Code: "190", Symmetric: true},
		{Source: nil, Target: sp("ISR"), Root: "11", Code: "111"},
		{Source: sp("CHN"), Target: sp("USA"), Root: "12", Code: "120", Optional: true},
		{Source: sp("IRN"), Target: sp("IRQ"), Root: "17", Code: "173"},
	}}}
	events := []entente.Event{
		ev("d1", "IND", "FRA", "043", "2024-03-12"), // 04 either way, right date
		ev("d1", "UKR", "RUS", "190", ""),           // symmetric
		ev("d1", "QAT", "ISR", "111", ""),           // null source
		ev("d1", "CHN", "USA", "125", ""),           // optional: not counted
		ev("d1", "RUS", "UKR", "190", ""),           // second match of a used gold event: false
		ev("d2", "FRA", "DEU", "040", ""),           // no such document: false
	}
	rep := Score(gold, events)
	c := rep.All
	if c.Gold != 4 || c.TP != 3 || c.FP != 1 || c.Dated != 1 || c.DateOK != 1 {
		t.Errorf("counts = %+v, want gold 4, tp 3, fp 1, dated 1/1", c)
	}
	if len(rep.Misses) != 1 || rep.Misses[0].Event.Code != "173" {
		t.Errorf("misses = %+v", rep.Misses)
	}
	var out bytes.Buffer
	rep.Write(&out, true)
	if !strings.Contains(out.String(), "fr     gold=   4 tp=   3 fp=   1 P=0.750 R=0.750 F1=0.750 date_acc=1.000") {
		t.Errorf("report:\n%s", out.String())
	}
}
