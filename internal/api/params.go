package api

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"entente"
	"entente/internal/kb"
	"entente/internal/store"
)

// filterParams are the query parameters of store.Filter, shared by the
// event, series, graph, places and export endpoints.
var filterParams = []string{
	"actor", "country", "sector", "role", "dyad", "undirected", "code", "quad",
	"modality", "lang", "from", "to", "place_country", "q", "doc",
}

// maxDocs is how many document ids one doc filter may list.
const maxDocs = 100

// filter reads the common event filters of a query, its names resolved.
func (s *Server) filter(ctx context.Context, v url.Values) (store.Filter, error) {
	return s.names.Filter(ctx, v)
}

// CheckFilter reports what is wrong with the form of the filters of a
// query, before a store is at hand (`entente export` checks its flags).
func CheckFilter(v url.Values) error {
	_, err := parseFilter(v)
	return err
}

// parseFilter reads and checks the form of the common event filters of a
// query (the parameters of GET /api/events); Names.Filter then resolves
// their names.
func parseFilter(v url.Values) (store.Filter, error) {
	var f store.Filter
	var err error
	if f.Actor, err = actorParam(v, "actor"); err != nil {
		return f, err
	}
	if f.Country, err = nameParam(v, "country"); err != nil {
		return f, err
	}
	if f.PlaceCountry, err = nameParam(v, "place_country"); err != nil {
		return f, err
	}
	if s := v.Get("sector"); s != "" {
		f.Sector = strings.ToUpper(s)
		if !kb.Sectors[f.Sector] {
			return f, badRequest("sector %q is not a sector code (GOV, MIL, REB, ...)", s)
		}
	}
	switch s := v.Get("role"); s {
	case "", "source", "target":
		f.Role = s
	default:
		return f, badRequest("role %q is neither source nor target", s)
	}
	if s := v.Get("dyad"); s != "" {
		a, b, ok := strings.Cut(s, ",")
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		if !ok || a == "" || b == "" || strings.Contains(b, ",") || !plainName(a) || !plainName(b) {
			return f, badRequest("dyad %q: want two actors separated by a comma (dyad=RUS,UKR or dyad=Poutine,Zelensky)", s)
		}
		f.Dyad = [2]string{a, b}
	}
	if f.Undirected, err = boolParam(v, "undirected"); err != nil {
		return f, err
	}
	if s := v.Get("code"); s != "" {
		if len(s) < 2 || len(s) > 4 || strings.Trim(s, "0123456789") != "" {
			return f, badRequest("code %q is not a CAMEO code or root (2 to 4 digits)", s)
		}
		f.Code = s
	}
	if s := v.Get("quad"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 4 {
			return f, badRequest("quad %q is not 1, 2, 3 or 4", s)
		}
		f.Quad = n
	}
	switch s := v.Get("modality"); s {
	case "", entente.Asserted, entente.Negated, entente.Intended, entente.Alleged, entente.Conditional:
		f.Modality = s
	default:
		return f, badRequest("modality %q is not asserted, negated, intended, alleged or conditional", s)
	}
	if s := v.Get("lang"); s != "" {
		s = strings.ToLower(s)
		if len(s) != 2 || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz") != "" {
			return f, badRequest("lang %q is not a two-letter language code", v.Get("lang"))
		}
		f.Lang = s
	}
	if f.From, err = dateParam(v, "from"); err != nil {
		return f, err
	}
	if f.To, err = dateParam(v, "to"); err != nil {
		return f, err
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return f, badRequest("from %s is after to %s", f.From, f.To)
	}
	if s := v.Get("q"); s != "" {
		if len(s) > 500 || !utf8.ValidString(s) {
			return f, badRequest("q is longer than 500 bytes or not UTF-8")
		}
		if len(store.Words(s)) == 0 {
			return f, badRequest("q %q holds no word", s)
		}
		f.Text = s
	}
	if s := v.Get("doc"); s != "" {
		parts := strings.Split(s, ",")
		if len(parts) > maxDocs {
			return f, badRequest("doc lists more than %d documents", maxDocs)
		}
		for _, p := range parts {
			id, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
			if err != nil || id < 1 {
				return f, badRequest("doc %q is not a document id (or ids separated by commas)", s)
			}
			f.Docs = append(f.Docs, id)
		}
	}
	return f, nil
}

// plainID reports whether s looks like an actor id, code, country or org:
// letters, digits and . _ - only, at most 100 bytes.
func plainID(s string) bool {
	if len(s) > 100 {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.' {
			return false
		}
	}
	return true
}

// plainName reports whether s can be a name: at most 100 bytes of UTF-8
// text without control characters or commas.
func plainName(s string) bool {
	if len(s) > 100 || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == ',' {
			return false
		}
	}
	return true
}

func actorParam(v url.Values, name string) (string, error) {
	s := strings.TrimSpace(v.Get(name))
	if s != "" && !plainName(s) {
		return "", badRequest("%s %q is not an actor name, id, CAMEO actor code, country or organisation", name, v.Get(name))
	}
	return s, nil
}

func nameParam(v url.Values, name string) (string, error) {
	s := strings.TrimSpace(v.Get(name))
	if s != "" && !plainName(s) {
		return "", badRequest("%s %q is not a country name or ISO 3166-1 alpha-3 code (RUS, FRA, ...)", name, v.Get(name))
	}
	return s, nil
}

func dateParam(v url.Values, name string) (string, error) {
	s := v.Get(name)
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", badRequest("%s %q is not a date (YYYY-MM-DD)", name, s)
	}
	return s, nil
}

func boolParam(v url.Values, name string) (bool, error) {
	switch s := v.Get(name); s {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	default:
		return false, badRequest("%s %q is not 1, 0, true or false", name, s)
	}
}

// intParam reads an integer in [min, max], def when absent.
func intParam(v url.Values, name string, def, min, max int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, badRequest("%s %q is not a number from %d to %d", name, s, min, max)
	}
	return n, nil
}

// oneOf reads a parameter that takes one of a closed set of values, the
// first when absent.
func oneOf(v url.Values, name string, values ...string) (string, error) {
	s := v.Get(name)
	if s == "" {
		return values[0], nil
	}
	for _, x := range values {
		if s == x {
			return s, nil
		}
	}
	return "", badRequest("%s %q is not one of %s", name, s, strings.Join(values, ", "))
}

// idParam reads a positive integer path value.
func idParam(r interface{ PathValue(string) string }, what string) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return 0, badRequest("%s id %q is not a positive integer", what, s)
	}
	return id, nil
}
