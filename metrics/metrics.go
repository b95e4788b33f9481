// Package metrics exports what the milter does as Prometheus metrics:
// verdicts, actions, check latency, chain and store errors, and the deposit
// cache's hit ratio. Nothing it records names a message, a sender or a
// stamp.
package metrics

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/milter"
)

// Metrics holds the collectors of one process.
type Metrics struct {
	reg         *prometheus.Registry
	verdicts    *prometheus.CounterVec
	messages    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	removed     prometheus.Counter
	stamped     prometheus.Counter
	chainErrors prometheus.Counter
	storeErrors prometheus.Counter
}

// New registers the collectors, with Go runtime and process metrics.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		verdicts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "postage_verdicts_total",
			Help: "Verdicts given, one per envelope recipient, by result.",
		}, []string{"result"}),
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "postage_messages_total",
			Help: "Messages the milter finished, by mode, worst result (receive mode) and action taken.",
		}, []string{"mode", "result", "action"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "postage_check_duration_seconds",
			Help:    "Time to check (receive) or stamp (send) one message, all recipients.",
			Buckets: []float64{.0002, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 20},
		}, []string{"mode"}),
		removed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "postage_forged_results_removed_total",
			Help: "Postage-Result header fields that arrived with a message and were removed.",
		}),
		stamped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "postage_work_stamps_added_total",
			Help: "Work stamps the sending milter added.",
		}),
		chainErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "postage_chain_errors_total",
			Help: "Deposit reads that failed (chain RPC errors and timeouts); each makes a temperror.",
		}),
		storeErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "postage_store_errors_total",
			Help: "Spent store operations that failed (not double spends); each makes a temperror.",
		}),
	}
	m.reg.MustRegister(m.verdicts, m.messages, m.latency, m.removed, m.stamped, m.chainErrors, m.storeErrors,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, r := range []postage.Result{postage.Pass, postage.Fail, postage.Neutral, postage.TempError} {
		m.verdicts.WithLabelValues(string(r)) // present at 0 from the start
	}
	return m
}

var _ milter.Observer = (*Metrics)(nil)

// Observe implements milter.Observer.
func (m *Metrics) Observe(r milter.Report) {
	for _, v := range r.Verdicts {
		m.verdicts.WithLabelValues(string(v.Result)).Inc()
	}
	m.messages.WithLabelValues(string(r.Mode), string(r.Result), string(r.Action)).Inc()
	m.latency.WithLabelValues(string(r.Mode)).Observe(r.Elapsed.Seconds())
	m.removed.Add(float64(r.Removed))
	m.stamped.Add(float64(r.Stamped))
}

// CacheStats exports a deposit cache's counters and hit ratio; stats is
// called at every scrape and reports ok=false while there is no cache
// (no chain connection yet).
func (m *Metrics) CacheStats(stats func() (hits, misses uint64, ok bool)) {
	read := func(hit bool) float64 {
		h, mi, _ := stats()
		if hit {
			return float64(h)
		}
		return float64(mi)
	}
	m.reg.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "postage_chain_cache_hits_total",
			Help: "Deposit state reads answered from the event-invalidated cache.",
		}, func() float64 { return read(true) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "postage_chain_cache_misses_total",
			Help: "Deposit state reads that went to the chain.",
		}, func() float64 { return read(false) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "postage_chain_cache_hit_ratio",
			Help: "Cache hits / (hits + misses) since start; 0 before the first read.",
		}, func() float64 {
			h, mi, _ := stats()
			if h+mi == 0 {
				return 0
			}
			return float64(h) / float64(h+mi)
		}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "postage_chain_connected",
			Help: "1 while the milter follows the deposit contract: its event watcher is current. 0 from the first failed or timed-out call to the chain.",
		}, func() float64 {
			if _, _, ok := stats(); ok {
				return 1
			}
			return 0
		}),
	)
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Deposits counts the errors of d.
func (m *Metrics) Deposits(d postage.DepositReader) postage.DepositReader {
	return &deposits{d: d, errs: m.chainErrors}
}

type deposits struct {
	d    postage.DepositReader
	errs prometheus.Counter
}

func (d *deposits) Deposit(ctx context.Context, ref postage.DepositRef) (postage.Deposit, error) {
	dep, err := d.d.Deposit(ctx, ref)
	if err != nil {
		d.errs.Inc()
	}
	return dep, err
}

func (d *deposits) Burned(ctx context.Context, ref postage.DepositRef, index uint32) (bool, error) {
	b, err := d.d.Burned(ctx, ref, index)
	if err != nil {
		d.errs.Inc()
	}
	return b, err
}

// Spent counts the errors of s other than double spends.
func (m *Metrics) Spent(s postage.SpentStore) postage.SpentStore {
	return &spent{SpentStore: s, errs: m.storeErrors}
}

type spent struct {
	postage.SpentStore
	errs prometheus.Counter
}

func (s *spent) Spend(ctx context.Context, key, msg string, expires time.Time) error {
	err := s.SpentStore.Spend(ctx, key, msg, expires)
	if err != nil && !errors.Is(err, postage.ErrSpent) {
		s.errs.Inc()
	}
	return err
}
