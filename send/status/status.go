// Package status is what `postage status` shows: deposits as the chain
// has them, with the leaves of those this machine recorded (each leaf's
// recipient or padding, the message it backs, whether it is burned), as
// tables or JSON.
package status

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/sendchain"
)

// Deposit is one deposit on chain and, when this machine made it, its
// record's leaves.
type Deposit struct {
	chain.Deposit
	// Record is nil for a deposit not recorded here.
	Record *sendchain.Leaves
}

// DepositReader reads a deposit on chain (a *chain.Reader).
type DepositReader interface {
	Deposit(ctx context.Context, id common.Hash) (chain.Deposit, error)
}

// Read reads ids on chain, in order. The ids of deposits that do not
// exist (never mined, or another chain's) are left out and returned in
// missing.
func Read(ctx context.Context, r DepositReader, ids []common.Hash) (deps []Deposit, missing []common.Hash, err error) {
	deps = make([]Deposit, 0, len(ids))
	for _, id := range ids {
		d, err := r.Deposit(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		if !d.Exists() {
			missing = append(missing, id)
			continue
		}
		deps = append(deps, Deposit{Deposit: d})
	}
	return deps, missing, nil
}

// AddRecords sets the Record of each of deps recorded in store (the
// record reconciled with the chain and saved: sendchain.RecordedLeaves).
func AddRecords(ctx context.Context, store *send.Store, r *chain.Reader, deps []Deposit) error {
	for i := range deps {
		l, err := sendchain.RecordedLeaves(ctx, store, r, deps[i].Deposit)
		if err != nil {
			return err
		}
		deps[i].Record = l
	}
	return nil
}

// jsonDeposit is a deposit in JSON output. Amounts are decimal strings of
// wei: JSON numbers lose precision above 2^53 in most readers.
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

func toJSON(d Deposit) jsonDeposit {
	return jsonDeposit{
		ID: d.ID, Status: d.Status, Creator: d.Creator, Value: d.Value.String(), Leaves: d.Leaves,
		Share: d.Share.String(), BountyPerLeaf: d.BountyPerLeaf.String(), BurnedLeaves: d.BurnedLeaves,
		Remaining: d.Remaining.String(), CreatedAt: d.CreatedAt, WithdrawalStartedAt: d.WithdrawalStartedAt, UnlockAt: d.UnlockAt,
		Record: d.Record,
	}
}

// WriteJSON writes deps as an indented JSON array, or with one as the
// first deposit alone (nothing when there is none).
func WriteJSON(w io.Writer, deps []Deposit, one bool) error {
	out := make([]jsonDeposit, len(deps))
	for i, d := range deps {
		out[i] = toJSON(d)
	}
	enc := json.NewEncoder(w)
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

// WriteListing writes the table of deps, then the leaves of each
// recorded one; with no deposits it says so for the chain and contract.
func WriteListing(w io.Writer, chainID *big.Int, contract common.Address, deps []Deposit) {
	if len(deps) == 0 {
		fmt.Fprintf(w, "no deposits on chain %d (contract %s)\n", chainID, contract)
		return
	}
	WriteTable(w, deps)
	for _, d := range deps {
		if d.Record != nil {
			fmt.Fprintf(w, "\ndeposit %s\n", d.ID.Hex())
			WriteLeaves(w, d.Record)
		}
	}
}

// WriteTable writes one row per deposit.
func WriteTable(w io.Writer, deps []Deposit) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
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

// WriteDeposits writes each deposit in full (WriteDeposit), with its
// leaves when recorded, a blank line between deposits.
func WriteDeposits(w io.Writer, deps []Deposit, delay time.Duration, now time.Time) {
	for i, d := range deps {
		if i > 0 {
			fmt.Fprintln(w)
		}
		WriteDeposit(w, d.Deposit, delay, now)
		if d.Record != nil {
			WriteLeaves(w, d.Record)
		}
	}
}

// WriteDeposit writes one deposit, a field a line; delay is the
// contract's withdrawal delay, now the time an unlock is counted from.
func WriteDeposit(w io.Writer, d chain.Deposit, delay time.Duration, now time.Time) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
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
		if left := d.UnlockAt.Sub(now); left > 0 {
			when = "in " + left.Round(time.Second).String()
		}
		row("withdrawal", "started %s, unlocks at %s (%s)", d.WithdrawalStartedAt.UTC().Format(time.RFC3339), d.UnlockAt.UTC().Format(time.RFC3339), when)
	case chain.StatusWithdrawn:
		row("withdrawal", "done")
	}
	tw.Flush()
}

// WriteLeaves lists each leaf of a recorded deposit: its recipient (or
// padding), the Message-ID it backs, and whether it is burned.
func WriteLeaves(w io.Writer, r *sendchain.Leaves) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
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
