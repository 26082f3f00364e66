package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "entente/internal/store/sqlite" // the "sqlite" database/sql driver
)

// TestCrashIngest kills `entente ingest` (a real process) with SIGKILL at
// random points, restarts it each time, lets a last run finish, and
// compares the database with that of an uninterrupted run over the same
// documents: the same documents, events (identity and counts) and
// mentions, none twice, and counts that agree with the rows they count.
func TestCrashIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: skipped with -short")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("kill seed %d", seed)
	tmp := t.TempDir()

	bin := filepath.Join(tmp, "entente")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	news := filepath.Join(tmp, "news")
	ndocs := writeCorpus(t, news, 400)

	// The uninterrupted run; beside it, a run over no document times the
	// start of a process (knowledge, database open) under the same load.
	ref := filepath.Join(tmp, "ref.db")
	empty := filepath.Join(tmp, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	startup := make(chan time.Duration, 1)
	go func() {
		start := time.Now()
		crashIngest(bin, filepath.Join(tmp, "empty.db"), empty, kill{})
		startup <- time.Since(start)
	}()
	start := time.Now()
	if out, err := crashIngest(bin, ref, news, kill{}); err != nil {
		t.Fatalf("uninterrupted ingest: %v\n%s", err, out)
	}
	full, warm := time.Since(start), <-startup
	want := snapshot(t, ref)
	refDB := openRaw(t, ref)
	refDocs := queryRows(t, refDB, docMentions)
	refDB.Close()
	t.Logf("uninterrupted run: %v (start %v); %d documents, %d events, %d mentions", full.Round(time.Millisecond),
		warm.Round(time.Millisecond), len(want.docs), len(want.events), len(want.mentions))
	if len(want.docs) != ndocs || len(want.events) < ndocs/2 || len(want.mentions) < ndocs {
		t.Fatalf("the corpus codes too little to test anything: %d of %d documents, %d events, %d mentions",
			len(want.docs), ndocs, len(want.events), len(want.mentions))
	}
	checkConsistent(t, ref, "uninterrupted run", nil)

	// Two chains of kills on two databases at once (the machine has two
	// cores and a run mostly waits for one): each is killed 12 times,
	// restarted each time, then left to finish.
	for chain := range 2 {
		t.Run(fmt.Sprintf("chain%d", chain), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, uint64(chain)))
			db := filepath.Join(tmp, fmt.Sprintf("crash%d.db", chain))
			crashChain(t, rng, bin, db, news, warm, ndocs, refDocs)
			got := snapshot(t, db)
			compareRows(t, "documents", got.docs, want.docs)
			compareRows(t, "events", got.events, want.events)
			compareRows(t, "mentions", got.mentions, want.mentions)
			checkConsistent(t, db, "at the end", refDocs)
		})
	}
}

// crashChain runs ingest into db and kills it until it has been killed
// 12 times while running, checking the database after each kill, then
// runs it to the end. A quarter of the kills fall at a random time around
// the start of the process (knowledge loaded, database opening); the
// others when a random number of new documents has been stored, plus up
// to 5 ms, so that the chain advances through the corpus by random steps
// and kills land between and inside transactions. (Timing the kills by
// the clock alone would not do: a loaded machine runs slower or faster
// than the runs that were timed.)
func crashChain(t *testing.T, rng *rand.Rand, bin, db, news string, warm time.Duration, ndocs int, refDocs []string) {
	const wantKills = 12
	kills, finished := 0, 0
	for i := 0; kills < wantKills && i < 4*wantKills; i++ {
		stored := storedDocs(t, db)
		k := kill{jitter: time.Duration(rng.Int64N(int64(5 * time.Millisecond)))}
		if i%4 == 0 || stored == ndocs {
			k.after = warm*3/10 + time.Duration(rng.Int64N(int64(warm*7/10)))
		} else {
			step := max(1, (ndocs-stored)/(wantKills-kills))
			k.docs = stored + 1 + rng.IntN(step)
		}
		out, err := crashIngest(bin, db, news, k)
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL:
			kills++
		case err == nil:
			finished++
		default:
			t.Fatalf("run %d (%+v): %v\n%s", i, k, err, out)
		}
		checkConsistent(t, db, fmt.Sprintf("after run %d (%+v, %d documents stored before)", i, k, stored), refDocs)
	}
	if kills < wantKills {
		t.Fatalf("only %d runs were killed while running (%d finished first)", kills, finished)
	}
	if out, err := crashIngest(bin, db, news, kill{}); err != nil {
		t.Fatalf("last ingest: %v\n%s", err, out)
	}
	t.Logf("%d runs killed, %d finished before their kill; %d of %d documents stored before the last run",
		kills, finished, storedDocs(t, db), ndocs)
}

// kill says when to kill a run: after a time, or once the database holds
// docs documents, then after jitter. The zero kill lets the run finish.
type kill struct {
	after  time.Duration
	docs   int
	jitter time.Duration
}

// storedDocs counts the documents in db (0 when it does not exist yet).
func storedDocs(t *testing.T, path string) int {
	t.Helper()
	n, err := countDocs(path)
	if err != nil {
		t.Fatalf("count documents: %v", err)
	}
	return n
}

func countDocs(path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, nil
	}
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRow(`SELECT count(*) FROM documents`).Scan(&n)
	return n, err
}

// crashIngest runs `entente ingest --db db dir` and kills it with SIGKILL
// as k says, unless it ended before.
func crashIngest(bin, db, dir string, k kill) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "ingest", "--db", db, dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if k != (kill{}) {
		start := time.Now()
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
	wait:
		for {
			select {
			case err := <-done:
				return out.String(), err
			case <-tick.C:
				if k.docs == 0 && time.Since(start) >= k.after {
					break wait
				}
				if k.docs > 0 {
					// The table may not exist yet: not an error.
					if n, err := countDocs(db); err == nil && n >= k.docs {
						break wait
					}
				}
			}
		}
		time.Sleep(k.jitter)
		cmd.Process.Signal(syscall.SIGKILL)
	}
	err := <-done
	return out.String(), err
}

// writeCorpus writes n plain-text news reports (French and English, with
// a dateline, two to four sentences each) under dir, a few of them twice
// under another name, and returns how many distinct texts it wrote.
func writeCorpus(t *testing.T, dir string, n int) int {
	t.Helper()
	type country struct{ fr, en, cityFR, cityEN string }
	countries := []country{
		{"iranien", "Iranian", "TÉHÉRAN", "TEHRAN"}, {"russe", "Russian", "MOSCOU", "MOSCOW"},
		{"français", "French", "PARIS", "PARIS"}, {"indien", "Indian", "NEW DELHI", "NEW DELHI"},
		{"turc", "Turkish", "ANKARA", "ANKARA"}, {"allemand", "German", "BERLIN", "BERLIN"},
		{"italien", "Italian", "ROME", "ROME"}, {"égyptien", "Egyptian", "LE CAIRE", "CAIRO"},
		{"japonais", "Japanese", "TOKYO", "TOKYO"}, {"chinois", "Chinese", "PÉKIN", "BEIJING"},
		{"malien", "Malian", "BAMAKO", "BAMAKO"}, {"sénégalais", "Senegalese", "DAKAR", "DAKAR"},
		{"marocain", "Moroccan", "RABAT", "RABAT"}, {"brésilien", "Brazilian", "BRASILIA", "BRASILIA"},
	}
	daysFR := []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi"}
	daysEN := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	fr := []string{
		"Le président %[1]s a reçu le Premier ministre %[2]s %[3]s.",
		"Le ministre %[1]s des Affaires étrangères a rencontré son homologue %[2]s %[3]s.",
		"Le gouvernement %[1]s a condamné les déclarations du gouvernement %[2]s.",
		"Le président %[1]s a menacé le gouvernement %[2]s de sanctions économiques.",
	}
	en := []string{
		"The %[1]s foreign minister met his %[2]s counterpart on %[3]s.",
		"The %[1]s prime minister hosted the %[2]s president on %[3]s.",
		"The %[1]s government condemned the %[2]s government on %[3]s.",
		"The %[1]s government accused the %[2]s government of interference.",
	}
	monthsFR := []string{"mai", "juin"}
	monthsEN := []string{"May", "June"}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// A fixed corpus: the same seed every run, so that a failure can be
	// reproduced from the kill seed alone.
	rng := rand.New(rand.NewPCG(42, 42))
	seen := map[string]bool{}
	distinct := 0
	for i := 0; distinct < n; i++ {
		lang := "fr"
		if i%2 == 1 {
			lang = "en"
		}
		where := countries[rng.IntN(len(countries))]
		month, day := rng.IntN(2), 3+rng.IntN(20)
		var b strings.Builder
		if lang == "fr" {
			fmt.Fprintf(&b, "%s, %d %s 2024 (AFP) - ", where.cityFR, day, monthsFR[month])
		} else {
			fmt.Fprintf(&b, "%s, %s %d, 2024 (Reuters) - ", where.cityEN, monthsEN[month], day)
		}
		for s := range 2 + rng.IntN(3) {
			// A small pool of dyads, so that reports of one event recur.
			a := countries[rng.IntN(5)]
			o := countries[5+rng.IntN(len(countries)-5)]
			if s > 0 {
				b.WriteString(" ")
			}
			if lang == "fr" {
				fmt.Fprintf(&b, fr[rng.IntN(len(fr))], a.fr, o.fr, daysFR[rng.IntN(len(daysFR))])
			} else {
				fmt.Fprintf(&b, en[rng.IntN(len(en))], a.en, o.en, daysEN[rng.IntN(len(daysEN))])
			}
		}
		text := b.String() + "\n"
		if seen[text] {
			continue
		}
		seen[text] = true
		distinct++
		sub := filepath.Join(dir, fmt.Sprintf("batch%02d", i/50))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(sub, fmt.Sprintf("%s-%04d.txt", lang, i))
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if i%37 == 0 { // the same report again, under another name
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("copy-%04d.txt", i)), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return distinct
}

// storeRows is what a database holds, each row as one sorted string.
type storeRows struct {
	docs, events, mentions []string
}

func snapshot(t *testing.T, path string) storeRows {
	t.Helper()
	db := openRaw(t, path)
	defer db.Close()
	var s storeRows
	s.docs = queryRows(t, db, `SELECT name, hash, ifnull(error, '') FROM documents`)
	s.events = queryRows(t, db, `SELECT code, source_key, target_key, ifnull(date, ''), modality,
		ifnull(place_country, ''), num_mentions, num_sources, langs FROM events`)
	s.mentions = queryRows(t, db, `SELECT d.name, m.evidence_start, m.evidence_end, m.trigger,
		e.code, e.source_key, e.target_key, ifnull(e.date, ''), e.modality
		FROM mentions m JOIN documents d ON d.id = m.doc_id JOIN events e ON e.id = m.event_id`)
	return s
}

// checkConsistent checks a database after a kill: it is intact, and every
// count agrees with the rows it counts, nothing is stored twice.
func checkConsistent(t *testing.T, path, when string, ref []string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return // killed before the database was created
	}
	db := openRaw(t, path)
	defer db.Close()
	checks := []struct{ what, query string }{
		{"integrity", `SELECT 1 FROM pragma_integrity_check WHERE integrity_check <> 'ok'`},
		{"num_mentions differs from the mentions", `SELECT id FROM events e
			WHERE num_mentions <> (SELECT count(*) FROM mentions WHERE event_id = e.id)`},
		{"num_sources differs from the publishers", `SELECT id FROM events e
			WHERE num_sources <> (SELECT count(*) FROM event_sources WHERE event_id = e.id)`},
		{"an event without mention", `SELECT id FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions WHERE event_id = e.id)`},
		{"an event stored twice", `SELECT code FROM events GROUP BY code, source_key, target_key, date, modality, place_country HAVING count(*) > 1`},
		{"a document stored twice", `SELECT name FROM documents GROUP BY name HAVING count(*) > 1`},
		{"a mention stored twice", `SELECT doc_id FROM mentions GROUP BY doc_id, evidence_start, evidence_end, event_id HAVING count(*) > 1`},
	}
	for _, c := range checks {
		if rows := queryRows(t, db, c.query); len(rows) > 0 {
			t.Errorf("%s: %s: %v", when, c.what, rows[:min(len(rows), 5)])
		}
	}
	// Every stored document is one of the uninterrupted run's, with all
	// of its mentions: a document is stored whole or not at all.
	if ref == nil {
		return
	}
	var bad []string
	for _, r := range queryRows(t, db, docMentions) {
		if !slices.Contains(ref, r) {
			bad = append(bad, r)
		}
	}
	if len(bad) > 0 {
		t.Errorf("%s: %d documents differ from the uninterrupted run (name | hash | mentions): %v", when, len(bad), bad[:min(len(bad), 5)])
	}
}

// docMentions lists each document with its hash and number of mentions.
const docMentions = `SELECT d.name, d.hash, count(m.id) FROM documents d
	LEFT JOIN mentions m ON m.doc_id = d.id GROUP BY d.id`

func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func queryRows(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = fmt.Sprint(v)
		}
		out = append(out, strings.Join(parts, " | "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// compareRows reports the rows only one side has.
func compareRows(t *testing.T, what string, got, want []string) {
	t.Helper()
	count := func(rows []string) map[string]int {
		m := map[string]int{}
		for _, r := range rows {
			m[r]++
		}
		return m
	}
	g, w := count(got), count(want)
	var missing, extra []string
	for r, n := range w {
		if g[r] < n {
			missing = append(missing, r)
		}
	}
	for r, n := range g {
		if w[r] < n {
			extra = append(extra, r)
		}
	}
	if len(missing)+len(extra) > 0 {
		slices.Sort(missing)
		slices.Sort(extra)
		t.Errorf("%s: %d rows after the kills, %d uninterrupted; missing %d %v; extra %d %v", what, len(got), len(want),
			len(missing), missing[:min(len(missing), 5)], len(extra), extra[:min(len(extra), 5)])
	}
}
