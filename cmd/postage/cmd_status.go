package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/send/sendchain"
)

func init() {
	register(&command{
		name:  "status",
		args:  "[DEPOSIT-ID...] [--json] [--rpc URL]",
		short: "show deposits on chain",
		new:   func() cli { return &statusCmd{} },
	})
}

// jsonDeposit is a deposit in --json output. Amounts are decimal strings
// of wei: JSON numbers lose precision above 2^53 in most readers.
type jsonDeposit struct {
	ID                  common.Hash    `json:"id"`
	Status              chain.Status   `json:"status"`
	Creator             common.Address `json:"creator"`
	Value               string         `json:"value"`
	Leaves              uint32         `json:"leaves"`
	Share               string         `json:"share"`
	BountyPerLeaf       string         `json:"bountyPerLeaf"`
	BurnedLeaves        uint32         `json:"burnedLeaves"`
	Remaining           string         `json:"remaining"`
	CreatedAt           time.Time      `json:"createdAt,omitzero"`
	WithdrawalStartedAt time.Time      `json:"withdrawalStartedAt,omitzero"`
	UnlockAt            time.Time      `json:"unlockAt,omitzero"`
	// From this machine's record of the deposit, when it has one: each
	// leaf's recipient (or padding) and whether it is burned.
	Record *sendchain.Leaves `json:"record,omitempty"`
}

func toJSON(d chain.Deposit) jsonDeposit {
	return jsonDeposit{
		ID: d.ID, Status: d.Status, Creator: d.Creator, Value: d.Value.String(), Leaves: d.Leaves,
		Share: d.Share.String(), BountyPerLeaf: d.BountyPerLeaf.String(), BurnedLeaves: d.BurnedLeaves,
		Remaining: d.Remaining.String(), CreatedAt: d.CreatedAt, WithdrawalStartedAt: d.WithdrawalStartedAt, UnlockAt: d.UnlockAt,
	}
}

type statusCmd struct {
	fs        *flag.FlagSet
	cf        *chainFlags
	asJSON    bool
	fromBlock uint64
}

func (c *statusCmd) Flags(fs *flag.FlagSet) {
	c.fs, c.cf = fs, addChainFlags(fs, false)
	fs.BoolVar(&c.asJSON, "json", false, "print JSON")
	fs.Uint64Var(&c.fromBlock, "from-block", 0, "also list Deposited events of this machine's accounts from this `block` on (default on the embedded chain: its deployment block)")
}

func (c *statusCmd) Run(ctx context.Context, args []string) error {
	ids := make([]common.Hash, 0, len(args))
	for _, a := range args {
		id, err := chain.ParseDepositID(a)
		if err != nil {
			return exitErr(exitUsage, err)
		}
		ids = append(ids, id)
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
	delay, err := conn.Reader.Delay(ctx)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	listing := len(ids) == 0
	if listing {
		if ids, err = c.localDeposits(ctx, cfg, conn); err != nil {
			return exitErr(exitTempFail, err)
		}
	}
	deps, records, code, err := readDeposits(ctx, cfg, conn, ids, listing)
	if err != nil {
		return err
	}
	switch {
	case c.asJSON:
		err = printStatusJSON(deps, records, !listing && len(args) == 1)
	case listing:
		printListing(conn, deps, records)
	default:
		for i, d := range deps {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			printDeposit(d, delay)
			if r := records[d.ID]; r != nil {
				printLeaves(r)
			}
		}
	}
	if err != nil {
		return exitErr(exitIOErr, err)
	}
	return silentExit(code)
}

// readDeposits reads ids on chain, and the leaves of those recorded here.
// A listed id that does not exist is skipped (recorded but never mined, or
// another chain's); a named one is reported, and the exit code is 1.
func readDeposits(ctx context.Context, cfg *config.Config, conn *host.Chain, ids []common.Hash, listing bool) ([]chain.Deposit, map[common.Hash]*sendchain.Leaves, int, error) {
	deps := make([]chain.Deposit, 0, len(ids))
	code := exitOK
	for _, id := range ids {
		d, err := conn.Reader.Deposit(ctx, id)
		if err != nil {
			return nil, nil, 0, exitErr(exitTempFail, err)
		}
		if !d.Exists() {
			if !listing {
				logTo(stderr, "status", "deposit %s does not exist on chain %d (contract %s)", id.Hex(), conn.ChainID, conn.Contract.Address())
				code = exitInvalid
			}
			continue
		}
		deps = append(deps, d)
	}
	store := sendchain.Records(cfg)
	records := map[common.Hash]*sendchain.Leaves{}
	for _, d := range deps {
		l, err := sendchain.RecordedLeaves(ctx, store, conn.Reader, d)
		if err != nil {
			return nil, nil, 0, sendErr(err)
		}
		if l != nil {
			records[d.ID] = l
		}
	}
	return deps, records, code, nil
}

// localDeposits lists the ids of deposits made by this machine's accounts
// (every keystore account, the embedded chain's developer account, or
// --from): their records here, and their Deposited events on the embedded
// chain (or from --from-block).
func (c *statusCmd) localDeposits(ctx context.Context, cfg *config.Config, conn *host.Chain) ([]common.Hash, error) {
	var creators []common.Address
	from := *c.cf.from
	if from != "" {
		creators = append(creators, common.HexToAddress(from))
	} else {
		for _, a := range chain.OpenKeystoreLight(cfg.KeystoreDir()).Accounts() {
			creators = append(creators, a.Address)
		}
		if conn.Embedded {
			if dev, err := devnet.ReadDevAccount(cfg.ChainDir()); err == nil && !slices.Contains(creators, dev.Account.Address) {
				creators = append(creators, dev.Account.Address)
			}
		}
	}
	fromBlock, scan := c.fromBlock, isFlagSet(c.fs, "from-block")
	if !scan && conn.Embedded {
		if dep, err := devnet.ReadDeployment(cfg.ChainDir()); err == nil && dep.Contract == conn.Contract.Address() {
			fromBlock, scan = dep.Block, true
		}
	}
	return sendchain.LocalDeposits(ctx, sendchain.Records(cfg), conn.SendConn(), creators, from != "", fromBlock, scan)
}

func printStatusJSON(deps []chain.Deposit, records map[common.Hash]*sendchain.Leaves, one bool) error {
	out := make([]jsonDeposit, len(deps))
	for i, d := range deps {
		out[i] = toJSON(d)
		out[i].Record = records[d.ID]
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	var v any = out
	if one {
		if len(out) == 0 {
			return nil
		}
		v = out[0]
	}
	return enc.Encode(v)
}

func printListing(conn *host.Chain, deps []chain.Deposit, records map[common.Hash]*sendchain.Leaves) {
	if len(deps) == 0 {
		fmt.Fprintf(stdout, "no deposits on chain %d (contract %s)\n", conn.ChainID, conn.Contract.Address())
		return
	}
	printTable(deps)
	for _, d := range deps {
		if r := records[d.ID]; r != nil {
			fmt.Fprintf(stdout, "\ndeposit %s\n", d.ID.Hex())
			printLeaves(r)
		}
	}
}

func printTable(deps []chain.Deposit) {
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tVALUE\tLEAVES\tBURNED\tREMAINING\tUNLOCKS")
	for _, d := range deps {
		unlock := "-"
		if !d.UnlockAt.IsZero() && d.Status == chain.StatusWithdrawing {
			unlock = d.UnlockAt.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", d.ID.Hex(), d.Status, chain.FormatWei(d.Value), d.Leaves, d.BurnedLeaves, chain.FormatWei(d.Remaining), unlock)
	}
	tw.Flush()
}

func printDeposit(d chain.Deposit, delay time.Duration) {
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	row := func(k, format string, a ...any) { fmt.Fprintf(tw, "%s\t%s\n", k, fmt.Sprintf(format, a...)) }
	row("deposit", "%s", d.ID.Hex())
	row("status", "%s", d.Status)
	row("creator", "%s", d.Creator.Hex())
	row("value", "%s in %d leaves of %s", chain.FormatWei(d.Value), d.Leaves, chain.FormatWei(d.Share))
	row("bounty", "%s per burned leaf", chain.FormatWei(d.BountyPerLeaf))
	row("burned", "%d of %d leaves", d.BurnedLeaves, d.Leaves)
	row("remaining", "%s", chain.FormatWei(d.Remaining))
	row("created", "%s", d.CreatedAt.UTC().Format(time.RFC3339))
	switch d.Status {
	case chain.StatusActive:
		row("withdrawal", "not started (delay %s)", delay)
	case chain.StatusWithdrawing:
		when := "unlocked"
		if left := time.Until(d.UnlockAt); left > 0 {
			when = "in " + left.Round(time.Second).String()
		}
		row("withdrawal", "started %s, unlocks at %s (%s)", d.WithdrawalStartedAt.UTC().Format(time.RFC3339), d.UnlockAt.UTC().Format(time.RFC3339), when)
	case chain.StatusWithdrawn:
		row("withdrawal", "done")
	}
	tw.Flush()
}

// printLeaves lists each leaf of a recorded deposit: its recipient (or
// padding), the Message-ID it backs, and whether it is burned.
func printLeaves(r *sendchain.Leaves) {
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  LEAF\tRECIPIENT\tMESSAGE\tSTATE")
	for _, l := range r.Leaves {
		who := l.Recipient
		switch {
		case l.Padding:
			who = "(padding)"
		case who == "":
			who = "(secret)"
		}
		msg := l.MessageID
		if msg == "" {
			msg = "-"
		}
		state := "unburned"
		if l.Burned {
			state = "burned"
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\n", l.Index, who, msg, state)
	}
	tw.Flush()
}
