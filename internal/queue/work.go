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
		// One delivery more than the tries: a document whose worker died
		// on each try comes back once more to be dead-lettered.
		MaxDeliver: q.opt.Tries + 1,
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
}

// Exhausted reports whether every try was spent by workers that never
// answered (they died or stalled on it): the document must not be tried
// again, only stored if it was, else dead-lettered.
func (d *Delivery) Exhausted() bool { return d.Attempt > d.q.opt.Tries }

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
// stored.
func (d *Delivery) Ack(ctx context.Context) error {
	if err := d.msg.DoubleAck(ctx); err != nil {
		return fmt.Errorf("queue: ack %s: %w", d.Doc.ID, err)
	}
	return nil
}

// Fail reports that the document could not be coded or stored this time.
// On its last try it is published to the dead-letter stream with err and
// terminated (dead is then true); before that it is delivered again after
// a delay that grows with the tries.
func (d *Delivery) Fail(ctx context.Context, err error) (dead bool, _ error) {
	if d.Attempt >= d.q.opt.Tries {
		return true, d.dead(ctx, err)
	}
	delay := min(time.Duration(d.Attempt)*time.Second, d.q.opt.AckWait)
	if nerr := d.msg.NakWithDelay(delay); nerr != nil {
		return false, fmt.Errorf("queue: nak %s: %w", d.Doc.ID, nerr)
	}
	return false, nil
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
