package sqlite

import (
	"context"
	"fmt"
	"time"

	"entente/internal/store"
)

var _ store.Feed = (*Store)(nil)

// nextSeq hands out the next position of the change feed. Writers hold
// SQLite's one write lock for their whole transaction, so positions are
// taken and committed in the same order. The transaction reads the last
// position once and writes the new one when it finishes (an UPDATE ...
// RETURNING per event was a sixth of a bulk load's time).
func nextSeq(ctx context.Context, tx *txn) (int64, error) {
	if !tx.seqRead {
		if err := tx.QueryRowContext(ctx, "SELECT seq FROM feed").Scan(&tx.seq); err != nil {
			return 0, fmt.Errorf("feed position: %w", err)
		}
		tx.seqRead = true
	}
	tx.seq++
	tx.seqTaken = true
	return tx.seq, nil
}

// removed records that event id is gone, at a new position.
func removed(ctx context.Context, tx *txn, id int64, now time.Time) error {
	seq, err := nextSeq(ctx, tx)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO removed_events (event_id, seq, at) VALUES (?1, ?2, ?3)
		ON CONFLICT (event_id) DO UPDATE SET seq = ?2, at = ?3`, id, seq, formatTime(now))
	if err != nil {
		return fmt.Errorf("removed: %w", err)
	}
	return nil
}

// Since implements store.Feed. An event id that was removed and later
// taken again by a new event (SQLite may reuse the highest id) appears
// as its removal then its creation, in that order.
func (s *Store) Since(ctx context.Context, after int64, limit int) ([]store.EventChange, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.QueryContext(ctx, `SELECT seq, id, CASE WHEN added_seq = seq THEN 'added' ELSE 'updated' END, added_seq
		FROM (SELECT seq, id, added_seq FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2)
		UNION ALL
		SELECT seq, event_id, 'removed', 0 FROM (SELECT seq, event_id FROM removed_events WHERE seq > ?1 ORDER BY seq LIMIT ?2)
		ORDER BY 1 LIMIT ?2`, after, limit)
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
