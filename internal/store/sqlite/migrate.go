package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"entente/internal/store"
	"entente/internal/store/sqlq"
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
	// Up to the rollups: version 4 adds them (migrateV3), 5 the indexes
	// of aggregates (migrateV4), 6 the rollups per month (migrateV5).
	added, err := schemaPart("indexes", "rollups")
	if err != nil {
		return err
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
	feed, err := schemaPart("feed", "end")
	if err != nil {
		return err
	}
	if _, err := tx.Tx.ExecContext(ctx, feed); err != nil {
		return fmt.Errorf("feed tables: %w", err)
	}
	return nil
}

// migrateV3 brings a version-3 database to version 4: the rollups
// (filled by fillRollups once every migration has run).
func migrateV3(ctx context.Context, tx *txn) error {
	rollups, err := schemaPart("rollups", "end")
	if err != nil {
		return err
	}
	if _, err := tx.Tx.ExecContext(ctx, rollups); err != nil {
		return fmt.Errorf("rollups: %w", err)
	}
	return nil
}

// migrateV4 brings a version-4 database to version 5: the place's name
// as a column, and the indexes of aggregates by country.
func migrateV4(ctx context.Context, tx *txn) error {
	if _, err := tx.ExecContext(ctx, "ALTER TABLE events ADD COLUMN place_name TEXT"); err != nil {
		return fmt.Errorf("add place_name: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE events SET place_name = json_extract(place, '$.name') WHERE place IS NOT NULL"); err != nil {
		return fmt.Errorf("fill place_name: %w", err)
	}
	facts, err := schemaPart("facts", "end")
	if err != nil {
		return err
	}
	if _, err := tx.Tx.ExecContext(ctx, facts); err != nil {
		return fmt.Errorf("indexes of aggregates: %w", err)
	}
	// A database analyzed before gets statistics of the new indexes too:
	// without them the planner misjudges them against the others.
	var analyzed bool
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1')").Scan(&analyzed); err != nil {
		return fmt.Errorf("statistics: %w", err)
	}
	if !analyzed {
		return nil
	}
	if _, err := tx.Tx.ExecContext(ctx, "ANALYZE events_source_facts; ANALYZE events_target_facts"); err != nil {
		return fmt.Errorf("statistics: %w", err)
	}
	return noSkipScan(ctx, tx.Tx)
}

// migrateV5 brings a version-5 database to version 6: the rollups per
// month, per day and place and per country (filled by fillRollups).
func migrateV5(ctx context.Context, tx *txn) error {
	months, err := schemaPart("months", "end")
	if err != nil {
		return err
	}
	if _, err := tx.Tx.ExecContext(ctx, months); err != nil {
		return fmt.Errorf("rollups per month: %w", err)
	}
	for _, q := range []string{
		// Version 6 reads a graph's days from this index alone.
		`DROP INDEX IF EXISTS rollup_dyads_day`,
		`CREATE INDEX rollup_dyads_day ON rollup_dyads (day, events, goldstein)`,
	} {
		if _, err := tx.Tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rollups per month: %w", err)
		}
	}
	return nil
}

// migrateV6 brings a version-6 database to version 7: the rollups per
// day and actor, and per place by QuadClass and root (filled by
// fillRollups).
func migrateV6(ctx context.Context, tx *txn) error {
	v7, err := schemaPart("v7", "end")
	if err != nil {
		return err
	}
	if _, err := tx.Tx.ExecContext(ctx, v7); err != nil {
		return fmt.Errorf("rollups of version 7: %w", err)
	}
	return nil
}

// migrateV7 brings a version-7 database to version 8: the rollups per
// QuadClass, root and actor or dyad (filled by fillRollups).
func migrateV7(ctx context.Context, tx *txn) error {
	v8, err := schemaPart("v8", "end")
	if err != nil {
		return err
	}
	if _, err := tx.Tx.ExecContext(ctx, v8); err != nil {
		return fmt.Errorf("rollups of version 8: %w", err)
	}
	return nil
}

// migrateV8 brings a version-8 database to version 9: the rollups per
// country and actor or dyad, and per month or day and place by QuadClass
// and root or by country (filled by fillRollups).
func migrateV8(ctx context.Context, tx *txn) error {
	v9, err := schemaPart("v9", "end")
	if err != nil {
		return err
	}
	if _, err := tx.Tx.ExecContext(ctx, v9); err != nil {
		return fmt.Errorf("rollups of version 9: %w", err)
	}
	return nil
}

// v9Rollups are the rollups that version 9 adds.
var v9Rollups = []string{"rollup_country_nodes", "rollup_country_pairs", "rollup_place_root_months", "rollup_place_root_days",
	"rollup_country_place_months", "rollup_country_place_days"}

// fillRollups empties the rollups (those named only, when given) and
// fills them from the events (after a migration that adds some, or a
// bulk load that left them alone). The rollup per day and dyad is filled
// first: those per actor, per month and per root are read from it.
func fillRollups(ctx context.Context, tx *txn, only ...string) error {
	side := func(s string) string { return sqlq.SideKey(s) }
	for _, t := range store.Tables {
		if len(only) > 0 && !slices.Contains(only, t.Name) {
			continue
		}
		if _, err := tx.Tx.ExecContext(ctx, "DELETE FROM "+t.Name); err != nil {
			return fmt.Errorf("fill rollups: %w", err)
		}
	}
	// The rollups per country and actor or dyad add up a temporary table
	// of the events by both sides' countries and keys, QuadClass and
	// root (about as many rows as the rollup per dyad, QuadClass and
	// root), not the events one side at a time.
	if len(only) == 0 || slices.Contains(only, "rollup_country_nodes") || slices.Contains(only, "rollup_country_pairs") {
		if _, err := tx.Tx.ExecContext(ctx, `CREATE TEMP TABLE rollup_facts AS SELECT source_country AS sc, target_country AS tc,
			`+side("source")+` AS s, `+side("target")+` AS t, quad, root, count(*) AS n, sum(goldstein) AS g,
			min(nullif(day, '')) AS first, max(nullif(day, '')) AS last FROM events e GROUP BY 1, 2, 3, 4, 5, 6`); err != nil {
			return fmt.Errorf("fill rollups: %w", err)
		}
		defer tx.Tx.ExecContext(ctx, "DROP TABLE temp.rollup_facts")
	}
	// The sides of an event as the rollups per country count them, from
	// a table of columns sc and tc (and others, cols).
	sides := func(cols, from, where string) string {
		and := ""
		if where != "" {
			and = " AND " + where
		}
		return `SELECT sc AS c, 's' AS r, ` + cols + ` FROM ` + from + ` WHERE sc <> ''` + and + `
			UNION ALL SELECT tc, 't', ` + cols + ` FROM ` + from + ` WHERE tc <> ''` + and + `
			UNION ALL SELECT sc, 'e', ` + cols + ` FROM ` + from + ` WHERE sc <> ''` + and + `
			UNION ALL SELECT tc, 'e', ` + cols + ` FROM ` + from + ` WHERE tc <> '' AND tc <> sc` + and
	}
	placed := `(SELECT source_country AS sc, target_country AS tc, quad, root, date, place_name AS n, ifnull(place_country, '') AS pc
		FROM events WHERE place IS NOT NULL AND date <> '')`
	for _, q := range []string{
		`INSERT INTO rollup_days SELECT day, root, quad, count(*), sum(goldstein) FROM events GROUP BY 1, 2, 3`,
		`INSERT INTO rollup_dyads SELECT ` + side("source") + `, ` + side("target") + `, day, root, quad, count(*), sum(goldstein)
			FROM events e GROUP BY 1, 2, 3, 4, 5`,
		`INSERT INTO rollup_pairs SELECT source, target, sum(events), sum(goldstein) FROM rollup_dyads GROUP BY 1, 2`,
		`INSERT INTO rollup_nodes SELECT k, sum(n), min(nullif(day, '')), max(nullif(day, '')) FROM (
			SELECT source AS k, day, events AS n FROM rollup_dyads
			UNION ALL SELECT target, day, events FROM rollup_dyads WHERE target <> source)
			WHERE k <> '|||' GROUP BY k`,
		`INSERT INTO rollup_places SELECT place_name, ifnull(place_country, ''), min(place), count(*)
			FROM events WHERE place IS NOT NULL GROUP BY 1, 2`,
		`INSERT INTO rollup_node_months SELECT substr(day, 1, 7), k, sum(n), min(day), max(day) FROM (
			SELECT source AS k, day, events AS n FROM rollup_dyads WHERE day <> ''
			UNION ALL SELECT target, day, events FROM rollup_dyads WHERE day <> '' AND target <> source)
			WHERE k <> '|||' GROUP BY 1, 2`,
		`INSERT INTO rollup_pair_months SELECT source, target, substr(day, 1, 7), sum(events), sum(goldstein)
			FROM rollup_dyads WHERE day <> '' GROUP BY 1, 2, 3`,
		`INSERT INTO rollup_place_days SELECT date, place_name, ifnull(place_country, ''), count(*)
			FROM events WHERE place IS NOT NULL AND date <> '' GROUP BY 1, 2, 3`,
		`INSERT INTO rollup_place_months SELECT substr(day, 1, 7), name, country, sum(events)
			FROM rollup_place_days GROUP BY 1, 2, 3`,
		`INSERT INTO rollup_countries SELECT c, r, day, root, quad, count(*), sum(goldstein) FROM (
			SELECT source_country AS c, 's' AS r, day, root, quad, goldstein FROM events WHERE source_country <> ''
			UNION ALL SELECT target_country, 't', day, root, quad, goldstein FROM events WHERE target_country <> ''
			UNION ALL SELECT source_country, 'e', day, root, quad, goldstein FROM events WHERE source_country <> ''
			UNION ALL SELECT target_country, 'e', day, root, quad, goldstein FROM events
				WHERE target_country <> '' AND target_country <> source_country)
			GROUP BY 1, 2, 3, 4, 5`,
		`INSERT INTO rollup_node_days SELECT day, k, sum(n) FROM (
			SELECT source AS k, day, events AS n FROM rollup_dyads WHERE day <> ''
			UNION ALL SELECT target, day, events FROM rollup_dyads WHERE day <> '' AND target <> source)
			WHERE k <> '|||' GROUP BY 1, 2`,
		`INSERT INTO rollup_node_roots SELECT quad, root, k, sum(n), min(nullif(day, '')), max(nullif(day, '')) FROM (
			SELECT source AS k, quad, root, day, events AS n FROM rollup_dyads
			UNION ALL SELECT target, quad, root, day, events FROM rollup_dyads WHERE target <> source)
			WHERE k <> '|||' GROUP BY 1, 2, 3`,
		`INSERT INTO rollup_pair_roots SELECT source, target, quad, root, sum(events), sum(goldstein)
			FROM rollup_dyads GROUP BY 1, 2, 3, 4`,
		`INSERT INTO rollup_place_roots SELECT quad, root, place_name, ifnull(place_country, ''), count(*)
			FROM events WHERE place IS NOT NULL GROUP BY 1, 2, 3, 4`,
		`INSERT INTO rollup_country_places SELECT c, r, quad, root, n, pc, count(*) FROM (
			SELECT source_country AS c, 's' AS r, quad, root, place_name AS n, ifnull(place_country, '') AS pc FROM events
				WHERE source_country <> '' AND place IS NOT NULL
			UNION ALL SELECT target_country, 't', quad, root, place_name, ifnull(place_country, '') FROM events
				WHERE target_country <> '' AND place IS NOT NULL
			UNION ALL SELECT source_country, 'e', quad, root, place_name, ifnull(place_country, '') FROM events
				WHERE source_country <> '' AND place IS NOT NULL
			UNION ALL SELECT target_country, 'e', quad, root, place_name, ifnull(place_country, '') FROM events
				WHERE target_country <> '' AND target_country <> source_country AND place IS NOT NULL)
			GROUP BY 1, 2, 3, 4, 5, 6`,
		`INSERT INTO rollup_country_pairs SELECT c, r, s, t, quad, root, sum(n), sum(g) FROM (` +
			sides("s, t, quad, root, n, g", "temp.rollup_facts", "") + `) GROUP BY 1, 2, 3, 4, 5, 6`,
		`INSERT INTO rollup_country_nodes SELECT c, r, quad, root, k, sum(n), min(first), max(last) FROM (
			SELECT c, r, quad, root, s AS k, n, first, last FROM (` + sides("quad, root, s, n, first, last", "temp.rollup_facts", "") + `)
			UNION ALL SELECT c, r, quad, root, t, n, first, last FROM (` + sides("quad, root, t, n, first, last", "temp.rollup_facts", "t <> s") + `))
			WHERE k <> '|||' GROUP BY 1, 2, 3, 4, 5`,
		`INSERT INTO rollup_place_root_days SELECT quad, root, date, place_name, ifnull(place_country, ''), count(*)
			FROM events WHERE place IS NOT NULL AND date <> '' GROUP BY 1, 2, 3, 4, 5`,
		`INSERT INTO rollup_place_root_months SELECT quad, root, substr(day, 1, 7), name, country, sum(events)
			FROM rollup_place_root_days GROUP BY 1, 2, 3, 4, 5`,
		`INSERT INTO rollup_country_place_days SELECT c, r, date, n, pc, count(*) FROM (` +
			sides("date, n, pc", placed, "") + `) GROUP BY 1, 2, 3, 4, 5`,
		`INSERT INTO rollup_country_place_months SELECT country, role, substr(day, 1, 7), name, place_country, sum(events)
			FROM rollup_country_place_days GROUP BY 1, 2, 3, 4, 5`,
	} {
		if name := strings.Fields(q)[2]; len(only) > 0 && !slices.Contains(only, name) {
			continue
		}
		if _, err := tx.Tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("fill rollups: %w", err)
		}
	}
	return nil
}

// schemaPart returns the part of schema.sql between its marks
// "-- @from" and the next "-- @to" after it.
func schemaPart(from, to string) (string, error) {
	_, part, ok := strings.Cut(schema, "-- @"+from+"\n")
	part, _, ok2 := strings.Cut(part, "-- @"+to)
	if !ok || !ok2 {
		return "", fmt.Errorf("schema.sql lacks its @%s and @%s marks", from, to)
	}
	return part, nil
}
