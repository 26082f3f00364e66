package pipeline

import (
	"context"
	"fmt"
	"strings"
	"time"

	"entente"
	"entente/internal/code"
	"entente/internal/datafile"
)

// exampleDate is the document date pattern examples are coded at: the
// actors of the examples hold the offices they held on that day.
var exampleDate = time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)

// CheckExamples codes every pattern's example sentences and reports, as
// file:line errors, each + example that does not give its event and each -
// example on which its pattern fires. It also returns how many examples ran.
func (p *Pipeline) CheckExamples(ctx context.Context) (int, error) {
	var errs datafile.ErrorList
	n := 0
	for _, lang := range p.Patterns.Langs() {
		for _, pat := range p.Patterns.ByLang[lang] {
			file, _, _ := strings.Cut(pat.Rule, ":")
			for _, ex := range pat.Examples {
				if err := ctx.Err(); err != nil {
					return n, fmt.Errorf("check examples: %w", err)
				}
				n++
				if msg := p.checkExample(ctx, pat, ex); msg != "" {
					errs = append(errs, &datafile.Error{File: file, Line: ex.Line, Msg: msg})
				}
			}
		}
	}
	return n, errs.Err()
}

func (p *Pipeline) checkExample(ctx context.Context, pat *code.Pattern, ex code.Example) string {
	doc := &entente.Document{ID: "example", Text: ex.Sentence, Lang: pat.Lang, Date: exampleDate, DateFrom: "metadata"}
	if err := p.Code(ctx, doc); err != nil {
		return err.Error()
	}
	if !ex.Want {
		for _, e := range doc.Events {
			if e.Rule == pat.Rule {
				return fmt.Sprintf("- example coded %s %s %s by this pattern", key(e.Source), e.Code, key(e.Target))
			}
		}
		return ""
	}
	var got []string
	for _, e := range doc.Events {
		if e.Code == ex.Code && actorIs(e.Source, ex.Source) && actorIs(e.Target, ex.Target) &&
			(ex.Modality == "" || ex.Modality == e.Modality) {
			return ""
		}
		got = append(got, fmt.Sprintf("%s %s %s %s (%s)", key(e.Source), e.Code, key(e.Target), e.Modality, e.Rule))
	}
	want := strings.TrimSpace(ex.Source + " " + ex.Code + " " + ex.Target + " " + ex.Modality)
	if len(got) == 0 {
		return fmt.Sprintf("want %s, coded nothing", want)
	}
	return fmt.Sprintf("want %s, got %s", want, strings.Join(got, "; "))
}

func key(a entente.Actor) string {
	k := a.Country
	if k == "" {
		k = a.Org
	}
	if k == "" {
		k = "?"
	}
	return k + a.Sector
}

// actorIs compares an actor with an example's "IRN", "IRNGOV" or "UN".
// "-" is no actor: the unknown target of an {open} pattern.
func actorIs(a entente.Actor, want string) bool {
	if want == "-" {
		return a.Country == "" && a.Org == "" && a.ID == ""
	}
	who := a.Country
	if who == "" {
		who = a.Org
	}
	if want == who {
		return true
	}
	return want == who+a.Sector
}
