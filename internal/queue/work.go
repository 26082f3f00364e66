package queue

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"entente"
	"entente/internal/store"
)

// Consumer hands documents to one worker process; every worker shares the
// queue's durable consumer, so each document goes to one of them at a
// time.
type Consumer struct {
	q *Queue
	c jetstream.Consumer
}

// Consumer joins the workers' durable consumer, creating it when missing
// and setting its AckWait and deliveries from the queue's Options.
func (q *Queue) Consumer(ctx context.Context) (*Consumer, error) {
	cfg := jetstream.ConsumerConfig{
		Durable:       q.opt.Name + "_WORKERS",
		Description:   "entente workers",
		FilterSubject: q.subject,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.opt.AckWait,
		// No limit from the server: a document is delivered again to
		// every worker that takes it after one died, and only its own
		// strikes (see Delivery.Strike) end its tries, not the crashes
		// of the documents it shared a batch with.
		MaxDeliver: -1,
		Replicas:   0, // as the stream
	}
	var c jetstream.Consumer
	var err error
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 2*time.Second) {
		c, err = q.js.CreateOrUpdateConsumer(ctx, q.docs, cfg)
		if err == nil || !transient(err) || ctx.Err() != nil {
			break
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
		}
	}
	if err != nil {
		return nil, fmt.Errorf("queue: consumer: %w", err)
	}
	return &Consumer{q: q, c: c}, nil
}

// Delivery is one document handed to a worker. The worker codes and
// stores it, then calls Ack; or calls Fail with the error.
type Delivery struct {
	Doc     *entente.Document
	Failure error // why the publisher could not read it; Doc then holds only its name
	Attempt int   // 1 on the first delivery
	msg     jetstream.Msg
	q       *Queue
	struck  bool // this delivery took a strike
}

// Suspect reports whether the document was delivered before and never
// answered: its worker may have died on it (or on another document of
// its batch). A worker codes a suspect alone, after Strike.
func (d *Delivery) Suspect() bool { return d.Attempt > 1 }

// key is the document's key in the strikes bucket: its content hash.
func (d *Delivery) key() string { return store.Hash(d.Doc) }

// Strikes reports how many tries of the document ended in a failure of
// the coder or a worker that died coding it alone.
func (d *Delivery) Strikes(ctx context.Context) (int, error) {
	e, err := d.q.strikes.Get(ctx, d.key())
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("queue: strikes of %s: %w", d.Doc.ID, err)
	}
	n, err := strconv.Atoi(string(e.Value()))
	if err != nil {
		return 0, fmt.Errorf("queue: strikes of %s: %q is no count", d.Doc.ID, e.Value())
	}
	return n, nil
}

// Strike counts one try of the document against it, durably and before
// the try: a worker about to code a suspect alone strikes it first, so
// that the count stays if the worker dies; Ack takes it back. It returns
// the count.
func (d *Delivery) Strike(ctx context.Context) (int, error) {
	key := d.key()
	for range 20 { // another worker may strike it at the same moment
		e, err := d.q.strikes.Get(ctx, key)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			if _, err = d.q.strikes.Create(ctx, key, []byte("1")); err == nil {
				d.struck = true
				return 1, nil
			}
			if errors.Is(err, jetstream.ErrKeyExists) {
				continue
			}
		}
		if err != nil {
			return 0, fmt.Errorf("queue: strike %s: %w", d.Doc.ID, err)
		}
		n, _ := strconv.Atoi(string(e.Value()))
		_, err = d.q.strikes.Update(ctx, key, []byte(strconv.Itoa(n+1)), e.Revision())
		if err == nil {
			d.struck = true
			return n + 1, nil
		}
		if !errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
			return 0, fmt.Errorf("queue: strike %s: %w", d.Doc.ID, err)
		}
	}
	return 0, fmt.Errorf("queue: strike %s: too many workers at once", d.Doc.ID)
}

// forget deletes the document's strikes once it is resolved.
func (d *Delivery) forget(ctx context.Context) {
	if err := d.q.strikes.Delete(ctx, d.key()); err != nil && !errors.Is(err, jetstream.ErrKeyNotFound) {
		d.q.opt.Log.Warn("queue: strikes not deleted (they expire)", "doc", d.Doc.ID, "err", err)
	}
}

// Fetch waits up to wait for at most max documents. A message that does
// not decode is dead-lettered at once and not returned. A fetch error that
// may pass (a reconnect, an election) is returned; the caller fetches
// again.
func (c *Consumer) Fetch(ctx context.Context, max int, wait time.Duration) ([]*Delivery, error) {
	batch, err := c.c.Fetch(max, jetstream.FetchMaxWait(wait))
	if err != nil {
		return nil, fmt.Errorf("queue: fetch: %w", err)
	}
	var out []*Delivery
	for msg := range batch.Messages() {
		meta, err := msg.Metadata()
		if err != nil {
			c.q.opt.Log.Warn("queue: message without metadata", "err", err)
			continue
		}
		d := &Delivery{Attempt: int(meta.NumDelivered), msg: msg, q: c.q}
		d.Doc, d.Failure, err = decode(msg.Data())
		if err != nil {
			if derr := d.dead(ctx, err); derr != nil {
				c.q.opt.Log.Error("queue: dead letter", "err", derr)
			}
			continue
		}
		out = append(out, d)
	}
	if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) {
		return out, fmt.Errorf("queue: fetch: %w", err)
	}
	return out, nil
}

// Ack tells the server the document is stored and waits for its answer.
// A lost ack is harmless: the document comes back, and the store finds it
// stored. Its strikes, if any, are deleted.
func (d *Delivery) Ack(ctx context.Context) error {
	if err := d.msg.DoubleAck(ctx); err != nil {
		return fmt.Errorf("queue: ack %s: %w", d.Doc.ID, err)
	}
	if d.struck || d.Suspect() {
		d.forget(ctx)
	}
	return nil
}

// Fail reports that the coder failed on the document this time (a
// panic). It strikes the document, unless this delivery did already; at
// Tries strikes the document is published to the dead-letter stream with
// err and terminated (dead is then true); before that it is delivered
// again after a delay that grows with the strikes.
func (d *Delivery) Fail(ctx context.Context, err error) (dead bool, _ error) {
	n, serr := d.Strikes(ctx)
	if serr == nil && !d.struck {
		n, serr = d.Strike(ctx)
	}
	if serr != nil {
		// Strikes cannot be counted for now: count deliveries instead.
		d.q.opt.Log.Warn("queue: strikes unavailable", "err", serr)
		n = d.Attempt
	}
	if n >= d.q.opt.Tries {
		return true, d.Dead(ctx, err)
	}
	delay := min(time.Duration(n)*time.Second, d.q.opt.AckWait)
	if nerr := d.msg.NakWithDelay(delay); nerr != nil {
		return false, fmt.Errorf("queue: nak %s: %w", d.Doc.ID, nerr)
	}
	return false, nil
}

// Dead publishes the document to the dead-letter stream with cause and
// terminates it: it is not delivered again.
func (d *Delivery) Dead(ctx context.Context, cause error) error {
	if err := d.dead(ctx, cause); err != nil {
		return err
	}
	d.forget(ctx)
	return nil
}

// dead publishes the message with its last error to the dead-letter
// stream (deduplicated by content hash, like documents), then terminates
// it. Were the worker to die between the two, the message comes back and
// the second publish is a duplicate.
func (d *Delivery) dead(ctx context.Context, cause error) error {
	name := "?"
	if d.Doc != nil {
		name = d.Doc.ID
	}
	msg := &nats.Msg{Subject: d.q.deadSubj, Data: d.msg.Data(), Header: nats.Header{}}
	msg.Header.Set(HeaderError, cause.Error())
	msg.Header.Set(HeaderDeliveries, strconv.Itoa(d.Attempt))
	id := d.msg.Headers().Get(jetstream.MsgIDHeader)
	if id == "" {
		meta, _ := d.msg.Metadata()
		if meta != nil {
			id = fmt.Sprintf("seq-%d", meta.Sequence.Stream)
		}
	}
	if _, err := d.q.publish(ctx, msg, id); err != nil {
		return fmt.Errorf("queue: dead letter %s: %w", name, err)
	}
	d.q.opt.Log.Warn("queue: dead letter", "doc", name, "tries", d.Attempt, "err", cause)
	if err := d.msg.TermWithReason(cause.Error()); err != nil {
		return fmt.Errorf("queue: terminate %s: %w", name, err)
	}
	return nil
}

// KeepAlive tells the server, every third of AckWait until stop is
// called, that the deliveries are still being worked on, so that a slow
// document is not delivered to another worker meanwhile.
func (c *Consumer) KeepAlive(ds []*Delivery) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(c.q.opt.AckWait / 3)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				for _, d := range ds {
					d.msg.InProgress()
				}
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
