package sqlq

import (
	"fmt"
	"testing"

	"entente/internal/store"
)

func TestMonthly(t *testing.T) {
	for _, c := range []struct {
		f    store.Filter
		want string // the span, or "no" when the rollups per month do not answer
	}{
		{store.Filter{}, "no"},
		{store.Filter{From: "2024-01-01", To: "2024-12-31"}, "2024-01..2024-12 days []"},
		{store.Filter{From: "2024-01-15", To: "2024-03-10"}, "2024-02..2024-02 days [[2024-01-15 2024-01-31] [2024-03-01 2024-03-10]]"},
		{store.Filter{From: "2024-01-15", To: "2024-02-10"}, "none days [[2024-01-15 2024-01-31] [2024-02-01 2024-02-10]]"},
		{store.Filter{From: "2024-02-03", To: "2024-02-09"}, "none days [[2024-02-03 2024-02-09]]"},
		{store.Filter{From: "2024-02-01", To: "2024-02-29"}, "2024-02..2024-02 days []"},
		{store.Filter{From: "2024-02-01", To: "2024-02-28"}, "none days [[2024-02-01 2024-02-28]]"},
		{store.Filter{From: "2024-12-31"}, "2025-01.. days [[2024-12-31 2024-12-31]]"},
		{store.Filter{To: "2024-03-30"}, "..2024-02 days [[2024-03-01 2024-03-30]]"},
		{store.Filter{From: "2024-03-01", To: "2024-02-01"}, "no"},
		{store.Filter{From: "2024-3-1"}, "no"},
		{store.Filter{From: "2024-01-01", Quad: 1}, "no"},
		{store.Filter{From: "2024-01-01", Code: "04"}, "no"},
		{store.Filter{From: "2024-01-01", Actor: "IRN"}, "no"},
	} {
		sp, ok := monthly(c.f)
		got := "no"
		if ok {
			got = sp.from + ".." + sp.to
			if sp.none {
				got = "none"
			}
			got += fmt.Sprintf(" days %v", sp.days)
		}
		if got != c.want {
			t.Errorf("monthly(%+v) = %s, want %s", c.f, got, c.want)
		}
	}
}
