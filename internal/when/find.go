package when

import (
	"sort"
	"strings"
	"time"
)

// langMask is a set of languages, a bit each in the order Load reads
// their files.
type langMask uint16

// maxLangs is how many languages a langMask holds.
const maxLangs = 16

// mask maps an ISO 639-1 code ("fr", "en-GB") to the languages to try; a
// language without time words tries all of them.
func (f *Finder) mask(lang string) langMask {
	code, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if l, ok := f.langs[code]; ok {
		return l
	}
	return f.all
}

// entry is a word's value and the languages it belongs to (none when
// lang is 0).
type entry struct {
	v    int
	lang langMask
}

// monthEntry is a month word; the masks say in which languages it is an
// abbreviation, needs its dot, or needs a preposition to stand alone.
type monthEntry struct {
	m                          int
	lang, abbr, dotted, contxt langMask
	// solar: the languages where it is a Solar Hijri month.
	solar langMask
}

// phrase is a run of folded words with a value.
type phrase struct {
	words []string
	v     int
	lang  langMask
}

// Word tables with a value.
const (
	eWeekday = iota
	eNumber
	eUnit
	ePeriod // week, month, year: "semaine", "mois", "year"
	eShiftAfter
	eShiftBefore
	nEntry
)

// Word sets.
const (
	sThis = iota
	sFirst
	sDayOf
	sMonthOfYear
	sMonthCtx
	sYearIntro
	sYearBlock
	sConnector
	sSince
	nSet
)

// Phrase tables, indexed by their first word.
const (
	pArticle = iota
	pDateLead
	pPartOfDay
	pDayWord
	pMod
	pUnitMod
	pUnitLink
	pAgoBefore
	pAgoAfter
	pYearLead
	nPhrase
)

// wordInfo is everything the tables say about one folded word, so that
// matching looks each word up once.
type wordInfo struct {
	month   monthEntry
	entries [nEntry]entry
	sets    [nSet]langMask
	phrases [nPhrase][]phrase // the phrases starting with the word, longest first
	starter langMask          // languages where an expression can start here
}

// Finder finds and resolves time expressions. Build it once with Load; it
// is immutable and safe for concurrent use.
type Finder struct {
	words map[string]*wordInfo
	// langs maps a language code to its bit; all has every bit.
	langs map[string]langMask
	all   langMask
	// The languages that allow "August 5", require a capital on a month
	// standing alone, read "5/8/2024" month first, allow "this May".
	monthFirst, bareMonthCapital, numericMonthFirst, thisMonth, dayDot langMask
	// tense holds the tense words of the languages that have some.
	tense map[string]*tenseRules
}

// sortPhrases puts the phrases of every word longest first.
func (f *Finder) sortPhrases() {
	for _, wi := range f.words {
		for k := range wi.phrases {
			list := wi.phrases[k]
			sort.SliceStable(list, func(a, b int) bool { return len(list[a].words) > len(list[b].words) })
		}
	}
}

// info returns the entry of word w, creating it.
func (f *Finder) info(w string) *wordInfo {
	wi := f.words[w]
	if wi == nil {
		wi = &wordInfo{}
		f.words[w] = wi
	}
	return wi
}

func (f *Finder) add(lx lexicon) {
	l := lx.lang
	for w, m := range lx.months {
		wi := f.info(w)
		wi.month.m, wi.month.lang = m, wi.month.lang|l
		wi.starter |= l
	}
	// A Solar Hijri month follows its day: it starts nothing.
	for w, m := range lx.solarMonths {
		wi := f.info(w)
		wi.month.m, wi.month.lang, wi.month.solar = m, wi.month.lang|l, wi.month.solar|l
	}
	setFlag := func(words []string, flag func(*monthEntry)) {
		for _, w := range words {
			if wi := f.words[w]; wi != nil && wi.month.lang != 0 {
				flag(&wi.month)
			}
		}
	}
	setFlag(lx.abbrevs, func(e *monthEntry) { e.abbr |= l })
	setFlag(lx.dotted, func(e *monthEntry) { e.dotted |= l })
	setFlag(lx.monthNeedsContext, func(e *monthEntry) { e.contxt |= l })
	if lx.monthFirst {
		f.monthFirst |= l
	}
	if lx.bareMonthCapital {
		f.bareMonthCapital |= l
	}
	if lx.dayDot {
		f.dayDot |= l
	}
	if lx.numericMonthFirst {
		f.numericMonthFirst |= l
	}
	if lx.thisMonth {
		f.thisMonth |= l
	}
	addEntries := func(kind int, src map[string]int, start bool) {
		for w, v := range src {
			wi := f.info(w)
			if wi.entries[kind].lang == 0 {
				wi.entries[kind].v = v
			}
			wi.entries[kind].lang |= l
			if start {
				wi.starter |= l
			}
		}
	}
	addEntries(eWeekday, lx.weekdays, true)
	addEntries(eNumber, lx.numbers, true)
	addEntries(eShiftAfter, lx.shiftAfter, false)
	addEntries(eShiftBefore, lx.shiftBefore, true)
	units, periods := map[string]int{}, map[string]int{}
	for w, p := range lx.units {
		units[w] = int(p)
	}
	for _, w := range lx.periods {
		periods[w] = int(lx.units[w])
	}
	addEntries(eUnit, units, false)
	addEntries(ePeriod, periods, true)
	addWords := func(kind int, words []string, start bool) {
		for _, w := range words {
			wi := f.info(w)
			wi.sets[kind] |= l
			if start {
				wi.starter |= l
			}
		}
	}
	addWords(sThis, lx.this, true)
	addWords(sFirst, lx.first, true)
	addWords(sDayOf, lx.dayOf, false)
	addWords(sMonthOfYear, lx.monthOfYear, false)
	addWords(sMonthCtx, lx.monthContext, false)
	addWords(sYearIntro, lx.yearIntro, false)
	addWords(sYearBlock, lx.yearBlock, false)
	addWords(sConnector, lx.connectors, false)
	addWords(sSince, lx.since, false)
	addPhrases := func(kind int, texts []string, vals map[string]int, start bool) {
		if vals != nil {
			for t := range vals {
				texts = append(texts, t)
			}
			sort.Strings(texts) // map order must not decide ties
		}
		for _, t := range texts {
			var words []string
			for _, tk := range tokenize(t, nil) {
				if tk.s != "-" {
					words = append(words, tk.s)
				}
			}
			if len(words) == 0 {
				continue
			}
			wi := f.info(words[0])
			wi.phrases[kind] = append(wi.phrases[kind], phrase{words: words, v: vals[t], lang: l})
			if start {
				wi.starter |= l
			}
		}
	}
	addPhrases(pArticle, lx.articles, nil, true)
	addPhrases(pDateLead, lx.dateLead, nil, true)
	addPhrases(pPartOfDay, lx.partsOfDay, nil, false)
	addPhrases(pDayWord, nil, lx.dayWords, true)
	addPhrases(pMod, lx.mods, nil, true)
	addPhrases(pUnitMod, lx.unitMods, nil, true)
	addPhrases(pUnitLink, lx.unitLink, nil, false)
	addPhrases(pAgoBefore, nil, lx.agoBefore, true)
	addPhrases(pAgoAfter, nil, lx.agoAfter, false)
	addPhrases(pYearLead, lx.yearLead, nil, true)
}

// Find returns the time expressions of text in order. lang is an ISO 639-1
// code; other values try French and English together.
func (f *Finder) Find(text, lang string) []Expr {
	return f.find(text, lang, tokenize(text, make([]token, 0, len(text)/5+4)), nil)
}

// Sentence returns what Find and SentenceTense return for the text of a
// sentence, read from one tokenization.
func (f *Finder) Sentence(text, lang string) ([]Expr, Tense) {
	toks := tokenize(text, make([]token, 0, len(text)/5+4))
	return f.find(text, lang, toks, nil), f.tenseOf(text, lang, toks)
}

// find returns the time expressions over toks, the tokens of text, in
// order; when stop is not nil, up to the first for which it is true.
func (f *Finder) find(text, lang string, toks []token, stop func(Expr) bool) []Expr {
	p := parser{f: f, text: text, lang: f.mask(lang), toks: toks}
	for k := range p.toks {
		if p.toks[k].kind == tWord {
			p.toks[k].info = f.words[p.toks[k].s]
		}
	}
	var out []Expr
	for i := 0; i < len(p.toks); {
		if e, end, ok := p.match(i); ok {
			e.Since = p.is(i-1, sSince)
			out = append(out, e)
			if stop != nil && stop(e) {
				break
			}
			i = end
			continue
		}
		i++
	}
	return out
}

// parser matches expressions over the tokens of one text.
type parser struct {
	f    *Finder
	text string
	toks []token
	lang langMask
}

var noExpr = Expr{}

// match tries every rule at token i and keeps the longest match.
func (p *parser) match(i int) (Expr, int, bool) {
	t := p.toks[i]
	switch t.kind {
	case tPunct:
		return noExpr, 0, false
	case tWord:
		if t.info == nil || t.info.starter&p.lang == 0 {
			return noExpr, 0, false
		}
	}
	best, bestEnd := noExpr, -1
	try := func(e Expr, end int, ok bool) {
		if ok && end > bestEnd {
			best, bestEnd = e, end
		}
	}
	try(p.numeric(i))
	try(p.date(i))
	try(p.weekdayExpr(i))
	try(p.dayWord(i))
	try(p.period(i))
	try(p.ago(i))
	try(p.year(i))
	if bestEnd < 0 {
		return noExpr, 0, false
	}
	return best, bestEnd, true
}

// finish sets the span of e to tokens [from, to).
func (p *parser) finish(e Expr, from, to int) (Expr, int, bool) {
	e.Start, e.End = p.toks[from].start, p.toks[to-1].end
	e.Text = p.text[e.Start:e.End]
	return e, to, true
}

// skipH skips hyphens.
func (p *parser) skipH(j int) int {
	for j < len(p.toks) && p.toks[j].kind == tPunct && p.toks[j].s == "-" {
		j++
	}
	return j
}

// is reports whether the word at j is in set k of the parser's languages.
func (p *parser) is(j, k int) bool {
	if j < 0 || j >= len(p.toks) || p.toks[j].kind != tWord || p.toks[j].info == nil {
		return false
	}
	return p.toks[j].info.sets[k]&p.lang != 0
}

// word returns the folded word at j, or "".
func (p *parser) word(j int) string {
	if j < 0 || j >= len(p.toks) || p.toks[j].kind != tWord {
		return ""
	}
	return p.toks[j].s
}

func (p *parser) punct(j int, s string) bool {
	return j >= 0 && j < len(p.toks) && p.toks[j].kind == tPunct && p.toks[j].s == s
}

// adjacent reports whether tokens j and j+1 touch.
func (p *parser) adjacent(j int) bool {
	return j+1 < len(p.toks) && p.toks[j].end == p.toks[j+1].start
}

// wordInfo returns what the tables say of the word at j, or nil.
func (p *parser) wordInfo(j int) *wordInfo {
	if j < 0 || j >= len(p.toks) {
		return nil
	}
	return p.toks[j].info
}

// in reports whether the word at j is in set kind.
func (p *parser) in(kind, j int) bool {
	wi := p.wordInfo(j)
	return wi != nil && wi.sets[kind]&p.lang != 0
}

// lookup returns the value of the word at j in table kind.
func (p *parser) lookup(kind, j int) (int, bool) {
	wi := p.wordInfo(j)
	if wi == nil || wi.entries[kind].lang&p.lang == 0 {
		return 0, false
	}
	return wi.entries[kind].v, true
}

// phrase matches the longest phrase of table kind at j; it returns its
// value and the token after it.
func (p *parser) phrase(kind, j int) (int, int, bool) {
	j = p.skipH(j)
	wi := p.wordInfo(j)
	if wi == nil {
		return 0, 0, false
	}
	for _, ph := range wi.phrases[kind] {
		if ph.lang&p.lang == 0 {
			continue
		}
		k, ok := j, true
		for _, w := range ph.words {
			k = p.skipH(k)
			if k >= len(p.toks) || p.toks[k].s != w || p.toks[k].kind == tNum {
				ok = false
				break
			}
			k++
		}
		if ok {
			return ph.v, k, true
		}
	}
	return 0, 0, false
}

// optPhrase skips a phrase of ps at j when there is one.
func (p *parser) optPhrase(kind, j int) int {
	if _, k, ok := p.phrase(kind, j); ok {
		return k
	}
	return j
}

// dayAt reads a day of the month: "5", "05", "1er", "5th", "premier".
func (p *parser) dayAt(j int) (int, int, bool) {
	if j >= len(p.toks) {
		return 0, 0, false
	}
	t := p.toks[j]
	switch {
	case (t.kind == tNum || t.kind == tOrd) && t.ndig <= 2 && t.num >= 1 && t.num <= 31:
		return int(t.num), j + 1, true
	case p.in(sFirst, j):
		return 1, j + 1, true
	}
	return 0, 0, false
}

// monthAt reads a month name or abbreviation (with its dot).
func (p *parser) monthAt(j int) (m, next int, abbr, ok bool) {
	j = p.skipH(j)
	wi := p.wordInfo(j)
	if wi == nil || wi.month.lang&p.lang == 0 {
		return 0, 0, false, false
	}
	e := wi.month
	if e.lang&p.lang == 0 {
		return 0, 0, false, false
	}
	full := e.lang &^ e.abbr & p.lang // languages where it is a full name
	if full != 0 {
		return e.m, j + 1, false, true
	}
	dot := p.punct(j+1, ".") && p.adjacent(j)
	if !dot && e.lang&^e.dotted&p.lang == 0 {
		return 0, 0, false, false
	}
	if dot {
		return e.m, j + 2, true, true
	}
	return e.m, j + 1, true, true
}

// sameMonth skips a second name of month m after a slash, as Arabic
// writes its Levantine and Gregorian names together ("أيار/مايو"); it
// returns where the date goes on.
func (p *parser) sameMonth(k, m int) int {
	if p.punct(k, "/") {
		if m2, k2, _, ok := p.monthAt(k + 1); ok && m2 == m {
			return k2
		}
	}
	return k
}

// solar reports whether the month at j (after hyphens) is a Solar Hijri
// month in the languages tried.
func (p *parser) solar(j int) bool {
	wi := p.wordInfo(p.skipH(j))
	return wi != nil && wi.month.solar&p.lang != 0
}

// yearStart is where the year of a month ending before k may start: at k,
// after a comma ("August 5, 2024") or a month-of-year word ("marzo de
// 2023"), and whether it may have two digits (right after the month).
func (p *parser) yearStart(k int) (int, bool) {
	if p.punct(k, ",") || p.in(sMonthOfYear, k) {
		return k + 1, false
	}
	return k, true
}

// yearAt reads a year: four digits, or two after a month ("octobre 98").
func (p *parser) yearAt(j int, twoDigits bool) (int, int, bool) {
	if p.punct(j, "'") && p.adjacent(j) && j+1 < len(p.toks) && p.toks[j+1].kind == tNum && p.toks[j+1].ndig == 2 {
		return pivot(int(p.toks[j+1].num)), j + 2, true
	}
	if j >= len(p.toks) || p.toks[j].kind != tNum {
		return 0, 0, false
	}
	t := p.toks[j]
	switch {
	case t.ndig == 4 && t.num >= 1000 && t.num <= 2199 && !p.decimal(j):
		return int(t.num), j + 1, true
	case t.ndig == 2 && twoDigits && !p.decimal(j) && p.yearTail(j+1, false) && !p.joined(j):
		return pivot(int(t.num)), j + 1, true
	}
	return 0, 0, false
}

// joined reports whether the number at j is glued to a following
// separator, as in "05/08" or "22:30".
func (p *parser) joined(j int) bool {
	if !p.adjacent(j) {
		return false
	}
	switch p.toks[j+1].s {
	case "/", ":", "-", ".", "h":
		return true
	}
	return false
}

// pivot maps a two-digit year to 1950-2049.
func pivot(yy int) int {
	if yy < 50 {
		return 2000 + yy
	}
	return 1900 + yy
}

// decimal reports whether the number at j goes on as a decimal or a
// thousands group: "2000,5", "2.500".
func (p *parser) decimal(j int) bool {
	return (p.punct(j+1, ",") || p.punct(j+1, ".")) && p.adjacent(j) && p.adjacent(j+1) &&
		j+2 < len(p.toks) && p.toks[j+2].kind == tNum
}

// yearTail reports whether what follows a number at j lets it be a year:
// the end, punctuation other than units, or a connector word.
func (p *parser) yearTail(j int, introduced bool) bool {
	if j >= len(p.toks) {
		return true
	}
	t := p.toks[j]
	switch t.kind {
	case tNum, tOrd:
		return false
	case tPunct:
		switch t.s {
		case "%", "€", "$", "£", "°":
			return false
		}
		return true
	}
	return introduced || p.in(sConnector, j)
}

// numeric reads "2024-08-05", "05/08/2024", "05.08.2024", "5/8/24".
func (p *parser) numeric(i int) (Expr, int, bool) {
	if i+4 >= len(p.toks) {
		return noExpr, 0, false
	}
	t := p.toks[i : i+5]
	// An ISO timestamp glues the time to the day: "2024-08-05T10:00Z".
	stamp := t[0].ndig == 4 && t[4].kind == tWord && t[4].ndig == 2 && len(t[4].s) > 3 && t[4].s[2] == 't'
	if t[0].kind != tNum || t[2].kind != tNum || (t[4].kind != tNum && !stamp) || t[1].kind != tPunct || t[3].s != t[1].s {
		return noExpr, 0, false
	}
	switch t[1].s {
	case "-", "/", ".":
	default:
		return noExpr, 0, false
	}
	for k := i; k < i+4; k++ {
		if !p.adjacent(k) {
			return noExpr, 0, false
		}
	}
	// A longer run of numbers is a phone number, a version or a score.
	if (!stamp && p.adjacent(i+4) && i+5 < len(p.toks) && (p.toks[i+5].s == t[1].s || p.toks[i+5].kind == tNum)) ||
		(i > 0 && p.adjacent(i-1) && (p.toks[i-1].kind == tNum || p.toks[i-1].s == t[1].s)) {
		return noExpr, 0, false
	}
	var y, m, d int
	switch {
	case t[0].ndig == 4 && t[2].ndig <= 2 && t[4].ndig <= 2:
		y, m, d = int(t[0].num), int(t[2].num), int(t[4].num)
	case t[0].ndig <= 2 && t[2].ndig <= 2 && (t[4].ndig == 4 || t[4].ndig == 2):
		a, b := int(t[0].num), int(t[2].num)
		y = int(t[4].num)
		if t[4].ndig == 2 {
			y = pivot(y)
		}
		d, m = a, b // day first, unless the language or the values say otherwise
		if (p.lang&^p.f.numericMonthFirst == 0 && a <= 12) || (a <= 12 && b > 12) {
			d, m = b, a
		}
	default:
		return noExpr, 0, false
	}
	if !validDay(y, m, d) {
		return noExpr, 0, false
	}
	return p.finish(Expr{Kind: KindDate, Year: y, Month: m, Day: d}, i, i+5)
}

// date reads calendar dates: "le samedi 5 juin 1999", "Aug. 5, 2024",
// "the 5th of August", "mars 2024", "début octobre", "septembre dernier",
// "last March", "mid-2023".
func (p *parser) date(i int) (Expr, int, bool) {
	j := p.optPhrase(pDateLead, i)
	mod := false
	if _, k, ok := p.phrase(pMod, j); ok {
		j, mod = p.skipH(k), true
	}
	if !mod {
		if wd, ok := p.lookup(eWeekday, j); ok {
			k := j + 1
			if p.punct(k, ",") || p.punct(k, "،") {
				k++
			}
			k = p.optPhrase(pDateLead, k)
			e, end, ok := p.dateCore(k, false)
			if !ok || e.Day == 0 {
				return noExpr, 0, false
			}
			e.Weekday, e.HasWeekday = time.Weekday(wd), true
			return p.finish(e, i, end)
		}
	}
	e, end, ok := p.dateCore(j, mod)
	if !ok {
		return noExpr, 0, false
	}
	return p.finish(e, i, end)
}

// dateCore reads the date after any article, modifier and weekday.
func (p *parser) dateCore(j int, mod bool) (Expr, int, bool) {
	e := Expr{Kind: KindDate}
	// Day first: "5 août 2024", "1er mars", "5th of August".
	if d, k, ok := p.dayAt(j); ok && !mod {
		if p.in(sDayOf, k) || p.f.dayDot&p.lang != 0 && p.punct(k, ".") && p.adjacent(k-1) {
			k++
		}
		if m, k2, _, ok := p.monthAt(k); ok {
			e.Day, e.Month, e.Solar = d, m, p.solar(k)
			k2 = p.sameMonth(k2, m)
			end := k2
			k3, two := p.yearStart(k2)
			if y, k4, ok := p.yearAt(k3, two); ok {
				e.Year, end = y, k4
			} else if s, ok := p.lookup(eShiftAfter, end); ok {
				e.Shift, end = s, end+1
			}
			return e, end, true
		}
		return noExpr, 0, false
	}
	// "last March", "next June", "this May".
	shifted, this := false, false
	start := j
	if s, ok := p.lookup(eShiftBefore, j); ok && !mod {
		e.Shift, shifted, j = s, true, j+1
	} else if p.in(sThis, j) && !mod && p.lang&p.f.thisMonth != 0 {
		this, j = true, j+1
	}
	m, k, abbr, ok := p.monthAt(j)
	if ok && p.solar(j) {
		return noExpr, 0, false // a Solar Hijri month needs its day
	}
	if !ok {
		if y, k, ok := p.yearAt(j, false); ok && mod && !shifted && !this {
			e.Year = y
			return e, k, true
		}
		return noExpr, 0, false
	}
	e.Month = m
	k = p.sameMonth(k, m)
	if !shifted && !this && !mod {
		// Month first: "August 5, 2024", "Aug. 5th".
		if p.f.monthFirst&p.lang != 0 {
			if d, k2, ok := p.dayAt(k); ok && (p.toks[k].kind == tOrd || p.toks[k].ndig <= 2) {
				e.Day = d
				end := k2
				k3 := k2
				if p.punct(k3, ",") {
					k3++
				}
				if y, k4, ok := p.yearAt(k3, false); ok {
					e.Year, end = y, k4
				}
				return e, end, true
			}
		}
	}
	if !shifted && !this {
		k3, two := p.yearStart(k)
		if y, k4, ok := p.yearAt(k3, two); ok {
			e.Year = y
			return e, k4, true
		}
	}
	// The month alone.
	if abbr {
		return noExpr, 0, false
	}
	word := p.toks[p.skipH(j)].info.month
	if !mod && !shifted && !this {
		// A month that is a month only in languages where it needs a
		// preposition (or a capital) to stand alone.
		langs := word.lang & p.lang
		ctx := start > 0 && p.in(sMonthCtx, start-1)
		if !ctx && langs != 0 && langs&^word.contxt == 0 {
			return noExpr, 0, false
		}
		if !ctx && langs != 0 && !p.toks[p.skipH(j)].upper && langs&^p.f.bareMonthCapital == 0 {
			return noExpr, 0, false
		}
		if s, ok := p.lookup(eShiftAfter, k); ok {
			e.Shift, k = s, k+1
		}
	}
	return e, k, true
}

// weekdayExpr reads "lundi", "mardi dernier", "ce mardi", "dimanche soir",
// "last Friday", "Tuesday night".
func (p *parser) weekdayExpr(i int) (Expr, int, bool) {
	e := Expr{Kind: KindWeekday}
	j := i
	if s, ok := p.lookup(eShiftBefore, j); ok {
		e.Shift, j = s, j+1
	} else if p.in(sThis, j) {
		e.This, j = true, j+1
	} else {
		j = p.optPhrase(pDateLead, j)
	}
	wd, ok := p.lookup(eWeekday, j)
	if !ok {
		return noExpr, 0, false
	}
	e.Weekday, e.HasWeekday = time.Weekday(wd), true
	j++
	if s, ok := p.lookup(eShiftAfter, j); ok && e.Shift == 0 {
		e.Shift, e.This, j = s, false, j+1
	}
	j = p.optPhrase(pPartOfDay, j)
	if s, ok := p.lookup(eShiftAfter, j); ok && e.Shift == 0 {
		e.Shift, e.This, j = s, false, j+1
	}
	return p.finish(e, i, j)
}

// dayWord reads "hier", "aujourd'hui vendredi", "demain matin",
// "yesterday", "tonight", "last night".
func (p *parser) dayWord(i int) (Expr, int, bool) {
	v, j, ok := p.phrase(pDayWord, i)
	if !ok {
		return noExpr, 0, false
	}
	j = p.optPhrase(pPartOfDay, j)
	if _, ok := p.lookup(eWeekday, j); ok {
		j++
		j = p.optPhrase(pPartOfDay, j)
	}
	return p.finish(Expr{Kind: KindRelative, Unit: Day, Offset: v}, i, j)
}

// period reads a week, month or year relative to the anchor: "cette
// semaine", "le mois dernier", "l'an prochain", "la fin de l'année
// dernière", "last week", "earlier this month", "late last year".
func (p *parser) period(i int) (Expr, int, bool) {
	j := p.optPhrase(pArticle, i)
	mod := false
	if _, k, ok := p.phrase(pUnitMod, j); ok {
		j, mod = k, true
		j = p.optPhrase(pUnitLink, j)
		j = p.optPhrase(pArticle, j)
	}
	e := Expr{Kind: KindRelative}
	marked := false
	if s, ok := p.lookup(eShiftBefore, j); ok {
		e.Offset, marked, j = s, true, j+1
	} else if p.in(sThis, j) {
		marked, j = true, j+1
	}
	j = p.skipH(j)
	u, ok := p.lookup(ePeriod, j)
	if !ok {
		return noExpr, 0, false
	}
	e.Unit = Precision(u)
	j++
	// "cette année-là" is a year named earlier, not this one.
	if p.punct(j, "-") && p.word(j+1) == "la" {
		return noExpr, 0, false
	}
	if p.punct(j, "-") && p.word(j+1) == "ci" {
		j += 2
	} else if p.word(j) == "ci" {
		j++
	}
	// "l'année 2001" is a year, left to the year rule.
	if _, _, ok := p.yearAt(j, false); ok {
		return noExpr, 0, false
	}
	if !marked {
		if s, ok := p.lookup(eShiftAfter, j); ok {
			e.Offset, j = s, j+1
		} else if !mod {
			return noExpr, 0, false
		}
	}
	return p.finish(e, i, j)
}

// ago reads "il y a deux jours", "dans trois semaines", "two days ago",
// "in a week".
func (p *parser) ago(i int) (Expr, int, bool) {
	sign, j, before := p.phrase(pAgoBefore, i)
	if !before {
		j = i
	}
	n, ok := 0, false
	if j < len(p.toks) && p.toks[j].kind == tNum && p.toks[j].ndig <= 3 {
		n, ok = int(p.toks[j].num), true
	} else {
		n, ok = p.lookup(eNumber, j)
	}
	if !ok {
		return noExpr, 0, false
	}
	u, ok := p.lookup(eUnit, j+1)
	if !ok {
		return noExpr, 0, false
	}
	j += 2
	if !before {
		var after bool
		sign, j, after = p.phrase(pAgoAfter, j)
		if !after {
			return noExpr, 0, false
		}
	}
	return p.finish(Expr{Kind: KindRelative, Unit: Precision(u), Offset: sign * n}, i, j)
}

// year reads a year: "2023" after "en", "in", "depuis"..., "l'année 2001",
// or a four-digit number standing where no noun follows it.
func (p *parser) year(i int) (Expr, int, bool) {
	j := i
	_, k, lead := p.phrase(pYearLead, i)
	if lead {
		j = k
	}
	if j >= len(p.toks) || p.toks[j].kind != tNum || p.toks[j].ndig != 4 || p.decimal(j) {
		return noExpr, 0, false
	}
	y := int(p.toks[j].num)
	prev := i - 1
	if p.punct(prev, "'") {
		prev--
	}
	introduced := lead || p.in(sYearIntro, prev)
	if !lead && prev >= 0 {
		pt := p.toks[prev]
		switch {
		case p.in(sYearBlock, prev), pt.kind == tNum, pt.kind == tOrd:
			return noExpr, 0, false
		case pt.kind == tPunct:
			switch pt.s {
			case "$", "€", "£", "#", "°", "n°":
				return noExpr, 0, false
			}
		}
	}
	lo, hi := 1900, 2099
	if introduced {
		lo, hi = 1000, 2199
	}
	if y < lo || y > hi || !p.yearTail(j+1, introduced) {
		return noExpr, 0, false
	}
	return p.finish(Expr{Kind: KindDate, Year: y}, i, j+1)
}
