package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
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
	// Enough documents for about ten kills by progress: each run stores at
	// least one transaction (up to batchDocs documents) before its kill.
	ndocs := writeCorpus(t, news, 800)

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
		crashIngest(bin, filepath.Join(tmp, "empty.db"), empty, kill{}, refTimeout)
		startup <- time.Since(start)
	}()
	start := time.Now()
	if out, err := crashIngest(bin, ref, news, kill{}, refTimeout); err != nil {
		t.Fatalf("uninterrupted ingest: %v\n%s", err, out)
	}
	full, warm := time.Since(start), <-startup
	// A later run has at most the whole corpus to store, at the speed the
	// machine showed: its deadline is scaled by it (a slow run on a busy
	// machine is no failure; one that hangs is).
	timeout := max(3*time.Minute, 5*full)
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
	// cores and a run mostly waits for one): each is killed about 10 times,
	// restarted each time, then left to finish.
	for chain := range 2 {
		t.Run(fmt.Sprintf("chain%d", chain), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, uint64(chain)))
			db := filepath.Join(tmp, fmt.Sprintf("crash%d.db", chain))
			crashChain(t, rng, bin, db, news, warm, timeout, ndocs, refDocs)
			compareSnapshots(t, snapshot(t, db), want)
			checkConsistent(t, db, "at the end", refDocs)
		})
	}
}

// crashChain runs ingest into db and kills it, checking the database
// after each kill, until every kill point is used, then runs it to the
// end. The kill points are chosen by progress, not by the clock, so that
// a busy machine tests the same as a quiet one: a run is killed once the
// database holds a random number of new documents, either right then or
// when it next writes (inside its next transaction, or just after), so
// that the chain advances through the corpus by random steps and kills
// land between and inside transactions. The run is held stopped while
// the count is read (see crashIngest), so that it cannot run past the
// point however slowly the test itself is scheduled. A kill by progress
// is only chosen while two transactions of documents remain to store,
// so a run that finishes first is a failure. A busy machine can still
// let a run go on past its point for a while before the test looks
// again (a transaction or two): each kill point is drawn from half of
// the corpus left per kill still wanted, so that such overruns do not
// use up the corpus before wantKills kills, and the chain stops killing
// once it has them. Every fourth run is instead
// killed around its start (knowledge loading, the database opening), at
// a random part of warm, the start timed under the same load; such a run
// has that much left to store and cannot end before, but one that does
// is only counted.
func crashChain(t *testing.T, rng *rand.Rand, bin, db, news string, warm, timeout time.Duration, ndocs int, refDocs []string) {
	limit := ndocs - 2*batchDocs
	const wantKills = 6
	kills, startKills, early := 0, 0, 0
	var overrun []int // documents stored past each kill point
	for i := 0; ; i++ {
		stored := storedDocs(t, db)
		if stored >= limit || kills == wantKills {
			break
		}
		if i == 100 {
			t.Fatalf("%d runs and still %d of %d documents stored", i, stored, ndocs)
		}
		var k kill
		if i%4 == 3 {
			k.after = time.Millisecond + time.Duration(rng.Int64N(int64(warm)))
		} else {
			step := max(1, (limit-stored)/(2*(wantKills-kills)))
			k.docs = min(limit, stored+1+rng.IntN(step))
			k.nextWrite = rng.IntN(2) == 0
			k.seed = rng.Uint64()
		}
		out, err := crashIngest(bin, db, news, k, timeout)
		var exit *exec.ExitError
		killed := errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL
		switch {
		case killed && k.docs > 0:
			kills++
			overrun = append(overrun, storedDocs(t, db)-k.docs)
		case killed:
			startKills++
		case err == nil && k.docs == 0:
			early++
		case err == nil:
			t.Fatalf("run %d (%+v, %d documents stored before) finished before its kill point", i, k, stored)
		default:
			t.Fatalf("run %d (%+v): %v\n%s", i, k, err, out)
		}
		checkConsistent(t, db, fmt.Sprintf("after run %d (%+v, %d documents stored before)", i, k, stored), refDocs)
	}
	if kills < 4 {
		t.Fatalf("only %d runs were killed by progress: the corpus is too small for the transactions", kills)
	}
	before := storedDocs(t, db)
	if out, err := crashIngest(bin, db, news, kill{}, timeout); err != nil {
		t.Fatalf("last ingest: %v\n%s", err, out)
	}
	t.Logf("%d runs killed by progress (documents stored past their points: %v), %d around their start (%d more finished first); %d of %d documents stored before the last run",
		kills, overrun, startKills, early, before, ndocs)
}

// kill says when to kill a run: once the database holds docs documents
// (then at once, or at the run's next write with nextWrite; seed varies
// the steps), or else after a time. The zero kill lets the run finish.
type kill struct {
	after     time.Duration
	docs      int
	nextWrite bool
	seed      uint64
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

// refTimeout bounds the uninterrupted run, which times the others.
const refTimeout = 15 * time.Minute

// crashIngest runs `entente ingest --db db dir` and kills it with SIGKILL
// as k says, unless it ended before; a run still going after timeout is
// killed too (and its kill is an error, not one of k's).
func crashIngest(bin, db, dir string, k kill, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "ingest", "--db", db, dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	switch {
	case k.docs > 0:
		var ended bool
		if ended, err = stepUntil(cmd.Process, db, k, done); !ended {
			cmd.Process.Signal(syscall.SIGKILL)
			err = <-done
		}
	case k.after > 0:
		select {
		case err = <-done:
		case <-time.After(k.after):
			cmd.Process.Signal(syscall.SIGKILL)
			err = <-done
		}
	default:
		err = <-done
	}
	if ctx.Err() != nil {
		err = fmt.Errorf("still running after %v (%v)", timeout, err)
	}
	// The output is read once the process has ended (Wait copies it).
	return out.String(), err
}

// stepUntil lets p run in short steps, stopped (SIGSTOP) after each while
// the test looks at db, until the kill point k is reached; p is then left
// stopped for its kill. When p ends before, it returns ended and p's
// result. The database is
// counted only when its write-ahead log has changed since the last count:
// a stat between steps is cheap, a query is not.
func stepUntil(p *os.Process, db string, k kill, done <-chan error) (ended bool, result error) {
	rng := rand.New(rand.NewPCG(k.seed, 1))
	poll, err := sql.Open("sqlite", db+"?_pragma=busy_timeout(0)")
	if err != nil {
		return false, err
	}
	defer poll.Close()
	wal := func() string {
		fi, err := os.Stat(db + "-wal")
		if err != nil {
			return ""
		}
		return fmt.Sprint(fi.Size(), fi.ModTime().UnixNano())
	}
	last, unread, reached := wal(), true, false
	for {
		// One step: from 0.5 to 3 ms of the run's time.
		time.Sleep(500*time.Microsecond + time.Duration(rng.Int64N(int64(2500*time.Microsecond))))
		select {
		case err := <-done:
			return true, err
		default:
		}
		if err := p.Signal(syscall.SIGSTOP); err != nil {
			return true, <-done
		}
		if w := wal(); w != last {
			last = w
			if reached {
				return false, nil // the write after the kill point: kill it there
			}
			unread = true
		}
		if unread {
			var n int
			// A busy database (a recovery after the last kill) is
			// counted at the next step.
			if err := poll.QueryRow(`SELECT count(*) FROM documents`).Scan(&n); err == nil {
				unread = false
				if n >= k.docs {
					if !k.nextWrite {
						return false, nil
					}
					reached = true
				}
			}
		}
		p.Signal(syscall.SIGCONT)
	}
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
	docs, events, reports, mentions []string
}

// compareSnapshots reports every row of got that want lacks or has fewer
// times, table by table.
func compareSnapshots(t *testing.T, got, want storeRows) {
	t.Helper()
	compareRows(t, "documents", got.docs, want.docs)
	compareRows(t, "events", got.events, want.events)
	compareRows(t, "reports per event identity", got.reports, want.reports)
	compareRows(t, "mentions", got.mentions, want.mentions)
}

func snapshot(t *testing.T, path string) storeRows {
	t.Helper()
	db := openRaw(t, path)
	defer db.Close()
	var s storeRows
	s.docs = queryRows(t, db, `SELECT name, hash, ifnull(error, '') FROM documents`)
	// An event is compared by its identity and place; how many reports it
	// holds is compared per identity over all places: a report that names
	// no place joins the first stored event of its identity, so when the
	// same act is told in two places, which of the two takes the placeless
	// report depends on the order the documents arrived in, and runs that
	// store them in another order differ there and nowhere else.
	s.events = queryRows(t, db, `SELECT code, source_key, target_key, ifnull(date, ''), modality,
		ifnull(place_country, '') FROM events`)
	reports := map[string]int{}
	langs := map[string]map[string]bool{}
	for _, row := range queryRows(t, db, `SELECT code, source_key, target_key, ifnull(date, ''), modality,
		num_mentions, langs FROM events`) {
		cols := strings.Split(row, " | ")
		id := strings.Join(cols[:5], " | ")
		n, err := strconv.Atoi(cols[5])
		if err != nil {
			t.Fatalf("num_mentions %q: %v", cols[5], err)
		}
		reports[id] += n
		if langs[id] == nil {
			langs[id] = map[string]bool{}
		}
		for _, l := range strings.Split(strings.Trim(cols[6], ","), ",") {
			langs[id][l] = true
		}
	}
	for id, n := range reports {
		set := slices.Sorted(maps.Keys(langs[id]))
		s.reports = append(s.reports, fmt.Sprintf("%s | %d | %s", id, n, strings.Join(set, ",")))
	}
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
