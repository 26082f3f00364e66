// Package queue is the work queue between `entente ingest --queue`, which
// reads documents, and `entente worker`, which codes and stores them: a
// NATS JetStream stream with the work-queue retention policy, through the
// official client (github.com/nats-io/nats.go and its jetstream package).
//
// A message is one read document (id, text, language, date, URL, title,
// site, page chrome and content hash, as JSON) or a document that could
// not be read (its name and the error). Its Nats-Msg-Id is the content
// hash, so publishing the same text twice within the stream's duplicate
// window stores one message. Workers take messages from one durable pull
// consumer with explicit acks: a message is acked only after the store
// committed it, kept alive with in-progress heartbeats while it is worked
// on, and delivered again when a worker dies (after AckWait). A document
// that fails Tries times is published to the dead-letter stream with its
// last error, then terminated, so that the rest goes on.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"entente"
	"entente/internal/store"
)

// Defaults for Options.
const (
	DefaultName       = "ENTENTE"
	DefaultAckWait    = 30 * time.Second
	DefaultTries      = 3
	DefaultMaxBytes   = 1 << 20 // the NATS server's default max_payload
	DefaultDuplicates = 20 * time.Minute
)

// Header names of a message.
const (
	// HeaderError holds, on a dead letter, the last error of the document.
	HeaderError = "Entente-Error"
	// HeaderDeliveries holds, on a dead letter, how often it was delivered.
	HeaderDeliveries = "Entente-Deliveries"
)

// Options configure a Queue. The zero value uses the defaults.
type Options struct {
	// Name prefixes the streams ("ENTENTE_DOCS", "ENTENTE_DEAD"), their
	// subjects ("entente.docs", "entente.dead") and the workers'
	// durable consumer ("ENTENTE_WORKERS").
	Name string
	// Replicas is the number of servers that keep each stream when the
	// queue creates it (1, or 3 on a 3-node cluster); an existing stream
	// is used as it is.
	Replicas int
	// AckWait is how long a delivered message may go without an ack or a
	// heartbeat before it is delivered again (to another worker).
	AckWait time.Duration
	// Tries is how many times a document may fail before it is a dead
	// letter.
	Tries int
	// MaxBytes caps an encoded document; a larger one is refused with a
	// *TooLargeError. It is lowered to what the server accepts.
	MaxBytes int
	// Duplicates is the window within which a document published again
	// (same content hash) is dropped by the server.
	Duplicates time.Duration
	// Log receives reconnections and dead letters; nil discards them.
	Log *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.Name == "" {
		o.Name = DefaultName
	}
	if o.Replicas <= 0 {
		o.Replicas = 1
	}
	if o.AckWait <= 0 {
		o.AckWait = DefaultAckWait
	}
	if o.Tries <= 0 {
		o.Tries = DefaultTries
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Duplicates <= 0 {
		o.Duplicates = DefaultDuplicates
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// Validate reports options no queue can use.
func (o Options) Validate() error {
	switch {
	case o.Replicas > 5:
		return fmt.Errorf("queue: %d replicas: JetStream keeps at most 5", o.Replicas)
	case o.AckWait > 0 && o.AckWait < 100*time.Millisecond:
		return fmt.Errorf("queue: ack wait %v: want at least 100ms", o.AckWait)
	}
	return nil
}

// Queue is a connection to the work queue. It is safe for concurrent use.
type Queue struct {
	opt      Options
	nc       *nats.Conn
	js       jetstream.JetStream
	docs     string // stream and subject of documents
	dead     string // stream and subject of dead letters
	subject  string
	deadSubj string
	maxBytes int
	strikes  jetstream.KeyValue // per document: workers that died coding it alone
}

// Open connects to the NATS servers at url (one URL or several separated
// by commas, "nats://host:4222") and makes sure the document and
// dead-letter streams exist, creating them when missing.
func Open(ctx context.Context, url string, opt Options) (*Queue, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	log := opt.Log
	nc, err := nats.Connect(url,
		nats.Name("entente"),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(false),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				log.Warn("queue: disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { log.Info("queue: reconnected", "server", c.ConnectedUrlRedacted()) }),
	)
	if err != nil {
		return nil, fmt.Errorf("queue: connect %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: %w", err)
	}
	q := &Queue{opt: opt, nc: nc, js: js,
		docs: opt.Name + "_DOCS", dead: opt.Name + "_DEAD",
		subject: lower(opt.Name) + ".docs", deadSubj: lower(opt.Name) + ".dead"}
	// A message holds its headers too: leave them room under the
	// server's limit.
	q.maxBytes = min(opt.MaxBytes, int(nc.MaxPayload())-1024)
	if err := q.ensure(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return q, nil
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// ensure creates the streams that do not exist yet.
func (q *Queue) ensure(ctx context.Context) error {
	streams := []jetstream.StreamConfig{{
		Name:        q.docs,
		Description: "entente documents waiting to be coded",
		Subjects:    []string{q.subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    q.opt.Replicas,
		MaxMsgSize:  int32(q.maxBytes + 1024),
		Duplicates:  q.opt.Duplicates,
	}, {
		Name:        q.dead,
		Description: "entente documents that failed every try, with their last error",
		Subjects:    []string{q.deadSubj},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    q.opt.Replicas,
		Duplicates:  q.opt.Duplicates,
	}}
	for _, cfg := range streams {
		_, err := q.js.Stream(ctx, cfg.Name)
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			_, err = q.js.CreateStream(ctx, cfg)
			if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
				err = nil // created by another process meanwhile
			}
		}
		if err != nil {
			return fmt.Errorf("queue: stream %s: %w", cfg.Name, err)
		}
	}
	bucket := q.opt.Name + "_STRIKES"
	kv, err := q.js.KeyValue(ctx, bucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		kv, err = q.js.CreateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket:      bucket,
			Description: "entente: per document content hash, how many workers died coding it alone",
			TTL:         strikesFor,
			Storage:     jetstream.FileStorage,
			Replicas:    q.opt.Replicas,
		})
		if errors.Is(err, jetstream.ErrBucketExists) {
			kv, err = q.js.KeyValue(ctx, bucket)
		}
	}
	if err != nil {
		return fmt.Errorf("queue: bucket %s: %w", bucket, err)
	}
	q.strikes = kv
	return nil
}

// strikesFor is how long a document's strikes are kept after the last
// one: a document that was resolved (stored or dead-lettered) has them
// deleted, this only bounds what a lost delete leaves.
const strikesFor = 7 * 24 * time.Hour

// Close drains and closes the connection.
func (q *Queue) Close() error {
	if err := q.nc.Drain(); err != nil {
		q.nc.Close()
		return fmt.Errorf("queue: close: %w", err)
	}
	return nil
}

// Tries is how many strikes send a document to the dead letters.
func (q *Queue) Tries() int { return q.opt.Tries }

// MaxBytes is the largest encoded document the queue accepts.
func (q *Queue) MaxBytes() int { return q.maxBytes }

// TooLargeError refuses a document whose encoding is over the queue's
// message limit.
type TooLargeError struct {
	Doc       string
	Size, Max int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("queue: document %s is %d bytes encoded, over the queue's limit of %d bytes", e.Doc, e.Size, e.Max)
}

// message is the JSON form of a document on the queue.
type message struct {
	ID       string         `json:"id"`
	Text     string         `json:"text,omitempty"`
	Lang     string         `json:"lang,omitempty"`
	Date     *time.Time     `json:"date,omitempty"`
	DateFrom string         `json:"date_from,omitempty"`
	URL      string         `json:"url,omitempty"`
	Title    string         `json:"title,omitempty"`
	Site     string         `json:"site,omitempty"`
	Chrome   []entente.Span `json:"chrome,omitempty"`
	Hash     string         `json:"hash"`
	// Error is why the document could not be read; it then holds no text.
	Error string `json:"error,omitempty"`
}

func encode(doc *entente.Document, failure error) ([]byte, string, error) {
	m := message{ID: doc.ID, Text: doc.Text, Lang: doc.Lang, DateFrom: doc.DateFrom, URL: doc.URL,
		Title: doc.Title, Site: doc.Site, Chrome: doc.Chrome, Hash: store.Hash(doc)}
	if !doc.Date.IsZero() {
		m.Date = &doc.Date
	}
	if failure != nil {
		m.Error = failure.Error()
	}
	data, err := json.Marshal(m)
	return data, m.Hash, err
}

func decode(data []byte) (*entente.Document, error, error) {
	var m message
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, nil, fmt.Errorf("queue: decode message: %w", err)
	}
	doc := &entente.Document{ID: m.ID, Text: m.Text, Lang: m.Lang, DateFrom: m.DateFrom, URL: m.URL,
		Title: m.Title, Site: m.Site, Chrome: m.Chrome}
	if m.Date != nil {
		doc.Date = *m.Date
	}
	if m.Hash != store.Hash(doc) {
		return nil, nil, fmt.Errorf("queue: message %s: content hash %.12s does not match its text", m.ID, m.Hash)
	}
	var failure error
	if m.Error != "" {
		failure = errors.New(m.Error)
	}
	return doc, failure, nil
}

// Publish puts a document on the queue; failure, when not nil, says why
// it could not be read (the worker stores it as a failed document). It
// reports whether the server dropped it as a duplicate (the same text
// published within the duplicate window). A document over MaxBytes is
// refused with a *TooLargeError; a publish that fails for a moment (no
// stream leader during an election, a reconnect) is tried again until ctx
// ends.
func (q *Queue) Publish(ctx context.Context, doc *entente.Document, failure error) (duplicate bool, err error) {
	data, hash, err := encode(doc, failure)
	if err != nil {
		return false, fmt.Errorf("queue: publish %s: %w", doc.ID, err)
	}
	if len(data) > q.maxBytes {
		return false, &TooLargeError{Doc: doc.ID, Size: len(data), Max: q.maxBytes}
	}
	msg := &nats.Msg{Subject: q.subject, Data: data, Header: nats.Header{}}
	ack, err := q.publish(ctx, msg, hash)
	if err != nil {
		return false, fmt.Errorf("queue: publish %s: %w", doc.ID, err)
	}
	return ack.Duplicate, nil
}

// publish sends msg with its dedup id, trying again with backoff while
// the error may pass: the same id makes a retry of a publish that did
// land a duplicate.
func (q *Queue) publish(ctx context.Context, msg *nats.Msg, id string) (*jetstream.PubAck, error) {
	wait := 100 * time.Millisecond
	for {
		ack, err := q.js.PublishMsg(ctx, msg, jetstream.WithMsgID(id))
		if err == nil || !transient(err) || ctx.Err() != nil {
			return ack, err
		}
		q.opt.Log.Warn("queue: publish failed, trying again", "err", err, "in", wait)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		wait = min(2*wait, 2*time.Second)
	}
}

// transient reports whether an error of the server or the connection may
// pass: a timeout, no responder or no leader while a node is down.
func transient(err error) bool {
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		// 503 no responders / JetStream not available, 408 timeouts,
		// 500 "no suitable peers" while a cluster changes.
		return apiErr.Code == 503 || apiErr.Code == 408 || apiErr.Code == 500 || apiErr.Code == 0
	}
	return errors.Is(err, nats.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, nats.ErrNoResponders) || errors.Is(err, jetstream.ErrNoStreamResponse) ||
		errors.Is(err, nats.ErrConnectionReconnecting) || errors.Is(err, nats.ErrDisconnected) ||
		errors.Is(err, jetstream.ErrJetStreamNotEnabled) || errors.Is(err, nats.ErrNoServers)
}

// Pending reports how many documents wait in the queue (delivered but
// unacked ones included).
func (q *Queue) Pending(ctx context.Context) (int, error) {
	s, err := q.js.Stream(ctx, q.docs)
	if err != nil {
		return 0, fmt.Errorf("queue: %w", err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("queue: %w", err)
	}
	return int(info.State.Msgs), nil
}

// DeadLetter is a document that failed every try.
type DeadLetter struct {
	Doc        *entente.Document
	Failure    error  // why the publisher could not read it, if so
	Err        string // the last error
	Deliveries int
	Time       time.Time
}

// DeadLetters returns the dead letters, oldest first, at most limit.
func (q *Queue) DeadLetters(ctx context.Context, limit int) ([]DeadLetter, error) {
	s, err := q.js.Stream(ctx, q.dead)
	if err != nil {
		return nil, fmt.Errorf("queue: dead letters: %w", err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: dead letters: %w", err)
	}
	var out []DeadLetter
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && seq > 0 && len(out) < limit; seq++ {
		raw, err := s.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return out, fmt.Errorf("queue: dead letter %d: %w", seq, err)
		}
		doc, failure, err := decode(raw.Data)
		if err != nil {
			return out, fmt.Errorf("queue: dead letter %d: %w", seq, err)
		}
		n, _ := strconv.Atoi(raw.Header.Get(HeaderDeliveries))
		out = append(out, DeadLetter{Doc: doc, Failure: failure, Err: raw.Header.Get(HeaderError), Deliveries: n, Time: raw.Time})
	}
	return out, nil
}

// Leader names the server that leads the document stream (its only
// server when it is not replicated).
func (q *Queue) Leader(ctx context.Context) (string, error) {
	s, err := q.js.Stream(ctx, q.docs)
	if err != nil {
		return "", fmt.Errorf("queue: %w", err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return "", fmt.Errorf("queue: %w", err)
	}
	if info.Cluster == nil {
		return "", nil
	}
	return info.Cluster.Leader, nil
}
