package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// migrateV1 brings a version-1 database to version 2: actor columns,
// languages and the sortable day on events (filled from the JSON
// columns), the read-side indexes, and the actors and changes tables.
func migrateV1(ctx context.Context, tx *txn) error {
	for _, col := range []string{
		"source_id", "source_country", "source_sector", "source_org", "source_code",
		"target_id", "target_country", "target_sector", "target_org", "target_code", "langs",
	} {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE events ADD COLUMN "+col+" TEXT NOT NULL DEFAULT ''"); err != nil {
			return fmt.Errorf("add %s: %w", col, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "ALTER TABLE events ADD COLUMN day TEXT GENERATED ALWAYS AS (ifnull(date, '')) VIRTUAL"); err != nil {
		return fmt.Errorf("add day: %w", err)
	}
	var set []string
	for _, side := range []string{"source", "target"} {
		for _, f := range []string{"id", "country", "sector", "org", "code"} {
			set = append(set, fmt.Sprintf("%s_%s = ifnull(json_extract(%s, '$.%s'), '')", side, f, side, f))
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE events SET "+strings.Join(set, ", ")); err != nil {
		return fmt.Errorf("fill actor columns: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE events SET langs = "+langsOf("events.id")); err != nil {
		return fmt.Errorf("fill langs: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DROP INDEX IF EXISTS events_date"); err != nil {
		return fmt.Errorf("drop events_date: %w", err)
	}
	_, added, ok := strings.Cut(schema, "-- @indexes")
	if !ok {
		return errors.New("schema.sql lacks its @indexes mark")
	}
	if _, err := tx.Tx.ExecContext(ctx, added); err != nil {
		return fmt.Errorf("indexes and tables: %w", err)
	}
	return rebuildActors(ctx, tx)
}

// langsOf is the SQL expression of the languages of the documents that
// mention the event whose id is the expression id: ",en,fr," or "".
func langsOf(id string) string {
	return `ifnull((SELECT ','||group_concat(DISTINCT d.lang)||',' FROM mentions m
		JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ` + id + ` AND d.lang <> ''), '')`
}

// migrateV2 brings a version-2 database to version 3: the change feed.
// Every stored event takes its id as the position of its creation, so a
// follower starting from the beginning sees them all, in id order.
func migrateV2(ctx context.Context, tx *txn) error {
	for _, col := range []string{"seq", "added_seq"} {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE events ADD COLUMN "+col+" INTEGER NOT NULL DEFAULT 0"); err != nil {
			return fmt.Errorf("add %s: %w", col, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE events SET seq = id, added_seq = id"); err != nil {
		return fmt.Errorf("fill seq: %w", err)
	}
	_, feed, ok := strings.Cut(schema, "-- @feed")
	feed, _, ok2 := strings.Cut(feed, "-- @end")
	if !ok || !ok2 {
		return errors.New("schema.sql lacks its @feed and @end marks")
	}
	if _, err := tx.Tx.ExecContext(ctx, feed); err != nil {
		return fmt.Errorf("feed tables: %w", err)
	}
	return nil
}
