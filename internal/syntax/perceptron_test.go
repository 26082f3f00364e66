package syntax

import (
	"math/rand"
	"slices"
	"testing"
)

// TestScoreMatchesLookups checks the batched scoring against adding the
// weights feature by feature, with features present and absent, feature 0,
// collisions in the table and more features than one batch.
func TestScoreMatchesLookups(t *testing.T) {
	const nclass = 7
	rng := rand.New(rand.NewSource(3))
	w := &weights{nclass: nclass, scale: 1, idx: newTable(300)}
	for f := uint32(0); f < 300; f++ {
		if f%3 == 1 {
			continue // absent
		}
		start := len(w.ent)
		for c := 0; c < nclass; c++ {
			if rng.Intn(2) == 0 {
				w.ent = append(w.ent, entry(c, int16(rng.Intn(2001)-1000)))
			}
		}
		if len(w.ent) > start {
			k := f * 1024 // many keys share low bits: probes run on
			w.idx.put(k, uint32(start)<<8|uint32(len(w.ent)-start))
		}
	}
	for _, n := range []int{0, 1, 42, batch, batch + 1, 3*batch + 5} {
		feats := make([]uint32, n)
		for i := range feats {
			feats[i] = uint32(rng.Intn(300)) * 1024
		}
		exp := make([]int32, nclass)
		for _, f := range feats {
			v := w.idx.get(f)
			for _, e := range w.ent[v>>8 : v>>8+v&0xff] {
				exp[e>>16] += int32(int16(e))
			}
		}
		got := make([]int32, nclass)
		got[2] = 99 // score clears it
		w.score(feats, got)
		for c := range exp {
			if got[c] != exp[c] {
				t.Fatalf("%d features: class %d scores %d, want %d", n, c, got[c], exp[c])
			}
		}
		// By groups: each group's vector is the score of its features.
		for _, size := range []int{1, 7, batch} {
			groups := n / size
			out := make([]int32, groups*nclass)
			w.scoreGroups(feats[:groups*size], size, out)
			for g := range groups {
				w.score(feats[g*size:(g+1)*size], exp)
				if got := out[g*nclass : (g+1)*nclass]; !slices.Equal(got, exp) {
					t.Fatalf("%d features in groups of %d: group %d scores %v, want %v", n, size, g, got, exp)
				}
			}
		}
	}
}
