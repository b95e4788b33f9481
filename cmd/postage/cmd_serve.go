package main

import (
	"context"
	"flag"
	"fmt"

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
	o := host.ServeOptions{RPC: c.rpc, NoRelay: c.noRelay, Verbose: c.verbose, Logger: host.NewLogger(stderr, c.verbose), GethLog: stderr, Out: stdout}
	if err := host.Serve(ctx, cfg, o); err != nil {
		return silentExit(exitSoftware)
	}
	return nil
}
