package main

import (
	"strings"
	"testing"
)

// A made-up dictionary in the Phoenix layout: two spellings sharing codes,
// a person with two dated offices, an undated role phrase, a group with an
// inline code.
const sample = `# a comment
JANE_Q_EXAMPLE_  # note
+JANE_EXAMPLE_
+PRESIDENT_JANE_EXAMPLE
+EXAMPLE_
	[FRAGOVMIL 950101-020630]
	[FRAGOV >120515]
FOREIGN_OFFICE_CHIEF
	[FRAGOV]
JOHN_OLD_TIMER_
	[DEUGOV 700101-851231]
PEOPLES_FRONT_OF_NOWHERE_(PFN)_ [KENREB] # group
+NOWHERE_FRONT_
`

func TestParseAndConvert(t *testing.T) {
	entries, err := parseEntries(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 {
		t.Fatalf("%d entries, want 4", len(entries))
	}
	jane := entries[0]
	if len(jane.names) != 4 || len(jane.codes) != 2 {
		t.Fatalf("jane: %+v", jane)
	}
	if c := jane.codes[0]; c.value != "FRAGOVMIL" || day(c.from) != "1995-01-01" || day(c.to) != "2002-06-30" {
		t.Errorf("first office %+v", c)
	}
	if c := jane.codes[1]; day(c.from) != "2012-05-15" || !c.to.IsZero() {
		t.Errorf("open office %+v", c)
	}
	c := converter{countries: map[string]bool{"FRA": true, "DEU": true, "KEN": true}, known: map[string]bool{}, ids: map[string]bool{}}
	var people, groups strings.Builder
	if n := c.writePeople(&people, entries); n != 1 {
		t.Errorf("%d people written, want 1 (the role phrase is undated, the other left office before 1990):\n%s", n, people.String())
	}
	want := "actor jane-q-example\n  name Jane Q Example\n  kind person\n  alias Jane Example | Example\n  role FRA GOV 1995-01-01 2002-06-30\n  role FRA GOV 2012-05-15 .\n\n"
	if people.String() != want {
		t.Errorf("people:\n%s\nwant:\n%s", people.String(), want)
	}
	if n := c.writeGroups(&groups, entries); n != 1 || !strings.Contains(groups.String(), "name Peoples Front of Nowhere\n") || !strings.Contains(groups.String(), "country KEN\n") {
		t.Errorf("groups (%d):\n%s", n, groups.String())
	}
	c.known = map[string]bool{"jane example": true}
	people.Reset()
	if n := c.writePeople(&people, entries); n != 0 {
		t.Errorf("a person the hand-written files know was written again:\n%s", people.String())
	}
}

func TestDisplay(t *testing.T) {
	for in, want := range map[string]string{
		"BASHAR AL-ASSAD":    "Bashar al-Assad",
		"SEAN O'BRIEN":       "Sean O'Brien",
		"MOHAMMED BIN ZAYED": "Mohammed bin Zayed",
		"AL-QAIDA IN IRAQ":   "Al-Qaida in Iraq",
	} {
		if got := display(in); got != want {
			t.Errorf("display(%q) = %q, want %q", in, got, want)
		}
	}
}
