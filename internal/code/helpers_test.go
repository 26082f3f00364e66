package code

import (
	"sync"
	"testing"

	"entente"
	"entente/data"
	"entente/internal/kb"
	"entente/internal/segment"
)

var (
	testKBOnce sync.Once
	testKB     *kb.KB
	testKBErr  error
)

// testCoder returns a Coder over the embedded knowledge, with no patterns
// or lexicon: enough for the helpers that read words and classes.
func testCoder(t *testing.T) *Coder {
	t.Helper()
	testKBOnce.Do(func() { testKB, testKBErr = kb.Load(data.FS) })
	if testKBErr != nil {
		t.Fatal(testKBErr)
	}
	return New(testKB, nil, nil)
}

// testView is the view of one sentence of our own, tokenised and stemmed
// for lang, with no mentions and no parse.
func testView(lang, text string) *sentenceView {
	toks := segment.Tokens(text)
	stem := segment.Stemmer(lang)
	for i := range toks {
		if toks[i].Kind == entente.Word {
			toks[i].Stem = stem(toks[i].Fold)
		}
	}
	return &sentenceView{toks: toks, text: text, starts: map[int][]int{}, inside: map[int]int{}, rel: make([]bool, len(toks)+1)}
}

// at is the index of the first token of v folded to fold.
func at(t *testing.T, v *sentenceView, fold string) int {
	t.Helper()
	for i, tok := range v.toks {
		if tok.Fold == fold {
			return i
		}
	}
	t.Fatalf("no token %q in %q", fold, v.text)
	return -1
}
