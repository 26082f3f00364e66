package sqlq

import (
	"strings"
	"time"

	"entente/internal/store"
)

// span is a date range cut as the rollups per month read it: the whole
// months it covers, and the days of the months it cuts.
type span struct {
	// from and to are the first and last whole months (YYYY-MM; "" for
	// no bound); none tells that the range covers no whole month.
	from, to string
	none     bool
	// days are the ranges of days (first and last, inclusive) outside
	// the whole months.
	days [][2]string
}

// monthly reports whether the rollups per month answer for f (a date
// range and nothing else), and how to cut its range.
func monthly(f store.Filter) (span, bool) {
	if !store.ByDay(f) || f.Code != "" || f.Quad != 0 {
		return span{}, false
	}
	return cut(f)
}

// cut cuts f's date range as the rollups per month read it: false when
// f has none, or one that is no range of valid dates.
func cut(f store.Filter) (span, bool) {
	var s span
	if f.From == "" && f.To == "" {
		return s, false
	}
	var from, to time.Time
	var err error
	if f.From != "" {
		if from, err = time.Parse(time.DateOnly, f.From); err != nil {
			return s, false
		}
	}
	if f.To != "" {
		if to, err = time.Parse(time.DateOnly, f.To); err != nil {
			return s, false
		}
		if f.From != "" && to.Before(from) {
			return s, false
		}
	}
	first := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) }
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	month := func(t time.Time) string { return t.Format("2006-01") }
	if f.From != "" && f.To != "" && month(from) == month(to) {
		// One month: whole, or its days.
		if from.Day() == 1 && to.AddDate(0, 0, 1).Day() == 1 {
			s.from, s.to = month(from), month(to)
		} else {
			s.none = true
			s.days = [][2]string{{f.From, f.To}}
		}
		return s, true
	}
	if f.From != "" {
		if from.Day() == 1 {
			s.from = month(from)
		} else {
			next := first(from).AddDate(0, 1, 0)
			s.from = month(next)
			s.days = append(s.days, [2]string{f.From, day(next.AddDate(0, 0, -1))})
		}
	}
	if f.To != "" {
		if to.AddDate(0, 0, 1).Day() == 1 {
			s.to = month(to)
		} else {
			s.to = month(first(to).AddDate(0, -1, 0))
			s.days = append(s.days, [2]string{day(first(to)), f.To})
		}
	}
	s.none = s.from != "" && s.to != "" && s.from > s.to
	return s, true
}

// months is the condition on a rollup per month (column col) that
// selects the whole months of s.
func (s span) months(col string) (string, []any) {
	if s.none {
		return "1 = 0", nil
	}
	c := &cond{}
	if s.from != "" {
		c.add(col+" >= ?", s.from)
	}
	if s.to != "" {
		c.add(col+" <= ?", s.to)
	}
	return c.String(), c.args
}

// perDay joins with UNION ALL, after a first UNION ALL, the SELECT
// that sel makes of each range of days of s outside its whole months
// (first and last day, inclusive): "" when there is none. (A SELECT
// apiece, not one with OR, so that each reads its range from an index
// and nothing else.)
func (s span) perDay(sel func(from, to string) (string, []any)) (string, []any) {
	var out strings.Builder
	var args []any
	for _, d := range s.days {
		q, a := sel(d[0], d[1])
		out.WriteString(" UNION ALL " + q)
		args = append(args, a...)
	}
	return out.String(), args
}
