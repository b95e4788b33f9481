package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/postage-mail/postage/config"
)

func init() {
	register(&command{
		name:  "milter",
		args:  "[--config FILE] [--rpc URL] [--listen ADDR] [--mode receive|send] [-v]",
		short: "check postage in Postfix or Sendmail (a milter)",
		long: `Runs the postage milter in the foreground until SIGTERM or SIGINT. It
reads the same configuration as every postage command ([milter], [policy],
[store], [chain]; see: postage config).

Receive mode (the default), for the MTA that accepts mail from the
internet: checks the postage of every message for every envelope
recipient and adds one Postage-Result header with all the verdicts, after
removing any Postage-Result the message arrived with. milter.action says
what to do with messages whose worst verdict is in milter.act_on: tag
(deliver them tagged, the default), tempfail (451) or reject (550 5.7.1
with the reason). When the chain or the spent store cannot be reached the
verdict is temperror and, by default, the message is delivered tagged:
the milter fails open and never loses a message. The body is hashed
(a stamp is spent for one message) and never kept.

Send mode, for a submission listener: adds an X-Hashcash work stamp of
send.bits for every To and Cc recipient that has none. Stake stamps need
one copy per recipient, which a milter cannot make: mail clients that want
them send through ` + "`postage sendmail`" + `.

It listens on milter.listen: a loopback port (default inet:127.0.0.1:8895)
or a unix socket. Metrics for Prometheus are at metrics.listen.
` + "`postage serve`" + ` runs this milter together with the embedded chain;
` + "`postage serve --print-postfix-config`" + ` prints the main.cf lines.

It speaks milter protocol 6: Postfix sends the envelope, the header and
the body without waiting for replies, and only the end of each message is a
round trip. Connections silent for milter.idle_timeout are closed; a
connection that breaks the protocol is closed and logged, and costs no
other.

On SIGTERM it stops accepting connections, lets the messages being checked
finish (at most milter.drain), then exits 0.`,
		new: func() cli { return &milterCmd{} },
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
	logger := newLogger(stderr, c.verbose)
	svc, err := startMilter(ctx, cfg, c.rpc, logger)
	if err != nil {
		logger.Error("cannot start", "err", err)
		return silentExit(exitSoftware)
	}
	<-ctx.Done()
	logger.Info("shutting down: draining messages in progress", "max", svc.drain)
	if err := svc.Shutdown(); err != nil {
		logger.Warn("shutdown", "err", err)
		return silentExit(exitSoftware)
	}
	logger.Info("stopped")
	return nil
}
