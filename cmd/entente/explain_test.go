package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestCodeExplainParse: --explain prints each token of every sentence with
// its part of speech, lemma, head and relation, the way CoNLL-U numbers them.
func TestCodeExplainParse(t *testing.T) {
	_, errOut, err := runCLI(t, "Les pêcheurs ont bloqué le port pendant deux jours. La marée était basse.", "code", "--explain", "--lang", "fr", "-")
	if err != nil {
		t.Fatalf("code --explain: %v\n%s", err, errOut)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^\s+2 pêcheurs\s+NOUN\s+pêcheur\s+4 nsubj$`),
		regexp.MustCompile(`(?m)^\s+4 bloqué\s+VERB\s+bloquer\s+0 root$`),
		regexp.MustCompile(`(?m)^\s+2 marée\s+NOUN\s+marée\s+\d+ nsubj$`), // a sentence without an actor is parsed too
	} {
		if !want.MatchString(errOut) {
			t.Errorf("explain lacks %s:\n%s", want, errOut)
		}
	}
	if n := strings.Count(errOut, " root\n"); n != 2 {
		t.Errorf("%d roots, want one a sentence:\n%s", n, errOut)
	}
}
