// Package ground gives events a date and a place: the document date from
// its metadata or its text, event dates from the time expressions of the
// event's sentence grounded against it, and the event place from a
// locative phrase ("à Téhéran", "in Gaza") or a place named as target.
package ground

import (
	"slices"

	"entente"
	"entente/internal/segment"
	"entente/internal/when"
)

// Grounder grounds dates and places.
type Grounder struct {
	when *when.Finder
	is   func(lang, class, w string) bool
}

// New returns a Grounder that finds time expressions with f and tells a
// place's preposition with is (kb.KB.Is): the words.tsv classes placeprep
// ("in", "à", "nach") and definite ("the", "la", "der").
func New(f *when.Finder, is func(lang, class, w string) bool) *Grounder {
	return &Grounder{when: f, is: is}
}

// DocDate sets doc.Date from the text when the document has no date yet:
// from its dateline (DateFrom "dateline"), else from the first full date
// written in it, such as a dated caption (DateFrom "text").
func (g *Grounder) DocDate(doc *entente.Document) {
	if !doc.Date.IsZero() {
		return
	}
	if t, _, ok := g.when.Dateline(doc.Text, doc.Lang); ok {
		doc.Date, doc.DateFrom = t, "dateline"
		return
	}
	if t, ok := g.when.DocDate(doc.Text, doc.Lang); ok {
		doc.Date, doc.DateFrom = t, "text"
	}
}

// Events dates and places doc.Events.
func (g *Grounder) Events(doc *entente.Document) { g.EventsFrom(doc, 0) }

// EventsFrom dates and places doc.Events[first:], which need the tokens of
// their sentences and of the first sentence (the dateline).
func (g *Grounder) EventsFrom(doc *entente.Document, first int) {
	if first >= len(doc.Events) {
		return
	}
	type found struct {
		exprs []when.Expr
		tense when.Tense
	}
	cache := map[int]found{}
	line, lineMention := dateline(doc)
	// The dateline's date is when the story was filed, not when its events
	// happened: an event told without a time expression of its own
	// inherits it as the document date.
	_, lineEnd, _ := g.when.Dateline(doc.Text, doc.Lang)
	// The mentions of each sentence: an event looks only at its own
	// sentence's, so that grounding stays linear in the document length.
	lo, hi := doc.Events[first].Sentence, doc.Events[first].Sentence
	for _, ev := range doc.Events[first:] {
		lo, hi = min(lo, ev.Sentence), max(hi, ev.Sentence)
	}
	bySentence := make([][]int, hi-lo+1)
	for i, m := range doc.Mentions {
		if m.Sentence >= lo && m.Sentence <= hi {
			bySentence[m.Sentence-lo] = append(bySentence[m.Sentence-lo], i)
		}
	}
	// The day an earlier sentence gives an event of the same source and
	// target: a later sentence without a time expression of its own most
	// often tells more of the same encounter ("X a reçu hier un appel de
	// Y. ... Y lui a présenté ses condoléances").
	type toldDay struct {
		day      string
		sentence int
	}
	told := map[toldKey]toldDay{}
	for _, ev := range doc.Events[:first] {
		// The events of earlier runs, already grounded.
		if prec := ev.DatePrecision; prec != nil && *prec == "day" && ev.Date != nil && named(&ev) {
			told[keyOf(&ev)] = toldDay{*ev.Date, ev.Sentence}
		}
	}
	for i := first; i < len(doc.Events); i++ {
		ev := &doc.Events[i]
		s := doc.Sentences[ev.Sentence]
		f, ok := cache[ev.Sentence]
		if !ok {
			text := doc.Text[s.Start:s.End]
			f.exprs, f.tense = g.when.Sentence(text, doc.Lang)
			if s.Start < lineEnd {
				f.exprs = slices.DeleteFunc(f.exprs, func(e when.Expr) bool { return s.Start+e.Start < lineEnd })
			}
			cache[ev.Sentence] = f
		}
		// The event's own modality says which way a bare weekday points:
		// a planned visit "mardi" is next Tuesday, a reported one last
		// Tuesday, whatever else the sentence says ("said on Monday that
		// it will...").
		tense := f.tense
		switch ev.Modality {
		case entente.Intended:
			tense = when.Future
		case entente.Asserted, entente.Negated, entente.Alleged:
			if tense != when.Future || ev.Modality != entente.Asserted || opens(s, ev) {
				tense = when.Past
			}
		}
		exprs := f.exprs
		if !opens(s, ev) && openedBy(doc, first, ev.Sentence, s) {
			// "Arrivé jeudi à Abidjan, le ministre doit rencontrer …":
			// the opening clause's "jeudi" is its own act's day.
			comma := clauseEnd(s) - s.Start
			exprs = slices.DeleteFunc(slices.Clone(exprs), func(e when.Expr) bool { return e.End <= comma })
		}
		g.date(doc, ev, s, exprs, tense)
		dyad := keyOf(ev)
		if prec := ev.DatePrecision; prec != nil && *prec == entente.Inherited {
			if d, ok := told[dyad]; ok && d.sentence < ev.Sentence {
				day, prec := d.day, "day"
				ev.Date, ev.DatePrecision = &day, &prec
			}
		} else if prec != nil && *prec == "day" && ev.Date != nil && named(ev) {
			told[dyad] = toldDay{*ev.Date, ev.Sentence}
		}
		ev.Place = g.place(doc, ev, bySentence[ev.Sentence-lo], lineMention)
		if ev.Place == nil && line != nil && ev.Sentence == 0 {
			p := *line
			ev.Place = &p
		}
	}
}

// toldKey is what makes two events of a document parts of one
// encounter: the same source and target, both named (people, bodies,
// groups: two states meet again and again), acting in the same QuadClass
// (a call and the condolences it carried; not a signing and an
// accusation).
type toldKey struct {
	source, target string
	quad           int
}

// named reports an event between two actors the knowledge base names.
func named(ev *entente.Event) bool { return ev.Source.ID != "" && ev.Target.ID != "" }

func keyOf(ev *entente.Event) toldKey {
	return toldKey{ev.Source.Code + "/" + ev.Source.ID, ev.Target.Code + "/" + ev.Target.ID, ev.Quad}
}

// opens reports an event whose trigger opens its sentence before a comma:
// a participle's clause ("Parvenu lundi à Rabat, X compte …") tells
// an act done, whatever the main clause announces.
func opens(s entente.Sentence, ev *entente.Event) bool {
	b := segment.BodyStart(s.Tokens) // after a dateline
	if b >= len(s.Tokens) || ev.TriggerSpan.Start != s.Tokens[b].Start {
		return false
	}
	for _, t := range s.Tokens[b+1:] {
		if t.Fold == "," {
			return true
		}
		if t.Fold == "." || t.Fold == ";" {
			break
		}
	}
	return false
}

// openedBy reports a sentence si one of whose events (from doc.Events[first:])
// opens it before a comma.
func openedBy(doc *entente.Document, first, si int, s entente.Sentence) bool {
	for i := first; i < len(doc.Events); i++ {
		if e := &doc.Events[i]; e.Sentence == si && opens(s, e) {
			return true
		}
	}
	return false
}

// clauseEnd is the offset of the first comma after a sentence's dateline.
func clauseEnd(s entente.Sentence) int {
	for _, t := range s.Tokens[segment.BodyStart(s.Tokens):] {
		if t.Fold == "," {
			return t.Start
		}
	}
	return s.Start
}

// dateline is the place that opens a story ("NAIROBI (Reuters) -",
// "PARIS, 12 mars (AFP) -"), and its mention's index (-1 without one): a
// place among the first tokens of the first sentence, before a comma, a
// parenthesis or a dash. It is where the story was filed, so an event of
// the first sentence takes it only when its sentence names no place.
func dateline(doc *entente.Document) (*entente.Place, int) {
	for i, m := range doc.Mentions {
		if m.Sentence > 0 {
			break
		}
		if m.Dateline && m.Place != nil {
			return m.Place, i
		}
		if m.Place == nil || m.First > 2 {
			continue
		}
		toks := doc.Sentences[0].Tokens
		if m.Last+1 < len(toks) {
			switch toks[m.Last+1].Fold {
			case ",", "(", "-", "/", ":":
				return m.Place, i
			}
		}
	}
	return nil, -1
}

// date takes the time expression nearest the trigger; with none, an event
// of a dated document gets nothing rather than a guess.
func (g *Grounder) date(doc *entente.Document, ev *entente.Event, s entente.Sentence, exprs []when.Expr, tense when.Tense) {
	if doc.Date.IsZero() {
		return
	}
	trig := ev.TriggerSpan.Start - s.Start
	best, bestDist, bestSince := -1, 0, false
	for i, e := range exprs {
		d := e.Start - trig
		if d < 0 {
			d = trig - e.End
		}
		// "en poste depuis 2019" tells when a state began: another
		// expression of the sentence dates its event first ("a démissionné
		// jeudi ... en poste depuis 2019").
		if best < 0 || bestSince && !e.Since || d < bestDist && e.Since == bestSince {
			bestSince = e.Since
			best, bestDist = i, d
		}
	}
	ref := when.Ref{Anchor: doc.Date, Exact: doc.DateFrom != "text", Tense: tense}
	if best >= 0 {
		if d, ok := g.when.Resolve(exprs[best], ref); ok {
			day := d.Time.Format("2006-01-02")
			prec := d.Precision.String()
			ev.Date, ev.DatePrecision = &day, &prec
			return
		}
	}
	// A sentence with no time expression reports, by the news convention,
	// an event of the publication day: it inherits the document's date,
	// and its precision says so. A date only read further in the text is
	// no publication date, so such events stay undated.
	switch doc.DateFrom {
	case "metadata", "flag", "dateline":
		day, prec := doc.Date.Format("2006-01-02"), entente.Inherited
		ev.Date, ev.DatePrecision = &day, &prec
	}
}

// place is the place of a locative phrase in the event's sentence nearest
// the trigger ("arrested in Gaza", "flew to Doha"). own indexes the
// mentions of the event's sentence; the dateline's mention is not one.
func (g *Grounder) place(doc *entente.Document, ev *entente.Event, own []int, dateline int) *entente.Place {
	var best *entente.Place
	bestDist := -1
	for _, mi := range own {
		m := doc.Mentions[mi]
		if m.Place == nil || mi == dateline || !g.locative(doc, m) || !sameClause(doc, ev, m) {
			continue
		}
		d := m.Start - ev.TriggerSpan.End
		if d < 0 {
			d = ev.TriggerSpan.Start - m.End
		}
		if bestDist < 0 || d < bestDist {
			p := *m.Place
			best, bestDist = &p, d
		}
	}
	return best
}

// sameClause reports whether, in a parsed sentence, the place mention m
// may be the place of ev: not when it hangs in a clause coordinated with
// the trigger's or with a clause above it ("recognises the council and
// will send an envoy to Benghazi": Benghazi is the sending's place, not
// the recognition's). A place under the trigger ("arrested protesters in
// Dakar"), in a clause that frames it ("Arrived in Tehran, the envoy will
// meet…") or in a relative clause of its arguments may. Without a parse
// it cannot tell and says yes.
func sameClause(doc *entente.Document, ev *entente.Event, m entente.Mention) bool {
	s := doc.Sentences[m.Sentence]
	if !s.Parsed || ev.Sentence != m.Sentence {
		return true
	}
	toks := s.Tokens
	// The trigger's word: its first verb or noun ("s'entretenir" is
	// "entretenir"), else its first token.
	trig := -1
	for i, t := range toks {
		if t.End <= ev.TriggerSpan.Start {
			continue
		}
		if t.Start >= ev.TriggerSpan.End {
			break
		}
		if trig < 0 {
			trig = i
		}
		if t.UPOS == "VERB" || t.UPOS == "NOUN" || t.UPOS == "PROPN" {
			trig = i
			break
		}
	}
	if trig < 0 {
		return true
	}
	above := map[int]bool{}
	for k, n := trig, 0; k >= 0 && n <= len(toks); k, n = toks[k].Head, n+1 {
		above[k] = true
	}
	// The mention's head: its token whose head lies outside it.
	h := m.Last
	for i := m.First; i <= m.Last; i++ {
		if hd := toks[i].Head; hd < m.First || hd > m.Last {
			h = i
			break
		}
	}
	// Climb from the place to the first token above the trigger; the
	// token before it says how the place's branch joins the trigger's.
	for k, prev, n := toks[h].Head, h, 0; k >= 0 && n <= len(toks); k, prev, n = toks[k].Head, k, n+1 {
		if above[k] {
			p := toks[prev]
			return prev == h || p.UPOS != "VERB" || p.Deprel != "conj" && p.Deprel != "parataxis"
		}
	}
	return true
}

// locative reports whether a place mention follows a preposition of place
// of the document's language, a definite article between them ("in the
// Donbas", "à la Havane").
func (g *Grounder) locative(doc *entente.Document, m entente.Mention) bool {
	toks := doc.Sentences[m.Sentence].Tokens
	for k := m.First - 1; k >= 0 && k >= m.First-2; k-- {
		switch w := toks[k].Fold; {
		case g.is(doc.Lang, "placeprep", w):
			return true
		case g.is(doc.Lang, "definite", w):
			continue
		}
		return false
	}
	return false
}
