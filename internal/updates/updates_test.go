package updates

import (
	"bufio"
	"context"
	"crypto/md5"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"entente"
	"entente/internal/store"
	"entente/internal/store/sqlite"
)

var (
	chile = entente.Actor{Name: "Chile", Code: "CHLGOV", Country: "CHL", Sector: "GOV"}
	peru  = entente.Actor{Name: "Peru", Code: "PERGOV", Country: "PER", Sector: "GOV"}
	kenya = entente.Actor{Name: "Kenya", Code: "KEN", Country: "KEN"}
)

func ptr(s string) *string { return &s }

// doc is a document reporting events, one sentence each.
func doc(name string, events ...entente.Event) *entente.Document {
	d := &entente.Document{ID: name, Lang: "en", Site: "Coast Courier"}
	for i, e := range events {
		s := "Sentence " + strconv.Itoa(i) + " of " + name + "."
		start := len(d.Text)
		d.Text += s + " "
		e.Doc, e.Sentence = name, i
		e.Evidence = entente.Evidence{Text: s, Start: start, End: start + len(s), Trigger: "of"}
		e.Modality, e.Rule, e.Confidence = entente.Asserted, "test", 0.5
		d.Events = append(d.Events, e)
	}
	return d
}

var (
	meet   = entente.Event{Code: "043", Root: "04", Quad: 1, Goldstein: 2.8, Plover: "CONSULT", Source: chile, Target: peru, Date: ptr("2026-12-01")}
	blame  = entente.Event{Code: "112", Root: "11", Quad: 3, Goldstein: -2, Plover: "ACCUSE", Source: peru, Target: chile, Date: ptr("2026-12-02")}
	praise = entente.Event{Code: "051", Root: "05", Quad: 1, Goldstein: 3.4, Plover: "COOPERATE", Source: kenya, Target: chile, Date: ptr("2026-12-03")}
)

type fixture struct {
	st  *sqlite.Store
	dir string
	now time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{dir: filepath.Join(t.TempDir(), "updates"), now: time.Date(2026, 12, 7, 12, 15, 0, 0, time.UTC)}
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f.st = st
	return f
}

func (f *fixture) writer(t *testing.T) *Writer {
	t.Helper()
	w, err := New(f.st, Options{Dir: f.dir, Formats: []string{"jsonl", "csv", "gdelt"}, Now: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (f *fixture) ingest(t *testing.T, d *entente.Document) int64 {
	t.Helper()
	res, err := f.st.Ingest(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res.Doc
}

func (f *fixture) write(t *testing.T, w *Writer) Update {
	t.Helper()
	u, err := w.Write(context.Background())
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	f.now = f.now.Add(15 * time.Minute)
	return u
}

// lines reads a file of the folder, one string a line.
func (f *fixture) lines(t *testing.T, name string) []string {
	t.Helper()
	file, err := os.Open(filepath.Join(f.dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var out []string
	sc := bufio.NewScanner(file)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// exported reads the event ids of a JSON Lines export file.
func (f *fixture) exported(t *testing.T, name string) []int64 {
	t.Helper()
	var ids []int64
	for _, l := range f.lines(t, name) {
		var r struct {
			ID int64 `json:"id"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids = append(ids, r.ID)
	}
	return ids
}

func (f *fixture) changes(t *testing.T, name string) []store.EventChange {
	t.Helper()
	var out []store.EventChange
	for _, l := range f.lines(t, name) {
		var c store.EventChange
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, c)
	}
	return out
}

// checkLists checks that lastupdate.txt names files with their true
// sizes and MD5 sums, and that masterfilelist.txt ends with them.
func (f *fixture) checkLists(t *testing.T, files []string) {
	t.Helper()
	last := f.lines(t, LastUpdate)
	if len(last) != len(files) {
		t.Fatalf("lastupdate.txt = %q, want %d lines", last, len(files))
	}
	for i, l := range last {
		fields := strings.Fields(l)
		b, err := os.ReadFile(filepath.Join(f.dir, files[i]))
		if err != nil {
			t.Fatal(err)
		}
		sum := md5.Sum(b)
		if len(fields) != 3 || fields[0] != strconv.Itoa(len(b)) || fields[1] != hex.EncodeToString(sum[:]) || fields[2] != files[i] {
			t.Errorf("lastupdate.txt line %q, want %d %x %s", l, len(b), sum, files[i])
		}
	}
	master := f.lines(t, MasterList)
	if !slices.Equal(master[len(master)-len(last):], last) {
		t.Errorf("masterfilelist.txt does not end with the last update: %q", master)
	}
}

func TestUpdates(t *testing.T) {
	f := newFixture(t)
	w := f.writer(t)

	// Nothing stored: no file.
	if u := f.write(t, w); len(u.Files) != 0 || u.To != 0 {
		t.Fatalf("empty store: %+v", u)
	}

	// Two documents, two events: the first update holds both.
	f.ingest(t, doc("a", meet, blame))
	u := f.write(t, w)
	want := []string{"20261207123000.export.jsonl", "20261207123000.export.csv", "20261207123000.export.tsv", "20261207123000.changes.jsonl"}
	if !slices.Equal(u.Files, want) || u.Events != 2 || u.Removed != 0 {
		t.Fatalf("update 1: %+v, want files %v and 2 events", u, want)
	}
	if ids := f.exported(t, want[0]); !slices.Equal(ids, []int64{1, 2}) {
		t.Errorf("update 1 exports events %v, want 1 and 2", ids)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.Join(f.lines(t, want[1]), "\n"))).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Errorf("update 1 csv: %d rows, %v; want a header and 2 events", len(rows), err)
	}
	if gdelt := f.lines(t, want[2]); len(gdelt) != 2 || len(strings.Split(gdelt[0], "\t")) != 61 {
		t.Errorf("update 1 gdelt: %d lines, want 2 of 61 columns", len(gdelt))
	}
	f.checkLists(t, want)
	first := u.To

	// A new report of event 1, a new event 3, then a recode that takes
	// event 2's only mention away: the next update lists 1 updated, 3
	// added and 2 removed, and exports 1 and 3.
	f.ingest(t, doc("b", meet, praise))
	d := doc("a", meet)
	if _, err := f.st.Recode(context.Background(), 1, d, "test"); err != nil {
		t.Fatal(err)
	}
	u = f.write(t, w)
	if u.Events != 2 || u.Removed != 1 || u.From != first {
		t.Fatalf("update 2: %+v", u)
	}
	if ids := f.exported(t, u.Files[0]); !slices.Equal(ids, []int64{1, 3}) {
		t.Errorf("update 2 exports events %v, want 1 and 3", ids)
	}
	got := map[int64]string{}
	for _, c := range f.changes(t, u.Files[3]) {
		if c.Seq <= first || c.Seq > u.To {
			t.Errorf("change %+v out of (%d, %d]", c, first, u.To)
		}
		got[c.Event] = c.Action
	}
	if got[1] != store.Updated || got[2] != store.Removed || got[3] != store.Added || len(got) != 3 {
		t.Errorf("update 2 changes %v", got)
	}
	f.checkLists(t, u.Files)
	if n := len(f.lines(t, MasterList)); n != 8 {
		t.Errorf("masterfilelist.txt has %d lines, want 8", n)
	}

	// A restart reads the cursor: nothing new, no file.
	w = f.writer(t)
	if w.Cursor() != u.To {
		t.Errorf("cursor after restart %d, want %d", w.Cursor(), u.To)
	}
	if u := f.write(t, w); len(u.Files) != 0 {
		t.Errorf("update after restart: %+v, want none", u)
	}
	// No temporary file is left behind.
	entries, _ := os.ReadDir(f.dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file %s left", e.Name())
		}
	}
}

func TestOptions(t *testing.T) {
	st := newFixture(t).st
	dir := t.TempDir()
	for _, tt := range []struct {
		opt  Options
		want string
	}{
		{Options{}, "no folder"},
		{Options{Dir: dir, Every: time.Millisecond}, "a second or more"},
		{Options{Dir: dir, Formats: []string{"xml"}}, "unknown export format"},
	} {
		if _, err := New(st, tt.opt); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%+v) = %v, want %q", tt.opt, err, tt.want)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, CursorFile), []byte("twelve\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(st, Options{Dir: dir}); err == nil || !strings.Contains(err.Error(), "twelve") {
		t.Errorf("a damaged cursor: %v", err)
	}
}

// TestRun writes updates on the multiples of Every while the store
// changes, until the context ends.
func TestRun(t *testing.T) {
	f := newFixture(t)
	w, err := New(f.st, Options{Dir: f.dir, Every: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	f.ingest(t, doc("a", meet))
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(filepath.Join(f.dir, CursorFile)); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != context.Canceled {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if last := f.lines(t, LastUpdate); len(last) != 3 {
		t.Errorf("lastupdate.txt = %q", last)
	}
}
