package source

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// ErrDecompressed is the error of a gzip'd input past its decompressed
// size limit or compression ratio: a likely gzip bomb.
var ErrDecompressed = errors.New("decompressed size limit")

// ErrTruncated is the error of a local file that ends inside a record or
// a gzip member: a download or a crawl cut off. Reading it again gives the
// same result, so it is final, unlike a fetch cut off by the network.
var ErrTruncated = errors.New("file truncated")

// gzipReader decompresses a gzip'd file (all its members, as Common Crawl
// writes one a record) and fails cleanly past max decompressed bytes, or
// past DefaultMaxCompressRatio once over 64 MB.
type gzipReader struct {
	name     string
	zr       *gzip.Reader
	in       *countReader
	out, max int64
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func newGzipReader(r io.Reader, name string, max int64) (*gzipReader, error) {
	in := &countReader{r: r}
	zr, err := gzip.NewReader(in)
	if err != nil {
		return nil, fmt.Errorf("read: %s: gzip: %w", name, err)
	}
	return &gzipReader{name: name, zr: zr, in: in, max: max}, nil
}

func (g *gzipReader) Read(p []byte) (int, error) {
	if g.out >= g.max {
		return 0, fmt.Errorf("read: %s: %w: over %d bytes decompressed", g.name, ErrDecompressed, g.max)
	}
	if int64(len(p)) > g.max-g.out {
		p = p[:g.max-g.out+1]
	}
	n, err := g.zr.Read(p)
	g.out += int64(n)
	if g.out > g.max {
		return n, fmt.Errorf("read: %s: %w: over %d bytes decompressed", g.name, ErrDecompressed, g.max)
	}
	if g.out > 64<<20 && g.out > DefaultMaxCompressRatio*max(g.in.n, 1) {
		return n, fmt.Errorf("read: %s: %w: %d bytes from %d compressed, a ratio over %d", g.name, ErrDecompressed, g.out, g.in.n, DefaultMaxCompressRatio)
	}
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = fmt.Errorf("%w: gzip data ends inside a member", ErrTruncated)
	case err != nil && err != io.EOF:
		err = fmt.Errorf("read: %s: gzip: %w", g.name, err)
	}
	return n, err
}

func (g *gzipReader) Close() error { return g.zr.Close() }
