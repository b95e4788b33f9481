package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/submit"
)

func init() {
	register(&command{
		name:  "submit",
		args:  "[--filter] [--print-postfix-config] [--listen ADDR] [--upstream HOST:PORT] [--no-stake] [--config FILE] [--rpc URL] [-v]",
		short: "SMTP submission server for mail clients (and a Postfix content filter) that adds postage",
		new:   func() cli { return &submitCmd{} },
	})
}

type submitCmd struct {
	config, rpc, listen, upstream string
	filter, printPostfix, noStake bool
	verbose                       bool
}

func (c *submitCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.config, "config", "", "configuration `file` (default <data dir>/postage.toml)")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL` (default chain.rpc, else the embedded chain)")
	fs.StringVar(&c.listen, "listen", "", "listen `address` (default submit.listen, or submit.filter_listen with --filter)")
	fs.StringVar(&c.upstream, "upstream", "", "upstream `host:port` (default submit.upstream, or submit.filter_reinject with --filter)")
	fs.BoolVar(&c.filter, "filter", false, "run as a Postfix after-queue content filter (no login; reinject into Postfix)")
	fs.BoolVar(&c.printPostfix, "print-postfix-config", false, "print the Postfix master.cf and main.cf lines for --filter and exit")
	fs.BoolVar(&c.noStake, "no-stake", false, "add work stamps only")
	fs.BoolVar(&c.verbose, "v", false, "log more")
}

func (c *submitCmd) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("unexpected argument %q", args[0])
	}
	cfg, err := config.Load(c.config)
	if err != nil {
		return usageErr("%v", err)
	}
	ss, err := cfg.SubmitSettings()
	if err != nil {
		return usageErr("%v", err)
	}
	if c.printPostfix {
		fmt.Fprint(stdout, submit.PostfixConfig(ss.FilterListen, ss.FilterReinject))
		return nil
	}
	err = host.Submit(ctx, cfg, ss, host.SubmitOptions{
		RPC: c.rpc, Listen: c.listen, Upstream: c.upstream, Filter: c.filter, NoStake: c.noStake,
		Log: host.NewLogger(stderr, c.verbose).With("component", "submit"),
	})
	switch {
	case errors.Is(err, host.ErrSubmitConfig):
		return exitErr(exitConfig, err)
	case errors.Is(err, host.ErrSubmitQueue):
		return exitErr(exitIOErr, err)
	}
	return exitErr(exitTempFail, err)
}
