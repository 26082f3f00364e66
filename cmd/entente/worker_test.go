package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"entente"
	"entente/internal/pipeline"
	"entente/internal/queue"
	"entente/internal/queue/queuetest"
)

// buildEntente builds the entente binary into a temporary folder.
func buildEntente(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "entente")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runBin runs the binary to its end and fails the test on an error.
func runBin(t *testing.T, bin string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("entente %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// startWorker starts `entente worker` in the background; wait returns its
// error once it ended.
func startWorker(t *testing.T, bin string, args ...string) (cmd *exec.Cmd, wait func() (string, error)) {
	t.Helper()
	cmd = exec.Command(bin, append([]string{"worker"}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, func() (string, error) {
		select {
		case err := <-done:
			return out.String(), err
		case <-time.After(2 * time.Minute):
			cmd.Process.Kill()
			return out.String(), errors.New("worker still running after 2 minutes")
		}
	}
}

// waitStored waits until the SQLite store at db holds at least n
// documents, or the worker ended.
func waitStored(t *testing.T, db string, n int, ended func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) && !ended() {
		if got, err := countDocs(db); err == nil && got >= n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// reference ingests the corpus without a queue: what every queued run
// must store.
func reference(t *testing.T, bin, news string, ndocs int) storeRows {
	t.Helper()
	ref := filepath.Join(t.TempDir(), "ref.db")
	runBin(t, bin, "ingest", "--db", ref, news)
	want := snapshot(t, ref)
	if len(want.docs) != ndocs || len(want.events) < ndocs/2 {
		t.Fatalf("the corpus codes too little to test anything: %d of %d documents, %d events", len(want.docs), ndocs, len(want.events))
	}
	return want
}

func compareStores(t *testing.T, db string, want storeRows) {
	t.Helper()
	compareSnapshots(t, snapshot(t, db), want)
	checkConsistent(t, db, "at the end", nil)
}

// TestWorkerKilled publishes a corpus to a JetStream queue (a real server
// in this process), runs `entente worker` (a real process) and kills it
// with SIGKILL several times while it stores, restarting it each time;
// the store at the end holds what a plain `entente ingest` of the corpus
// holds: every document coded and stored once.
func TestWorkerKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("kills worker processes: skipped with -short")
	}
	bin := buildEntente(t)
	news := filepath.Join(t.TempDir(), "news")
	ndocs := writeCorpus(t, news, 300)
	want := reference(t, bin, news, ndocs)

	url := queuetest.Server(t).ClientURL()
	out := runBin(t, bin, "ingest", "--queue", url, news)
	if !strings.Contains(out, fmt.Sprintf("%d documents wait in the queue", ndocs)) {
		t.Fatalf("ingest --queue: %s; want %d documents queued", out, ndocs)
	}
	db := filepath.Join(t.TempDir(), "worker.db")
	args := []string{"--queue", url, "--db", db, "--ack-wait", "2s", "--until-empty", "--workers", "2"}
	const kills = 4
	for k := range kills {
		cmd, wait := startWorker(t, bin, args...)
		var ended bool
		var mu sync.Mutex
		go func() {
			_, _ = wait()
			mu.Lock()
			ended = true
			mu.Unlock()
		}()
		waitStored(t, db, (k+1)*ndocs/(kills+1), func() bool { mu.Lock(); defer mu.Unlock(); return ended })
		time.Sleep(time.Duration(k) * 150 * time.Millisecond) // kills land while coding, storing and acking
		cmd.Process.Signal(syscall.SIGKILL)
		mu.Lock()
		if ended {
			t.Fatalf("worker %d ended before it was killed", k+1)
		}
		mu.Unlock()
		t.Logf("worker %d killed at %d documents stored", k+1, storedDocs(t, db))
		checkConsistent(t, db, fmt.Sprintf("after kill %d", k+1), nil)
	}
	_, wait := startWorker(t, bin, args...)
	if out, err := wait(); err != nil {
		t.Fatalf("last worker: %v\n%s", err, out)
	} else {
		t.Logf("last worker: %s", strings.TrimSpace(out))
	}
	compareStores(t, db, want)
}

// TestWorkerClusterNodeDown runs two workers against a 3-node JetStream
// cluster in this process (the queue kept by all three) and shuts the
// stream's leader down while they work: the store at the end holds what
// a plain `entente ingest` of the corpus holds.
func TestWorkerClusterNodeDown(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a 3-node cluster and worker processes: skipped with -short")
	}
	bin := buildEntente(t)
	news := filepath.Join(t.TempDir(), "news")
	ndocs := writeCorpus(t, news, 300)
	want := reference(t, bin, news, ndocs)

	nodes := queuetest.Cluster(t, 3)
	urls := queuetest.URLs(nodes...)
	runBin(t, bin, "ingest", "--queue", urls, "--replicas", "3", news)
	leader := streamLeader(t, urls)

	db := filepath.Join(t.TempDir(), "worker.db")
	var waits []func() (string, error)
	for range 2 {
		_, wait := startWorker(t, bin, "--queue", urls, "--db", db, "--ack-wait", "2s", "--until-empty", "--workers", "1")
		waits = append(waits, wait)
	}
	waitStored(t, db, ndocs/3, func() bool { return false })
	for _, n := range nodes {
		if n.Name() == leader {
			t.Logf("shutting down %s, the stream leader, at %d documents stored", leader, storedDocs(t, db))
			n.Shutdown()
		}
	}
	for i, wait := range waits {
		if out, err := wait(); err != nil {
			t.Fatalf("worker %d: %v\n%s", i, err, out)
		} else {
			t.Logf("worker %d: %s", i, strings.TrimSpace(out))
		}
	}
	compareStores(t, db, want)
}

// streamLeader names the server leading the document stream.
func streamLeader(t *testing.T, urls string) string {
	t.Helper()
	q, err := queue.Open(context.Background(), urls, queue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	leader, err := q.Leader(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return leader
}

// TestWorkerPoison codes a queue in which one document makes the coder
// panic (a hook of the worker's configuration): the document is tried
// --tries times, then lands in the dead-letter stream with the panic, and
// every other document is stored.
func TestWorkerPoison(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for retry delays: skipped with -short")
	}
	ctx := context.Background()
	url := queuetest.Server(t).ClientURL()
	q, err := queue.Open(ctx, url, queue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	const poison = "A poisoned report that the coder cannot survive."
	texts := []string{
		"Le président malien a reçu le ministre sénégalais des Affaires étrangères mardi.",
		poison,
		"The Turkish government condemned the Brazilian government on Monday.",
		"Le gouvernement japonais a condamné les déclarations du gouvernement chinois.",
		"Il governo cileno ha annunciato nuove misure economiche per il paese.", // unsupported: stored as failed
	}
	for i, text := range texts {
		if _, err := q.Publish(ctx, &entente.Document{ID: fmt.Sprintf("doc%d.txt", i), Text: text}, nil); err != nil {
			t.Fatal(err)
		}
	}
	p, err := pipeline.Load(pipeline.Knowledge(""))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	tries := 0
	db := filepath.Join(t.TempDir(), "worker.db")
	cfg := workerConfig{queue: url, db: db, workers: 2, tries: 2, ackWait: 2 * time.Second, untilEmpty: true, every: time.Hour,
		code: func(ctx context.Context, doc *entente.Document) error {
			if doc.Text == poison {
				mu.Lock()
				tries++
				mu.Unlock()
				var m map[string]int
				m["crash"]++ // a nil map write: the coder panics
			}
			return p.Code(ctx, doc)
		}}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute) // a safety net: loading the knowledge under -race on a busy machine takes a minute
	defer cancel()
	var stdout, stderr bytes.Buffer
	if err := work(ctx, cfg, &stdout, &stderr); err != nil {
		t.Fatalf("worker: %v\n%s", err, stderr.String())
	}
	t.Logf("worker: %s\n%s", strings.TrimSpace(stdout.String()), stderr.String())
	if tries != 2 {
		t.Errorf("the poisoned document was coded %d times, want 2", tries)
	}
	if !strings.Contains(stdout.String(), "1 dead letters") {
		t.Errorf("summary %q does not count the dead letter", stdout.String())
	}
	got := snapshot(t, db)
	if len(got.docs) != len(texts)-1 || len(got.events) < 3 {
		t.Errorf("stored %d documents, %d events; want %d documents, 3 or more events: %v", len(got.docs), len(got.events), len(texts)-1, got.docs)
	}
	for _, d := range got.docs {
		if strings.HasPrefix(d, "doc1.txt") {
			t.Errorf("the poisoned document was stored: %s", d)
		}
	}
	dead, err := q.DeadLetters(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dead) != 1 || dead[0].Doc.ID != "doc1.txt" || dead[0].Deliveries != 2 || !strings.Contains(dead[0].Err, "panic") {
		t.Fatalf("dead letters %+v; want doc1.txt after 2 tries with the panic", dead)
	}
	if n, err := q.Pending(ctx); err != nil || n != 0 {
		t.Errorf("pending: %d, %v; want 0", n, err)
	}
}

// crashEnv names the environment variable that makes the test binary a
// worker process whose coder dies (a real fatal error of the runtime, no
// recover possible) on every document holding crashMark: see TestMain
// (in postgres_test.go).
const (
	crashEnv  = "ENTENTE_TEST_CRASHING_WORKER"
	crashMark = "CRASH-THE-CODER"
)

// crashingWorker is the configuration TestMain reads from crashEnv.
type crashingWorker struct {
	Queue, DB string
	Tries     int
	AckWait   time.Duration
}

// runCrashingWorker runs `entente worker --until-empty` in this process
// with a coder that, on a document holding crashMark, recurses without
// end: the stack overflow is fatal, and the process dies as a worker
// whose coder crashes on a document would.
func runCrashingWorker(env string) int {
	var cw crashingWorker
	if err := json.Unmarshal([]byte(env), &cw); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	debug.SetMaxStack(16 << 20) // overflow in milliseconds, not after a gigabyte
	p, err := pipeline.Load(pipeline.Knowledge(""))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	var descend func(depth int) int
	descend = func(depth int) int { return descend(depth+1) + 1 }
	cfg := workerConfig{queue: cw.Queue, db: cw.DB, workers: 2, tries: cw.Tries, ackWait: cw.AckWait, untilEmpty: true, every: time.Hour,
		code: func(ctx context.Context, doc *entente.Document) error {
			if strings.Contains(doc.Text, crashMark) {
				descend(0)
			}
			return p.Code(ctx, doc)
		}}
	if err := work(context.Background(), cfg, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// TestWorkerCrashPoison queues a corpus and one document that kills the
// worker process coding it (a stack overflow, not a panic it could
// recover from). The worker is started again each time it dies: the
// document kills the worker of its first batch, then --tries workers that
// code it alone, and is then dead-lettered uncoded; every other document
// is stored once, as a plain ingest stores them, though they were in the
// batch the first crash took down and in flight at the later ones.
func TestWorkerCrashPoison(t *testing.T) {
	if testing.Short() {
		t.Skip("restarts crashing worker processes: skipped with -short")
	}
	ctx := context.Background()
	news := filepath.Join(t.TempDir(), "news")
	ndocs := writeCorpus(t, news, 24)
	ref := filepath.Join(t.TempDir(), "ref.db")
	began := time.Now()
	if err := run(ctx, []string{"ingest", "--db", ref, news}, strings.NewReader(""), io.Discard, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, ref)
	// AckWait, after which a document a worker holds goes to another as
	// a suspect (struck), is scaled by the speed the machine shows (the
	// ingest above: knowledge loaded, the corpus coded): on a busy
	// machine a live worker's keep-alive can come late by more than a
	// second, and a document it was coding would be struck for nothing.
	ackWait := min(20*time.Second, max(time.Second, time.Since(began)/2))
	t.Logf("ack wait %v", ackWait)

	url := queuetest.Server(t).ClientURL()
	poison := &entente.Document{ID: "poison.txt", Text: "Le ministre a parlé. " + crashMark}
	q, err := queue.Open(ctx, url, queue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if _, err := q.Publish(ctx, poison, nil); err != nil {
		t.Fatal(err)
	}
	if err := run(ctx, []string{"ingest", "--queue", url, news}, strings.NewReader(""), io.Discard, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	if n, err := q.Pending(ctx); err != nil || n != ndocs+1 {
		t.Fatalf("pending %d, %v; want %d", n, err, ndocs+1)
	}

	const tries = 2
	db := filepath.Join(t.TempDir(), "worker.db")
	env, _ := json.Marshal(crashingWorker{Queue: url, DB: db, Tries: tries, AckWait: ackWait})
	crashes := 0
	for start := 1; ; start++ {
		if start > tries+4 {
			t.Fatalf("the worker was started %d times and the queue is not empty", start-1)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashEnv+"="+string(env))
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) && strings.Contains(string(out), "stack overflow") {
			crashes++
			t.Logf("worker %d died of the poisoned document (%v) at %d documents stored", start, err, storedDocs(t, db))
			continue
		}
		if err != nil {
			t.Fatalf("worker %d: %v\n%s", start, err, out)
		}
		t.Logf("worker %d: %s", start, lastLine(string(out)))
		break
	}
	if crashes != tries+1 {
		t.Errorf("the poisoned document killed %d workers, want %d (its batch's, then --tries alone)", crashes, tries+1)
	}
	compareStores(t, db, want)
	dead, err := q.DeadLetters(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dead) != 1 || dead[0].Doc.ID != poison.ID || dead[0].Deliveries != tries+2 || !strings.Contains(dead[0].Err, "died or stalled") {
		t.Fatalf("dead letters %+v; want %s after %d deliveries", dead, poison.ID, tries+2)
	}
	if n, err := q.Pending(ctx); err != nil || n != 0 {
		t.Errorf("pending: %d, %v; want 0", n, err)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
