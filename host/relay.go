package host

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/relay"
)

// RelayService is a running burn relay: `postage relay` runs one, and so
// can `postage serve`:
//
//	s, err := cfg.RelaySettings()
//	svc, err := host.StartRelay(ctx, cfg, rpcFlag, s, nil, nil, logger)
//	...
//	svc.Shutdown() // on the way out
type RelayService struct {
	r      *relay.Relay
	conn   *Chain
	url    string
	cancel context.CancelFunc
	done   chan error
}

// RelayQueueError is a failure to open the relay's queue file (a local
// I/O failure, where the others are the chain's).
type RelayQueueError struct{ Err error }

func (e *RelayQueueError) Error() string { return e.Err.Error() }
func (e *RelayQueueError) Unwrap() error { return e.Err }

// StartRelay connects to the chain (rpc, else chain.rpc, else the embedded
// chain), unlocks chain.account, opens the queue, listens on s.Listen and
// serves until Shutdown. It returns once the listener is open.
// signer, if not nil, is the relay's account (serve's own relay account on
// the embedded chain); else chain.account signs. onBurned, if not nil, is
// told every leaf the relay's mined transactions burned on the deposit
// contract (serve's milter cache). A queue that does not open is a
// *RelayQueueError.
func StartRelay(ctx context.Context, cfg *config.Config, rpc string, s config.RelaySettings, signer *bind.TransactOpts, onBurned func(common.Hash, uint64), logger *slog.Logger) (*RelayService, error) {
	cctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	conn, err := ConnectChain(cctx, cfg, rpc)
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
	tb := RelayTicketBook(cfg, conn.ChainID.Uint64())
	r, err := relay.Open(cctx, s.Queue, relay.Chain{Backend: conn.Client, Contract: conn.Contract.Address(), TicketBook: tb, Signer: signer}, relayOptions(s, onBurned, logger))
	if err != nil {
		return nil, &RelayQueueError{err}
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
	svc := &RelayService{r: r, conn: conn, url: "http://" + ln.Addr().String(), done: make(chan error, 1)}
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
func (s *RelayService) URL() string { return s.url }

// Relay is the relay itself (its recent requests, its health).
func (s *RelayService) Relay() *relay.Relay { return s.r }

// Shutdown stops serving (requests in progress get 5 s), stops the sender
// and closes the queue and the chain connection.
func (s *RelayService) Shutdown() error {
	s.cancel()
	err := <-s.done
	if cerr := s.r.Close(); err == nil {
		err = cerr
	}
	s.conn.Close()
	return err
}

// RelayTicketBook is the TicketBook whose reveals the relay sends too
// (POST /v1/reveals): book.contract, else the one `postage book deploy`
// recorded for this chain; zero (burns only) when there is none.
func RelayTicketBook(cfg *config.Config, chainID uint64) common.Address {
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
