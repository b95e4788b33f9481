package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
)

func init() {
	register(&command{
		name:  "serve",
		args:  "[--config FILE] [--rpc URL] [--listen ADDR] [--chain-addr HOST:PORT] [--print-postfix-config] [-v]",
		short: "run postage for one mail host: embedded chain, milter and metrics",
		new:   func() cli { return &serveCmd{} },
	})
}

type serveCmd struct {
	cfgPath, rpc, chainAddr         string
	over                            milterOverrides
	printPostfix, printDNS, noRelay bool
	verbose                         bool
}

func (c *serveCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.cfgPath, "config", "", "configuration `file` (default <data dir>/postage.toml)")
	fs.StringVar(&c.rpc, "rpc", "", "use the chain at this JSON-RPC `URL` instead of the embedded one")
	fs.StringVar(&c.chainAddr, "chain-addr", "", "embedded chain's JSON-RPC listen `address` (loopback only; default chain.listen)")
	c.over.flags(fs)
	fs.BoolVar(&c.printPostfix, "print-postfix-config", false, "print the Postfix main.cf lines and exit")
	fs.BoolVar(&c.printDNS, "print-dns", false, "print the TXT records that publish this host's stake policy for book.domains, and exit")
	fs.BoolVar(&c.noRelay, "no-relay", false, "do not run the burn relay")
	fs.BoolVar(&c.verbose, "v", false, "log debug messages too")
}

func (c *serveCmd) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("unexpected argument %q", args[0])
	}
	cfg, err := c.over.load(c.cfgPath)
	if err != nil {
		return usageErr("%v", err)
	}
	if c.chainAddr != "" {
		cfg.Chain.Listen = c.chainAddr
	}
	switch {
	case c.printPostfix:
		out, err := host.PostfixConfig(ctx, cfg)
		if err != nil {
			return usageErr("%v", err)
		}
		fmt.Fprint(stdout, out)
		return nil
	case c.printDNS:
		out, err := host.PolicyDNS(ctx, cfg, c.rpc)
		if err != nil {
			return usageErr("%v", err)
		}
		fmt.Fprint(stdout, out)
		return nil
	}
	if _, err := host.EnsureDataDir(); err != nil {
		return exitErr(exitIOErr, err)
	}
	h := &serveHost{cfg: cfg, rpc: c.rpc, log: host.NewLogger(stderr, c.verbose)}
	if err := h.start(ctx, c.verbose, !c.noRelay); err != nil {
		return silentExit(exitSoftware)
	}
	return silentExit(h.wait(ctx))
}

// serveHost is what `postage serve` runs: the embedded chain (unless
// another is named), the milter, the burn relay, the sender's batcher
// and lifecycle, and the punishment queue. start starts them in that
// order; wait stops them once ctx ends (or the chain stops by itself).
type serveHost struct {
	cfg *config.Config
	rpc string
	log *slog.Logger

	chain      *devnet.Chain // nil with --rpc or chain.rpc
	milter     *milterService
	relay      *host.RelayService // nil with --no-relay
	sender     *host.SenderService
	dash       *dashboardService // nil without one (dashboard_serve.go)
	stopPunish context.CancelFunc
	punishDone <-chan struct{}
}

func (h *serveHost) start(ctx context.Context, verbose, relay bool) error {
	var err error
	if h.rpc == "" && h.cfg.Chain.RPC == "" {
		if h.chain, err = startEmbeddedChain(ctx, h.cfg, h.cfg.Chain.Listen, h.log, verbose); err != nil {
			h.log.Error("cannot start the embedded chain", "err", err)
			return err
		}
	}
	if h.milter, err = startMilter(ctx, h.cfg, h.rpc, h.log); err != nil {
		h.log.Error("cannot start the milter", "err", err)
		h.stopChain()
		return err
	}
	if relay {
		if err := h.startRelay(ctx); err != nil {
			h.log.Error("cannot start the burn relay", "err", err)
			h.milter.Shutdown()
			h.stopChain()
			return err
		}
	}
	// The sender's batcher and deposit lifecycle (send_serve.go).
	if h.sender, err = host.StartSender(ctx, h.cfg, h.rpc, h.log); err != nil {
		h.log.Warn("no deposit batching or automatic withdrawal", "err", err)
	}
	if h.dash, err = startDashboard(h.cfg, h.milter, h.relay, h.sender, h.log); err != nil {
		h.log.Error("no dashboard", "err", err)
	}
	var punishCtx context.Context
	punishCtx, h.stopPunish = context.WithCancel(ctx)
	h.punishDone = host.StartPunishQueue(punishCtx, h.cfg, h.rpc, h.log, stdout)
	return nil
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
	h.relay, err = host.StartRelay(ctx, h.cfg, h.rpc, rs, signer, h.noteBurned, h.log)
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
// stops everything and returns the exit code.
func (h *serveHost) wait(ctx context.Context) int {
	var chainDone <-chan struct{}
	if h.chain != nil {
		chainDone = h.chain.Done()
	}
	code := exitOK
	select {
	case <-ctx.Done():
	case <-chainDone:
		h.log.Error("the embedded chain stopped by itself")
		code = exitSoftware
	}
	h.stopPunish()
	<-h.punishDone
	h.dash.Shutdown()
	h.log.Info("shutting down: draining messages in progress", "max", h.milter.drain)
	failed := func(what string, err error) {
		if err != nil {
			h.log.Warn(what, "err", err)
			code = exitSoftware
		}
	}
	failed("shutdown", h.milter.Shutdown())
	failed("sender shutdown", h.sender.Shutdown())
	if h.relay != nil {
		failed("relay shutdown", h.relay.Shutdown())
	}
	if c := h.stopChain(); c != exitOK {
		code = c
	}
	h.log.Info("stopped")
	return code
}

func (h *serveHost) stopChain() int {
	if h.chain == nil {
		return exitOK
	}
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := h.chain.Stop(sctx); err != nil {
		h.log.Error("stopping the embedded chain", "err", err)
		return exitSoftware
	}
	return exitOK
}

// startEmbeddedChain runs the embedded chain as `postage chain` does, with
// the developer account in the user's keystore so that `postage deposit`
// and `postage sendmail` on this machine can sign.
func startEmbeddedChain(ctx context.Context, cfg *config.Config, addr string, logger *slog.Logger, verbose bool) (*devnet.Chain, error) {
	// go-ethereum's packages log through its root logger: warnings only,
	// unless -v.
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	c, err := host.StartEmbeddedChain(ctx, cfg, addr, host.GethHandler(stderr, level), nil)
	if errors.Is(err, devnet.ErrInUse) {
		return nil, fmt.Errorf("%w: another `postage serve` or `postage chain` runs with this data directory", err)
	}
	if err != nil {
		return nil, err
	}
	for _, w := range c.Warnings() {
		logger.Warn(w)
	}
	dep := c.Deployment()
	logger.Info("embedded chain running", "rpc", c.Endpoint(), "chain_id", dep.ChainID, "contract", dep.Contract,
		"withdrawal_delay", time.Duration(dep.Delay)*time.Second, "data", cfg.ChainDir())
	return c, nil
}
