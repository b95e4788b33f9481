package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/send"
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
	conn, err := connectChain(ctx, cfg, *c.cf.rpc)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	defer conn.Close()
	w, err := conn.writer()
	if err != nil {
		return chainErr(err)
	}
	switch {
	case c.due:
		rep, err := sendchain.NewLifecycle(cfg, sendConn(conn), w, ss.Hold).Due(ctx)
		printDue(rep)
		return chainErr(err)
	case args[0] == "start":
		return withdrawStart(ctx, w, id)
	}
	return withdrawFinish(ctx, w, id)
}

func withdrawStart(ctx context.Context, w *chain.Writer, id common.Hash) error {
	unlock, rcpt, err := w.StartWithdrawal(ctx, id)
	if err != nil {
		return exitErrf(chainExit(err), "%s", sendchain.DescribeRefusal(err, id))
	}
	fmt.Fprintf(stdout, "withdrawal of deposit %s started (tx %s)\n", id.Hex(), rcpt.TxHash.Hex())
	fmt.Fprintf(stdout, "unlocks at %s (in %s); then run: postage withdraw finish %s\n",
		unlock.UTC().Format(time.RFC3339), time.Until(unlock).Round(time.Second), id.Hex())
	return nil
}

func withdrawFinish(ctx context.Context, w *chain.Writer, id common.Hash) error {
	amount, rcpt, err := w.Withdraw(ctx, id)
	var le *chain.LockedError
	if errors.As(err, &le) {
		return exitErrf(exitTempFail, "too early: deposit %s unlocks at %s (in %s); try again after that",
			id.Hex(), le.UnlockAt.UTC().Format(time.RFC3339), le.UnlockAt.Sub(le.Now).Round(time.Second))
	}
	if err != nil {
		return exitErrf(chainExit(err), "%s", sendchain.DescribeRefusal(err, id))
	}
	fmt.Fprintf(stdout, "withdrew %s from deposit %s (tx %s)\n", chain.FormatWei(amount), id.Hex(), rcpt.TxHash.Hex())
	return nil
}

// printDue says what a withdraw --due run did.
func printDue(rep *send.DueReport) {
	if rep == nil {
		return
	}
	for _, id := range rep.Started {
		fmt.Fprintf(stdout, "started the withdrawal of deposit %s\n", id.Hex())
	}
	ids := make([]common.Hash, 0, len(rep.Withdrawn))
	for id := range rep.Withdrawn {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b common.Hash) int { return a.Cmp(b) })
	for _, id := range ids {
		fmt.Fprintf(stdout, "withdrew %s from deposit %s\n", chain.FormatWei(rep.Withdrawn[id]), id.Hex())
	}
	fmt.Fprintf(stdout, "%d started, %d withdrawn, %d waiting\n", len(rep.Started), len(rep.Withdrawn), rep.Waiting)
}
