package queue_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"entente"
	"entente/internal/queue"
	"entente/internal/queue/queuetest"
)

func open(t *testing.T, url string, opt queue.Options) *queue.Queue {
	t.Helper()
	q, err := queue.Open(context.Background(), url, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func consumer(t *testing.T, q *queue.Queue) *queue.Consumer {
	t.Helper()
	c, err := q.Consumer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fetch takes what the queue hands out within wait.
func fetch(t *testing.T, c *queue.Consumer, wait time.Duration) []*queue.Delivery {
	t.Helper()
	return fetchN(t, c, 10, wait)
}

func fetchN(t *testing.T, c *queue.Consumer, n int, wait time.Duration) []*queue.Delivery {
	t.Helper()
	ds, err := c.Fetch(context.Background(), n, wait)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	q := open(t, queuetest.Server(t).ClientURL(), queue.Options{})
	date := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	docs := []struct {
		doc     *entente.Document
		failure error
	}{
		{doc: &entente.Document{ID: "a.txt", Text: "Le président a reçu son homologue.", Lang: "fr", Date: date,
			DateFrom: "metadata", URL: "https://example.org/a", Title: "Une visite", Site: "Exemple",
			Chrome: []entente.Span{{Start: 3, End: 9}}}},
		{doc: &entente.Document{ID: "b.txt", Text: "The minister resigned."}},
		{doc: &entente.Document{ID: "https://example.org/gone"}, failure: errors.New("fetch: 404 Not Found")},
	}
	for _, d := range docs {
		dup, err := q.Publish(ctx, d.doc, d.failure)
		if err != nil || dup {
			t.Fatalf("publish %s: duplicate %v, %v", d.doc.ID, dup, err)
		}
	}
	// The same text under another name is the same message.
	if dup, err := q.Publish(ctx, &entente.Document{ID: "copy.txt", Text: "The minister resigned."}, nil); err != nil || !dup {
		t.Errorf("publish again: duplicate %v, %v; want a duplicate", dup, err)
	}
	if n, err := q.Pending(ctx); err != nil || n != len(docs) {
		t.Errorf("pending: %d, %v; want %d", n, err, len(docs))
	}
	got := fetch(t, consumer(t, q), time.Second)
	if len(got) != len(docs) {
		t.Fatalf("fetched %d documents, want %d", len(got), len(docs))
	}
	for i, d := range got {
		if !reflect.DeepEqual(d.Doc, docs[i].doc) {
			t.Errorf("document %d:\n got %+v\nwant %+v", i, d.Doc, docs[i].doc)
		}
		if (d.Failure == nil) != (docs[i].failure == nil) || d.Failure != nil && d.Failure.Error() != docs[i].failure.Error() {
			t.Errorf("document %d: failure %v, want %v", i, d.Failure, docs[i].failure)
		}
		if d.Attempt != 1 {
			t.Errorf("document %d: attempt %d, want 1", i, d.Attempt)
		}
		if err := d.Ack(ctx); err != nil {
			t.Error(err)
		}
	}
	// Work-queue retention: an acked document leaves the stream.
	if n, err := q.Pending(ctx); err != nil || n != 0 {
		t.Errorf("pending after the acks: %d, %v; want 0", n, err)
	}
}

func TestTooLarge(t *testing.T) {
	ctx := context.Background()
	q := open(t, queuetest.Server(t).ClientURL(), queue.Options{MaxBytes: 4096})
	if q.MaxBytes() != 4096 {
		t.Fatalf("MaxBytes %d, want 4096", q.MaxBytes())
	}
	big := &entente.Document{ID: "big.txt", Text: strings.Repeat("Un long texte. ", 400)}
	_, err := q.Publish(ctx, big, nil)
	var tl *queue.TooLargeError
	if !errors.As(err, &tl) || tl.Doc != "big.txt" || tl.Max != 4096 || tl.Size <= 4096 {
		t.Fatalf("publish of %d bytes: %v; want a TooLargeError", len(big.Text), err)
	}
	if !strings.Contains(err.Error(), "big.txt") || !strings.Contains(err.Error(), "limit") {
		t.Errorf("error %q does not say which document and why", err)
	}
	// The queue still takes the others.
	if _, err := q.Publish(ctx, &entente.Document{ID: "small.txt", Text: "Un texte court."}, nil); err != nil {
		t.Fatal(err)
	}
}

// TestDeadLetter fails a document on each try: it comes back after each
// failure but the last, then lands in the dead-letter stream with its last
// error while the other document is acked.
func TestDeadLetter(t *testing.T) {
	ctx := context.Background()
	q := open(t, queuetest.Server(t).ClientURL(), queue.Options{Tries: 3, AckWait: 5 * time.Second})
	c := consumer(t, q)
	for _, text := range []string{"poison", "fine"} {
		if _, err := q.Publish(ctx, &entente.Document{ID: text + ".txt", Text: text}, nil); err != nil {
			t.Fatal(err)
		}
	}
	var tries int
	deadline := time.Now().Add(20 * time.Second)
	for dead := false; !dead && time.Now().Before(deadline); {
		for _, d := range fetch(t, c, 500*time.Millisecond) {
			if d.Doc.Text == "fine" {
				if err := d.Ack(ctx); err != nil {
					t.Fatal(err)
				}
				continue
			}
			tries++
			if d.Attempt != tries {
				t.Errorf("try %d delivered as attempt %d", tries, d.Attempt)
			}
			var err error
			if dead, err = d.Fail(ctx, errors.New("coder panicked on try "+string(rune('0'+tries)))); err != nil {
				t.Fatal(err)
			}
		}
	}
	if tries != 3 {
		t.Fatalf("the poisoned document was tried %d times, want 3", tries)
	}
	if ds := fetch(t, c, 1500*time.Millisecond); len(ds) != 0 {
		t.Errorf("after the dead letter, %d documents still delivered", len(ds))
	}
	if n, err := q.Pending(ctx); err != nil || n != 0 {
		t.Errorf("pending: %d, %v; want 0", n, err)
	}
	dl, err := q.DeadLetters(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dl) != 1 || dl[0].Doc.ID != "poison.txt" || dl[0].Err != "coder panicked on try 3" || dl[0].Deliveries != 3 {
		t.Fatalf("dead letters: %+v; want poison.txt after 3 tries with the last error", dl)
	}
}

// TestRedelivery: a document whose worker never answers comes back after
// AckWait, as a suspect; one kept alive with heartbeats does not. Strikes
// count against a document across deliveries, an ack takes them back, and
// a dead letter forgets them.
func TestRedelivery(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for ack deadlines; skipped with -short")
	}
	ctx := context.Background()
	const ackWait = 600 * time.Millisecond
	q := open(t, queuetest.Server(t).ClientURL(), queue.Options{Tries: 2, AckWait: ackWait})
	c := consumer(t, q)
	for _, name := range []string{"slow", "fine"} {
		if _, err := q.Publish(ctx, &entente.Document{ID: name + ".txt", Text: name}, nil); err != nil {
			t.Fatal(err)
		}
	}
	ds := fetchN(t, c, 2, time.Second)
	if len(ds) != 2 || ds[0].Suspect() {
		t.Fatalf("fetched %d, want 2 fresh ones", len(ds))
	}
	stop := c.KeepAlive(ds)
	if again := fetch(t, c, 3*ackWait); len(again) != 0 {
		t.Errorf("a document kept alive was delivered again")
	}
	stop()
	// No ack, no heartbeat: delivered again, as suspects; each struck
	// before its try.
	for attempt := 2; attempt <= 3; attempt++ {
		ds = fetchN(t, c, 2, 3*ackWait)
		if len(ds) != 2 || ds[0].Attempt != attempt || !ds[0].Suspect() {
			t.Fatalf("after AckWait: %d documents; want 2 at attempt %d", len(ds), attempt)
		}
		for _, d := range ds {
			if n, err := d.Strike(ctx); n != attempt-1 || err != nil {
				t.Errorf("strike %s on attempt %d: %d, %v", d.Doc.ID, attempt, n, err)
			}
		}
	}
	slow, fine := ds[0], ds[1]
	if slow.Doc.ID != "slow.txt" {
		slow, fine = fine, slow
	}
	if err := fine.Ack(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := fine.Strikes(ctx); n != 0 || err != nil {
		t.Errorf("strikes after the ack: %d, %v; want 0", n, err)
	}
	if n, err := slow.Strikes(ctx); n != q.Tries() || err != nil {
		t.Fatalf("strikes: %d, %v; want %d", n, err, q.Tries())
	}
	if err := slow.Dead(ctx, errors.New("no answer")); err != nil {
		t.Fatal(err)
	}
	if n, err := slow.Strikes(ctx); n != 0 || err != nil {
		t.Errorf("strikes after the dead letter: %d, %v; want 0", n, err)
	}
	if dl, err := q.DeadLetters(ctx, 10); err != nil || len(dl) != 1 || dl[0].Err != "no answer" {
		t.Errorf("dead letters %+v, %v", dl, err)
	}
	if n, err := q.Pending(ctx); n != 0 || err != nil {
		t.Errorf("pending %d, %v; want 0", n, err)
	}
}
