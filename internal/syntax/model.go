package syntax

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"sync"
)

// Model tags, lemmatizes and parses the sentences of one language.
// It is safe for concurrent use.
type Model struct {
	Lang    string
	UPOS    []string // tag names, by index
	Deprels []string // relation names, by index

	tagger *tagger
	lemma  *lemmatizer
	parser *parser
	pool   sync.Pool
	// punct maps the marks of one script to those of another that the
	// model learned instead (set by init from the tagger's words).
	punct map[string]string
	tagOf map[string]int // UPOS name → tag index
}

// punctPairs are Arabic-script marks and the ASCII marks texts also write
// for them: Arabic PUD writes "," where news write "،"; the Persian
// treebanks write "،", which their model keeps.
var punctPairs = [][2]string{{"،", ","}, {"؛", ";"}, {"؟", "?"}}

// scratch holds the buffers of one analysis.
type scratch struct {
	ts     []tok
	tags   []int
	nodes  []nodeInfo
	fs     []uint32
	scores []int32
	st     state
	parse  parseScratch
}

func (m *Model) init() {
	m.pool.New = func() any { return new(scratch) }
}

// setMarks fills m.punct from the tagger's words: a mark the model never
// saw is read as the mark it saw in its place.
func (m *Model) setMarks() {
	m.punct = nil
	for _, p := range punctPairs {
		if _, seen := m.tagger.dict[p[0]]; !seen {
			if m.punct == nil {
				m.punct = map[string]string{}
			}
			m.punct[p[0]] = p[1]
		}
	}
}

// marks returns forms with the marks of m.punct replaced, copied only when
// one is.
func (m *Model) marks(forms []string) []string {
	out := forms
	for i, f := range forms {
		if r, ok := m.punct[f]; ok {
			if &out[0] == &forms[0] {
				out = slices.Clone(forms)
			}
			out[i] = r
		}
	}
	return out
}

// Analysis is the annotation of one sentence.
type Analysis struct {
	UPOS   []string
	Lemma  []string
	Head   []int // index of the head token, -1 for the root
	Deprel []string
}

// Analyze tags, lemmatizes and parses one sentence given as its tokens'
// written forms.
func (m *Model) Analyze(forms []string) Analysis { return m.AnalyzeWith(forms, nil, nil) }

// AnalyzeWith analyzes forms as Analyze does, but a token that the tagger
// did not tag as a verb or an auxiliary and for which verb (when not nil)
// reports true is tagged VERB before it is lemmatized and parsed: the
// caller knows from a list of forms that it can only be a verb.
// A token for which name (when not nil) reports true and that the tagger
// tagged a verb or an auxiliary is tagged PROPN: the caller knows it is
// part of a name ("Nicaragua rompió...").
func (m *Model) AnalyzeWith(forms []string, verb, name func(i int) bool) Analysis {
	a := newAnalysis(len(forms))
	if len(forms) == 0 {
		return a
	}
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	if m.punct != nil {
		forms = m.marks(forms)
	}
	m.tag(sc, forms, verb, name, a)
	m.parse(sc, a)
	return a
}

func newAnalysis(n int) Analysis {
	return Analysis{UPOS: make([]string, n), Lemma: make([]string, n), Head: make([]int, n), Deprel: make([]string, n)}
}

// TagWith is the first half of AnalyzeWith: it sets the parts of speech
// and lemmas of the analysis, and leaves every token a head of -1 and no
// relation. ParseTagged does the rest.
func (m *Model) TagWith(forms []string, verb, name func(i int) bool) Analysis {
	a := newAnalysis(len(forms))
	for i := range a.Head {
		a.Head[i] = -1
	}
	if len(forms) == 0 {
		return a
	}
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	if m.punct != nil {
		forms = m.marks(forms)
	}
	m.tag(sc, forms, verb, name, a)
	return a
}

// ParseTagged sets the heads and relations of a, an analysis of forms
// whose parts of speech TagWith set: AnalyzeWith is TagWith then
// ParseTagged.
func (m *Model) ParseTagged(forms []string, a Analysis) {
	if len(forms) == 0 {
		return
	}
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	if m.punct != nil {
		forms = m.marks(forms)
	}
	sc.ts = makeToks(forms, sc.ts)
	sc.tags = fill(sc.tags, len(forms), 0)
	for i, u := range a.UPOS {
		sc.tags[i] = m.tagOf[u]
	}
	m.parse(sc, a)
}

// tag fills the parts of speech and lemmas of a, and sc.ts and sc.tags.
func (m *Model) tag(sc *scratch, forms []string, verb, name func(i int) bool, a Analysis) {
	n := len(forms)
	sc.ts = makeToks(forms, sc.ts)
	sc.tags = fill(sc.tags, n, 0)
	sc.fs, sc.scores = m.tagger.tag(sc.ts, sc.tags, sc.fs, sc.scores)
	if verb != nil {
		if v := slices.Index(m.UPOS, "VERB"); v >= 0 {
			for i, t := range sc.tags {
				if u := m.UPOS[t]; u != "VERB" && u != "AUX" && verb(i) {
					sc.tags[i] = v
				}
			}
		}
	}
	if name != nil {
		if p := slices.Index(m.UPOS, "PROPN"); p >= 0 {
			for i, t := range sc.tags {
				if u := m.UPOS[t]; (u == "VERB" || u == "AUX") && name(i) {
					sc.tags[i] = p
				}
			}
		}
	}
	for i, t := range sc.tags {
		a.UPOS[i] = m.UPOS[t]
		a.Lemma[i] = m.lemma.lemmaLow(forms[i], sc.ts[i].form, t)
	}
}

// parse fills the heads and relations of a from sc.ts and sc.tags.
func (m *Model) parse(sc *scratch, a Analysis) {
	sc.nodes = nodesFor(sc.nodes, sc.ts, sc.tags)
	m.parser.parse(&sc.st, sc.nodes, &sc.parse)
	for i := range a.Head {
		a.Head[i] = sc.st.head[i+1] - 1
		a.Deprel[i] = m.Deprels[sc.st.label[i+1]]
	}
}

// Scores counts what a model got right on a test set.
type Scores struct {
	Sentences, Tokens     int
	UPOS, Lemma, UAS, LAS int
}

// Percent returns n as a percentage of the tokens.
func (s Scores) Percent(n int) float64 { return 100 * float64(n) / float64(max(s.Tokens, 1)) }

func (s Scores) String() string {
	return fmt.Sprintf("UPOS %.2f  lemma %.2f  UAS %.2f  LAS %.2f  (%d sentences, %d tokens)",
		s.Percent(s.UPOS), s.Percent(s.Lemma), s.Percent(s.UAS), s.Percent(s.LAS), s.Sentences, s.Tokens)
}

// Evaluate analyzes each sentence and compares with its annotation.
// Every token counts, punctuation included; LAS compares full relations
// (subtypes such as obl:arg included).
func (m *Model) Evaluate(sents []Sent) Scores { return EvaluateWith(sents, m.Analyze) }

// EvaluateWith scores an analysis of each sentence against its annotation,
// as Evaluate does.
func EvaluateWith(sents []Sent, analyze func(forms []string) Analysis) Scores {
	var s Scores
	for i := range sents {
		g := &sents[i]
		a := analyze(g.Forms)
		s.Sentences++
		for j := range g.Forms {
			s.Tokens++
			if a.UPOS[j] == g.UPOS[j] {
				s.UPOS++
			}
			if a.Lemma[j] == g.Lemma[j] {
				s.Lemma++
			}
			if a.Head[j] == g.Head[j] {
				s.UAS++
				if a.Deprel[j] == g.Deprel[j] {
					s.LAS++
				}
			}
		}
	}
	return s
}

// The binary model format: a magic line and a version, then the sections
// below, the whole compressed with gzip.
const (
	magic   = "entente-syntax\n"
	version = 1
)

type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) uint(v uint64) { e.w.Write(e.buf[:binary.PutUvarint(e.buf[:], v)]) }
func (e *encoder) int(v int64)   { e.w.Write(e.buf[:binary.PutVarint(e.buf[:], v)]) }
func (e *encoder) str(s string)  { e.uint(uint64(len(s))); e.w.WriteString(s) }
func (e *encoder) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) weights(w *weights) {
	e.uint(uint64(w.nclass))
	e.uint(uint64(math.Float32bits(w.scale)))
	e.uint(uint64(w.idx.len()))
	prev := uint32(0)
	w.each(func(k uint32, run []uint32) {
		e.uint(uint64(k - prev))
		prev = k
		e.uint(uint64(len(run)))
		for _, en := range run {
			e.w.WriteByte(byte(en >> 16))
			e.int(int64(int16(en)))
		}
	})
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// WriteTo writes the model in its binary format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	e := &encoder{w: bufio.NewWriter(zw)}
	e.w.WriteString(magic)
	e.uint(version)
	e.str(m.Lang)
	e.strs(m.UPOS)
	e.strs(m.Deprels)
	// Tag dictionary.
	words := sortedKeys(m.tagger.dict)
	e.uint(uint64(len(words)))
	for _, wd := range words {
		e.str(wd)
		e.uint(uint64(m.tagger.dict[wd]))
	}
	// Lemmatizer.
	var keep []int
	for t := range m.lemma.keep {
		keep = append(keep, t)
	}
	sort.Ints(keep)
	e.uint(uint64(len(keep)))
	for _, t := range keep {
		e.uint(uint64(t))
	}
	rk := sortedKeys(m.lemma.rules)
	e.uint(uint64(len(rk)))
	for _, k := range rk {
		r := m.lemma.rules[k]
		e.str(k)
		e.uint(uint64(r.Cut))
		e.str(r.Add)
	}
	ek := sortedKeys(m.lemma.except)
	e.uint(uint64(len(ek)))
	for _, k := range ek {
		e.str(k)
		e.str(m.lemma.except[k])
	}
	e.weights(m.tagger.w)
	e.weights(m.parser.w)
	if err := e.w.Flush(); err != nil {
		return cw.n, fmt.Errorf("syntax: write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("syntax: write model: %w", err)
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

type decoder struct {
	b   []byte
	err error
}

var errShort = errors.New("unexpected end of model")

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errShort
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errShort
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) == 0 {
		d.err = errShort
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// count reads a length and refuses absurd ones.
func (d *decoder) count(limit uint64) int {
	n := d.uint()
	if n > limit && d.err == nil {
		d.err = fmt.Errorf("length %d over %d", n, limit)
	}
	if d.err != nil {
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.count(1 << 16)
	if d.err != nil {
		return ""
	}
	if n > len(d.b) {
		d.err = errShort
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) strs() []string {
	n := d.count(1 << 10)
	out := make([]string, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		out = append(out, d.str())
	}
	return out
}

func (d *decoder) weights() *weights {
	nclass := d.count(255)
	scale := math.Float32frombits(uint32(d.uint()))
	n := d.count(1 << 26)
	w := newWeights(nclass, scale, n)
	key := uint32(0)
	var run []uint32
	for i := 0; i < n && d.err == nil; i++ {
		key += uint32(d.uint())
		c := d.count(uint64(w.nclass))
		run = run[:0]
		for j := 0; j < c && d.err == nil; j++ {
			b := d.byte()
			if int(b) >= w.nclass {
				d.err = fmt.Errorf("class %d of %d", b, w.nclass)
				break
			}
			v := d.int()
			if v < math.MinInt16 || v > math.MaxInt16 {
				d.err = fmt.Errorf("weight %d out of range", v)
				break
			}
			run = append(run, entry(int(b), int16(v)))
		}
		w.put(key, run)
	}
	w.ent = append(hugeSlice[uint32](len(w.ent))[:0], w.ent...)
	w.dense = append(hugeSlice[uint64](len(w.dense))[:0], w.dense...)
	settle(w.ent)
	settle(w.dense)
	settle(w.idx.slots)
	return w
}

// ErrFormat reports a file that is not a syntax model of this version.
var ErrFormat = errors.New("not an entente syntax model (or another version)")

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("syntax: read model: %w: %w", ErrFormat, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("syntax: read model: %w: %w", ErrFormat, err)
	}
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, fmt.Errorf("syntax: read model: %w", ErrFormat)
	}
	d := &decoder{b: raw[len(magic):]}
	if v := d.uint(); v != version {
		return nil, fmt.Errorf("syntax: read model: version %d: %w", v, ErrFormat)
	}
	m := &Model{}
	m.init()
	m.Lang = d.str()
	m.UPOS = d.strs()
	m.Deprels = d.strs()
	t := &tagger{dict: map[string]uint8{}}
	for i, n := 0, d.count(1<<22); i < n && d.err == nil; i++ {
		wd := d.str()
		t.dict[wd] = uint8(d.count(uint64(len(m.UPOS) - 1)))
	}
	l := &lemmatizer{keep: map[int]bool{}, rules: map[string]rule{}, except: map[string]string{}}
	for i, n := 0, d.count(uint64(len(m.UPOS))); i < n && d.err == nil; i++ {
		l.keep[d.count(uint64(len(m.UPOS)))] = true
	}
	for i, n := 0, d.count(1<<24); i < n && d.err == nil; i++ {
		k := d.str()
		l.rules[k] = rule{Cut: d.count(64), Add: d.str()}
	}
	for i, n := 0, d.count(1<<24); i < n && d.err == nil; i++ {
		k := d.str()
		l.except[k] = d.str()
	}
	t.w = d.weights()
	pw := d.weights()
	if d.err == nil && len(d.b) > 0 {
		d.err = fmt.Errorf("%d bytes after the model", len(d.b))
	}
	if d.err != nil {
		return nil, fmt.Errorf("syntax: read model: %w", d.err)
	}
	ri, di := index(m.Deprels)["root"], index(m.Deprels)["dep"]
	if len(m.UPOS) == 0 || t.w.nclass != len(m.UPOS) || pw.nclass != 2+2*len(m.Deprels) || m.Deprels[ri] != "root" || m.Deprels[di] != "dep" {
		return nil, fmt.Errorf("syntax: read model: inconsistent label sets: %w", ErrFormat)
	}
	m.tagger, m.lemma = t, l
	m.tagOf = index(m.UPOS)
	m.parser = &parser{w: pw, rootLabel: ri, depLabel: di}
	m.setMarks()
	return m, nil
}

// Prune drops the weights whose magnitude is below share of the largest:
// a smaller, faster model that may be a little less accurate.
func (m *Model) Prune(share float64) {
	m.tagger.w = m.tagger.w.pruned(share)
	m.parser.w = m.parser.w.pruned(share)
}

// Size reports the number of features and weights the model keeps.
func (m *Model) Size() (features, weights int) {
	tf, tw := m.tagger.w.size()
	pf, pw := m.parser.w.size()
	return tf + pf, tw + pw
}
