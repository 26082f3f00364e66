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

var none = nodeInfo{w: hNone, t: hNone, suf3: hNone}

// at returns node i, or none when there is no such node.
func at(nodes []nodeInfo, i int) nodeInfo {
	if i < 0 || i >= len(nodes) {
		return none
	}
	return nodes[i]
}

// The features of a configuration fall in three groups: those of the front
// of the buffer and the tokens after it (bufferFeatures), those of the top
// of the stack alone (topFeatures) and those that combine both or read the
// arcs built so far (pairFeatures). A parse reads the first two groups from
// vectors computed once per node (parser.parse).
const (
	nBuffer = 13
	nTop    = 5
	nPair   = 24
)

// bufferFeatures appends the features read from the buffer, whose front is
// node b: they depend on b alone.
func bufferFeatures(fs []uint32, b int, nodes []nodeInfo) []uint32 {
	b0, b1, b2, b3 := at(nodes, b), at(nodes, b+1), at(nodes, b+2), at(nodes, b+3)
	return append(fs,
		feat1(pB0w, b0.w),
		feat1(pB0t, b0.t),
		feat2(pB0wt, b0.w, b0.t),
		feat1(pB1w, b1.w),
		feat1(pB1t, b1.t),
		feat2(pB1wt, b1.w, b1.t),
		feat1(pB2t, b2.t),
		feat1(pB2w, b2.w),
		feat2(pB0tB1t, b0.t, b1.t),
		feat3(pB0tB1tB2t, b0.t, b1.t, b2.t),
		feat2(pB0wB1w, b0.w, b1.w),
		feat2(pB0suf3, b0.suf3, b0.t),
		feat1(pB3t, b3.t),
	)
}

// topFeatures appends the features read from the top of the stack alone:
// its word and tag, its head's word and its relation, which do not change
// while it is on the stack (a token gets its head as it is pushed or as it
// is popped).
func topFeatures(fs []uint32, s *state, nodes []nodeInfo) []uint32 {
	s0i := s.top()
	s0 := nodes[s0i]
	s0h := none
	if h := s.head[s0i]; h >= 0 {
		s0h = nodes[h]
	}
	return append(fs,
		feat1(pS0w, s0.w),
		feat1(pS0t, s0.t),
		feat2(pS0wt, s0.w, s0.t),
		feat1(pS0hw, s0h.w),
		feat1(pS0l, s.topLabel()),
	)
}

// topLabel is the hash of the relation of the top of the stack.
func (s *state) topLabel() uint64 {
	if s0i := s.top(); s0i != 0 {
		return labelHash(s.label[s0i])
	}
	return hRoot
}

// pairFeatures appends the other features of configuration s.
func pairFeatures(fs []uint32, s *state, nodes []nodeInfo) []uint32 {
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
	s0, s1, b0 := at(nodes, s0i), at(nodes, s1i), at(nodes, b0i)
	b1 := at(nodes, b0i+1)
	s0h := none
	if h := s.head[s0i]; h >= 0 {
		s0h = at(nodes, h)
	}
	s0l, s0r, b0l := at(nodes, s.lmost[s0i]), at(nodes, s.rmost[s0i]), at(nodes, s.lmost[b0i])
	s0ll, s0rl, b0ll := lab(s.lmost[s0i]), lab(s.rmost[s0i]), lab(s.lmost[b0i])
	d := b0i - s0i
	if s0i == 0 {
		d = 0
	}
	dist := numHash(min(d, 6))
	vr, vl, bvl := numHash(min(s.nr[s0i], 4)), numHash(min(s.nl[s0i], 4)), numHash(min(s.nl[b0i], 4))
	s0lab := s.topLabel()
	return append(fs,
		feat2(pS0wB0w, s0.w, b0.w),
		feat3(pS0wtB0t, s0.w, s0.t, b0.t),
		feat3(pS0tB0wt, s0.t, b0.w, b0.t),
		feat2(pS0tB0t, s0.t, b0.t),
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
		feat2(pS1tS0t, s1.t, s0.t),
		feat3(pS1tS0tB0t, s1.t, s0.t, b0.t),
		feat2(pS0suf3B0t, s0.suf3, b0.t),
		feat3(pS0tB0tS0l, s0.t, b0.t, s0lab),
		feat1(pS1w, s1.w),
		feat3(pS0wB0wt, s0.w, b0.w, b0.t),
	)
}

// parseFeatures appends the features of configuration s, the three groups
// in the order the models were trained with. nodes[0] is the root;
// nodes[i] is token i.
func parseFeatures(fs []uint32, s *state, nodes []nodeInfo) []uint32 {
	var bb [nBuffer]uint32
	var tt [nTop]uint32
	var rr [nPair]uint32
	b := bufferFeatures(bb[:0], s.b, nodes)
	t := topFeatures(tt[:0], s, nodes)
	r := pairFeatures(rr[:0], s, nodes)
	fs = append(fs, t[0], t[1], t[2])
	fs = append(fs, b[:8]...)
	fs = append(fs, r[:4]...)
	fs = append(fs, b[8], b[9])
	fs = append(fs, r[4:18]...)
	fs = append(fs, t[3], t[4], r[18], r[19], b[10], b[11], r[20], b[12])
	return append(fs, r[21:]...)
}

// parser is a trained dependency model.
type parser struct {
	w         *weights
	rootLabel int
	depLabel  int
}

// parse fills s with the tree of the tokens described by nodes (nodes[0]
// is the root).
//
// The scores of a transition are the sum of three parts: the weights of the
// buffer's features, which depend on the front of the buffer alone, those of
// the top of the stack's own features, and those of the rest. The first two
// are added up once per node, into vectors of scores: a node is the front
// of the buffer or the top of the stack for several transitions.
func (p *parser) parse(s *state, nodes []nodeInfo, sc *parseScratch) {
	nc, n := p.w.nclass, len(nodes)-1
	s.reset(n)
	// Buffer vectors of every token, all looked up at once.
	sc.fs = sc.fs[:0]
	for b := 1; b <= n; b++ {
		sc.fs = bufferFeatures(sc.fs, b, nodes)
	}
	sc.buffer = grow(sc.buffer, n*nc)
	p.w.scoreGroups(sc.fs, nBuffer, sc.buffer)
	// Top vectors, made as each node first reaches the top of the stack.
	sc.top = grow(sc.top, (n+1)*nc)
	sc.topHead = fill(sc.topHead, n+1, -2)
	sc.scores = grow(sc.scores, nc)
	scores := sc.scores
	for !s.done() {
		s0 := s.top()
		tv := sc.top[s0*nc : (s0+1)*nc]
		if sc.topHead[s0] != s.head[s0] {
			sc.fs = topFeatures(sc.fs[:0], s, nodes)
			p.w.score(sc.fs, tv)
			sc.topHead[s0] = s.head[s0]
		}
		bv := sc.buffer[(s.b-1)*nc : s.b*nc]
		for c := range scores {
			scores[c] = bv[c] + tv[c]
		}
		sc.fs = pairFeatures(sc.fs[:0], s, nodes)
		p.w.add(sc.fs, scores)
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

// parseScratch holds the buffers of a parse.
type parseScratch struct {
	fs          []uint32
	scores      []int32
	buffer, top []int32 // score vectors of the nodes, nclass each
	topHead     []int   // the head each node had when its top vector was made; -2 for none made
}

// grow returns s with length n (its contents are overwritten by the caller).
func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

// nodesFor builds the parser's view of a tagged sentence.
func nodesFor(nodes []nodeInfo, ts []tok, tags []int) []nodeInfo {
	nodes = append(nodes[:0], nodeInfo{w: hRoot, t: hRoot, suf3: hRoot})
	for i, t := range ts {
		nodes = append(nodes, nodeInfo{w: t.lower, t: tagHash(tags[i]), suf3: t.suf3})
	}
	return nodes
}
