package read

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/gogs/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// detectSize is how much of an input the charset detector looks at.
const detectSize = 64 << 10

// minConfidence is the detector's confidence (1-100) under which an input
// that is not UTF-8 is refused rather than converted: short or mixed
// inputs give low scores, and a wrong guess garbles every accent.
const minConfidence = 30

// converted says that an input was converted to UTF-8, and from what.
type converted struct {
	from       string // the encoding decoded, by its WHATWG name ("windows-1252")
	detected   string // what the detector or byte order mark said ("ISO-8859-1")
	confidence int    // the detector's, 100 for a byte order mark
}

// toUTF8 returns data (an HTML page when page is set) as UTF-8 text. Valid UTF-8 is returned unchanged
// (conv is nil). UTF-16 with a byte order mark is decoded. Other bytes
// are given to an ICU-derived detector (github.com/gogs/chardet) and
// decoded with golang.org/x/text when it names a known single-byte or
// East Asian encoding with enough confidence; ISO-8859-1 is decoded as
// windows-1252, its superset, as browsers do. Anything else is
// ErrNotUTF8 with the offset of the first bad byte. Binary data (NUL
// bytes) is left to checkText.
func toUTF8(data []byte, page bool) (out []byte, conv *converted, err error) {
	bad := invalidUTF8(data)
	if bad < 0 {
		return data, nil, nil
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return nil, nil, fmt.Errorf("decode UTF-16: %w", err)
		}
		return out, &converted{from: "utf-16", detected: "UTF-16 (byte order mark)", confidence: 100}, nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return data, nil, nil // binary: checkText says so
	}
	notUTF8 := fmt.Errorf("%w at byte %d", ErrNotUTF8, bad)
	sample := data[:min(len(data), detectSize)]
	det := chardet.NewTextDetector()
	if page {
		det = chardet.NewHtmlDetector() // markup left out of the counts
	}
	res, err := det.DetectBest(sample)
	if err != nil || res.Confidence < minConfidence {
		return nil, nil, notUTF8
	}
	enc, name, err := encodingOf(res.Charset)
	if err != nil {
		// Mostly UTF-8 with a broken sequence: damaged, not another
		// encoding.
		return nil, nil, notUTF8
	}
	out, err = enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return out, &converted{from: name, detected: res.Charset, confidence: res.Confidence}, nil
}

// encodingOf returns the decoder of a detected charset name and its
// WHATWG name. UTF-8 (the bytes were not) and UTF-16/32 without a byte
// order mark are not decoded.
func encodingOf(charset string) (encoding.Encoding, string, error) {
	lower := strings.ToLower(charset)
	if lower == "utf-8" || strings.HasPrefix(lower, "utf-16") || strings.HasPrefix(lower, "utf-32") {
		return nil, "", fmt.Errorf("%s not decoded", charset)
	}
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, "", fmt.Errorf("unknown encoding %s: %w", charset, err)
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		name = lower
	}
	return enc, name, nil
}

// logConverted logs that a document was converted to UTF-8.
func (o Options) logConverted(doc string, c *converted) {
	if c == nil || o.Log == nil {
		return
	}
	o.Log.Warn("not UTF-8: converted", "doc", doc, "from", c.from, "detected", c.detected, "confidence", c.confidence)
}
