package code

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"entente"
	"entente/internal/kb"
	"entente/internal/segment"
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
}

// Code fills doc.Events from doc.Sentences and doc.Mentions. It checks
// ctx between sentences and returns its error once ctx is done.
func (c *Coder) Code(ctx context.Context, doc *entente.Document) error {
	return c.CodeSentences(ctx, doc, 0, len(doc.Sentences))
}

// CodeSentences appends to doc.Events the events of doc.Sentences[from:to],
// which must have their tokens: a long document is coded a run of
// sentences at a time, the runs in order. Quotations are followed inside
// the run only, so each run must begin and end where QuoteCut is true;
// then the events are those Code gives.
func (c *Coder) CodeSentences(ctx context.Context, doc *entente.Document, from, to int) error {
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
		v := sentenceView{idx: si, text: doc.Text, own: bySentence[si], toks: s.Tokens, starts: map[int][]int{}, inside: map[int]int{}, mentions: doc.Mentions, banned: map[int]bool{}, speaker: quoteSpeakers[si-from]}
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
				if m, ok := c.matchAt(doc.Lang, &v, p, ti); ok && len(c.dyads(doc.Lang, &v, m)) > 0 {
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
		if s.Parsed {
			// The lexicon's triggers that no pattern took, read over the parse.
			taken := map[int]bool{}
			for _, m := range best {
				for _, k := range m.litTokens {
					taken[k] = true
				}
			}
			t := newTree(s.Tokens) // one tree for every reading of the parse
			best = append(c.dropDemanded(doc.Lang, t, best), c.told(doc, &v, c.frames(doc.Lang, &v, t, taken))...)
			best = dropEffects(t, best)
			c.parseSources(doc.Lang, &v, t, best)
			c.reporters(doc.Lang, &v, t, best)
		}
		best = c.dropCovered(doc.Lang, s.Tokens, best)
		c.shareSubjects(doc.Lang, &v, best)
		c.emit(doc, &v, best)
	}
	return nil
}

// dropCovered leaves out a match whose first word is an infinitive after
// "to" / "de" / "à" inside a longer match: in "refused to meet the king",
// "meet" belongs to the refusal and is no meeting of its own. {also}
// matches stay.
func (c *Coder) dropCovered(lang string, toks []entente.Token, ms []match) []match {
	out := ms[:0:0]
	for i, m := range ms {
		covered := false
		if len(m.litTokens) == 0 || m.p.Also || m.litTokens[0] == 0 {
			out = append(out, m)
			continue
		}
		if !c.kb.Is(lang, "infinitive", toks[m.litTokens[0]-1].Fold) {
			out = append(out, m)
			continue
		}
		for j, n := range ms {
			if i == j || n.p.lits <= m.p.lits {
				continue
			}
			for _, k := range n.litTokens[1:] {
				if k == m.litTokens[0] {
					covered = true
					break
				}
			}
			if covered {
				break
			}
		}
		if !covered {
			out = append(out, m)
		}
	}
	return out
}

// dropNested leaves out a match whose trigger words all belong to a
// match of more words between the same actors and of the same quad class:
// "a suicide attack on" is a suicide bombing, and its "attack" no second,
// plainer event; "a revendiqué un attentat contre" is a claim and an
// attack. {also} matches stay.
func (c *Coder) dropNested(ms []match) []match {
	quad := func(m match) int {
		if cb := c.kb.Codes[m.p.Code]; cb != nil {
			return cb.Quad
		}
		return 0
	}
	out := ms[:0:0]
	for i, m := range ms {
		nested := false
		for j, n := range ms {
			if i == j || m.p.Also || n.p.Also || n.p.lits <= m.p.lits || len(m.litTokens) == 0 || !slices.Equal(m.src.mentions, n.src.mentions) || !slices.Equal(m.tgt.mentions, n.tgt.mentions) || quad(m) != quad(n) {
				continue
			}
			nested = true
			for _, k := range m.litTokens {
				if !slices.Contains(n.litTokens, k) {
					nested = false
					break
				}
			}
			if nested {
				break
			}
		}
		if !nested {
			out = append(out, m)
		}
	}
	return out
}

// better prefers the pattern with more words, then the closer fit.
func better(a, b *match) bool {
	ra, rb := 4*a.p.lits-a.score, 4*b.p.lits-b.score
	if ra != rb {
		return ra > rb
	}
	return a.p.lits > b.p.lits
}

// markReporters bans from the slots the mentions that report rather than
// act: news media, and whoever follows "selon" / "according to".
func (c *Coder) markReporters(lang string, v *sentenceView, ms []int) {
	for _, mi := range ms {
		m := v.mentions[mi]
		if m.Kind == entente.ReporterMention {
			v.banned[mi] = true
			continue
		}
		// "selon la radio publique kényane", "according to Thai officials"
		for k := m.First - 1; k >= 0 && k >= m.First-5; k-- {
			f := v.toks[k].Fold
			if v.toks[k].Kind == entente.Punct && f != "'" {
				break
			}
			if c.kb.Is(lang, "according", f) || (k > 0 && c.kb.Is(lang, "according", v.toks[k-1].Fold+"_"+f)) {
				v.banned[mi] = true
				break
			}
		}
	}
}

// matchAt tries pattern p with its first word at token ti.
func (c *Coder) matchAt(lang string, v *sentenceView, p *Pattern, ti int) (match, bool) {
	// Elements before the first word are matched right to left from ti,
	// the rest left to right.
	firstLit := 0
	for p.elems[firstLit].kind != lit {
		firstLit++
	}
	var out match
	found := false
	tries := 0
	var walk func(ei, pos int, m match, wide bool)
	walk = func(ei, pos int, m match, wide bool) {
		if tries++; tries > maxMatch*8 {
			return
		}
		if ei == len(p.elems) {
			if !found || m.score < out.score {
				out, found = m, true
			}
			return
		}
		e := p.elems[ei]
		switch e.kind {
		case gap:
			walk(ei+1, pos, m, true)
		case lit:
			limit := litGap
			if wide {
				limit = wideGap
			}
			if ei == firstLit {
				limit = 0
			}
			for k := pos; k < len(v.toks) && k <= pos+limit; k++ {
				if n := litMatch(&e, v.text, v.toks, k); n > 0 {
					m2 := m
					m2.litTokens = append([]int(nil), m.litTokens...)
					for j := k; j < k+n; j++ {
						m2.litTokens = append(m2.litTokens, j)
					}
					m2.score += k - pos
					walk(ei+1, k+n, m2, false)
				}
				if wide && isBarrier(v.toks[k]) && v.toks[k].Fold != "," || !wide && !c.fill(lang, v.toks[k]) {
					break
				}
			}
		case source, target:
			limit := slotGap
			if wide {
				limit = wideGap
			}
			for k := pos; k < len(v.toks) && k <= pos+limit; k++ {
				if k > pos && c.kb.Is(lang, "agent", v.toks[k-1].Fold) {
					// "reçu par le secrétaire d'État": an agent after "par"
					// fills a slot only where the pattern writes "par".
					break
				}
				cands := v.starts[k]
				if mi, ok := v.inside[k]; ok && len(m.litTokens) > 0 && m.litTokens[len(m.litTokens)-1] >= v.mentions[mi].First {
					cands = append(cands[:len(cands):len(cands)], -1-mi)
				}
				for _, mi := range cands {
					partial := mi < 0
					if partial {
						mi = -1 - mi
					}
					s, ok := c.slotAt(v, mi)
					if !ok {
						continue
					}
					if partial {
						s.first, s.partial, s.penalty = k, true, s.penalty+1
					}
					m2 := m
					s.penalty += k - pos
					if e.kind == source {
						m2.src = s
					} else {
						m2.tgt = s
					}
					m2.score += s.penalty
					walk(ei+1, s.last+1, m2, false)
				}
				if isBarrier(v.toks[k]) && !(v.toks[k].Fold == "," && (wide || k == pos)) {
					break
				}
				if !wide && (k > pos || pos > 0 && !c.kb.Is(lang, "preposition", v.toks[pos-1].Fold)) && c.clauseJoin(lang, v, k) {
					// "condamné les frappes et appelé l'ONU à agir": the slot
					// does not reach into the next verb's clause.
					break
				}
			}
		}
	}
	// The first word sits at ti; slots before it are found leftwards.
	if litMatch(&p.elems[firstLit], v.text, v.toks, ti) == 0 {
		return out, false
	}
	if firstLit == 0 {
		walk(0, ti, match{p: p}, false)
	} else {
		// Only one slot ($S or $T), possibly followed by "...", may come
		// before the first word.
		e := p.elems[0]
		wide := firstLit == 2 && p.elems[1].kind == gap
		limit := subjGap
		if wide {
			limit = wideGap
		}
		for _, mi := range v.own {
			m := v.mentions[mi]
			if m.Last >= ti || v.rel[m.First] {
				continue
			}
			// The slot takes the actors coordinated with m: the distance to
			// the verb counts from the last of them ("The US secretary of
			// state and the Chinese foreign minister held talks").
			s, ok := c.slotAt(v, mi)
			if !ok || s.last >= ti {
				continue
			}
			end := s.last
			if dist := ti - end - 1 - v.relBetween(end+1, ti); dist > limit {
				continue
			}
			if !c.leftGapOK(lang, v, end+1, ti, wide) {
				continue
			}
			if e.kind == source && ti-end == 2 && (c.kb.Is(lang, "infinitive", v.toks[end+1].Fold) || v.raw(end+1) == "à") {
				// "urged Russia to withdraw": the actor is asked to act, it
				// does not act.
				continue
			}
			if !wide && ti-1 > end && c.kb.Is(lang, "determiner", v.toks[ti-1].Fold) {
				// "Lebanon condemned the strikes": after an article the word
				// is a noun, and what stands before is no subject of it.
				continue
			}
			if e.kind == source && c.participle(lang, v.toks[ti].Fold) && c.passiveBetween(lang, v, end+1, ti) {
				// "X a été arrêté": X is who was arrested, not who arrested.
				continue
			}
			s.penalty += ti - s.last - 1
			if c.locativeBefore(lang, v, m.First) {
				// "Police in western India fired": India is where, not who.
				if p.Open || p.Home {
					continue
				}
				s.penalty += 4
			}
			m0 := match{p: p, score: s.penalty}
			if e.kind == source {
				m0.src = s
			} else {
				m0.tgt = s
			}
			walk(firstLit, ti, m0, false)
		}
	}
	if !found {
		return out, false
	}
	if p.State {
		return out, len(out.tgt.mentions) > 0
	}
	if p.Speaker {
		return out, len(out.tgt.mentions) > 0 && !v.speaker.IsZero()
	}
	if len(out.src.mentions) == 0 {
		return out, false
	}
	if p.Open || p.Home {
		return out, true
	}
	if p.Mutual {
		// Each pair of the coordinated actors is a dyad.
		if len(out.src.mentions) < 2 {
			return out, false
		}
	} else if len(out.tgt.mentions) == 0 {
		return out, false
	}
	out.p = p
	return out, true
}

// leftGapOK checks the tokens between a subject and the first word.
func (c *Coder) leftGapOK(lang string, v *sentenceView, from, to int, wide bool) bool {
	other := 0
	for k := from; k < to; k++ {
		t := v.toks[k]
		if v.rel[k] {
			continue
		}
		if isBarrier(t) && t.Fold != "," {
			return false
		}
		if !wide && t.Fold != "," && t.Fold != "\"" && t.Fold != "(" && t.Fold != ")" && !c.fill(lang, t) && !t.Upper {
			// A lower-case word that is no filler: the tail of the subject
			// ("des Affaires étrangères"), or an object that ends the clause.
			if !c.kb.Is(lang, "intent", t.Fold) && !c.kb.Is(lang, "negation", t.Fold) && !c.kb.Is(lang, "alleged", t.Fold) && !c.kb.Is(lang, "glue", t.Fold) && t.Fold != "qui" && t.Fold != "who" && t.Fold != "to" {
				if other++; other > 2 {
					return false
				}
			}
		}
	}
	return true
}

// clauseJoin reports whether toks[k] is "et"/"and" before a lower-case
// word that is no determiner, filler or actor: the start of a coordinated
// clause ("et appelé", "and called").
func (c *Coder) clauseJoin(lang string, v *sentenceView, k int) bool {
	t := v.toks[k]
	if t.Fold == "," || !c.kb.Is(lang, "and", t.Fold) || k+1 >= len(v.toks) {
		return false
	}
	n := v.toks[k+1]
	if n.Kind != entente.Word || n.Upper || len(v.starts[k+1]) > 0 {
		return false
	}
	return !c.kb.Is(lang, "glue", n.Fold) && !c.kb.Is(lang, "determiner", n.Fold) && !c.kb.Is(lang, "possessive", n.Fold) && !c.fill(lang, n)
}

func (c *Coder) fill(lang string, t entente.Token) bool {
	return c.kb.Is(lang, "filler", t.Fold) || c.kb.Is(lang, "negation", t.Fold)
}

// isBarrier reports tokens a gap does not cross.
func isBarrier(t entente.Token) bool {
	if t.Kind != entente.Punct {
		return false
	}
	switch t.Fold {
	case ";", ":", ".", "!", "?", "-", ",":
		return true
	}
	return false
}

// litMatch reports how many tokens from toks[k] the word element e
// matches: 0 for none, 1 for a word, more for a several-word alternative.
func litMatch(e *elem, text string, toks []entente.Token, k int) int {
	t := toks[k]
	best := 0
	for _, q := range e.seqs {
		if len(q) > best && k+len(q) <= len(toks) && seqMatch(q, text, toks[k:]) {
			best = len(q)
		}
	}
	if best > 0 {
		return best
	}
	for _, s := range e.stems {
		if t.Kind == entente.Word && t.Stem == s {
			return 1
		}
	}
	for _, x := range e.exact {
		if t.Fold == x {
			return 1
		}
	}
	return 0
}

func seqMatch(q []word, text string, toks []entente.Token) bool {
	for i, w := range q {
		t := toks[i]
		switch {
		case w.lower != "":
			if t.Fold != w.exact || lowerAsWritten(text[t.Start:t.End]) != w.lower {
				return false
			}
		case w.exact != "":
			if t.Fold != w.exact {
				return false
			}
		case t.Kind != entente.Word || t.Stem != w.stem:
			return false
		}
	}
	return true
}

// slotAt fills a slot with mention mi and the mentions coordinated with it.
func (c *Coder) slotAt(v *sentenceView, mi int) (slot, bool) {
	m := v.mentions[mi]
	if v.banned[mi] || m.Actor.Country == "" && m.Actor.Org == "" && m.Actor.ID == "" {
		return slot{}, false
	}
	s := slot{first: m.First, last: m.Last, mentions: []int{mi}}
	switch m.Kind {
	case entente.ActorMention, entente.PronounMention:
	case entente.PlaceMention:
		s.penalty = 2
	default:
		return slot{}, false
	}
	if m.Group > 0 {
		for k := mi + 1; k < len(v.mentions) && v.mentions[k].Sentence == m.Sentence; k++ {
			o := v.mentions[k]
			if o.Group != m.Group {
				continue
			}
			if !v.banned[k] && (o.Actor.Country != "" || o.Actor.Org != "" || o.Actor.ID != "") {
				s.mentions = append(s.mentions, k)
			}
			s.last = o.Last
		}
	}
	return s, true
}

// emit turns matches into events, one per (source, target, code).
func (c *Coder) emit(doc *entente.Document, v *sentenceView, ms []match) {
	s := doc.Sentences[v.idx]
	attributed := c.attribution(doc, v)
	speakers := c.speakers(doc.Lang, v)
	seen := map[string]bool{}
	// An act with a named target makes the same act without one ({open},
	// {home}) by either party redundant: "Russia agreed to the ceasefire
	// with Ukraine".
	covered := map[string]bool{}
	for _, m := range ms {
		if !m.p.Open && !m.p.Home {
			code, _ := c.codeOf(doc.Lang, v, m)
			for _, pr := range c.dyads(doc.Lang, v, m) {
				// Either side: "A et son homologue B ont signé un accord".
				covered[actorKey(pr[0])+"|"+code[:2]] = true
				covered[actorKey(pr[1])+"|"+code[:2]] = true
			}
		}
	}
	for _, m := range ms {
		code, modality := c.codeOf(doc.Lang, v, m)
		cb := c.kb.Codes[code]
		if cb == nil {
			continue
		}
		hostile := cb.Quad >= 3 && len(m.reporter.mentions) > 0
		if hostile && modality == entente.Asserted {
			modality = entente.Alleged
		}
		first, last := m.litTokens[0], m.litTokens[len(m.litTokens)-1]
		trigger := doc.Text[v.toks[first].Start:v.toks[last].End]
		if last-first > 6 {
			var words []string
			for _, k := range m.litTokens {
				words = append(words, doc.Text[v.toks[k].Start:v.toks[k].End])
			}
			trigger = strings.Join(words, " … ")
		}
		for _, pr := range c.dyads(doc.Lang, v, m) {
			code, cb := code, cb
			if fighting(code, pr[0], pr[1]) {
				code, cb = "190", c.kb.Codes["190"]
			}
			key := actorKey(pr[0]) + "|" + actorKey(pr[1]) + "|" + code
			if (m.p.Open || m.p.Home) && covered[actorKey(pr[0])+"|"+code[:2]] {
				continue
			}
			// Two people of one side doing one act are one event of that
			// side: "the president and the foreign minister condemned".
			coded := codedKey(pr[0]) + "|" + codedKey(pr[1]) + "|" + code
			if seen[key] || seen[coded] {
				continue
			}
			seen[key] = true
			if codedKey(pr[0]) != "" && codedKey(pr[1]) != "" {
				seen[coded] = true
			}
			attr := attributed
			for _, sp := range speakers {
				if a := v.mentions[sp].Actor; !sameActor(a, pr[0]) && !sameActor(a, pr[1]) && !containsName(attr, a.Name) {
					attr = append(attr[:len(attr):len(attr)], a.Name)
				}
			}
			doc.Events = append(doc.Events, entente.Event{
				Doc: doc.ID, Code: code, Root: code[:2], Quad: cb.Quad, Goldstein: cb.Goldstein, Plover: cb.Plover,
				Source: pr[0], Target: pr[1],
				Modality:     modality,
				AttributedTo: attr,
				Evidence:     entente.Evidence{Text: doc.Text[s.Start:s.End], Start: s.Start, End: s.End, Trigger: trigger},
				Rule:         m.p.Rule,
				Frame:        m.frame,
				Confidence:   confidence(m, v),
				Sentence:     v.idx,
				TriggerSpan:  entente.Span{Start: v.toks[first].Start, End: v.toks[last].End},
			})
			if hostile {
				c.accusation(doc, v, m, pr[0], seen)
			}
		}
	}
}

// fighting reports a violent clash (145, the riot of a crowd) between two
// armed sides, or a state and an armed side: soldiers, police, rebels,
// spies or a government clashing with one another fight (190).
func fighting(code string, a, b entente.Actor) bool {
	armed := func(x entente.Actor) bool {
		switch x.Sector {
		case "MIL", "REB", "COP", "SPY", "GOV":
			return true
		}
		return false
	}
	return code == "145" && armed(a) && armed(b)
}

// accusation adds, for a hostile act told by someone else, that
// reporter's accusation (112) against the act's source.
func (c *Coder) accusation(doc *entente.Document, v *sentenceView, m match, accused entente.Actor, seen map[string]bool) {
	cb := c.kb.Codes["112"]
	if cb == nil {
		return
	}
	s := doc.Sentences[v.idx]
	for _, mi := range m.reporter.mentions {
		r := v.mentions[mi].Actor
		key := actorKey(r) + "|" + actorKey(accused) + "|112"
		// A side that tells its own act accuses no one ("Washington said
		// US forces struck ...").
		own := r.Country != "" && r.Country == accused.Country || r.Org != "" && r.Org == accused.Org
		if own || v.mentions[mi].Guessed || sameActor(r, accused) || r.Country == "" && r.Org == "" && r.ID == "" || seen[key] {
			continue
		}
		seen[key] = true
		rt := m.reporter.first
		doc.Events = append(doc.Events, entente.Event{
			Doc: doc.ID, Code: "112", Root: "11", Quad: cb.Quad, Goldstein: cb.Goldstein, Plover: cb.Plover,
			Source: r, Target: accused,
			Modality:    entente.Asserted,
			Evidence:    entente.Evidence{Text: doc.Text[s.Start:s.End], Start: s.Start, End: s.End, Trigger: doc.Text[v.toks[rt].Start:v.toks[m.reporter.last].End]},
			Rule:        "reported speech: " + m.p.Rule,
			Frame:       "the reporter of an act it holds against its source",
			Confidence:  confidence(m, v) - 0.1,
			Sentence:    v.idx,
			TriggerSpan: entente.Span{Start: v.toks[rt].Start, End: v.toks[m.reporter.last].End},
		})
	}
}

// codeOf is the code and modality a match gives: a planned or promised
// act takes its intention code.
func (c *Coder) codeOf(lang string, v *sentenceView, m match) (string, string) {
	code := m.p.Code
	if m.refused || c.refusal(lang, v, m) {
		if rc := c.kb.RefusalCode(code); rc != "" {
			return rc, entente.Asserted
		}
	}
	modality := m.p.Modality
	if modality == "" {
		modality = c.modality(lang, v, m)
	}
	if modality == entente.Intended && !strings.HasPrefix(code, "03") && !strings.HasPrefix(code, "13") {
		if ic := c.kb.IntentCode(code); ic != "" {
			code = ic
		}
	}
	return code, modality
}

// dyads lists the (source, target) pairs a match codes: every source with
// every target; every pair of a {mutual} pattern's actors; the authorities
// of the target's country for a {state} pattern; both directions for a
// {symmetric} one. An actor is never paired with itself.
// jointly reports whether an {open} match's source is two or more
// coordinated actors of different states or organisations, none of them
// a domestic group, doing a cooperative act (quad 1 or 2 of the codebook).
func (c *Coder) jointly(lang string, v *sentenceView, m match) bool {
	if len(m.src.mentions) < 2 {
		return false
	}
	if cb := c.kb.Codes[m.p.Code]; cb == nil || cb.Quad > 2 {
		return false
	}
	sides := map[string]bool{}
	for _, mi := range m.src.mentions {
		a := c.slotActor(lang, v, mi, false)
		switch {
		case a.Country == "" && a.Org == "":
			return false
		case a.Org == "":
			switch a.Sector {
			case "", "GOV", "MIL":
			default:
				return false
			}
		}
		sides[a.Country+"|"+a.Org] = true
	}
	return len(sides) >= 2
}

func (c *Coder) dyads(lang string, v *sentenceView, m match) [][2]entente.Actor {
	src := func(mi int) entente.Actor {
		return c.slotActor(lang, v, mi, m.src.partial && !m.p.Mutual && mi == m.src.mentions[0])
	}
	tgt := func(mi int) entente.Actor {
		return c.slotActor(lang, v, mi, m.tgt.partial && mi == m.tgt.mentions[0])
	}
	var out [][2]entente.Actor
	add := func(a, b entente.Actor) {
		if sameActor(a, b) || a.Country == "" && a.Org == "" && a.ID == "" {
			return
		}
		out = append(out, [2]entente.Actor{a, b})
		if m.p.Symmetric {
			out = append(out, [2]entente.Actor{b, a})
		}
	}
	switch {
	case m.p.Mutual:
		for i, a := range m.src.mentions {
			for _, b := range m.src.mentions[i+1:] {
				add(src(a), src(b))
			}
		}
	case m.p.Open && c.jointly(lang, v, m):
		// Coordinated states that agree, promise or cooperate with no
		// other party named do it with each other: "Ghana and Togo
		// pledged to cooperate".
		for i, a := range m.src.mentions {
			for _, b := range m.src.mentions[i+1:] {
				add(src(a), src(b))
				add(src(b), src(a))
			}
		}
	case m.p.Open:
		// A domestic group's untargeted act addresses its own government:
		// "the protesters demanded elections". A state's stays untargeted.
		for _, a := range m.src.mentions {
			s := src(a)
			switch s.Sector {
			case "CVL", "OPP", "REB", "BUS", "MED", "LEG", "REF":
				if s.Country != "" && s.Org == "" {
					add(s, c.homeActor(lang, s.Country, "GOV"))
					continue
				}
			}
			add(s, entente.Actor{})
		}
	case m.p.Home:
		for _, a := range m.src.mentions {
			s := src(a)
			if s.Country == "" {
				// An organisation has no home: the target is unknown.
				add(s, entente.Actor{})
				continue
			}
			sector := "GOV"
			switch s.Sector {
			case "GOV", "MIL", "COP", "JUD", "SPY", "LEG":
				sector = "CVL"
			}
			add(s, c.homeActor(lang, s.Country, sector))
		}
	case m.p.Speaker:
		for _, b := range m.tgt.mentions {
			add(v.speaker, tgt(b))
		}
	case m.p.State:
		// The authorities may arrest one of their own: "un ancien ministre
		// malien a été écroué" is MLI/GOV against MLI/GOV.
		for _, b := range m.tgt.mentions {
			if t := tgt(b); t.Country != "" {
				out = append(out, [2]entente.Actor{{Name: "authorities", Country: t.Country, Sector: "GOV", Code: t.Country + "GOV"}, t})
			}
		}
	default:
		for _, a := range m.src.mentions {
			for _, b := range m.tgt.mentions {
				add(src(a), tgt(b))
			}
		}
	}
	return out
}

// homeActor is the government or the people of a country.
func (c *Coder) homeActor(lang, country, sector string) entente.Actor {
	h := entente.Actor{Name: country, Country: country, Sector: sector, Code: country + sector}
	if cty := c.kb.Countries[country]; cty != nil {
		h.Name = cty.Names[lang]
	}
	return h
}

// slotActor is the actor of mention mi, or only its country when the
// pattern's words took the head of the mention.
func (c *Coder) slotActor(lang string, v *sentenceView, mi int, partial bool) entente.Actor {
	a := v.mentions[mi].Actor
	if !partial || a.Country == "" || a.ID != "" && !v.mentions[mi].Person {
		// A named group keeps its name: "un commando du Hezbollah"
		// is the group, "ses troupes du Mali" the country.
		return a
	}
	name := a.Country
	if cty := c.kb.Countries[a.Country]; cty != nil {
		name = cty.Names[lang]
	}
	return entente.Actor{Name: name, Country: a.Country, Code: a.Country}
}

func actorKey(a entente.Actor) string {
	if a.ID != "" {
		return a.ID
	}
	return a.Country + "/" + a.Org + "/" + a.Sector
}

// codedKey is the side an actor codes as (country or organisation, and
// sector), "" when it codes as no side.
func codedKey(a entente.Actor) string {
	if a.Country == "" && a.Org == "" {
		return ""
	}
	return a.Country + "/" + a.Org + "/" + a.Sector
}

func sameActor(a, b entente.Actor) bool {
	if a.ID != "" || b.ID != "" {
		return a.ID == b.ID
	}
	return a.Country == b.Country && a.Org == b.Org && a.Sector == b.Sector
}

// confidence falls with the tokens a match skipped and rises with the
// words the pattern names.
func confidence(m match, v *sentenceView) float64 {
	c := 0.5 + 0.1*float64(m.p.lits) - 0.03*float64(m.score)
	// An actor whose country was guessed from the story ("police" in a
	// story filed from Dakar) makes the event less certain.
	for _, sl := range []slot{m.src, m.tgt} {
		for _, mi := range sl.mentions {
			if v.mentions[mi].Guessed {
				c -= 0.1
				break
			}
		}
		// An actor a pronoun or a noun phrase refers back to is as sure
		// as the link.
		for _, mi := range sl.mentions {
			if l := v.mentions[mi].Link; l > 0 {
				c -= 0.5 * (1 - l)
				break
			}
		}
	}
	switch {
	case c > 0.95:
		return 0.95
	case c < 0.2:
		return 0.2
	}
	return float64(int(c*100+0.5)) / 100
}

// modality reads negation, intention, allegation and condition from the
// words just before the pattern's first word and those right after it,
// leaving out the pattern's own words ("accused" is a trigger, not a doubt).
func (c *Coder) modality(lang string, v *sentenceView, m match) string {
	first, last := m.litTokens[0], m.litTokens[len(m.litTokens)-1]
	from := first - 4
	if len(m.src.mentions) > 0 && m.src.last < first && m.src.last+1 > from {
		from = m.src.last + 1
	}
	if from < 0 {
		from = 0
	}
	to := first + 2
	if to > last {
		to = last
	}
	own := map[int]bool{}
	for _, k := range m.litTokens {
		own[k] = true
	}
	negative := false
	for _, k := range m.context {
		own[k] = true
		negative = negative || c.kb.Is(lang, "negation", v.toks[k].Fold)
	}
	has := func(class string) bool {
		for k := from; k <= to; k++ {
			if own[k] {
				continue
			}
			f := v.toks[k].Fold
			if c.kb.Is(lang, class, f) || (k+1 <= to && !own[k+1] && c.kb.Is(lang, class, f+"_"+v.toks[k+1].Fold)) {
				return true
			}
		}
		return false
	}
	switch {
	case !negative && has("negation"):
		return entente.Negated
	case has("condition"):
		return entente.Conditional
	case has("intent") || c.anyFuture(lang, v, m.litTokens) || c.plannedNoun(lang, v, first):
		return entente.Intended
	case has("alleged"):
		return entente.Alleged
	}
	return entente.Asserted
}

// refusal reports words of the "refusal" class among the four words
// before the trigger (after the source) and the trigger's first words:
// "refused to sign", "will not accept", "would not cooperate", "a refusé
// de signer".
func (c *Coder) refusal(lang string, v *sentenceView, m match) bool {
	if len(m.litTokens) == 0 {
		return false
	}
	first, last := m.litTokens[0], m.litTokens[len(m.litTokens)-1]
	from := first - 4
	if len(m.src.mentions) > 0 && m.src.last < first && m.src.last+1 > from {
		from = m.src.last + 1
	}
	to := min(first+2, last)
	for k := max(from, 0); k <= to; k++ {
		f := v.toks[k].Fold
		if c.kb.Is(lang, "refusal", f) || k+1 <= to && c.kb.Is(lang, "refusal", f+"_"+v.toks[k+1].Fold) {
			return true
		}
	}
	return false
}

// plannedNoun reports an event noun whose verb of the "happen" class
// tells it as to come: "la rencontre aura lieu lundi", "le sommet se
// tiendra à Pékin", "la visite est prévue".
func (c *Coder) plannedNoun(lang string, v *sentenceView, k int) bool {
	t := v.toks[k]
	if t.UPOS != "NOUN" || !strings.HasPrefix(t.Deprel, "nsubj") || t.Head < 0 || t.Head >= len(v.toks) {
		return false
	}
	h := v.toks[t.Head]
	if !c.kb.Is(lang, "happen", segment.Fold(h.Lemma)) {
		return false
	}
	return c.kb.EndsIn(lang, "future-ending", h.Fold) || c.kb.Is(lang, "intent", h.Fold)
}

func (c *Coder) anyFuture(lang string, v *sentenceView, ks []int) bool {
	for _, k := range ks {
		if c.kb.EndsIn(lang, "future-ending", v.toks[k].Fold) {
			return true
		}
	}
	return false
}

// attribution lists the reporting sources of a sentence: the media it
// names and whoever "selon" / "according to" introduces.
func (c *Coder) attribution(doc *entente.Document, v *sentenceView) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, mi := range v.own {
		m := v.mentions[mi]
		if !v.banned[mi] {
			continue
		}
		name := m.Actor.Name
		if m.Actor.ID == "" && m.Kind == entente.ActorMention {
			name = doc.Text[m.Start:m.End]
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// speakers finds who speaks in a sentence: the actor just before or just
// after a reporting verb ("Haley told", "a déclaré le ministre"). Events
// the speaker is not part of are attributed to them.
// quoteSpeakers finds, for each sentence inside a quotation (« … »), who
// speaks it: the actor beside the reporting verb after the quote closes
// ("», a souligné le ministère"), in the sentence where it closes. It
// reads doc.Sentences[from:to]; out[i] is sentence from+i's speaker.
func (c *Coder) quoteSpeakers(doc *entente.Document, bySentence [][]int, from, to int) []entente.Actor {
	out := make([]entente.Actor, to-from)
	open := -1 // the sentence where the pending quote opened
	for si := from; si < to; si++ {
		s := doc.Sentences[si]
		closed := false
		for _, t := range s.Tokens {
			switch doc.Text[t.Start:t.End] {
			case "«", "“":
				if open < 0 {
					open = si
				}
			case "»", "”":
				if open >= 0 {
					closed = true
				}
			case "\"":
				if open < 0 {
					open = si
				} else {
					closed = true
				}
			}
		}
		if open < 0 || !closed {
			if open >= 0 && si-open > quoteReach {
				open = -1 // an unbalanced mark: give up
			}
			continue
		}
		v := sentenceView{toks: s.Tokens, mentions: doc.Mentions, own: bySentence[si], banned: map[int]bool{}}
		c.markReporters(doc.Lang, &v, bySentence[si])
		var who entente.Actor
		for _, mi := range c.speakers(doc.Lang, &v) {
			if m := doc.Mentions[mi]; !m.Actor.IsZero() {
				who = m.Actor
				break
			}
		}
		for k := open; k <= si; k++ {
			out[k-from] = who
		}
		open = -1
	}
	return out
}

// quoteReach is how many sentences after the one that opens it a
// quotation may close; past that its mark is taken as unbalanced.
const quoteReach = 5

// QuoteCut reports whether a quotation can be open across the start of
// sentence si (for CodeSentences): not when a quotation mark stands in
// the sentences before it within quoteReach+1.
func QuoteCut(doc *entente.Document, si int) bool {
	for k := max(0, si-quoteReach-1); k < si; k++ {
		s := doc.Sentences[k]
		if strings.ContainsAny(doc.Text[s.Start:s.End], "«“»”\"") {
			return false
		}
	}
	return true
}

func (c *Coder) speakers(lang string, v *sentenceView) []int {
	var out []int
	for k, t := range v.toks {
		if !c.kb.Is(lang, "reported", t.Fold) && !(k > 0 && c.kb.Is(lang, "reported", v.toks[k-1].Fold+"_"+t.Fold)) {
			continue
		}
		for _, mi := range v.own {
			m := v.mentions[mi]
			if v.banned[mi] || m.Kind == entente.PlaceMention {
				continue
			}
			if m.Last < k && k-m.Last <= 3 && c.onlyFillers(lang, v.toks[m.Last+1:k]) || m.First > k && m.First-k <= 3 {
				out = append(out, mi)
			}
		}
	}
	return out
}

// onlyFillers reports whether toks are auxiliaries and adverbs, with no
// comma: "Haley told", "le ministre a déclaré", not "X, a annoncé Y".
func (c *Coder) onlyFillers(lang string, toks []entente.Token) bool {
	for _, t := range toks {
		if t.Fold == "," || !c.fill(lang, t) {
			return false
		}
	}
	return true
}

func containsName(list []string, name string) bool {
	for _, x := range list {
		if x == name {
			return true
		}
	}
	return false
}

// shareSubjects gives a verb coordinated with an earlier one the earlier
// verb's subject: in "Moscow summoned the envoy and expelled two German
// diplomats", Moscow expelled, not the envoy.
func (c *Coder) shareSubjects(lang string, v *sentenceView, ms []match) {
	for i := range ms {
		m := &ms[i]
		if len(m.p.elems) == 0 || m.p.elems[0].kind != source || m.p.Mutual {
			continue
		}
		k := m.litTokens[0] - 1
		for k >= 0 && c.fill(lang, v.toks[k]) && v.toks[k].Fold != "," {
			k--
		}
		// ", tuant cinq civils", ", killing five civilians": the clause's
		// subject is the sentence's.
		participial := k >= 0 && v.toks[k].Fold == "," && c.kb.EndsIn(lang, "gerund-ending", v.toks[m.litTokens[0]].Fold)
		if k < 0 || !participial && (!c.kb.Is(lang, "and", v.toks[k].Fold) || v.toks[k].Fold == ",") {
			continue
		}
		// The subject found is the earlier verb's object: take its subject.
		if i > 0 {
			prev := ms[i-1]
			if prev.p.elems[0].kind == source && len(prev.src.mentions) > 0 && m.src.first > prev.litTokens[0] {
				m.src = prev.src
			}
			continue
		}
		// No verb coded before the participle: the sentence's first actor.
		if participial {
			for _, mi := range v.own {
				a := v.mentions[mi]
				if a.Last >= k || a.Kind != entente.ActorMention || c.locativeBefore(lang, v, a.First) {
					continue
				}
				if s, ok := c.slotAt(v, mi); ok && s.last < k {
					m.src = s
				}
				break
			}
		}
	}
}

// relatives marks relative clauses set off by commas: from a comma followed
// by a relative pronoun to the next comma.
func (c *Coder) relatives(lang string, toks []entente.Token, starts map[int][]int) []bool {
	rel := make([]bool, len(toks)+1)
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Fold != "," || !c.kb.Is(lang, "relative", toks[i+1].Fold) {
			continue
		}
		if toks[i+1].Fold == "dont" && (len(starts[i+2]) > 0 || i+3 < len(toks) && c.kb.Is(lang, "glue", toks[i+2].Fold) && len(starts[i+3]) > 0) {
			// "Plusieurs pays, dont la Chine et l'Inde, ont …": "dont"
			// brings in a list of actors, not a clause.
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].Fold != "," && !isBarrier(toks[j]) {
			j++
		}
		if j < len(toks) && toks[j].Fold == "," {
			for k := i; k <= j; k++ {
				rel[k] = true
			}
			i = j - 1
		}
	}
	return rel
}

// relBetween counts relative-clause tokens in [from, to).
func (v *sentenceView) relBetween(from, to int) int {
	n := 0
	for k := from; k < to; k++ {
		if v.rel[k] {
			n++
		}
	}
	return n
}

// locativeBefore reports whether the phrase at token i follows a locative
// preposition of the language (words.tsv), with at most one word between
// ("in western India").
func (c *Coder) locativeBefore(lang string, v *sentenceView, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if c.kb.Is(lang, "locative", v.toks[k].Fold) && (lang != "fr" || v.toks[k].Fold != "a" || v.raw(k) == "à") {
			return true
		}
		if v.toks[k].Kind != entente.Word {
			return false
		}
	}
	return false
}

// passiveBetween reports a passive auxiliary ("été", "was", "been")
// just before a trigger, with nothing but adverbs after it.
func (c *Coder) passiveBetween(lang string, v *sentenceView, from, to int) bool {
	for k := to - 1; k >= from; k-- {
		f := v.toks[k].Fold
		if c.kb.Is(lang, "passive", f) {
			return true
		}
		if !c.fill(lang, v.toks[k]) || f == "," {
			return false
		}
	}
	return false
}

// participle guesses whether a word can be a past participle: one of the
// language's irregular participles or a word with a participle ending.
func (c *Coder) participle(lang, w string) bool {
	return c.kb.Is(lang, "participle", w) || c.kb.EndsIn(lang, "participle-ending", w)
}

// raw is token k as written.
func (v *sentenceView) raw(k int) string { return v.text[v.toks[k].Start:v.toks[k].End] }
