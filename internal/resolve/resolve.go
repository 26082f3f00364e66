// Package resolve turns the dictionary phrases found in a document into
// actor mentions: it joins role nouns, demonyms, country names and person
// names that form one phrase ("le ministre tchèque de la Défense Jana
// Černochová"), resolves people to the office they held at the document
// date, links surnames, role phrases and pronouns back to people named
// earlier, groups coordinated actors, and gives an actor without a country
// the country the sentence or the document is about.
package resolve

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"entente"
	"entente/internal/kb"
	"entente/internal/mention"
	"entente/internal/segment"
)

// Resolver resolves mentions for the languages it has gazetteers for.
type Resolver struct {
	kb  *kb.KB
	gaz map[string]*lazyGazetteer
	// first caches firstWords by actor id ([]string).
	first sync.Map
}

// lazyGazetteer is built when a document of its language first comes: a
// gazetteer holds every name of every place and actor (about 8 MB), and a
// run over French news needs no Persian one.
type lazyGazetteer struct {
	once sync.Once
	g    *mention.Gazetteer
}

// New builds a Resolver for the languages langs; the gazetteer of each is
// built on first use.
func New(k *kb.KB, langs ...string) *Resolver {
	r := &Resolver{kb: k, gaz: map[string]*lazyGazetteer{}}
	for _, l := range langs {
		r.gaz[l] = &lazyGazetteer{}
	}
	return r
}

// firstWords returns the folded first words of the actor's names of
// several words ("cour" for "Cour pénale internationale"), once each.
func (r *Resolver) firstWords(id string) []string {
	if ws, ok := r.first.Load(id); ok {
		return ws.([]string)
	}
	var ws []string
	if a := r.kb.Actors[id]; a != nil {
		for _, name := range append([]string{a.Name}, a.Aliases...) {
			if w := strings.Fields(segment.Fold(name)); len(w) > 1 && !slices.Contains(ws, w[0]) {
				ws = append(ws, w[0])
			}
		}
	}
	r.first.Store(id, ws)
	return ws
}

// gazetteer returns the gazetteer of lang, building it on first use; nil
// for a language the Resolver was not made for.
func (r *Resolver) gazetteer(lang string) *mention.Gazetteer {
	lg := r.gaz[lang]
	if lg == nil {
		return nil
	}
	lg.once.Do(func() { lg.g = mention.New(r.kb, lang) })
	return lg.g
}

// Resolve fills doc.Mentions. doc.Sentences must be set. It checks ctx
// between sentences and returns its error once ctx is done.
func (r *Resolver) Resolve(ctx context.Context, doc *entente.Document) error {
	run := r.Start(doc)
	if err := run.Sentences(ctx, 0, len(doc.Sentences)); err != nil {
		return err
	}
	run.Finish(nil)
	return nil
}

// A Run resolves one document a stretch of sentences at a time, so that
// only the stretch's tokens need be held: Sentences for each stretch in
// order, then Finish. The mentions are those Resolve gives.
type Run struct {
	st *state
	g  *mention.Gazetteer
}

// Start begins resolving doc.
func (r *Resolver) Start(doc *entente.Document) *Run {
	st := &state{r: r, doc: doc, local: map[string]entente.Actor{}, defined: map[string]entente.Actor{}, roleCountry: map[string]string{}, fromRole: map[[2]int]bool{}, bareRole: map[[2]int]string{}, titled: map[string]entente.Actor{}, heads: map[string]string{}, acts: map[int][]act{}}
	return &Run{st: st, g: r.gazetteer(doc.Lang)}
}

// Sentences resolves doc.Sentences[from:to], which must have their tokens.
func (run *Run) Sentences(ctx context.Context, from, to int) error {
	if run.g == nil {
		return nil
	}
	doc := run.st.doc
	for si := from; si < to; si++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("sentence %d: %w", si, err)
		}
		s := doc.Sentences[si]
		run.st.sentence(si, s, run.g.Find(doc.Text, s))
	}
	return nil
}

// Finish gives actors without a country the country their sentence or
// the document is about. tokens returns the tokens of a sentence whose
// Tokens were let go (nil: every sentence still has them).
func (run *Run) Finish(tokens func(sentence int) []entente.Token) {
	if run.g == nil {
		return
	}
	run.st.tokens = tokens
	run.st.inferCountries()
}

type state struct {
	r     *Resolver
	doc   *entente.Document
	local map[string]entente.Actor // unknown people named in this document, by folded surname
	// defined holds the organisations the document defined by their
	// initials in brackets, by the initials as written: "FLNKS".
	defined map[string]entente.Actor
	// fromRole marks the mentions (sentence, first token) whose country
	// came from roleCountry: a place beside them may correct it.
	fromRole map[[2]int]bool
	// bareRole holds the role phrase of the mentions (sentence, first
	// token) that got no country when read: "les militaires".
	bareRole map[[2]int]string
	// roleCountry remembers the country a role phrase had when it was
	// first given one: "l'ambassadeur" after "l'ambassadeur de Chine".
	roleCountry map[string]string
	// titled remembers who a title named ("président|IRN" → Pezeshkian)
	// when a title and a name first appeared together.
	titled map[string]entente.Actor
	// named indexes the bodies named so far by the first word of their
	// names (namedAs), over the first namedUpTo mentions of the document.
	named     map[string]entente.Actor
	namedUpTo int
	// heads remembers the title each person was named with, by actorKey.
	heads map[string]string
	// said is the speaker of the last quote whose speaker was found.
	said said
	// envoyOf is the country of the last envoy named with one.
	envoyOf said
	group   int
	// acts holds, by sentence, the words that tell an act a later
	// "the arrests" may name again (see actors).
	acts map[int][]act
	// tokens, when set, gives the tokens of a sentence whose Tokens were
	// let go (see Run.Finish).
	tokens func(sentence int) []entente.Token
}

// sentenceTokens returns the tokens of sentence si.
func (st *state) sentenceTokens(si int) []entente.Token {
	if toks := st.doc.Sentences[si].Tokens; toks != nil || st.tokens == nil {
		return toks
	}
	return st.tokens(si)
}

func (st *state) words(class string) map[string]bool { return st.r.kb.Words[st.doc.Lang][class] }

// phrase returns how many tokens from toks[i] an entry of the word class
// covers (entries of up to three words, longest first), 0 when none does.
func (st *state) phrase(class string, toks []entente.Token, i int) int {
	set := st.words(class)
	if i >= len(toks) || len(set) == 0 {
		return 0
	}
	key := toks[i].Fold
	keys := []string{key}
	for k := i + 1; k < len(toks) && k < i+3; k++ {
		key += "_" + toks[k].Fold
		keys = append(keys, key)
	}
	for n := len(keys); n > 0; n-- {
		if set[keys[n-1]] {
			return n
		}
	}
	return 0
}

func (st *state) sentence(si int, s entente.Sentence, matches []mention.Match) {
	toks := s.Tokens
	units := make([]unit, 0, len(matches))
	nonhead := st.words("nonhead")
	colonial := st.words("colonial")
	before := st.words("adjective")["before"]
	dateline := -1 // the last token of the dateline, if the sentence opens with one
	if si == 0 {
		dateline = datelineEnd(toks, matches)
	}
	for _, m := range matches {
		e := pick(m)
		if m.Last < dateline {
			// Where the story was filed: the place, not the state its
			// capital may also name ("RABAT (AFP) -").
			if p := placeEntry(m); p != nil {
				e = p
			}
		}
		if e != nil && e.Kind == mention.Role {
			// "military solutions", "exercices militaires": the role noun
			// is an adjective of the noun beside it, no actor.
			if before && m.Last+1 < len(toks) && nonhead[toks[m.Last+1].Fold] ||
				!before && m.First > 0 && nonhead[toks[m.First-1].Fold] {
				continue
			}
		}
		if e != nil && e.Kind == mention.Demonym {
			// "the former Portuguese colony": the demonym names the
			// colonial power, not an actor of the story.
			if before && m.Last+1 < len(toks) && colonial[toks[m.Last+1].Fold] ||
				!before && m.First > 0 && colonial[toks[m.First-1].Fold] {
				continue
			}
		}
		if n := len(units); n > 0 && e != nil && e.Kind == mention.Actor && units[n-1].e != nil && units[n-1].e.Kind == mention.Actor &&
			e.Actor.ID != "" && units[n-1].e.Actor.ID == e.Actor.ID && m.First == units[n-1].last+2 &&
			toks[m.First-1].Fold == "(" && m.Last+1 < len(toks) && toks[m.Last+1].Fold == ")" {
			// "the Kosovo Force (KFOR) troops": the abbreviation in
			// brackets is the name before it again; the phrase goes on.
			units[n-1].last = m.Last + 1
			continue
		}
		units = append(units, unit{first: m.First, last: m.Last, e: e, clitic: m.Clitic})
	}
	chunks := st.chunks(toks, units)
	chunks = st.postings(toks, chunks)
	// Mentions from chunks, with coordination groups.
	prevEnd, prevGroup := -10, 0
	first := len(st.doc.Mentions)
	conj := map[int]bool{} // groups joined by a conjunction, not only commas
	for _, c := range chunks {
		m, ok := st.mention(si, toks, c)
		if !ok {
			continue
		}
		if m.Kind == entente.ActorMention || m.Kind == entente.ReporterMention || m.Kind == entente.PlaceMention {
			ok, and := st.joined(toks, prevEnd+1, c.first)
			if !ok && prevEnd+1 == c.first && st.andClitic(c.units[0].clitic) {
				// "روسيا والصين": the "and" is written on the next name.
				ok, and = true, true
			}
			if prevEnd >= 0 && ok {
				last := &st.doc.Mentions[len(st.doc.Mentions)-1]
				// "Dans le sillage du Ghana, le Togo, le Bénin et le Niger":
				// a phrase's complement is no head of a list of commas.
				if last.Kind == m.Kind && !(prevGroup == 0 && !and && st.complement(toks, last.First)) {
					if prevGroup == 0 {
						st.group++
						prevGroup = st.group
						last.Group = prevGroup
					}
					m.Group = prevGroup
					conj[prevGroup] = conj[prevGroup] || and
				}
			} else {
				prevGroup = 0
			}
			prevEnd = c.last
		}
		m.Dateline = m.Last < dateline
		st.doc.Mentions = append(st.doc.Mentions, m)
	}
	st.settleGroups(first, conj)
	st.pairs(si, toks, first)
	st.acronyms(si, toks, first)
	st.pronouns(si, toks, first)
	st.definites(si, toks, first)
	st.noteActs(si, toks)
}

// datelineEnd returns the token that closes a dateline opening the first
// sentence, -1 when there is none: a place name first, then, within a few
// tokens, an opening bracket, a dash or a colon, with nothing between but
// commas, more place names (its country), numbers and one other word (a
// month): "TRIPOLI (Reuters) -", "DOHA, 4 juin 2025 (AFP) -", an Arabic
// or Persian city and its agency in brackets. "Washington imposed
// sanctions on Iran on Monday (local time)" opens with no dateline.
func datelineEnd(toks []entente.Token, matches []mention.Match) int {
	if len(matches) == 0 || matches[0].First != 0 || placeEntry(matches[0]) == nil {
		return -1
	}
	inPlace := func(k int) bool {
		for _, m := range matches {
			if m.First <= k && k <= m.Last && placeEntry(m) != nil {
				return true
			}
		}
		return false
	}
	other := 0
	for k := matches[0].Last + 1; k < len(toks) && k <= matches[0].Last+9; k++ {
		switch toks[k].Fold {
		case "(", "-", "–", "—", ":", "/":
			return k
		case ".", "!", "?", "»", "«", "\"":
			return -1
		}
		if toks[k].Kind == entente.Word && !inPlace(k) && strings.Trim(toks[k].Fold, "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹") != "" {
			if other++; other > 1 {
				return -1
			}
		}
	}
	return -1
}

// placeEntry returns the place among a match's readings, nil if none.
func placeEntry(m mention.Match) *mention.Entry {
	var best *mention.Entry
	for _, e := range m.Entries {
		if e.Kind == mention.Place && (best == nil || biggerPlace(e.Place, best.Place)) {
			best = e
		}
	}
	return best
}

// complement reports a phrase at token i that follows "de"/"of" (a
// determiner between): the complement of the noun before it.
func (st *state) complement(toks []entente.Token, i int) bool {
	k := i - 1
	if k >= 0 && st.words("definite")[toks[k].Fold] {
		k--
	}
	return k >= 0 && st.words("postof")[toks[k].Fold]
}
