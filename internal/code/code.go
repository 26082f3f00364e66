package code

import (
	"context"
	"fmt"

	"entente"
	"entente/internal/kb"
)

// Gaps, in tokens, that a match may skip.
const (
	litGap   = 3  // filler words between two words of a pattern
	slotGap  = 4  // determiners and adjectives before an actor after a word
	subjGap  = 5  // between a subject and its verb
	wideGap  = 24 // "..."
	maxMatch = 64 // matches tried per anchor
)

// Coder codes events from resolved documents.
type Coder struct {
	kb  *kb.KB
	ps  *Patterns
	lex *Lexicon
}

// New returns a Coder for the patterns ps, the lexicon lx (nil: none) and
// knowledge k.
func New(k *kb.KB, ps *Patterns, lx *Lexicon) *Coder { return &Coder{kb: k, ps: ps, lex: lx} }

// slot is a filled slot: the mentions it covers.
type slot struct {
	first, last int // token range covered
	mentions    []int
	penalty     int
	// partial: the pattern's words took the head of the first mention
	// ("retiré ses troupes du Mali"): it stands for the country it ends with.
	partial bool
}

// match is one way a pattern fits a sentence.
type match struct {
	p         *Pattern
	src, tgt  slot
	litTokens []int
	// context holds the tokens a lexicon entry's context words matched:
	// a negation among them is the act's meaning ("ne reconnaît pas" is a
	// rejection), not its modality.
	context []int
	score   int // lower is better: tokens skipped plus penalties
	// frame says how a lexicon match found its arguments in the parse.
	frame string
	// refused marks an act the parse shows refused ("refused to sign"):
	// it is coded as the rejection of that act (refusal.tsv).
	refused bool
	// untold marks a violent act told in the passive without an agent
	// ("four soldiers were killed in an ambush"): its source is the actor
	// its phrase of circumstance names, or else unknown (no mention).
	untold bool
	// reporter is who the parse shows telling the act ("Kyiv said Russian
	// drones struck Odesa"): the act is alleged, and a hostile act is the
	// reporter's accusation against its source.
	reporter slot
}

// sentenceView is what matching needs of one sentence.
type sentenceView struct {
	idx      int
	toks     []entente.Token
	starts   map[int][]int // token index → mentions starting there
	inside   map[int]int   // token index → the mention covering it, past its first token
	mentions []entente.Mention
	banned   map[int]bool // mentions that are reporting sources, not actors
	text     string       // the document text
	own      []int        // indexes of this sentence's mentions
	// rel marks the tokens of relative clauses between commas (", which
	// filed a case at the court,"): a subject is looked for across them.
	rel []bool
	// speaker is who speaks the quote the sentence belongs to, if known.
	speaker entente.Actor
	// prior holds the events of the sentences before (a noun such as "ces
	// accusations" refers back to one).
	prior []entente.Event
	// slots holds the slots of own's mentions, made when first asked
	// (slotAt).
	slots []slotMemo
}

// Code fills doc.Events from doc.Sentences and doc.Mentions. It checks
// ctx between sentences and returns its error once ctx is done.
func (c *Coder) Code(ctx context.Context, doc *entente.Document) error {
	return c.CodeSentences(ctx, doc, 0, len(doc.Sentences))
}

// CodeWith is Code for a document whose sentences the syntax stage may
// have tagged without parsing them: parse parses one of them (and marks it
// Parsed; it does nothing to a sentence it did not tag). The coder asks
// for the parse of a sentence only when it can read an event over it: a
// pattern matched there, or the lexicon has a trigger there (see
// lexCandidate). The events are those Code gives with every tagged
// sentence parsed.
func (c *Coder) CodeWith(ctx context.Context, doc *entente.Document, parse func(sentence int) error) error {
	return c.codeSentences(ctx, doc, 0, len(doc.Sentences), parse)
}

// CodeSentences appends to doc.Events the events of doc.Sentences[from:to],
// which must have their tokens: a long document is coded a run of
// sentences at a time, the runs in order. Quotations are followed inside
// the run only, so each run must begin and end where QuoteCut is true;
// then the events are those Code gives.
func (c *Coder) CodeSentences(ctx context.Context, doc *entente.Document, from, to int) error {
	return c.codeSentences(ctx, doc, from, to, nil)
}

func (c *Coder) codeSentences(ctx context.Context, doc *entente.Document, from, to int, parse func(int) error) error {
	// A language may have a lexicon and no patterns: idx is then empty.
	idx := c.ps.byStem[doc.Lang]
	bySentence := make([][]int, len(doc.Sentences))
	for i, m := range doc.Mentions {
		if m.Sentence >= from && m.Sentence < to {
			bySentence[m.Sentence] = append(bySentence[m.Sentence], i)
		}
	}
	quoteSpeakers := c.quoteSpeakers(doc, bySentence, from, to)
	for si := from; si < to; si++ {
		s := doc.Sentences[si]
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("sentence %d: %w", si, err)
		}
		v := sentenceView{idx: si, text: doc.Text, own: bySentence[si], toks: s.Tokens, starts: map[int][]int{}, inside: map[int]int{}, mentions: doc.Mentions, banned: map[int]bool{}, speaker: quoteSpeakers[si-from], prior: doc.Events}
		for _, mi := range bySentence[si] {
			m := doc.Mentions[mi]
			v.starts[m.First] = append(v.starts[m.First], mi)
			for k := m.First + 1; k <= m.Last; k++ {
				v.inside[k] = mi
			}
		}
		c.markReporters(doc.Lang, &v, bySentence[si])
		v.rel = c.relatives(doc.Lang, s.Tokens, v.starts)
		// Try, at each token, the patterns whose first word it is.
		var best []match
		for ti, t := range s.Tokens {
			// A new slice: appending to the shared index would write into
			// its spare capacity, from every goroutine at once.
			byStem, byForm := idx["s:"+t.Stem], idx["x:"+t.Fold]
			cands := make([]*Pattern, 0, len(byStem)+len(byForm))
			cands = append(append(cands, byStem...), byForm...)
			// A pattern that names a target beats one that does not.
			var top, topOpen *match
			var also []match
			for _, p := range cands {
				if m, ok := c.matchAt(doc.Lang, &v, p, ti); ok && !c.actSlot(doc.Lang, &v, m) && len(c.dyads(doc.Lang, &v, m)) > 0 {
					if p.Also {
						also = append(also, m)
						continue
					}
					t := &top
					if p.Open || p.Home {
						t = &topOpen
					}
					if *t == nil || better(&m, *t) {
						mm := m
						*t = &mm
					}
				}
			}
			if top == nil {
				top = topOpen
			}
			if top != nil {
				best = append(best, *top)
			}
			// {also} patterns add their code beside the best one; alone,
			// they are the best.
			for _, m := range also {
				if top == nil {
					mm := m
					top = &mm
					best = append(best, m)
				} else if m.p.Code != top.p.Code {
					best = append(best, m)
				}
			}
		}
		best = c.dropNested(best)
		if !s.Parsed && parse != nil && (len(best) > 0 || c.lexCandidate(doc.Lang, s.Tokens)) {
			if err := parse(si); err != nil {
				return fmt.Errorf("sentence %d: %w", si, err)
			}
			s = doc.Sentences[si]
		}
		if s.Parsed {
			// The lexicon's triggers that no pattern took, read over the parse.
			taken := map[int]bool{}
			for _, m := range best {
				for _, k := range m.litTokens {
					taken[k] = true
				}
			}
			// One tree for every reading of the parse, and the view reads
			// the same repaired heads (modality reads v.toks).
			v.toks = c.markedObjects(doc.Lang, &v, s.Tokens)
			t := newTree(v.toks)
			best = append(c.dropDemanded(doc.Lang, t, best), c.told(doc, &v, c.frames(doc.Lang, &v, t, taken))...)
			best = dropEffects(t, best)
			best = c.dropRetold(best)
			c.parseSources(doc.Lang, &v, t, best)
			c.reporters(doc.Lang, &v, t, best)
		}
		best = c.dropCovered(doc.Lang, s.Tokens, best)
		c.shareSubjects(doc.Lang, &v, best)
		c.emit(doc, &v, best)
	}
	return nil
}
