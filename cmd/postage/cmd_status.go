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
	"github.com/postage-mail/postage/send"
)

func init() {
	register(&command{
		name:  "status",
		args:  "[DEPOSIT-ID...] [--json] [--rpc URL]",
		short: "show deposits on chain",
		long: `Shows deposits as the contract sees them now: status (active,
withdrawing, withdrawn), value, burned leaves, what a withdrawal would pay,
and the unlock time of a started withdrawal.

For a deposit made on this machine (recorded in <data dir>/deposits) it
also lists every leaf: the recipient it was made for (or "(padding)", a
leaf nobody received, or "(secret)" for postage deposit --leaves), the
Message-ID it backs, and whether it is burned. --json gives the same under
"record".

Without ids it lists the deposits of this machine's accounts (every
account in the keystore, or --from): those recorded in <data dir>/deposits
for this chain, plus, on the embedded chain or with --from-block, every
Deposited event of those accounts.

Exit status: 0 shown; 1 an id does not exist; 64 usage; 75 the chain could
not be reached.`,
		flags: statusFlags,
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
	Record *jsonRecord `json:"record,omitempty"`
}

type jsonRecord struct {
	State    send.State         `json:"state"`
	Messages []send.MessageInfo `json:"messages,omitempty"`
	Leaves   []send.LeafStatus  `json:"leaves"`
}

func toJSON(d chain.Deposit) jsonDeposit {
	return jsonDeposit{
		ID: d.ID, Status: d.Status, Creator: d.Creator, Value: d.Value.String(), Leaves: d.Leaves,
		Share: d.Share.String(), BountyPerLeaf: d.BountyPerLeaf.String(), BurnedLeaves: d.BurnedLeaves,
		Remaining: d.Remaining.String(), CreatedAt: d.CreatedAt, WithdrawalStartedAt: d.WithdrawalStartedAt, UnlockAt: d.UnlockAt,
	}
}

func statusFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	cf := addChainFlags(fs, false)
	asJSON := fs.Bool("json", false, "print JSON")
	fromBlock := fs.Uint64("from-block", 0, "also list Deposited events of this machine's accounts from this `block` on (default on the embedded chain: its deployment block)")
	return func(ctx context.Context, args []string) int {
		logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage status: "+format+"\n", a...) }
		ids := make([]common.Hash, 0, len(args))
		for _, a := range args {
			id, err := parseID(a)
			if err != nil {
				logf("%v", err)
				return exitUsage
			}
			ids = append(ids, id)
		}
		cfg, err := cf.load()
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		conn, err := connectChain(ctx, cfg, *cf.rpc)
		if err != nil {
			logf("%v", err)
			return exitTempFail
		}
		defer conn.Close()
		delay, err := conn.reader.Delay(ctx)
		if err != nil {
			logf("%v", err)
			return exitTempFail
		}

		listing := len(ids) == 0
		if listing {
			ids, err = localDeposits(ctx, cfg, conn, *cf.from, *fromBlock, isFlagSet(fs, "from-block"))
			if err != nil {
				logf("%v", err)
				return exitTempFail
			}
		}
		deps := make([]chain.Deposit, 0, len(ids))
		code := exitOK
		for _, id := range ids {
			d, err := conn.reader.Deposit(ctx, id)
			if err != nil {
				logf("%v", err)
				return exitTempFail
			}
			if !d.Exists() {
				if listing {
					continue // recorded locally but never mined (or another chain's)
				}
				logf("deposit %s does not exist on chain %d (contract %s)", id.Hex(), conn.chainID, conn.contract.Address())
				code = exitInvalid
				continue
			}
			deps = append(deps, d)
		}
		store := depositStore(cfg)
		records := map[common.Hash]*jsonRecord{}
		for _, d := range deps {
			rec, err := store.Load(d.ID)
			if err != nil {
				continue // not made here
			}
			send.Reconcile(rec, toDepositState(d), time.Now())
			leaves, err := send.Leaves(ctx, depositReader{conn.reader}, rec, toDepositState(d))
			if err != nil {
				logf("%v", err)
				return exitTempFail
			}
			if err := store.Save(rec); err != nil {
				logf("%v", err)
				return exitIOErr
			}
			records[d.ID] = &jsonRecord{State: rec.State, Messages: rec.Messages, Leaves: leaves}
		}

		if *asJSON {
			out := make([]jsonDeposit, len(deps))
			for i, d := range deps {
				out[i] = toJSON(d)
				out[i].Record = records[d.ID]
			}
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			var v any = out
			if !listing && len(args) == 1 {
				if len(out) == 0 {
					return code
				}
				v = out[0]
			}
			if err := enc.Encode(v); err != nil {
				logf("%v", err)
				return exitIOErr
			}
			return code
		}
		if listing {
			if len(deps) == 0 {
				fmt.Fprintf(stdout, "no deposits on chain %d (contract %s)\n", conn.chainID, conn.contract.Address())
				return code
			}
			printTable(deps)
			for _, d := range deps {
				if r := records[d.ID]; r != nil {
					fmt.Fprintf(stdout, "\ndeposit %s\n", d.ID.Hex())
					printLeaves(r)
				}
			}
			return code
		}
		for i, d := range deps {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			printDeposit(d, delay)
			if r := records[d.ID]; r != nil {
				printLeaves(r)
			}
		}
		return code
	}
}

// localDeposits lists the ids of deposits made by this machine's accounts:
// the records in the data dir for this chain and contract, and the
// accounts' Deposited events on the embedded chain (or from --from-block).
func localDeposits(ctx context.Context, cfg *config.Config, conn *chainConn, from string, fromBlock uint64, fromBlockSet bool) ([]common.Hash, error) {
	var creators []common.Address
	if from != "" {
		creators = append(creators, common.HexToAddress(from))
	} else {
		for _, a := range chain.OpenKeystoreLight(cfg.KeystoreDir()).Accounts() {
			creators = append(creators, a.Address)
		}
		if conn.embedded {
			if dev, err := devnet.ReadDevAccount(chainDir(cfg)); err == nil && !slices.Contains(creators, dev.Account.Address) {
				creators = append(creators, dev.Account.Address)
			}
		}
	}
	var ids []common.Hash
	seen := map[common.Hash]bool{}
	add := func(id common.Hash) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	recs, err := depositStore(cfg).List()
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		if rec.ChainID != conn.chainID.Uint64() || rec.Contract != conn.contract.Address() {
			continue
		}
		if from != "" && rec.Creator != creators[0] {
			continue
		}
		add(rec.ID)
	}
	scan := fromBlockSet
	if !scan && conn.embedded {
		if dep, err := devnet.ReadDeployment(chainDir(cfg)); err == nil && dep.Contract == conn.contract.Address() {
			fromBlock, scan = dep.Block, true
		}
	}
	if scan {
		found, err := conn.contract.DepositsOf(ctx, creators, fromBlock, 0)
		if err != nil {
			return nil, err
		}
		for _, id := range found {
			add(id)
		}
	}
	return ids, nil
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
func printLeaves(r *jsonRecord) {
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
