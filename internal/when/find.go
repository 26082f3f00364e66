package when

import (
	"sort"
	"strings"
	"time"
)

type langMask uint8

const (
	fr langMask = 1 << iota
	en
)

// maskOf maps an ISO 639-1 code ("fr", "en-GB") to the languages to try;
// any other language tries both.
func maskOf(lang string) langMask {
	switch {
	case strings.HasPrefix(strings.ToLower(lang), "fr"):
		return fr
	case strings.HasPrefix(strings.ToLower(lang), "en"):
		return en
	}
	return fr | en
}

// entry is a word's value and the languages it belongs to.
type entry struct {
	v    int
	lang langMask
}

// monthEntry is a month word; the masks say in which languages it is an
// abbreviation, needs its dot, or needs a preposition to stand alone.
type monthEntry struct {
	m                          int
	lang, abbr, dotted, contxt langMask
}

// phrase is a run of folded words with a value.
type phrase struct {
	words []string
	v     int
	lang  langMask
}

// phraseSet indexes phrases by first word, longest first.
type phraseSet map[string][]phrase

// wordSet maps words to the languages they belong to.
type wordSet map[string]langMask

// Finder finds and resolves time expressions. Build it once with
// NewFinder; it is immutable and safe for concurrent use.
type Finder struct {
	months                          map[string]monthEntry
	weekdays, numbers, units        map[string]entry
	periods, shiftAfter, shiftBefor map[string]entry
	this, first, dayOf, monthCtx    wordSet
	yearIntro, yearBlock, connector wordSet
	articles, partsOfDay, dayWords  phraseSet
	dateLead                        phraseSet
	mods, unitMods, unitLink        phraseSet
	agoBefore, agoAfter, yearLead   phraseSet
	// starters holds every word that can begin an expression.
	starters                            wordSet
	monthFirst, bareMonthCapital, dotOK langMask
}

// NewFinder builds a Finder for French and English.
func NewFinder() *Finder {
	f := &Finder{
		months:   map[string]monthEntry{},
		weekdays: map[string]entry{}, numbers: map[string]entry{}, units: map[string]entry{},
		periods: map[string]entry{}, shiftAfter: map[string]entry{}, shiftBefor: map[string]entry{},
		this: wordSet{}, first: wordSet{}, dayOf: wordSet{}, monthCtx: wordSet{},
		yearIntro: wordSet{}, yearBlock: wordSet{}, connector: wordSet{},
		articles: phraseSet{}, dateLead: phraseSet{}, partsOfDay: phraseSet{}, dayWords: phraseSet{},
		mods: phraseSet{}, unitMods: phraseSet{}, unitLink: phraseSet{},
		agoBefore: phraseSet{}, agoAfter: phraseSet{}, yearLead: phraseSet{},
		starters: wordSet{},
	}
	for _, lx := range []lexicon{french(), english()} {
		f.add(lx)
	}
	for _, ps := range []phraseSet{f.articles, f.dateLead, f.partsOfDay, f.dayWords, f.mods, f.unitMods, f.unitLink, f.agoBefore, f.agoAfter, f.yearLead} {
		for k, list := range ps {
			sort.SliceStable(list, func(a, b int) bool { return len(list[a].words) > len(list[b].words) })
			ps[k] = list
		}
	}
	return f
}

func (f *Finder) add(lx lexicon) {
	l := lx.lang
	for w, m := range lx.months {
		e := f.months[w]
		e.m, e.lang = m, e.lang|l
		f.months[w] = e
		f.starters[w] |= l
	}
	setFlag := func(words []string, flag func(*monthEntry)) {
		for _, w := range words {
			if e, ok := f.months[w]; ok {
				flag(&e)
				f.months[w] = e
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
	addEntries := func(dst map[string]entry, src map[string]int, start bool) {
		for w, v := range src {
			e, ok := dst[w]
			if !ok {
				e.v = v
			}
			e.lang |= l
			dst[w] = e
			if start {
				f.starters[w] |= l
			}
		}
	}
	addEntries(f.weekdays, lx.weekdays, true)
	addEntries(f.numbers, lx.numbers, true)
	addEntries(f.shiftAfter, lx.shiftAfter, false)
	addEntries(f.shiftBefor, lx.shiftBefore, true)
	units := map[string]int{}
	for w, p := range lx.units {
		units[w] = int(p)
	}
	addEntries(f.units, units, false)
	periods := map[string]int{}
	for w, p := range lx.units {
		if p != Day && (!strings.HasSuffix(w, "s") || w == "mois") {
			periods[w] = int(p)
		}
	}
	addEntries(f.periods, periods, true)
	addWords := func(dst wordSet, words []string, start bool) {
		for _, w := range words {
			dst[w] |= l
			if start {
				f.starters[w] |= l
			}
		}
	}
	addWords(f.this, lx.this, true)
	addWords(f.first, lx.first, true)
	addWords(f.dayOf, lx.dayOf, false)
	addWords(f.monthCtx, lx.monthContext, false)
	addWords(f.yearIntro, lx.yearIntro, false)
	addWords(f.yearBlock, lx.yearBlock, false)
	addWords(f.connector, lx.connectors, false)
	addPhrases := func(dst phraseSet, texts []string, vals map[string]int, start bool) {
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
			dst[words[0]] = append(dst[words[0]], phrase{words: words, v: vals[t], lang: l})
			if start {
				f.starters[words[0]] |= l
			}
		}
	}
	addPhrases(f.articles, lx.articles, nil, true)
	addPhrases(f.dateLead, lx.dateLead, nil, true)
	addPhrases(f.partsOfDay, lx.partsOfDay, nil, false)
	addPhrases(f.dayWords, nil, lx.dayWords, true)
	addPhrases(f.mods, lx.mods, nil, true)
	addPhrases(f.unitMods, lx.unitMods, nil, true)
	addPhrases(f.unitLink, lx.unitLink, nil, false)
	addPhrases(f.agoBefore, nil, lx.agoBefore, true)
	addPhrases(f.agoAfter, nil, lx.agoAfter, false)
	addPhrases(f.yearLead, lx.yearLead, nil, true)
}

// Find returns the time expressions of text in order. lang is an ISO 639-1
// code; other values try French and English together.
func (f *Finder) Find(text, lang string) []Expr {
	p := parser{f: f, text: text, lang: maskOf(lang)}
	p.toks = tokenize(text, make([]token, 0, len(text)/5+4))
	var out []Expr
	for i := 0; i < len(p.toks); {
		if e, end, ok := p.match(i); ok {
			out = append(out, e)
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
		if p.f.starters[t.s]&p.lang == 0 {
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

func (p *parser) in(ws wordSet, j int) bool { return ws[p.word(j)]&p.lang != 0 }

func (p *parser) lookup(m map[string]entry, j int) (int, bool) {
	e, ok := m[p.word(j)]
	if !ok || e.lang&p.lang == 0 {
		return 0, false
	}
	return e.v, true
}

// phrase matches the longest phrase of ps at j; it returns its value and
// the token after it.
func (p *parser) phrase(ps phraseSet, j int) (int, int, bool) {
	j = p.skipH(j)
	if j >= len(p.toks) {
		return 0, 0, false
	}
	for _, ph := range ps[p.toks[j].s] {
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
func (p *parser) optPhrase(ps phraseSet, j int) int {
	if _, k, ok := p.phrase(ps, j); ok {
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
		return t.num, j + 1, true
	case p.in(p.f.first, j):
		return 1, j + 1, true
	}
	return 0, 0, false
}

// monthAt reads a month name or abbreviation (with its dot).
func (p *parser) monthAt(j int) (m, next int, abbr, ok bool) {
	j = p.skipH(j)
	e, found := p.f.months[p.word(j)]
	if !found || e.lang&p.lang == 0 {
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

// yearAt reads a year: four digits, or two after a month ("octobre 98").
func (p *parser) yearAt(j int, twoDigits bool) (int, int, bool) {
	if p.punct(j, "'") && p.adjacent(j) && j+1 < len(p.toks) && p.toks[j+1].kind == tNum && p.toks[j+1].ndig == 2 {
		return pivot(p.toks[j+1].num), j + 2, true
	}
	if j >= len(p.toks) || p.toks[j].kind != tNum {
		return 0, 0, false
	}
	t := p.toks[j]
	switch {
	case t.ndig == 4 && t.num >= 1000 && t.num <= 2199 && !p.decimal(j):
		return t.num, j + 1, true
	case t.ndig == 2 && twoDigits && !p.decimal(j) && p.yearTail(j+1, false) && !p.joined(j):
		return pivot(t.num), j + 1, true
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
	return introduced || p.in(p.f.connector, j)
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
		y, m, d = t[0].num, t[2].num, t[4].num
	case t[0].ndig <= 2 && t[2].ndig <= 2 && (t[4].ndig == 4 || t[4].ndig == 2):
		a, b := t[0].num, t[2].num
		y = t[4].num
		if t[4].ndig == 2 {
			y = pivot(y)
		}
		d, m = a, b // day first, unless the language or the values say otherwise
		if (p.lang == en && a <= 12) || (a <= 12 && b > 12) {
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
	j := p.optPhrase(p.f.dateLead, i)
	mod := false
	if _, k, ok := p.phrase(p.f.mods, j); ok {
		j, mod = p.skipH(k), true
	}
	if !mod {
		if wd, ok := p.lookup(p.f.weekdays, j); ok {
			k := j + 1
			if p.punct(k, ",") {
				k++
			}
			k = p.optPhrase(p.f.dateLead, k)
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
		if p.in(p.f.dayOf, k) {
			k++
		}
		if m, k2, _, ok := p.monthAt(k); ok {
			e.Day, e.Month = d, m
			end := k2
			k3, two := k2, true
			if p.punct(k3, ",") {
				k3, two = k3+1, false
			}
			if y, k4, ok := p.yearAt(k3, two); ok {
				e.Year, end = y, k4
			} else if s, ok := p.lookup(p.f.shiftAfter, end); ok {
				e.Shift, end = s, end+1
			}
			return e, end, true
		}
		return noExpr, 0, false
	}
	// "last March", "next June", "this May".
	shifted, this := false, false
	start := j
	if s, ok := p.lookup(p.f.shiftBefor, j); ok && !mod {
		e.Shift, shifted, j = s, true, j+1
	} else if p.in(p.f.this, j) && !mod && p.lang&en != 0 {
		this, j = true, j+1
	}
	m, k, abbr, ok := p.monthAt(j)
	if !ok {
		if y, k, ok := p.yearAt(j, false); ok && mod && !shifted && !this {
			e.Year = y
			return e, k, true
		}
		return noExpr, 0, false
	}
	e.Month = m
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
		k3, two := k, true
		if p.punct(k3, ",") {
			k3, two = k3+1, false
		}
		if y, k4, ok := p.yearAt(k3, two); ok {
			e.Year = y
			return e, k4, true
		}
	}
	// The month alone.
	if abbr {
		return noExpr, 0, false
	}
	word := p.f.months[p.word(p.skipH(j))]
	if !mod && !shifted && !this {
		if word.lang&p.lang&en != 0 && word.lang&p.lang&fr == 0 {
			ctx := start > 0 && p.in(p.f.monthCtx, start-1)
			if !ctx && word.contxt&en != 0 {
				return noExpr, 0, false
			}
			if !ctx && !p.toks[p.skipH(j)].upper && p.f.bareMonthCapital&en != 0 {
				return noExpr, 0, false
			}
		}
		if s, ok := p.lookup(p.f.shiftAfter, k); ok {
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
	if s, ok := p.lookup(p.f.shiftBefor, j); ok {
		e.Shift, j = s, j+1
	} else if p.in(p.f.this, j) {
		e.This, j = true, j+1
	} else {
		j = p.optPhrase(p.f.dateLead, j)
	}
	wd, ok := p.lookup(p.f.weekdays, j)
	if !ok {
		return noExpr, 0, false
	}
	e.Weekday, e.HasWeekday = time.Weekday(wd), true
	j++
	if s, ok := p.lookup(p.f.shiftAfter, j); ok && e.Shift == 0 {
		e.Shift, e.This, j = s, false, j+1
	}
	j = p.optPhrase(p.f.partsOfDay, j)
	if s, ok := p.lookup(p.f.shiftAfter, j); ok && e.Shift == 0 {
		e.Shift, e.This, j = s, false, j+1
	}
	return p.finish(e, i, j)
}

// dayWord reads "hier", "aujourd'hui vendredi", "demain matin",
// "yesterday", "tonight", "last night".
func (p *parser) dayWord(i int) (Expr, int, bool) {
	v, j, ok := p.phrase(p.f.dayWords, i)
	if !ok {
		return noExpr, 0, false
	}
	j = p.optPhrase(p.f.partsOfDay, j)
	if _, ok := p.lookup(p.f.weekdays, j); ok {
		j++
		j = p.optPhrase(p.f.partsOfDay, j)
	}
	return p.finish(Expr{Kind: KindRelative, Unit: Day, Offset: v}, i, j)
}

// period reads a week, month or year relative to the anchor: "cette
// semaine", "le mois dernier", "l'an prochain", "la fin de l'année
// dernière", "last week", "earlier this month", "late last year".
func (p *parser) period(i int) (Expr, int, bool) {
	j := p.optPhrase(p.f.articles, i)
	mod := false
	if _, k, ok := p.phrase(p.f.unitMods, j); ok {
		j, mod = k, true
		j = p.optPhrase(p.f.unitLink, j)
		j = p.optPhrase(p.f.articles, j)
	}
	e := Expr{Kind: KindRelative}
	marked := false
	if s, ok := p.lookup(p.f.shiftBefor, j); ok {
		e.Offset, marked, j = s, true, j+1
	} else if p.in(p.f.this, j) {
		marked, j = true, j+1
	}
	j = p.skipH(j)
	u, ok := p.lookup(p.f.periods, j)
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
		if s, ok := p.lookup(p.f.shiftAfter, j); ok {
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
	sign, j, before := p.phrase(p.f.agoBefore, i)
	if !before {
		j = i
	}
	n, ok := 0, false
	if j < len(p.toks) && p.toks[j].kind == tNum && p.toks[j].ndig <= 3 {
		n, ok = p.toks[j].num, true
	} else {
		n, ok = p.lookup(p.f.numbers, j)
	}
	if !ok {
		return noExpr, 0, false
	}
	u, ok := p.lookup(p.f.units, j+1)
	if !ok {
		return noExpr, 0, false
	}
	j += 2
	if !before {
		var after bool
		sign, j, after = p.phrase(p.f.agoAfter, j)
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
	_, k, lead := p.phrase(p.f.yearLead, i)
	if lead {
		j = k
	}
	if j >= len(p.toks) || p.toks[j].kind != tNum || p.toks[j].ndig != 4 || p.decimal(j) {
		return noExpr, 0, false
	}
	y := p.toks[j].num
	prev := i - 1
	if p.punct(prev, "'") {
		prev--
	}
	introduced := lead || p.in(p.f.yearIntro, prev)
	if !lead && prev >= 0 {
		pt := p.toks[prev]
		switch {
		case p.in(p.f.yearBlock, prev), pt.kind == tNum, pt.kind == tOrd:
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
