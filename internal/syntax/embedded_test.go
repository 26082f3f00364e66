package syntax

import (
	"slices"
	"testing"

	"entente"
	"entente/data"
	"entente/internal/segment"
)

// The embedded models parse a plain news sentence of their language: the
// main verb's lemma, its subject and its object (sentences written for this
// test).
func TestEmbeddedModels(t *testing.T) {
	tests := []struct {
		lang, text            string
		root, subject, object string
	}{
		{"fr", "Le gouvernement chilien a signé un accord avec la Bolivie.", "signer", "gouvernement", "accord"},
		{"en", "The Chilean government signed an agreement with Bolivia.", "sign", "government", "agreement"},
		{"es", "El gobierno chileno firmó un acuerdo con Bolivia.", "firmar", "gobierno", "acuerdo"},
		{"es", "La policía detuvo ayer a tres manifestantes en Quito.", "detener", "policía", "manifestantes"},
		{"ru", "Чилийское правительство подписало соглашение с Боливией.", "подписать", "правительство", "соглашение"},
		{"ru", "Власти Эстонии выслали двух российских дипломатов.", "выслать", "Власти", "дипломатов"},
		{"de", "Die chilenische Regierung unterzeichnete ein Abkommen mit Bolivien.", "unterzeichnen", "Regierung", "Abkommen"},
		{"ar", "اعتقلت الشرطة المصرية ثلاثة صحفيين في القاهرة.", "اعتقل", "الشرطة", "صحفيين"},
		// Persian: a light verb (کرد) heads its noun (compound:lvc).
		{"fa", "دولت شیلی توافق‌نامه را با بولیوی امضا کرد.", "کرد", "دولت", "توافق‌نامه"},
		{"fa", "پلیس ترکیه سه روزنامه‌نگار را در آنکارا بازداشت کرد.", "کرد", "پلیس", "روزنامه‌نگار"},
	}
	a := New(data.FS)
	for _, tt := range tests {
		doc := &entente.Document{Lang: tt.lang, Text: tt.text}
		segment.Split(doc)
		if err := a.Annotate(doc, nil); err != nil {
			t.Fatalf("%s: %v", tt.lang, err)
		}
		toks := doc.Sentences[0].Tokens
		form := func(i int) string { return tt.text[toks[i].Start:toks[i].End] }
		root, subj, obj := -1, "", ""
		for i, tk := range toks {
			if tk.Head < 0 {
				root = i
			}
		}
		if root < 0 {
			t.Fatalf("%s %q: no root", tt.lang, tt.text)
		}
		for i, tk := range toks {
			if tk.Head == root && tk.Deprel == "nsubj" {
				subj = form(i)
			}
			if tk.Head == root && tk.Deprel == "obj" {
				obj = form(i)
			}
		}
		if toks[root].Lemma != tt.root || subj != tt.subject || obj != tt.object {
			t.Errorf("%s %q: root %s, subject %q, object %q; want %s, %q, %q", tt.lang, tt.text, toks[root].Lemma, subj, obj, tt.root, tt.subject, tt.object)
		}
	}
}

// TestFormsFolded: the lexicon keeps lemmas folded ("beschiessen",
// "zuruckweisen"); their forms are found all the same, through the folded
// spelling of the verb table and of the particles.
func TestFormsFolded(t *testing.T) {
	forms, err := Forms(data.FS, "de")
	if err != nil || forms == nil {
		t.Fatalf("Forms(de): nil function or %v", err)
	}
	for _, tt := range []struct{ lemma, want string }{
		{"beschiessen", "beschoss"},
		{"beschießen", "beschoss"},
		{"zuruckweisen", "wies"},
		{"zurückweisen", "zurückgewiesen"},
	} {
		if got := forms(tt.lemma); !slices.Contains(got, tt.want) {
			t.Errorf("forms(%q) = %v, want %q among them", tt.lemma, got, tt.want)
		}
	}
}

// TestSecondSubjectGerman: a verb the parser gave a subject on each side
// keeps the one before it in German, whose determiners tell the cases; in
// a language without a cases file (Russian: "заявил министр" has its
// subject after the verb) the parse is left as it is.
func TestSecondSubjectGerman(t *testing.T) {
	a := New(data.FS)
	for _, tt := range []struct {
		lang string
		want string
	}{
		{"de", "obj"},
		{"ru", "nsubj"},
	} {
		l := a.load(tt.lang)
		if l.err != nil {
			t.Fatal(l.err)
		}
		an := Analysis{Head: []int{1, -1, 1}, Deprel: []string{"nsubj", "root", "nsubj"}, Lemma: []string{"a", "b", "c"}, UPOS: []string{"NOUN", "VERB", "NOUN"}}
		l.repairSubjects(an)
		if an.Deprel[2] != tt.want {
			t.Errorf("%s: the subject after the verb is %s, want %s", tt.lang, an.Deprel[2], tt.want)
		}
	}
}
