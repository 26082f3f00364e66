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

// TestTagThenParse tags sentences of every language and parses them when
// asked (Tag), and wants what Annotate gives them at once: parts of
// speech, lemmas, heads and relations (sentences written for this test).
func TestTagThenParse(t *testing.T) {
	texts := map[string]string{
		"fr": "Le ministre ghanéen a reçu mardi l'ambassadeur du Togo. Les deux pays ont signé un accord de pêche, selon la radio publique. Il pleuvait.",
		"en": "Peru's foreign minister summoned the Bolivian envoy on Friday. The two governments later agreed to reopen the border crossing. Markets rose.",
		"es": "El gobierno de Uruguay convocó al embajador argentino. Ambos países firmaron un acuerdo comercial en Montevideo.",
		"de": "Die Polizei nahm in Wien drei Männer fest. Österreich wies zwei ungarische Diplomaten aus.",
		"fa": "پلیس ترکیه سه روزنامه‌نگار را در آنکارا بازداشت کرد. دولت شیلی توافق‌نامه را با بولیوی امضا کرد.",
	}
	a := New(data.FS)
	for lang, text := range texts {
		want := &entente.Document{Lang: lang, Text: text}
		segment.Split(want)
		if err := a.Annotate(want, nil); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		got := &entente.Document{Lang: lang, Text: text}
		segment.Split(got)
		parse, err := a.Tag(got, func(si int) bool { return si > 0 })
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		for si, s := range got.Sentences {
			if si == 0 && (s.Parsed || s.Tokens[0].UPOS != "") {
				t.Errorf("%s: sentence 0 analyzed, not wanted", lang)
			}
			if si > 0 && s.Tokens[0].UPOS == "" {
				t.Errorf("%s: sentence %d not tagged", lang, si)
			}
		}
		for si := range got.Sentences {
			if err := parse(si); err != nil {
				t.Fatalf("%s: sentence %d: %v", lang, si, err)
			}
		}
		if got.Sentences[0].Parsed {
			t.Errorf("%s: sentence 0 parsed, not tagged", lang)
		}
		for si := 1; si < len(got.Sentences); si++ {
			if !got.Sentences[si].Parsed || !slices.Equal(got.Sentences[si].Tokens, want.Sentences[si].Tokens) {
				t.Errorf("%s: sentence %d tagged then parsed:\n%v\nannotated:\n%v", lang, si, got.Sentences[si].Tokens, want.Sentences[si].Tokens)
			}
		}
	}
}

// TestGermanRepairs checks the repairs the German cases file drives on
// analyses written by hand: a future read as a passive, a perfect read as
// two verbs, two subjects before a verb at the end of its clause, and an
// object hung on the verb as an adjunct.
func TestGermanRepairs(t *testing.T) {
	l := New(data.FS).load("de")
	if l.err != nil {
		t.Fatal(l.err)
	}
	// "Der Minister wird den Präsidenten treffen": wird aux:pass, Minister nsubj:pass.
	an := Analysis{
		Head:   []int{1, 5, 5, 4, 5, -1},
		Deprel: []string{"det", "nsubj:pass", "aux:pass", "det", "obj", "root"},
		Lemma:  []string{"der", "Minister", "werden", "der", "Präsident", "treffen"},
		UPOS:   []string{"DET", "NOUN", "AUX", "DET", "NOUN", "VERB"},
	}
	l.cases.repair(an, []string{"Der", "Minister", "wird", "den", "Präsidenten", "treffen"})
	if an.Deprel[1] != "nsubj" || an.Deprel[2] != "aux" {
		t.Errorf("future: subject %s, auxiliary %s; want nsubj, aux", an.Deprel[1], an.Deprel[2])
	}
	// "Der Minister hat den Botschafter zitiert": hat root, zitiert conj.
	an = Analysis{
		Head:   []int{1, 2, -1, 4, 2, 2},
		Deprel: []string{"det", "nsubj", "root", "det", "obj", "conj"},
		Lemma:  []string{"der", "Minister", "haben", "der", "Botschafter", "zitieren"},
		UPOS:   []string{"DET", "NOUN", "VERB", "DET", "NOUN", "VERB"},
	}
	l.cases.repair(an, []string{"Der", "Minister", "hat", "den", "Botschafter", "zitiert"})
	if an.Head[5] != -1 || an.Head[2] != 5 || an.Deprel[2] != "aux" || an.Head[1] != 5 || an.Head[4] != 5 {
		t.Errorf("perfect: heads %v, relations %v; want the participle as root with the rest under it", an.Head, an.Deprel)
	}
	// "Der Minister hat Georgien Hilfe versprochen": two subjects before the verb.
	an = Analysis{
		Head:   []int{1, 5, 5, 5, 5, -1},
		Deprel: []string{"det", "nsubj", "aux", "nsubj", "obj", "root"},
		Lemma:  []string{"der", "Minister", "haben", "Georgien", "Hilfe", "versprechen"},
		UPOS:   []string{"DET", "NOUN", "AUX", "PROPN", "NOUN", "VERB"},
	}
	l.cases.repair(an, []string{"Der", "Minister", "hat", "Georgien", "Hilfe", "versprochen"})
	if an.Deprel[1] != "nsubj" || an.Deprel[3] != "iobj" {
		t.Errorf("two subjects: %s and %s; want nsubj and iobj", an.Deprel[1], an.Deprel[3])
	}
}
