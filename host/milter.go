package host

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/connect"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/dashboard"
	"github.com/postage-mail/postage/internal/spentsock"
	"github.com/postage-mail/postage/metrics"
	"github.com/postage-mail/postage/milter"
	"github.com/postage-mail/postage/store/redis"
)

// Milter is a running milter with its store, chain connection and
// metrics endpoint: what `postage milter` and `postage serve` share.
type Milter struct {
	cfg     *config.Config
	log     *slog.Logger
	metrics *metrics.Metrics
	spent   postage.SpentStore
	store   postage.SpentStore // spent without the metrics wrapper (dashboard health)
	ring    *dashboard.Ring    // recent verdicts for the dashboard; nil without one
	chain   *chain.Live        // nil when stake is not accepted (or send mode)
	trusted []milterTrusted    // policy.stake.trusted, each followed by its own
	book    *agent.Service     // nil unless book.enabled (tickets, docs/deniable.md)
	policy  *postage.Policy
	srv     *milter.Server
	addr    milter.Address
	drain   time.Duration

	bg   sync.WaitGroup
	stop context.CancelFunc
	lns  []net.Listener
	http *http.Server
}

// startMilter opens the store, starts following the chain (in the
// background: a chain that is down only makes stake verdicts temperror
// until it is back), and serves the milter and the metrics.
func StartMilter(ctx context.Context, cfg *config.Config, rpc string, logger *slog.Logger) (*Milter, error) {
	s := &Milter{cfg: cfg, log: logger, metrics: metrics.New()}
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
		if s.ring = OpenVerdictRing(cfg, logger); s.ring != nil {
			mc.Observer = Observers{s.metrics, s.ring}
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
	switch mc.Mode {
	case milter.Receive:
		err = s.receive(ctx, bg, rpc)
		mc.Checker = s.checker
	case milter.Send:
		mc.Advert, err = s.advert()
	}
	if err != nil {
		return nil, err
	}
	if s.srv, err = milter.New(mc); err != nil {
		return nil, err
	}
	ln, err := milter.Listen(s.addr)
	if err != nil {
		return nil, err
	}
	s.lns = append(s.lns, ln)
	if err := s.serveMetrics(); err != nil {
		return nil, err
	}
	s.background(func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, milter.ErrServerClosed) {
			logger.Error("milter stopped accepting", "err", err)
		}
	})
	logger.Info("milter listening", "addr", s.addr.String(), "postfix", milter.PostfixName(s.addr, milter.PostfixQueueDir),
		"mode", mc.Mode, "action", mc.Action, "act_on", fmt.Sprint(mc.ActOn), "temperror", mc.TempError, "store", cfg.Store.Kind)
	ok = true
	return s, nil
}

// receive sets up receive mode: the policy, the spent store (shared with
// verify and check on this host when it is the bbolt file) and, when
// stake is accepted, the chains.
func (s *Milter) receive(ctx, bg context.Context, rpc string) error {
	var err error
	if s.policy, err = s.cfg.ReceiverPolicy(nil); err != nil {
		return err
	}
	// Work stamps and stake leaves (one leaf backs one message) are both
	// recorded in the spent store.
	if s.policy.Accepts(postage.AcceptWork) || s.policy.Accepts(postage.AcceptStake) {
		st, err := OpenSpent(s.cfg, 0)
		if err != nil {
			return err
		}
		if r, isRedis := st.(*redis.Store); isRedis {
			pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			if err := r.Ping(pctx); err != nil {
				s.log.Warn("spent store unreachable; work and stake stamps are temperror until it answers", "err", err)
			}
			cancel()
		}
		s.spent, s.store = s.metrics.Spent(st), st
		if s.cfg.Store.Kind == "bolt" {
			// The bbolt file has one writer: share it with `postage
			// verify` and `postage check` on this host.
			if err := s.shareSpent(bg); err != nil {
				return err
			}
		}
	}
	if s.policy.Accepts(postage.AcceptStake) {
		return s.followChains(bg, rpc)
	}
	return nil
}

// advert is send mode's Postage-Book header (book.advertise), or nil.
func (s *Milter) advert() (func(string) string, error) {
	bs, err := s.cfg.BookSettings()
	if err != nil || !bs.Advertise {
		return nil, err
	}
	return agent.NewAdverts(bs.Dir, bs.Domains, s.log).Value, nil
}

// serveMetrics serves /metrics on metrics.listen, if set.
func (s *Milter) serveMetrics() error {
	l := s.cfg.Metrics.Listen
	if l == "" {
		return nil
	}
	mln, err := net.Listen("tcp", l)
	if err != nil {
		return fmt.Errorf("metrics: listen on %s: %w", l, err)
	}
	s.lns = append(s.lns, mln)
	mux := http.NewServeMux()
	mux.Handle("/metrics", s.metrics.Handler())
	s.http = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	s.background(func() {
		if err := s.http.Serve(mln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("metrics endpoint stopped", "err", err)
		}
	})
	s.log.Info("metrics", "url", "http://"+mln.Addr().String()+"/metrics")
	return nil
}

// checker is the checker for one message: with the chain's contract
// trusted and its deposits readable while connected, without (stake
// temperror) while not. A message with stake stamps that arrives while
// the milter is still making its first connections waits for them (within
// ctx, the message's timeout).
func (s *Milter) checker(ctx context.Context, p postage.Stamps) *postage.Checker {
	c := &postage.Checker{Policy: s.policy, Spent: s.spent}
	if s.book != nil {
		c.Tickets = s.book
	}
	if s.chain == nil {
		return c
	}
	if len(p.Stake) > 0 {
		s.chain.AwaitFirstAttempt(ctx)
		for _, t := range s.trusted {
			t.live.AwaitFirstAttempt(ctx)
		}
	}
	rs := postage.Readers{}
	for _, t := range s.trusted {
		rs[t.ref] = t.live // not connected yet: temperror
	}
	if ref, ok := s.chain.Ref(); ok {
		pol := *s.policy // the base policy trusting this contract
		pol.Contracts = append(slices.Clone(s.policy.Contracts), ref)
		c.Policy = &pol
		rs[ref] = s.chain
	} else {
		c.OwnContractUnknown = true
	}
	c.Deposits = rs
	return c
}

type milterTrusted struct {
	ref  postage.ContractRef
	live *chain.Live
}

// followChains follows the receiver's deposit contract, every
// policy.stake.trusted one and, with book.enabled, runs the ticket agent,
// each in the background until bg ends: a chain that is down only makes
// its stamps temperror until it is back.
func (s *Milter) followChains(bg context.Context, rpc string) error {
	conf := s.policy.StakeConfirmations
	s.chain = &chain.Live{
		Connect: func(ctx context.Context) (*chain.Conn, error) {
			return connect.Deposits(ctx, ChainOptions(s.cfg, rpc))
		},
		Confirmations: conf,
		Wrap:          s.metrics.Deposits,
		OnConnect: func(c *chain.Conn) {
			s.log.Info("following the deposit contract", "rpc", c.URL, "chain_id", c.ChainID, "contract", c.Contract.Address())
		},
		OnError: func(err error, wait time.Duration) {
			if ve := (*canonical.VerifyError)(nil); errors.As(err, &ve) {
				s.log.Error("refusing to follow the configured deposit contract: its code is not an accepted build (postage contract verify); stake stamps are temperror", "err", err, "retry_in", wait)
			} else {
				s.log.Warn("deposit contract unreachable; stake stamps are temperror until it answers", "err", err, "retry_in", wait)
			}
		},
	}
	s.metrics.CacheStats(s.chain.Stats)
	s.background(func() { s.chain.Run(bg) })
	trusted, err := s.cfg.TrustedContracts()
	if err != nil {
		return err
	}
	for _, t := range trusted {
		l := TrustedLive(t, conf, s.log, s.metrics)
		s.trusted = append(s.trusted, milterTrusted{t.Ref, l})
		s.background(func() { l.Run(bg) })
	}
	if s.cfg.Book.Enabled {
		if s.book, err = BookService(s.cfg, rpc, s.log); err != nil {
			return err
		}
		s.background(func() { s.book.Run(bg) })
	}
	return nil
}

// background runs f in a goroutine close waits for.
func (s *Milter) background(f func()) {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		f()
	}()
}

// Shutdown drains the milter (bounded by milter.drain), then stops the
// rest.
func (s *Milter) Shutdown() error {
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
func (s *Milter) shareSpent(bg context.Context) error {
	ln, err := spentsock.Listen(SpentSocket(s.cfg))
	if errors.Is(err, spentsock.ErrServed) {
		// Another milter in this data dir (with its own store file)
		// shares its store; verify and check use that one, or the file.
		s.log.Warn("not sharing the spent store: another postage process serves the data directory's socket", "socket", SpentSocket(s.cfg), "store", SpentPath(s.cfg))
		return nil
	}
	if err != nil {
		return err
	}
	s.lns = append(s.lns, ln)
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		if err := spentsock.Serve(bg, ln, s.spent, SpentPath(s.cfg)); err != nil && bg.Err() == nil {
			s.log.Error("spent store socket stopped", "err", err)
		}
	}()
	s.log.Info("sharing the spent store", "socket", SpentSocket(s.cfg), "store", SpentPath(s.cfg))
	return nil
}

func (s *Milter) close() {
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

// ErrStopped is what RunMilter and Serve return when a part did not start
// or stop cleanly; what went wrong is in the log.
var ErrStopped = errors.New("postage stopped with errors (see the log)")

// RunMilter is `postage milter`: the milter (StartMilter) until ctx ends,
// then drained and stopped.
func RunMilter(ctx context.Context, cfg *config.Config, rpc string, logger *slog.Logger) error {
	svc, err := StartMilter(ctx, cfg, rpc, logger)
	if err != nil {
		logger.Error("cannot start", "err", err)
		return ErrStopped
	}
	<-ctx.Done()
	logger.Info("shutting down: draining messages in progress", "max", svc.drain)
	if err := svc.Shutdown(); err != nil {
		logger.Warn("shutdown", "err", err)
		return ErrStopped
	}
	logger.Info("stopped")
	return nil
}
