package pipeline

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"entente"
)

// codeText codes one text of language lang published on date (zero:
// undated; else the date comes from the document's metadata).
func codeText(t *testing.T, p *Pipeline, lang, text string, date time.Time) *entente.Document {
	t.Helper()
	doc := &entente.Document{ID: "t", Lang: lang, Text: text, Date: date}
	if !date.IsZero() {
		doc.DateFrom = "metadata"
	}
	if err := p.Code(context.Background(), doc); err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	return doc
}

// codeEnglish codes one English text of the given date (zero: undated).
func codeEnglish(t *testing.T, p *Pipeline, text string, date time.Time) *entente.Document {
	t.Helper()
	return codeText(t, p, "en", text, date)
}

// TestFrames: a lexicon verb that no pattern knows ("scold") is read over
// the parse, whatever the sentence's shape; acts that are only asked for,
// and purposes, are not coded as done.
func TestFrames(t *testing.T) {
	tests := []struct {
		text string
		want string // "SRC CODE TGT MODALITY", "" for no event from the lexicon
	}{
		{"Lithuania scolded Belarus for the balloons that drifted over the border.", "LTU 111 BLR asserted"},
		{"Belarus was scolded by Lithuania for the balloons.", "LTU 111 BLR asserted"},
		{"Lithuania summoned a Belarusian diplomat and scolded Belarus.", "LTU 111 BLR asserted"},
		{"Lithuania decided to scold Belarus.", "LTU 111 BLR intended"},
		{"Lithuania did not scold Belarus.", "LTU 111 BLR negated"},
		{"Latvia, which scolded Belarus last week, sent a note to Minsk.", "LVA 111 BLR asserted"},
		{"Poland urged Lithuania to scold Belarus.", ""},
		{"Lithuania sent a letter to scold Belarus.", ""},
		{"The Lithuanian minister scolded his own government.", ""},
		// A light verb and its event noun, the target hanging on the noun.
		{"Peru delivered a formal protest to Bolivia over the fishing boats.", "PER 114 BOL asserted"},
		{"Estonia issued a formal warning to Russia about the flights.", "EST 130 RUS asserted"},
		{"Finland raised the threat of new tariffs against Belarus.", "FIN 130 BLR asserted"},
		{"The rebels blocked the road into Goma.", ""},
		// Coordinated subjects of a consultation, with no target.
		{"Uruguay and Paraguay consulted about the river dispute.", "URY 040 PRY asserted"},
		// Event nouns.
		{"India announced the expulsion of six Canadian diplomats on Monday.", "IND 174 CANGOV asserted"},
		{"The deportation of forty Haitian migrants by Dominican authorities drew protests.", "DOMGOV 174 HTIREF asserted"},
		{"Canada demanded the release of two Chinese fishermen.", ""},
	}
	p := loadPipeline(t)
	for _, tt := range tests {
		doc := codeEnglish(t, p, tt.text, time.Time{})
		var got []string
		for _, e := range doc.Events {
			if strings.HasPrefix(e.Rule, "lexicon/") {
				got = append(got, e.Source.Code+" "+e.Code+" "+e.Target.Code+" "+e.Modality)
			}
		}
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%q: want no lexicon event, got %q", tt.text, got)
		case tt.want != "" && (len(got) != 1 || got[0] != tt.want):
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestDemandedPatterns: an act that a pattern knows, told only as asked
// for or refused, is not coded; the demand itself still is.
func TestDemandedPatterns(t *testing.T) {
	tests := []struct {
		text   string
		absent string // a root that must not be coded
	}{
		{"Chile urged Peru to rebuke Bolivia over the fishing dispute.", "11"},
		{"The mediators called on Sudan to release the detained aid workers from Kenya.", "08"},
		{"Mexico refused to expel the Cuban diplomats.", "17"},
	}
	p := loadPipeline(t)
	for _, tt := range tests {
		doc := codeEnglish(t, p, tt.text, time.Time{})
		for _, e := range doc.Events {
			if e.Root == tt.absent && e.Modality != entente.Negated {
				t.Errorf("%q: coded %s %s %s (%s) as %s", tt.text, e.Source.Code, e.Code, e.Target.Code, e.Rule, e.Modality)
			}
		}
	}
}

// TestRefusals: a cooperative act told as refused ("refused to sign",
// "will not recognise", "a refusé de signer") is its rejection (root 12),
// read from the pattern's words or the parse; a refused hostile act or a
// refused comment is no rejection.
func TestRefusals(t *testing.T) {
	tests := []struct {
		lang, text string
		want       string // "SRC ROOT TGT", "" for no rejection
	}{
		{"en", "Hungary refused to sign the treaty with Austria.", "HUN 12 AUT"},
		{"en", "Serbia will not recognise Kosovo.", "SRB 12 XKX"},
		{"en", "Mexico said it would not cooperate with Guatemala on the dam.", "MEX 12 GTM"},
		{"fr", "La Hongrie a refusé de signer le traité avec l'Autriche.", "HUN 12 AUT"},
		{"en", "Ghana did not attack Togo.", ""},
		{"en", "Kenya refused to comment on the report about Somalia.", ""},
	}
	p := loadPipeline(t)
	for _, tt := range tests {
		doc := &entente.Document{ID: "t", Lang: tt.lang, Text: tt.text}
		if err := p.Code(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range doc.Events {
			if e.Root == "12" {
				got = append(got, e.Source.Code+" "+e.Root+" "+e.Target.Code)
			}
		}
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%q: want no rejection, got %q", tt.text, got)
		case tt.want != "" && !slices.Contains(got, tt.want):
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestOneActTwice: words that tell one act are one event of the longest
// reading: the killing by an attack already coded is the attack again, and
// a shorter trigger inside a longer one of the same class is no second
// event; a claim of an attack stays beside the attack.
func TestOneActTwice(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []string // roots that must be coded
		absent     string   // a root that must not be
	}{
		{"en", "Al-Shabaab claimed a bombing on a Kenyan base that killed ten soldiers.", []string{"01", "18"}, "19"},
		{"en", "The Pakistani Taliban claimed a suicide attack on a police station in Peshawar.", []string{"01", "18"}, "19"},
		{"fr", "Al-Shabaab a revendiqué un attentat contre une base kényane.", []string{"01", "18"}, ""},
	}
	p := loadPipeline(t)
	for _, tt := range tests {
		doc := &entente.Document{ID: "t", Lang: tt.lang, Text: tt.text}
		if err := p.Code(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range doc.Events {
			got = append(got, e.Root)
		}
		for _, r := range tt.want {
			if !slices.Contains(got, r) {
				t.Errorf("%q: roots %q, want %s among them", tt.text, got, r)
			}
		}
		if tt.absent != "" && slices.Contains(got, tt.absent) {
			t.Errorf("%q: roots %q, want no %s", tt.text, got, tt.absent)
		}
	}
}

// TestReportedSpeech: a hostile act told by another side is alleged, and
// is that side's accusation (112) against the act's source; a side telling
// its own act accuses no one.
func TestReportedSpeech(t *testing.T) {
	tests := []struct {
		text string
		want []string // "SRC CODE-ROOT TGT MODALITY", in any order
	}{
		{"Ukraine said Russian drones struck Odesa overnight.", []string{"RUS 19 UKR alleged", "UKR 112 RUS asserted"}},
		{"Russian drones struck Odesa overnight, Ukraine said.", []string{"RUS 19 UKR alleged", "UKR 112 RUS asserted"}},
		{"Washington said American jets struck Houthi positions in Yemen.", []string{"USA 19 YEM asserted"}},
	}
	p := loadPipeline(t)
	for _, tt := range tests {
		doc := codeEnglish(t, p, tt.text, time.Time{})
		var got []string
		for _, e := range doc.Events {
			code := e.Root
			if e.Code == "112" {
				code = "112"
			}
			got = append(got, e.Source.Country+" "+code+" "+e.Target.Country+" "+e.Modality)
		}
		sort.Strings(got)
		want := append([]string(nil), tt.want...)
		sort.Strings(want)
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, want)
		}
	}
}

// TestPatternSources: a pattern's source is checked against the parse
// when something stands between it and the verb.
func TestPatternSources(t *testing.T) {
	tests := []struct {
		text      string
		root      string // the root of the event checked
		want, not string // its source must be want, never not ("" for no check)
	}{
		// The actor nearest "urged" is inside the object of the verb
		// coordinated before it; the subject they share urges.
		{"The African Union denounced the putsch in the former Belgian territory and urged Rwanda to stay out of the crisis.", "02", "AU", "BEL"},
		{"Norway criticised the arrest of the Danish reporters and urged Belarus to free them.", "02", "NOR", "DNK"},
		// A source right before its verb stays.
		{"Russia expelled two Estonian diplomats on Monday.", "16", "RUS", ""},
		{"After the vote, Chile urged Peru to reopen the border.", "02", "CHL", ""},
	}
	p := loadPipeline(t)
	for _, tt := range tests {
		doc := codeEnglish(t, p, tt.text, time.Time{})
		found := false
		for _, e := range doc.Events {
			if e.Root != tt.root {
				continue
			}
			src := e.Source.Country + e.Source.Org
			if src == tt.want {
				found = true
			}
			if tt.not != "" && src == tt.not {
				t.Errorf("%q: %s %s %s (%s): source is %s", tt.text, src, e.Code, e.Target.Code, e.Rule, tt.not)
			}
		}
		if !found {
			t.Errorf("%q: no %s event with source %s in %+v", tt.text, tt.root, tt.want, doc.Events)
		}
	}
}

// TestJointOpen: coordinated states doing a cooperative act with no other
// party named do it with each other; a hostile or domestic one does not.
func TestJointOpen(t *testing.T) {
	tests := []struct {
		text string
		want []string // "SRC ROOT TGT", sorted
	}{
		{"Ghana and Togo pledged to cooperate on border security.", []string{"GHA 03 TGO", "TGO 03 GHA"}},
		// Japanese names in either order ("Ishiba Shigeru").
		{"Prime Minister Ishiba Shigeru and President Lee Jae-myung agreed to resume shuttle diplomacy.", []string{"JPN 03 KOR", "KOR 03 JPN"}},
		{"Russia and China demanded an urgent session on the strikes.", []string{"CHN 10 -", "RUS 10 -"}},
	}
	p := loadPipeline(t)
	for _, tt := range tests {
		doc := codeEnglish(t, p, tt.text, time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC))
		var got []string
		for _, e := range entente.Distinct(doc.Events) {
			tgt := e.Target.Country + e.Target.Org
			if tgt == "" {
				tgt = "-"
			}
			got = append(got, e.Source.Country+e.Source.Org+" "+e.Root+" "+tgt)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestActAnaphora: an act named again without its sides ("the launch",
// "the deal") stands for who did it in the sentence before: it is the
// target of a judgement, never a source, nor met.
func TestActAnaphora(t *testing.T) {
	tests := []struct {
		text string
		want []string // "SRC ROOT TGT" of the last sentence's events, sorted
	}{
		{"Pyongyang's army launched two cruise missiles into the sea on Sunday. Seoul and Tokyo condemned the launch.", []string{"JPN 11 PRK", "KOR 11 PRK"}},
		{"Armenia and Azerbaijan agreed on Friday to reopen rail links. The United Nations welcomed the agreement.", []string{"UN 05 ARM", "UN 05 AZE"}},
		{"Kenyan police arrested twelve Somali traders in Mombasa. Somalia denounced the arrests.", []string{"SOM 11 KEN"}},
		// Who was arrested did not arrest: no source before a passive.
		{"Twelve Somali traders were arrested in Mombasa. Somalia denounced the arrests.", nil},
		// An act that no sentence before told is not guessed.
		{"Cuba hosted the talks on Monday. Venezuela welcomed the agreement.", nil},
		// The act does nothing itself: "the attack" is no source.
		{"Gunmen stormed a hotel in Mogadishu. Nobody has named the group that planned the attack, calling for calm.", nil},
	}
	p := loadPipeline(t)
	for _, tt := range tests {
		doc := codeEnglish(t, p, tt.text, time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC))
		var got []string
		for _, e := range doc.Events {
			if e.Evidence.Start > 0 {
				got = append(got, e.Source.Country+e.Source.Org+" "+e.Root+" "+e.Target.Country+e.Target.Org)
			}
		}
		sort.Strings(got)
		if strings.Join(got, ", ") != strings.Join(tt.want, ", ") {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// eventCase is a sentence of our own and an event it must give: source,
// CAMEO root, target and modality (an empty target or modality matches
// any).
type eventCase struct{ text, src, root, tgt, modality string }

// checkEvents codes each case's sentence in lang and reports those whose
// events lack the one expected, and the sentences of none that give any
// event. Sentences are dated 2025-03-10.
func checkEvents(t *testing.T, p *Pipeline, lang string, cases []eventCase, none []string) {
	t.Helper()
	date := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	for _, tt := range cases {
		es := codeText(t, p, lang, tt.text, date).Events
		if !slices.ContainsFunc(es, func(e entente.Event) bool {
			return key(e.Source) == tt.src && e.Code[:2] == tt.root && (tt.tgt == "" || key(e.Target) == tt.tgt) &&
				(tt.modality == "" || e.Modality == tt.modality)
		}) {
			t.Errorf("%s %q: want %s %s %s (%s); got%s", lang, tt.text, tt.src, tt.root, tt.tgt, tt.modality, showEvents(es))
		}
	}
	for _, text := range none {
		if es := codeText(t, p, lang, text, date).Events; len(es) != 0 {
			t.Errorf("%s %q: want no event, got%s", lang, text, showEvents(es))
		}
	}
}

// showEvents writes events as "SRC CODE TGT (modality, rule)".
func showEvents(es []entente.Event) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(" " + key(e.Source) + " " + e.Code + " " + key(e.Target) + " (" + e.Modality + ", " + e.Rule + ")")
	}
	return b.String()
}

// TestDomesticCrowd: a frame codes a named state's body acting against a
// crowd of its own people whose country it guesses from that body ("the
// Belarusian police detained activists"), but not the state's appeals to
// its own people. The sentences are ours.
func TestDomesticCrowd(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "ru", []eventCase{
		{"Белорусская полиция задержала трёх активистов в Минске.", "BLRCOP", "17", "BLRCVL", "asserted"},
	}, nil)
	checkEvents(t, p, "de", nil, []string{"Die Regierung in Lima rief die Bürger auf, zu Hause zu bleiben."})
	checkEvents(t, p, "es", nil, []string{"El gobierno chileno pidió a los ciudadanos que se queden en casa."})
}
