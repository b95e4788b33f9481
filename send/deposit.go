package send

import (
	"context"
	crand "crypto/rand"
	"errors"
	"fmt"
	"io"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/stake"
)

// Account is where deposits are made and by whom.
type Account struct {
	ChainID  uint64
	Contract common.Address
	Creator  common.Address
}

// Mined is a deposit's mined transaction.
type Mined struct {
	Tx    common.Hash
	Block uint64
}

// ErrNoDeposit is wrapped by a Depositor's errors that prove no deposit
// was made (the contract refused it), as opposed to errors after which the
// transaction may still be mined.
var ErrNoDeposit = errors.New("no deposit made")

// Depositor makes deposits on chain: chain.Writer behind an adapter.
type Depositor interface {
	Account() Account
	// PendingNonce is the nonce the next transaction will use (recorded
	// before sending, to reconcile after a crash).
	PendingNonce(ctx context.Context) (uint64, error)
	// Deposit sends makeDeposit and waits until it is mined.
	Deposit(ctx context.Context, root common.Hash, leaves uint32, value, bountyPerLeaf *big.Int) (Mined, error)
}

// Staker makes padded, recorded deposits for messages.
type Staker struct {
	Depositor Depositor
	Records   *Store
	// PerRecipient is each leaf's share (send.stake_per_recipient); a burn
	// costs the sender PerRecipient - Bounty.
	PerRecipient *big.Int
	// Bounty per burned leaf, paid to whoever submits the burn.
	Bounty *big.Int
	// MinLeaves pads small deposits (DefaultMinLeaves when 0).
	MinLeaves int
	// Limits and Delay (the contract's withdrawal delay) are checked
	// before anything is sent.
	Limits Limits
	Delay  time.Duration
	Rand   io.Reader // crypto/rand when nil
	Now    func() time.Time
}

// Share is what one leaf holds.
func (s *Staker) Share() *big.Int { return new(big.Int).Set(orZero(s.PerRecipient)) }

// Check refuses, before anything is sent, settings whose deposits the
// receivers' policy would not accept.
func (s *Staker) Check() error {
	return CheckDeposit(s.Share(), orZero(s.Bounty), s.Delay, s.Limits)
}

// Stakes are the stake stamps of one deposit, per group (message) and
// recipient: Postage-Stamp header values.
type Stakes struct {
	ID      common.Hash
	Leaves  uint32
	Headers []map[string]string // by group, recipient (canonical) -> header
}

// Deposit makes one deposit for the groups (messages): it plans the padded
// tree, writes the record as pending, sends the deposit, waits until it is
// mined and records that. It returns every recipient's stamp. On error no
// stamp is returned: no copy may go out with a stamp of a deposit that is
// not mined.
func (s *Staker) Deposit(ctx context.Context, groups []Group) (*Stakes, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	min := s.MinLeaves
	if min == 0 {
		min = DefaultMinLeaves
	}
	plan, err := NewPlan(groups, min, s.Rand)
	if err != nil {
		return nil, err
	}
	acct := s.Depositor.Account()
	share := s.Share()
	value := new(big.Int).Mul(share, big.NewInt(int64(plan.Leaves())))
	rec, err := plan.Record(acct, value.String(), orZero(s.Bounty).String())
	if err != nil {
		return nil, err
	}
	out := &Stakes{ID: rec.ID, Leaves: plan.Leaves(), Headers: make([]map[string]string, len(groups))}
	for gi, g := range groups {
		out.Headers[gi] = map[string]string{}
		for _, r := range g.Rcpts {
			st, err := plan.Stamp(gi, r, acct)
			if err != nil {
				return nil, err
			}
			h, err := st.Format()
			if err != nil {
				return nil, err
			}
			out.Headers[gi][r.String()] = h
		}
	}
	if err := s.Send(ctx, rec); err != nil {
		return nil, fmt.Errorf("deposit %s for %d recipients (%d leaves): %w", FormatWei(value), plan.Recipients(), plan.Leaves(), err)
	}
	return out, nil
}

// Send makes the deposit rec describes (Root, Leaves, Value,
// BountyPerLeaf) after checking it against the limits. The record goes to
// disk as pending before the transaction is sent: once the ETH is locked,
// losing the record would lose the stamps and the automatic withdrawal.
// Then it is recorded as mined.
func (s *Staker) Send(ctx context.Context, rec *Record) error {
	value, ok := new(big.Int).SetString(rec.Value, 10)
	if !ok {
		return fmt.Errorf("deposit value %q is not a number of wei", rec.Value)
	}
	bounty, ok := new(big.Int).SetString(rec.BountyPerLeaf, 10)
	if !ok {
		return fmt.Errorf("bounty %q is not a number of wei", rec.BountyPerLeaf)
	}
	if err := CheckDeposit(rec.Share(), bounty, s.Delay, s.Limits); err != nil {
		return err
	}
	if rec.Created.IsZero() {
		now := time.Now
		if s.Now != nil {
			now = s.Now
		}
		rec.Created = now().UTC()
	}
	if n, err := s.Depositor.PendingNonce(ctx); err == nil {
		rec.Nonce = &n
	}
	rec.State = StatePending
	if s.Records != nil {
		if err := s.Records.Save(rec); err != nil {
			return err
		}
	}
	m, err := s.Depositor.Deposit(ctx, rec.Root, rec.Leaves, value, bounty)
	if errors.Is(err, ErrNoDeposit) {
		if s.Records != nil {
			_ = s.Records.Remove(rec.ID) // nothing is locked: nothing to remember
		}
		return err
	}
	if err != nil {
		if s.Records != nil {
			// Still pending: the transaction may have been broadcast. The
			// lifecycle reconciles it with the chain.
			rec.Error = err.Error()
			_ = s.Records.Save(rec)
		}
		return err
	}
	rec.State, rec.Tx, rec.Block, rec.Error = StateActive, m.Tx, m.Block, ""
	if s.Records != nil {
		if err := s.Records.Save(rec); err != nil {
			return err
		}
	}
	return nil
}

// SecretsRecord is the record of a deposit of n leaves with random secrets
// (postage deposit --leaves): the record keeps the secrets.
func SecretsRecord(n int, acct Account, rnd io.Reader) (*Record, error) {
	if n < 1 || n > stake.MaxLeaves {
		return nil, fmt.Errorf("%w: %d leaves (want 1..%d)", stake.ErrTreeSize, n, stake.MaxLeaves)
	}
	if rnd == nil {
		rnd = crand.Reader
	}
	hashes := make([]stake.Hash, n)
	r := &Record{Version: RecordVersion, ChainID: acct.ChainID, Contract: acct.Contract, Creator: acct.Creator, State: StatePending}
	for i := range hashes {
		var sec common.Hash
		if _, err := io.ReadFull(rnd, sec[:]); err != nil {
			return nil, fmt.Errorf("random secret: %w", err)
		}
		hashes[i] = stake.Leaf(stake.Hash(sec))
		r.Leaf = append(r.Leaf, RecordLeaf{Index: uint32(i), Message: -1, Secret: &sec})
	}
	t, err := stake.Build(hashes)
	if err != nil {
		return nil, err
	}
	r.Root, r.Leaves = common.Hash(t.Root()), t.Len()
	r.ID = DepositID(acct.Creator, r.Root)
	return r, nil
}

// Recipients turns addresses into stake recipients, lowercased, without
// duplicates.
func Recipients(addrs []string) ([]stake.Recipient, error) {
	var out []stake.Recipient
	seen := map[stake.Recipient]bool{}
	for _, a := range addrs {
		r, err := stake.ParseRecipient(a)
		if err != nil {
			return nil, fmt.Errorf("recipient %q: %w", a, err)
		}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out, nil
}

func orZero(v *big.Int) *big.Int {
	if v == nil {
		return new(big.Int)
	}
	return v
}

// Manual is the record of a deposit made by hand (postage deposit): one
// leaf per recipient, padded to a power of two of at least MinLeaves, or,
// with no recipients, leaves leaves of random secrets. value is the whole
// deposit (nil: the share per leaf) and bounty the bounty per leaf (nil:
// the staker's). Bad arguments wrap ErrUsage.
func (s *Staker) Manual(rcpts []string, leaves int, value, bounty *big.Int) (*Record, error) {
	rs, err := ManualArgs(rcpts, leaves)
	if err != nil {
		return nil, err
	}
	acct := s.Depositor.Account()
	var rec *Record
	if len(rs) > 0 {
		plan, err := NewPlan([]Group{{Rcpts: rs}}, s.MinLeaves, s.Rand)
		if err != nil {
			return nil, usageErr{err}
		}
		if rec, err = plan.Record(acct, "0", "0"); err != nil {
			return nil, err
		}
	} else if rec, err = SecretsRecord(leaves, acct, s.Rand); err != nil {
		return nil, usageErr{err}
	}
	if value == nil {
		value = new(big.Int).Mul(s.Share(), big.NewInt(int64(rec.Leaves)))
	}
	if bounty == nil {
		bounty = orZero(s.Bounty)
	}
	rec.Value, rec.BountyPerLeaf = value.String(), bounty.String()
	return rec, nil
}

// ManualArgs checks Manual's recipients and leaves, before anything is
// sent: either recipients (each once) or a leaf count.
func ManualArgs(rcpts []string, leaves int) ([]stake.Recipient, error) {
	switch {
	case leaves != 0 && len(rcpts) > 0:
		return nil, argError("give either --leaves or recipients, not both")
	case leaves == 0 && len(rcpts) == 0:
		return nil, argError("give --leaves N or recipients")
	case leaves < 0 || leaves > stake.MaxLeaves:
		return nil, argError(fmt.Sprintf("--leaves %d: want 1..%d", leaves, stake.MaxLeaves))
	}
	rs, err := Recipients(rcpts)
	if err != nil {
		return nil, usageErr{err}
	}
	if len(rs) != len(rcpts) {
		return nil, argError("a recipient appears twice: each recipient is one leaf")
	}
	return rs, nil
}
