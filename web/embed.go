// Package web is the browser UI of `entente serve`: static files built
// from web/src at development time (see web/README.md) and embedded in the
// binary, so that a user needs no Node.js and nothing loads from a CDN.
package web

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed dist
var dist embed.FS

// Handler serves the UI's files.
func Handler() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// dist is embedded at build time; fs.Sub fails only on a bad name.
		panic(err)
	}
	return http.FileServer(http.FS(sub))
}
