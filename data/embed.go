// Package data embeds entente's knowledge files; see README.md beside it.
package data

import "embed"

// FS holds every knowledge file, at the paths data/README.md describes.
//
//go:embed *.tsv actors roles patterns lexicon syntax when
var FS embed.FS

// Words is words.tsv alone, for the tokenizer (internal/segment), which
// needs its elision and abbreviation classes and nothing else of FS.
//
//go:embed words.tsv
var Words []byte
