package segment

import (
	"strings"
	"testing"
	"unicode/utf8"

	"entente"
)

func folds(toks []entente.Token) string {
	var out []string
	for _, t := range toks {
		out = append(out, t.Fold)
	}
	return strings.Join(out, " ")
}

func TestTokens(t *testing.T) {
	tests := []struct{ in, want string }{
		{"L'Iran et d'Israël", "l iran et d israel"},
		{"qu'il s'est entretenu", "qu il s est entretenu"},
		{"aujourd'hui", "aujourd'hui"},
		{"Iran's foreign minister", "iran 's foreign minister"},
		{"États-Unis", "etats unis"},
		{"a-t-il dit", "a t il dit"},
		{"the U.S. and U.N. envoys", "the u.s. and u.n. envoys"},
		{"30,4 secondes et 1.5 km", "30,4 secondes et 1.5 km"},
		{"« crimes » – Œuvre", "\" crimes \" - oeuvre"},
		{"Шойгу встретился", "шойгу встретился"},
		{"N'Djamena", "n'djamena"},
		// Arabic: vowel marks and tatweel go; hamza seats, ta marbuta and
		// alef maqsura are normalised; Arabic-Indic digits are digits;
		// the Arabic comma is a comma.
		{"أَعلنَ الرئيـــس، إسرائيل", "اعلن الرءيس , اسراءيل"},
		{"مسؤول مسئول آمنة مصطفى ٢٠٢٤", "مسءول مسءول امنه مصطفي 2024"},
		// Persian: yeh and keheh are the Arabic letters, the ZWNJ joins a
		// word and folds away (written or left out, one word), Persian
		// digits and their decimal separator are ours.
		{"نیروهای کشورها می‌گویند میگویند ۳٫۵ درصد", "نيروهاي كشورها ميگويند ميگويند 3.5 درصد"},
		{"كشور کشور خانۀ", "كشور كشور خانه"},
	}
	for _, tt := range tests {
		if got := folds(Tokens(tt.in)); got != tt.want {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBodyStart: the first token after a dateline's agency and dash.
func TestBodyStart(t *testing.T) {
	for text, want := range map[string]string{
		"PARIS, 3 mars (AFP) - Arrivé lundi à Rabat, le ministre a parlé.": "Arrivé",
		"NAIROBI (Reuters) - Kenya said":                                   "Kenya",
		"Arrivé lundi à Rabat, le ministre a parlé.":                       "Arrivé",
	} {
		toks := Tokens(text)
		if got := toks[BodyStart(toks)]; text[got.Start:got.End] != want {
			t.Errorf("BodyStart(%q) at %q, want %q", text, text[got.Start:got.End], want)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"M. Macron a parlé. Il est parti.", []string{"M. Macron a parlé.", "Il est parti."}},
		{"Gen. Milley met Dr. Smith in the U.S. capital. Then he left!", []string{"Gen. Milley met Dr. Smith in the U.S. capital.", "Then he left!"}},
		{"Un titre\n\nLe texte suit. Et encore.", []string{"Un titre", "Le texte suit.", "Et encore."}},
		{"une phrase coupée\nen deux lignes. Fin.", []string{"une phrase coupée\nen deux lignes.", "Fin."}},
		{`Il a dit : « Non. » Puis il est parti.`, []string{"Il a dit : « Non. »", "Puis il est parti."}},
		{"Il est parti.\n\n« Elles vont trop loin »\n\n« Non. Jamais », a-t-il dit.", []string{"Il est parti.", "« Elles vont trop loin »", "« Non.", "Jamais », a-t-il dit."}},
		{"Il est parti. « Nous restons. »", []string{"Il est parti.", "« Nous restons. »"}},
		// A full stop written without its space still ends a sentence
		// before a capitalised word; not in a domain name.
		{"Le Togo a voté jeudi.Le Ghana s'est abstenu. Lire sur togofirst.com.", []string{"Le Togo a voté jeudi.", "Le Ghana s'est abstenu.", "Lire sur togofirst.com."}},
		{"Prices rose 3.5 percent. Markets fell.", []string{"Prices rose 3.5 percent.", "Markets fell."}},
		// German: a day's ordinal period before its month ends no
		// sentence; after another number or before another word it does.
		{"Am 5. August griff Russland an. Es gab 12. Danach kam nichts.", []string{"Am 5. August griff Russland an.", "Es gab 12.", "Danach kam nichts."}},
		// Arabic: the full stop and the Arabic question mark end a
		// sentence, the Arabic comma does not.
		{"زار الوزير القاهرة، ثم عاد. هل سيعود؟ قال إنه سيعود.", []string{"زار الوزير القاهرة، ثم عاد.", "هل سيعود؟", "قال إنه سيعود."}},
		// Persian: the same marks end a sentence; a ZWNJ inside a word
		// ends nothing.
		{"وزیر خارجه به مسکو سفر کرد، سپس بازگشت. آیا دوباره می‌رود؟ سخنگو گفت نه! گفت‌وگوها ادامه دارد.", []string{"وزیر خارجه به مسکو سفر کرد، سپس بازگشت.", "آیا دوباره می‌رود؟", "سخنگو گفت نه!", "گفت‌وگوها ادامه دارد."}},
	}
	for _, tt := range tests {
		d := &entente.Document{Text: tt.text, Lang: "fr"}
		Split(d)
		var got []string
		for _, s := range d.Sentences {
			got = append(got, tt.text[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("sentences of %q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestChromeSkipped(t *testing.T) {
	text := "Copyright © x\nLe président a parlé."
	d := &entente.Document{Text: text, Lang: "fr", Chrome: []entente.Span{{Start: 0, End: len("Copyright © x")}}}
	Split(d)
	if len(d.Sentences) != 1 || text[d.Sentences[0].Start:d.Sentences[0].End] != "Le président a parlé." {
		t.Fatalf("chrome not skipped: %+v", d.Sentences)
	}
}

func TestStems(t *testing.T) {
	fr := Stemmer("fr")
	if fr("condamne") != fr("condamnation") || fr("rencontre") != fr("rencontrer") {
		t.Errorf("French stems differ: %q %q %q %q", fr("condamne"), fr("condamnation"), fr("rencontre"), fr("rencontrer"))
	}
	en := Stemmer("en")
	if en("condemned") != en("condemns") {
		t.Errorf("English stems differ")
	}
	// Spanish preterites share their infinitive's stem (folded forms).
	es := Stemmer("es")
	for _, pair := range [][2]string{{"reunio", "reunir"}, {"rompio", "romper"}, {"condeno", "condenar"}, {"reunieron", "reunir"}, {"edificio", "edificios"}} {
		if es(pair[0]) != es(pair[1]) {
			t.Errorf("Spanish stems of %s and %s differ: %q %q", pair[0], pair[1], es(pair[0]), es(pair[1]))
		}
	}
}

// German weak verb forms share their infinitive's stem, nouns their
// plural's; a strong verb's vowel change does not (the verb table does).
func TestGermanStems(t *testing.T) {
	de := Stemmer("de")
	for _, pair := range [][2]string{{"verurteilte", "verurteilen"}, {"verurteilt", "verurteilen"}, {"kritisierten", "kritisieren"}, {"sanktionen", "sanktion"}, {"gesprachs", "gesprach"}} {
		if de(pair[0]) != de(pair[1]) {
			t.Errorf("German stems of %s and %s differ: %q %q", pair[0], pair[1], de(pair[0]), de(pair[1]))
		}
	}
	if de("griff") == de("greifen") {
		t.Errorf("German stems of griff and greifen are one")
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"L'Iran a dit. Fin.", "U.S. \"x\" – y\n\nz", "aujourd'hui l'", "\xff\xfe", "a-", "'s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := &entente.Document{Text: text, Lang: "fr"}
		Split(d)
		prev := 0
		for _, s := range d.Sentences {
			if s.Start < prev || s.End > len(text) || s.Start > s.End {
				t.Fatalf("sentence %v out of order or bounds (len %d)", s.Span, len(text))
			}
			prev = s.End
			for _, tok := range s.Tokens {
				if tok.Start < s.Start || tok.End > s.End || tok.Start >= tok.End {
					t.Fatalf("token %v outside sentence %v", tok.Span, s.Span)
				}
				if utf8.ValidString(text) && !utf8.ValidString(text[tok.Start:tok.End]) {
					t.Fatalf("token %v splits a rune", tok.Span)
				}
			}
		}
	})
}

func BenchmarkSplit(b *testing.B) {
	text := strings.Repeat("Le ministre chilien de l'Intérieur s'est entretenu jeudi avec le maire de Valparaiso, selon la radio Cooperativa. ", 20)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d := &entente.Document{Text: text, Lang: "fr"}
		Split(d)
	}
}

func TestPersianStem(t *testing.T) {
	stem := Stemmer("fa")
	for _, c := range []struct{ word, want string }{
		{"کشتند", "کشت"},
		{"کشته", "کشت"},
		{"می‌کشند", "کش"},
		{"حمله", "حمل"},
		{"حملات", "حمل"},
		{"حمله‌ای", "حمل"},
		{"کشورهای", "کشور"},
		{"دیدار", "دیدار"},
		{"کرد", "کرد"},
		{"کند", "کند"}, // two letters stay
	} {
		if got, want := stem(Fold(c.word)), Fold(c.want); got != want {
			t.Errorf("stem(%s) = %s, want %s", c.word, got, want)
		}
	}
}
