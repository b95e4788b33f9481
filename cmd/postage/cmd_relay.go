package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/relay"
)

func init() {
	register(&command{
		name:  "relay",
		args:  "[--config FILE] [--rpc URL] [--listen ADDR] [--name NAME] [--bits N] [-v]",
		short: "run the burn relay: burns for recipients without ETH, paid by the bounty",
		new:   func() cli { return &relayCmd{} },
	})
}

const exitUnavailable = 69 // EX_UNAVAILABLE

type relayCmd struct {
	cfgPath, rpc string
	listen, name string // override relay.listen, relay.name
	bits         int    // overrides relay.bits
	verbose      bool
}

func (c *relayCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.cfgPath, "config", "", "configuration `file` (default <data dir>/postage.toml)")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL` (default chain.rpc, else the embedded chain)")
	fs.StringVar(&c.listen, "listen", "", "listen `address` host:port (default relay.listen)")
	fs.StringVar(&c.name, "name", "", "the relay's `name`, the work stamps' resource (default relay.name)")
	fs.IntVar(&c.bits, "bits", 0, "work `bits` a request must carry (default relay.bits)")
	fs.BoolVar(&c.verbose, "v", false, "log debug messages too")
}

func (c *relayCmd) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("unexpected argument %q", args[0])
	}
	cfg, s, err := c.settings()
	if err != nil {
		return exitErr(exitUsage, err)
	}
	if _, err := ensureDataDir(); err != nil {
		return exitErr(exitIOErr, err)
	}
	logger := newLogger(stderr, c.verbose)
	svc, err := startRelay(ctx, cfg, c.rpc, s, nil, nil, logger)
	if err != nil {
		logger.Error("cannot start the relay", "err", err)
		var qe *queueError
		if errors.As(err, &qe) {
			return silentExit(exitIOErr)
		}
		return silentExit(exitUnavailable)
	}
	<-ctx.Done()
	logger.Info("shutting down the relay")
	if err := svc.Shutdown(); err != nil {
		logger.Error("relay", "err", err)
		return silentExit(exitSoftware)
	}
	logger.Info("stopped")
	return nil
}

// settings are [relay] with the flags' overrides.
func (c *relayCmd) settings() (*config.Config, config.RelaySettings, error) {
	cfg, err := config.Load(c.cfgPath)
	if err != nil {
		return nil, config.RelaySettings{}, err
	}
	if c.listen != "" {
		cfg.Relay.Listen = c.listen
	}
	if c.name != "" {
		cfg.Relay.Name = c.name
	}
	if c.bits != 0 {
		cfg.Relay.Bits = c.bits
	}
	s, err := cfg.RelaySettings()
	return cfg, s, err
}

// relayService is a running relay: `postage relay` runs one, and so can
// `postage serve`:
//
//	s, err := cfg.RelaySettings()
//	svc, err := startRelay(ctx, cfg, rpcFlag, s, nil, nil, logger)
//	...
//	svc.Shutdown() // on the way out
type relayService struct {
	r      *relay.Relay
	conn   *host.Chain
	url    string
	cancel context.CancelFunc
	done   chan error
}

// queueError is a failure to open the relay's queue file.
type queueError struct{ err error }

func (e *queueError) Error() string { return e.err.Error() }
func (e *queueError) Unwrap() error { return e.err }

// startRelay connects to the chain (rpc, else chain.rpc, else the embedded
// chain), unlocks chain.account, opens the queue, listens on s.Listen and
// serves until Shutdown. It returns once the listener is open.
// signer, if not nil, is the relay's account (serve's own relay account on
// the embedded chain); else chain.account signs. onBurned, if not nil, is
// told every leaf the relay's mined transactions burned on the deposit
// contract (serve's milter cache).
func startRelay(ctx context.Context, cfg *config.Config, rpc string, s config.RelaySettings, signer *bind.TransactOpts, onBurned func(common.Hash, uint64), logger *slog.Logger) (*relayService, error) {
	cctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	conn, err := host.ConnectChain(cctx, cfg, rpc)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			conn.Close()
		}
	}()
	if signer == nil {
		if signer, err = conn.Transactor(); err != nil {
			return nil, fmt.Errorf("the relay's account: %w", err)
		}
	}
	tb := relayTicketBook(cfg, conn.ChainID.Uint64())
	r, err := relay.Open(cctx, s.Queue, relay.Chain{Backend: conn.Client, Contract: conn.Contract.Address(), TicketBook: tb, Signer: signer}, relayOptions(s, onBurned, logger))
	if err != nil {
		return nil, &queueError{err}
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(cctx, "tcp", s.Listen)
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("relay: listen on %s: %w", s.Listen, err)
	}
	if a, isTCP := ln.Addr().(*net.TCPAddr); isTCP && !a.IP.IsLoopback() {
		logger.Warn("the relay listens beyond loopback: serve it through a TLS reverse proxy that limits clients", "listen", ln.Addr())
	}
	svc := &relayService{r: r, conn: conn, url: "http://" + ln.Addr().String(), done: make(chan error, 1)}
	rctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	svc.cancel = stop
	go func() { svc.done <- r.Serve(rctx, ln) }()
	h := r.Health(cctx)
	logger.Info("relay running", "url", svc.url, "name", r.Name(), "bits", s.Bits, "chain_id", h.ChainID,
		"contract", h.Contract, "ticket_book", h.TicketBook, "account", r.Account(), "balance_wei", h.Balance, "queue", s.Queue)
	if h.Status != "ok" {
		logger.Warn("relay degraded", "problems", h.Problems)
	}
	ok = true
	return svc, nil
}

// relayOptions are the relay's settings as package relay takes them.
func relayOptions(s config.RelaySettings, onBurned func(common.Hash, uint64), logger *slog.Logger) relay.Options {
	return relay.Options{
		OnBurned: onBurned,
		Name:     s.Name,
		Bits:     s.Bits, BitsFee: s.BitsFee, MaxBits: s.MaxBits,
		StampValidity: s.StampValidity,
		MarginPercent: s.BountyMargin,
		Rate:          float64(s.Rate),
		Burst:         s.Burst,
		MaxBody:       s.MaxBody,
		BatchMax:      s.BatchMax,
		BatchWait:     s.BatchWait,
		MaxAttempts:   s.MaxAttempts,
		Logger:        logger.With("component", "relay"),
	}
}

// URL is the relay's base URL.
func (s *relayService) URL() string { return s.url }

// Shutdown stops serving (requests in progress get 5 s), stops the sender
// and closes the queue and the chain connection.
func (s *relayService) Shutdown() error {
	s.cancel()
	err := <-s.done
	if cerr := s.r.Close(); err == nil {
		err = cerr
	}
	s.conn.Close()
	return err
}

// relayTicketBook is the TicketBook whose reveals the relay sends too
// (POST /v1/reveals): book.contract, else the one `postage book deploy`
// recorded for this chain; zero (burns only) when there is none.
func relayTicketBook(cfg *config.Config, chainID uint64) common.Address {
	s, err := cfg.BookSettings()
	if err != nil {
		return common.Address{}
	}
	if s.Contract != (common.Address{}) {
		return s.Contract
	}
	if d, err := ticketbook.ReadDeployment(s.Dir); err == nil && d.ChainID == chainID {
		return d.Contract
	}
	return common.Address{}
}
