// Package kb loads entente's knowledge files (see data/README.md): the
// CAMEO codebook, countries, places, actors and role nouns. It reports every
// problem it finds at once, each with its file and line.
package kb

import (
	"entente/internal/datafile"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// KB is the loaded knowledge. It is read-only once loaded and safe for
// concurrent use.
type KB struct {
	Codes     map[string]*Code    // CAMEO event codes by code ("043")
	Countries map[string]*Country // by ISO 3166-1 alpha-3
	Places    []*Place
	Actors    map[string]*Actor // by id
	Roles     map[string][]RoleNoun
	// Stopwords lists each language's most frequent function words, used
	// to tell languages apart.
	Stopwords map[string]map[string]bool
	// Intent maps a CAMEO code prefix to the code of the intention to do
	// it ("04" → "036"): a planned meeting is coded as intent to meet.
	Intent map[string]string
	// Refusal maps a CAMEO code prefix to the code of refusing to do it
	// ("04" → "125"): "refused to meet" is a rejection.
	Refusal map[string]string
	// Words holds closed word classes per language (data/words.tsv):
	// Words["fr"]["negation"]["pas"]. Multi-word entries join their folded
	// words with "_".
	Words map[string]map[string]map[string]bool
	// words is Words flattened for Is, by wordKey; nil in a KB built
	// without Load.
	words map[string]bool
}

// Is reports whether the folded word w is in class of lang.
//
// The coder asks it for every word it passes, several classes at a time:
// one lookup of a key built on the stack costs less than three.
func (k *KB) Is(lang, class, w string) bool {
	if k.words == nil {
		return k.Words[lang][class][w]
	}
	var buf [96]byte
	return k.words[string(wordKey(buf[:0], lang, class, w))]
}

// wordKey appends the key of word w of class in lang to b.
func wordKey(b []byte, lang, class, w string) []byte {
	b = append(append(b, lang...), 0)
	b = append(append(b, class...), 0)
	return append(b, w...)
}

// EndsIn reports whether folded word w ends in one of the endings of
// class of lang (words.tsv) and keeps at least two letters before it.
// Letters, not bytes: a folded Arabic or Russian letter takes two bytes.
func (k *KB) EndsIn(lang, class, w string) bool {
	set := k.Words[lang][class]
	if len(set) == 0 {
		return false
	}
	// Skip the first two letters, then try every ending from the longest.
	i := 0
	for n := 0; n < 2 && i < len(w); n++ {
		_, size := utf8.DecodeRuneInString(w[i:])
		i += size
	}
	for ; i < len(w); i++ {
		if utf8.RuneStart(w[i]) && set[w[i:]] {
			return true
		}
	}
	return false
}

// Code is one entry of the CAMEO event codebook.
type Code struct {
	Code      string
	Name      string
	Goldstein float64
	Quad      int
	Plover    string
}

// Root returns the two-digit root of the code.
func (c *Code) Root() string { return c.Code[:2] }

// Country is a state with its names in each language.
type Country struct {
	ISO3, ISO2 string
	Names      map[string]string   // lang → usual name
	Capital    map[string]string   // lang → capital name
	Aliases    map[string][]string // lang → other names
	Demonyms   map[string][]string // lang → every demonym form
}

// Place is a city, capital, region or territory.
type Place struct {
	GeonamesID int
	Names      map[string]string // lang → name
	Country    string
	Lat, Lon   float64
	Population int
	Kind       string // capital, city, region, territory
	Aliases    []string
}

// Name returns the place's name in lang, else in English.
func (p *Place) Name(lang string) string {
	if n := p.Names[lang]; n != "" {
		return n
	}
	return p.Names["en"]
}

// Actor is a person, organisation, group, state body or news medium.
type Actor struct {
	ID      string
	Name    string
	Kind    string // person, state, igo, group, body, party, company, media
	QID     string
	Country string
	Org     string
	Sector  string
	Aliases []string
	Roles   []Role
	File    string
	Line    int
}

// Role is an office a person holds between two dates.
type Role struct {
	Country, Org string
	Sector       string
	From, To     time.Time // zero: open
	Title        string
}

// latest is a day after every role's end, from which At measures how
// long ago a role ended when the document has no date.
var latest = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)

// At returns the actor's affiliation at a date: the role valid then, else
// the nearest role in time; the actor's own fields for non-persons. A zero
// date means the latest role.
func (a *Actor) At(date time.Time) (country, org, sector, title string) {
	if len(a.Roles) == 0 {
		return a.Country, a.Org, a.Sector, ""
	}
	best, bestDist := -1, time.Duration(1<<63-1)
	for i, r := range a.Roles {
		var d time.Duration
		switch {
		case date.IsZero():
			// The open role, else the one that ended last; measured
			// from a fixed day, so the answer does not depend on the clock.
			if !r.To.IsZero() {
				d = latest.Sub(r.To)
			}
		case !r.From.IsZero() && date.Before(r.From):
			d = r.From.Sub(date)
		case !r.To.IsZero() && !date.Before(r.To):
			d = date.Sub(r.To) + 1
		default:
			d = 0
		}
		// Later roles win ties: a new office starts the day the old ends.
		if d <= bestDist {
			best, bestDist = i, d
		}
	}
	r := a.Roles[best]
	country = r.Country
	if country == "" {
		country = a.Country
	}
	return country, r.Org, r.Sector, r.Title
}

// RoleNoun is a role word or phrase that gives an actor a sector.
type RoleNoun struct {
	Phrase string
	Sector string
	Person bool // one individual rather than a group
}

// Sectors lists the sector codes actors may carry.
var Sectors = map[string]bool{
	"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "OPP": true, "REB": true,
	"SPY": true, "BUS": true, "MED": true, "CVL": true, "REF": true, "NGO": true, "IGO": true,
}

// Load reads every knowledge file from fsys. It returns the KB and, when
// some lines are bad, an datafile.ErrorList naming each (the good lines still load).
func Load(fsys fs.FS) (*KB, error) {
	k := &KB{
		Codes:     map[string]*Code{},
		Countries: map[string]*Country{},
		Actors:    map[string]*Actor{},
		Roles:     map[string][]RoleNoun{},
		Stopwords: map[string]map[string]bool{},
		Intent:    map[string]string{},
		Refusal:   map[string]string{},
		Words:     map[string]map[string]map[string]bool{},
	}
	var errs datafile.ErrorList
	k.loadCodes(fsys, &errs)
	k.loadCountries(fsys, &errs)
	k.loadPlaces(fsys, "places.tsv", &errs)
	k.loadPlaces(fsys, "places_extra.tsv", &errs)
	k.loadPlaceNames(fsys, "places_names.tsv", &errs)
	k.loadActors(fsys, &errs)
	k.loadTranslit(fsys, &errs)
	k.loadRoles(fsys, &errs)
	k.loadStopwords(fsys, &errs)
	k.loadIntent(fsys, &errs)
	k.loadRefusal(fsys, &errs)
	k.loadWords(fsys, &errs)
	k.words = map[string]bool{}
	for lang, classes := range k.Words {
		for class, set := range classes {
			for w := range set {
				k.words[string(wordKey(nil, lang, class, w))] = true
			}
		}
	}
	return k, errs.Err()
}

func (k *KB) loadCodes(fsys fs.FS, errs *datafile.ErrorList) {
	const name = "cameo.tsv"
	datafile.Table(fsys, name, []string{"code", "name", "goldstein", "quad", "plover"}, false, errs, func(line int, c []string) {
		bad := func(format string, a ...any) {
			*errs = append(*errs, &datafile.Error{File: name, Line: line, Msg: fmt.Sprintf(format, a...)})
		}
		if len(c[0]) < 2 || len(c[0]) > 4 || strings.Trim(c[0], "0123456789") != "" {
			bad("code %q is not 2-4 digits", c[0])
			return
		}
		g, err := strconv.ParseFloat(c[2], 64)
		if err != nil || g < -10 || g > 10 {
			bad("goldstein %q is not a number in [-10, 10]", c[2])
			return
		}
		q, err := strconv.Atoi(c[3])
		if err != nil || q < 1 || q > 4 {
			bad("quad %q is not 1-4", c[3])
			return
		}
		if _, dup := k.Codes[c[0]]; dup {
			bad("code %s defined twice", c[0])
			return
		}
		k.Codes[c[0]] = &Code{Code: c[0], Name: c[1], Goldstein: g, Quad: q, Plover: c[4]}
	})
	for code := range k.Codes {
		if _, ok := k.Codes[code[:2]]; !ok {
			*errs = append(*errs, &datafile.Error{File: name, Msg: fmt.Sprintf("code %s has no root %s", code, code[:2])})
		}
	}
}

func (k *KB) loadCountries(fsys fs.FS, errs *datafile.ErrorList) {
	datafile.Table(fsys, "countries.tsv", []string{"iso3", "iso2", "en", "fr", "capital_en", "capital_fr", "es", "de", "ru", "ar", "fa"}, false, errs, func(line int, c []string) {
		if !isISO3(c[0]) {
			*errs = append(*errs, &datafile.Error{File: "countries.tsv", Line: line, Msg: fmt.Sprintf("%q is not an ISO alpha-3 code", c[0])})
			return
		}
		k.Countries[c[0]] = &Country{
			ISO3: c[0], ISO2: c[1],
			Names:    map[string]string{"en": c[2], "fr": c[3], "es": c[6], "de": c[7], "ru": c[8], "ar": c[9], "fa": c[10]},
			Capital:  map[string]string{"en": c[4], "fr": c[5]},
			Aliases:  map[string][]string{},
			Demonyms: map[string][]string{},
		}
	})
	const extra = "countries_extra.tsv"
	datafile.Table(fsys, extra, []string{"iso3", "lang", "kind", "forms"}, true, errs, func(line int, c []string) {
		cty := k.Countries[c[0]]
		if cty == nil {
			*errs = append(*errs, &datafile.Error{File: extra, Line: line, Msg: fmt.Sprintf("unknown country %q", c[0])})
			return
		}
		switch c[2] {
		case "alias":
			cty.Aliases[c[1]] = append(cty.Aliases[c[1]], datafile.List(c[3])...)
		case "demonym":
			cty.Demonyms[c[1]] = append(cty.Demonyms[c[1]], datafile.List(c[3])...)
		default:
			*errs = append(*errs, &datafile.Error{File: extra, Line: line, Msg: fmt.Sprintf("kind %q is neither alias nor demonym", c[2])})
		}
	})
}

func isISO3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func (k *KB) loadPlaces(fsys fs.FS, name string, errs *datafile.ErrorList) {
	datafile.Table(fsys, name, []string{"geonames_id", "en", "fr", "country", "lat", "lon", "population", "kind", "aliases"}, true, errs, func(line int, c []string) {
		bad := func(format string, a ...any) {
			*errs = append(*errs, &datafile.Error{File: name, Line: line, Msg: fmt.Sprintf(format, a...)})
		}
		id, err1 := strconv.Atoi(c[0])
		lat, err2 := strconv.ParseFloat(c[4], 64)
		lon, err3 := strconv.ParseFloat(c[5], 64)
		pop, _ := strconv.Atoi(c[6])
		if err1 != nil || err2 != nil || err3 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			bad("bad id or coordinates")
			return
		}
		if _, ok := k.Countries[c[3]]; !ok {
			bad("unknown country %q", c[3])
			return
		}
		fr := c[2]
		if fr == "" {
			fr = c[1]
		}
		k.Places = append(k.Places, &Place{
			GeonamesID: id, Names: map[string]string{"en": c[1], "fr": fr}, Country: c[3],
			Lat: lat, Lon: lon, Population: pop, Kind: c[7], Aliases: datafile.List(c[8]),
		})
	})
}

// loadPlaceNames reads the names of places in other languages
// (places_names.tsv): each becomes the place's name in that language and
// one of its aliases, with the aliases of its line.
func (k *KB) loadPlaceNames(fsys fs.FS, name string, errs *datafile.ErrorList) {
	byID := map[int]*Place{}
	for _, p := range k.Places {
		if p.GeonamesID != 0 {
			byID[p.GeonamesID] = p
		}
	}
	datafile.Table(fsys, name, []string{"geonames_id", "lang", "name", "aliases"}, true, errs, func(line int, c []string) {
		id, _ := strconv.Atoi(c[0])
		p := byID[id]
		if p == nil {
			*errs = append(*errs, &datafile.Error{File: name, Line: line, Msg: fmt.Sprintf("no place with GeoNames id %q", c[0])})
			return
		}
		p.Names[c[1]] = c[2]
		p.Aliases = append(append(p.Aliases, c[2]), datafile.List(c[3])...)
	})
}

func (k *KB) loadRoles(fsys fs.FS, errs *datafile.ErrorList) {
	entries, _ := fs.ReadDir(fsys, "roles")
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".tsv" {
			continue
		}
		lang := strings.TrimSuffix(e.Name(), ".tsv")
		name := "roles/" + e.Name()
		seen := map[string]int{}
		datafile.Table(fsys, name, []string{"phrase", "sector", "kind"}, false, errs, func(line int, c []string) {
			if !Sectors[c[1]] {
				*errs = append(*errs, &datafile.Error{File: name, Line: line, Msg: fmt.Sprintf("unknown sector %q", c[1])})
				return
			}
			if c[2] != "person" && c[2] != "group" {
				*errs = append(*errs, &datafile.Error{File: name, Line: line, Msg: fmt.Sprintf("kind %q is neither person nor group", c[2])})
				return
			}
			key := strings.ToLower(c[0])
			if prev, dup := seen[key]; dup {
				*errs = append(*errs, &datafile.Error{File: name, Line: line, Msg: fmt.Sprintf("phrase %q already on line %d", c[0], prev)})
				return
			}
			seen[key] = line
			k.Roles[lang] = append(k.Roles[lang], RoleNoun{Phrase: c[0], Sector: c[1], Person: c[2] == "person"})
		})
	}
}

func (k *KB) loadStopwords(fsys fs.FS, errs *datafile.ErrorList) {
	datafile.Table(fsys, "stopwords.tsv", []string{"lang", "words"}, false, errs, func(line int, c []string) {
		set := k.Stopwords[c[0]]
		if set == nil {
			set = map[string]bool{}
			k.Stopwords[c[0]] = set
		}
		for _, w := range strings.Fields(c[1]) {
			set[w] = true
		}
	})
}

func (k *KB) loadIntent(fsys fs.FS, errs *datafile.ErrorList) {
	datafile.Table(fsys, "intent.tsv", []string{"code", "intent"}, false, errs, func(line int, c []string) {
		if k.Codes[c[1]] == nil && len(k.Codes) > 0 {
			*errs = append(*errs, &datafile.Error{File: "intent.tsv", Line: line, Msg: fmt.Sprintf("unknown CAMEO code %q", c[1])})
			return
		}
		k.Intent[c[0]] = c[1]
	})
}

// IntentCode returns the code for the intention to do code: the entry of
// the longest matching prefix, else "" (no intention code).
func (k *KB) IntentCode(code string) string { return byPrefix(k.Intent, code) }

// RefusalCode returns the code for refusing to do code, the same way, else
// "" (no refusal code).
func (k *KB) RefusalCode(code string) string { return byPrefix(k.Refusal, code) }

func byPrefix(m map[string]string, code string) string {
	for n := len(code); n >= 2; n-- {
		if c, ok := m[code[:n]]; ok {
			return c
		}
	}
	return ""
}

func (k *KB) loadRefusal(fsys fs.FS, errs *datafile.ErrorList) {
	datafile.Table(fsys, "refusal.tsv", []string{"code", "refusal"}, true, errs, func(line int, c []string) {
		if k.Codes[c[1]] == nil && len(k.Codes) > 0 {
			*errs = append(*errs, &datafile.Error{File: "refusal.tsv", Line: line, Msg: fmt.Sprintf("unknown CAMEO code %q", c[1])})
			return
		}
		k.Refusal[c[0]] = c[1]
	})
}

func (k *KB) loadWords(fsys fs.FS, errs *datafile.ErrorList) {
	datafile.Table(fsys, "words.tsv", []string{"lang", "class", "words"}, false, errs, func(line int, c []string) {
		byClass := k.Words[c[0]]
		if byClass == nil {
			byClass = map[string]map[string]bool{}
			k.Words[c[0]] = byClass
		}
		set := byClass[c[1]]
		if set == nil {
			set = map[string]bool{}
			byClass[c[1]] = set
		}
		for _, w := range strings.Fields(c[2]) {
			set[w] = true
		}
	})
}
