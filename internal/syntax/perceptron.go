package syntax

import (
	"math"
	"sort"
)

// learner is a multiclass averaged perceptron over hashed features with
// sparse rows: a feature holds weights only for the classes it was ever
// updated for. It is used for training only; weights is what a model keeps.
type learner struct {
	nclass int
	idx    map[uint32]int32
	rows   [][]param
	now    int32 // instances seen
}

type param struct {
	class uint16
	w     float32
	total float32
	ts    int32
}

func newLearner(nclass int) *learner {
	return &learner{nclass: nclass, idx: make(map[uint32]int32)}
}

// score adds the weights of feats into scores (len nclass), zeroing it first.
func (l *learner) score(feats []uint32, scores []float32) {
	clear(scores)
	for _, f := range feats {
		i, ok := l.idx[f]
		if !ok {
			continue
		}
		for _, p := range l.rows[i] {
			scores[p.class] += p.w
		}
	}
}

// tick counts one training instance (for averaging).
func (l *learner) tick() { l.now++ }

// update moves the weights of feats towards good and away from bad.
func (l *learner) update(feats []uint32, good, bad int) {
	if good == bad {
		return
	}
	for _, f := range feats {
		l.add(f, good, 1)
		l.add(f, bad, -1)
	}
}

func (l *learner) add(f uint32, class int, d float32) {
	i, ok := l.idx[f]
	if !ok {
		i = int32(len(l.rows))
		l.idx[f] = i
		l.rows = append(l.rows, nil)
	}
	row := l.rows[i]
	for k := range row {
		if int(row[k].class) == class {
			p := &row[k]
			p.total += float32(l.now-p.ts) * p.w
			p.ts = l.now
			p.w += d
			return
		}
	}
	l.rows[i] = append(row, param{class: uint16(class), w: d, ts: l.now})
}

// compact averages the weights, drops those whose magnitude is below
// prune (relative to the largest) and quantises the rest to int16.
func (l *learner) compact(prune float64) *weights {
	type kv struct {
		f   uint32
		row []param
	}
	now := float64(l.now)
	if now == 0 {
		now = 1
	}
	maxAbs := 0.0
	avg := make([][]float64, len(l.rows))
	for i, row := range l.rows {
		avg[i] = make([]float64, len(row))
		for k, p := range row {
			a := (float64(p.total) + float64(l.now-p.ts)*float64(p.w)) / now
			avg[i][k] = a
			maxAbs = math.Max(maxAbs, math.Abs(a))
		}
	}
	w := &weights{nclass: l.nclass, idx: newTable(len(l.idx))}
	if maxAbs == 0 {
		w.scale = 1
		return w
	}
	w.scale = float32(maxAbs / 32767)
	keys := make([]uint32, 0, len(l.idx))
	for f := range l.idx {
		keys = append(keys, f)
	}
	sort.Slice(keys, func(a, b int) bool { return keys[a] < keys[b] })
	limit := prune * maxAbs
	for _, f := range keys {
		i := l.idx[f]
		start := len(w.ent)
		row := l.rows[i]
		order := make([]int, len(row))
		for k := range order {
			order[k] = k
		}
		sort.Slice(order, func(a, b int) bool { return row[order[a]].class < row[order[b]].class })
		for _, k := range order {
			a := avg[i][k]
			if math.Abs(a) < limit {
				continue
			}
			q := math.Round(a / float64(w.scale))
			if q == 0 {
				continue
			}
			w.ent = append(w.ent, entry(int(row[k].class), int16(q)))
		}
		if n := len(w.ent) - start; n > 0 {
			w.idx.put(f, uint32(start)<<8|uint32(n))
		}
	}
	return w
}

// weights is a trained, quantised perceptron: for each kept feature a run
// of (class, weight) pairs.
type weights struct {
	nclass int
	scale  float32
	idx    *table   // feature → start<<8 | count
	ent    []uint32 // class<<16 | uint16(weight)
}

func entry(class int, v int16) uint32 { return uint32(class)<<16 | uint32(uint16(v)) }

// batch is how many features score looks up at once.
const batch = 64

// score sets scores (len nclass) to the sum of the weights of feats.
func (w *weights) score(feats []uint32, scores []int32) {
	clear(scores)
	w.add(feats, scores)
}

// scoreGroups scores consecutive groups of size features (size at most
// batch): out holds len(feats)/size vectors of nclass scores, one a group.
func (w *weights) scoreGroups(feats []uint32, size int, out []int32) {
	clear(out)
	for len(feats) > 0 {
		n := min(len(feats), batch/size*size)
		w.addGroups(feats[:n], size, out)
		feats, out = feats[n:], out[n/size*w.nclass:]
	}
}

// add adds the weights of feats into scores (len nclass).
func (w *weights) add(feats []uint32, scores []int32) {
	for len(feats) > 0 {
		n := min(len(feats), batch)
		w.addGroups(feats[:n], batch, scores)
		feats = feats[n:]
	}
}

// addGroups adds the weights of feats (at most batch) into out, those of
// feature i into the vector of nclass scores at out[i/size*nclass:].
//
// The tables are larger than the processor's caches, so a lookup mostly
// waits for memory. addGroups therefore reads the slots of all the features
// first, in a loop whose loads do not depend on each other (the memory
// system serves them together), then the first weight of each run the
// same way, and only then adds the weights up.
func (w *weights) addGroups(feats []uint32, size int, out []int32) {
	if len(w.ent) == 0 {
		return
	}
	var runs, first [batch]uint32
	n := len(feats)
	w.idx.getAll(feats, runs[:n])
	for i, v := range runs[:n] {
		first[i] = w.ent[v>>8]
	}
	for i, v := range runs[:n] {
		if v == 0 {
			continue
		}
		scores := out[i/size*w.nclass:][:w.nclass]
		e := first[i]
		scores[e>>16] += int32(int16(e))
		start, c := v>>8, v&0xff
		for _, e := range w.ent[start+1 : start+c] {
			scores[e>>16] += int32(int16(e))
		}
	}
}

// table is an open-addressing hash table from feature to its run of
// weights (start<<8 | count, never 0 for a stored feature). Feature 0 is
// stored as 1: the empty slot is 0.
type table struct {
	slots []uint64 // key<<32 | value; 0 when empty
	mask  uint32
}

// newTable returns an empty table sized for n features.
func newTable(n int) *table {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &table{slots: hugeSlice[uint64](size), mask: uint32(size - 1)}
}

func slot(k uint32) uint32 { return (k * 0x9e3779b1) ^ (k >> 16) }

func (t *table) put(k, v uint32) {
	if k == 0 {
		k = 1
	}
	i := slot(k) & t.mask
	for t.slots[i] != 0 && uint32(t.slots[i]>>32) != k {
		i = (i + 1) & t.mask
	}
	if t.slots[i] != 0 {
		// Two features folded to one key: keep the first.
		return
	}
	t.slots[i] = uint64(k)<<32 | uint64(v)
}

func (t *table) get(k uint32) uint32 {
	if k == 0 {
		k = 1
	}
	i := slot(k) & t.mask
	for {
		e := t.slots[i]
		if uint32(e>>32) == k {
			return uint32(e)
		}
		if e == 0 {
			return 0
		}
		i = (i + 1) & t.mask
	}
}

// getAll sets vals[i] to get(keys[i]). The first slot of every key is
// read before any is examined, so that the loads overlap.
func (t *table) getAll(keys, vals []uint32) {
	var slots [batch]uint64
	keys = keys[:min(len(keys), batch)]
	for i, k := range keys {
		if k == 0 {
			k = 1
		}
		slots[i] = t.slots[slot(k)&t.mask]
	}
	for i, k := range keys {
		if k == 0 {
			k = 1
		}
		switch e := slots[i]; {
		case uint32(e>>32) == k:
			vals[i] = uint32(e)
		case e == 0:
			vals[i] = 0
		default:
			vals[i] = t.get(k)
		}
	}
}

// each calls f for every stored feature, in key order.
func (t *table) each(f func(k, v uint32)) {
	type kv struct{ k, v uint32 }
	var all []kv
	for _, e := range t.slots {
		if e != 0 {
			all = append(all, kv{uint32(e >> 32), uint32(e)})
		}
	}
	sort.Slice(all, func(a, b int) bool { return all[a].k < all[b].k })
	for _, e := range all {
		f(e.k, e.v)
	}
}

func (t *table) len() int {
	n := 0
	for _, e := range t.slots {
		if e != 0 {
			n++
		}
	}
	return n
}

// pruned returns the weights without those whose magnitude is below
// share of the largest possible (32767).
func (w *weights) pruned(share float64) *weights {
	limit := int32(share * 32767)
	out := &weights{nclass: w.nclass, scale: w.scale, idx: newTable(w.idx.len())}
	w.idx.each(func(k, v uint32) {
		start, n := v>>8, v&0xff
		s := len(out.ent)
		for _, e := range w.ent[start : start+n] {
			if x := int32(int16(e)); x >= limit || -x >= limit {
				out.ent = append(out.ent, e)
			}
		}
		if c := len(out.ent) - s; c > 0 {
			out.idx.put(k, uint32(s)<<8|uint32(c))
		}
	})
	return out
}
