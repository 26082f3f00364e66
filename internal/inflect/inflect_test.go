package inflect

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// A small table of our own: two -er verbs, one of them with a stem change.
const small = "# test\n" +
	"sfx\tv1\ter\te\t[^y]er\n" +
	"sfx\tv1\ter\té\ter\n" +
	"sfx\tv1\ter\tons\t[^cg]er\tfinite\n" +
	"sfx\tv1\tcer\tçons\tcer\tfinite\n" +
	"sfx\tv2\tir\tit\tir\n" +
	"lemma\tnier\tv1\n" +
	"lemma\tlancer\tv1\n" +
	"lemma\tnir\tv2\n" +
	"lemma\tfinir\tv2\n" +
	"other\tnions\n"

func TestLemmas(t *testing.T) {
	tab, err := Read(strings.NewReader(small))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		form string
		want []string
	}{
		{"nie", []string{"nier"}},
		{"nié", []string{"nier"}},
		{"lançons", []string{"lancer"}},
		{"lancons", nil}, // [^cg]er keeps the c of lancer from this rule
		{"finit", []string{"finir"}},
		{"nit", []string{"nir"}},
		{"nier", nil}, // a lemma is not its own form
		{"chat", nil},
		{"", nil},
	} {
		if got := tab.Lemmas(tc.form); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Lemmas(%q) = %q, want %q", tc.form, got, tc.want)
		}
	}
	if !tab.IsLemma("lancer") || tab.IsLemma("lance") {
		t.Error("IsLemma: lancer is a lemma, lance is not")
	}
	for form, want := range map[string]bool{"lançons": true, "nions": true, "nié": false, "finit": false, "chat": false, "nier": false} {
		if got := tab.Finite(form); got != want {
			t.Errorf("Finite(%q) = %v, want %v", form, got, want)
		}
	}
	if !tab.Other("nions") || tab.Other("lançons") {
		t.Error("Other: nions is also another word, lançons is not")
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{
		"sfx\tv1\ter\te\n",
		"lemma\tnier\n",
		"sfx\tv1\ter\te\t[^y\n",
		"verb\tnier\tv1\n",
		"sfx\tv1\ter\te\ter\tmaybe\n",
		"other\n",
	} {
		if _, err := Read(strings.NewReader("# ok\n" + in)); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("Read(%q) = %v, want an error at line 2", in, err)
		}
	}
}

// The French table generated from hunspell-fr finds the infinitives the
// statistical lemmatizer got wrong.
func TestFrenchVerbs(t *testing.T) {
	f, err := os.Open("../../data/syntax/fr-verbs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	for form, want := range map[string]string{
		"rompu": "rompre", "interrompu": "interrompre", "dissous": "dissoudre", "nie": "nier",
		"saisit": "saisir", "conclut": "conclure", "rompt": "rompre", "durcit": "durcir",
		"coopère": "coopérer", "livre": "livrer", "expulsé": "expulser", "reçu": "recevoir",
		"prévoit": "prévoir", "mènera": "mener", "convenu": "convenir", "abattu": "abattre",
		"suspendu": "suspendre", "envoyé": "envoyer", "emploie": "employer",
	} {
		got := tab.Lemmas(form)
		if len(got) == 0 || !contains(got, want) {
			t.Errorf("Lemmas(%q) = %q, want %q among them", form, got, want)
		}
	}
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
