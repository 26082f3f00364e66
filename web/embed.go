// Package web is the browser UI of `entente serve`: static files built
// from web/src at development time (see web/README.md) and embedded in the
// binary, so that a user needs no Node.js and nothing loads from a CDN.
package web

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed dist
var dist embed.FS

// Handler serves the UI's files. Files under /assets/ carry a content
// hash in their names and are cached for good; index.html is revalidated
// on every load. A path without a file extension that names no file is
// answered with index.html (the UI routes itself); a missing file with an
// extension is a 404.
func Handler() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// dist is embedded at build time; fs.Sub fails only on a bad name.
		panic(err)
	}
	return handler{files: sub, server: http.FileServer(http.FS(sub))}
}

type handler struct {
	files  fs.FS
	server http.Handler
}

func (h handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name != "" && name != "index.html" {
		if _, err := fs.Stat(h.files, name); err == nil {
			if strings.HasPrefix(name, "assets/") {
				w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			}
			h.server.ServeHTTP(w, r)
			return
		}
		if path.Ext(name) != "" {
			http.NotFound(w, r)
			return
		}
	}
	h.index(w, r)
}

// index serves index.html itself: http.FileServer would redirect
// /index.html to /.
func (h handler) index(w http.ResponseWriter, r *http.Request) {
	b, err := fs.ReadFile(h.files, "index.html")
	if err != nil {
		http.Error(w, "the UI is not built", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	if r.Method == http.MethodHead {
		return
	}
	w.Write(b)
}
