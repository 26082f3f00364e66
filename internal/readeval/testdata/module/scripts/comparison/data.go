package main

// A set written for the tests of readeval, in the layout of
// go-trafilatura's comparison data.

type ComparisonEntry struct {
	File    string   `json:"file"`
	With    []string `json:"with"`
	Without []string `json:"without"`
}

var comparisonData = map[string]ComparisonEntry{
	"https://harbour.example/news/ferry": {
		File:    "harbour.html",
		With:    []string{"The night ferry to the islands", "leaves at ten."},
		Without: []string{"Subscribe", "\u00a9 Harbour News"},
	},
	"https://harbour.example/news/tides": {
		File:    "tides.html",
		Title:   "Tides",
		With:    []string{`Spring tides`},
		Without: []string{"Menu"},
	},
	"https://harbour.example/news/gone": {
		File: "gone.html",
		With: []string{"nothing"},
	},
}
