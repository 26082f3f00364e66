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
	if maxAbs == 0 {
		return newWeights(l.nclass, 1, 0)
	}
	w := newWeights(l.nclass, float32(maxAbs/32767), len(l.idx))
	keys := make([]uint32, 0, len(l.idx))
	for f := range l.idx {
		keys = append(keys, f)
	}
	sort.Slice(keys, func(a, b int) bool { return keys[a] < keys[b] })
	limit := prune * maxAbs
	var run []uint32
	for _, f := range keys {
		i := l.idx[f]
		run = run[:0]
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
			run = append(run, entry(int(row[k].class), int16(q)))
		}
		w.put(f, run)
	}
	return w
}

// weights is a trained, quantised perceptron: for each kept feature its
// (class, weight) pairs, as a sparse run or, when the feature has weights
// for many classes, as a dense row.
//
// The features of the parser that combine parts of speech have weights for
// most classes, and adding them up is most of its work. A dense row holds
// the weights of two classes in each 64-bit word, in 32-bit lanes as
// weight+bias (0..65535): one addition adds two classes, and a lane never
// carries into the next as long as fewer than 65,536 rows are added before
// the lanes are read.
type weights struct {
	nclass int
	scale  float32
	idx    *table   // feature → start<<8 | count of a run in ent, or (row+1)<<8 for a dense row
	ent    []uint32 // class<<16 | uint16(weight)
	dense  []uint64 // rows of words() words: lane c%2 of word c/2 is class c's weight + bias
}

func entry(class int, v int16) uint32 { return uint32(class)<<16 | uint32(uint16(v)) }

// bias makes a weight a lane of a dense row: int16 → 0..65535.
const bias = 1 << 15

// words is the length of a dense row.
func (w *weights) words() int { return (w.nclass + 1) / 2 }

// denseShare is the share of the classes from which a run is a dense row
// (1/denseShare).
var denseShare = 3

// newWeights returns empty weights for nclass classes, sized for n features.
func newWeights(nclass int, scale float32, n int) *weights {
	return &weights{nclass: nclass, scale: scale, idx: newTable(n)}
}

// put stores the run of feature k: entries of distinct classes. A run of
// classes in increasing order that covers a third of the classes or more
// is kept as a dense row, which costs less to add than its entries one by
// one.
func (w *weights) put(k uint32, run []uint32) {
	if len(run) == 0 {
		return
	}
	if denseShare*len(run) < w.nclass || !ascending(run) {
		start := len(w.ent)
		w.ent = append(w.ent, run...)
		w.idx.put(k, uint32(start)<<8|uint32(len(run)))
		return
	}
	words := w.words()
	r := len(w.dense) / words
	for c := 0; c < words; c++ {
		lanes := uint64(bias) | uint64(bias)<<32
		if 2*c+1 == w.nclass {
			lanes = bias // no class in the last word's upper lane
		}
		w.dense = append(w.dense, lanes)
	}
	row := w.dense[r*words:]
	for _, e := range run {
		c, shift := e>>16/2, 32*(e>>16%2)
		row[c] = row[c]&^(0xffffffff<<shift) | uint64(int64(int16(e))+bias)<<shift
	}
	w.idx.put(k, uint32(r+1)<<8)
}

// ascending reports whether the classes of run are in strictly increasing
// order.
func ascending(run []uint32) bool {
	for i := 1; i < len(run); i++ {
		if run[i]>>16 <= run[i-1]>>16 {
			return false
		}
	}
	return true
}

// each calls f with every stored feature and its run, in key order. The run
// of a dense row leaves out the classes of weight 0.
func (w *weights) each(f func(k uint32, run []uint32)) {
	var run []uint32
	w.idx.each(func(k, v uint32) {
		if c := v & 0xff; c != 0 {
			f(k, w.ent[v>>8:v>>8+c])
			return
		}
		words := w.words()
		row := w.dense[int(v>>8-1)*words:][:words]
		run = run[:0]
		for c := 0; c < w.nclass; c++ {
			if x := int64(row[c/2]>>(32*(c%2))&0xffffffff) - bias; x != 0 {
				run = append(run, entry(c, int16(x)))
			}
		}
		f(k, run)
	})
}

// size returns the number of features and weights kept.
func (w *weights) size() (features, weights int) {
	w.each(func(_ uint32, run []uint32) {
		features++
		weights += len(run)
	})
	return features, weights
}

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
	var runs, first [batch]uint32
	var lanes [128]uint64
	n, words := len(feats), w.words()
	acc := lanes[:words]
	w.idx.getAll(feats, runs[:n])
	for i, v := range runs[:n] {
		if v&0xff != 0 {
			first[i] = w.ent[v>>8]
		}
	}
	nc := w.nclass
	for lo := 0; lo < n; lo += size {
		scores := out[lo/size*nc:][:nc]
		rows := 0 // dense rows in acc
		for i := lo; i < min(lo+size, n); i++ {
			v := runs[i]
			if c := v & 0xff; c != 0 {
				e := first[i]
				scores[e>>16] += int32(int16(e))
				start := v >> 8
				for _, e := range w.ent[start+1 : start+c] {
					scores[e>>16] += int32(int16(e))
				}
			} else if v != 0 {
				rows++
				addRow(acc, w.dense[int(v>>8-1)*words:][:len(acc)])
			}
		}
		if rows > 0 {
			w.unpack(acc, rows, scores)
			clear(acc)
		}
	}
}

// addRow adds row to acc (of the same length), four words at a time.
func addRow(acc, row []uint64) {
	j := 0
	for ; j+4 <= len(acc); j += 4 {
		a, r := acc[j:j+4:j+4], row[j:j+4:j+4]
		a[0] += r[0]
		a[1] += r[1]
		a[2] += r[2]
		a[3] += r[3]
	}
	for ; j < len(acc); j++ {
		acc[j] += row[j]
	}
}

// unpack adds the lanes of rows dense rows summed in acc to scores.
func (w *weights) unpack(acc []uint64, rows int, scores []int32) {
	off := int32(rows * bias)
	for j, x := range acc {
		scores[2*j] += int32(uint32(x)) - off
		if 2*j+1 < len(scores) {
			scores[2*j+1] += int32(uint32(x>>32)) - off
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
	out := newWeights(w.nclass, w.scale, w.idx.len())
	var kept []uint32
	w.each(func(k uint32, run []uint32) {
		kept = kept[:0]
		for _, e := range run {
			if x := int32(int16(e)); x >= limit || -x >= limit {
				kept = append(kept, e)
			}
		}
		out.put(k, kept)
	})
	return out
}
