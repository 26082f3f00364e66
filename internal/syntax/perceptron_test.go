package syntax

import (
	"math"
	"math/rand"
	"slices"
	"testing"
)

// TestScoreMatchesLookups checks the batched scoring against adding the
// weights feature by feature, with features present and absent, feature 0,
// collisions in the table and more features than one batch.
func TestScoreMatchesLookups(t *testing.T) {
	for _, nclass := range []int{7, 8, 120} {
		rng := rand.New(rand.NewSource(3))
		w := newWeights(nclass, 1, 300)
		runs := map[uint32][]uint32{}
		for f := uint32(0); f < 300; f++ {
			if f%3 == 1 {
				continue // absent
			}
			// Sparse runs and dense rows, weights at both ends of the range.
			var run []uint32
			p := rng.Intn(4) + 1
			for c := 0; c < nclass; c++ {
				if rng.Intn(4) < p {
					v := int16(rng.Intn(2000) - 1000)
					if v == 0 {
						v = 1000 // a model keeps no weight 0
					}
					switch rng.Intn(20) {
					case 0:
						v = math.MaxInt16
					case 1:
						v = math.MinInt16
					}
					run = append(run, entry(c, v))
				}
			}
			k := f * 1024 // many keys share low bits: probes run on
			w.put(k, run)
			runs[k] = run
		}
		for _, n := range []int{0, 1, 42, batch, batch + 1, 3*batch + 5} {
			feats := make([]uint32, n)
			for i := range feats {
				feats[i] = uint32(rng.Intn(300)) * 1024
			}
			exp := make([]int32, nclass)
			for _, f := range feats {
				for _, e := range runs[f] {
					exp[e>>16] += int32(int16(e))
				}
			}
			got := make([]int32, nclass)
			got[2] = 99 // score clears it
			w.score(feats, got)
			if !slices.Equal(got, exp) {
				t.Fatalf("%d classes, %d features: scores %v, want %v", nclass, n, got, exp)
			}
			// By groups: each group's vector is the score of its features.
			for _, size := range []int{1, 7, batch} {
				groups := n / size
				out := make([]int32, groups*nclass)
				w.scoreGroups(feats[:groups*size], size, out)
				for g := range groups {
					w.score(feats[g*size:(g+1)*size], exp)
					if got := out[g*nclass : (g+1)*nclass]; !slices.Equal(got, exp) {
						t.Fatalf("%d classes, %d features in groups of %d: group %d scores %v, want %v", nclass, n, size, g, got, exp)
					}
				}
			}
		}
		// Every run comes back as it was put, dense or not.
		w.each(func(k uint32, run []uint32) {
			if k == 1 {
				k = 0 // the table keeps feature 0 as 1
			}
			if !slices.Equal(run, runs[k]) {
				t.Fatalf("%d classes: feature %d gives back %v, want %v", nclass, k, run, runs[k])
			}
		})
	}
}
