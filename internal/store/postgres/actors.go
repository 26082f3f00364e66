package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"entente"
	"entente/internal/segment"
	"entente/internal/store"
)

// actorKey is the key of an actor in the actors table: its knowledge-base
// id when it has one, else its store.ActorKey.
func actorKey(a entente.Actor) string {
	if a.ID != "" {
		return a.ID
	}
	return store.ActorKey(a)
}

// foldActor is the search text an actor adds to its row: its folded name,
// id, code, country and org between spaces, ended by "|".
func foldActor(a entente.Actor) string {
	return " " + strings.Join([]string{segment.Fold(a.Name), segment.Fold(a.ID), strings.ToLower(a.Code),
		strings.ToLower(a.Country), strings.ToLower(a.Org)}, " ") + " |"
}

// pendingActor is what a transaction has counted of one actor and not
// yet written.
type pendingActor struct {
	a           entente.Actor
	folds       []string
	events      int
	first, last string
}

// addActors counts a new event in the rows of its actors, written by
// flushActors.
func (w *writer) addActors(e *entente.Event) {
	var date string
	if e.Date != nil {
		date = *e.Date
	}
	for i, a := range []entente.Actor{e.Source, e.Target} {
		if a.IsZero() || (i == 1 && actorKey(a) == actorKey(e.Source)) {
			continue
		}
		k := actorKey(a)
		q := w.actors[k]
		if q == nil {
			w.actors[k] = &pendingActor{a: a, folds: []string{foldActor(a)}, events: 1, first: date, last: date}
			continue
		}
		q.events++
		if f := foldActor(a); !slices.Contains(q.folds, f) {
			q.folds = append(q.folds, f)
		}
		if date != "" && (q.first == "" || date < q.first) {
			q.first = date
		}
		if date > q.last {
			q.last = date
		}
	}
}

// flushActors writes the counts the transaction kept, in key order, so
// that two transactions lock actor rows in the same order.
func (w *writer) flushActors(ctx context.Context) error {
	keys := make([]string, 0, len(w.actors))
	for k := range w.actors {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := &pgx.Batch{}
	for _, k := range keys {
		p := w.actors[k]
		a := p.a
		for i, fold := range p.folds {
			n := p.events
			if i > 0 {
				n = 0 // one more name of the same actor
			}
			b.Queue(`INSERT INTO actors
				(key, kb_id, name, code, country, org, sector, fold, events, first, last)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
				ON CONFLICT (key) DO UPDATE SET events = actors.events + excluded.events,
					first = least(actors.first, excluded.first),
					last = greatest(actors.last, excluded.last),
					fold = CASE WHEN position(excluded.fold in actors.fold) > 0 THEN actors.fold
						ELSE actors.fold || excluded.fold END`,
				k, a.ID, a.Name, a.Code, a.Country, a.Org, a.Sector, fold, n, nullIfEmpty(p.first), nullIfEmpty(p.last))
		}
	}
	// One pipeline, run in key order.
	if err := w.tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("actors: %w", err)
	}
	clear(w.actors)
	return nil
}

// refreshActor recounts the events of one actor after some were deleted,
// and drops its row when none is left.
func (w *writer) refreshActor(ctx context.Context, key string) error {
	cond := "source_key = $1 OR target_key = $1"
	if !strings.Contains(key, "|") {
		cond = "source_id = $1 OR target_id = $1"
	}
	var n int
	var first, last *string
	if err := w.tx.QueryRow(ctx, `SELECT count(*), min(date), max(date) FROM events WHERE `+cond, key).Scan(&n, &first, &last); err != nil {
		return fmt.Errorf("actor %s: %w", key, err)
	}
	var err error
	if n == 0 {
		_, err = w.tx.Exec(ctx, "DELETE FROM actors WHERE key = $1", key)
	} else {
		_, err = w.tx.Exec(ctx, "UPDATE actors SET events = $1, first = $2, last = $3 WHERE key = $4", n, first, last, key)
	}
	if err != nil {
		return fmt.Errorf("actor %s: %w", key, err)
	}
	return nil
}
