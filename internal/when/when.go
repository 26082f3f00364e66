// Package when finds time expressions in French and English news text and
// grounds them to calendar dates against an anchor: the publication date,
// or a date written elsewhere in the text.
//
// Finding and grounding are separate steps. Find returns every expression
// of a text with the parts it names (day, month, year, weekday, an offset
// from the anchor); Resolve turns one of them into a Date with a precision
// (day, week, month or year). A Finder holds the word tables of every
// language, read once by Load from the knowledge files when/LANG.tsv, so
// that a language's dates are data; it is immutable and safe for concurrent
// use.
package when

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jalaali/go-jalaali"
)

// Precision is the grain of a resolved date.
type Precision int

// Precisions, finest first. The zero value means no precision.
const (
	Day Precision = iota + 1
	Week
	Month
	Year
)

// String returns "day", "week", "month" or "year".
func (p Precision) String() string {
	switch p {
	case Day:
		return "day"
	case Week:
		return "week"
	case Month:
		return "month"
	case Year:
		return "year"
	}
	return ""
}

// Date is a resolved date. Time is at 00:00 UTC and is the first day of the
// period: the day itself, the Monday of a week, the 1st of a month, the 1st
// of January of a year.
type Date struct {
	Time      time.Time
	Precision Precision
}

// String formats the date at its precision, as TimeML values are written:
// "2024-08-05", "2024-W32", "2024-08" or "2024".
func (d Date) String() string {
	switch d.Precision {
	case Week:
		y, w := d.Time.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case Month:
		return d.Time.Format("2006-01")
	case Year:
		return d.Time.Format("2006")
	}
	return d.Time.Format("2006-01-02")
}

// Tense is the time orientation of a sentence.
type Tense int

// Tenses.
const (
	Unknown Tense = iota
	Past
	Future
)

// String returns "unknown", "past" or "future".
func (t Tense) String() string {
	switch t {
	case Past:
		return "past"
	case Future:
		return "future"
	}
	return "unknown"
}

// Kind says how an expression is grounded.
type Kind uint8

const (
	// KindNone is an expression that names no date of its own.
	KindNone Kind = iota
	// KindDate names calendar parts: Year, Month and Day, any of them
	// possibly absent ("5 août", "mars 2024", "en 2023").
	KindDate
	// KindWeekday names a day of the week ("mardi dernier", "on Tuesday").
	KindWeekday
	// KindRelative is Offset Units away from the anchor ("hier",
	// "la semaine dernière", "three weeks ago").
	KindRelative
)

// Expr is one time expression found in a text.
type Expr struct {
	Start, End int    // byte offsets in the text given to Find
	Text       string // the text between Start and End

	Kind Kind
	// Year, Month and Day are the calendar parts written in the text, 0 when
	// absent. Month is 1-12.
	Year, Month, Day int
	// Solar says that Year, Month and Day are of the Solar Hijri calendar
	// of Iran and Afghanistan ("۲۷ تیر", "۳ جدی"), read with month-solar
	// words; Resolve converts them to the Gregorian calendar.
	Solar bool
	// Weekday is the day of the week written in the text, if HasWeekday.
	Weekday    time.Weekday
	HasWeekday bool
	// Shift is -1 for "dernier", "last", +1 for "prochain", "next", 0 when
	// the expression says neither. This marks "ce mardi", "this Tuesday".
	Shift int
	This  bool
	// Unit and Offset place a KindRelative expression: "hier" is Offset -1
	// in Unit Day, "l'an dernier" Offset -1 in Unit Year. Unit is also the
	// precision of the result.
	Unit   Precision
	Offset int
	// Since marks an expression after a word of the language's "since"
	// kind: it starts a state ("en crise depuis le 2 mars") and dates an
	// event only when nothing else does.
	Since bool
}

// Ref is what an expression is grounded against.
type Ref struct {
	// Anchor is the document date, or a date written in the text.
	Anchor time.Time
	// Exact is true when Anchor is the publication date. Then a bare
	// weekday is, by news convention, the most recent such day on or before
	// Anchor in a past or unknown-tense sentence and the next one after
	// Anchor in a future-tense sentence. When false, Anchor is only a date
	// seen in the text and a bare weekday is the nearest such day (within
	// three days either way).
	Exact bool
	// Tense is the tense of the sentence holding the expression.
	Tense Tense
}

// Resolve grounds e against ref. It reports false when e names no date or
// names an impossible one (31 February).
func (f *Finder) Resolve(e Expr, ref Ref) (Date, bool) {
	if ref.Anchor.IsZero() && e.Year == 0 {
		return Date{}, false
	}
	a := day(ref.Anchor.Year(), int(ref.Anchor.Month()), ref.Anchor.Day())
	switch e.Kind {
	case KindDate:
		return resolveDate(e, a, ref.Tense)
	case KindWeekday:
		return Date{resolveWeekday(e, a, ref), Day}, true
	case KindRelative:
		return resolveRelative(e, a)
	}
	return Date{}, false
}

// day builds a date at 00:00 UTC.
func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// validDay reports whether y-m-d is a real calendar day.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := day(y, m, d)
	return t.Day() == d && int(t.Month()) == m
}

func resolveDate(e Expr, a time.Time, tense Tense) (Date, bool) {
	if e.Solar {
		return resolveSolar(e, a, tense)
	}
	switch {
	case e.Year > 0 && e.Month > 0 && e.Day > 0:
		if !validDay(e.Year, e.Month, e.Day) {
			return Date{}, false
		}
		return Date{day(e.Year, e.Month, e.Day), Day}, true
	case e.Year > 0 && e.Month > 0:
		return Date{day(e.Year, e.Month, 1), Month}, true
	case e.Year > 0:
		return Date{day(e.Year, 1, 1), Year}, true
	case e.Month > 0 && e.Day > 0:
		return dayNoYear(e, a, tense)
	case e.Month > 0:
		return monthNoYear(e, a, tense), true
	}
	return Date{}, false
}

// dayNoYear picks the year of a day and month: the anchor's year or a
// neighbour, whichever the weekday written with it allows, then the one
// "dernier"/"prochain" or the tense asks for, else the nearest.
func dayNoYear(e Expr, a time.Time, tense Tense) (Date, bool) {
	var cands []time.Time
	for y := a.Year() - 1; y <= a.Year()+1; y++ {
		if validDay(y, e.Month, e.Day) {
			cands = append(cands, day(y, e.Month, e.Day))
		}
	}
	if e.HasWeekday {
		var same []time.Time
		for _, c := range cands {
			if c.Weekday() == e.Weekday {
				same = append(same, c)
			}
		}
		if len(same) > 0 {
			cands = same
		}
	}
	if len(cands) == 0 {
		return Date{}, false
	}
	dist := func(c time.Time) time.Duration { return c.Sub(a) }
	return Date{pick(cands, dist, e.Shift, tense), Day}, true
}

// monthNoYear does for a month alone what dayNoYear does for a day. The
// distance to a month is zero inside it; "dernier" and "prochain" exclude
// the anchor's own month.
func monthNoYear(e Expr, a time.Time, tense Tense) Date {
	var cands []time.Time
	for y := a.Year() - 1; y <= a.Year()+1; y++ {
		cands = append(cands, day(y, e.Month, 1))
	}
	dist := func(c time.Time) time.Duration {
		end := c.AddDate(0, 1, 0)
		switch {
		case a.Before(c):
			return c.Sub(a)
		case !a.Before(end):
			return end.Sub(a) - 24*time.Hour
		}
		if e.Shift != 0 {
			// Inside the month: neither "last" nor "next" of it, so put it
			// far on the other side.
			return time.Duration(-e.Shift) * 1000 * 24 * time.Hour
		}
		return 0
	}
	return Date{pick(cands, dist, e.Shift, tense), Month}
}

// pick chooses among candidates by their signed distance from the anchor
// (negative: before it). Shift -1 or past tense take the latest on or
// before the anchor, shift +1 or future tense the earliest on or after;
// otherwise, or when no candidate lies on the asked side, the nearest wins
// (ties to the past).
func pick(cands []time.Time, dist func(time.Time) time.Duration, shift int, tense Tense) time.Time {
	side := shift
	if side == 0 {
		switch tense {
		case Past:
			side = -1
		case Future:
			side = 1
		}
	}
	best, found := time.Time{}, false
	var bd time.Duration
	for _, c := range cands {
		d := dist(c)
		switch {
		case side < 0 && d > 0, side > 0 && d < 0:
			continue
		}
		ad := abs(d)
		if !found || ad < bd {
			best, bd, found = c, ad, true
		}
	}
	if found {
		return best
	}
	for _, c := range cands {
		ad := abs(dist(c))
		if !found || ad < bd {
			best, bd, found = c, ad, true
		}
	}
	return best
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func resolveWeekday(e Expr, a time.Time, ref Ref) time.Time {
	back := (int(a.Weekday()) - int(e.Weekday) + 7) % 7 // days since the latest one on or before a
	fwd := (int(e.Weekday) - int(a.Weekday()) + 7) % 7  // days to the first one on or after a
	onOrBefore := a.AddDate(0, 0, -back)
	onOrAfter := a.AddDate(0, 0, fwd)
	switch {
	case e.Shift < 0: // strictly before
		if back == 0 {
			return a.AddDate(0, 0, -7)
		}
		return onOrBefore
	case e.Shift > 0: // strictly after
		if fwd == 0 {
			return a.AddDate(0, 0, 7)
		}
		return onOrAfter
	}
	nearest := onOrAfter
	if fwd > 3 {
		nearest = onOrBefore
	}
	if !ref.Exact {
		return nearest
	}
	if e.This {
		switch ref.Tense {
		case Past:
			return onOrBefore
		case Future:
			return onOrAfter
		}
		return nearest
	}
	if ref.Tense == Future {
		if fwd == 0 {
			return a.AddDate(0, 0, 7)
		}
		return onOrAfter
	}
	return onOrBefore
}

func resolveRelative(e Expr, a time.Time) (Date, bool) {
	switch e.Unit {
	case Day:
		return Date{a.AddDate(0, 0, e.Offset), Day}, true
	case Week:
		mon := a.AddDate(0, 0, -((int(a.Weekday()) + 6) % 7))
		return Date{mon.AddDate(0, 0, 7*e.Offset), Week}, true
	case Month:
		return Date{day(a.Year(), int(a.Month()), 1).AddDate(0, e.Offset, 0), Month}, true
	case Year:
		return Date{day(a.Year()+e.Offset, 1, 1), Year}, true
	}
	return Date{}, false
}

// resolveSolar grounds a Solar Hijri day and month, with or without its
// year: without one, the year is the anchor's Solar Hijri year or a
// neighbour, chosen as dayNoYear chooses. A Solar Hijri month without its
// day is no date (it straddles two Gregorian months).
func resolveSolar(e Expr, a time.Time, tense Tense) (Date, bool) {
	if e.Month == 0 || e.Day == 0 {
		return Date{}, false
	}
	if e.Year > 0 {
		t, ok := solarDay(e.Year, e.Month, e.Day)
		return Date{t, Day}, ok
	}
	jy, _, _, err := jalaali.ToJalaali(a.Year(), a.Month(), a.Day())
	if err != nil {
		return Date{}, false
	}
	var cands []time.Time
	for y := jy - 1; y <= jy+1; y++ {
		if t, ok := solarDay(y, e.Month, e.Day); ok {
			if !e.HasWeekday || t.Weekday() == e.Weekday {
				cands = append(cands, t)
			}
		}
	}
	if len(cands) == 0 {
		return Date{}, false
	}
	dist := func(c time.Time) time.Duration { return c.Sub(a) }
	return Date{pick(cands, dist, e.Shift, tense), Day}, true
}

// solarDay converts a Solar Hijri date to its Gregorian day; false when it
// is no real day (31 Mehr, 30 Esfand of a common year).
func solarDay(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1 || y > 3177 {
		return time.Time{}, false
	}
	gy, gm, gd, err := jalaali.ToGregorian(y, jalaali.Month(m), d)
	if err != nil {
		return time.Time{}, false
	}
	// The conversion counts on past a month's end: convert back to check.
	if ry, rm, rd, err := jalaali.ToJalaali(gy, gm, gd); err != nil || ry != y || int(rm) != m || rd != d {
		return time.Time{}, false
	}
	return day(gy, int(gm), gd), true
}

// fullDay returns the Gregorian day of an expression that names a day, a
// month and a year.
func (e Expr) fullDay() (time.Time, bool) {
	if e.Year == 0 || e.Month == 0 || e.Day == 0 {
		return time.Time{}, false
	}
	if e.Solar {
		return solarDay(e.Year, e.Month, e.Day)
	}
	if !validDay(e.Year, e.Month, e.Day) {
		return time.Time{}, false
	}
	return day(e.Year, e.Month, e.Day), true
}

// DocDate returns the first full date (day, month and year) written in
// text, such as a dateline or a photo caption.
func (f *Finder) DocDate(text, lang string) (time.Time, bool) {
	e, ok := f.docDate(text, lang)
	if !ok {
		return time.Time{}, false
	}
	return e.fullDay()
}

// Dateline returns the date of a dateline that opens the text ("NIAMEY,
// 22 janvier 2025 (AFP) -", "LIMA, March 3, 2025 (Reuters) -"): a full
// date after the opening place name and its comma, and the byte offset
// where that date ends.
func (f *Finder) Dateline(text, lang string) (time.Time, int, bool) {
	head := text
	if len(head) > 2*datelineReach {
		head = head[:2*datelineReach]
		for len(head) > 0 && !utf8.RuneStart(text[len(head)]) {
			head = head[:len(head)-1]
		}
	}
	e, ok := f.docDate(head, lang)
	if !ok || e.Start > datelineReach {
		return time.Time{}, 0, false
	}
	// A place name or two and a comma: "LIMA,", "NIAMEY (AFP),"; or a
	// place name and the date with the agency after it, as Arabic wires
	// write it (city, day, month, year, then the agency in brackets).
	before := strings.TrimSpace(head[:e.Start])
	after := strings.TrimSpace(head[e.End:])
	agency := strings.HasPrefix(after, "(") || strings.HasPrefix(after, "-") || strings.HasPrefix(after, "–") || strings.HasPrefix(after, "—")
	comma := strings.HasSuffix(before, ",") || strings.HasSuffix(before, "،")
	if !comma && !(agency && before != "" && len(strings.Fields(before)) <= 3) || strings.ContainsAny(before, ".\n") || len(strings.Fields(before)) > 5 {
		return time.Time{}, 0, false
	}
	t, _ := e.fullDay()
	return t, e.End, true
}

// datelineReach is how far into the text a dateline's date may start: a
// place name or two and a comma.
const datelineReach = 60

func (f *Finder) docDate(text, lang string) (Expr, bool) {
	full := func(e Expr) bool {
		_, ok := e.fullDay()
		return ok && e.Kind == KindDate
	}
	// The expressions are found in order: the search stops at the first
	// full date.
	if es := f.find(text, lang, tokenize(text, make([]token, 0, len(text)/5+4)), full); len(es) > 0 && full(es[len(es)-1]) {
		return es[len(es)-1], true
	}
	return Expr{}, false
}
