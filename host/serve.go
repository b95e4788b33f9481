package host

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/config"
)

// ServeOptions are `postage serve`'s flags.
type ServeOptions struct {
	// RPC names another chain than chain.rpc or the embedded one.
	RPC string
	// NoRelay: do not run the burn relay.
	NoRelay bool
	// Verbose logs debug messages, go-ethereum's too.
	Verbose bool
	// Logger is the log; GethLog receives go-ethereum's (the embedded
	// chain's) log, Out what the punisher reports.
	Logger       *slog.Logger
	GethLog, Out io.Writer
}

// Serve is `postage serve`: the embedded chain (unless another is named),
// the milter, the burn relay, the sender's batcher and lifecycle, the
// dashboard and the punishment queue, until ctx ends or the embedded chain
// stops by itself. It returns ErrStopped when a part did not start, or
// did not stop cleanly.
func Serve(ctx context.Context, cfg *config.Config, o ServeOptions) error {
	h := &serveHost{cfg: cfg, o: o, log: o.Logger}
	if err := h.start(ctx); err != nil {
		return ErrStopped
	}
	if !h.wait(ctx) {
		return ErrStopped
	}
	return nil
}

// serveHost is what Serve runs. start starts the parts in order; wait
// stops them once ctx ends (or the chain stops by itself).
type serveHost struct {
	cfg *config.Config
	o   ServeOptions
	log *slog.Logger

	chain      *devnet.Chain // nil with --rpc or chain.rpc
	milter     *Milter
	relay      *RelayService // nil with --no-relay
	sender     *SenderService
	dash       *Dashboard // nil without one
	stopPunish context.CancelFunc
	punishDone <-chan struct{}
}

func (h *serveHost) start(ctx context.Context) error {
	var err error
	if h.o.RPC == "" && h.cfg.Chain.RPC == "" {
		if h.chain, err = h.startChain(ctx); err != nil {
			h.log.Error("cannot start the embedded chain", "err", err)
			return err
		}
	}
	if h.milter, err = StartMilter(ctx, h.cfg, h.o.RPC, h.log); err != nil {
		h.log.Error("cannot start the milter", "err", err)
		h.stopChain()
		return err
	}
	if !h.o.NoRelay {
		if err := h.startRelay(ctx); err != nil {
			h.log.Error("cannot start the burn relay", "err", err)
			h.milter.Shutdown()
			h.stopChain()
			return err
		}
	}
	if h.sender, err = StartSender(ctx, h.cfg, h.o.RPC, h.log); err != nil {
		h.log.Warn("no deposit batching or automatic withdrawal", "err", err)
	}
	if h.dash, err = StartDashboard(h.cfg, h.dashboardParts(), h.log); err != nil {
		h.log.Error("no dashboard", "err", err)
	}
	var punishCtx context.Context
	punishCtx, h.stopPunish = context.WithCancel(ctx)
	h.punishDone = StartPunishQueue(punishCtx, h.cfg, h.o.RPC, h.log, h.o.Out)
	return nil
}

// dashboardParts are the milter's, relay's and sender's state the
// dashboard shows.
func (h *serveHost) dashboardParts() DashboardParts {
	m := h.milter
	p := DashboardParts{Ring: m.ring, Milter: m.srv, MilterAddr: m.addr, Chain: m.chain, Store: m.store, Book: m.book, Lifecycle: h.sender.Lifecycle()}
	if h.relay != nil {
		p.Relay = h.relay.Relay()
	}
	return p
}

// startChain runs the embedded chain as `postage chain` does, with the
// developer account in the user's keystore so that `postage deposit` and
// `postage sendmail` on this machine can sign.
func (h *serveHost) startChain(ctx context.Context) (*devnet.Chain, error) {
	// go-ethereum's packages log through its root logger: warnings only,
	// unless -v.
	level := slog.LevelWarn
	if h.o.Verbose {
		level = slog.LevelDebug
	}
	c, err := StartEmbeddedChain(ctx, h.cfg, h.cfg.Chain.Listen, GethHandler(h.o.GethLog, level), nil)
	if errors.Is(err, devnet.ErrInUse) {
		return nil, fmt.Errorf("%w: another `postage serve` or `postage chain` runs with this data directory", err)
	}
	if err != nil {
		return nil, err
	}
	for _, w := range c.Warnings() {
		h.log.Warn(w)
	}
	dep := c.Deployment()
	h.log.Info("embedded chain running", "rpc", c.Endpoint(), "chain_id", dep.ChainID, "contract", dep.Contract,
		"withdrawal_delay", time.Duration(dep.Delay)*time.Second, "data", h.cfg.ChainDir())
	return c, nil
}

func (h *serveHost) startRelay(ctx context.Context) error {
	rs, err := h.cfg.RelaySettings()
	if err != nil {
		return err
	}
	var signer *bind.TransactOpts
	if h.chain != nil && h.cfg.Chain.Account == "" {
		// The relay's own account, funded from the developer account: its
		// bounties and nonces are not the sender's.
		if signer, err = h.chain.RelayAccount(ctx); err != nil {
			return err
		}
	}
	h.relay, err = StartRelay(ctx, h.cfg, h.o.RPC, rs, signer, h.noteBurned, h.log)
	return err
}

// noteBurned tells the milter's deposit cache of a burn serve's own relay
// saw mined, so a copy of the punished message checked before the
// watcher's next poll already fails (the relay burns on the contract the
// milter follows).
func (h *serveHost) noteBurned(id common.Hash, index uint64) {
	if h.milter == nil || h.milter.chain == nil {
		return
	}
	if r := h.milter.chain.Reader(); r != nil {
		r.NoteBurned(id, index)
	}
}

// wait runs until ctx ends or the embedded chain stops by itself, then
// stops everything; false when something did not stop cleanly (or the
// chain stopped by itself).
func (h *serveHost) wait(ctx context.Context) bool {
	var chainDone <-chan struct{}
	if h.chain != nil {
		chainDone = h.chain.Done()
	}
	ok := true
	select {
	case <-ctx.Done():
	case <-chainDone:
		h.log.Error("the embedded chain stopped by itself")
		ok = false
	}
	h.stopPunish()
	<-h.punishDone
	h.dash.Shutdown()
	h.log.Info("shutting down: draining messages in progress", "max", h.milter.drain)
	failed := func(what string, err error) {
		if err != nil {
			h.log.Warn(what, "err", err)
			ok = false
		}
	}
	failed("shutdown", h.milter.Shutdown())
	failed("sender shutdown", h.sender.Shutdown())
	if h.relay != nil {
		failed("relay shutdown", h.relay.Shutdown())
	}
	if !h.stopChain() {
		ok = false
	}
	h.log.Info("stopped")
	return ok
}

// stopChain stops the embedded chain, if serve runs one; false when it
// did not stop cleanly.
func (h *serveHost) stopChain() bool {
	if h.chain == nil {
		return true
	}
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := h.chain.Stop(sctx); err != nil {
		h.log.Error("stopping the embedded chain", "err", err)
		return false
	}
	return true
}
