package api

import (
	"net"
	"net/http"
	"strings"
)

// loopbackNames are the Host names of a server that listens on loopback.
var loopbackNames = []string{"localhost", "127.0.0.1", "::1"}

// AllowedHosts returns the Host names a server listening on addr answers
// (Options.AllowedHosts): on a loopback address, the loopback names and
// extra, so that a page of another site whose name was rebound to
// 127.0.0.1 (DNS rebinding) cannot read the API from the user's browser;
// elsewhere extra alone (nil: any name).
func AllowedHosts(addr string, extra []string) []string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	var out []string
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
		out = append(out, loopbackNames...)
	}
	for _, h := range extra {
		if h = hostName(h); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// hostName is the name of a Host header or host[:port]: lower case,
// without port, brackets or a trailing dot.
func hostName(h string) string {
	h = strings.TrimSpace(h)
	if name, _, err := net.SplitHostPort(h); err == nil {
		h = name
	}
	h = strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]"), ".")
	return strings.ToLower(h)
}

// checkHost answers 403 to a request whose Host is not one of hosts (any
// Host when hosts is empty).
func checkHost(hosts []string, h http.Handler) http.Handler {
	if len(hosts) == 0 {
		return h
	}
	allowed := map[string]bool{}
	for _, name := range hosts {
		allowed[hostName(name)] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed[hostName(r.Host)] {
			writeError(w, http.StatusForbidden, "host "+r.Host+" is not served here: use "+hosts[0]+", or start entente serve with --allowed-hosts NAME")
			return
		}
		h.ServeHTTP(w, r)
	})
}
