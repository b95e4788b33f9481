package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/big"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/sendchain"
)

func init() {
	register(&command{
		name:  "deposit",
		args:  "(--leaves N | RECIPIENT...) [--value AMOUNT] [--bounty AMOUNT] [--rpc URL] [--json]",
		short: "lock ETH in a deposit that backs stake stamps",
		new:   func() cli { return &depositCmd{} },
	})
}

// weiFlag reads an amount with a unit (chain.ParseValue).
type weiFlag struct{ v **big.Int }

func (f weiFlag) String() string {
	if f.v == nil || *f.v == nil {
		return ""
	}
	return chain.FormatWei(*f.v)
}

func (f weiFlag) Set(s string) error {
	v, err := chain.ParseValue(s)
	if err != nil {
		return err
	}
	*f.v = v
	return nil
}

type depositCmd struct {
	cf            *chainFlags
	leaves        int
	value, bounty *big.Int
	asJSON        bool
}

func (c *depositCmd) Flags(fs *flag.FlagSet) {
	c.cf = addChainFlags(fs, true)
	fs.IntVar(&c.leaves, "leaves", 0, "number of leaves with random secrets (instead of recipients)")
	fs.Var(weiFlag{&c.value}, "value", "the whole deposit `amount`, e.g. 0.01eth (default: send.stake_per_recipient per leaf)")
	fs.Var(weiFlag{&c.bounty}, "bounty", "`amount` per burned leaf paid to the burn's submitter (default: send.bounty)")
	fs.BoolVar(&c.asJSON, "json", false, "print the result as JSON")
}

func (c *depositCmd) Run(ctx context.Context, args []string) error {
	if _, err := send.ManualArgs(args, c.leaves); err != nil {
		return exitErr(exitUsage, err)
	}
	cfg, err := c.cf.load()
	if err != nil {
		return exitErr(exitUsage, err)
	}
	conn, err := host.ConnectChain(ctx, cfg, *c.cf.rpc)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	defer conn.Close()
	rec, err := sendchain.ManualDeposit(ctx, cfg, conn.SendConn(), args, c.leaves, c.value, c.bounty)
	if err != nil {
		return exitErr(stakeExit(err), err)
	}
	path := sendchain.Records(cfg).Path(rec.ID)
	if c.asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return exitErr(exitIOErr, enc.Encode(rec.SummaryJSON(path)))
	}
	fmt.Fprint(stdout, rec.Summary())
	printL1Fee(ctx, conn.Client, rec.Tx)
	fmt.Fprintf(stdout, "  secrets  %s (keep private: it can burn the deposit)\n", path)
	return nil
}
