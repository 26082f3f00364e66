package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/nlnwa/gowarc/v3"

	"entente"
	"entente/internal/fetch"
	"entente/internal/read"
)

// ErrRecordTooLarge is the error of a WARC record over MaxRecordBytes.
var ErrRecordTooLarge = errors.New("WARC record too large")

func isWARCName(path string) bool {
	low := strings.ToLower(path)
	return strings.HasSuffix(low, ".warc") || strings.HasSuffix(low, ".warc.gz")
}

// readWARCFile reads a WARC file, gzip'd (per record, as Common Crawl
// writes them, or whole) or not.
func readWARCFile(ctx context.Context, path string, opt Options, fn func(Item)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	defer f.Close()
	return ReadWARC(ctx, f, path, opt, fn)
}

// maxWARCHeader caps the WARC header of one record.
const maxWARCHeader = 64 << 10

// ReadWARC reads the response records of a WARC stream, gzip'd or not,
// that carry an HTML or plain-text payload with a 2xx status; other
// records are skipped. The document id and URL are the WARC-Target-URI,
// WARC-Date the date when the page gives none. A record over
// MaxRecordBytes, or whose payload cannot be read, is a failed document;
// a stream that is not WARC, breaks off or decompresses past
// MaxDecompressed ends with an error.
func ReadWARC(ctx context.Context, r io.Reader, name string, opt Options, fn func(Item)) error {
	br := bufio.NewReaderSize(r, 1<<20)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := newGzipReader(br, name, opt.maxDecompressed())
		if err != nil {
			return err
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<20)
	}
	maxRecord := opt.maxRecord()
	u := gowarc.NewUnmarshaler(gowarc.WithBufferMaxMemBytes(maxRecord))
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := skipBlank(br); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("read: %s: record %d: %w", name, n, err)
		}
		length, headLen, err := peekWARCHeader(br)
		if err != nil {
			return fmt.Errorf("read: %s: record %d: %w", name, n, err)
		}
		if length > maxRecord {
			rname := fmt.Sprintf("%s#record%d", name, n)
			fn(done(rname, nil, &read.Error{Doc: rname, Err: fmt.Errorf("%w: %d bytes, limit %d", ErrRecordTooLarge, length, maxRecord)}))
			if _, err := io.CopyN(io.Discard, br, int64(headLen)+length); err != nil {
				return fmt.Errorf("read: %s: record %d: skip: %w", name, n, err)
			}
			continue
		}
		rec, _, validation, err := u.Unmarshal(br)
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = fmt.Errorf("%w: record cut off (%v)", ErrTruncated, err)
		}
		if err != nil {
			return fmt.Errorf("read: %s: record %d: %w", name, n, err)
		}
		it, ok := warcItem(rec, fmt.Sprintf("%s#record%d", name, n), opt)
		for _, v := range validation {
			var cl *gowarc.ContentLengthError
			if ok && errors.As(v, &cl) {
				it = done(it.Name, nil, &read.Error{Doc: it.Name, Err: fmt.Errorf("truncated WARC record: %v", v)})
			}
		}
		rec.Close()
		if ok {
			fn(it)
		}
	}
}

// skipBlank skips the line ends between records; io.EOF at the end.
func skipBlank(br *bufio.Reader) error {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return err
		}
		if b != '\r' && b != '\n' {
			return br.UnreadByte()
		}
	}
}

// peekWARCHeader checks that a record starts here and reads its
// Content-Length without consuming anything; headLen is the size of the
// header with its blank line. A read error after the header (a file cut
// in this record's body) is left for the record's reader to meet.
func peekWARCHeader(br *bufio.Reader) (length int64, headLen int, err error) {
	head, perr := br.Peek(maxWARCHeader)
	if perr == bufio.ErrBufferFull {
		perr = nil
	}
	if perr != nil && len(head) < len("WARC/") {
		return 0, 0, perr
	}
	if !bytes.HasPrefix(head, []byte("WARC/")) {
		return 0, 0, fmt.Errorf("not a WARC record (starts %q)", head[:min(len(head), 16)])
	}
	end := bytes.Index(head, []byte("\r\n\r\n"))
	sep := 4
	if end < 0 {
		end, sep = bytes.Index(head, []byte("\n\n")), 2
	}
	switch {
	case end < 0 && perr == io.EOF:
		return 0, 0, fmt.Errorf("%w: record header cut off", ErrTruncated)
	case end < 0 && perr != nil:
		return 0, 0, perr
	case end < 0:
		return 0, 0, fmt.Errorf("WARC header without an end within %d bytes", maxWARCHeader)
	}
	length = -1
	for line := range strings.SplitSeq(string(head[:end]), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), "Content-Length") {
			length, err = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil || length < 0 {
				return 0, 0, fmt.Errorf("bad Content-Length %q", strings.TrimSpace(v))
			}
		}
	}
	if length < 0 {
		return 0, 0, errors.New("WARC record without Content-Length")
	}
	return length, end + sep, nil
}

// warcItem makes a document of a response record with a page; ok is false
// for records that are not one (requests, metadata, images, redirects).
func warcItem(rec gowarc.WarcRecord, rname string, opt Options) (Item, bool) {
	if rec.Type() != gowarc.Response {
		return Item{}, false
	}
	hb, isHTTP := rec.Block().(gowarc.HttpResponseBlock)
	if !isHTTP {
		return Item{}, false
	}
	if code := hb.HttpStatusCode(); code < 200 || code > 299 {
		return Item{}, false
	}
	target := strings.Trim(rec.WarcHeader().Get(gowarc.WarcTargetURI), "<> ")
	if target == "" {
		target = rname
	}
	resp := &fetch.Response{URL: target, Status: hb.HttpStatusCode()}
	h := hb.HttpHeader()
	resp.SetContentType(h.Get("Content-Type"))
	switch resp.ContentType {
	case "", "text/html", "application/xhtml+xml", "text/plain":
	default:
		return Item{}, false
	}
	fail := func(err error) (Item, bool) {
		return done(target, nil, &read.Error{Doc: target, Err: err}), true
	}
	payload, err := hb.PayloadBytes()
	if err != nil {
		return fail(fmt.Errorf("WARC payload: %w", err))
	}
	maxDoc := opt.Read.MaxBytes
	if maxDoc <= 0 {
		maxDoc = read.DefaultMaxBytes
	}
	if enc := strings.ToLower(h.Get("Content-Encoding")); enc == "gzip" || enc == "x-gzip" {
		zr, err := newGzipReader(payload, target, maxDoc)
		if err != nil {
			return fail(err)
		}
		defer zr.Close()
		payload = zr
	}
	body, err := io.ReadAll(io.LimitReader(payload, maxDoc+1))
	if err != nil {
		return fail(fmt.Errorf("WARC payload: %w", err))
	}
	if int64(len(body)) > maxDoc {
		return fail(fmt.Errorf("%w: payload over %d bytes", read.ErrTooLarge, maxDoc))
	}
	resp.Body = body
	date, _ := rec.Date()
	return Item{Name: target, Load: func() (*entente.Document, error) {
		doc, err := pageDoc(target, resp, opt.Read)
		if err != nil {
			return nil, err
		}
		if !date.IsZero() && (doc.DateFrom == "" || doc.DateFrom == "flag") {
			doc.Date, doc.DateFrom = date, "metadata"
		}
		return doc, nil
	}}, true
}
