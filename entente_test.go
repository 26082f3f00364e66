package entente

import (
	"reflect"
	"strings"
	"testing"
)

// sentence is the evidence of one of the sentences of a made-up document
// "one two three four five six".
func sentence(text string) Evidence {
	start := strings.Index("one two three four five six", text)
	return Evidence{Text: text, Start: start, End: start + len(text)}
}

func TestDistinct(t *testing.T) {
	day := func(s string) *string { return &s }
	police := Actor{Name: "Police", Country: "KEN", Sector: "COP"}
	riot := Actor{Name: "riot police", Country: "KEN", Sector: "COP"}
	crowd := Actor{Name: "protesters", Country: "KEN", Sector: "CVL"}
	nairobi := &Place{Name: "Nairobi", Country: "KEN"}
	kampala := &Place{Name: "Kampala", Country: "UGA"}
	ev := func(doc string, src, tgt Actor, code string, date *string, place *Place, conf float64, text string) Event {
		return Event{Doc: doc, Code: code, Source: src, Target: tgt, Modality: "asserted", Date: date, Place: place,
			Confidence: conf, Evidence: sentence(text)}
	}
	tests := []struct {
		name string
		in   []Event
		want []Event // only Doc, Code, Place, Confidence, Evidence.Text and Also texts are compared
	}{
		{
			name: "same act told twice, the second with a place",
			in: []Event{
				ev("a", police, crowd, "175", nil, nil, 0.5, "one"),
				ev("a", riot, crowd, "175", nil, nairobi, 0.6, "two"),
			},
			want: []Event{{Doc: "a", Code: "175", Place: nairobi, Confidence: 0.6, Evidence: sentence("one"), Also: []Evidence{sentence("two")}}},
		},
		{
			name: "other code, other date, other document or a contradicting place stay apart",
			in: []Event{
				ev("a", police, crowd, "175", nil, nairobi, 0.5, "one"),
				ev("a", police, crowd, "173", nil, nil, 0.5, "two"),
				ev("a", police, crowd, "175", day("2026-03-02"), nil, 0.5, "three"),
				ev("b", police, crowd, "175", nil, nil, 0.5, "four"),
				ev("a", police, crowd, "175", nil, kampala, 0.5, "five"),
				ev("a", crowd, police, "175", nil, nil, 0.5, "six"),
			},
			want: []Event{
				{Doc: "a", Code: "175", Place: nairobi, Confidence: 0.5, Evidence: sentence("one")},
				{Doc: "a", Code: "173", Confidence: 0.5, Evidence: sentence("two")},
				{Doc: "a", Code: "175", Confidence: 0.5, Evidence: sentence("three")},
				{Doc: "b", Code: "175", Confidence: 0.5, Evidence: sentence("four")},
				{Doc: "a", Code: "175", Place: kampala, Confidence: 0.5, Evidence: sentence("five")},
				{Doc: "a", Code: "175", Confidence: 0.5, Evidence: sentence("six")},
			},
		},
		{
			name: "two offices of one country doing the same act are one side",
			in: []Event{
				ev("a", Actor{Name: "the army", Country: "NGA", Sector: "MIL"}, crowd, "193", nil, nil, 0.5, "one"),
				ev("a", Actor{Name: "the president", ID: "ng-president", Country: "NGA", Sector: "GOV"}, crowd, "193", nil, nil, 0.5, "two"),
				ev("a", Actor{Name: "students", Sector: "CVL"}, police, "141", nil, nil, 0.5, "three"),
				ev("a", Actor{Name: "teachers", Sector: "EDU"}, police, "141", nil, nil, 0.5, "four"),
			},
			want: []Event{
				{Doc: "a", Code: "193", Confidence: 0.5, Evidence: sentence("one"), Also: []Evidence{sentence("two")}},
				{Doc: "a", Code: "141", Confidence: 0.5, Evidence: sentence("three")},
				{Doc: "a", Code: "141", Confidence: 0.5, Evidence: sentence("four")},
			},
		},
		{
			name: "two acts of one sentence stay two events",
			in: []Event{
				{Doc: "a", Code: "161", Source: Actor{Country: "IND"}, Target: Actor{Country: "CAN"}, Confidence: 0.5, Evidence: Evidence{Text: "one", Start: 10, End: 90}},
				{Doc: "a", Code: "161", Source: Actor{Country: "IND"}, Target: Actor{Country: "CAN", Sector: "GOV"}, Confidence: 0.5, Evidence: Evidence{Text: "one", Start: 10, End: 90}},
			},
			want: []Event{
				{Doc: "a", Code: "161", Confidence: 0.5, Evidence: Evidence{Text: "one", Start: 10, End: 90}},
				{Doc: "a", Code: "161", Confidence: 0.5, Evidence: Evidence{Text: "one", Start: 10, End: 90}},
			},
		},
		{
			name: "an act told again with the document's date is the act dated to the day before; not one dated to the month",
			in: []Event{
				{Doc: "a", Code: "041", Source: police, Target: crowd, Modality: "asserted", Date: day("2026-03-01"), DatePrecision: day(Day), Confidence: 0.5, Evidence: sentence("one")},
				{Doc: "a", Code: "041", Source: police, Target: crowd, Modality: "asserted", Date: day("2026-03-02"), DatePrecision: day(Inherited), Confidence: 0.5, Evidence: sentence("two")},
				{Doc: "a", Code: "051", Source: police, Target: crowd, Modality: "asserted", Date: day("2026-03-01"), DatePrecision: day(Month), Confidence: 0.5, Evidence: sentence("three")},
				{Doc: "a", Code: "051", Source: police, Target: crowd, Modality: "asserted", Date: day("2026-03-02"), DatePrecision: day(Inherited), Confidence: 0.5, Evidence: sentence("four")},
			},
			want: []Event{
				{Doc: "a", Code: "041", Confidence: 0.5, Evidence: sentence("one"), Also: []Evidence{sentence("two")}},
				{Doc: "a", Code: "051", Confidence: 0.5, Evidence: sentence("three")},
				{Doc: "a", Code: "051", Confidence: 0.5, Evidence: sentence("four")},
			},
		},
		{
			name: "a negated report is not the act",
			in: []Event{
				ev("a", police, crowd, "175", nil, nil, 0.5, "one"),
				{Doc: "a", Code: "175", Source: police, Target: crowd, Modality: "negated", Confidence: 0.5, Evidence: sentence("two")},
			},
			want: []Event{
				{Doc: "a", Code: "175", Confidence: 0.5, Evidence: sentence("one")},
				{Doc: "a", Code: "175", Confidence: 0.5, Evidence: sentence("two")},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Distinct(tt.in)
			var short []Event
			for _, e := range got {
				short = append(short, Event{Doc: e.Doc, Code: e.Code, Place: e.Place, Confidence: e.Confidence, Evidence: e.Evidence, Also: e.Also})
			}
			if !reflect.DeepEqual(short, tt.want) {
				t.Errorf("Distinct:\n got %+v\nwant %+v", short, tt.want)
			}
		})
	}
}
