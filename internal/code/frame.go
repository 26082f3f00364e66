package code

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"entente"
	"entente/internal/segment"
)

// Frames read events from the parse: a lexicon trigger (a verb by its
// lemma) takes its source from its subject and its target from its
// object, or from a preposition of the language's "frametarget" class
// (words.tsv). A passive subject is the target and the agent ("by" /
// "par") the source; a verb coordinated with another, a control verb's
// complement ("decided to expel") and a relative clause find their
// subject through the tree.

// tree is the dependency tree of one parsed sentence.
type tree struct {
	toks []entente.Token
	kids [][]int
}

func newTree(toks []entente.Token) *tree {
	t := &tree{toks: toks, kids: make([][]int, len(toks))}
	for i, tk := range toks {
		if tk.Head >= 0 && tk.Head < len(toks) {
			t.kids[tk.Head] = append(t.kids[tk.Head], i)
		}
	}
	return t
}

// rel is the relation of token i without its subtype ("nsubj:pass" →
// "nsubj"); full gives it whole.
func (t *tree) rel(i int) string {
	r, _, _ := strings.Cut(t.toks[i].Deprel, ":")
	return r
}

// child is the first child of i whose relation is one of rels (whole
// relations, subtypes included: "nsubj:pass").
func (t *tree) child(i int, rels ...string) int {
	for _, k := range t.kids[i] {
		for _, r := range rels {
			if t.toks[k].Deprel == r {
				return k
			}
		}
	}
	return -1
}

// caseWord is the folded preposition that marks token i ("with" in
// "with Iran"), or "".
func (t *tree) caseWord(i int) string {
	for _, k := range t.kids[i] {
		if t.rel(k) == "case" {
			return t.toks[k].Fold
		}
	}
	return ""
}

// frames codes the lexicon triggers of a parsed sentence that no pattern
// took. taken marks the tokens of the patterns' matches.
func (c *Coder) frames(lang string, v *sentenceView, t *tree, taken map[int]bool) []match {
	if c.lex == nil {
		return nil
	}
	var out []match
	for i, tk := range v.toks {
		noun := tk.UPOS == "NOUN"
		// A light-verb compound ("دیدار کرد", "بازداشت شد": compound:lvc)
		// is a verb named by its noun: the noun's entries, the light
		// verb's arguments, and the light verb among the context words
		// ("040 دیدار_کرد").
		verb, lits := i, []int{i}
		if h := tk.Head; tk.Deprel == "compound:lvc" && h >= 0 && t.toks[h].UPOS == "VERB" && !taken[h] {
			noun, verb, lits = false, h, []int{i, h}
		} else if !noun && tk.UPOS != "VERB" {
			continue
		}
		if taken[i] || tk.Lemma == "" {
			continue
		}
		var es []*Entry
		for _, e := range c.lexEntries(lang, segment.Fold(tk.Lemma), tk.Stem) {
			if e.Noun == noun {
				es = append(es, e)
			}
		}
		if len(es) == 0 {
			continue
		}
		e, context := c.entryFor(t, verb, es)
		if e == nil || e.Code == "" {
			continue
		}
		i := verb
		var src, tgt slot
		var frame string
		refused, state := false, false
		if noun {
			if !c.nounRealis(lang, t, i) {
				continue
			}
			src, tgt, frame = c.nounArguments(lang, v, t, i)
		} else {
			if !c.realis(lang, t, i) {
				// A cooperative act refused is a rejection: "Hungary
				// refused to sign the declaration with Poland".
				if !c.refused(lang, t, i) || c.kb.RefusalCode(e.Code) == "" {
					continue
				}
				refused = true
			}
			src, tgt, frame = c.arguments(lang, v, t, i, context)
			if len(src.mentions) == 0 && len(tgt.mentions) > 0 && c.impersonal(lang, t, i) {
				if s, how := c.impersonalSource(lang, v, t, i); len(s.mentions) > 0 {
					src, frame = s, frame+"; source: "+how
				} else if c.kb.Is(lang, "impersonalroot", e.Code[:2]) {
					src, state, frame = tgt, true, frame+"; source: the authorities of the target's country"
				}
			}
			if refused {
				frame += "; refused"
			}
		}
		p := e.pattern
		if state {
			sp := *e.pattern
			sp.State = true
			p = &sp
		}
		untold := false
		mutual := len(tgt.mentions) == 0 && (c.kb.Is(lang, "mutualroot", e.Code[:2]) || c.kb.Is(lang, "mutualroot", e.Code)) ||
			c.reciprocal(lang, t, i) && c.kb.Is(lang, "reciprocalroot", e.Code[:2])
		if mutual && len(src.mentions) >= 2 && !noun && t.child(i, "nsubj") >= 0 {
			// Coordinated subjects of a joint act, the verb's own:
			// "Uruguay and Paraguay consulted" (not "..., calling it"),
			// or of a reciprocal one: "A et B s'affrontent à Khartoum".
			p, frame = e.mutual, frame+"; coordinated subjects, each pair"
		} else if !noun && len(src.mentions) == 0 && len(tgt.mentions) > 0 && c.agentless(lang, v, t, i) {
			untold, frame = true, frame+"; no agent told: source unknown"
			if s, how := c.doerOf(lang, v, t, i, tgt); len(s.mentions) > 0 {
				src, frame = s, frame+"; no agent, source: "+how
			}
		} else if len(src.mentions) == 0 || len(tgt.mentions) == 0 {
			continue
		}
		m := match{p: p, src: src, tgt: tgt, litTokens: lits, context: context, frame: frame, refused: refused, untold: untold}
		if !c.foreign(lang, v, m) || c.actSlot(lang, v, m) {
			continue
		}
		out = append(out, m)
	}
	return carried(out)
}

// carried leaves out an event noun's match when a verb's match took the
// noun as its context word: "imposed sanctions on X", "übernahm die
// EU-Strafmaßnahmen gegen X" tell one act, the verb's, and sanctions
// threatened or announced ("drohte mit Sanktionen") are none taken.
func carried(ms []match) []match {
	out := ms[:0:0]
	for i, m := range ms {
		drop := false
		for j, n := range ms {
			drop = drop || j != i && len(m.litTokens) == 1 &&
				!slices.Contains(n.litTokens, m.litTokens[0]) && slices.Contains(n.context, m.litTokens[0])
		}
		if !drop {
			out = append(out, m)
		}
	}
	return out
}

// impersonal reports a verb told without a subject in a language whose
// third person plural says "they" of the authorities (words.tsv
// impersonalend: Russian "вызвали посла", "задержали журналистов"), or
// in its passive without an agent ("были задержаны").
func (c *Coder) impersonal(lang string, t *tree, i int) bool {
	if len(c.kb.Words[lang]["impersonalend"]) == 0 {
		return false
	}
	if t.child(i, "nsubj:pass") >= 0 || t.child(i, "aux:pass") >= 0 && t.child(i, "nsubj") < 0 {
		return true
	}
	return t.child(i, "nsubj") < 0 && c.kb.EndsIn(lang, "impersonalend", t.toks[i].Fold)
}

// impersonalSource finds who did an impersonal act: a state body after a
// preposition of the impersonalsource class ("в правительстве
// Финляндии осудили"). Without one, an act of the impersonalroot class is the
// authorities' of the target's country ("в Минске задержали активистов").
func (c *Coder) impersonalSource(lang string, v *sentenceView, t *tree, i int) (slot, string) {
	for _, k := range t.kids[i] {
		if t.rel(k) != "obl" || !c.kb.Is(lang, "impersonalsource", t.caseWord(k)) {
			continue
		}
		if s := c.slotOf(lang, v, t, k); len(s.mentions) > 0 {
			m := v.mentions[s.mentions[0]]
			if m.Kind == entente.ActorMention && m.Actor.Sector != "" && m.Actor.Country != "" {
				return s, "the body the act took place in, \"" + t.toks[k].Fold + "\""
			}
		}
	}
	return slot{}, ""
}

// agentless reports a verb of the "agentlessverb" class of words.tsv (acts
// of violence whose doer news often leaves untold) in the passive, with a
// subject of its own and no agent: "four soldiers were killed in an
// ambush", "two police officers were wounded". The act is coded with an
// unknown source, unless it only sets a scene (a relative or adverbial
// clause: "the province where ten people were killed", "struck after four
// soldiers were killed") or the sentence names an agent ("killed by a
// roadside bomb"; "the rockets were fired by the militia, and a nurse was
// hurt": the doer is told, if not as an actor or not for this verb).
func (c *Coder) agentless(lang string, v *sentenceView, t *tree, i int) bool {
	if !c.kb.Is(lang, "agentlessverb", segment.Fold(t.toks[i].Lemma)) || t.child(i, "nsubj:pass") < 0 {
		return false
	}
	switch t.toks[i].Deprel {
	case "acl:relcl", "acl", "advcl":
		return false
	}
	for _, k := range t.kids[i] {
		if c.kb.Is(lang, "relative", t.toks[k].Fold) {
			return false // "where nine officers were killed", parsed as a conjunct
		}
	}
	for k := range t.toks {
		if r := t.rel(k); r == "obl:agent" || r == "obl" && c.kb.Is(lang, "frameagent", t.caseWord(k)) {
			return false
		}
	}
	return true
}

// dropRetold leaves out an act read from a passive without an agent
// whose target is a side of another hostile act (quad 3 or 4: a clash) of the
// sentence: "the soldiers clashed with the militants, and four of them
// were killed" tells one fight.
func (c *Coder) dropRetold(ms []match) []match {
	out := ms[:0:0]
	for i, m := range ms {
		retold := false
		for j, n := range ms {
			if j == i || !m.untold || n.untold {
				continue
			}
			if cb := c.kb.Codes[n.p.Code]; cb != nil && cb.Quad >= 3 && (overlaps(m.tgt.mentions, n.tgt.mentions) || overlaps(m.tgt.mentions, n.src.mentions)) {
				retold = true
				break
			}
		}
		if !retold {
			out = append(out, m)
		}
	}
	return out
}

// doerOf finds, for a violent act told in the passive without an agent,
// the doer named in its phrase of circumstance: a noun of the
// "violencenoun" class of words.tsv with an actor before it or after a
// preposition of the "doerprep" class ("killed in clashes with Kurdish
// militants", "in an attack by Boko Haram", "in a Turkish drone strike").
func (c *Coder) doerOf(lang string, v *sentenceView, t *tree, i int, tgt slot) (slot, string) {
	doer := func(s slot) bool {
		if len(s.mentions) == 0 || v.mentions[s.mentions[0]].Kind == entente.PlaceMention {
			return false
		}
		return !overlaps(s.mentions, tgt.mentions)
	}
	// The noun may hang on the verb or on another phrase of it: "two
	// guards were wounded on Friday night in fighting with the rebels".
	var nouns []int
	for _, k := range t.kids[i] {
		if t.rel(k) != "obl" {
			continue
		}
		nouns = append(nouns, k)
		for _, n := range t.kids[k] {
			if t.rel(n) == "nmod" {
				nouns = append(nouns, n)
			}
		}
	}
	for _, k := range nouns {
		if !c.kb.Is(lang, "violencenoun", segment.Fold(t.toks[k].Lemma)) {
			continue
		}
		if s := c.slotOf(lang, v, t, k); doer(s) {
			return s, "actor of " + fmt.Sprintf("%q", v.raw(k))
		}
		for _, n := range t.kids[k] {
			if cw := t.caseWord(n); t.rel(n) == "nmod" && c.kb.Is(lang, "doerprep", cw) {
				if s := c.slotOf(lang, v, t, n); doer(s) {
					return s, fmt.Sprintf("%q", v.raw(k)) + "'s nmod " + cw
				}
			}
		}
	}
	return slot{}, ""
}

// lexEntries lists the lexicon entries of a folded lemma or, when it has
// none, of the lemma without a proclitic of the language (the Arabic
// model may leave "و" or "ب" on a lemma it has not seen: "وأدان"); then,
// in a language of the triggerstem class (words.tsv: its small model
// lemmatizes unseen forms wrongly, "استدعت" as "استدع"), of the trigger
// lemmas whose stem is the token's.
func (c *Coder) lexEntries(lang, lemma, stem string) []*Entry {
	if es := c.lex.Entries(lang, lemma); len(es) > 0 {
		return es
	}
	for _, b := range segment.Unclitic(lang, lemma) {
		if es := c.lex.Entries(lang, b.Word); len(es) > 0 {
			return es
		}
	}
	if c.kb.Is(lang, "triggerstem", "stem") {
		return c.lex.ByStem(lang, stem)
	}
	return nil
}

// lexCandidate reports whether frames may read an event from a sentence
// once it is parsed, from its tokens' parts of speech and lemmas alone: a
// noun or a verb with a lexicon entry of its kind that has a code and
// whose context words are all in the sentence. frames asks more (the
// context words among the trigger's complements, a source and a target);
// what it asks of the tokens alone is here, so that a sentence this
// rejects gives no event when parsed. A light-verb compound
// (compound:lvc) is seen only in the parse: a language that has them is
// parsed whole (syntax.Analyzer.Tag).
func (c *Coder) lexCandidate(lang string, toks []entente.Token) bool {
	if c.lex == nil {
		return false
	}
	for _, tk := range toks {
		if tk.UPOS != "NOUN" && tk.UPOS != "VERB" {
			continue
		}
		for _, e := range c.lexEntries(lang, segment.Fold(tk.Lemma), tk.Stem) {
			if e.Noun == (tk.UPOS == "NOUN") && e.Code != "" && contextIn(e, toks) {
				return true
			}
		}
	}
	return false
}

// contextIn reports whether every context word of e is in toks.
func contextIn(e *Entry, toks []entente.Token) bool {
	for _, w := range e.Context {
		found := false
		for _, tk := range toks {
			if w.matches(tk.Fold, tk.Stem, segment.Fold(tk.Lemma)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// reciprocal reports a verb with a reflexive clitic of the "reciprocal"
// class ("s'affrontent", "se battent").
func (c *Coder) reciprocal(lang string, t *tree, i int) bool {
	for _, k := range t.kids[i] {
		if strings.HasPrefix(t.toks[k].Deprel, "expl") && c.kb.Is(lang, "reciprocal", segment.Fold(t.toks[k].Lemma)) {
			return true
		}
	}
	return false
}

// entryFor is the most specific entry of the trigger at i whose context
// words all stand among its complements, with the tokens they matched.
func (c *Coder) entryFor(t *tree, i int, es []*Entry) (*Entry, []int) {
	var comp []int
	if t.child(i, "compound:lvc") >= 0 {
		// A light verb is a context word of its noun's entries.
		comp = append(comp, i)
	}
	t.complements(i, 0, &comp)
	for _, k := range t.participles(i) {
		// An event noun's participle and its complements: "sanctions
		// visant Minsk", "l'offensive lancée contre les rebelles".
		comp = append(comp, k)
		t.complements(k, 1, &comp)
	}
	for _, e := range es {
		var matched []int
		for _, w := range e.Context {
			found := -1
			for _, k := range comp {
				tk := t.toks[k]
				if w.matches(tk.Fold, tk.Stem, segment.Fold(tk.Lemma)) {
					found = k
					break
				}
			}
			if found < 0 {
				matched = nil
				break
			}
			matched = append(matched, found)
		}
		if len(matched) == len(e.Context) {
			return e, matched
		}
	}
	return nil, nil
}

// participles lists the participles that qualify the noun at i ("une
// attaque revendiquée par X", "les frappes menées contre Y"), not its
// relative clauses.
func (t *tree) participles(i int) []int {
	if t.toks[i].UPOS != "NOUN" {
		return nil
	}
	var out []int
	for _, k := range t.kids[i] {
		if t.toks[k].Deprel == "acl" && t.toks[k].UPOS == "VERB" {
			out = append(out, k)
		}
	}
	return out
}

// complements collects the subtree of i without its subject and without
// the clauses that hang on it (their words are not the verb's context).
func (t *tree) complements(i, depth int, out *[]int) {
	for _, k := range t.kids[i] {
		switch t.rel(k) {
		case "nsubj", "csubj", "punct", "parataxis", "advcl", "ccomp", "acl", "cc", "mark", "discourse", "vocative", "reparandum":
			continue
		case "conj":
			if depth == 0 {
				continue
			}
		}
		*out = append(*out, k)
		if depth < 4 {
			t.complements(k, depth+1, out)
		}
	}
}

// realis reports whether the trigger at i tells an act that took place
// (or is told as taking place), not one that is asked for, refused,
// planned, conditional or named as a purpose: a participle used as an
// adjective ("the proposed changes"), a clause under a noun ("the demand
// that X release"), an infinitive or a clause with a subordinating word
// of the "framemark" class ("to", "for", "if"; "de", "pour", "si"), unless
// a verb of the "realizing" class governs it ("decided to expel"), and the
// complement of a verb of the "demandverb" or "intentverb" class ("urged X
// to release", "plans to expel").
func (c *Coder) realis(lang string, t *tree, i int) bool {
	for hops := 0; hops < 3; hops++ {
		tk := t.toks[i]
		h := tk.Head
		switch t.rel(i) {
		case "amod":
			return false
		case "acl", "ccomp", "csubj":
			if tk.Deprel != "acl:relcl" && h >= 0 && t.toks[h].UPOS == "NOUN" {
				return false
			}
		}
		marked := false
		for _, k := range t.kids[i] {
			if r := t.rel(k); (r == "mark" || r == "case") && c.kb.Is(lang, "framemark", t.toks[k].Fold) {
				marked = true
			}
		}
		if h < 0 {
			return !marked
		}
		head := segment.Fold(t.toks[h].Lemma)
		switch {
		case (c.kb.Is(lang, "demandverb", head) || c.kb.Is(lang, "intentverb", head)) && (t.rel(i) == "xcomp" || t.rel(i) == "ccomp"):
			return false
		case marked && c.kb.Is(lang, "realizing", head) && t.rel(i) == "xcomp":
			return true
		case marked:
			return false
		}
		switch t.rel(i) {
		case "xcomp", "ccomp", "conj":
			// The verb it hangs on decides.
			i = h
		default:
			return true
		}
	}
	return true
}

// foreign reports whether a frame's match has a dyad worth coding: actors
// whose country was not guessed, and two
// countries, or a domestic one in which one side is a group of the
// people (civilians, opposition, rebels, refugees), not the state facing
// itself or its own businesses.
func (c *Coder) foreign(lang string, v *sentenceView, m match) bool {
	people := func(a entente.Actor) bool {
		switch a.Sector {
		case "CVL", "OPP", "REB", "REF":
			return true
		}
		return false
	}
	// A frame is read from a parse that may be wrong: it does not also
	// bet on a country guessed from the story ("militia members").
	// A crowd of people whose country is guessed from the named state
	// acting against them is the guess's safest kind: "Belarusian police
	// detained three activists" acts at home (a state's appeals to its own
	// people are no event between sides).
	if guessed(v, m.src) || guessed(v, m.tgt) && !otherSide(v, m) && !(guessedPeople(v, m) && c.conflict(lang, v, m)) {
		return false
	}
	for _, d := range c.dyads(lang, v, m) {
		a, b := d[0], d[1]
		if a.Country == "" || b.Country == "" || a.Country != b.Country || people(a) || people(b) {
			return true
		}
	}
	return false
}

// actSlot reports a match that an act standing for who did it ("the
// launch", "the deal": resolve's theevent words) cannot fill: it is never
// a source, as the act itself does nothing ("no one knows who planned the
// bombing, calling..."), nor the target of a meeting (root
// 04): one meets people, not acts, and the lexicon reads the verb instead
// ("welcomed the deal" is praise).
func (c *Coder) actSlot(lang string, v *sentenceView, m match) bool {
	act := func(s slot) bool {
		if len(s.mentions) == 0 {
			return false
		}
		t := v.mentions[s.mentions[0]]
		return t.Kind == entente.PronounMention && t.Sentence == v.idx && c.kb.Is(lang, "theevent", v.toks[t.First].Fold)
	}
	return act(m.src) || act(m.tgt) && strings.HasPrefix(m.p.Code, "04")
}

// arguments finds the source and target slots of the trigger at i;
// context holds the tokens its entry's context words matched.
func (c *Coder) arguments(lang string, v *sentenceView, t *tree, i int, context []int) (src, tgt slot, frame string) {
	subj := t.child(i, "nsubj")
	pass := t.child(i, "nsubj:pass")
	if lv := t.child(i, "compound:lvc"); pass < 0 && lv >= 0 && c.kb.Is(lang, "passivelight", segment.Fold(t.toks[i].Lemma)) && !c.kb.Is(lang, "activenoun", segment.Fold(t.toks[lv].Lemma)) {
		// A light verb of becoming makes its noun passive: "سه
		// خبرنگار بازداشت شدند", three journalists were arrested
		// (not "خواستار شد", called for).
		subj, pass = -1, subj
	}
	agent := t.child(i, "obl:agent")
	if agent < 0 {
		for _, k := range t.kids[i] {
			if t.rel(k) == "obl" && c.kb.Is(lang, "frameagent", t.caseWord(k)) {
				agent = k
				break
			}
		}
	}
	obj := t.child(i, "obj")
	if obj < 0 {
		obj = t.child(i, "iobj")
	}
	if obj < 0 {
		// A language that marks a person object with a preposition (the
		// Spanish "a": "llamó a consultas a su embajador") gives the
		// parse an oblique for the entry's own word.
		for _, k := range t.kids[i] {
			if t.rel(k) == "obl" && slices.Contains(context, k) && c.prep(lang, "objectcase", t.caseWord(k)) {
				obj = k
				break
			}
		}
	}
	srcHow, tgtHow := "", ""
	opening := false
	if mi, active, ok := c.openingParticiple(lang, v, t, i); ok {
		// "Arrivé à Rabat, le ministre …", "Accusé par X, le Rwanda …":
		// the main clause's subject is the participle's, its doer when
		// the verb is of the "unaccusative" class, else its passive
		// subject. The parse of such a sentence is seldom right.
		s, _ := c.slotAt(v, mi)
		if !active {
			src1 := -1
			if agent >= 0 {
				src, src1 = c.slotOf(lang, v, t, agent), agent
			}
			return src, s, describe(v, src1, "agent", -1, "subject of the main clause, the opening participle's passive subject")
		}
		src, srcHow, subj, pass, opening = s, "subject of the main clause, the opening participle's ", -1, -1, true
	}
	if subj < 0 && pass < 0 && !opening {
		// The subject lies elsewhere in the tree.
		subj, pass = c.sharedSubject(lang, t, i)
		srcHow = "shared " + t.toks[i].Deprel + " "
	}
	// A relative pronoun stands for the phrase before it, however the
	// parser attached the clause ("Latvia, which scolded …").
	if subj >= 0 && c.kb.Is(lang, "relative", t.toks[subj].Fold) {
		subj = antecedent(t, subj)
		srcHow = "antecedent "
	}
	src1, tgt1 := -1, -1
	switch {
	case pass >= 0:
		tgt, tgt1, tgtHow = c.slotOf(lang, v, t, pass), pass, srcHow+"passive subject"
		if agent >= 0 {
			src, src1, srcHow = c.slotOf(lang, v, t, agent), agent, "agent"
		}
		return src, tgt, describe(v, src1, srcHow, tgt1, tgtHow)
	case subj >= 0:
		src, src1, srcHow = c.slotOf(lang, v, t, subj), subj, srcHow+"subject"
		if len(src.mentions) == 0 && c.kb.Is(lang, "textref", segment.Fold(t.toks[subj].Lemma)) && c.determined(lang, t, subj) {
			// "Le texte condamne …" after "Le Conseil a adopté une
			// résolution": a text speaks for who the sentence before
			// names first.
			if mi := c.lastSubject(v); mi >= 0 {
				src, srcHow = slot{first: subj, last: subj, mentions: []int{mi}, penalty: 1}, srcHow+" (a text of the actor the sentence before names first)"
			}
		}
	case mainVerb(t, i) && c.kb.Is(lang, "dropsubject", "root"):
		// A language that drops its subjects: a main verb without one
		// ("Ha criticado la decisión de Kenia") is done by who did
		// the sentence before.
		if mi := c.lastSubject(v); mi >= 0 {
			src, srcHow = slot{first: i, last: i, mentions: []int{mi}}, "dropped subject, the sentence before's"
		}
	}
	if obj >= 0 {
		tgt, tgt1, tgtHow = c.slotOf(lang, v, t, obj), obj, t.toks[obj].Deprel
		if slices.Contains(context, obj) {
			// The entry's own event noun names its target after a
			// preposition, not through the word that says whose it is:
			// "Norwegen übernahm die EU-Strafmaßnahmen gegen Iran" is
			// against Iran, not the EU.
			for _, k := range t.kids[obj] {
				if t.rel(k) != "nmod" || !c.prep(lang, "frametarget", t.caseWord(k)) {
					continue
				}
				if s := c.slotOf(lang, v, t, k); len(s.mentions) > 0 && v.mentions[s.mentions[0]].Kind != entente.PlaceMention {
					tgt, tgt1, tgtHow = s, k, "obj's nmod "+t.caseWord(k)
					break
				}
			}
		}
	}
	if own := slices.Contains(context, obj) && c.ownWord(lang, t, obj); obj >= 0 && (own || c.ownSide(v, src, tgt)) {
		// The object is the source's own ("recalled its ambassador from
		// Ottawa", "retire ses troupes de Syrie", "سفیر خود را از X
		// فراخواند"): the target is the actor after a preposition of the
		// target on the verb, or, when a possessive says whose the entry's
		// word is, the place or actor after a preposition of place on it
		// or on the verb (not for an object only resolved to the source's
		// side: "she hosted him in Geneva").
		for _, k := range append(slices.Clone(t.kids[obj]), t.kids[i]...) {
			r, cw := t.rel(k), t.caseWord(k)
			if !(r == "obl" && c.prep(lang, "frametarget", cw) || own && (r == "nmod" || r == "obl") && c.prep(lang, "placeprep", cw)) {
				continue
			}
			if s := c.slotOf(lang, v, t, k); len(s.mentions) > 0 && (own || v.mentions[s.mentions[0]].Kind != entente.PlaceMention) && !c.ownSide(v, src, s) {
				tgt, tgt1, tgtHow = s, k, r+" "+cw+" (the obj is the source's own)"
				break
			}
		}
	}
	if len(tgt.mentions) == 0 && obj >= 0 {
		// A parse may give a verb two objects, the first a word of an
		// adjunct ("a reçu durant près d'une journée trois envoyés
		// soudanais": "près"): the one that names an actor is the target.
		for _, k := range t.kids[i] {
			if k == obj || t.toks[k].Deprel != "obj" {
				continue
			}
			if s := c.slotOf(lang, v, t, k); len(s.mentions) > 0 {
				tgt, tgt1, tgtHow = s, k, "second obj"
				break
			}
		}
	}
	if len(tgt.mentions) == 0 {
		for _, k := range t.kids[i] {
			if t.rel(k) != "obl" && t.rel(k) != "iobj" {
				continue
			}
			// An indirect object needs no preposition: "lui a présenté
			// ses condoléances".
			if cw := t.caseWord(k); c.prep(lang, "frametarget", cw) || t.rel(k) == "iobj" && cw == "" {
				if s := c.slotOf(lang, v, t, k); len(s.mentions) > 0 {
					tgt, tgt1, tgtHow = s, k, "obl "+cw
					break
				}
			}
		}
	}
	if len(tgt.mentions) == 0 && obj >= 0 {
		// A light verb and its event noun: "presented a protest to the
		// ambassador", "expressed support for Manila", or the noun "of"
		// the entry's own event noun: "raised the threat of sanctions
		// against Iran" (not "captured part of a stronghold on the border").
		heads := []int{obj}
		for _, k := range t.kids[obj] {
			// Or the entry's own context word under it: "n'écarte pas l'usage
			// de la force contre X".
			if t.rel(k) == "nmod" && (c.prep(lang, "nounobject", t.caseWord(k)) && slices.Contains(context, obj) || slices.Contains(context, k)) {
				heads = append(heads, k)
			}
		}
	light:
		for n, h := range heads {
			for _, k := range t.kids[h] {
				if t.rel(k) != "nmod" {
					continue
				}
				if cw := t.caseWord(k); c.prep(lang, "frametarget", cw) {
					// An actor, not a place: "blocked the roads into the city"
					// is no act against the city.
					if s := c.slotOf(lang, v, t, k); len(s.mentions) > 0 && v.mentions[s.mentions[0]].Kind != entente.PlaceMention {
						tgt, tgt1, tgtHow = s, k, "obj's nmod "+cw
						if n > 0 {
							tgtHow = "obj's nmod's nmod " + cw
						}
						break light
					}
				}
			}
		}
	}
	if len(tgt.mentions) == 0 && opening {
		// "Parvenu lundi à Rabat, …": the parse may hang the
		// place on the time; any actor or place after a preposition
		// of the "frametarget" class inside the participle's phrase.
		for _, mi := range v.own {
			m := v.mentions[mi]
			if m.First <= i || m.First >= src.first || m.First < 1 || !c.prep(lang, "frametarget", v.toks[m.First-1].Fold) {
				continue
			}
			if s, ok := c.slotAt(v, mi); ok {
				tgt, tgtHow = s, "the opening participle's "+v.toks[m.First-1].Fold
				break
			}
		}
	}
	if len(tgt.mentions) == 0 && obj >= 0 && len(src.mentions) > 0 && c.kb.Is(lang, "backref", segment.Fold(t.toks[obj].Lemma)) {
		// "Moscou a rejeté ces accusations": who made them.

		if s, ok := c.backrefAntecedent(lang, v, t, obj, src); ok {
			tgt, tgt1, tgtHow = s, obj, "who made "+strconv.Quote(v.raw(obj))
		}
	}
	if len(tgt.mentions) == 0 {
		// "Moscou l'accuse", "L'armée les a repoussés": an object clitic
		// before its verb (which the parser may call its determiner)
		// stands for an actor named before it.
		for _, k := range t.kids[i] {
			if r := t.rel(k); k > i || r != "obj" && r != "iobj" && r != "det" || !c.kb.Is(lang, "objectclitic", t.toks[k].Fold) {
				continue
			}
			if s, ok := c.cliticAntecedent(lang, v, k, src); ok {
				tgt, tgt1, tgtHow = s, k, "object clitic, for "+strconv.Quote(v.mentions[s.mentions[0]].Actor.Name)
			}
			break
		}
	}
	return src, tgt, describe(v, src1, srcHow, tgt1, tgtHow)
}

// determined reports a noun at k with a definite or demonstrative
// determiner ("le texte", "ces accusations").
func (c *Coder) determined(lang string, t *tree, k int) bool {
	for _, d := range t.kids[k] {
		if f := t.toks[d].Fold; t.rel(d) == "det" && (c.kb.Is(lang, "demonstrative", f) || c.kb.Is(lang, "definite", f)) {
			return true
		}
	}
	return false
}

// backrefAntecedent finds who made the accusations, criticism or remarks
// that a noun of the "backref" class with a demonstrative or definite
// determiner at k refers back to ("ces accusations", "les critiques"):
// the source of the last verbal conflict (QuadClass 3) of the three
// sentences before whose target is the side of src, the one who answers.
func (c *Coder) backrefAntecedent(lang string, v *sentenceView, t *tree, k int, src slot) (slot, bool) {
	if !c.determined(lang, t, k) {
		return slot{}, false
	}
	side := func(a entente.Actor) string { return a.Country + "/" + a.Org }
	answerer := side(v.mentions[src.mentions[0]].Actor)
	for n := len(v.prior) - 1; n >= 0; n-- {
		e := v.prior[n]
		if e.Sentence < v.idx-3 {
			break
		}
		if e.Quad != 3 || e.Sentence >= v.idx || side(e.Target) != answerer || side(e.Source) == answerer {
			continue
		}
		for mi, m := range v.mentions {
			if m.Sentence == e.Sentence && m.Actor.Name == e.Source.Name && m.Actor.Code == e.Source.Code {
				return slot{first: k, last: k, mentions: []int{mi}, penalty: 1}, true
			}
		}
	}
	return slot{}, false
}

// cliticAntecedent finds the actor an object clitic at token k stands
// for: the last one named before it in its sentence, else in the
// sentence before, that is neither the source nor a place. A plural
// clitic ("les", words.tsv plural) takes a list or an actor that names
// many (a lower-case plural: "les rebelles"); a singular one neither.
func (c *Coder) cliticAntecedent(lang string, v *sentenceView, k int, src slot) (slot, bool) {
	plural := c.kb.Is(lang, "plural", v.toks[k].Fold)
	same := map[string]bool{}
	for _, mi := range src.mentions {
		same[v.mentions[mi].Actor.Code+"/"+v.mentions[mi].Actor.ID] = true
	}
	many := func(m entente.Mention) bool {
		w := v.text[m.Start:m.End]
		last, _ := utf8.DecodeLastRuneInString(w)
		first, _ := utf8.DecodeRuneInString(w)
		return m.Actor.Sector != "" && unicode.IsLower(first) && c.kb.Is(lang, "pluralend", string(last))
	}
	for pass := 0; pass < 2; pass++ {
		si := v.idx - pass
		for mi := len(v.mentions) - 1; mi >= 0; mi-- {
			m := v.mentions[mi]
			if m.Sentence != si || pass == 0 && m.Last >= k {
				continue
			}
			if m.Kind != entente.ActorMention && m.Kind != entente.PronounMention || m.Actor.Country == "" && m.Actor.Org == "" ||
				same[m.Actor.Code+"/"+m.Actor.ID] || pass == 0 && v.banned[mi] {
				continue
			}
			if !plural {
				if m.Group > 0 || many(m) {
					continue
				}
				return slot{first: k, last: k, mentions: []int{mi}, penalty: 1}, true
			}
			if m.Group > 0 {
				// A list, each of its sides once: "les deux belligérants
				// soudanais" are one target, Sudan.
				var ms []int
				sides := map[string]bool{}
				for mj, o := range v.mentions {
					if side := o.Actor.Country + "/" + o.Actor.Org; o.Sentence == m.Sentence && o.Group == m.Group && !sides[side] {
						sides[side] = true
						ms = append(ms, mj)
					}
				}
				return slot{first: k, last: k, mentions: ms, penalty: 1}, true
			}
			if many(m) {
				return slot{first: k, last: k, mentions: []int{mi}, penalty: 1}, true
			}
		}
	}
	return slot{}, false
}

// openingParticiple reports a past participle that opens its sentence,
// before a comma ("Arrivé lundi à Rabat, le ministre …"), with the
// mention that follows the comma (the main clause's subject), and
// whether the verb's participle is active (words.tsv unaccusative:
// "arrivé", "venu"), not passive ("accusé", "reçu").
func (c *Coder) openingParticiple(lang string, v *sentenceView, t *tree, i int) (mi int, active, ok bool) {
	b := segment.BodyStart(t.toks) // after a dateline
	if i > b+1 || i == b+1 && t.toks[b].UPOS != "ADV" || i < b || t.toks[i].UPOS != "VERB" || !c.participle(lang, t.toks[i].Fold) {
		return -1, false, false
	}
	comma := -1
	for k := i + 1; k < len(t.toks) && comma < 0; k++ {
		switch t.toks[k].Fold {
		case ",":
			comma = k
		case ".", ";", ":", "\"":
			return -1, false, false
		}
	}
	if comma < 0 {
		return -1, false, false
	}
	for _, m := range v.own {
		mm := v.mentions[m]
		if mm.First > comma && mm.First <= comma+3 && (mm.Kind == entente.ActorMention || mm.Kind == entente.PronounMention) {
			if _, ok := c.slotAt(v, m); ok {
				return m, c.kb.Is(lang, "unaccusative", segment.Fold(t.toks[i].Lemma)), true
			}
		}
	}
	return -1, false, false
}

// mainVerb reports whether the verb at i is the sentence's root, or
// reaches it through complements and coordination ("ha vuelto a
// condenar").
func mainVerb(t *tree, i int) bool {
	for hops := 0; hops < 3; hops++ {
		switch t.rel(i) {
		case "root":
			return true
		case "xcomp", "conj":
			i = t.toks[i].Head
			if i < 0 {
				return false
			}
		default:
			return false
		}
	}
	return false
}

// lastSubject is the first actor of the sentence before v's (a state,
// body, group or organisation named, not a reporting source), or -1.
func (c *Coder) lastSubject(v *sentenceView) int {
	for mi, m := range v.mentions {
		if m.Sentence == v.idx-1 && m.Kind == entente.ActorMention && (m.Actor.Country != "" || m.Actor.Org != "") {
			return mi
		}
		if m.Sentence >= v.idx {
			break
		}
	}
	return -1
}

// describe says how a frame found its arguments, for --explain:
// `source: subject "Lithuania"; target: obj "Belarus"`.
func describe(v *sentenceView, src int, srcHow string, tgt int, tgtHow string) string {
	word := func(k int) string {
		if k < 0 {
			return "-"
		}
		return fmt.Sprintf("%q", v.raw(k))
	}
	return fmt.Sprintf("source: %s %s; target: %s %s", srcHow, word(src), tgtHow, word(tgt))
}

// sharedSubject finds the subject of a verb that has none of its own: a
// verb coordinated with an earlier one shares its subject; a complement
// of a control verb takes the object of that verb when it has one ("urged
// Iran to …"), else its subject ("decided to expel"); a relative clause's
// subject is the noun it qualifies; a reduced participle ("troops backed
// by Iran") has the noun as its passive subject.
func (c *Coder) sharedSubject(lang string, t *tree, i int) (subj, pass int) {
	for hops := 0; hops < 3; hops++ {
		h := t.toks[i].Head
		if h < 0 {
			return -1, -1
		}
		switch t.toks[i].Deprel {
		case "conj", "advcl":
			if t.rel(i) == "advcl" && t.toks[i].UPOS != "VERB" {
				return -1, -1
			}
			if s := t.child(h, "nsubj"); s >= 0 {
				return s, -1
			}
			if s := t.child(h, "nsubj:pass"); s >= 0 && t.toks[i].Deprel == "conj" {
				return -1, s
			}
		case "xcomp":
			if o := t.child(h, "obj"); o >= 0 {
				return o, -1
			}
			if s := t.child(h, "nsubj"); s >= 0 {
				return s, -1
			}
		case "ccomp":
			// A complement clause with no subject of its own is an
			// infinitive the parser hung as a clause: "dit ne pas
			// reconnaître la junte" is said and done by the sayer; so is
			// a clause after "that" in a language that drops its subjects
			// ("اعلام کرد که سفیر را احضار کرده است").
			if t.child(i, "mark") < 0 || c.kb.Is(lang, "dropsubject", "ccomp") {
				if s := t.child(h, "nsubj"); s >= 0 {
					return s, -1
				}
			}
			return -1, -1
		case "acl:relcl":
			return h, -1
		case "acl":
			return -1, h
		default:
			return -1, -1
		}
		i = h
	}
	return -1, -1
}

// antecedent is the phrase a relative pronoun at k refers to: the noun its
// clause qualifies, else the word before it (a comma skipped), or -1.
func antecedent(t *tree, k int) int {
	if h := t.toks[k].Head; h >= 0 && t.toks[h].Deprel == "acl:relcl" {
		return t.toks[h].Head
	}
	j := k - 1
	if j >= 0 && t.toks[j].Fold == "," {
		j--
	}
	return j
}

// slotOf is the slot of the phrase headed by token h: the actor mention
// that covers it, or the mentions of its modifiers ("the head of the
// Russian army"), with the mentions of the phrases coordinated with it.
func (c *Coder) slotOf(lang string, v *sentenceView, t *tree, h int) slot {
	var s slot
	add := func(mi int) {
		for _, x := range s.mentions {
			if x == mi {
				return
			}
		}
		if ms, ok := c.slotAt(v, mi); ok {
			if len(s.mentions) == 0 || ms.first < s.first {
				s.first = ms.first
			}
			if ms.last > s.last {
				s.last = ms.last
			}
			s.penalty += ms.penalty
			for _, x := range ms.mentions {
				dup := false
				for _, y := range s.mentions {
					dup = dup || x == y
				}
				if !dup {
					s.mentions = append(s.mentions, x)
				}
			}
		}
	}
	var visit func(h, depth int)
	visit = func(h, depth int) {
		if mi := c.mentionAt(v, h); mi >= 0 {
			add(mi)
		} else if depth < 2 {
			for _, k := range t.kids[h] {
				switch t.toks[k].Deprel {
				case "nmod", "nmod:poss", "amod", "compound", "flat", "flat:name", "appos":
					if t.caseWord(k) != "" && !c.kb.Is(lang, "glue", t.caseWord(k)) {
						continue
					}
					visit(k, depth+1)
				}
			}
		}
		for _, k := range t.kids[h] {
			if t.rel(k) == "conj" {
				visit(k, depth)
			}
		}
	}
	visit(h, 0)
	return s
}

// mentionAt is the mention of the sentence that covers token k, or -1.
func (c *Coder) mentionAt(v *sentenceView, k int) int {
	for _, mi := range v.own {
		m := v.mentions[mi]
		if m.First <= k && k <= m.Last {
			return mi
		}
	}
	return -1
}

// demanded reports whether the trigger at i is only asked for or refused:
// the complement of a verb of the "demandverb" class ("urged Iran to
// release", "refused to meet"), through coordinated verbs and complements.
func (c *Coder) demanded(lang string, t *tree, i int) bool {
	return c.complementOf(lang, t, i, "demandverb", true)
}

// complementOf reports whether the trigger at i is the complement (xcomp
// or ccomp) of a verb of class, through coordinated verbs; through
// complements of verbs of other classes too when deep is set.
func (c *Coder) complementOf(lang string, t *tree, i int, class string, deep bool) bool {
	for hops := 0; hops < 3; hops++ {
		h := t.toks[i].Head
		if h < 0 {
			return false
		}
		switch t.rel(i) {
		case "xcomp", "ccomp":
			if c.kb.Is(lang, class, segment.Fold(t.toks[h].Lemma)) {
				return true
			}
			if !deep {
				return false
			}
		case "conj":
		default:
			return false
		}
		i = h
	}
	return false
}

// dropEffects leaves out a match whose verb has for its subject the event
// noun another match fired on, itself or through a relative pronoun: in
// "claimed a bombing on a base that killed ten soldiers" and "the bombing
// killed ten soldiers", the killing is the bombing told again, and the
// base no killer.
func dropEffects(t *tree, ms []match) []match {
	out := ms[:0:0]
	for i, m := range ms {
		effect := false
		if len(m.litTokens) > 0 {
			for _, k := range t.subjectNouns(m.litTokens[0]) {
				for j, n := range ms {
					effect = effect || j != i && slices.Contains(n.litTokens, k)
				}
			}
		}
		if !effect {
			out = append(out, m)
		}
	}
	return out
}

// subjectNouns lists the nouns that stand for the subject of the verb at k:
// its subject, or the antecedent of its relative pronoun, and the nouns
// that one hangs on ("a bombing on a base that killed").
func (t *tree) subjectNouns(k int) []int {
	if t.toks[k].UPOS != "VERB" {
		return nil
	}
	subj := t.child(k, "nsubj")
	if subj >= 0 && t.toks[subj].UPOS == "PRON" && t.toks[k].Deprel == "acl:relcl" {
		subj = t.toks[k].Head
	}
	var out []int
	for hops := 0; hops < 3 && subj >= 0 && t.toks[subj].UPOS == "NOUN"; hops++ {
		out = append(out, subj)
		if t.rel(subj) != "nmod" {
			break
		}
		subj = t.toks[subj].Head
	}
	return out
}

// refused reports whether the trigger at i is the complement of a verb of
// the "refusalverb" class ("refused to sign", "a refusé de signer"),
// through coordinated verbs.
func (c *Coder) refused(lang string, t *tree, i int) bool {
	return c.complementOf(lang, t, i, "refusalverb", false)
}

// dropDemanded leaves out the patterns' matches whose trigger the parse
// shows to be only asked for or refused ("Chile urged Peru to rebuke
// Bolivia" is no rebuke); a refused cooperative act stays, to be coded as
// its rejection ("refused to sign").
func (c *Coder) dropDemanded(lang string, t *tree, ms []match) []match {
	out := ms[:0:0]
	for _, m := range ms {
		if m.frame == "" && len(m.litTokens) > 0 && c.demanded(lang, t, m.litTokens[0]) {
			if !c.refused(lang, t, m.litTokens[0]) || c.kb.RefusalCode(m.p.Code) == "" {
				continue
			}
			m.refused = true
		}
		out = append(out, m)
	}
	return out
}

// reporters finds, for each match, who the parse shows telling its act:
// the subject of a verb of the "reportverb" class whose complement
// (ccomp, or a quote set beside it: parataxis) holds the trigger, when
// that subject is not the act's own source.
func (c *Coder) reporters(lang string, v *sentenceView, t *tree, ms []match) {
	for i := range ms {
		m := &ms[i]
		if len(m.litTokens) == 0 {
			continue
		}
		k := m.litTokens[0]
		// The trigger, or the verb it belongs to ("carried out strikes").
		for hops := 0; hops < 2 && t.toks[k].UPOS != "VERB" && t.toks[k].Head >= 0; hops++ {
			k = t.toks[k].Head
		}
		h := t.toks[k].Head
		if h < 0 {
			// "Russian drones struck Odesa, Kyiv said": the reporting
			// verb hangs on the act.
			for _, r := range t.kids[k] {
				if (t.rel(r) == "parataxis" || t.rel(r) == "dep") && c.kb.Is(lang, "reportverb", segment.Fold(t.toks[r].Lemma)) {
					h = r
				}
			}
			if h < 0 {
				continue
			}
		} else if r := t.rel(k); r != "ccomp" && r != "parataxis" || !c.kb.Is(lang, "reportverb", segment.Fold(t.toks[h].Lemma)) {
			continue
		}
		subj := t.child(h, "nsubj")
		if subj < 0 {
			continue
		}
		rep := c.slotOf(lang, v, t, subj)
		if len(rep.mentions) == 0 || overlaps(rep.mentions, m.src.mentions) || c.ownSide(v, rep, m.src) || guessed(v, m.src) {
			continue
		}
		m.reporter = rep
	}
}

// ownSide reports whether a reporter speaks for the act's source (the
// Foreign Office telling Britain's sanctions): the same country or
// organisation.
func (c *Coder) ownSide(v *sentenceView, rep, src slot) bool {
	for _, r := range rep.mentions {
		ra := v.mentions[r].Actor
		for _, s := range src.mentions {
			sa := v.mentions[s].Actor
			if ra.Country != "" && ra.Country == sa.Country || ra.Org != "" && ra.Org == sa.Org {
				return true
			}
		}
	}
	return false
}

// otherSide reports a match whose target is a body of a state (its army,
// its government, its police) whose country was guessed, and whose
// source is a named state or organisation other than that country:
// "l'Union africaine ne reconnaît pas les militaires" bets little on the
// guess, since a state's body is most often of the country of the story;
// rebels, militias and civilians have no such default.
func otherSide(v *sentenceView, m match) bool {
	for _, t := range m.tgt.mentions {
		switch v.mentions[t].Actor.Sector {
		case "GOV", "MIL", "COP", "JUD", "SPY", "LEG":
		default:
			return false
		}
	}
	for _, s := range m.src.mentions {
		sa := v.mentions[s].Actor
		if sa.Country == "" && sa.Org == "" {
			return false
		}
		for _, t := range m.tgt.mentions {
			if ta := v.mentions[t].Actor; ta.Country == sa.Country && sa.Org == "" {
				return false
			}
		}
	}
	return len(m.src.mentions) > 0
}

// conflict reports whether a match codes an act of conflict (QuadClass 3
// or 4).
func (c *Coder) conflict(lang string, v *sentenceView, m match) bool {
	code, _ := c.codeOf(lang, v, m)
	cb := c.kb.Codes[code]
	return cb != nil && cb.Quad >= 3
}

// guessedPeople reports a match whose target is a group of the people
// (civilians, opposition, rebels, refugees) and whose source is a body of
// a state that acts at home, its police or its courts, named with its
// country (an army acts abroad too: "Pakistani troops killed civilians"
// tells no country of the civilians).
func guessedPeople(v *sentenceView, m match) bool {
	for _, mi := range m.tgt.mentions {
		switch v.mentions[mi].Actor.Sector {
		case "CVL", "OPP", "REB", "REF":
		default:
			return false
		}
	}
	for _, mi := range m.src.mentions {
		switch a := v.mentions[mi].Actor; a.Sector {
		case "COP", "JUD":
			if a.Country == "" {
				return false
			}
		default:
			return false
		}
	}
	return len(m.src.mentions) > 0 && len(m.tgt.mentions) > 0
}

// guessed reports a slot whose actor's country was guessed from the story.
func guessed(v *sentenceView, s slot) bool {
	for _, mi := range s.mentions {
		if v.mentions[mi].Guessed {
			return true
		}
	}
	return false
}

func overlaps(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// nounRealis reports whether an event noun tells an act, not one asked
// for, planned or refused: "demanded the release of", "plans a visit to"
// are no release and no visit.
func (c *Coder) nounRealis(lang string, t *tree, i int) bool {
	h := t.toks[i].Head
	if h < 0 || t.toks[h].UPOS != "VERB" {
		return true
	}
	head := segment.Fold(t.toks[h].Lemma)
	if c.kb.Is(lang, "demandverb", head) || c.kb.Is(lang, "intentverb", head) {
		return false
	}
	return c.realis(lang, t, h)
}

// ownWord reports whether token i follows a possessive determiner ("its
// ambassador", "ses troupes"): the word is its sentence's actor's own.
func (c *Coder) ownWord(lang string, t *tree, i int) bool {
	for _, k := range t.kids[i] {
		// Before its noun, or after it where modifiers follow the noun
		// (Persian "سفیر خود").
		if r := t.rel(k); (r == "det" || r == "nmod") && (k < i || !c.kb.Is(lang, "adjective", "before")) && c.kb.Is(lang, "possessive", t.toks[k].Fold) {
			return true
		}
	}
	return false
}

// prep reports whether the preposition cw of a complement (its case
// word, "" when it has none) is of a words.tsv class; "_" in the class
// stands for no preposition, where a language's case endings do its work
// (Russian "высылка дипломатов", "угрожает Украине").
func (c *Coder) prep(lang, class, cw string) bool {
	if cw == "" {
		cw = "_"
	}
	return c.kb.Is(lang, class, cw)
}

// nounArguments finds the source and target of an event noun: the source
// from a possessive ("Australia's cancellation"), an adjective or a
// compound naming an actor ("an American strike", "a US strike"), an
// agent ("by X", "par X"), or else the subject of a verb of the
// "agentverb" class whose object the noun is ("India announced the
// expulsion of …", "Israel carried out strikes on …"); the target from
// "of" / "de" or a preposition of the "frametarget" class. The "de" of a
// noun of the "agentnoun" class names its source ("la médiation du
// Qatar"), and a participle's agent names it too ("une attaque
// revendiquée par X").
func (c *Coder) nounArguments(lang string, v *sentenceView, t *tree, i int) (src, tgt slot, frame string) {
	src1, tgt1 := -1, -1
	srcHow, tgtHow := "", ""
	agentNoun := c.kb.Is(lang, "agentnoun", segment.Fold(t.toks[i].Lemma))
	for _, k := range t.kids[i] {
		if len(src.mentions) > 0 {
			break
		}
		switch t.toks[k].Deprel {
		case "nmod:poss", "amod", "compound":
			if mi := c.mentionAt(v, k); mi >= 0 {
				src, src1, srcHow = c.slotOf(lang, v, t, k), k, t.toks[k].Deprel
			}
		case "nmod", "obl":
			if cw := t.caseWord(k); c.kb.Is(lang, "frameagent", cw) {
				src, src1, srcHow = c.slotOf(lang, v, t, k), k, "agent "+cw
			} else if agentNoun && t.rel(k) == "nmod" && c.prep(lang, "nounobject", cw) {
				// "la médiation du Qatar", "l'offensive des rebelles
				// contre …": the noun's "de" names who acts.
				if s := c.slotOf(lang, v, t, k); len(s.mentions) > 0 && v.mentions[s.mentions[0]].Kind != entente.PlaceMention {
					src, src1, srcHow = s, k, "nmod "+cw+" (agent noun)"
				}
			}
		}
	}
	for _, k := range t.kids[i] {
		if t.rel(k) != "nmod" || k == src1 {
			continue
		}
		cw := t.caseWord(k)
		if c.prep(lang, "frametarget", cw) || !agentNoun && c.prep(lang, "nounobject", cw) {
			if s := c.slotOf(lang, v, t, k); len(s.mentions) > 0 && v.mentions[s.mentions[0]].Kind != entente.PlaceMention {
				tgt, tgt1, tgtHow = s, k, "nmod "+cw
				break
			}
		}
	}
	if len(src.mentions) == 0 && tgt1 >= 0 {
		// The agent's phrase hung on the object by the parser: "the
		// deportation of forty migrants by the authorities".
		for _, k := range t.kids[tgt1] {
			if cw := t.caseWord(k); t.rel(k) == "nmod" && c.kb.Is(lang, "frameagent", cw) {
				src, src1, srcHow = c.slotOf(lang, v, t, k), k, "agent "+cw
				break
			}
		}
	}
	if len(src.mentions) == 0 {
		// The agent of a participle that qualifies the noun: "une attaque
		// revendiquée par X", "l'offensive lancée par X contre Y"; the
		// target among its complements, or hung by the parser on the
		// agent ("imposées par X à Y").
		for _, p := range t.participles(i) {
			for _, k := range t.kids[p] {
				if t.rel(k) == "obl" && c.kb.Is(lang, "frameagent", t.caseWord(k)) {
					if s := c.slotOf(lang, v, t, k); len(s.mentions) > 0 {
						src, src1, srcHow = s, k, "agent "+t.caseWord(k)+" of "+v.raw(p)
					}
				}
			}
			if src1 < 0 || tgt1 >= 0 {
				continue
			}
			for _, h := range []int{p, src1} {
				for _, k := range t.kids[h] {
					if r := t.rel(k); (r == "obl" || r == "nmod") && k != src1 && c.prep(lang, "frametarget", t.caseWord(k)) {
						if s := c.slotOf(lang, v, t, k); len(s.mentions) > 0 && v.mentions[s.mentions[0]].Kind != entente.PlaceMention {
							tgt, tgt1, tgtHow = s, k, r+" "+t.caseWord(k)
						}
					}
				}
			}
		}
	}
	if len(src.mentions) == 0 && t.child(i, "cop") >= 0 {
		// A predicate noun's subject: "X est en contact avec Y".
		if subj := t.child(i, "nsubj"); subj >= 0 {
			src, src1, srcHow = c.slotOf(lang, v, t, subj), subj, "subject of the predicate"
		}
	}
	if len(src.mentions) == 0 {
		if h := t.toks[i].Head; h >= 0 && t.toks[h].UPOS == "VERB" && (t.rel(i) == "obj" || t.rel(i) == "obl") && c.kb.Is(lang, "agentverb", segment.Fold(t.toks[h].Lemma)) {
			if subj := t.child(h, "nsubj"); subj >= 0 {
				src, src1, srcHow = c.slotOf(lang, v, t, subj), subj, "subject of "+v.raw(h)
			}
		}
	}
	return src, tgt, describe(v, src1, srcHow, tgt1, tgtHow)
}

// told leaves out the frames' matches that only tell again an event the
// document already holds (same root, same source and target): a story
// names its expulsion with a verb, then as "the expulsion".
func (c *Coder) told(doc *entente.Document, v *sentenceView, ms []match) []match {
	out := ms[:0:0]
	for _, m := range ms {
		root := m.p.Code[:2]
		again := false
		for _, d := range c.dyads(doc.Lang, v, m) {
			for _, e := range doc.Events {
				if e.Root == root && sameActor(e.Source, d[0]) && sameActor(e.Target, d[1]) {
					again = true
				}
			}
		}
		if !again {
			out = append(out, m)
		}
	}
	return out
}

// parseSources checks a pattern's source against the parse. A pattern
// takes the actor before its first word; when that word is a verb whose
// subject (its own, or shared through coordination) is another actor
// phrase, the pattern reached past the clause: in "The council denounced
// the putsch in the former Belgian territory and urged elections" the
// actor nearest "urged" is the object of "denounced", not who urges. The
// subject the parse gives replaces it. Passive verbs, mutual patterns, a
// source right before the verb and matches whose source lies inside the
// subject phrase stay as they are; a subject is shared only through
// coordination ("denounced … and urged").
func (c *Coder) parseSources(lang string, v *sentenceView, t *tree, ms []match) {
	for i := range ms {
		m := &ms[i]
		if m.frame != "" || m.p.Mutual || m.p.State || m.p.Speaker || len(m.litTokens) == 0 || len(m.src.mentions) == 0 {
			continue
		}
		k := m.litTokens[0]
		if t.toks[k].UPOS != "VERB" || m.src.last >= k {
			// A source at or after the verb is written so by the pattern
			// ("hosted by $S"); the parse has nothing to add.
			continue
		}
		if c.adjacent(lang, v, m.src.last+1, k) {
			// "Russia expelled": nothing stands between them to doubt.
			continue
		}
		subj, pass := t.child(k, "nsubj"), t.child(k, "nsubj:pass")
		if subj < 0 && pass < 0 && t.toks[k].Deprel == "conj" {
			subj, pass = c.sharedSubject(lang, t, k)
		}
		if subj < 0 || pass >= 0 || c.kb.Is(lang, "relative", t.toks[subj].Fold) {
			continue
		}
		s := c.slotOf(lang, v, t, subj)
		if len(s.mentions) == 0 || overlaps(s.mentions, m.src.mentions) || t.inside(m.src.first, subj) {
			continue
		}
		m.src = s
		m.frame = describe(v, subj, "subject (parse, for the pattern's)", -1, "pattern's")
	}
}

// inside reports whether token k lies in the subtree of token h.
func (t *tree) inside(k, h int) bool {
	for hops := 0; k >= 0 && hops < len(t.toks); hops++ {
		if k == h {
			return true
		}
		k = t.toks[k].Head
	}
	return false
}

// adjacent reports whether only fillers, negations and commas stand
// between tokens from and to (to excluded).
func (c *Coder) adjacent(lang string, v *sentenceView, from, to int) bool {
	for k := from; k < to; k++ {
		if t := v.toks[k]; t.Fold != "," && !c.fill(lang, t) {
			return false
		}
	}
	return true
}
