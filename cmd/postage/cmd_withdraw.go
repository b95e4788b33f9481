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
	if c.due && len(args) > 0 {
		return usageErr("--due takes no deposit ids")
	}
	if !c.due && (len(args) != 2 || (args[0] != "start" && args[0] != "finish")) {
		return usageErr("usage: postage withdraw start|finish DEPOSIT-ID, or postage withdraw --due")
	}
	w := host.Withdrawal{Due: c.due, Start: !c.due && args[0] == "start"}
	var err error
	if !c.due {
		if w.ID, err = parseID(args[1]); err != nil {
			return exitErr(exitUsage, err)
		}
	}
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
