package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"entente"
	"entente/internal/store"
	"entente/internal/store/sqlq"
)

var _ store.Recoder = (*Store)(nil)

// oldMention is a stored mention of the document being recoded.
type oldMention struct {
	id, event int64
	start     int
	sentence  string
	code      string
	src, tgt  string
	date      sql.NullString
}

// Recode implements store.Recoder. A mention is kept when the recoded
// document reports the same event (by identity) from the same sentence
// start; other stored mentions are removed and new ones added, in one
// transaction.
func (s *Store) Recode(ctx context.Context, id int64, doc *entente.Document, run string) ([]store.Change, error) {
	if doc == nil {
		return nil, errors.New("store: recode: nil document")
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: recode %d: %w", id, err)
	}
	defer tx.Rollback()
	changes, err := s.recode(ctx, tx, id, doc, run)
	if err != nil {
		return nil, fmt.Errorf("store: recode %d: %w", id, err)
	}
	if err := tx.finish(ctx); err != nil {
		return nil, fmt.Errorf("store: recode %d: %w", id, err)
	}
	return changes, nil
}

func (s *Store) recode(ctx context.Context, tx *txn, id int64, doc *entente.Document, run string) ([]store.Change, error) {
	now := s.now().UTC()
	var publisher, lang string
	var failed sql.NullString
	err := tx.QueryRowContext(ctx, "SELECT publisher, lang, error FROM documents WHERE id = ?", id).Scan(&publisher, &lang, &failed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if doc.Lang != "" && doc.Lang != lang || failed.Valid {
		if doc.Lang != "" {
			lang = doc.Lang
		}
		if _, err := tx.ExecContext(ctx, "UPDATE documents SET lang = ?, error = NULL WHERE id = ?", lang, id); err != nil {
			return nil, fmt.Errorf("document: %w", err)
		}
	}

	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.event_id, m.evidence_start, m.sentence, e.code, e.source_key, e.target_key, e.date
		FROM mentions m JOIN events e ON e.id = m.event_id WHERE m.doc_id = ? ORDER BY m.id`, id)
	if err != nil {
		return nil, fmt.Errorf("mentions: %w", err)
	}
	var old []oldMention
	for rows.Next() {
		var m oldMention
		if err := rows.Scan(&m.id, &m.event, &m.start, &m.sentence, &m.code, &m.src, &m.tgt, &m.date); err != nil {
			rows.Close()
			return nil, fmt.Errorf("mentions: %w", err)
		}
		old = append(old, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mentions: %w", err)
	}
	type at struct {
		event int64
		start int
	}
	stored := make(map[at]int, len(old)) // → index in old
	for i, m := range old {
		stored[at{m.event, m.start}] = i
	}
	kept := make([]bool, len(old))
	var changes []store.Change
	change := func(action string, event int64, code, src, tgt string, date sql.NullString, evidence string) {
		changes = append(changes, store.Change{Run: run, At: now, Doc: id, Event: event, Action: action,
			Code: code, Source: src, Target: tgt, Date: nullPtr(date), Evidence: evidence})
	}

	for i := range doc.Events {
		e := &doc.Events[i]
		key := store.KeyOf(e)
		found, _, err := findEvent(ctx, tx, key)
		if err != nil {
			return nil, err
		}
		if j, ok := stored[at{found, e.Evidence.Start}]; ok && found != 0 {
			if j >= 0 {
				kept[j] = true
			}
			continue
		}
		res := store.Result{Events: make([]int64, 1)}
		if err := s.insertEvent(ctx, tx, id, publisher, lang, e, now, &res, 0); err != nil {
			return nil, fmt.Errorf("event %d: %w", i, err)
		}
		if res.Mentions == 0 {
			continue // a second rule on a sentence already counted
		}
		stored[at{res.Events[0], e.Evidence.Start}] = -1
		change("added", res.Events[0], key.Code, key.Source, key.Target, nullIfEmpty(key.Date), e.Evidence.Text)
	}

	touched := map[int64]bool{}
	var order []int64
	for i, m := range old {
		if kept[i] {
			continue
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM mentions WHERE id = ?", m.id); err != nil {
			return nil, fmt.Errorf("remove mention %d: %w", m.id, err)
		}
		if !touched[m.event] {
			touched[m.event] = true
			order = append(order, m.event)
		}
		change("removed", m.event, m.code, m.src, m.tgt, m.date, m.sentence)
	}
	actors := map[string]bool{}
	var actorOrder []string
	for _, ev := range order {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM mentions WHERE event_id = ?", ev).Scan(&n); err != nil {
			return nil, fmt.Errorf("event %d: %w", ev, err)
		}
		if n > 0 {
			if err := recount(ctx, tx, ev); err != nil {
				return nil, fmt.Errorf("event %d: %w", ev, err)
			}
			continue
		}
		var src, tgt string
		err := tx.QueryRowContext(ctx, "SELECT "+sqlq.SideKey("source")+", "+sqlq.SideKey("target")+" FROM events e WHERE e.id = ?", ev).Scan(&src, &tgt)
		if err != nil {
			return nil, fmt.Errorf("event %d: %w", ev, err)
		}
		for _, k := range []string{src, tgt} {
			if k != "|||" && !actors[k] {
				actors[k] = true
				actorOrder = append(actorOrder, k)
			}
		}
		if err := unroll(ctx, tx, ev); err != nil {
			return nil, fmt.Errorf("event %d: %w", ev, err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM event_sources WHERE event_id = ?", ev); err != nil {
			return nil, fmt.Errorf("event %d: %w", ev, err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM events WHERE id = ?", ev); err != nil {
			return nil, fmt.Errorf("event %d: %w", ev, err)
		}
		if err := removed(ctx, tx, ev, now); err != nil {
			return nil, fmt.Errorf("event %d: %w", ev, err)
		}
	}
	for _, k := range actorOrder {
		if err := refreshActor(ctx, tx, k); err != nil {
			return nil, err
		}
	}
	for i := range changes {
		c := &changes[i]
		r, err := tx.ExecContext(ctx, `INSERT INTO changes (run, at, doc_id, event_id, action, code, source_key, target_key, date, evidence)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.Run, formatTime(c.At), c.Doc, c.Event, c.Action, c.Code, c.Source, c.Target,
			nullString(c.Date), c.Evidence)
		if err != nil {
			return nil, fmt.Errorf("change: %w", err)
		}
		if c.ID, err = r.LastInsertId(); err != nil {
			return nil, fmt.Errorf("change: %w", err)
		}
	}
	return changes, nil
}

// recount sets an event's mention and source counts, its publishers and
// languages from the mentions it has left.
func recount(ctx context.Context, tx *txn, ev int64) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_sources WHERE event_id = ?", ev); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO event_sources (event_id, publisher)
		SELECT DISTINCT ?1, d.publisher FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ?1`, ev); err != nil {
		return err
	}
	seq, err := nextSeq(ctx, tx)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE events SET
		num_mentions = (SELECT count(*) FROM mentions WHERE event_id = ?1),
		num_sources = (SELECT count(*) FROM event_sources WHERE event_id = ?1),
		langs = `+langsOf("?1")+`, seq = ?2 WHERE id = ?1`, ev, seq)
	return err
}

// Changes implements store.Recoder.
func (s *Store) Changes(ctx context.Context, run string, limit int) ([]store.Change, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, run, at, doc_id, event_id, action, code, source_key, target_key, date, evidence
		FROM changes WHERE ?1 = '' OR run = ?1 ORDER BY id DESC LIMIT ?2`, run, limit)
	if err != nil {
		return nil, fmt.Errorf("store: changes: %w", err)
	}
	defer rows.Close()
	changes := []store.Change{}
	for rows.Next() {
		var c store.Change
		var at string
		var date sql.NullString
		if err := rows.Scan(&c.ID, &c.Run, &at, &c.Doc, &c.Event, &c.Action, &c.Code, &c.Source, &c.Target, &date, &c.Evidence); err != nil {
			return nil, fmt.Errorf("store: changes: %w", err)
		}
		if c.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("store: changes: %w", err)
		}
		c.Date = nullPtr(date)
		changes = append(changes, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: changes: %w", err)
	}
	return changes, nil
}
