package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
)

func init() {
	register(&command{
		name:  "milter",
		args:  "[--config FILE] [--rpc URL] [--listen ADDR] [--mode receive|send] [-v]",
		short: "check postage in Postfix or Sendmail (a milter)",
		new:   func() cli { return &milterCmd{} },
	})
}

// milterOverrides are the flags that override [milter] settings.
type milterOverrides struct{ listen, mode string }

func (o *milterOverrides) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.listen, "listen", "", "listen `address`: inet:127.0.0.1:PORT or unix:/path (default milter.listen)")
	fs.StringVar(&o.mode, "mode", "", "receive or send (default milter.mode)")
}

// load reads the configuration (path) with the overrides applied and
// checked.
func (o *milterOverrides) load(path string) (*config.Config, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	if o.listen != "" {
		cfg.Milter.Listen = o.listen
	}
	if o.mode != "" {
		cfg.Milter.Mode = o.mode
	}
	if _, err := cfg.MilterConfig(); err != nil {
		return nil, err
	}
	if _, err := cfg.MilterAddress(); err != nil {
		return nil, fmt.Errorf("--listen: %w", err)
	}
	return cfg, nil
}

type milterCmd struct {
	cfgPath, rpc string
	over         milterOverrides
	verbose      bool
}

func (c *milterCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.cfgPath, "config", "", "configuration `file` (default <data dir>/postage.toml)")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL` (default: chain.rpc, else the embedded chain on this machine)")
	c.over.flags(fs)
	fs.BoolVar(&c.verbose, "v", false, "log debug messages too")
}

func (c *milterCmd) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("unexpected argument %q", args[0])
	}
	cfg, err := c.over.load(c.cfgPath)
	if err != nil {
		return usageErr("%v", err)
	}
	if err := host.RunMilter(ctx, cfg, c.rpc, host.NewLogger(stderr, c.verbose)); err != nil {
		return silentExit(exitSoftware)
	}
	return nil
}
