package syntax

import (
	"errors"
	"fmt"
	"math/rand"
	"sort"
)

// TrainOptions sets how models are trained. The zero value is not valid:
// start from DefaultTrainOptions.
type TrainOptions struct {
	Lang       string
	TagIters   int     // passes of the tagger over the training set
	ParseIters int     // passes of the parser
	Jackknife  int     // the parser learns on tags from this many held-out taggers (0 or 1: gold tags)
	Seed       int64   // shuffling and exploration
	Prune      float64 // weights below this share of the largest are dropped
	Explore    float64 // after the first pass, how often the parser follows its own mistake
	// Log, when set, receives progress lines.
	Log func(format string, args ...any)
}

// DefaultTrainOptions returns the settings the committed models use.
func DefaultTrainOptions(lang string) TrainOptions {
	return TrainOptions{Lang: lang, TagIters: 6, ParseIters: 12, Jackknife: 4, Seed: 1, Prune: 0.002, Explore: 0.9}
}

// Train learns a tagger, a lemmatizer and a parser from sents.
func Train(sents []Sent, opt TrainOptions) (*Model, error) {
	if len(sents) == 0 {
		return nil, errors.New("train: no sentences")
	}
	logf := opt.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	m := &Model{Lang: opt.Lang}
	m.UPOS = labelSet(sents, func(s *Sent) []string { return s.UPOS }, nil)
	m.Deprels = labelSet(sents, func(s *Sent) []string { return s.Deprel }, []string{"root", "dep"})
	if len(m.UPOS) > 255 || 2+2*len(m.Deprels) > 255 {
		return nil, fmt.Errorf("train: too many labels (%d tags, %d relations)", len(m.UPOS), len(m.Deprels))
	}
	m.init()
	tagIdx := index(m.UPOS)
	m.tagOf = tagIdx
	depIdx := index(m.Deprels)

	logf("tagger: %d sentences, %d tags", len(sents), len(m.UPOS))
	m.tagger = trainTagger(sents, tagIdx, len(m.UPOS), opt.TagIters, opt.Seed, opt.Prune)

	var samples []lemmaSample
	for i := range sents {
		s := &sents[i]
		for j, f := range s.Forms {
			samples = append(samples, lemmaSample{form: f, lemma: s.Lemma[j], tag: tagIdx[s.UPOS[j]]})
		}
	}
	keep := map[int]bool{}
	if t, ok := tagIdx["PROPN"]; ok {
		keep[t] = true
	}
	m.lemma = trainLemmatizer(samples, keep)
	logf("lemmatizer: %d rules, %d exceptions", len(m.lemma.rules), len(m.lemma.except))

	// Tags the parser learns on: predicted by taggers that did not see the sentence.
	tags := make([][]int, len(sents))
	if opt.Jackknife > 1 {
		for k := 0; k < opt.Jackknife; k++ {
			var in []Sent
			for i := range sents {
				if i%opt.Jackknife != k {
					in = append(in, sents[i])
				}
			}
			tg := trainTagger(in, tagIdx, len(m.UPOS), opt.TagIters, opt.Seed+int64(k)+1, opt.Prune)
			var ts []tok
			var fs []uint32
			var sc []int32
			for i := k; i < len(sents); i += opt.Jackknife {
				ts = makeToks(sents[i].Forms, ts)
				tags[i] = make([]int, len(ts))
				fs, sc = tg.tag(ts, tags[i], fs, sc)
			}
			logf("jackknife %d/%d done", k+1, opt.Jackknife)
		}
	} else {
		for i := range sents {
			tags[i] = make([]int, sents[i].Len())
			for j, u := range sents[i].UPOS {
				tags[i][j] = tagIdx[u]
			}
		}
	}
	m.parser = trainParser(sents, tags, depIdx, len(m.Deprels), opt, logf)
	return m, nil
}

func labelSet(sents []Sent, get func(*Sent) []string, extra []string) []string {
	seen := map[string]bool{}
	for _, e := range extra {
		seen[e] = true
	}
	for i := range sents {
		for _, l := range get(&sents[i]) {
			seen[l] = true
		}
	}
	out := make([]string, 0, len(seen))
	for l := range seen {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

func index(labels []string) map[string]int {
	m := make(map[string]int, len(labels))
	for i, l := range labels {
		m[l] = i
	}
	return m
}

func trainTagger(sents []Sent, tagIdx map[string]int, ntag, iters int, seed int64, prune float64) *tagger {
	// Frequent words that nearly always take one tag skip the model.
	counts := map[string]map[int]int{}
	var ts []tok
	for i := range sents {
		ts = makeToks(sents[i].Forms, ts)
		for j, t := range ts {
			if counts[t.form] == nil {
				counts[t.form] = map[int]int{}
			}
			counts[t.form][tagIdx[sents[i].UPOS[j]]]++
		}
	}
	dict := map[string]uint8{}
	for w, m := range counts {
		total, best, bn := 0, 0, -1
		for t, n := range m {
			total += n
			if n > bn || n == bn && t < best {
				best, bn = t, n
			}
		}
		if total >= 20 && float64(bn)/float64(total) >= 0.97 {
			dict[w] = uint8(best)
		}
	}
	l := newLearner(ntag)
	rng := rand.New(rand.NewSource(seed))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, ntag)
	var fs []uint32
	var tags []int
	for it := 0; it < iters; it++ {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, si := range order {
			s := &sents[si]
			ts = makeToks(s.Forms, ts)
			tags = fill(tags, len(ts), 0)
			for i := range ts {
				if c, ok := dict[ts[i].form]; ok {
					tags[i] = int(c)
					continue
				}
				fs = tagFeatures(fs[:0], ts, tags, i)
				l.score(fs, scores)
				pred := argmax(scores)
				gold := tagIdx[s.UPOS[i]]
				l.tick()
				l.update(fs, gold, pred)
				tags[i] = pred
			}
		}
	}
	return &tagger{w: l.compact(prune), dict: dict}
}

func argmax(s []float32) int {
	best := 0
	for i := 1; i < len(s); i++ {
		if s[i] > s[best] {
			best = i
		}
	}
	return best
}

func trainParser(sents []Sent, tags [][]int, depIdx map[string]int, nlab int, opt TrainOptions, logf func(string, ...any)) *parser {
	p := &parser{rootLabel: depIdx["root"], depLabel: depIdx["dep"]}
	nclass := 2 + 2*nlab
	l := newLearner(nclass)
	// Gold trees over nodes (0 = root), made projective.
	gh := make([][]int, len(sents))
	gl := make([][]int, len(sents))
	lifted := 0
	for i := range sents {
		s := &sents[i]
		h := make([]int, s.Len()+1)
		lb := make([]int, s.Len()+1)
		h[0], lb[0] = -1, -1
		for j := range s.Forms {
			h[j+1] = s.Head[j] + 1
			lb[j+1] = depIdx[s.Deprel[j]]
		}
		lifted += projectivize(h)
		gh[i], gl[i] = h, lb
	}
	logf("parser: %d sentences, %d relations, %d arcs lifted to make trees projective", len(sents), nlab, lifted)
	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, nclass)
	var fs []uint32
	var ts []tok
	var nodes []nodeInfo
	var st state
	for it := 0; it < opt.ParseIters; it++ {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		errs, total := 0, 0
		for _, si := range order {
			ts = makeToks(sents[si].Forms, ts)
			nodes = nodesFor(nodes, ts, tags[si])
			st.reset(len(ts))
			h, lb := gh[si], gl[si]
			for !st.done() {
				fs = parseFeatures(fs[:0], &st, nodes)
				l.score(fs, scores)
				pred, gold := -1, -1
				var ucost [4]int
				ucost[0], ucost[1], ucost[2], ucost[3] = oracleCosts(&st, h)
				cost := func(t int) int {
					switch t {
					case shift:
						return ucost[0]
					case reduce:
						return ucost[1]
					}
					lab := (t - 2) / 2
					if t%2 == 0 {
						c := ucost[2]
						if h[st.top()] == st.b && lab != lb[st.top()] {
							c++
						}
						return c
					}
					c := ucost[3]
					if h[st.b] == st.top() && lab != lb[st.b] {
						c++
					}
					return c
				}
				for t := 0; t < nclass; t++ {
					if !st.valid(t, p.rootLabel) {
						continue
					}
					if pred < 0 || scores[t] > scores[pred] {
						pred = t
					}
					if cost(t) == 0 && (gold < 0 || scores[t] > scores[gold]) {
						gold = t
					}
				}
				l.tick()
				total++
				if gold < 0 {
					st.apply(pred)
					continue
				}
				next := gold
				if cost(pred) > 0 {
					errs++
					l.update(fs, gold, pred)
					if it > 0 && rng.Float64() < opt.Explore {
						next = pred
					}
				}
				st.apply(next)
			}
		}
		logf("parser pass %d: %.2f%% of transitions wrong", it+1, 100*float64(errs)/float64(max(total, 1)))
	}
	p.w = l.compact(opt.Prune)
	return p
}

// oracleCosts returns how many gold arcs a shift, reduce, left arc and
// right arc would make unreachable (Goldberg and Nivre's dynamic oracle
// for arc-eager, without the relation).
func oracleCosts(s *state, h []int) (sh, re, la, ra int) {
	b, top := s.b, s.top()
	for _, k := range s.stack {
		if h[b] == k {
			sh++
			if k != top {
				ra++
			}
		}
		if s.head[k] == -1 && h[k] == b {
			sh++
			ra++
		}
	}
	if h[b] > b {
		ra++
	}
	if h[top] > b {
		la++
	}
	for k := b; k <= s.n; k++ {
		if h[k] == top {
			re++
			la++
		}
	}
	return
}

// projectivize lifts non-projective arcs (a dependent moves to its
// head's head) until the tree over nodes 0..n is projective. It returns
// the number of lifts.
func projectivize(h []int) int {
	lifts := 0
	for {
		best, bestLen := -1, 0
		for d := 1; d < len(h); d++ {
			if h[d] < 0 || !nonProjective(h, d) {
				continue
			}
			n := abs(d - h[d])
			if best < 0 || n < bestLen {
				best, bestLen = d, n
			}
		}
		if best < 0 {
			return lifts
		}
		h[best] = h[h[best]]
		lifts++
	}
}

// nonProjective reports whether the arc h[d] → d spans a node its head
// does not dominate.
func nonProjective(h []int, d int) bool {
	hd := h[d]
	for k := min(hd, d) + 1; k < max(hd, d); k++ {
		if !dominates(h, hd, k) {
			return true
		}
	}
	return false
}

// dominates reports whether a is k or one of k's ancestors.
func dominates(h []int, a, k int) bool {
	for steps := 0; k >= 0 && steps < len(h); steps++ {
		if k == a {
			return true
		}
		k = h[k]
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
