package when

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"entente/data"
)

// newFinder loads the embedded time words.
func newFinder(tb testing.TB) *Finder {
	tb.Helper()
	f, err := Load(data.FS)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// found lists "text=value" for each expression of s, value "?" when it does
// not resolve.
func found(f *Finder, s, lang string, ref Ref) string {
	var out []string
	for _, e := range f.Find(s, lang) {
		v := "?"
		if d, ok := f.Resolve(e, ref); ok {
			v = d.String()
		}
		out = append(out, e.Text+"="+v)
	}
	return strings.Join(out, " | ")
}

// 2024-08-06 is a Tuesday.
const tue = "2024-08-06"

func TestFindFrench(t *testing.T) {
	f := newFinder(t)
	tests := []struct {
		text  string
		tense Tense
		want  string
	}{
		// Absolute dates.
		{"Il est arrivé le 5 août 2024 à Téhéran.", Past, "le 5 août 2024=2024-08-05"},
		{"La réunion du 5 aout s'est bien passée.", Past, "5 aout=2024-08-05"},
		{"Le traité date du 1er mars.", Past, "1er mars=2024-03-01"},
		{"Ils voteront le 1er mars.", Future, "le 1er mars=2025-03-01"},
		{"Le vote aura lieu le 3 septembre.", Unknown, "le 3 septembre=2024-09-03"},
		{"L'accord signé le 20 décembre.", Unknown, "le 20 décembre=2024-12-20"}, // nearest
		{"L'accord a été signé le 20 décembre.", Past, "le 20 décembre=2023-12-20"},
		{"Les prix ont baissé en mars 2024.", Past, "mars 2024=2024-03"},
		{"En 2023, la croissance a ralenti.", Past, "2023=2023"},
		{"Publié le 2024-08-05 à 10 h.", Past, "2024-08-05=2024-08-05"},
		{"Mis à jour le 05/08/2024.", Past, "05/08/2024=2024-08-05"},
		{"Le 10 novembre 93, il a démissionné.", Past, "Le 10 novembre 93=1993-11-10"},
		{"Depuis octobre 98, rien n'a changé.", Past, "octobre 98=1998-10"},
		{"lundi 5 août, le ministre a parlé", Past, "lundi 5 août=2024-08-05"},
		{"Le samedi 7 septembre aura lieu le défilé.", Future, "Le samedi 7 septembre=2024-09-07"},
		{"Ce sera début octobre ou fin septembre 2025.", Future, "début octobre=2024-10 | fin septembre 2025=2025-09"},
		{"Les élections de juin prochain.", Unknown, "juin prochain=2025-06"},
		{"Depuis septembre dernier.", Unknown, "septembre dernier=2023-09"},
		{"Le 6 mai dernier, il a signé.", Past, "Le 6 mai dernier=2024-05-06"},
		{"à la mi-mars", Unknown, "mi-mars=2024-03"},
		{"L'année 2001 fut difficile.", Past, "L'année 2001=2001"},
		{"le 7 sept. 2024", Past, "le 7 sept. 2024=2024-09-07"},
		// Weekdays.
		{"Le président a déclaré lundi que", Past, "lundi=2024-08-05"},
		{"Il se rendra lundi à Moscou.", Future, "lundi=2024-08-12"},
		{"Il a parlé mardi.", Past, "mardi=2024-08-06"},
		{"Il parlera mardi.", Future, "mardi=2024-08-13"},
		{"mardi dernier", Unknown, "mardi dernier=2024-07-30"},
		{"mardi prochain", Unknown, "mardi prochain=2024-08-13"},
		{"Ce mardi, le ministre a reçu", Past, "Ce mardi=2024-08-06"},
		{"dimanche soir, des tirs ont été entendus", Past, "dimanche soir=2024-08-04"},
		{"Jeudi dernier au soir", Past, "Jeudi dernier=2024-08-01"},
		{"DIMANCHE", Unknown, "DIMANCHE=2024-08-04"},
		// Relative expressions.
		{"hier, avant-hier, aujourd'hui, demain et après-demain", Unknown,
			"hier=2024-08-05 | avant-hier=2024-08-04 | aujourd'hui=2024-08-06 | demain=2024-08-07 | après-demain=2024-08-08"},
		{"ce matin, ce soir, cet après-midi", Unknown, "ce matin=2024-08-06 | ce soir=2024-08-06 | cet après-midi=2024-08-06"},
		{"hier soir", Past, "hier soir=2024-08-05"},
		{"aujourd'hui mardi", Unknown, "aujourd'hui mardi=2024-08-06"},
		{"cette semaine et la semaine dernière", Unknown, "cette semaine=2024-W32 | la semaine dernière=2024-W31"},
		{"la semaine prochaine", Unknown, "la semaine prochaine=2024-W33"},
		{"le mois dernier puis le mois prochain", Unknown, "le mois dernier=2024-07 | le mois prochain=2024-09"},
		{"l'an dernier, l'année dernière, l'an prochain, cette année", Unknown,
			"l'an dernier=2023 | l'année dernière=2023 | l'an prochain=2025 | cette année=2024"},
		{"à la fin de l'année dernière", Past, "la fin de l'année dernière=2023"},
		{"ce mois-ci", Unknown, "ce mois-ci=2024-08"},
		{"il y a deux jours", Past, "il y a deux jours=2024-08-04"},
		{"Il y a 3 jours", Past, "Il y a 3 jours=2024-08-03"},
		{"il y a trois semaines", Past, "il y a trois semaines=2024-W29"},
		{"il y a un an", Past, "il y a un an=2023"},
		{"dans deux jours", Future, "dans deux jours=2024-08-08"},
		{"dans quinze jours", Future, "dans quinze jours=2024-08-21"},
		// Not dates.
		{"pendant trois jours", Unknown, ""},
		{"il a couru en 30,4 secondes", Unknown, ""},
		{"le match commence à 22 h", Unknown, ""},
		{"2000 personnes ont manifesté", Past, ""},
		{"un homme âgé de 45 ans", Unknown, ""},
		{"sept jours de combats", Unknown, ""},
		{"la fin des combats", Unknown, ""},
		{"cette année-là", Unknown, ""},
		{"les années 1990", Unknown, ""},
		{"Mars est une planète.", Unknown, "Mars=2024-03"}, // a known false positive
	}
	for _, tt := range tests {
		got := found(f, tt.text, "fr", Ref{Anchor: date(tue), Exact: true, Tense: tt.tense})
		if got != tt.want {
			t.Errorf("%q (%v):\n got %s\nwant %s", tt.text, tt.tense, got, tt.want)
		}
	}
}

func TestFindEnglish(t *testing.T) {
	f := newFinder(t)
	tests := []struct {
		text  string
		tense Tense
		want  string
	}{
		{"The talks opened on Aug. 5, 2024 in Tehran.", Past, "Aug. 5, 2024=2024-08-05"},
		{"Monday, August 5, 2024", Past, "Monday, August 5, 2024=2024-08-05"},
		{"on 5 August 2024", Past, "5 August 2024=2024-08-05"},
		{"the 5th of August", Past, "the 5th of August=2024-08-05"},
		{"He arrived on August 5.", Past, "August 5=2024-08-05"},
		{"She will leave on Sept. 3rd.", Future, "Sept. 3rd=2024-09-03"},
		{"Published 8/5/2024.", Past, "8/5/2024=2024-08-05"},
		{"Published 25/12/2023.", Past, "25/12/2023=2023-12-25"},
		{"in May 2023 and in June", Past, "May 2023=2023-05 | June=2024-06"},
		{"in 2023", Past, "2023=2023"},
		{"last March", Unknown, "last March=2024-03"},
		{"early 2024 and mid-June", Unknown, "early 2024=2024 | mid-June=2024-06"},
		{"He met the envoy on Tuesday.", Past, "Tuesday=2024-08-06"},
		{"He will meet the envoy on Tuesday.", Future, "Tuesday=2024-08-13"},
		{"last Friday and next Monday", Unknown, "last Friday=2024-08-02 | next Monday=2024-08-12"},
		{"this Tuesday", Unknown, "this Tuesday=2024-08-06"},
		{"Sunday morning and Tuesday night", Past, "Sunday morning=2024-08-04 | Tuesday night=2024-08-06"},
		{"yesterday, today, tomorrow, tonight", Unknown,
			"yesterday=2024-08-05 | today=2024-08-06 | tomorrow=2024-08-07 | tonight=2024-08-06"},
		{"this morning and last night", Unknown, "this morning=2024-08-06 | last night=2024-08-05"},
		{"this week, last week, next week", Unknown, "this week=2024-W32 | last week=2024-W31 | next week=2024-W33"},
		{"last month and last year", Unknown, "last month=2024-07 | last year=2023"},
		{"earlier this month", Unknown, "earlier this month=2024-08"},
		{"late last year", Unknown, "late last year=2023"},
		{"two days ago", Past, "two days ago=2024-08-04"},
		{"three weeks ago", Past, "three weeks ago=2024-W29"},
		{"in two days", Future, "in two days=2024-08-08"},
		{"a year ago", Past, "a year ago=2023"},
		// Not dates.
		{"for two weeks", Unknown, ""},
		{"they may march", Unknown, ""},
		{"2000 people marched", Past, ""},
		{"at 10 pm", Unknown, ""},
		{"the 1990s", Unknown, ""},
		{"version 1.2.3", Unknown, ""},
		{"call 555-12-34-56", Unknown, ""},
	}
	for _, tt := range tests {
		got := found(f, tt.text, "en", Ref{Anchor: date(tue), Exact: true, Tense: tt.tense})
		if got != tt.want {
			t.Errorf("%q (%v):\n got %s\nwant %s", tt.text, tt.tense, got, tt.want)
		}
	}
}

func TestResolveWeekday(t *testing.T) {
	f := newFinder(t)
	tests := []struct {
		expr   string
		anchor string
		exact  bool
		tense  Tense
		want   string
	}{
		// Publication date: past and unknown look back, future forward.
		{"samedi", tue, true, Past, "2024-08-03"},
		{"samedi", tue, true, Unknown, "2024-08-03"},
		{"samedi", tue, true, Future, "2024-08-10"},
		{"mardi", tue, true, Future, "2024-08-13"},
		{"mardi", tue, true, Past, "2024-08-06"},
		// A date seen in the text: the nearest within three days.
		{"samedi", tue, false, Past, "2024-08-03"},
		{"jeudi", tue, false, Past, "2024-08-08"},
		{"vendredi", tue, false, Unknown, "2024-08-09"},
		{"mardi", tue, false, Future, "2024-08-06"},
		{"mardi dernier", tue, false, Unknown, "2024-07-30"},
		{"mardi prochain", tue, false, Unknown, "2024-08-13"},
		{"ce jeudi", tue, true, Unknown, "2024-08-08"},
		{"ce dimanche", tue, true, Past, "2024-08-04"},
	}
	for _, tt := range tests {
		es := f.Find(tt.expr, "fr")
		if len(es) != 1 {
			t.Errorf("%q: found %d expressions", tt.expr, len(es))
			continue
		}
		d, ok := f.Resolve(es[0], Ref{Anchor: date(tt.anchor), Exact: tt.exact, Tense: tt.tense})
		if !ok || d.String() != tt.want || d.Precision != Day {
			t.Errorf("%q exact=%v %v: got %v %v, want %s", tt.expr, tt.exact, tt.tense, d, ok, tt.want)
		}
	}
}

func TestResolvePrecision(t *testing.T) {
	f := newFinder(t)
	tests := []struct {
		expr string
		want Date
	}{
		{"5 août 2024", Date{date("2024-08-05"), Day}},
		{"la semaine dernière", Date{date("2024-07-29"), Week}},
		{"mars 2024", Date{date("2024-03-01"), Month}},
		{"le mois dernier", Date{date("2024-07-01"), Month}},
		{"en 2023", Date{date("2023-01-01"), Year}},
		{"l'an dernier", Date{date("2023-01-01"), Year}},
	}
	for _, tt := range tests {
		es := f.Find(tt.expr, "fr")
		if len(es) != 1 {
			t.Fatalf("%q: found %d expressions", tt.expr, len(es))
		}
		d, ok := f.Resolve(es[0], Ref{Anchor: date(tue), Exact: true})
		if !ok || !d.Time.Equal(tt.want.Time) || d.Precision != tt.want.Precision {
			t.Errorf("%q: got %v %v (%s), want %v %v", tt.expr, d.Time, d.Precision, d, tt.want.Time, tt.want.Precision)
		}
	}
}

func TestResolveYearChoice(t *testing.T) {
	f := newFinder(t)
	tests := []struct {
		expr   string
		anchor string
		tense  Tense
		want   string
	}{
		{"le 28 décembre", "2024-01-03", Unknown, "2023-12-28"},
		{"le 3 janvier", "2023-12-28", Unknown, "2024-01-03"},
		{"le 3 juillet", "2024-08-06", Future, "2025-07-03"},
		{"le 30 août", "2024-08-06", Past, "2023-08-30"},
		{"décembre", "2024-01-10", Unknown, "2023-12"},
		{"mardi 31 décembre", "2025-01-10", Unknown, "2024-12-31"},
		{"le 29 février", "2025-01-10", Unknown, "2024-02-29"},
		{"le 31 février 2024", "2025-01-10", Unknown, "?"},
	}
	for _, tt := range tests {
		got := found(f, tt.expr, "fr", Ref{Anchor: date(tt.anchor), Exact: true, Tense: tt.tense})
		if !strings.HasSuffix(got, "="+tt.want) {
			t.Errorf("%q at %s %v: got %s, want %s", tt.expr, tt.anchor, tt.tense, got, tt.want)
		}
	}
}

func TestDocDate(t *testing.T) {
	f := newFinder(t)
	tests := []struct {
		text, lang string
		want       string
	}{
		{"BAMAKO, 5 août 2024 (AFP) — Le ministre malien de la Justice...", "fr", "2024-08-05"},
		{"Photo prise le 3 août. Publié le 05/08/2024.", "fr", "2024-08-05"},
		{"TEHRAN, Aug. 5, 2024 (AP) — Russia's security chief...", "en", "2024-08-05"},
		{"Posted 08/05/2024 by staff", "en", "2024-08-05"},
		{"Posted 2024-08-05T10:00Z", "en", "2024-08-05"},
		{"Hier, le ministre a parlé.", "fr", ""},
	}
	for _, tt := range tests {
		d, ok := f.DocDate(tt.text, tt.lang)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("DocDate(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestDateline(t *testing.T) {
	f := newFinder(t)
	tests := []struct {
		text, lang string
		want       string
	}{
		{"BAMAKO, 5 août 2024 (AFP) — Le ministre malien de la Justice a parlé.", "fr", "2024-08-05"},
		{"LIMA, March 3, 2025 (Reuters) - Peru recalled its ambassador.", "en", "2025-03-03"},
		{"SAINT-PIERRE-ET-MIQUELON, 1er juin 2023 - Un navire est arrivé.", "fr", "2023-06-01"},
		{"Photo prise le 3 août. Publié le 05/08/2024.", "fr", ""},                // after a full stop: a caption, no dateline
		{"Le Pérou a rappelé son ambassadeur au Chili le 3 mars 2025.", "fr", ""}, // a date far into a sentence
		{"Hier, le ministre a parlé.", "fr", ""},
		// Arabic wires write the date after the place, without a comma,
		// and the agency after it.
		{"نواكشوط 12 مارس 2024 (شينخوا) استدعت موريتانيا سفير مالي.", "ar", "2024-03-12"},
		{"الرباط، 3 أيار/مايو 2025 (أ ف ب) - أعلنت الحكومة المغربية.", "ar", "2025-05-03"},
		// A date after a subject and before a bracket is no dateline.
		{"Le ministre malien de la Justice a parlé le 5 août 2024 (AFP).", "fr", ""},
	}
	for _, tt := range tests {
		d, end, ok := f.Dateline(tt.text, tt.lang)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
			if end <= 0 || end > len(tt.text) {
				t.Errorf("Dateline(%q): end %d outside the text", tt.text, end)
			}
		}
		if got != tt.want {
			t.Errorf("Dateline(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSentenceTense(t *testing.T) {
	f := newFinder(t)
	tests := []struct {
		text, lang string
		want       Tense
	}{
		{"Le secrétaire russe se rendra mardi à Téhéran.", "fr", Future},
		{"Il rencontrera le chef d'état-major iranien.", "fr", Future},
		{"Le ministre va rencontrer son homologue.", "fr", Future},
		{"Il doit se rendre à Moscou la semaine prochaine.", "fr", Future},
		{"Le gouvernement prévoit de signer l'accord.", "fr", Future},
		{"Les deux pays pourraient coopérer, a déclaré le président.", "fr", Future},
		{"Il a rencontré lundi le président iranien.", "fr", Past},
		{"Les deux hommes ont discuté de la sécurité régionale.", "fr", Past},
		{"Les manifestants envahirent la place.", "fr", Past},
		{"Hier, la police était déployée.", "fr", Past},
		{"L'attaque aurait fait dix morts.", "fr", Past},
		{"Le président se rend à Téhéran.", "fr", Unknown},
		{"Une caméra filme la scène.", "fr", Unknown},
		{"Russia will send troops, the minister said.", "en", Future},
		{"The envoy is to visit Tehran.", "en", Future},
		{"He is expected to arrive on Monday.", "en", Future},
		{"Iran plans to hold talks next week.", "en", Future},
		{"The army is going to withdraw.", "en", Future},
		{"The minister visited Tehran on Monday.", "en", Past},
		{"Talks were held yesterday.", "en", Past},
		{"He met the president last week.", "en", Past},
		{"Did they sign?", "en", Past},
		{"The president speaks in Tehran.", "en", Unknown},
		{"El canciller viajó ayer a Lima.", "es", Past},
		{"La presidenta visitará Quito la próxima semana.", "es", Future},
		{"El gobierno va a firmar el acuerdo.", "es", Future},
		{"Los dos países han firmado un tratado.", "es", Past},
		{"El embajador había advertido del riesgo.", "es", Past},
		{"El presidente habla en Lima.", "es", Unknown},
	}
	for _, tt := range tests {
		if got := f.SentenceTense(tt.text, tt.lang); got != tt.want {
			t.Errorf("SentenceTense(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestMixedLanguage(t *testing.T) {
	f := newFinder(t)
	got := found(f, "Le 5 août et on August 6.", "", Ref{Anchor: date(tue), Exact: true})
	if want := "Le 5 août=2024-08-05 | August 6=2024-08-06"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"le 5 août 2024", "Aug. 5, 2024", "il y a deux jours", "mardi dernier", "05/08/2024",
		"2024-08-05", "l'an dernier", "aujourd’hui vendredi", "mi-mars", "the 5th of August",
		"1er", "'98", "2000,5", "Le 31 février", "\xff\xfe", "sept. sept sept.",
		"PARIS, 5 août 2024 (AFP) - ", "LAGOS, Aug 5 (Reuters) -", "KYIV, 31 février 2024 -", "—, 99 mai 99999 (",
	} {
		f.Add(s, "fr")
		f.Add(s, "en")
	}
	fd := newFinder(f)
	ref := Ref{Anchor: date(tue), Exact: true}
	f.Fuzz(func(t *testing.T, text, lang string) {
		prev := 0
		for _, e := range fd.Find(text, lang) {
			if e.Start < prev || e.Start > e.End || e.End > len(text) {
				t.Fatalf("bad span [%d,%d) after %d in %q", e.Start, e.End, prev, text)
			}
			if text[e.Start:e.End] != e.Text {
				t.Fatalf("Text %q != text[%d:%d] %q", e.Text, e.Start, e.End, text[e.Start:e.End])
			}
			prev = e.End
			if d, ok := fd.Resolve(e, ref); ok && d.Precision == 0 {
				t.Fatalf("resolved %q without precision", e.Text)
			}
			for _, ex := range []bool{false, true} {
				for _, tn := range []Tense{Unknown, Past, Future} {
					fd.Resolve(e, Ref{Anchor: date(tue), Exact: ex, Tense: tn})
				}
			}
		}
		fd.SentenceTense(text, lang)
		fd.DocDate(text, lang)
		if _, end, ok := fd.Dateline(text, lang); ok && (end < 0 || end > len(text)) {
			t.Fatalf("dateline ends at %d of %d bytes", end, len(text))
		}
	})
}

const newsParagraph = `Le chef de la diplomatie brésilienne, Mauro Vieira, s'est rendu lundi 5 août à Lima, où il a rencontré la présidente péruvienne, a rapporté l'agence Andina. Selon Reuters, il doit voir mardi le commandant des forces armées. La visite intervient une semaine après un séisme dans le sud du pays, survenu le 31 juillet près de la frontière. L'an dernier, les deux gouvernements avaient paraphé plusieurs textes, et Brasilia prévoit d'étendre sa coopération douanière d'ici la fin de l'année. Il y a deux jours, le ministre de l'Économie avait affirmé que Lima paierait « au moment voulu ». Hier soir, 2000 personnes ont défilé pendant trois heures dans le centre de la ville.`

func BenchmarkFind(b *testing.B) {
	f := newFinder(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(newsParagraph)))
	for b.Loop() {
		f.Find(newsParagraph, "fr")
	}
}

func BenchmarkSentenceTense(b *testing.B) {
	f := newFinder(b)
	b.ReportAllocs()
	for b.Loop() {
		f.SentenceTense(newsParagraph, "fr")
	}
}

func ExampleFinder_Resolve() {
	f, err := Load(data.FS)
	if err != nil {
		fmt.Println(err)
		return
	}
	ref := Ref{Anchor: time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC), Exact: true}
	text := "Il s'est rendu lundi à Téhéran, une semaine après la réunion du 29 juillet."
	ref.Tense = f.SentenceTense(text, "fr")
	for _, e := range f.Find(text, "fr") {
		d, _ := f.Resolve(e, ref)
		fmt.Println(e.Text, d, d.Precision)
	}
	// Output:
	// lundi 2024-08-05 day
	// 29 juillet 2024-07-29 day
}
