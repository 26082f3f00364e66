package syntax

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"entente"
	"entente/internal/inflect"
	"entente/internal/segment"
)

func readTiny(t *testing.T) []Sent {
	t.Helper()
	sents, skipped, err := ReadTreebank("testdata/tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if skipped != 0 || len(sents) != 6 {
		t.Fatalf("read %d sentences, skipped %d; want 6, 0", len(sents), skipped)
	}
	return sents
}

func TestProject(t *testing.T) {
	sents := readTiny(t)
	tests := []struct {
		sent int
		want string // form/UPOS/lemma/head/deprel per token
	}{
		{0, "Le/DET/le/1/det ministre/NOUN/ministre/5/nsubj du/ADP/de/3/case Commerce/NOUN/commerce/1/nmod a/AUX/avoir/5/aux:tense rencontré/VERB/rencontrer/-1/root l'/DET/le/7/det ambassadeur/NOUN/ambassadeur/5/obj au/ADP/à/9/case port/NOUN/port/5/obl:mod ./PUNCT/./5/punct"},
		{2, "Elle/PRON/il/2/nsubj a/AUX/avoir/2/aux:tense quitté/VERB/quitter/-1/root les/DET/le/4/det États/PROPN/États-Unis/2/obj Unis/PROPN/Unis/4/goeswith hier/ADV/hier/2/advmod ./PUNCT/./2/punct"},
		{3, "The/DET/the/1/det envoy/NOUN/envoy/4/nsubj didn/AUX/do/4/aux 't/PART/not/4/advmod sign/VERB/sign/-1/root the/DET/the/6/det treaty/NOUN/treaty/4/obj ./PUNCT/./4/punct"},
	}
	for _, tt := range tests {
		s := sents[tt.sent]
		var got []string
		for i := range s.Forms {
			got = append(got, strings.Join([]string{s.Forms[i], s.UPOS[i], s.Lemma[i], itoa(s.Head[i]), s.Deprel[i]}, "/"))
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("sentence %d:\n got %s\nwant %s", tt.sent, g, tt.want)
		}
	}
}

func itoa(i int) string {
	if i < 0 {
		return "-" + itoa(-i)
	}
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + itoa(i%10)
}

func TestReadCoNLLUErrors(t *testing.T) {
	tests := []struct {
		in   string
		line int
	}{
		{"1\tA\ta\tX\t_\t_\t0\troot\t_\n", 1},                                    // 9 fields
		{"1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n3\tB\tb\tX\t_\t_\t1\tdep\t_\t_\n", 2}, // id skips
		{"1\tA\ta\tX\t_\t_\tx\troot\t_\t_\n", 1},                                 // head not a number
		{"1\tA\ta\tX\t_\t_\t5\troot\t_\t_\n\n", 1},                               // head out of range
	}
	for _, tt := range tests {
		_, err := ReadCoNLLU(strings.NewReader(tt.in))
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != tt.line {
			t.Errorf("ReadCoNLLU(%q) = %v, want an error at line %d", tt.in, err, tt.line)
		}
	}
}

func TestProjectivize(t *testing.T) {
	// 0 → 2, 2 → 1, 1 → 3 crosses nothing; 2 → 4 over 3 whose head is 1: fine.
	// A crossing tree: root→1, 1→3, 3→2?, 1→4 ... here 2's head is 4 over 3, which 4 does not dominate.
	h := []int{-1, 0, 4, 1, 1}
	if n := projectivize(h); n != 1 || h[2] != 1 {
		t.Errorf("projectivize: %d lifts, heads %v; want 1 lift, 2 attached to 1", n, h)
	}
	h = []int{-1, 2, 0, 2}
	if n := projectivize(h); n != 0 {
		t.Errorf("projective tree lifted %d times", n)
	}
}

// Following zero-cost transitions from the start rebuilds any projective
// tree: the oracle is sound.
func TestOracleRebuildsTree(t *testing.T) {
	for _, s := range readTiny(t) {
		h := make([]int, s.Len()+1)
		h[0] = -1
		for i := range s.Forms {
			h[i+1] = s.Head[i] + 1
		}
		var st state
		st.reset(s.Len())
		for !st.done() {
			sh, re, la, ra := oracleCosts(&st, h)
			switch {
			case la == 0 && st.valid(leftArc(1), 0):
				st.apply(leftArc(1))
			case ra == 0 && st.valid(rightArc(1), 0) || st.top() == 0 && ra == 0 && st.valid(rightArc(0), 0):
				if st.top() == 0 {
					st.apply(rightArc(0))
				} else {
					st.apply(rightArc(1))
				}
			case re == 0 && st.valid(reduce, 0):
				st.apply(reduce)
			case sh == 0:
				st.apply(shift)
			default:
				t.Fatalf("%v: no zero-cost transition", s.Forms)
			}
		}
		for i := 1; i <= s.Len(); i++ {
			if st.head[i] != h[i] {
				t.Errorf("%v: token %d head %d, want %d", s.Forms, i, st.head[i], h[i])
			}
		}
	}
}

func trainTiny(t *testing.T) *Model {
	t.Helper()
	opt := DefaultTrainOptions("xx")
	opt.Jackknife, opt.Prune, opt.TagIters, opt.ParseIters = 0, 0, 10, 15
	m, err := Train(readTiny(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A model trained on a few sentences knows them by heart, and its
// binary form analyzes them the same way.
func TestTrainReproduces(t *testing.T) {
	sents := readTiny(t)
	m := trainTiny(t)
	sc := m.Evaluate(sents)
	if sc.UPOS != sc.Tokens || sc.Lemma != sc.Tokens || sc.LAS != sc.Tokens {
		t.Errorf("training sentences: %s; want all right", sc)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sents {
		if a, b := m.Analyze(s.Forms), m2.Analyze(s.Forms); !reflect.DeepEqual(a, b) {
			t.Errorf("%v: model read back analyzes\n%v\nnot\n%v", s.Forms, b, a)
		}
	}
	// Training is deterministic.
	var buf2 bytes.Buffer
	if _, err := trainTiny(t).WriteTo(&buf2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("two trainings on the same data wrote different models")
	}
}

func TestReadModelRefusesGarbage(t *testing.T) {
	var buf bytes.Buffer
	if _, err := trainTiny(t).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	for _, in := range [][]byte{nil, []byte("not a model"), b[:len(b)/2]} {
		if _, err := ReadModel(bytes.NewReader(in)); err == nil {
			t.Errorf("ReadModel(%d bytes) read a model", len(in))
		}
	}
}

func TestLemmaRules(t *testing.T) {
	samples := []lemmaSample{
		{"marchons", "marcher", 0}, {"chantons", "chanter", 0}, {"parlons", "parler", 0},
		{"sommes", "être", 0}, {"Paris", "Paris", 1},
	}
	l := trainLemmatizer(samples, map[int]bool{1: true})
	tests := []struct {
		form string
		tag  int
		want string
	}{
		{"dansons", 0, "danser"}, // unseen: the -ons rule
		{"sommes", 0, "être"},    // exception
		{"Lyon", 1, "Lyon"},      // proper noun kept
	}
	for _, tt := range tests {
		if got := l.lemma(tt.form, tt.tag); got != tt.want {
			t.Errorf("lemma(%q) = %q, want %q", tt.form, got, tt.want)
		}
	}
}

func TestAnnotate(t *testing.T) {
	var buf bytes.Buffer
	if _, err := trainTiny(t).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	a := New(fstest.MapFS{ModelPath("xx"): {Data: buf.Bytes()}})
	doc := &entente.Document{Lang: "xx", Text: "Les deux pays ont signé un accord sur l’eau. Farmers protested."}
	segment.Split(doc)
	if err := a.Annotate(doc, func(i int) bool { return i == 0 }); err != nil {
		t.Fatal(err)
	}
	s := doc.Sentences[0]
	if !s.Parsed || doc.Sentences[1].Parsed {
		t.Fatalf("parsed: %v %v; want only the first sentence", s.Parsed, doc.Sentences[1].Parsed)
	}
	got := ""
	for _, tk := range s.Tokens {
		got += tk.Lemma + "/" + tk.Deprel + " "
	}
	// The curly apostrophe reads as the treebank's straight one.
	want := "le/det deux/nummod pays/nsubj avoir/aux:tense signer/root un/det accord/obj sur/case le/det eau/nmod ./punct "
	if got != want {
		t.Errorf("annotated\n %s\nwant\n %s", got, want)
	}
	// A language without a model is left alone; a broken model is an error.
	doc.Lang = "zz"
	if err := a.Annotate(doc, nil); err != nil {
		t.Errorf("no model: %v", err)
	}
	bad := New(fstest.MapFS{ModelPath("xx"): {Data: []byte("junk")}})
	doc.Lang = "xx"
	if err := bad.Annotate(doc, nil); !errors.Is(err, ErrFormat) {
		t.Errorf("broken model: %v, want ErrFormat", err)
	}
}

// A verb table beside the model corrects the lemmas of verbs: here one whose
// paradigm makes "signé" a form of "signir" (a made-up verb, so that the
// table, not the model, must have given the lemma).
func TestAnnotateVerbTable(t *testing.T) {
	var buf bytes.Buffer
	if _, err := trainTiny(t).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	table := "sfx\tv2\tir\té\tir\nlemma\tsignir\tv2\n"
	a := New(fstest.MapFS{ModelPath("xx"): {Data: buf.Bytes()}, VerbsPath("xx"): {Data: []byte(table)}})
	doc := &entente.Document{Lang: "xx", Text: "Les deux pays ont signé un accord sur l’eau."}
	segment.Split(doc)
	if err := a.Annotate(doc, nil); err != nil {
		t.Fatal(err)
	}
	if got := doc.Sentences[0].Tokens[4].Lemma; got != "signir" {
		t.Errorf("lemma of signé = %q, want signir", got)
	}
	bad := New(fstest.MapFS{ModelPath("xx"): {Data: buf.Bytes()}, VerbsPath("xx"): {Data: []byte("junk\n")}})
	if err := bad.Annotate(doc, nil); err == nil || !strings.Contains(err.Error(), VerbsPath("xx")) {
		t.Errorf("broken verb table: %v, want an error naming it", err)
	}
}

// A form written without the circumflex of its paradigm (the 1990 French
// spelling) finds the paradigm's lemma: "connaitra", "connaitre" are forms
// of "connaître".
func TestVerbLemmaWithoutCircumflex(t *testing.T) {
	table := "sfx\tv3\ttre\ttra\tître\nlemma\tconnaître\tv3\n"
	verbs, err := inflect.Read(strings.NewReader(table))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ form, model, want string }{
		{"connaitra", "connaitrer", "connaître"},
		{"Connaitre", "connaitrer", "connaître"},
		{"connaîtra", "x", "connaître"},
		{"partira", "partir", "partir"}, // unknown to the table: the model's
	} {
		if got := verbLemma(verbs, tt.form, tt.model); got != tt.want {
			t.Errorf("verbLemma(%q, %q) = %q, want %q", tt.form, tt.model, got, tt.want)
		}
	}
}

// A finite form that the verb table knows and that is no other word is a
// verb whatever the tagger says, and takes the table's lemma; a form that
// is also another word, or a capitalised one inside the sentence (a name),
// keeps the tagger's part of speech. The verbs are made up, so that the
// table, not the model, must have decided.
func TestAnnotateOnlyVerbs(t *testing.T) {
	var buf bytes.Buffer
	if _, err := trainTiny(t).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	table := "sfx\tv1\ter\tent\ter\tfinite\nlemma\tzorgler\tv1\nlemma\tplumer\tv1\nother\tplument\n"
	a := New(fstest.MapFS{ModelPath("xx"): {Data: buf.Bytes()}, VerbsPath("xx"): {Data: []byte(table)}})
	for _, tt := range []struct {
		text, form, upos, lemma string
	}{
		{"Le ministre zorglent au port.", "zorglent", "VERB", "zorgler"},
		{"Le ministre Zorglent au port.", "Zorglent", "", ""},
		{"Le ministre plument au port.", "plument", "", ""},
	} {
		doc := &entente.Document{Lang: "xx", Text: tt.text}
		segment.Split(doc)
		if err := a.Annotate(doc, nil); err != nil {
			t.Fatal(err)
		}
		plain := &entente.Document{Lang: "xx", Text: tt.text}
		segment.Split(plain)
		if err := New(fstest.MapFS{ModelPath("xx"): {Data: buf.Bytes()}}).Annotate(plain, nil); err != nil {
			t.Fatal(err)
		}
		for i, tk := range doc.Sentences[0].Tokens {
			if tt.text[tk.Start:tk.End] != tt.form {
				continue
			}
			want := plain.Sentences[0].Tokens[i]
			if want.UPOS == "VERB" || want.UPOS == "AUX" {
				t.Fatalf("%q: the model alone tags %s %s: the test shows nothing", tt.text, tt.form, want.UPOS)
			}
			if tt.upos != "" {
				want.UPOS, want.Lemma = tt.upos, tt.lemma
			}
			if tk.UPOS != want.UPOS || tk.Lemma != want.Lemma {
				t.Errorf("%q: %s is %s %q, want %s %q", tt.text, tt.form, tk.UPOS, tk.Lemma, want.UPOS, want.Lemma)
			}
		}
	}
}
