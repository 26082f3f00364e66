package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"entente/internal/store"
)

var _ store.Feed = (*Store)(nil)

// changes is what a transaction did to events, in the order it did it,
// for the change feed: each change is a step (1, 2, 3...), and take turns
// steps into positions of the feed.
type changes struct {
	step    int64
	last    map[int64]int64 // event → step of its latest change
	created map[int64]int64 // event → step of its creation
	removed map[int64]int64 // event → step of its removal
}

// touch records a change to event id; created when it is new.
func (c *changes) touch(id int64, created bool) {
	if c.last == nil {
		c.last, c.created, c.removed = map[int64]int64{}, map[int64]int64{}, map[int64]int64{}
	}
	c.step++
	c.last[id] = c.step
	if created {
		c.created[id] = c.step
	}
}

// remove records that event id is gone.
func (c *changes) remove(id int64) {
	c.touch(id, false)
	delete(c.last, id)
	delete(c.created, id)
	c.removed[id] = c.step
}

// positions are the places in the feed of what a transaction did: of
// each event's latest change, of the creation of those it created, and of
// each removal.
type positions struct {
	last, created, removed map[int64]int64
}

// take takes as many positions from the feed counter as the transaction
// made steps since it last took, and forgets the steps. The counter's
// row stays locked until the transaction ends, so a later transaction
// takes higher positions and commits later: positions are handed out in
// commit order.
func (w *writer) take(ctx context.Context) (positions, error) {
	c := &w.feed
	p := positions{last: map[int64]int64{}, created: map[int64]int64{}, removed: map[int64]int64{}}
	if c.step == 0 {
		return p, nil
	}
	var base int64
	if err := w.tx.QueryRow(ctx, "UPDATE feed SET seq = seq + $1 RETURNING seq - $1", c.step).Scan(&base); err != nil {
		return p, fmt.Errorf("feed position: %w", err)
	}
	for id, s := range c.last {
		p.last[id] = base + s
	}
	for id, s := range c.created {
		p.created[id] = base + s
	}
	for id, s := range c.removed {
		p.removed[id] = base + s
	}
	w.feed = changes{}
	return p, nil
}

// flushFeed takes the positions of what the transaction did since it
// last took and writes them.
func (w *writer) flushFeed(ctx context.Context, now time.Time) error {
	p, err := w.take(ctx)
	if err != nil {
		return err
	}
	return w.writePositions(ctx, p, now)
}

// writePositions writes positions to the events changed and removed.
func (w *writer) writePositions(ctx context.Context, p positions, now time.Time) error {
	ids := make([]int64, 0, len(p.last))
	for id := range p.last {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	seqs := make([]int64, len(ids))
	added := make([]int64, len(ids))
	for i, id := range ids {
		seqs[i], added[i] = p.last[id], p.created[id]
	}
	if len(ids) > 0 {
		if _, err := w.tx.Exec(ctx, `UPDATE events e SET seq = v.seq,
			added_seq = CASE WHEN v.added > 0 THEN v.added ELSE e.added_seq END
			FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS v (id, seq, added)
			WHERE e.id = v.id`, ids, seqs, added); err != nil {
			return fmt.Errorf("feed: %w", err)
		}
	}
	if len(p.removed) > 0 {
		ids, seqs = ids[:0], seqs[:0]
		for id, s := range p.removed {
			ids = append(ids, id)
			seqs = append(seqs, s)
		}
		if _, err := w.tx.Exec(ctx, `INSERT INTO removed_events (event_id, seq, at)
			SELECT id, seq, $3 FROM unnest($1::bigint[], $2::bigint[]) AS v (id, seq)
			ON CONFLICT (event_id) DO UPDATE SET seq = excluded.seq, at = excluded.at`, ids, seqs, now); err != nil {
			return fmt.Errorf("feed: removed: %w", err)
		}
	}
	return nil
}

// Since implements store.Feed.
func (s *Store) Since(ctx context.Context, after int64, limit int) ([]store.EventChange, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.pool.Query(ctx, `SELECT seq, id, CASE WHEN added_seq = seq THEN 'added' ELSE 'updated' END, added_seq
		FROM (SELECT seq, id, added_seq FROM events WHERE seq > $1 ORDER BY seq LIMIT $2) e
		UNION ALL
		SELECT seq, event_id, 'removed', 0 FROM (SELECT seq, event_id FROM removed_events WHERE seq > $1 ORDER BY seq LIMIT $2) r
		ORDER BY 1 LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("store: since %d: %w", after, err)
	}
	defer rows.Close()
	out := []store.EventChange{}
	for rows.Next() {
		var c store.EventChange
		if err := rows.Scan(&c.Seq, &c.Event, &c.Action, &c.Created); err != nil {
			return nil, fmt.Errorf("store: since %d: %w", after, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: since %d: %w", after, err)
	}
	return out, nil
}

// renumber gives the events recorded under the temporary ids of
// insertEvents their ids.
func (c *changes) renumber(ids map[int64]int64) {
	for _, m := range []map[int64]int64{c.last, c.created, c.removed} {
		for old, id := range ids {
			if s, ok := m[old]; ok {
				delete(m, old)
				m[id] = s
			}
		}
	}
}
