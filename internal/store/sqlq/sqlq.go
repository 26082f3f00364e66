// Package sqlq is the read side that the SQL stores share: the SQL of
// filters, pages of events, aggregates (from the rollups where the filter
// allows), actors, documents and mentions, written once for SQLite and
// PostgreSQL. A store gives a Reader the DB to run queries on and the
// Dialect for what the two write differently: date functions, text
// functions, lists of values and full-text search.
//
// Queries are written with ? placeholders; a DB whose database wants $1,
// $2... numbers them (see Number).
package sqlq

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// DB runs a query for a Reader.
type DB interface {
	Query(ctx context.Context, query string, args ...any) (Rows, error)
}

// Rows are the rows of a query; database/sql's and pgx's both fit (the
// former with a Close that drops its error).
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// Dialect is what the SQL of SQLite and PostgreSQL write differently.
type Dialect struct {
	// Day is the column of an event's date (aliased e) that aggregates
	// test and group by: NULL or "" when the event has none. (SQLite
	// names the plain date, which its indexes of aggregates hold; a
	// generated column would keep them from serving a query alone.)
	Day string
	// Week is the SQL of the Monday on or before day, as YYYY-MM-DD.
	Week func(day string) string
	// Prefix is the SQL of the test that the text col starts with an
	// argument whose length in characters is the argument before it.
	Prefix func(col string) string
	// Has is the SQL of the test that col, a list such as ",en,fr,",
	// holds the argument.
	Has func(col string) string
	// Arrays passes a list of values as one array argument (col =
	// ANY(?)), not as a placeholder a value (col IN (?, ?...)).
	Arrays bool
	// Null is a NULL of type text.
	Null string
	// Text is the full-text search of documents.
	Text Text
}

// Text is the full-text search of a Dialect. Each SQL has one
// placeholder, whose argument Query makes.
type Text struct {
	// Query is the argument of the other fields for a text whose words
	// (store.Words) a document must all hold: "" when it has none.
	Query func(text string) string
	// Docs selects the ids of the documents that hold the words.
	Docs string
	// Each is the condition that an event (aliased e) has a mention in
	// such a document, tested event by event: for words that many
	// documents hold, found soonest by a page that tests the events it
	// reads in order.
	Each string
	// Listed is that condition with the events listed first, for words
	// of few documents, when a page of events in order is asked ("":
	// as for aggregates, e.id IN (the events of Docs)).
	Listed string
}

// Reader reads a SQL store. Its fields are set once, before use.
type Reader struct {
	DB      DB
	Dialect Dialect
	// CommonDocs is the number of documents above which the words of
	// Filter.Text are common (see where); tests lower it.
	CommonDocs int
}

// errNoRows is what queryRow returns for a query without a row.
var errNoRows = errors.New("no rows")

// row is the first row of a query, or its error.
type row struct {
	ctx   context.Context
	db    DB
	query string
	args  []any
}

// Scan reads the first row into dest: errNoRows when there is none.
func (r row) Scan(dest ...any) error {
	rows, err := r.db.Query(r.ctx, r.query, r.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return errNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}

func (r *Reader) queryRow(ctx context.Context, query string, args ...any) row {
	return row{ctx, r.DB, query, args}
}

// Number numbers the ? placeholders of query $1, $2... (the SQL of this
// package uses ? for nothing else).
func Number(query string) string {
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// marks returns n comma-separated placeholders.
func marks(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// in is the condition that col is one of values, with its arguments.
func in[T int64 | string](d *Dialect, col string, values []T) (string, []any) {
	if d.Arrays {
		typ := "text[]"
		if _, ok := any(values).([]int64); ok {
			typ = "bigint[]"
		}
		return col + " = ANY(?::" + typ + ")", []any{values}
	}
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = v
	}
	return col + " IN (" + marks(len(values)) + ")", args
}

// timeOf reads a time as the stores keep it: RFC 3339 text (SQLite) or
// a timestamp (PostgreSQL), in UTC.
func timeOf(v any) (time.Time, error) {
	switch t := v.(type) {
	case time.Time:
		return t.UTC(), nil
	case string:
		p, err := time.Parse(time.RFC3339Nano, t)
		if err != nil {
			return p, fmt.Errorf("time %q: %w", t, err)
		}
		return p.UTC(), nil
	case []byte:
		return timeOf(string(t))
	}
	return time.Time{}, fmt.Errorf("time: unexpected %T", v)
}

// SideKey is the SQL of an event side's key in the rollups and graphs
// (store.SideKey), for events aliased e; role is "source" or "target".
func SideKey(role string) string {
	return "CASE WHEN e." + role + "_id <> '' THEN e." + role + "_id ELSE e." + role + "_key END"
}
