package syntax

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"entente/data"
)

// parseByFeatures is parse without the per-node vectors: every transition
// scores all the features of its configuration. parse must choose the same
// transitions.
func (p *parser) parseByFeatures(s *state, nodes []nodeInfo) {
	scores := make([]int32, p.w.nclass)
	var fs []uint32
	s.reset(len(nodes) - 1)
	for !s.done() {
		fs = parseFeatures(fs[:0], s, nodes)
		p.w.score(fs, scores)
		best := -1
		for t := range scores {
			if (best < 0 || scores[t] > scores[best]) && s.valid(t, p.rootLabel) {
				best = t
			}
		}
		s.apply(best)
	}
	s.finish(p.rootLabel, p.depLabel)
}

// TestParseMatchesFeatureScores parses sentences of our own, and word
// salads of their words, with the embedded models both ways.
func TestParseMatchesFeatureScores(t *testing.T) {
	texts := map[string]string{
		"fr": "Le ministre nigérien des Affaires étrangères a reçu mardi à Niamey l'ambassadeur du Ghana , qui lui a remis un message du président .",
		"en": "Kenya 's president told reporters on Monday that the police had arrested three men accused of attacking a convoy near the border with Somalia .",
	}
	rng := rand.New(rand.NewSource(1))
	for lang, text := range texts {
		m, err := New(data.FS).Model(lang)
		if err != nil || m == nil {
			t.Fatalf("%s: no model: %v", lang, err)
		}
		words := strings.Fields(text)
		sents := [][]string{words, words[:1], words[:2]}
		for range 50 {
			salad := make([]string, 1+rng.Intn(3*len(words)))
			for i := range salad {
				salad[i] = words[rng.Intn(len(words))]
			}
			sents = append(sents, salad)
		}
		var sc parseScratch
		var got, want state
		for _, forms := range sents {
			ts := makeToks(forms, nil)
			tags := make([]int, len(ts))
			m.tagger.tag(ts, tags, nil, nil)
			nodes := nodesFor(nil, ts, tags)
			m.parser.parse(&got, nodes, &sc)
			m.parser.parseByFeatures(&want, nodes)
			if !slices.Equal(got.head, want.head) || !slices.Equal(got.label, want.label) {
				t.Fatalf("%s %q: heads %v labels %v, want %v %v", lang, forms, got.head, got.label, want.head, want.label)
			}
		}
	}
}
