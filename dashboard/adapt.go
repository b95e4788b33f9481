package dashboard

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/punish"
	"github.com/postage-mail/postage/relay"
	"github.com/postage-mail/postage/send"
)

// SenderDeposit is one send record as the Sender page shows it. With c
// (the milter's live chain cache; nil for none) the state and burned
// leaves come from the chain, else from the record. The record is changed
// in memory only: the lifecycle saves records.
func SenderDeposit(ctx context.Context, r *send.Record, c send.ChainState, hold time.Duration, now time.Time) Deposit {
	dep := Deposit{ID: r.ID.Hex(), Created: r.Created, Value: r.Value, Error: r.Error}
	leaves := make([]send.LeafStatus, 0, len(r.Leaf))
	for _, l := range r.Leaf {
		leaves = append(leaves, send.LeafStatus{RecordLeaf: l})
	}
	var remaining *big.Int
	if c != nil && r.State != send.StatePending && r.State != send.StateFailed {
		if ds, err := c.Deposit(ctx, r.ID); err == nil {
			send.Reconcile(r, ds, now)
			remaining = ds.Remaining
			if ls, err := send.Leaves(ctx, c, r, ds); err == nil {
				leaves = ls
			}
		}
	}
	dep.State, dep.UnlockAt = string(r.State), r.UnlockAt
	burned := int64(0)
	for _, l := range leaves {
		dep.Leaves = append(dep.Leaves, Leaf{Index: l.Index, Recipient: l.Recipient, Padding: l.Padding, Burned: l.Burned})
		if l.Burned {
			burned++
		}
	}
	switch {
	case r.State == send.StateWithdrawn || r.State == send.StateFailed:
		dep.Locked = "0"
	case remaining != nil:
		dep.Locked = remaining.String()
	default:
		v, ok := new(big.Int).SetString(r.Value, 10)
		if !ok {
			v = new(big.Int)
		}
		dep.Locked = v.Sub(v, new(big.Int).Mul(r.Share(), big.NewInt(burned))).String()
	}
	dep.Due = r.State == send.StateActive && now.Sub(r.Created) >= hold ||
		r.State == send.StateWithdrawing && now.After(r.UnlockAt)
	return dep
}

// PunishmentsOf turns punishment queue entries into the page's rows
// (never the leaf's secret). Leaves of this host's own deposits (own) are
// named by recipient with the record's bounty; bounty, when not nil, gives
// the others'.
func PunishmentsOf(es []*punish.Entry, own []*send.Record, bounty func(common.Hash) string) []Punishment {
	mine := map[common.Hash]*send.Record{}
	for _, r := range own {
		mine[r.ID] = r
	}
	var out []Punishment
	for _, e := range es {
		p := Punishment{ID: e.ID, Deposit: e.Burn.DepositID.Hex(), Leaf: e.Burn.Index, State: e.State,
			Tx: e.Tx, Error: e.Error, Due: e.Due, Updated: e.Updated}
		if n := len(e.Relays); n > 0 {
			p.Relay = e.Relays[n-1].URL
		}
		if r := mine[e.Burn.DepositID]; r != nil {
			p.Bounty = r.BountyPerLeaf
			for _, l := range r.Leaf {
				if l.Index == e.Burn.Index {
					p.Recipient = l.Recipient
				}
			}
		} else if bounty != nil {
			p.Bounty = bounty(e.Burn.DepositID)
		}
		out = append(out, p)
	}
	return out
}

// RelayOf is the relay panel: its health, and its recent requests and
// refusals merged newest first (at most 30).
func RelayOf(h relay.Health, recent []relay.Status, refusals []relay.Refusal) *Relay {
	out := &Relay{Name: h.Name, Account: h.Account, Balance: h.Balance, Queued: h.Queued, InFlight: h.InFlight, Problems: h.Problems}
	for _, s := range recent {
		out.Recent = append(out.Recent, RelayEvent{Time: s.UpdatedAt, Kind: s.Kind, ID: s.ID, State: s.Status, Tx: s.Tx, Bounty: s.Bounty, Note: s.Error})
	}
	for _, f := range refusals {
		out.Recent = append(out.Recent, RelayEvent{Time: f.At, Kind: "refused", State: f.Code, Note: f.Message})
	}
	sort.SliceStable(out.Recent, func(i, j int) bool { return out.Recent[i].Time.After(out.Recent[j].Time) })
	out.Recent = out.Recent[:min(len(out.Recent), 30)]
	return out
}

// DueMessage is what the withdraw --due button says it did.
func DueMessage(rep *send.DueReport) string {
	return fmt.Sprintf("withdraw --due: %d withdrawal%s started, %d deposit%s paid back, %d waiting",
		len(rep.Started), plural(len(rep.Started)), len(rep.Withdrawn), plural(len(rep.Withdrawn)), rep.Waiting)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
