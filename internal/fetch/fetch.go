// Package fetch is a guarded HTTP client for fetching pages and feeds
// named by users: only http and https, a cap on the body size (after
// decompression), on the total time and on redirects, and by default no
// connection to loopback, private, link-local, unspecified, multicast or
// otherwise reserved addresses. The address check runs on the resolved IP
// at dial time, so a name that resolves to 127.0.0.1 (DNS rebinding) and a
// redirect to a private address are refused like a literal one.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Defaults used when an Options field is zero.
const (
	DefaultMaxBytes     = 10 << 20
	DefaultTimeout      = 30 * time.Second
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "entente/1 (news event coder)"
)

// Options are the limits of a Client.
type Options struct {
	// MaxBytes caps the response body, counted after decompression;
	// 0 means DefaultMaxBytes.
	MaxBytes int64
	// Timeout caps one Get, redirects and body included; 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// MaxRedirects caps the redirects followed; 0 means
	// DefaultMaxRedirects, a negative value follows none.
	MaxRedirects int
	// AllowPrivate lets the client connect to loopback, private and
	// link-local addresses: for local testing only.
	AllowPrivate bool
	// UserAgent is sent with every request; "" means DefaultUserAgent.
	UserAgent string
}

// Errors a Get can fail with; test for them with errors.Is.
var (
	ErrScheme    = errors.New("only http and https URLs are fetched")
	ErrAddress   = errors.New("address not allowed")
	ErrTooLarge  = errors.New("response body too large")
	ErrRedirects = errors.New("too many redirects")
)

// StatusError is a response whose status is not 2xx.
type StatusError struct {
	URL    string
	Status int
	// RetryAfter is the wait a 429 or 503 answer asked for (its
	// Retry-After header), 0 when it named none.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("fetch %s: status %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// Response is a fetched body with what came with it.
type Response struct {
	URL         string // final URL, after redirects
	Status      int    // 304 (and no Body) when a conditional GET found the copy unchanged
	ContentType string // media type without parameters, lower case ("text/html")
	Charset     string // charset parameter of Content-Type, when given
	Body        []byte
	// Validators identify this version for the next conditional GET.
	Validators Validators
}

// Validators identify the version of a resource a caller holds (its ETag
// and Last-Modified headers, as sent), for a conditional GET.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// NotModified reports whether a conditional GET found the caller's copy
// still current.
func (r *Response) NotModified() bool { return r.Status == http.StatusNotModified }

// Client fetches URLs within its Options. It is safe for concurrent use.
type Client struct {
	opt Options
	hc  *http.Client
}

// New returns a Client with the options' limits.
func New(opt Options) *Client {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxRedirects == 0 {
		opt.MaxRedirects = DefaultMaxRedirects
	}
	if opt.UserAgent == "" {
		opt.UserAgent = DefaultUserAgent
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !opt.AllowPrivate {
		dialer.Control = checkDial
	}
	tr := &http.Transport{
		Proxy:                  nil, // a proxy would make the address check moot
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           32,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        60 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  opt.Timeout,
		MaxResponseHeaderBytes: 1 << 20,
	}
	c := &Client{opt: opt}
	c.hc = &http.Client{
		Transport:     tr,
		Timeout:       opt.Timeout,
		CheckRedirect: c.checkRedirect,
	}
	return c
}

// Options returns the client's options, defaults filled in.
func (c *Client) Options() Options { return c.opt }

// CloseIdleConnections closes the connections kept for reuse.
func (c *Client) CloseIdleConnections() { c.hc.CloseIdleConnections() }

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if c.opt.MaxRedirects < 0 || len(via) > c.opt.MaxRedirects {
		return fmt.Errorf("%w: more than %d", ErrRedirects, max(c.opt.MaxRedirects, 0))
	}
	return c.checkURL(req.URL)
}

// checkURL refuses a URL that is not http(s), or whose host is an IP
// literal or name that is not allowed; names are checked again on the
// resolved address when dialing.
func (c *Client) checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: %q", ErrScheme, u.Redacted())
	}
	host := u.Hostname()
	if host == "" {
		return fmt.Errorf("no host in %q", u.Redacted())
	}
	if c.opt.AllowPrivate {
		return nil
	}
	if addr, err := netip.ParseAddr(host); err == nil && !Allowed(addr) {
		return fmt.Errorf("%w: %s", ErrAddress, addr)
	}
	low := strings.ToLower(strings.TrimSuffix(host, "."))
	if low == "localhost" || strings.HasSuffix(low, ".localhost") {
		return fmt.Errorf("%w: %s", ErrAddress, host)
	}
	return nil
}

// checkDial is the dialer's last word: it sees the resolved address.
func checkDial(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrAddress, address)
	}
	if !Allowed(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrAddress, ap.Addr())
	}
	return nil
}

// reserved are the ranges beyond those the netip predicates know that no
// public news site lives in.
var reserved = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("192.88.99.0/24"),  // 6to4 relay anycast
	netip.MustParsePrefix("::/96"),           // IPv4-compatible: embeds any IPv4
	netip.MustParsePrefix("::ffff:0:0:0/96"), // IPv4-translated (SIIT)
	netip.MustParsePrefix("2001::/32"),       // Teredo: embeds any IPv4
	netip.MustParsePrefix("fec0::/10"),       // site-local (deprecated)
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: may map to anything
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("100::/64"),        // discard
	netip.MustParsePrefix("2002::/16"),       // 6to4: embeds any IPv4
}

// Allowed reports whether a connection to addr is allowed when private
// addresses are not: false for loopback, private, link-local, unspecified,
// multicast and reserved addresses, IPv4-mapped ones included.
func Allowed(addr netip.Addr) bool {
	addr = addr.Unmap()
	if !addr.IsValid() || addr.IsLoopback() || addr.IsPrivate() || addr.IsUnspecified() ||
		addr.IsLinkLocalUnicast() || addr.IsLinkLocalMulticast() || addr.IsInterfaceLocalMulticast() ||
		addr.IsMulticast() {
		return false
	}
	for _, p := range reserved {
		if p.Contains(addr) {
			return false
		}
	}
	return true
}

// Get fetches rawURL. It returns an error for a URL or address that is not
// allowed, a status other than 2xx (*StatusError), a body over MaxBytes
// (ErrTooLarge), too many redirects, or a timeout.
func (c *Client) Get(ctx context.Context, rawURL string) (*Response, error) {
	return c.GetIf(ctx, rawURL, Validators{})
}

// GetIf is Get made conditional on the copy the caller holds: with
// validators it sends If-None-Match and If-Modified-Since, and an answer
// of 304 Not Modified is a Response with that status, no body and no
// error.
func (c *Client) GetIf(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	if err := c.checkURL(u); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), unwrapURLError(err))
	}
	defer resp.Body.Close()
	// Errors name the final URL without its password.
	final := resp.Request.URL.Redacted()
	got := Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified && v != (Validators{}) {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		if got == (Validators{}) {
			got = v
		}
		return &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode, Validators: got}, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return nil, &StatusError{URL: final, Status: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	max := c.opt.MaxBytes
	if resp.ContentLength > max && !resp.Uncompressed {
		return nil, fmt.Errorf("fetch %s: %w: %d bytes announced, limit %d", final, ErrTooLarge, resp.ContentLength, max)
	}
	// The transport decompresses gzip transparently: the limit applies to
	// the decompressed bytes, so a compressed bomb stops at max+1.
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", final, unwrapURLError(err))
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("fetch %s: %w: over %d bytes", final, ErrTooLarge, max)
	}
	r := &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode, Body: body, Validators: got}
	r.SetContentType(resp.Header.Get("Content-Type"))
	return r, nil
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if n, err := strconv.Atoi(h); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// SetContentType fills ContentType (lower case, without parameters) and
// Charset from a Content-Type header value; a malformed value still gives
// its media type.
func (r *Response) SetContentType(ct string) {
	if ct == "" {
		return
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err == nil {
		r.ContentType, r.Charset = strings.ToLower(mt), params["charset"]
		return
	}
	r.ContentType = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
}

// unwrapURLError drops the *url.Error layer, whose message repeats the
// method and URL the caller already names.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("timed out: %w", ue.Err)
		}
		return ue.Err
	}
	return err
}

// Get fetches rawURL with a one-off Client.
func Get(ctx context.Context, rawURL string, opt Options) (*Response, error) {
	c := New(opt)
	defer c.CloseIdleConnections()
	return c.Get(ctx, rawURL)
}

// Temporary reports whether a failed fetch may succeed later: a timeout, a
// refused or reset connection, a failed name lookup that says so, or an
// answer of 408, 429 or 5xx. A caller that records failures should not
// record these as final.
func Temporary(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Status == http.StatusRequestTimeout || se.Status == http.StatusTooManyRequests || se.Status >= 500
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return dns.IsTimeout || dns.IsTemporary
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF)
}
