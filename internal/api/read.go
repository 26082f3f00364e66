package api

import (
	"context"
	"errors"
	"math"
	"net/http"
	"sort"
	"time"

	"entente/internal/store"
)

func (s *Server) events(w http.ResponseWriter, r *http.Request) error {
	q := s.st
	v := r.URL.Query()
	f, err := s.filter(r.Context(), v)
	if err != nil {
		return err
	}
	var p store.Page
	if p.Sort, err = oneOf(v, "sort", "date", "goldstein", "sources", "mentions", "id"); err != nil {
		return err
	}
	if p.Desc, err = boolParam(v, "desc"); err != nil {
		return err
	}
	if p.Limit, err = intParam(v, "limit", 50, 1, 1000); err != nil {
		return err
	}
	p.Cursor = v.Get("cursor")
	if len(p.Cursor) > 1000 {
		return store.ErrBadCursor
	}
	page, err := q.Events(r.Context(), f, p)
	if err != nil {
		return err
	}
	if page.Events == nil {
		page.Events = []store.Event{}
	}
	for i := range page.Events {
		page.Events[i].Mentions = nil
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

// DefaultMentions is how many mentions GET /api/events/{id} returns when
// mentions_limit is absent; MaxMentions is the most it returns at once.
const (
	DefaultMentions = 100
	MaxMentions     = 1000
)

// eventDetail is GET /api/events/{id}: the stored event with one page of
// its mentions, each with its document, the actors' roles at the event
// date and the name of its code.
type eventDetail struct {
	store.Event
	Mentions []mentionDetail `json:"mentions"`
	// MentionsTotal is how many mentions the event has; MentionsNext is
	// the mentions_offset of the next page, null on the last one.
	MentionsTotal int    `json:"mentions_total"`
	MentionsNext  *int   `json:"mentions_next"`
	SourceRole    string `json:"source_role"`
	TargetRole    string `json:"target_role"`
	CodeName      string `json:"code_name"`
}

type mentionDetail struct {
	store.Mention
	Document *docSummary `json:"document"`
}

// docSummary is a document without its text and mentions.
type docSummary struct {
	ID        int64   `json:"id"`
	Name      string  `json:"name"`
	Title     string  `json:"title"`
	Site      string  `json:"site"`      // the publisher's name as the input gave it
	Publisher string  `json:"publisher"` // its normalised key (store.Publisher)
	URL       string  `json:"url"`
	Lang      string  `json:"lang"`
	Date      *string `json:"date"`
}

func (s *Server) event(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "event")
	if err != nil {
		return err
	}
	v := r.URL.Query()
	limit, err := intParam(v, "mentions_limit", DefaultMentions, 1, MaxMentions)
	if err != nil {
		return err
	}
	offset, err := intParam(v, "mentions_offset", 0, 0, math.MaxInt32)
	if err != nil {
		return err
	}
	// The event without its mentions, then one page of them: an event
	// reported 50,000 times costs a page, not 50,000 rows.
	evs, err := s.st.Events(r.Context(), store.Filter{IDs: []int64{id}}, store.Page{Sort: "id", Limit: 1})
	if err != nil {
		return err
	}
	if len(evs.Events) == 0 {
		return errorStatus(http.StatusNotFound, "no event %d", id)
	}
	ev := &evs.Events[0]
	page := []store.Mention{}
	if offset < ev.NumMentions {
		if page, err = s.st.Mentions(r.Context(), id, offset, limit); err != nil {
			return err
		}
	}
	d := eventDetail{Event: *ev, Mentions: make([]mentionDetail, len(page)), MentionsTotal: ev.NumMentions}
	if end := offset + len(page); end < ev.NumMentions && len(page) > 0 {
		d.MentionsNext = &end
	}
	var date time.Time
	if ev.Date != nil {
		date, _ = time.Parse(time.DateOnly, *ev.Date)
	}
	d.SourceRole = s.roleAt(ev.Source.ID, date)
	d.TargetRole = s.roleAt(ev.Target.ID, date)
	if c := s.p.KB.Codes[ev.Code]; c != nil {
		d.CodeName = c.Name
	}
	docs := map[int64]*docSummary{}
	for i, m := range page {
		sum, ok := docs[m.Doc]
		if !ok {
			if sum, err = s.docSummary(r.Context(), m.Doc); err != nil {
				return err
			}
			docs[m.Doc] = sum
		}
		d.Mentions[i] = mentionDetail{Mention: m, Document: sum}
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

// docSummary reads the metadata of document id, nil when it is gone. It
// asks for the one document after id-1 without its mentions, which is
// cheaper than Document for a document that reports many events.
func (s *Server) docSummary(ctx context.Context, id int64) (*docSummary, error) {
	docs, err := s.st.Documents(ctx, id-1, 1)
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 || docs[0].ID != id {
		return nil, nil
	}
	return summary(&docs[0]), nil
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

func summary(doc *store.Document) *docSummary {
	return &docSummary{ID: doc.ID, Name: doc.Name, Title: doc.Title, Site: doc.Site, Publisher: doc.Publisher, URL: doc.URL, Lang: doc.Lang, Date: doc.Date}
}

// roleAt is the title of a knowledge-base actor's role at a date, "" when
// the actor or its role is unknown.
func (s *Server) roleAt(id string, date time.Time) string {
	a := s.p.KB.Actors[id]
	if id == "" || a == nil {
		return ""
	}
	_, _, _, title := a.At(date)
	return title
}

func (s *Server) document(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "document")
	if err != nil {
		return err
	}
	doc, err := s.st.Document(r.Context(), id)
	if isNotFound(err) {
		return errorStatus(http.StatusNotFound, "no document %d", id)
	}
	if err != nil {
		return err
	}
	if doc.Mentions == nil {
		doc.Mentions = []store.Mention{}
	}
	writeJSON(w, http.StatusOK, doc)
	return nil
}

// count answers how many events the filters select and how many of them
// have no date: the total a list shows, and what a timeline leaves out.
func (s *Server) count(w http.ResponseWriter, r *http.Request) error {
	f, err := s.filter(r.Context(), r.URL.Query())
	if err != nil {
		return err
	}
	t, err := s.st.Count(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

func (s *Server) series(w http.ResponseWriter, r *http.Request) error {
	q := s.st
	v := r.URL.Query()
	f, err := s.filter(r.Context(), v)
	if err != nil {
		return err
	}
	var sq store.SeriesQuery
	if sq.Interval, err = oneOf(v, "interval", "day", "week", "month"); err != nil {
		return err
	}
	if sq.By, err = oneOf(v, "by", "quad", "root"); err != nil {
		return err
	}
	b, err := q.Series(r.Context(), f, sq)
	if err != nil {
		return err
	}
	if b == nil {
		b = []store.Bucket{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"buckets": b})
	return nil
}

func (s *Server) graph(w http.ResponseWriter, r *http.Request) error {
	q := s.st
	v := r.URL.Query()
	f, err := s.filter(r.Context(), v)
	if err != nil {
		return err
	}
	limit, err := intParam(v, "limit", 50, 1, 1000)
	if err != nil {
		return err
	}
	g, err := q.Graph(r.Context(), f, limit)
	if err != nil {
		return err
	}
	if g == nil {
		g = &store.Graph{}
	}
	if g.Nodes == nil {
		g.Nodes = []store.ActorCount{}
	}
	if g.Edges == nil {
		g.Edges = []store.Edge{}
	}
	writeJSON(w, http.StatusOK, g)
	return nil
}

func (s *Server) places(w http.ResponseWriter, r *http.Request) error {
	q := s.st
	v := r.URL.Query()
	f, err := s.filter(r.Context(), v)
	if err != nil {
		return err
	}
	limit, err := intParam(v, "limit", 100, 1, 1000)
	if err != nil {
		return err
	}
	ps, err := q.Places(r.Context(), f, limit)
	if err != nil {
		return err
	}
	if ps == nil {
		ps = []store.PlaceCount{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"places": ps})
	return nil
}

// codeEntry is one entry of the CAMEO codebook.
type codeEntry struct {
	Code      string  `json:"code"`
	Name      string  `json:"name"`
	Root      string  `json:"root"`
	Quad      int     `json:"quad"`
	Goldstein float64 `json:"goldstein"`
	Plover    string  `json:"plover"`
}

func (s *Server) codes(w http.ResponseWriter, r *http.Request) error {
	out := make([]codeEntry, 0, len(s.p.KB.Codes))
	for _, c := range s.p.KB.Codes {
		out = append(out, codeEntry{Code: c.Code, Name: c.Name, Root: c.Root(), Quad: c.Quad, Goldstein: c.Goldstein, Plover: c.Plover})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	writeJSON(w, http.StatusOK, map[string]any{"codes": out})
	return nil
}
