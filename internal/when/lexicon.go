package when

import (
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"entente/internal/datafile"
	"entente/internal/segment"
)

// The time words of each language are knowledge files, when/LANG.tsv
// (data/README.md gives their kinds); Load folds and indexes them. Words
// are written accent-folded and lower-case; a phrase is written as text and
// split with the same tokenizer as the input, so "aujourd'hui" and
// "avant-hier" match however the text hyphenates them.

// lexicon is the vocabulary of one language.
type lexicon struct {
	lang langMask
	// months maps full month names and unambiguous abbreviations to 1-12;
	// abbrevs lists the abbreviations (they never stand alone), dotted those
	// that are also common words and need their dot ("sept." in French).
	months  map[string]int
	abbrevs []string
	// solarMonths maps the months of the Solar Hijri calendar (Iranian
	// and Afghan names) to 1-12; they are months only after a day.
	solarMonths map[string]int
	dotted      []string
	// monthNeedsContext lists month names that are also common words
	// ("may", "march"): alone, they are months only after a preposition.
	monthNeedsContext []string
	monthContext      []string
	// bareMonthCapital requires a capital letter on a month standing alone.
	bareMonthCapital bool
	// monthFirst allows "August 5"; dayOf allows "5th of August";
	// numericMonthFirst reads "5/8/2024" as May 8 when both could be a
	// month; thisMonth allows "this May".
	monthFirst        bool
	numericMonthFirst bool
	// dayDot reads a day written with its ordinal period before the
	// month: "5. August".
	dayDot    bool
	thisMonth bool
	dayOf     []string
	// monthOfYear lists the words between a month and its year ("marzo
	// de 2023").
	monthOfYear []string
	// first lists words that are day 1 before a month ("premier").
	first []string

	weekdays map[string]int // 0 Sunday … 6 Saturday
	numbers  map[string]int
	units    map[string]Precision
	// periods are the units that also name the current one ("cette
	// semaine", "this month").
	periods []string
	// shiftAfter follows the word it shifts ("mardi dernier"),
	// shiftBefore precedes it ("last Tuesday"), this marks the current one.
	shiftAfter  map[string]int
	shiftBefore map[string]int
	this        []string
	articles    []string
	// dateLead is the article kept in the span of a date ("le 5 août").
	dateLead   []string
	partsOfDay []string
	// dayWords are fixed phrases at a day offset from the anchor.
	dayWords map[string]int
	// mods narrow a month or year ("début", "fin", "early", "end of").
	mods []string
	// unitMods narrow a relative period and may be followed by unitLink
	// ("fin de l'année dernière", "earlier this month").
	unitMods []string
	unitLink []string
	// agoBefore and agoAfter turn "N units" into an offset: "il y a" -1,
	// "dans" +1 before; "ago" -1 after.
	agoBefore map[string]int
	agoAfter  map[string]int
	// yearLead is kept in the span of a year ("l'année 2001").
	yearLead []string
	// yearIntro before a four-digit number makes it a year; yearBlock
	// before it makes it something else; connectors may follow a year.
	yearIntro  []string
	yearBlock  []string
	connectors []string
	// since before an expression makes it the start of a state, not the
	// day of an event ("en poste depuis 2019", "since June").
	since []string

	tense *tenseRules
}

// precisionNamed reads the value of a unit line.
func precisionNamed(s string) (Precision, bool) {
	for _, p := range []Precision{Day, Week, Month, Year} {
		if p.String() == s {
			return p, true
		}
	}
	return 0, false
}

// readLexicon reads the time words of one language from file name of fsys.
// Problems go to errs with their line.
func readLexicon(fsys fs.FS, name string, lang langMask, errs *datafile.ErrorList) lexicon {
	lx := lexicon{
		lang: lang, months: map[string]int{}, solarMonths: map[string]int{}, weekdays: map[string]int{}, numbers: map[string]int{},
		units: map[string]Precision{}, shiftAfter: map[string]int{}, shiftBefore: map[string]int{},
		dayWords: map[string]int{}, agoBefore: map[string]int{}, agoAfter: map[string]int{},
		tense: newTenseRules(),
	}
	lists := map[string]*[]string{
		"month-abbreviation": &lx.abbrevs, "month-dotted": &lx.dotted,
		"month-needs-context": &lx.monthNeedsContext, "month-context": &lx.monthContext,
		"day-of": &lx.dayOf, "month-of-year": &lx.monthOfYear, "first": &lx.first, "period": &lx.periods, "this": &lx.this,
		"article": &lx.articles, "date-lead": &lx.dateLead, "part-of-day": &lx.partsOfDay,
		"mod": &lx.mods, "unit-mod": &lx.unitMods, "unit-link": &lx.unitLink,
		"year-lead": &lx.yearLead, "year-intro": &lx.yearIntro, "year-block": &lx.yearBlock,
		"connector": &lx.connectors, "since": &lx.since,
	}
	valued := map[string]map[string]int{
		"month": lx.months, "month-solar": lx.solarMonths, "weekday": lx.weekdays, "number": lx.numbers,
		"shift-after": lx.shiftAfter, "shift-before": lx.shiftBefore, "day-word": lx.dayWords,
		"ago-before": lx.agoBefore, "ago-after": lx.agoAfter,
	}
	flags := map[string]*bool{
		"bare-month-capital": &lx.bareMonthCapital, "month-first": &lx.monthFirst,
		"numeric-month-first": &lx.numericMonthFirst, "this-month": &lx.thisMonth, "day-dot": &lx.dayDot,
	}
	datafile.Table(fsys, name, []string{"kind", "words", "value"}, false, errs, func(line int, c []string) {
		bad := func(format string, a ...any) {
			*errs = append(*errs, &datafile.Error{File: name, Line: line, Msg: fmt.Sprintf(format, a...)})
		}
		var words []string
		for _, w := range strings.Split(c[1], "|") {
			if w = strings.TrimSpace(w); w != "" {
				// Arabic and Persian words are matched folded, as
				// the text is (the Latin words are written folded).
				words = append(words, foldArabic(w))
			}
		}
		if len(words) == 0 {
			bad("no words")
			return
		}
		kind, value := c[0], c[2]
		switch {
		case lists[kind] != nil:
			if value != "" {
				bad("%s takes no value, got %q", kind, value)
			}
			*lists[kind] = append(*lists[kind], words...)
		case valued[kind] != nil:
			v, err := strconv.Atoi(value)
			if err != nil {
				bad("%s needs a whole number, got %q", kind, value)
				return
			}
			for _, w := range words {
				valued[kind][w] = v
			}
		case kind == "unit":
			p, ok := precisionNamed(value)
			if !ok {
				bad("unit needs day, week, month or year, got %q", value)
				return
			}
			for _, w := range words {
				lx.units[w] = p
			}
		case kind == "flag":
			for _, w := range words {
				if flags[w] == nil {
					bad("unknown flag %q", w)
					continue
				}
				*flags[w] = true
			}
		default:
			if ok, err := lx.tense.add(kind, words, value); err != nil {
				bad("%v", err)
			} else if !ok {
				bad("unknown kind %q", kind)
			}
		}
	})
	for _, w := range lx.periods {
		if lx.units[w] == 0 {
			*errs = append(*errs, &datafile.Error{File: name, Msg: fmt.Sprintf("period %q is no unit", w)})
		}
	}
	return lx
}

// Load builds a Finder from the time words of every language in fsys
// (when/LANG.tsv, LANG an ISO 639-1 code). Any problem in them is an error
// (a datafile.ErrorList naming file:line).
func Load(fsys fs.FS) (*Finder, error) {
	names, err := fs.Glob(fsys, "when/*.tsv")
	if err != nil {
		return nil, fmt.Errorf("when: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("when: no when/LANG.tsv knowledge file")
	}
	if len(names) > maxLangs {
		return nil, fmt.Errorf("when: %d languages, at most %d", len(names), maxLangs)
	}
	f := &Finder{words: map[string]*wordInfo{}, langs: map[string]langMask{}, tense: map[string]*tenseRules{}}
	var errs datafile.ErrorList
	for i, name := range names {
		l := langMask(1) << i
		code := strings.TrimSuffix(path.Base(name), ".tsv")
		f.langs[code] = l
		f.all |= l
		lx := readLexicon(fsys, name, l, &errs)
		f.add(lx)
		lx.tense.finish()
		f.tense[code] = lx.tense
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	f.sortPhrases()
	return f, nil
}

// foldArabic folds the Arabic-script letters of w and leaves the others as
// they are written.
func foldArabic(w string) string {
	if !strings.ContainsFunc(w, func(r rune) bool { _, ok := segment.ArabicFold(r); return ok }) {
		return w
	}
	var b strings.Builder
	for _, r := range w {
		if f, ok := segment.ArabicFold(r); ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
