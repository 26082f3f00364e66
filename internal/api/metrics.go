package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"entente/internal/store"
)

// metrics are the server's Prometheus metrics, in a registry of its own.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	coded    *prometheus.CounterVec
	admitted *prometheus.CounterVec
	h        http.Handler
}

func newMetrics(st store.Store, extra ...prometheus.Collector) (*metrics, error) {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entente_http_requests_total",
			Help: "HTTP requests answered, by route pattern and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "entente_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		coded: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entente_documents_coded_total",
			Help: "Documents coded through the API, by endpoint (code: not stored; documents: stored).",
		}, []string{"endpoint"}),
		admitted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entente_http_busy_answers_total",
			Help: "Requests that found every turn of their class taken, by class and what they got: busy (503), stale (a kept aggregate answer), shared (another request's computation).",
		}, []string{"class", "outcome"}),
	}
	for _, c := range append([]prometheus.Collector{
		m.requests, m.latency, m.coded, m.admitted, newStoreCollector(st),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	}, extra...) {
		if err := m.reg.Register(c); err != nil {
			return nil, err
		}
	}
	m.h = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return m, nil
}

func (m *metrics) serve(w http.ResponseWriter, r *http.Request) error {
	m.h.ServeHTTP(w, r)
	return nil
}

// storeCollector reports the store's counts at each scrape.
type storeCollector struct {
	st                             store.Store
	docs, failed, events, mentions *prometheus.Desc
	up                             *prometheus.Desc
}

func newStoreCollector(st store.Store) *storeCollector {
	return &storeCollector{
		st:       st,
		docs:     prometheus.NewDesc("entente_store_documents", "Documents in the store, failed ones included.", nil, nil),
		failed:   prometheus.NewDesc("entente_store_failed_documents", "Documents stored with an error.", nil, nil),
		events:   prometheus.NewDesc("entente_store_events", "Events in the store.", nil, nil),
		mentions: prometheus.NewDesc("entente_store_mentions", "Mentions in the store.", nil, nil),
		up:       prometheus.NewDesc("entente_store_up", "1 when the store answered the last scrape.", nil, nil),
	}
}

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.docs, c.failed, c.events, c.mentions, c.up} {
		ch <- d
	}
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n, err := c.st.Counts(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 1)
	ch <- prometheus.MustNewConstMetric(c.docs, prometheus.GaugeValue, float64(n.Documents))
	ch <- prometheus.MustNewConstMetric(c.failed, prometheus.GaugeValue, float64(n.Failed))
	ch <- prometheus.MustNewConstMetric(c.events, prometheus.GaugeValue, float64(n.Events))
	ch <- prometheus.MustNewConstMetric(c.mentions, prometheus.GaugeValue, float64(n.Mentions))
}

// statusWriter remembers the status a handler answered.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// measure counts requests by the route pattern that served them (the
// ServeMux sets r.Pattern) and times them.
func (s *Server) measure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		// Deferred, so that a download cut with http.ErrAbortHandler is
		// counted too.
		defer func() {
			route := r.Pattern
			if route == "" {
				route = "other"
			}
			code := sw.code
			if code == 0 {
				code = http.StatusOK
			}
			s.metrics.requests.WithLabelValues(route, strconv.Itoa(code)).Inc()
			s.metrics.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
		}()
		h.ServeHTTP(sw, r)
	})
}
