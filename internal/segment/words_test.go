package segment

import (
	"strings"
	"testing"

	"entente/data"
)

func TestReadSegmentWords(t *testing.T) {
	w, err := readSegmentWords(data.Words)
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
		{"lang\tclass\twords\nfr\telision\n", "2 columns"},
		{"lang\tclass\twords\nfr\telision\tl d\n", "no elision or no abbreviation"},
	} {
		if _, err := readSegmentWords([]byte(tt.tsv)); err == nil || !strings.Contains(err.Error(), tt.want) {
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
