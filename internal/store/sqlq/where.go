package sqlq

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"entente/internal/store"
)

// cond is a WHERE clause under construction: conditions joined by AND,
// and at most one disjunction kept apart (alts), so that Events can run
// each alternative as a query of its own that an index orders.
type cond struct {
	parts []string
	args  []any
	alts  []clause
}

type clause struct {
	sql  string
	args []any
}

func (c *cond) add(sql string, args ...any) {
	c.parts = append(c.parts, sql)
	c.args = append(c.args, args...)
}

// or adds the condition that a or b holds.
func (c *cond) or(a, b clause) {
	if c.alts == nil {
		c.alts = []clause{a, b}
		return
	}
	c.add("(("+a.sql+") OR ("+b.sql+"))", append(slices.Clone(a.args), b.args...)...)
}

// String is the whole condition; Args are its arguments.
func (c *cond) String() string {
	parts := slices.Clone(c.parts)
	if c.alts != nil {
		parts = append(parts, "(("+c.alts[0].sql+") OR ("+c.alts[1].sql+"))")
	}
	if len(parts) == 0 {
		return "1 = 1"
	}
	return strings.Join(parts, " AND ")
}

func (c *cond) Args() []any {
	args := slices.Clone(c.args)
	for _, a := range c.alts {
		args = append(args, a.args...)
	}
	return args
}

// branches returns the condition as alternatives whose union it selects:
// one per alternative of the disjunction, or itself alone.
func (c *cond) branches() []clause {
	if c.alts == nil {
		return []clause{{c.String(), c.Args()}}
	}
	var out []clause
	for _, a := range c.alts {
		b := &cond{parts: slices.Clone(c.parts), args: slices.Clone(c.args)}
		b.add(a.sql, a.args...)
		out = append(out, clause{b.String(), b.args})
	}
	return out
}

// disjoint returns the condition as alternatives that select disjoint
// sets of events whose union is what it selects: the disjunction's first
// side, then its second side without the first. An aggregate adds up
// their rows (UNION ALL), each read from an index of its own (for a
// country, events_source_facts or events_target_facts alone), where the
// database would gather the row ids of both sides and look each up in
// the table. (The sides' columns are NOT NULL, so NOT is their
// complement.)
func (c *cond) disjoint() []clause {
	if c.alts == nil {
		return []clause{{c.String(), c.Args()}}
	}
	a, b := c.alts[0], c.alts[1]
	first := &cond{parts: slices.Clone(c.parts), args: slices.Clone(c.args)}
	first.add(a.sql, a.args...)
	second := &cond{parts: slices.Clone(c.parts), args: slices.Clone(c.args)}
	second.add(b.sql, b.args...)
	second.add("NOT ("+a.sql+")", a.args...)
	return []clause{{first.String(), first.args}, {second.String(), second.args}}
}

// union is the SELECT of cols from the events (aliased e) that c
// selects: one SELECT per disjoint alternative, joined by UNION ALL.
func union(cols string, c *cond) (string, []any) {
	var sels []string
	var args []any
	for _, b := range c.disjoint() {
		sels = append(sels, "SELECT "+cols+" FROM events e WHERE "+b.sql)
		args = append(args, b.args...)
	}
	return strings.Join(sels, " UNION ALL "), args
}

// side returns the condition that one side ("source" or "target") of an
// event is the actor term names: a country (which covers the CAMEO actor
// code equal to it), else a knowledge-base id, an org or an actor code,
// whichever of these the stored actors hold. A term no stored actor has
// selects nothing.
func (r *Reader) side(ctx context.Context, role, term string) (string, []any, error) {
	var id, country, org bool
	err := r.queryRow(ctx, `SELECT
		EXISTS (SELECT 1 FROM actors WHERE kb_id = ?),
		EXISTS (SELECT 1 FROM actors WHERE country = ?),
		EXISTS (SELECT 1 FROM actors WHERE org = ?)`, term, term, term).Scan(&id, &country, &org)
	if err != nil {
		return "", nil, fmt.Errorf("actor %q: %w", term, err)
	}
	switch {
	case country:
		return "e." + role + "_country = ?", []any{term}, nil
	case id && org:
		return "(e." + role + "_id = ? OR e." + role + "_org = ?)", []any{term, term}, nil
	case id:
		return "e." + role + "_id = ?", []any{term}, nil
	case org:
		return "e." + role + "_org = ?", []any{term}, nil
	}
	return "e." + role + "_code = ?", []any{term}, nil
}

// either adds the condition that the role side, or either side when
// role is "", is the actor term names.
func (r *Reader) either(ctx context.Context, c *cond, role, term string) error {
	if role != "" {
		sql, args, err := r.side(ctx, role, term)
		if err == nil {
			c.add(sql, args...)
		}
		return err
	}
	src, sargs, err := r.side(ctx, "source", term)
	if err != nil {
		return err
	}
	tgt, targs, err := r.side(ctx, "target", term)
	if err != nil {
		return err
	}
	c.or(clause{src, sargs}, clause{tgt, targs})
	return nil
}

// where translates a filter into a condition on events aliased e; paged
// tells that the condition selects a page of events in order (Events),
// not every event (Series, Graph, Places, Count). Pages test dates on
// day, which the indexes that order them hold; aggregates on the
// Dialect's Day.
func (r *Reader) where(ctx context.Context, f store.Filter, paged bool) (*cond, error) {
	d := &r.Dialect
	c := &cond{}
	switch f.Role {
	case "", "source", "target":
	default:
		return nil, fmt.Errorf("role %q: want source, target or nothing", f.Role)
	}
	if f.Actor != "" {
		if err := r.either(ctx, c, f.Role, f.Actor); err != nil {
			return nil, err
		}
	}
	for _, col := range []struct{ name, value string }{{"country", f.Country}, {"sector", f.Sector}} {
		if col.value == "" {
			continue
		}
		if f.Role != "" {
			c.add("e."+f.Role+"_"+col.name+" = ?", col.value)
		} else {
			c.or(clause{"e.source_" + col.name + " = ?", []any{col.value}}, clause{"e.target_" + col.name + " = ?", []any{col.value}})
		}
	}
	if f.Dyad[0] != "" || f.Dyad[1] != "" {
		dyad := func(a, b string) (string, []any, error) {
			var parts []string
			var args []any
			for i, t := range []string{a, b} {
				if t == "" {
					continue
				}
				sql, targs, err := r.side(ctx, []string{"source", "target"}[i], t)
				if err != nil {
					return "", nil, err
				}
				parts = append(parts, sql)
				args = append(args, targs...)
			}
			return strings.Join(parts, " AND "), args, nil
		}
		sql, args, err := dyad(f.Dyad[0], f.Dyad[1])
		if err != nil {
			return nil, err
		}
		if f.Undirected {
			rsql, rargs, err := dyad(f.Dyad[1], f.Dyad[0])
			if err != nil {
				return nil, err
			}
			c.or(clause{sql, args}, clause{rsql, rargs})
		} else {
			c.add(sql, args...)
		}
	}
	if f.Code != "" {
		c.add(d.Prefix("e.code"), len(f.Code), f.Code)
	}
	if f.Quad != 0 {
		c.add("e.quad = ?", f.Quad)
	}
	if f.Modality != "" {
		c.add("e.modality = ?", f.Modality)
	}
	if f.Lang != "" {
		c.add(d.Has("e.langs"), f.Lang)
	}
	day := d.Day
	if paged {
		day = "e.day"
	}
	if f.From != "" {
		c.add(day+" >= ?", f.From)
	}
	if f.To != "" {
		c.add(day+" <= ? AND "+day+" <> ''", f.To)
	}
	if f.PlaceCountry != "" {
		c.add("e.place_country = ?", f.PlaceCountry)
	}
	if query := d.Text.Query(f.Text); query != "" {
		// A page of events in order finds the matching events of a
		// common word soonest by checking each event it reads; those of
		// a rare word, by listing them first.
		common := false
		if paged {
			var n int
			err := r.queryRow(ctx, "SELECT count(*) FROM ("+d.Text.Docs+" LIMIT ?) AS d", query, r.CommonDocs+1).Scan(&n)
			if err != nil {
				return nil, fmt.Errorf("text %q: %w", f.Text, err)
			}
			common = n > r.CommonDocs
		}
		switch {
		case common:
			c.add(d.Text.Each, query)
		case paged && d.Text.Listed != "":
			c.add(d.Text.Listed, query)
		default:
			c.add("e.id IN (SELECT m.event_id FROM mentions m WHERE m.doc_id IN ("+d.Text.Docs+"))", query)
		}
	}
	if len(f.IDs) > 0 {
		sql, args := in(d, "e.id", f.IDs)
		c.add(sql, args...)
	}
	if len(f.Docs) > 0 {
		sql, args := in(d, "doc_id", f.Docs)
		c.add("e.id IN (SELECT event_id FROM mentions WHERE "+sql+")", args...)
	}
	return c, nil
}

// rollupWhere is the condition on a rollup per day (aliased e) that a
// filter store.ByDay accepts selects.
func (r *Reader) rollupWhere(f store.Filter) *cond {
	c := &cond{}
	if f.Code != "" {
		c.add(r.Dialect.Prefix("e.root"), len(f.Code), f.Code)
	}
	if f.Quad != 0 {
		c.add("e.quad = ?", f.Quad)
	}
	if f.From != "" {
		c.add("e.day >= ?", f.From)
	}
	if f.To != "" {
		c.add("e.day <= ? AND e.day <> ''", f.To)
	}
	return c
}

// rollup returns the rollup per day (aliased e) that answers a series or
// a count of what f selects, and the condition on it: rollup_days, or
// rollup_countries for one country's events; a nil condition when
// neither answers.
func (r *Reader) rollup(ctx context.Context, f store.Filter) (string, *cond, error) {
	if store.ByDay(f) {
		return "rollup_days", r.rollupWhere(f), nil
	}
	country, role, ok, err := r.country(ctx, f)
	if !ok || err != nil {
		return "", nil, err
	}
	c := r.rollupWhere(f)
	c.add("e.country = ? AND e.role = ?", country, role)
	return "rollup_countries", c, nil
}

// country is store.ByCountry, which asks whether an actor names a
// country.
func (r *Reader) country(ctx context.Context, f store.Filter) (country, role string, ok bool, err error) {
	isCountry := false
	if f.Actor != "" && f.Country == "" {
		// As side reads the term: a country first.
		if err := r.queryRow(ctx, "SELECT EXISTS (SELECT 1 FROM actors WHERE country = ?)", f.Actor).Scan(&isCountry); err != nil {
			return "", "", false, fmt.Errorf("actor %q: %w", f.Actor, err)
		}
	}
	country, role, ok = store.ByCountry(f, isCountry)
	return country, role, ok, nil
}
