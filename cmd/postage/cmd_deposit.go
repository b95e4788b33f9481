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
	"github.com/postage-mail/postage/stake"
)

func init() {
	register(&command{
		name:  "deposit",
		args:  "(--leaves N | RECIPIENT...) [--value AMOUNT] [--bounty AMOUNT] [--rpc URL] [--json]",
		short: "lock ETH in a deposit that backs stake stamps",
		long: `Makes one deposit in the deposit contract and waits for it to be mined.

With recipients (mail addresses) the deposit has one leaf per recipient,
each bound to that address, at random positions, padded with leaves nobody
can burn to a power of two of at least send.min_leaves: the record written
to <data dir>/deposits/ holds every recipient's Postage-Stamp header. With
--leaves N it has N leaves with random secrets (the record holds the
secrets). Whoever holds a leaf's stamp or secret can burn that leaf's
share, so the record is private (mode 0600, directory 0700). It is written
before the deposit is sent and updated when it is mined.

--value is the whole deposit, split into equal shares per leaf (default:
send.stake_per_recipient per leaf). --bounty is paid per
burned leaf to whoever submits the burn (a relay), out of that leaf's share.
Amounts take a unit: 0.01eth, 1.5gwei, 1000wei (no unit: ETH).

A deposit the receivers' policy would not accept is refused before it is
sent, saying why: a burn must cost at least policy.stake.min_per_leaf
(share minus bounty), and the contract's delay must be at least
policy.stake.min_delay.

Exit status: 0 deposited; 1 refused by the contract (bad amount,
duplicate, wrong passphrase); 64 usage; 75 the chain could not be reached;
78 refused by the policy check.`,
		flags: depositFlags,
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

func depositFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	cf := addChainFlags(fs, true)
	leaves := fs.Int("leaves", 0, "number of leaves with random secrets (instead of recipients)")
	var value, bounty *big.Int
	fs.Var(weiFlag{&value}, "value", "the whole deposit `amount`, e.g. 0.01eth (default: send.stake_per_recipient per leaf)")
	fs.Var(weiFlag{&bounty}, "bounty", "`amount` per burned leaf paid to the burn's submitter (default: send.bounty)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	return func(ctx context.Context, args []string) int {
		logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage deposit: "+format+"\n", a...) }
		switch {
		case *leaves != 0 && len(args) > 0:
			logf("give either --leaves or recipients, not both")
			return exitUsage
		case *leaves == 0 && len(args) == 0:
			logf("give --leaves N or recipients")
			return exitUsage
		case *leaves < 0 || *leaves > stake.MaxLeaves:
			logf("--leaves %d: want 1..%d", *leaves, stake.MaxLeaves)
			return exitUsage
		}
		cfg, err := cf.load()
		if err != nil {
			logf("%v", err)
			return exitUsage
		}

		rcpts, err := send.Recipients(args)
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		if len(rcpts) != len(args) {
			logf("a recipient appears twice: each recipient is one leaf")
			return exitUsage
		}
		conn, err := connectChain(ctx, cfg, *cf.rpc)
		if err != nil {
			logf("%v", err)
			return exitTempFail
		}
		defer conn.Close()
		st, err := newStaker(ctx, cfg, conn, nil)
		if err != nil {
			logf("%v", err)
			return chainExit(err)
		}
		acct := st.Depositor.Account()
		var rec *send.Record
		if len(rcpts) > 0 {
			plan, err := send.NewPlan([]send.Group{{Rcpts: rcpts}}, st.MinLeaves, nil)
			if err != nil {
				logf("%v", err)
				return exitUsage
			}
			if rec, err = plan.Record(acct, "0", "0"); err != nil {
				logf("%v", err)
				return exitSoftware
			}
		} else if rec, err = send.SecretsRecord(*leaves, acct, nil); err != nil {
			logf("%v", err)
			return exitUsage
		}
		if value == nil {
			value = new(big.Int).Mul(st.Share(), big.NewInt(int64(rec.Leaves)))
		}
		if bounty == nil {
			bounty = cfg.Bounty()
		}
		rec.Value, rec.BountyPerLeaf = value.String(), bounty.String()
		if err := st.Send(ctx, rec); err != nil {
			logf("%v", err)
			if errors.Is(err, send.ErrPolicy) {
				return exitConfig
			}
			return chainExit(err)
		}
		path := st.Records.Path(rec.ID)
		share := rec.Share()
		if *asJSON {
			out := map[string]any{
				"id": rec.ID, "chainId": rec.ChainID, "contract": rec.Contract, "creator": rec.Creator,
				"root": rec.Root, "leaves": rec.Leaves, "value": rec.Value, "share": share.String(),
				"bountyPerLeaf": rec.BountyPerLeaf, "tx": rec.Tx, "block": rec.Block, "file": path,
			}
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(out); err != nil {
				logf("%v", err)
				return exitIOErr
			}
			return exitOK
		}
		fmt.Fprintf(stdout, "deposit %s\n", rec.ID.Hex())
		fmt.Fprintf(stdout, "  value    %s in %d leaves (%s each, bounty %s per burned leaf)\n",
			chain.FormatWei(value), rec.Leaves, chain.FormatWei(share), chain.FormatWei(bounty))
		fmt.Fprintf(stdout, "  creator  %s\n", rec.Creator.Hex())
		fmt.Fprintf(stdout, "  tx       %s (block %s)\n", rec.Tx.Hex(), strconv.FormatUint(rec.Block, 10))
		printL1Fee(ctx, conn.client, rec.Tx)
		fmt.Fprintf(stdout, "  secrets  %s (keep private: it can burn the deposit)\n", path)
		return exitOK
	}
}
