package kb

import (
	"entente/internal/datafile"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

var actorKinds = map[string]bool{
	"person": true, "state": true, "igo": true, "group": true, "body": true,
	"party": true, "company": true, "media": true,
}

// loadActors reads every actors/*.txt file (see data/README.md).
func (k *KB) loadActors(fsys fs.FS, errs *datafile.ErrorList) {
	entries, err := fs.ReadDir(fsys, "actors")
	if err != nil {
		*errs = append(*errs, &datafile.Error{File: "actors", Msg: err.Error()})
		return
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && path.Ext(e.Name()) == ".txt" {
			names = append(names, "actors/"+e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		k.loadActorFile(fsys, name, errs)
	}
}

func (k *KB) loadActorFile(fsys fs.FS, name string, errs *datafile.ErrorList) {
	var cur *Actor
	finish := func() {
		if cur == nil {
			return
		}
		if cur.Name == "" {
			*errs = append(*errs, &datafile.Error{File: name, Line: cur.Line, Msg: fmt.Sprintf("actor %s has no name", cur.ID)})
		}
		if !actorKinds[cur.Kind] {
			*errs = append(*errs, &datafile.Error{File: name, Line: cur.Line, Msg: fmt.Sprintf("actor %s: kind %q is not one of person, state, igo, group, body, party, company, media", cur.ID, cur.Kind)})
		}
		if cur.Kind == "person" && len(cur.Roles) == 0 && cur.Country == "" && cur.Org == "" {
			*errs = append(*errs, &datafile.Error{File: name, Line: cur.Line, Msg: fmt.Sprintf("person %s has no role and no country", cur.ID)})
		}
		if cur.Name != "" {
			cur.Aliases = append([]string{cur.Name}, cur.Aliases...)
		}
		cur = nil
	}
	datafile.EachLine(fsys, name, errs, func(l datafile.Line) {
		key, val, _ := strings.Cut(l.Text, " ")
		val = strings.TrimSpace(val)
		if key == "actor" {
			finish()
			if val == "" || strings.ContainsAny(val, " \t") || strings.ToLower(val) != val {
				l.Bad("actor id %q must be a lower-case slug", val)
			}
			if prev, dup := k.Actors[val]; dup {
				l.Bad("actor %s already defined at %s:%d", val, prev.File, prev.Line)
				return
			}
			cur = &Actor{ID: val, File: name, Line: l.N}
			k.Actors[val] = cur
			return
		}
		if cur == nil {
			l.Bad("%q outside an actor block", key)
			return
		}
		if !l.Indented {
			l.Bad("%q must be indented under its actor line", key)
		}
		switch key {
		case "name":
			cur.Name = val
		case "kind":
			cur.Kind = val
		case "qid":
			if !strings.HasPrefix(val, "Q") {
				l.Bad("qid %q does not start with Q", val)
			}
			cur.QID = val
		case "country":
			// Territories outside countries.tsv (ESH, HKG) are allowed.
			if !isISO3(val) {
				l.Bad("country %q is not an ISO 3166-1 alpha-3 code", val)
			}
			cur.Country = val
		case "org":
			cur.Org = val
		case "sector":
			if !Sectors[val] {
				l.Bad("unknown sector %q", val)
			}
			cur.Sector = val
		case "alias":
			cur.Aliases = append(cur.Aliases, datafile.List(val)...)
		case "role":
			r, err := k.parseRole(val)
			if err != nil {
				l.Bad("role: %v", err)
				return
			}
			cur.Roles = append(cur.Roles, r)
		default:
			l.Bad("unknown key %q", key)
		}
	})
	finish()
}

// parseRole parses "COUNTRY-OR-ORG SECTOR FROM TO title words".
func (k *KB) parseRole(s string) (Role, error) {
	f := strings.Fields(s)
	if len(f) < 4 {
		return Role{}, fmt.Errorf("want COUNTRY-OR-ORG SECTOR FROM TO [title], got %q", s)
	}
	var r Role
	if isISO3(f[0]) && (len(k.Countries) == 0 || k.Countries[f[0]] != nil) {
		r.Country = f[0]
	} else {
		r.Org = f[0]
	}
	if !Sectors[f[1]] {
		return r, fmt.Errorf("unknown sector %q", f[1])
	}
	r.Sector = f[1]
	var err error
	if r.From, err = parseDate(f[2]); err != nil {
		return r, err
	}
	if r.To, err = parseDate(f[3]); err != nil {
		return r, err
	}
	if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		return r, fmt.Errorf("ends %s before it starts %s", f[3], f[2])
	}
	r.Title = strings.Join(f[4:], " ")
	return r, nil
}

// parseDate parses YYYY-MM-DD, YYYY-MM, YYYY, or "." (open: zero time).
func parseDate(s string) (time.Time, error) {
	if s == "." {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD, YYYY-MM, YYYY or .", s)
}
