package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

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

// pendingActor is what a batch has counted of one actor and not yet
// written.
type pendingActor struct {
	a           entente.Actor
	folds       []string
	events      int
	first, last string
}

// addActors counts a new event in the rows of its actors; in a batch
// (tx.actors not nil) the counts wait for flushActors.
func addActors(ctx context.Context, tx *txn, e *entente.Event) error {
	var date string
	if e.Date != nil {
		date = *e.Date
	}
	for i, a := range []entente.Actor{e.Source, e.Target} {
		if a.IsZero() || (i == 1 && actorKey(a) == actorKey(e.Source)) {
			continue
		}
		p := &pendingActor{a: a, folds: []string{foldActor(a)}, events: 1, first: date, last: date}
		if tx.actors == nil {
			if err := writeActor(ctx, tx, p); err != nil {
				return err
			}
			continue
		}
		k := actorKey(a)
		q := tx.actors[k]
		if q == nil {
			tx.actors[k] = p
			continue
		}
		q.events++
		if f := p.folds[0]; !slices.Contains(q.folds, f) {
			q.folds = append(q.folds, f)
		}
		if date != "" && (q.first == "" || date < q.first) {
			q.first = date
		}
		if date > q.last {
			q.last = date
		}
	}
	return nil
}

// flushActors writes the counts a batch kept.
func flushActors(ctx context.Context, tx *txn) error {
	keys := make([]string, 0, len(tx.actors))
	for k := range tx.actors {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := writeActor(ctx, tx, tx.actors[k]); err != nil {
			return err
		}
	}
	clear(tx.actors)
	return nil
}

// writeActor adds p's counts to its row, creating it when missing.
func writeActor(ctx context.Context, tx *txn, p *pendingActor) error {
	a := p.a
	for i, fold := range p.folds {
		n := p.events
		if i > 0 {
			n = 0 // one more name of the same actor
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO actors
			(key, kb_id, name, code, country, org, sector, fold, events, first, last)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET events = events + excluded.events,
				first = coalesce(min(first, excluded.first), first, excluded.first),
				last = coalesce(max(last, excluded.last), last, excluded.last),
				fold = CASE WHEN instr(fold, excluded.fold) > 0 THEN fold ELSE fold || excluded.fold END`,
			actorKey(a), a.ID, a.Name, a.Code, a.Country, a.Org, a.Sector, fold, n, nullIfEmpty(p.first), nullIfEmpty(p.last))
		if err != nil {
			return fmt.Errorf("actor %s: %w", actorKey(a), err)
		}
	}
	return nil
}

// refreshActor recounts the events of one actor after some were deleted,
// and drops its row when none is left.
func refreshActor(ctx context.Context, tx *txn, key string) error {
	cond := "source_key = ?1 OR target_key = ?1"
	if !strings.Contains(key, "|") {
		cond = "source_id = ?1 OR target_id = ?1"
	}
	var n int
	var first, last sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT count(*), min(date), max(date) FROM events WHERE `+cond, key).Scan(&n, &first, &last); err != nil {
		return fmt.Errorf("actor %s: %w", key, err)
	}
	var err error
	if n == 0 {
		_, err = tx.ExecContext(ctx, "DELETE FROM actors WHERE key = ?", key)
	} else {
		_, err = tx.ExecContext(ctx, "UPDATE actors SET events = ?, first = ?, last = ? WHERE key = ?", n, first, last, key)
	}
	if err != nil {
		return fmt.Errorf("actor %s: %w", key, err)
	}
	return nil
}

// rebuildActors fills the actors table anew from the events.
func rebuildActors(ctx context.Context, tx *txn) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM actors"); err != nil {
		return fmt.Errorf("actors: %w", err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT source, target, date FROM events ORDER BY id")
	if err != nil {
		return fmt.Errorf("actors: %w", err)
	}
	defer rows.Close()
	type row struct {
		a           entente.Actor
		fold        string
		events      int
		first, last string
	}
	byKey := map[string]*row{}
	var order []string
	for rows.Next() {
		var src, tgt string
		var date sql.NullString
		if err := rows.Scan(&src, &tgt, &date); err != nil {
			return fmt.Errorf("actors: %w", err)
		}
		var e entente.Event
		if err := errors.Join(json.Unmarshal([]byte(src), &e.Source), json.Unmarshal([]byte(tgt), &e.Target)); err != nil {
			return fmt.Errorf("actors: %w", err)
		}
		for i, a := range []entente.Actor{e.Source, e.Target} {
			k := actorKey(a)
			if a.IsZero() || (i == 1 && k == actorKey(e.Source)) {
				continue
			}
			r := byKey[k]
			if r == nil {
				r = &row{a: a}
				byKey[k] = r
				order = append(order, k)
			}
			if f := foldActor(a); !strings.Contains(r.fold, f) {
				r.fold += f
			}
			r.events++
			if date.Valid {
				if r.first == "" || date.String < r.first {
					r.first = date.String
				}
				if date.String > r.last {
					r.last = date.String
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("actors: %w", err)
	}
	rows.Close()
	for _, k := range order {
		r := byKey[k]
		_, err := tx.ExecContext(ctx, `INSERT INTO actors
			(key, kb_id, name, code, country, org, sector, fold, events, first, last)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			k, r.a.ID, r.a.Name, r.a.Code, r.a.Country, r.a.Org, r.a.Sector, r.fold, r.events,
			nullIfEmpty(r.first), nullIfEmpty(r.last))
		if err != nil {
			return fmt.Errorf("actor %s: %w", k, err)
		}
	}
	return nil
}
