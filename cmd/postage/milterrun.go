package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/dashboard"
	"github.com/postage-mail/postage/internal/spentsock"
	"github.com/postage-mail/postage/metrics"
	"github.com/postage-mail/postage/milter"
	"github.com/postage-mail/postage/store/redis"
)

// milterService is a running milter with its store, chain connection and
// metrics endpoint: what `postage milter` and `postage serve` share.
type milterService struct {
	cfg     *config.Config
	log     *slog.Logger
	metrics *metrics.Metrics
	spent   postage.SpentStore
	store   postage.SpentStore // spent without the metrics wrapper (dashboard health)
	ring    *dashboard.Ring    // recent verdicts for the dashboard; nil without one
	chain   *liveChain         // nil when stake is not accepted (or send mode)
	trusted []*trustedFollower // policy.stake.trusted, each with its own reader
	book    *bookService       // nil unless book.enabled (tickets, docs/deniable.md)
	policy  *postage.Policy
	srv     *milter.Server
	addr    milter.Address
	drain   time.Duration

	bg   sync.WaitGroup
	stop context.CancelFunc
	lns  []net.Listener
	http *http.Server
}

// newLogger is the text log on w; go-milter's own messages (it logs with
// the standard log package) join it as warnings.
func newLogger(w io.Writer, verbose bool) *slog.Logger {
	level := slog.LevelInfo
	if verbose {
		level = slog.LevelDebug
	}
	l := slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
	log.SetFlags(0)
	log.SetOutput(stdLogWriter{l})
	return l
}

type stdLogWriter struct{ l *slog.Logger }

func (w stdLogWriter) Write(p []byte) (int, error) {
	w.l.Warn(string(bytes.TrimSpace(p)), "from", "go-milter")
	return len(p), nil
}

// startMilter opens the store, starts following the chain (in the
// background: a chain that is down only makes stake verdicts temperror
// until it is back), and serves the milter and the metrics.
func startMilter(ctx context.Context, cfg *config.Config, rpc string, logger *slog.Logger) (*milterService, error) {
	s := &milterService{cfg: cfg, log: logger, metrics: metrics.New()}
	mc, err := cfg.MilterConfig()
	if err != nil {
		return nil, err
	}
	if s.addr, err = cfg.MilterAddress(); err != nil {
		return nil, fmt.Errorf("config: milter.listen: %w", err)
	}
	if s.drain, err = cfg.MilterDrain(); err != nil {
		return nil, err
	}
	mc.Logger = logger
	mc.Observer = s.metrics
	if mc.Mode == milter.Receive {
		if s.ring = openVerdictRing(cfg, logger); s.ring != nil {
			mc.Observer = observers{s.metrics, s.ring}
		}
	}
	bg, stop := context.WithCancel(context.Background())
	s.stop = stop
	ok := false
	defer func() {
		if !ok {
			s.close()
		}
	}()

	if mc.Mode == milter.Receive {
		if s.policy, err = cfg.ReceiverPolicy(nil); err != nil {
			return nil, err
		}
		// Work stamps and stake leaves (one leaf backs one message) are
		// both recorded in the spent store.
		if s.policy.Accepts(postage.AcceptWork) || s.policy.Accepts(postage.AcceptStake) {
			st, err := openSpent(cfg, 0)
			if err != nil {
				return nil, err
			}
			if r, isRedis := st.(*redis.Store); isRedis {
				pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
				if err := r.Ping(pctx); err != nil {
					logger.Warn("spent store unreachable; work and stake stamps are temperror until it answers", "err", err)
				}
				cancel()
			}
			s.spent, s.store = s.metrics.Spent(st), st
			if cfg.Store.Kind == "bolt" {
				// The bbolt file has one writer: share it with `postage
				// verify` and `postage check` on this host.
				if err := s.shareSpent(bg); err != nil {
					return nil, err
				}
			}
		}
		if s.policy.Accepts(postage.AcceptStake) {
			s.chain = &liveChain{cfg: cfg, rpc: rpc, log: logger, base: s.policy, metrics: s.metrics}
			s.metrics.CacheStats(s.chain.stats)
			s.bg.Add(1)
			go func() { defer s.bg.Done(); s.chain.run(bg) }()
			trusted, err := cfg.TrustedContracts()
			if err != nil {
				return nil, err
			}
			for _, t := range trusted {
				f := &trustedFollower{cfg: cfg, t: t, log: logger, metrics: s.metrics}
				s.trusted = append(s.trusted, f)
				s.bg.Add(1)
				go func() { defer s.bg.Done(); f.run(bg, s.policy.StakeConfirmations) }()
			}
		}
		if cfg.Book.Enabled && s.policy.Accepts(postage.AcceptStake) {
			s.book = startBookService(bg, &s.bg, cfg, rpc, logger)
		}
		mc.Checker = s.checker
	}
	if mc.Mode == milter.Send {
		bs, err := cfg.BookSettings()
		if err != nil {
			return nil, err
		}
		if bs.Advertise {
			mc.Advert = newBookAdverts(bs, logger).value
		}
	}
	if s.srv, err = milter.New(mc); err != nil {
		return nil, err
	}
	ln, err := milter.Listen(s.addr)
	if err != nil {
		return nil, err
	}
	s.lns = append(s.lns, ln)
	if l := cfg.Metrics.Listen; l != "" {
		mln, err := net.Listen("tcp", l)
		if err != nil {
			return nil, fmt.Errorf("metrics: listen on %s: %w", l, err)
		}
		s.lns = append(s.lns, mln)
		mux := http.NewServeMux()
		mux.Handle("/metrics", s.metrics.Handler())
		s.http = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		s.bg.Add(1)
		go func() {
			defer s.bg.Done()
			if err := s.http.Serve(mln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				logger.Error("metrics endpoint stopped", "err", err)
			}
		}()
		logger.Info("metrics", "url", "http://"+mln.Addr().String()+"/metrics")
	}
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, milter.ErrServerClosed) {
			logger.Error("milter stopped accepting", "err", err)
		}
	}()
	logger.Info("milter listening", "addr", s.addr.String(), "postfix", milter.PostfixName(s.addr, milter.PostfixQueueDir),
		"mode", mc.Mode, "action", mc.Action, "act_on", fmt.Sprint(mc.ActOn), "temperror", mc.TempError, "store", cfg.Store.Kind)
	ok = true
	return s, nil
}

// checker is the checker for one message: with the chain's contract
// trusted and its deposits readable while connected, without (stake
// temperror) while not.
func (s *milterService) checker() *postage.Checker {
	c := &postage.Checker{Policy: s.policy, Spent: s.spent, Tickets: s.book.verifier()}
	if s.chain == nil {
		return c
	}
	rs := postage.Readers{}
	for _, f := range s.trusted {
		if d := f.current(); d != nil {
			rs[f.t.Ref] = d
		}
	}
	if st := s.chain.current(); st != nil {
		c.Policy = st.policy
		rs[st.ref] = st.deposits
	} else {
		c.OwnContractUnknown = true
	}
	c.Deposits = rs
	return c
}

// Shutdown drains the milter (bounded by milter.drain), then stops the
// rest.
func (s *milterService) Shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), s.drain)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if s.http != nil {
		hctx, hcancel := context.WithTimeout(context.Background(), 5*time.Second)
		s.http.Shutdown(hctx)
		hcancel()
	}
	s.close()
	return err
}

// shareSpent serves the spent store on <data dir>/postage.sock
// (internal/spentsock) until bg ends.
func (s *milterService) shareSpent(bg context.Context) error {
	ln, err := spentsock.Listen(spentSocket(s.cfg))
	if errors.Is(err, spentsock.ErrServed) {
		// Another milter in this data dir (with its own store file)
		// shares its store; verify and check use that one, or the file.
		s.log.Warn("not sharing the spent store: another postage process serves the data directory's socket", "socket", spentSocket(s.cfg), "store", spentPathAbs(s.cfg))
		return nil
	}
	if err != nil {
		return err
	}
	s.lns = append(s.lns, ln)
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		if err := spentsock.Serve(bg, ln, s.spent, spentPathAbs(s.cfg)); err != nil && bg.Err() == nil {
			s.log.Error("spent store socket stopped", "err", err)
		}
	}()
	s.log.Info("sharing the spent store", "socket", spentSocket(s.cfg), "store", spentPathAbs(s.cfg))
	return nil
}

func (s *milterService) close() {
	s.stop()
	for _, ln := range s.lns {
		ln.Close()
	}
	s.bg.Wait()
	if s.spent != nil {
		s.spent.Close()
	}
	if s.ring != nil {
		if err := s.ring.Close(); err != nil {
			s.log.Warn("verdict ring", "err", err)
		}
	}
}

// liveChain keeps a connection to the deposit contract: it connects in the
// background, retrying while the chain is down, then follows the
// contract's events so that deposit reads come from the cache.
type liveChain struct {
	cfg     *config.Config
	rpc     string
	log     *slog.Logger
	base    *postage.Policy
	metrics *metrics.Metrics

	mu  sync.Mutex
	cur *chainState
}

type chainState struct {
	ref      postage.ContractRef
	reader   *chain.Reader
	policy   *postage.Policy // the base policy trusting this contract
	deposits postage.DepositReader
}

func (l *liveChain) current() *chainState {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cur
}

func (l *liveChain) stats() (hits, misses uint64, ok bool) {
	st := l.current()
	if st == nil {
		return 0, 0, false
	}
	// Connected only while the watcher is current: a hung or unreachable
	// chain drops the gauge at its first failed call, not when the
	// connection is given up.
	cs := st.reader.Stats()
	return cs.Hits, cs.Misses, cs.Live && !cs.Down
}

func (l *liveChain) run(ctx context.Context) {
	delay := time.Second
	for {
		cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		conn, err := connectChain(cctx, l.cfg, l.rpc)
		cancel()
		if err == nil {
			l.serve(ctx, conn)
			return
		}
		if ctx.Err() != nil {
			return
		}
		if ve := (*canonical.VerifyError)(nil); errors.As(err, &ve) {
			l.log.Error("refusing to follow the configured deposit contract: its code is not an accepted build (postage contract verify); stake stamps are temperror", "err", err, "retry_in", delay)
		} else {
			l.log.Warn("deposit contract unreachable; stake stamps are temperror until it answers", "err", err, "retry_in", delay)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		delay = min(2*delay, 30*time.Second)
	}
}

func (l *liveChain) serve(ctx context.Context, conn *chainConn) {
	defer conn.Close()
	pol := *l.base
	pol.Contracts = append(append([]postage.ContractRef(nil), l.base.Contracts...), conn.ref())
	st := &chainState{ref: conn.ref(), reader: conn.reader, policy: &pol, deposits: l.metrics.Deposits(conn.deposits(pol.StakeConfirmations))}
	l.mu.Lock()
	l.cur = st
	l.mu.Unlock()
	l.log.Info("following the deposit contract", "rpc", conn.url, "chain_id", conn.chainID, "contract", conn.contract.Address())
	// Watch keeps the cache fresh and retries by itself while the chain is
	// unreachable (reads then bypass the cache and fail: temperror).
	conn.reader.Watch(ctx, chain.WatchOptions{})
	l.mu.Lock()
	l.cur = nil
	l.mu.Unlock()
}
