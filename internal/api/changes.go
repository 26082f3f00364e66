package api

import (
	"net/http"
	"strconv"

	"entente/internal/store"
)

// changesPage is GET /api/changes: the events changed after a position
// of the store's change feed, in position order, with the cursor of the
// next request.
type changesPage struct {
	Changes []change `json:"changes"`
	// Next is the since of the next request: the position of the last
	// change listed, or since itself when nothing changed.
	Next string `json:"next"`
}

// change is one entry of the change feed; Data is the event as it is
// now, without its mentions, null for a removed event (or one removed
// since the feed was read: a later change lists its removal).
type change struct {
	store.EventChange
	Data *store.Event `json:"data"`
}

// changes answers GET /api/changes?since=CURSOR&limit=N for clients that
// follow the store: since is the next of the previous answer (0 or
// absent: from the beginning).
func (s *Server) changes(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	var since int64
	if c := v.Get("since"); c != "" {
		n, err := strconv.ParseInt(c, 10, 64)
		if err != nil || n < 0 {
			return badRequest("since %q is not a cursor (the next of a previous answer, or 0)", c)
		}
		since = n
	}
	limit, err := intParam(v, "limit", 100, 1, 1000)
	if err != nil {
		return err
	}
	feed, err := s.st.Since(r.Context(), since, limit)
	if err != nil {
		return err
	}
	page := changesPage{Changes: make([]change, len(feed)), Next: strconv.FormatInt(since, 10)}
	var ids []int64
	for i, c := range feed {
		page.Changes[i].EventChange = c
		if c.Action != store.Removed {
			ids = append(ids, c.Event)
		}
	}
	if len(feed) > 0 {
		page.Next = strconv.FormatInt(feed[len(feed)-1].Seq, 10)
	}
	if len(ids) > 0 {
		events, err := s.st.Events(r.Context(), store.Filter{IDs: ids}, store.Page{Sort: "id", Limit: len(ids)})
		if err != nil {
			return err
		}
		byID := map[int64]*store.Event{}
		for i := range events.Events {
			e := &events.Events[i]
			e.Mentions = nil
			byID[e.ID] = e
		}
		for i := range page.Changes {
			if c := &page.Changes[i]; c.Action != store.Removed {
				c.Data = byID[c.Event]
			}
		}
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}
