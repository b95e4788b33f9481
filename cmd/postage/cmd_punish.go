package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/mail"
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
	p, cfg, err := c.punisher()
	if err != nil {
		return err
	}
	defer p.Close()
	if c.due {
		return punishExit(p.RunDue(ctx))
	}
	m, err := mail.Read(stdin)
	if err != nil {
		return exitErr(exitDataErr, err)
	}
	// A ticket (deniable stake): punishing means never revealing it, at
	// once. A cancel never touches tickets.
	if !c.cancel {
		if st, ok := host.PunishTicket(ctx, cfg, m, c.rcpt, p.Logf); ok {
			return punishExit(st)
		}
	}
	b, st := punish.FindBurn(m, c.rcpt, p.Logf)
	if st != punish.OK {
		return punishExit(st)
	}
	if c.cancel {
		return punishExit(p.Cancel(ctx, b))
	}
	return punishExit(p.Punish(ctx, b, c.now, c.wait, c.timeout))
}

// punisher checks the flags and the configuration and wires the
// punisher: the relays are --relay, else punish.relays, else relay.url.
func (c *punishCmd) punisher() (*punish.Punisher, *config.Config, error) {
	modes := 0
	for _, b := range []bool{c.now, c.cancel, c.due} {
		if b {
			modes++
		}
	}
	if modes > 1 {
		return nil, nil, usageErr("--now, --cancel and --due exclude each other")
	}
	if c.wait && (c.cancel || c.due) {
		return nil, nil, usageErr("--wait goes with a burn, not with --cancel or --due")
	}
	cfg, err := config.Load(c.cfgPath)
	if err != nil {
		return nil, nil, exitErr(exitUsage, err)
	}
	ps, err := cfg.PunishSettings()
	if err != nil {
		return nil, nil, exitErr(exitUsage, err)
	}
	list := []string(c.relays)
	if len(list) == 0 {
		list = ps.Relays
	}
	if len(list) == 0 && cfg.Relay.URL != "" {
		list = []string{cfg.Relay.URL}
	}
	if len(list) > 0 && c.rpc != "" && !c.due {
		return nil, nil, usageErr("--rpc and a relay exclude each other: the relay chooses the chain")
	}
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage punish: "+format+"\n", a...) }
	return host.NewPunisher(cfg, ps, c.rpc, list, logf, stdout), cfg, nil
}

// punishExit is the exit status of a punishment's outcome (the punisher
// has said why).
func punishExit(s punish.Status) error {
	return silentExit(map[punish.Status]int{
		punish.OK: exitOK, punish.Invalid: exitInvalid, punish.NoStake: exitUnsure, punish.Usage: exitUsage,
		punish.Software: exitSoftware, punish.IOError: exitIOErr, punish.TempFail: exitTempFail,
	}[s])
}
