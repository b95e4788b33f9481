package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/send"
)

func init() {
	register(&command{
		name:  "withdraw",
		args:  "start|finish DEPOSIT-ID | --due [--hold PERIOD] [--rpc URL]",
		short: "take a deposit back: start the delay, then finish",
		new:   func() cli { return &withdrawCmd{} },
	})
}

type withdrawCmd struct {
	cf   *chainFlags
	due  bool
	hold string
}

func (c *withdrawCmd) Flags(fs *flag.FlagSet) {
	c.cf = addChainFlags(fs, true)
	fs.BoolVar(&c.due, "due", false, "start and finish every recorded deposit that is due")
	fs.StringVar(&c.hold, "hold", "", "with --due: how long a deposit is held before its withdrawal starts (default send.hold)")
}

func (c *withdrawCmd) Run(ctx context.Context, args []string) error {
	a, err := send.ParseWithdrawArgs(c.due, args)
	if err != nil {
		return exitErr(exitUsage, err)
	}
	w := host.Withdrawal{WithdrawArgs: a}
	cfg, err := c.cf.load()
	if err != nil {
		return exitErr(exitUsage, err)
	}
	if c.hold != "" {
		hold, err := config.ParsePeriod(c.hold)
		if err != nil {
			return usageErr("--hold: %v", err)
		}
		w.Hold = &hold
	}
	out, err := host.Withdraw(ctx, cfg, *c.cf.rpc, w)
	fmt.Fprint(stdout, out)
	return exitErr(stakeExit(err), err)
}
