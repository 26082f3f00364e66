package syntax

// The parser is a greedy arc-eager transition parser (Nivre 2003) whose
// transitions carry the dependency relation; an averaged perceptron picks
// each transition. Node 0 is the root; tokens are nodes 1..n.

const (
	shift  = 0
	reduce = 1
)

func leftArc(l int) int  { return 2 + 2*l }
func rightArc(l int) int { return 3 + 2*l }

// state is a parser configuration.
type state struct {
	n            int
	stack        []int
	b            int // front of the buffer; the buffer is empty when b > n
	head, label  []int
	lmost, rmost []int // leftmost and rightmost child, -1 when none
	nl, nr       []int // number of left and right children
	rootChild    int   // the node attached to the root, 0 when none
}

func (s *state) reset(n int) {
	s.n = n
	s.stack = append(s.stack[:0], 0)
	s.b = 1
	s.head = fill(s.head, n+1, -1)
	s.label = fill(s.label, n+1, -1)
	s.lmost = fill(s.lmost, n+1, -1)
	s.rmost = fill(s.rmost, n+1, -1)
	s.nl = fill(s.nl, n+1, 0)
	s.nr = fill(s.nr, n+1, 0)
	s.rootChild = 0
}

func fill(s []int, n, v int) []int {
	if cap(s) < n {
		s = make([]int, n)
	}
	s = s[:n]
	for i := range s {
		s[i] = v
	}
	return s
}

func (s *state) done() bool { return s.b > s.n }

func (s *state) top() int { return s.stack[len(s.stack)-1] }

// valid reports whether transition t may be applied; rootLabel is the
// index of the "root" relation.
func (s *state) valid(t, rootLabel int) bool {
	if s.done() {
		return false
	}
	top := s.top()
	switch t {
	case shift:
		return true
	case reduce:
		return top != 0 && s.head[top] != -1
	}
	l := (t - 2) / 2
	if t%2 == 0 { // left arc: top ← b
		return top != 0 && s.head[top] == -1 && l != rootLabel
	}
	// right arc: top → b
	if top == 0 {
		return l == rootLabel && s.rootChild == 0
	}
	return l != rootLabel
}

func (s *state) arc(h, d, l int) {
	s.head[d] = h
	s.label[d] = l
	if h == 0 {
		s.rootChild = d
	}
	if d < h {
		if s.lmost[h] == -1 || d < s.lmost[h] {
			s.lmost[h] = d
		}
		s.nl[h]++
	} else {
		if s.rmost[h] == -1 || d > s.rmost[h] {
			s.rmost[h] = d
		}
		s.nr[h]++
	}
}

func (s *state) apply(t int) {
	switch t {
	case shift:
		s.stack = append(s.stack, s.b)
		s.b++
	case reduce:
		s.stack = s.stack[:len(s.stack)-1]
	default:
		l := (t - 2) / 2
		top := s.top()
		if t%2 == 0 {
			s.arc(s.b, top, l)
			s.stack = s.stack[:len(s.stack)-1]
		} else {
			s.arc(top, s.b, l)
			s.stack = append(s.stack, s.b)
			s.b++
		}
	}
}

// finish attaches the tokens left without a head: to the root's child, or
// the first of them becomes the root. dep is the relation they take.
func (s *state) finish(rootLabel, dep int) {
	for i := 1; i <= s.n; i++ {
		if s.head[i] != -1 {
			continue
		}
		if s.rootChild == 0 {
			s.arc(0, i, rootLabel)
			continue
		}
		s.arc(s.rootChild, i, dep)
	}
}

// Parser feature templates.
const (
	pS0w uint64 = iota + 100
	pS0t
	pS0wt
	pB0w
	pB0t
	pB0wt
	pB1w
	pB1t
	pB1wt
	pB2t
	pB2w
	pS0wB0w
	pS0wtB0t
	pS0tB0wt
	pS0tB0t
	pB0tB1t
	pB0tB1tB2t
	pS0tB0tB1t
	pS0htS0tB0t
	pS0tS0ltB0t
	pS0tS0rtB0t
	pS0tB0tB0lt
	pS0wDist
	pS0tB0tDist
	pS0wVr
	pS0tVr
	pS0tVl
	pB0tVl
	pS0tS0ll
	pS0tS0rl
	pB0tB0ll
	pS0hw
	pS0l
	pS1tS0t
	pS1tS0tB0t
	pB0wB1w
	pB0suf3
	pS0suf3B0t
	pB3t
	pS0tB0tS0l
	pS1w
	pS0wB0wt
)

// nodeInfo is what features read of a node.
type nodeInfo struct{ w, t, suf3 uint64 }

func labelHash(l int) uint64 { return hashString("\x00label") + uint64(l+2)*0xc2b2ae3d27d4eb4f }
func numHash(n int) uint64   { return hashString("\x00num") + uint64(n+2)*0x165667b19e3779f9 }

// parseFeatures appends the features of configuration s. nodes[0] is the
// root; nodes[i] is token i.
func parseFeatures(fs []uint32, s *state, nodes []nodeInfo) []uint32 {
	none := nodeInfo{w: hNone, t: hNone, suf3: hNone}
	at := func(i int) nodeInfo {
		if i < 0 || i > s.n {
			return none
		}
		return nodes[i]
	}
	lab := func(i int) uint64 {
		if i < 0 {
			return hNone
		}
		return labelHash(s.label[i])
	}
	s0i := s.top()
	s1i := -1
	if len(s.stack) > 1 {
		s1i = s.stack[len(s.stack)-2]
	}
	b0i := s.b
	s0, s1, b0 := at(s0i), at(s1i), at(b0i)
	b1, b2, b3 := at(b0i+1), at(b0i+2), at(b0i+3)
	s0h := none
	s0hi := s.head[s0i]
	if s0hi >= 0 {
		s0h = at(s0hi)
	}
	s0l, s0r, b0l := at(s.lmost[s0i]), at(s.rmost[s0i]), at(s.lmost[b0i])
	s0ll, s0rl, b0ll := lab(s.lmost[s0i]), lab(s.rmost[s0i]), lab(s.lmost[b0i])
	d := b0i - s0i
	if s0i == 0 {
		d = 0
	}
	dist := numHash(min(d, 6))
	vr, vl, bvl := numHash(min(s.nr[s0i], 4)), numHash(min(s.nl[s0i], 4)), numHash(min(s.nl[b0i], 4))
	s0lab := lab(s0i)
	if s0i == 0 {
		s0lab = hRoot
	}
	return append(fs,
		feat1(pS0w, s0.w),
		feat1(pS0t, s0.t),
		feat2(pS0wt, s0.w, s0.t),
		feat1(pB0w, b0.w),
		feat1(pB0t, b0.t),
		feat2(pB0wt, b0.w, b0.t),
		feat1(pB1w, b1.w),
		feat1(pB1t, b1.t),
		feat2(pB1wt, b1.w, b1.t),
		feat1(pB2t, b2.t),
		feat1(pB2w, b2.w),
		feat2(pS0wB0w, s0.w, b0.w),
		feat3(pS0wtB0t, s0.w, s0.t, b0.t),
		feat3(pS0tB0wt, s0.t, b0.w, b0.t),
		feat2(pS0tB0t, s0.t, b0.t),
		feat2(pB0tB1t, b0.t, b1.t),
		feat3(pB0tB1tB2t, b0.t, b1.t, b2.t),
		feat3(pS0tB0tB1t, s0.t, b0.t, b1.t),
		feat3(pS0htS0tB0t, s0h.t, s0.t, b0.t),
		feat3(pS0tS0ltB0t, s0.t, s0l.t, b0.t),
		feat3(pS0tS0rtB0t, s0.t, s0r.t, b0.t),
		feat3(pS0tB0tB0lt, s0.t, b0.t, b0l.t),
		feat2(pS0wDist, s0.w, dist),
		feat3(pS0tB0tDist, s0.t, b0.t, dist),
		feat2(pS0wVr, s0.w, vr),
		feat2(pS0tVr, s0.t, vr),
		feat2(pS0tVl, s0.t, vl),
		feat2(pB0tVl, b0.t, bvl),
		feat2(pS0tS0ll, s0.t, s0ll),
		feat2(pS0tS0rl, s0.t, s0rl),
		feat2(pB0tB0ll, b0.t, b0ll),
		feat1(pS0hw, s0h.w),
		feat1(pS0l, s0lab),
		feat2(pS1tS0t, s1.t, s0.t),
		feat3(pS1tS0tB0t, s1.t, s0.t, b0.t),
		feat2(pB0wB1w, b0.w, b1.w),
		feat2(pB0suf3, b0.suf3, b0.t),
		feat2(pS0suf3B0t, s0.suf3, b0.t),
		feat1(pB3t, b3.t),
		feat3(pS0tB0tS0l, s0.t, b0.t, s0lab),
		feat1(pS1w, s1.w),
		feat3(pS0wB0wt, s0.w, b0.w, b0.t),
	)
}

// parser is a trained dependency model.
type parser struct {
	w         *weights
	rootLabel int
	depLabel  int
}

// parse fills s with the tree of the tokens described by nodes (nodes[0]
// is the root).
func (p *parser) parse(s *state, nodes []nodeInfo, fs []uint32, scores []int32) ([]uint32, []int32) {
	if cap(scores) < p.w.nclass {
		scores = make([]int32, p.w.nclass)
	}
	scores = scores[:p.w.nclass]
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
	return fs, scores
}

// nodesFor builds the parser's view of a tagged sentence.
func nodesFor(nodes []nodeInfo, ts []tok, tags []int) []nodeInfo {
	nodes = append(nodes[:0], nodeInfo{w: hRoot, t: hRoot, suf3: hRoot})
	for i, t := range ts {
		nodes = append(nodes, nodeInfo{w: t.lower, t: tagHash(tags[i]), suf3: t.suf3})
	}
	return nodes
}
