package api

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"entente"
	"entente/internal/kb"
	"entente/internal/segment"
	"entente/internal/store"
)

// actorIndex finds knowledge-base actors by any alias in any script,
// folded as the coder folds words (case and accents ignored).
type actorIndex struct {
	byID    map[string]*kb.Actor // by id and by Wikidata QID
	entries []actorEntry         // sorted by id
}

type actorEntry struct {
	a     *kb.Actor
	folds []string // folded aliases, id and QID
}

func newActorIndex(k *kb.KB) *actorIndex {
	x := &actorIndex{byID: map[string]*kb.Actor{}}
	for id, a := range k.Actors {
		x.byID[id] = a
		if a.QID != "" {
			x.byID[a.QID] = a
		}
		e := actorEntry{a: a}
		seen := map[string]bool{}
		for _, s := range append(append([]string{a.ID, a.QID}, a.Aliases...), a.Name) {
			f := foldWords(s)
			if f != "" && !seen[f] {
				seen[f] = true
				e.folds = append(e.folds, f)
			}
		}
		x.entries = append(x.entries, e)
	}
	sort.Slice(x.entries, func(i, j int) bool { return x.entries[i].a.ID < x.entries[j].a.ID })
	return x
}

// foldWords folds s and joins its words with single spaces:
// "Sergueï  Choïgou" → "serguei choigou", "sergei-shoigu" → "sergei shoigu".
func foldWords(s string) string {
	return strings.Join(store.Words(segment.Fold(s)), " ")
}

// search returns at most max actors with an alias holding every word of
// q: an alias equal to q first, then one starting with it, then the rest,
// each by id.
func (x *actorIndex) search(q string, max int) []*kb.Actor {
	fq := foldWords(q)
	words := strings.Fields(fq)
	if len(words) == 0 {
		return nil
	}
	type hit struct {
		a    *kb.Actor
		rank int
	}
	var hits []hit
	for _, e := range x.entries {
		best := -1
		for _, f := range e.folds {
			if !holdsAll(f, words) {
				continue
			}
			rank := 2
			switch {
			case f == fq:
				rank = 0
			case strings.HasPrefix(f, fq):
				rank = 1
			}
			if best < 0 || rank < best {
				best = rank
			}
		}
		if best >= 0 {
			hits = append(hits, hit{e.a, best})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].rank < hits[j].rank })
	if len(hits) > max {
		hits = hits[:max]
	}
	out := make([]*kb.Actor, len(hits))
	for i, h := range hits {
		out[i] = h.a
	}
	return out
}

func holdsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// actorJSON is an actor of GET /api/actors.
type actorJSON struct {
	store.ActorCount
	Aliases []string `json:"aliases"`
	Known   bool     `json:"known"` // in the knowledge base
}

// actorDetail is GET /api/actors/{id}.
type actorDetail struct {
	actorJSON
	Roles []roleJSON `json:"roles"`
}

// roleJSON is an office a knowledge-base person holds; From and To are
// YYYY-MM-DD, null when open.
type roleJSON struct {
	Title   string  `json:"title"`
	Country string  `json:"country"`
	Org     string  `json:"org"`
	Sector  string  `json:"sector"`
	From    *string `json:"from"`
	To      *string `json:"to"`
}

// known returns the knowledge-base actor of a stored actor, nil if none.
func (s *Server) known(ac store.ActorCount) *kb.Actor {
	if a := s.actors.byID[ac.Key]; a != nil {
		return a
	}
	if ac.Actor.ID != "" {
		return s.actors.byID[ac.Actor.ID]
	}
	return nil
}

func (s *Server) describe(ac store.ActorCount) actorJSON {
	out := actorJSON{ActorCount: ac, Aliases: []string{}}
	if a := s.known(ac); a != nil {
		out.Known = true
		seen := map[string]bool{}
		for _, al := range a.Aliases {
			if !seen[al] {
				seen[al] = true
				out.Aliases = append(out.Aliases, al)
			}
		}
	}
	return out
}

// unseen is a knowledge-base actor that no stored event has, as of its
// latest role.
func unseen(a *kb.Actor) store.ActorCount {
	country, org, sector, _ := a.At(time.Time{})
	act := entente.Actor{Name: a.Name, ID: a.ID, Country: country, Org: org, Sector: sector}
	switch {
	case org != "":
		act.Code = "IGO" + org
	case country != "":
		act.Code = country + sector
	default:
		act.Code = sector
	}
	return store.ActorCount{Key: a.ID, Actor: act}
}

// maxKBHits bounds how many knowledge-base actors one search looks up in
// the store.
const maxKBHits = 50

func (s *Server) actorList(w http.ResponseWriter, r *http.Request) error {
	q := s.st
	v := r.URL.Query()
	text := v.Get("q")
	if len(text) > 200 {
		return badRequest("q is longer than 200 bytes")
	}
	limit, err := intParam(v, "limit", 20, 1, 200)
	if err != nil {
		return err
	}
	found, err := q.Actors(r.Context(), text, limit)
	if err != nil {
		return err
	}
	out := make([]actorJSON, 0, len(found))
	seen := map[string]bool{}
	for _, ac := range found {
		seen[ac.Key] = true
		if a := s.known(ac); a != nil {
			seen[a.ID] = true
		}
		out = append(out, s.describe(ac))
	}
	hits := s.actors.search(text, maxKBHits)
	var ids []string
	for _, a := range hits {
		if !seen[a.ID] {
			ids = append(ids, a.ID)
		}
	}
	// One query for every hit, not one each.
	stored, err := q.ActorsByID(r.Context(), ids)
	if err != nil {
		return err
	}
	for _, a := range hits {
		if seen[a.ID] {
			continue
		}
		ac := ptr(unseen(a))
		if st, ok := stored[a.ID]; ok {
			ac = &st
		}
		if seen[ac.Key] {
			continue
		}
		seen[ac.Key], seen[a.ID] = true, true
		out = append(out, s.describe(*ac))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Events > out[j].Events })
	if len(out) > limit {
		out = out[:limit]
	}
	writeJSON(w, http.StatusOK, map[string]any{"actors": out})
	return nil
}

func (s *Server) actor(w http.ResponseWriter, r *http.Request) error {
	q := s.st
	id := r.PathValue("id")
	if id == "" || len(id) > 200 {
		return badRequest("actor id %q is empty or too long", id)
	}
	// A Wikidata QID names the knowledge-base actor the store knows by id.
	a := s.actors.byID[id]
	if a != nil {
		id = a.ID
	}
	ac, err := q.Actor(r.Context(), id)
	switch {
	case isNotFound(err) && a != nil:
		ac = ptr(unseen(a))
	case isNotFound(err):
		return errorStatus(http.StatusNotFound, "no actor %q", id)
	case err != nil:
		return err
	}
	d := actorDetail{actorJSON: s.describe(*ac), Roles: []roleJSON{}}
	if a := s.known(*ac); a != nil {
		for _, r := range a.Roles {
			d.Roles = append(d.Roles, roleJSON{Title: r.Title, Country: r.Country, Org: r.Org, Sector: r.Sector, From: day(r.From), To: day(r.To)})
		}
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

func day(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	return ptr(t.Format(time.DateOnly))
}

func ptr[T any](v T) *T { return &v }
