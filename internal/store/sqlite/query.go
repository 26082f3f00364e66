package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"entente/internal/store"
	"entente/internal/store/sqlq"
)

var _ store.Querier = (*Store)(nil)

// dialect is how SQLite writes what sqlq leaves to the database.
func dialect() sqlq.Dialect {
	return sqlq.Dialect{
		// The date itself: the indexes of aggregates hold it, and an
		// index serves a query alone only when the query names no
		// generated column (day).
		Day:    "e.date",
		Week:   func(day string) string { return "date(" + day + ", '-6 days', 'weekday 1')" },
		Prefix: func(col string) string { return "substr(" + col + ", 1, ?) = ?" },
		Has:    func(col string) string { return "instr(" + col + ", ',' || ? || ',') > 0" },
		Null:   "NULL",
		Text: sqlq.Text{
			Query: ftsQuery,
			Docs:  "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?",
			Each: `EXISTS (SELECT 1 FROM mentions m CROSS JOIN documents_fts f ON f.rowid = m.doc_id
				WHERE m.event_id = e.id AND documents_fts MATCH ?)`,
		},
	}
}

// ftsQuery is the FTS5 query of every word of q, each quoted (a quoted
// string is a plain term, never an operator): "" when q has no word.
func ftsQuery(q string) string {
	words := store.Words(q)
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " ")
}

// reader runs sqlq's queries on the database.
type reader struct{ db *sql.DB }

func (r reader) Query(ctx context.Context, query string, args ...any) (sqlq.Rows, error) {
	rows, err := r.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return sqlRows{rows}, nil
}

// sqlRows are database/sql's rows as sqlq.Rows.
type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { r.Rows.Close() }

func nullPtr(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}
