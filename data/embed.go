// Package data embeds entente's knowledge files; see README.md beside it.
package data

import "embed"

// FS holds every knowledge file, at the paths data/README.md describes.
//
//go:embed *.tsv actors roles patterns lexicon syntax when
var FS embed.FS
