package send

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math/big"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// DefaultHold is how long a deposit stays active before its withdrawal
// starts (send.hold). Recipients burn spam when they read it: a week
// covers a weekend away and most holidays' first days, and the contract's
// delay (days) comes on top of it, so a recipient has hold + delay to act.
const DefaultHold = 7 * 24 * time.Hour

// PendingTimeout is how long a pending record (sent, never seen mined) is
// kept pending before it is marked failed. A failed record that later
// appears on chain becomes active again: the deposit id is fixed by
// creator and root, so no chain event can be missed for good.
const PendingTimeout = time.Hour

// DepositState is a deposit as the chain sees it now.
type DepositState struct {
	Exists       bool
	State        State // active, withdrawing or withdrawn
	CreatedAt    time.Time
	UnlockAt     time.Time
	Remaining    *big.Int
	BurnedLeaves uint32
}

// ChainState reads deposits: chain.Reader behind an adapter.
type ChainState interface {
	Deposit(ctx context.Context, id common.Hash) (DepositState, error)
	IsBurned(ctx context.Context, id common.Hash, index uint32) (bool, error)
}

// Withdrawer sends the creator's batch calls: startWithdrawals skips
// deposits already withdrawing or withdrawn, withdrawMany skips the locked
// and the withdrawn, so repeating either after a crash does no harm.
type Withdrawer interface {
	StartWithdrawals(ctx context.Context, ids []common.Hash) error
	WithdrawMany(ctx context.Context, ids []common.Hash) error
}

// Lifecycle withdraws the recorded deposits of one account on one
// contract once they have been held long enough.
type Lifecycle struct {
	Records    *Store
	Account    Account
	Chain      ChainState
	Withdrawer Withdrawer
	Hold       time.Duration
	Now        func() time.Time

	mu sync.Mutex // one Due run at a time (serve's timer, its dashboard)
}

// DueReport is what one Due run did.
type DueReport struct {
	Started    []common.Hash
	Withdrawn  map[common.Hash]*big.Int // paid back
	Reconciled map[common.Hash]State    // records whose state changed from the chain
	Waiting    int                      // held or locked deposits left for later
}

// Summary is what postage withdraw --due prints of r: one line per
// deposit started, one per deposit withdrawn (by id), and the counts.
func (r *DueReport) Summary() string {
	var b strings.Builder
	for _, id := range r.Started {
		fmt.Fprintf(&b, "started the withdrawal of deposit %s\n", id.Hex())
	}
	ids := slices.SortedFunc(maps.Keys(r.Withdrawn), func(a, b common.Hash) int { return a.Cmp(b) })
	for _, id := range ids {
		fmt.Fprintf(&b, "withdrew %s from deposit %s\n", FormatWei(r.Withdrawn[id]), id.Hex())
	}
	fmt.Fprintf(&b, "%d started, %d withdrawn, %d waiting\n", len(r.Started), len(r.Withdrawn), r.Waiting)
	return b.String()
}

func (l *Lifecycle) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// Reconcile brings a record's state in line with the chain. It returns
// whether the record changed.
func Reconcile(r *Record, d DepositState, now time.Time) bool {
	before := *r
	switch {
	case d.Exists:
		r.State = d.State
		if !d.UnlockAt.IsZero() {
			r.UnlockAt = d.UnlockAt.UTC()
		}
		if r.Error != "" && r.State != StatePending {
			r.Error = ""
		}
	case r.State == StatePending && now.Sub(r.Created) > PendingTimeout:
		r.State = StateFailed
	}
	return r.State != before.State || !r.UnlockAt.Equal(before.UnlockAt) || r.Error != before.Error
}

// Due starts the withdrawal of every recorded deposit of the account older
// than Hold and finishes every unlocked one. Every decision is taken from
// the chain's state, read again on each run, and the records are updated
// from it: a crash at any point is repaired by the next run, and nothing is
// withdrawn twice (the contract refuses, and the batch calls skip).
func (l *Lifecycle) Due(ctx context.Context) (*DueReport, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	recs, err := l.Records.List()
	if err != nil {
		return nil, err
	}
	rep := &DueReport{Withdrawn: map[common.Hash]*big.Int{}, Reconciled: map[common.Hash]State{}}
	now := l.now()
	var start, finish []common.Hash
	remaining := map[common.Hash]*big.Int{}
	mine := map[common.Hash]*Record{}
	for _, r := range recs {
		if r.ChainID != l.Account.ChainID || r.Contract != l.Account.Contract || r.Creator != l.Account.Creator || r.Final() {
			continue
		}
		d, err := l.Chain.Deposit(ctx, r.ID)
		if err != nil {
			return rep, fmt.Errorf("read deposit %s: %w", r.ID.Hex(), err)
		}
		if Reconcile(r, d, now) {
			if err := l.Records.Save(r); err != nil {
				return rep, err
			}
			rep.Reconciled[r.ID] = r.State
		}
		mine[r.ID] = r
		switch r.State {
		case StateActive:
			created := d.CreatedAt
			if created.IsZero() {
				created = r.Created
			}
			if now.Sub(created) >= l.Hold {
				start = append(start, r.ID)
			} else {
				rep.Waiting++
			}
		case StateWithdrawing:
			if now.After(d.UnlockAt) {
				finish = append(finish, r.ID)
				remaining[r.ID] = d.Remaining
			} else {
				rep.Waiting++
			}
		case StatePending:
			rep.Waiting++
		}
	}
	var errs []error
	if len(start) > 0 {
		if err := l.Withdrawer.StartWithdrawals(ctx, start); err != nil {
			errs = append(errs, fmt.Errorf("start withdrawals of %d deposits: %w", len(start), err))
		}
	}
	if len(finish) > 0 {
		if err := l.Withdrawer.WithdrawMany(ctx, finish); err != nil {
			errs = append(errs, fmt.Errorf("withdraw %d deposits: %w", len(finish), err))
		}
	}
	// What happened is read back from the chain, not assumed from the
	// calls: a batch skips what it cannot do.
	for _, id := range append(append([]common.Hash(nil), start...), finish...) {
		r := mine[id]
		d, err := l.Chain.Deposit(ctx, id)
		if err != nil {
			errs = append(errs, fmt.Errorf("read deposit %s: %w", id.Hex(), err))
			continue
		}
		was := r.State
		Reconcile(r, d, now)
		switch {
		case was == StateActive && r.State != StateActive:
			rep.Started = append(rep.Started, id)
			if r.State == StateWithdrawing {
				rep.Waiting++
			}
		case was == StateWithdrawing && r.State == StateWithdrawn:
			if v := remaining[id]; v != nil {
				r.Withdrawn = v.String()
				rep.Withdrawn[id] = v
			}
		case was == StateActive || was == StateWithdrawing:
			rep.Waiting++
		}
		if err := l.Records.Save(r); err != nil {
			errs = append(errs, err)
		}
	}
	return rep, errors.Join(errs...)
}

// LeafStatus is one leaf of a recorded deposit with its burn state.
type LeafStatus struct {
	RecordLeaf
	MessageID string `json:"messageId,omitempty"`
}

// Leaves reads each leaf's burn state from the chain (only while the
// deposit exists and has burned leaves) and stores it in the record.
func Leaves(ctx context.Context, c ChainState, r *Record, d DepositState) ([]LeafStatus, error) {
	out := make([]LeafStatus, 0, len(r.Leaf))
	for i := range r.Leaf {
		l := &r.Leaf[i]
		if d.Exists && d.BurnedLeaves > 0 && !l.Burned {
			b, err := c.IsBurned(ctx, r.ID, l.Index)
			if err != nil {
				return nil, err
			}
			l.Burned = b
		}
		ls := LeafStatus{RecordLeaf: *l}
		ls.Stamp, ls.Secret = "", nil // status output never shows secrets
		if l.Message >= 0 && l.Message < len(r.Messages) {
			ls.MessageID = r.Messages[l.Message].MessageID
		}
		out = append(out, ls)
	}
	return out, nil
}

// Run runs Due now and every tick until ctx ends (postage serve's
// automatic withdrawal), logging what each run did and its errors.
func (l *Lifecycle) Run(ctx context.Context, tick time.Duration, log *slog.Logger) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		rep, err := l.Due(ctx)
		if rep != nil && (len(rep.Started) > 0 || len(rep.Withdrawn) > 0) {
			log.Info("deposit lifecycle", "started", len(rep.Started), "withdrawn", len(rep.Withdrawn), "waiting", rep.Waiting)
		}
		if err != nil && ctx.Err() == nil {
			log.Warn("deposit lifecycle", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
