package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/send/sendchain"
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
	var id common.Hash
	if !c.due {
		var err error
		if id, err = parseID(args[1]); err != nil {
			return exitErr(exitUsage, err)
		}
	}
	cfg, err := c.cf.load()
	if err != nil {
		return exitErr(exitUsage, err)
	}
	ss, err := cfg.SendSettings()
	if err != nil {
		return exitErr(exitUsage, err)
	}
	if c.hold != "" {
		if ss.Hold, err = config.ParsePeriod(c.hold); err != nil {
			return usageErr("--hold: %v", err)
		}
	}
	conn, err := host.ConnectChain(ctx, cfg, *c.cf.rpc)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	defer conn.Close()
	w, err := conn.Writer()
	if err != nil {
		return chainErr(err)
	}
	switch {
	case c.due:
		rep, err := sendchain.NewLifecycle(cfg, sendConn(conn), w, ss.Hold).Due(ctx)
		if rep != nil {
			fmt.Fprint(stdout, rep.Summary())
		}
		return chainErr(err)
	case args[0] == "start":
		s, err := sendchain.StartWithdrawal(ctx, w, id)
		if err != nil {
			return chainErr(err)
		}
		fmt.Fprint(stdout, s.Describe(time.Now()))
		return nil
	}
	r, err := sendchain.FinishWithdrawal(ctx, w, id)
	if err != nil {
		return chainErr(err)
	}
	fmt.Fprint(stdout, r.Describe())
	return nil
}
