package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"strconv"

	"github.com/postage-mail/postage/chain"
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
	conn, err := connectChain(ctx, cfg, *c.cf.rpc)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	defer conn.Close()
	st, err := sendchain.NewStaker(ctx, cfg, sendConn(conn), nil)
	if err != nil {
		return chainErr(err)
	}
	rec, err := st.Manual(args, c.leaves, c.value, c.bounty)
	if errors.Is(err, send.ErrUsage) {
		return exitErr(exitUsage, err)
	} else if err != nil {
		return exitErr(exitSoftware, err)
	}
	if err := st.Send(ctx, rec); err != nil {
		if errors.Is(err, send.ErrPolicy) {
			return exitErr(exitConfig, err)
		}
		return chainErr(err)
	}
	if c.asJSON {
		return exitErr(exitIOErr, printDepositJSON(rec, st.Records.Path(rec.ID)))
	}
	share, value, bounty := rec.Share(), parseWei(rec.Value), parseWei(rec.BountyPerLeaf)
	fmt.Fprintf(stdout, "deposit %s\n", rec.ID.Hex())
	fmt.Fprintf(stdout, "  value    %s in %d leaves (%s each, bounty %s per burned leaf)\n",
		chain.FormatWei(value), rec.Leaves, chain.FormatWei(share), chain.FormatWei(bounty))
	fmt.Fprintf(stdout, "  creator  %s\n", rec.Creator.Hex())
	fmt.Fprintf(stdout, "  tx       %s (block %s)\n", rec.Tx.Hex(), strconv.FormatUint(rec.Block, 10))
	printL1Fee(ctx, conn.client, rec.Tx)
	fmt.Fprintf(stdout, "  secrets  %s (keep private: it can burn the deposit)\n", st.Records.Path(rec.ID))
	return nil
}

// parseWei reads a record's decimal amount (written by Manual).
func parseWei(s string) *big.Int {
	v, _ := new(big.Int).SetString(s, 10)
	return v
}

func printDepositJSON(rec *send.Record, path string) error {
	out := map[string]any{
		"id": rec.ID, "chainId": rec.ChainID, "contract": rec.Contract, "creator": rec.Creator,
		"root": rec.Root, "leaves": rec.Leaves, "value": rec.Value, "share": rec.Share().String(),
		"bountyPerLeaf": rec.BountyPerLeaf, "tx": rec.Tx, "block": rec.Block, "file": path,
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
