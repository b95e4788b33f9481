package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/punish"
)

func init() {
	register(&command{
		name:  "punish",
		args:  "[--rcpt ADDRESS] [--config FILE] [--now | --cancel | --due] [--rpc URL] [--relay URL]... [--wait] < message",
		short: "burn the stake a spam message carries (the Junk-folder action)",
		new:   func() cli { return &punishCmd{} },
	})
}

type punishCmd struct {
	rcpt, cfgPath, rpc     string
	relays                 multiFlag
	wait, now, cancel, due bool
	timeout                time.Duration
}

func (c *punishCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.rcpt, "rcpt", "", "this recipient's `address`")
	fs.StringVar(&c.cfgPath, "config", "", "configuration `file`")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL`")
	fs.Var(&c.relays, "relay", "submit the burn to the relay at this `URL` instead of paying gas; repeat for fallbacks (default punish.relays, else relay.url)")
	fs.BoolVar(&c.wait, "wait", false, "with --now and a relay: wait until the chain shows the burn confirmed, and print its transaction hash")
	fs.DurationVar(&c.timeout, "timeout", 5*time.Minute, "with --wait: how long to wait")
	fs.BoolVar(&c.now, "now", false, "burn at once, without the undo window")
	fs.BoolVar(&c.cancel, "cancel", false, "cancel this message's pending punishment (the message left Junk)")
	fs.BoolVar(&c.due, "due", false, "send the queued punishments that are due (for cron); reads no message")
}

func (c *punishCmd) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("unexpected argument %q (the message comes on stdin)", args[0])
	}
	p, cfg, mode, err := c.punisher()
	if err != nil {
		return err
	}
	defer p.Close()
	st, err := host.RunPunish(ctx, p, cfg, host.PunishRequest{Mode: mode, Rcpt: c.rcpt, Timeout: c.timeout, Message: stdin})
	if err != nil {
		return exitErr(exitDataErr, err)
	}
	return punishExit(st)
}

// punisher checks the flags and the configuration and wires the
// punisher: the relays are --relay, else punish.relays, else relay.url.
func (c *punishCmd) punisher() (*punish.Punisher, *config.Config, punish.Mode, error) {
	mode := punish.Mode{Now: c.now, Cancel: c.cancel, Due: c.due, Wait: c.wait, RPC: c.rpc != ""}
	if err := mode.Check(nil); err != nil {
		return nil, nil, mode, usageErr("%v", err)
	}
	cfg, err := config.Load(c.cfgPath)
	if err != nil {
		return nil, nil, mode, exitErr(exitUsage, err)
	}
	ps, err := cfg.PunishSettings()
	if err != nil {
		return nil, nil, mode, exitErr(exitUsage, err)
	}
	relays := punish.Relays(c.relays, ps.Relays, cfg.Relay.URL)
	if err := mode.Check(relays); err != nil {
		return nil, nil, mode, usageErr("%v", err)
	}
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage punish: "+format+"\n", a...) }
	return host.NewPunisher(cfg, ps, c.rpc, relays, logf, stdout), cfg, mode, nil
}

// punishExit is the exit status of a punishment's outcome (the punisher
// has said why).
func punishExit(s punish.Status) error {
	return silentExit(map[punish.Status]int{
		punish.OK: exitOK, punish.Invalid: exitInvalid, punish.NoStake: exitUnsure, punish.Usage: exitUsage,
		punish.Software: exitSoftware, punish.IOError: exitIOErr, punish.TempFail: exitTempFail,
	}[s])
}
