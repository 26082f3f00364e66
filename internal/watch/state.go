package watch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"entente/internal/fetch"
)

// seenFor is how long a page URL is remembered as handled. A feed that
// still lists an older item has it fetched again, and the store finds
// its text a duplicate.
const seenFor = 60 * 24 * time.Hour

// state is what the watcher remembers between polls and across restarts:
// the validators of each feed for conditional requests, its last poll,
// and the page URLs already handled. It is kept in a JSON file written
// whole (a temporary file renamed over it) after each feed's poll.
type state struct {
	mu    sync.Mutex
	path  string                // "" keeps it in memory only
	Feeds map[string]*feedState `json:"feeds"`
	Seen  map[string]time.Time  `json:"seen"` // page URL → when it was handled
}

// feedState is one feed's (or child sitemap's) part of the state.
type feedState struct {
	Validators fetch.Validators `json:"validators"`
	LastPoll   time.Time        `json:"last_poll"`
	LastOK     time.Time        `json:"last_ok"`
	Failures   int              `json:"failures"` // in a row
	LastError  string           `json:"last_error,omitempty"`
}

// loadState reads the state file at path; a missing file is an empty
// state, a damaged one an error (it is not overwritten).
func loadState(path string) (*state, error) {
	s := &state{path: path, Feeds: map[string]*feedState{}, Seen: map[string]time.Time{}}
	if path == "" {
		return s, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("watch: state: %w", err)
	}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("watch: state %s: %w (move it away to start afresh)", path, err)
	}
	if s.Feeds == nil {
		s.Feeds = map[string]*feedState{}
	}
	if s.Seen == nil {
		s.Seen = map[string]time.Time{}
	}
	return s, nil
}

// feed returns a copy of a feed's state.
func (s *state) feed(url string) feedState {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.Feeds[url]; f != nil {
		return *f
	}
	return feedState{}
}

func (s *state) setFeed(url string, f feedState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Feeds[url] = &f
}

func (s *state) seen(url string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.Seen[url]
	return ok
}

func (s *state) markSeen(url string, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Seen[url] = now
}

// save forgets page URLs handled more than seenFor ago and writes the
// state file.
func (s *state) save(now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for u, at := range s.Seen {
		if now.Sub(at) > seenFor {
			delete(s.Seen, u)
		}
	}
	if s.path == "" {
		return nil
	}
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("watch: state: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), filepath.Base(s.path)+".*")
	if err != nil {
		return fmt.Errorf("watch: state: %w", err)
	}
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), s.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("watch: state: %w", err)
	}
	return nil
}
