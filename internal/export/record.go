package export

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"entente"
	"entente/data"
	"entente/internal/segment"
	"entente/internal/store"
)

// Record is an event as every export writes it: the stored event with
// what makes entente's data more than a GDELT row — its first report
// (the evidence sentence with its byte offsets and trigger, the rule that
// fired, its confidence, the sources it is attributed to, its document's
// publisher and title, and whether it sits in the document's lead) — and
// the names of its CAMEO code, root and QuadClass.
type Record struct {
	store.Event
	CodeName string `json:"code_name"`
	RootName string `json:"root_name"`
	QuadName string `json:"quad_name"`
	// The first mention (the same one Excerpt and SourceURL come from).
	Evidence     entente.Evidence `json:"evidence"`
	Rule         string           `json:"rule"`
	Confidence   float64          `json:"confidence"`
	AttributedTo []string         `json:"attributed_to"`
	// IsRootEvent tells that the first report's sentence is in its
	// document's lead: the first paragraph (the text before the first
	// line break) or the first three sentences (a headline or dateline
	// line counts as one). GDELT sets its IsRootEvent for an event of the
	// lead paragraph; this is entente's reading of it.
	IsRootEvent bool   `json:"is_root_event"`
	Publisher   string `json:"publisher"` // the site as the input named it, else the URL's host, else ""
	Title       string `json:"title"`     // of the first report's document
}

// QuadNames are the names of the four QuadClasses.
var quadNames = [5]string{"", "Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict"}

// leadBytes bounds the text read to find a document's lead.
const leadBytes = 8 << 10

// maxDocs bounds the documents a recorder keeps: events come in id order,
// so the first reports of neighbouring events share their documents.
const maxDocs = 4096

// recorder turns stored events into Records, reading the document of each
// first report once.
type recorder struct {
	st    Store
	names map[string]string // CAMEO code → name
	docs  map[int64]*docInfo
}

// docInfo is what a document gives the records of its events.
type docInfo struct {
	title, publisher string
	leadEnd          int                     // byte offset where the lead ends
	first            map[int64]store.Mention // event id → its first mention here
}

func newRecorder(st Store) (*recorder, error) {
	names, err := loadCodeNames()
	if err != nil {
		return nil, err
	}
	return &recorder{st: st, names: names, docs: map[int64]*docInfo{}}, nil
}

// loadCodeNames reads the CAMEO codebook of the embedded knowledge.
func loadCodeNames() (map[string]string, error) {
	b, err := fs.ReadFile(data.FS, "cameo.tsv")
	if err != nil {
		return nil, fmt.Errorf("cameo codebook: %w", err)
	}
	names := map[string]string{}
	err = eachRow(string(b), "cameo.tsv", 2, func(c []string) error {
		names[c[0]] = c[1]
		return nil
	})
	return names, err
}

// records returns the Records of a page of events.
func (r *recorder) records(ctx context.Context, events []store.Event, out []Record) ([]Record, error) {
	out = out[:0]
	for i := range events {
		e := &events[i]
		rec := Record{Event: *e, CodeName: r.names[e.Code], RootName: r.names[e.Root], AttributedTo: []string{}}
		if e.Quad >= 1 && e.Quad <= 4 {
			rec.QuadName = quadNames[e.Quad]
		}
		rec.Evidence.Text = e.Excerpt
		d, err := r.doc(ctx, e.FirstDoc)
		if err != nil {
			return nil, fmt.Errorf("event %d: %w", e.ID, err)
		}
		if d != nil {
			rec.Publisher, rec.Title = d.publisher, d.title
			if m, ok := d.first[e.ID]; ok {
				rec.Evidence = m.Evidence
				rec.Rule, rec.Confidence = m.Rule, m.Confidence
				if m.AttributedTo != nil {
					rec.AttributedTo = m.AttributedTo
				}
				rec.IsRootEvent = m.Evidence.Start < d.leadEnd
			}
		}
		out = append(out, rec)
	}
	return out, nil
}

// doc returns what document id gives, nil when it is gone (a recode may
// delete it while an export runs).
func (r *recorder) doc(ctx context.Context, id int64) (*docInfo, error) {
	if id == 0 {
		return nil, nil
	}
	if d, ok := r.docs[id]; ok {
		return d, nil
	}
	doc, err := r.st.Document(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	d := &docInfo{title: doc.Title, publisher: publisher(doc), leadEnd: leadEnd(doc.Text), first: map[int64]store.Mention{}}
	for _, m := range doc.Mentions {
		if old, ok := d.first[m.Event]; !ok || m.ID < old.ID {
			d.first[m.Event] = m
		}
	}
	if len(r.docs) >= maxDocs {
		clear(r.docs)
	}
	r.docs[id] = d
	return d, nil
}

// publisher is a document's site as the input named it, else its URL's
// host, else "" (never a file path).
func publisher(doc *store.Document) string {
	if s := strings.Join(strings.Fields(doc.Site), " "); s != "" {
		return s
	}
	if u, err := url.Parse(doc.URL); err == nil && u.Hostname() != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return ""
}

// leadEnd returns the byte offset where a text's lead ends: the end of
// its first paragraph or of its third sentence, whichever comes later
// (within the first leadBytes bytes).
func leadEnd(text string) int {
	head := text
	if len(head) > leadBytes {
		head = head[:leadBytes]
	}
	body := strings.TrimLeft(head, " \t\r\n")
	para := len(head)
	if i := strings.IndexByte(body, '\n'); i >= 0 {
		para = len(head) - len(body) + i
	}
	doc := &entente.Document{Text: head}
	segment.Split(doc)
	third := len(head)
	if len(doc.Sentences) > 3 {
		third = doc.Sentences[3].Start
	}
	return max(para, third)
}
