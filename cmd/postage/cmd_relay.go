package main

import (
	"context"
	"errors"
	"flag"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
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
	if _, err := host.EnsureDataDir(); err != nil {
		return exitErr(exitIOErr, err)
	}
	logger := host.NewLogger(stderr, c.verbose)
	svc, err := host.StartRelay(ctx, cfg, c.rpc, s, nil, nil, logger)
	if err != nil {
		logger.Error("cannot start the relay", "err", err)
		var qe *host.RelayQueueError
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
