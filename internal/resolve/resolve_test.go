package resolve

import (
	"testing"
	"time"

	"entente"
	"entente/data"
	"entente/internal/kb"
	"entente/internal/segment"
)

func resolveText(t *testing.T, r *Resolver, text, lang string, date time.Time) *entente.Document {
	t.Helper()
	doc := &entente.Document{Text: text, Lang: lang, Date: date}
	segment.Split(doc)
	if err := r.Resolve(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func newResolver(t *testing.T) *Resolver {
	t.Helper()
	k, err := kb.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	return New(k, "fr", "en", "es", "de", "ru", "ar", "fa")
}

func find(doc *entente.Document, text string) *entente.Mention {
	for i, m := range doc.Mentions {
		if doc.Text[m.Start:m.End] == text {
			return &doc.Mentions[i]
		}
	}
	return nil
}

// TestPhrase: a word class entry of several words covers as many tokens,
// the longest entry first.
func TestPhrase(t *testing.T) {
	r := newResolver(t)
	for _, tt := range []struct {
		lang, class, text string
		at, want          int
	}{
		{"fr", "posting", "l'envoyé auprès de l'Union africaine", 2, 2},
		{"fr", "posting", "l'envoyé auprès du Conseil", 2, 2},
		{"fr", "posting", "l'envoyé auprès", 2, 1},
		{"en", "posting", "the envoy to Chad", 2, 1},
		{"en", "posting", "the envoy from Chad", 2, 0},
		{"fr", "impersonal", "il s'agit d'un accord", 0, 3},
		{"fr", "impersonal", "il faut agir", 0, 2},
		{"fr", "impersonal", "il a signé", 0, 0},
	} {
		doc := resolveText(t, r, tt.text, tt.lang, time.Time{})
		st := &state{r: r, doc: doc}
		if got := st.phrase(tt.class, doc.Sentences[0].Tokens, tt.at); got != tt.want {
			t.Errorf("%s %s %q at %d = %d, want %d", tt.lang, tt.class, tt.text, tt.at, got, tt.want)
		}
	}
}

// TestGazetteerOnFirstUse: a language's gazetteer is built when its first
// document comes, and a language the Resolver was not made for finds none.
func TestGazetteerOnFirstUse(t *testing.T) {
	r := newResolver(t)
	if r.gaz["fr"].g != nil || r.gaz["en"].g != nil {
		t.Fatal("a gazetteer was built before any document")
	}
	doc := resolveText(t, r, "Le président ghanéen a reçu son homologue togolais à Accra.", "fr", time.Time{})
	if len(doc.Mentions) == 0 {
		t.Error("no mention in a French sentence")
	}
	if r.gaz["fr"].g == nil || r.gaz["en"].g != nil {
		t.Errorf("after a French document: fr built %v, en built %v; want true, false", r.gaz["fr"].g != nil, r.gaz["en"].g != nil)
	}
	if doc := resolveText(t, New(r.kb, "fr", "en"), "El presidente llegó a Accra.", "es", time.Time{}); len(doc.Mentions) != 0 {
		t.Errorf("a language without a gazetteer gave %d mentions", len(doc.Mentions))
	}
}
