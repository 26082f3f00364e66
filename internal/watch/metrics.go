package watch

import "github.com/prometheus/client_golang/prometheus"

// metrics count what the watcher does, for /metrics.
type metrics struct {
	requests *prometheus.CounterVec // by kind (feed, sitemap, page, robots) and result
	failures *prometheus.CounterVec // failed polls by feed
	docs     *prometheus.CounterVec // pages by what became of them
	events   prometheus.Counter
	polls    prometheus.Counter
	lastPoll prometheus.Gauge
}

func newMetrics() *metrics {
	return &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entente_watch_requests_total",
			Help: "Requests the watcher made, by kind (feed, sitemap, page, robots) and result (ok, not_modified, error, disallowed, retried).",
		}, []string{"kind", "result"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entente_watch_feed_failures_total",
			Help: "Polls of a feed or sitemap that failed (fetch, robots.txt or parse), by feed URL.",
		}, []string{"feed"}),
		docs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entente_watch_documents_total",
			Help: "Pages the watcher handled, by result (new, duplicate, failed, retry: not stored, fetched again next poll).",
		}, []string{"result"}),
		events: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "entente_watch_events_total",
			Help: "Events created by the pages the watcher stored.",
		}),
		polls: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "entente_watch_polls_total",
			Help: "Rounds over every feed.",
		}),
		lastPoll: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "entente_watch_last_poll_timestamp_seconds",
			Help: "When the last round over every feed ended (Unix time).",
		}),
	}
}

func (m *metrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{m.requests, m.failures, m.docs, m.events, m.polls, m.lastPoll}
}
