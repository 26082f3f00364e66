package api

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"

	"entente/internal/kb"
	"entente/internal/store"
)

// Names turns the actor and country terms of a filter into what the store
// matches: a name in any script and language ("Poutine", "Путин",
// "Russie", "Otan") becomes the knowledge-base id or the country code it
// names; ids and codes stay as they are. A term that names nothing known
// to the knowledge base or the store is an error that suggests near
// names, so that a misspelt filter never gives an empty page.
//
// The API and `entente export` read filters through the same Names
// (Filter), so both accept and refuse the same terms.
type Names struct {
	kb *kb.KB
	st store.Querier // nil: ids and codes unknown to the knowledge base are refused
	// actors and countries map a folded name to the terms it names
	// (several when it is ambiguous); demonyms is tried after countries.
	actors, countries, demonyms map[string][]string
	orgs                        map[string]bool // organisation codes (NATO, UN)
	// shown is how a term is named in messages: "Vladimir Putin
	// (vladimir-putin)", "Russia (RUS)".
	shown map[string]string
	// keys are every folded name with a term, for suggestions.
	keys []nameKey
}

type nameKey struct {
	fold, name, term string
	country          bool
}

// NewNames indexes the names of k; st, when not nil, is asked about ids
// and codes the knowledge base does not hold (actors of stored events
// coded with other knowledge).
func NewNames(k *kb.KB, st store.Querier) *Names {
	n := &Names{kb: k, st: st, actors: map[string][]string{}, countries: map[string][]string{},
		demonyms: map[string][]string{}, orgs: map[string]bool{}, shown: map[string]string{}}
	add := func(m map[string][]string, name, term string, country bool) {
		f := foldWords(name)
		if f == "" {
			return
		}
		if !slices.Contains(m[f], term) {
			m[f] = append(m[f], term)
			n.keys = append(n.keys, nameKey{f, name, term, country})
		}
	}
	for iso, c := range k.Countries {
		n.shown[iso] = c.Names["en"] + " (" + iso + ")"
		for _, name := range c.Names {
			add(n.countries, name, iso, true)
		}
		for _, names := range c.Aliases {
			for _, name := range names {
				add(n.countries, name, iso, true)
			}
		}
		for _, names := range c.Demonyms {
			for _, name := range names {
				add(n.demonyms, name, iso, true)
			}
		}
	}
	for id, a := range k.Actors {
		n.shown[id] = a.Name + " (" + id + ")"
		for _, name := range append([]string{a.Name}, a.Aliases...) {
			add(n.actors, name, id, false)
		}
		if a.Org != "" {
			n.orgs[a.Org] = true
		}
	}
	sort.Slice(n.keys, func(i, j int) bool { return n.keys[i].fold < n.keys[j].fold })
	return n
}

// Filter reads and checks the common event filters of a query
// (parseFilter), then resolves its actor, dyad and country terms.
func (n *Names) Filter(ctx context.Context, v url.Values) (store.Filter, error) {
	f, err := parseFilter(v)
	if err != nil {
		return f, err
	}
	if f.Actor, err = n.Actor(ctx, "actor", f.Actor); err != nil {
		return f, err
	}
	for i := range f.Dyad {
		if f.Dyad[i], err = n.Actor(ctx, "dyad", f.Dyad[i]); err != nil {
			return f, err
		}
	}
	if f.Country, err = n.Country("country", f.Country); err != nil {
		return f, err
	}
	if f.PlaceCountry, err = n.Country("place_country", f.PlaceCountry); err != nil {
		return f, err
	}
	return f, nil
}

// Actor resolves the actor term of parameter param: a knowledge-base id,
// a country code, an organisation or a CAMEO actor code (any case) stays
// what it is; else a name of an actor or a country in any language
// becomes its id or code; else an id or code that the store's actors have
// stays. Anything else is a 400 that suggests near names.
func (n *Names) Actor(ctx context.Context, param, term string) (string, error) {
	if term == "" {
		return "", nil
	}
	if n.kb.Actors[term] != nil {
		return term, nil
	}
	if up := strings.ToUpper(term); isLetters(term) && (n.isCountry(up) || n.orgs[up] || n.isActorCode(up)) {
		return up, nil
	}
	f := foldWords(term)
	if terms := n.countries[f]; len(terms) > 0 {
		return n.one(param, term, terms)
	}
	if terms := n.actors[f]; len(terms) > 0 {
		return n.one(param, term, terms)
	}
	if terms := n.demonyms[f]; len(terms) > 0 {
		return n.one(param, term, terms)
	}
	if n.st != nil && plainID(term) {
		stored, err := n.stored(ctx, term)
		if err != nil {
			return "", err
		}
		if stored != "" {
			return stored, nil
		}
	}
	return "", n.unknown(param, term, false)
}

// Country resolves the country term of parameter param: an ISO 3166-1
// alpha-3 code (any case), or a country's name, other name or demonym in
// any language of the knowledge base.
func (n *Names) Country(param, term string) (string, error) {
	if term == "" {
		return "", nil
	}
	if up := strings.ToUpper(term); isLetters(term) && n.isCountry(up) {
		return up, nil
	}
	f := foldWords(term)
	if terms := n.countries[f]; len(terms) > 0 {
		return n.one(param, term, terms)
	}
	if terms := n.demonyms[f]; len(terms) > 0 {
		return n.one(param, term, terms)
	}
	return "", n.unknown(param, term, true)
}

func (n *Names) isCountry(code string) bool {
	if len(n.kb.Countries) == 0 {
		return len(code) == 3
	}
	return n.kb.Countries[code] != nil
}

// isActorCode reports whether code is a CAMEO actor code: a country or an
// organisation followed by one to three sector codes (RUSGOV, USAMILGOV).
func (n *Names) isActorCode(code string) bool {
	for i := 3; i <= min(4, len(code)); i++ {
		head, rest := code[:i], code[i:]
		if !(i == 3 && n.isCountry(head)) && !n.orgs[head] {
			continue
		}
		if rest == "" || len(rest)%3 != 0 || len(rest) > 9 {
			continue
		}
		ok := true
		for j := 0; j < len(rest); j += 3 {
			ok = ok && kb.Sectors[rest[j:j+3]]
		}
		if ok {
			return true
		}
	}
	return false
}

// stored returns term as the store keeps it when some stored actor has it
// as id or CAMEO code, else "".
func (n *Names) stored(ctx context.Context, term string) (string, error) {
	for _, t := range []string{term, strings.ToUpper(term)} {
		a, err := n.st.Actor(ctx, t)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return "", err
		}
		if a.Actor.ID == t || a.Key == t {
			return t, nil
		}
	}
	actors, err := n.st.Actors(ctx, term, 20)
	if err != nil {
		return "", err
	}
	for _, a := range actors {
		if a.Actor.ID == term {
			return term, nil
		}
		if strings.EqualFold(a.Actor.Code, term) {
			return a.Actor.Code, nil
		}
	}
	return "", nil
}

// one is the single term a name stands for, or a 400 that lists them.
func (n *Names) one(param, name string, terms []string) (string, error) {
	if len(terms) == 1 {
		return terms[0], nil
	}
	shown := make([]string, len(terms))
	for i, t := range terms {
		shown[i] = n.show(t)
	}
	sort.Strings(shown)
	return "", badRequest("%s %q names %d actors: %s; give one of their ids", param, name, len(terms), list(shown, 8))
}

func (n *Names) show(term string) string {
	if s := n.shown[term]; s != "" {
		return s
	}
	return term
}

// unknown is the 400 of a term that names nothing, with the nearest names
// (countries only when countries is true).
func (n *Names) unknown(param, term string, countries bool) error {
	what := "an actor (a name in any language, a knowledge-base id, a country, an organisation or a CAMEO actor code)"
	if countries {
		what = "a country (a name or an ISO 3166-1 alpha-3 code: RUS, FRA, ...)"
	}
	msg := fmt.Sprintf("%s %q is not %s", param, term, what)
	if near := n.near(foldWords(term), countries); len(near) > 0 {
		msg += "; did you mean " + list(near, 5) + "?"
	}
	return badRequest("%s", msg)
}

// near returns the names closest to the folded f: those within an edit
// distance of about a quarter of its length, then those that start with
// it, nearest first.
func (n *Names) near(f string, countries bool) []string {
	if f == "" {
		return nil
	}
	type cand struct {
		term, name string
		d          int
	}
	best := map[string]cand{} // by term
	limit := max(1, len([]rune(f))/4)
	for _, k := range n.keys {
		if countries && !k.country {
			continue
		}
		d := -1
		if dist := editDistance(f, k.fold, limit); dist <= limit {
			d = dist
		} else if len(f) >= 3 && strings.HasPrefix(k.fold, f) {
			d = limit + 1
		}
		if d < 0 {
			continue
		}
		if old, ok := best[k.term]; !ok || d < old.d || d == old.d && k.name < old.name {
			best[k.term] = cand{k.term, k.name, d}
		}
	}
	cands := make([]cand, 0, len(best))
	for _, c := range best {
		cands = append(cands, c)
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].d != cands[j].d {
			return cands[i].d < cands[j].d
		}
		return cands[i].term < cands[j].term
	})
	out := make([]string, 0, 5)
	for _, c := range cands[:min(len(cands), 5)] {
		shown := n.show(c.term)
		if !strings.HasPrefix(shown, c.name+" (") {
			shown = c.name + ": " + shown
		}
		out = append(out, shown)
	}
	return out
}

// editDistance is the edit distance of a and b in runes, a swap of two
// neighbours counting as one edit (optimal string alignment), or limit+1
// as soon as it must exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	rows := [3][]int{make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)}
	before, prev, cur := rows[0], rows[1], rows[2]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
			low = min(low, cur[j])
		}
		if low > limit {
			return limit + 1
		}
		before, prev, cur = prev, cur, before
	}
	return prev[len(rb)]
}

// list joins items with commas and "or", at most max of them.
func list(items []string, max int) string {
	if len(items) > max {
		items = append(items[:max:max], "…")
	}
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

func isLetters(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return s != ""
}
