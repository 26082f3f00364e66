package segment

import (
	"strings"
	"testing"
	"testing/fstest"

	"entente"
	"entente/data"
)

func TestReadSegmentWords(t *testing.T) {
	w, err := readSegmentWords(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"l", "qu", "jusqu"} {
		if !w.elided[f] {
			t.Errorf("elision %q missing", f)
		}
	}
	for _, f := range []string{"m", "mme", "gen", "dr", "sra"} {
		if !w.abbrev[f] {
			t.Errorf("abbreviation %q missing", f)
		}
	}
	for _, tt := range []struct{ tsv, want string }{
		{"lang\tclass\twords\nfr\telision\tl d\nen\tabbreviation\tdr\nfr\tabbreviation\tGén\n", "not folded"},
		{"lang\tclass\twords\nfr\telision\n", "2 columns, want 3"},
		{"lang\tclass\twords\nfr\telision\tl d\n", "no elision or no abbreviation"},
	} {
		if _, err := readSegmentWords(fstest.MapFS{"words.tsv": {Data: []byte(tt.tsv)}}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.tsv, err, tt.want)
		}
	}
}

// The classes of every language apply to all text: a Spanish title ends no
// sentence, a French elision splits in an English phrase.
func TestSegmentWordsInText(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"La Sra. Pérez llegó ayer.", "la|sra.|perez|llego|ayer|."},
		{"Gen. Okafor met d'Arcy.", "gen.|okafor|met|d|arcy|."},
		{"Aujourd'hui, M. Diallo part.", "aujourd'hui|,|m.|diallo|part|."},
	} {
		if got := strings.Join(Folds(tt.text), "|"); got != tt.want {
			t.Errorf("Folds(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

// An abbreviation that may end a sentence ends it before a capital, and
// keeps its period before a number or a lower-case word.
func TestAbbreviationEnd(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int // sentences
	}{
		{"El Gobierno dijo que no. La oposición protestó.", 2},
		{"They blocked roads, ports, etc. The army then left.", 2},
		{"Соглашение подписано в 2024 г. Затем стороны встретились.", 2},
		{"Я сказал им. Потом ушёл.", 2},
		{"He lives at No. 10 Downing Street.", 1},
		{"Les routes, les ponts, etc. ont été coupés.", 1},
		{"M. Diallo a rencontré Mme Ba.", 1},
	} {
		doc := &entente.Document{Text: tt.text}
		Split(doc)
		if len(doc.Sentences) != tt.want {
			t.Errorf("%q: %d sentences, want %d", tt.text, len(doc.Sentences), tt.want)
		}
	}
}
