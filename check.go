package postage

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"time"

	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/stake"
)

// DepositStatus is a deposit's place in its life.
type DepositStatus int

const (
	DepositNone        DepositStatus = iota // never made
	DepositActive                           // burnable, not withdrawing
	DepositWithdrawing                      // creator started the delay
	DepositWithdrawn                        // gone; the id is never reused
)

// DepositRef names a deposit: the chain, the contract and the id
// (keccak256(creator ‖ root)).
type DepositRef struct {
	ContractRef
	ID stake.Hash
}

// Deposit is what a checker needs to know about a deposit.
type Deposit struct {
	Status    DepositStatus
	Value     *big.Int // wei, as deposited
	Leaves    uint32
	CreatedAt time.Time
	// Confirmations: blocks including and after the deposit's own.
	Confirmations uint64
	// Delay is the contract's withdrawal delay.
	Delay time.Duration
}

// DepositReader reads deposit state from a chain. Errors mean "could not
// tell" and give a temperror verdict, never a pass.
type DepositReader interface {
	Deposit(ctx context.Context, ref DepositRef) (Deposit, error)
	Burned(ctx context.Context, ref DepositRef, index uint32) (bool, error)
}

// Postage is what a message carries, taken from its header.
type Postage struct {
	// Sender is the envelope sender or From address, for the allowlist.
	Sender string
	// Work holds X-Hashcash values, unfolded, whitespace removed.
	Work []string
	// Stake holds Postage-Stamp values as they arrived.
	Stake []string
}

// Checker gives verdicts. Spent and Deposits may be nil when the policy
// does not accept work or stake respectively.
type Checker struct {
	Policy   *Policy
	Spent    SpentStore
	Deposits DepositReader
	// Tickets checks tickets of the deniable stake mode against this
	// receiver's own books; nil when it runs no ticket agent.
	Tickets TicketVerifier
	Now     func() time.Time // nil: time.Now
}

func (c *Checker) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// outcome of one kind of postage for one recipient.
type outcome int

const (
	absent outcome = iota
	bad
	unknown // could not be checked now
	good
)

// Check decides for one recipient. It never panics on hostile input; every
// refusal names its reason.
func (c *Checker) Check(ctx context.Context, p Postage, rcpt string) Verdict {
	v := Verdict{Recipient: rcpt}
	add := func(name, value string) { v.Reasons = append(v.Reasons, Reason{name, value}) }
	pol := c.Policy

	if pol.Accepts(AcceptAllowlist) && p.Sender != "" && pol.Allowlist.Contains(p.Sender) {
		add("allowlist", "sender")
		v.Result = Pass
		return v
	}
	r, err := stake.ParseRecipient(rcpt)
	if err != nil {
		add("rcpt", "invalid")
		v.Result = Fail
		return v
	}
	best := absent
	if pol.Accepts(AcceptStake) {
		stakes, tickets := splitTickets(p.Stake)
		o, reasons := c.checkStake(ctx, stakes, r)
		v.Reasons = append(v.Reasons, reasons...)
		best = max(best, o)
		o, reasons = c.checkTickets(ctx, tickets, r)
		v.Reasons = append(v.Reasons, reasons...)
		best = max(best, o)
	}
	if pol.Accepts(AcceptWork) {
		o, reasons := c.checkWork(ctx, p.Work, r.String())
		v.Reasons = append(v.Reasons, reasons...)
		best = max(best, o)
	}
	switch best {
	case good:
		v.Result = Pass
	case unknown:
		v.Result = TempError
	case bad:
		v.Result = Fail
	default:
		v.Result = Neutral
	}
	return v
}

func (c *Checker) checkWork(ctx context.Context, stamps []string, rcpt string) (outcome, []Reason) {
	if len(stamps) == 0 {
		return absent, nil
	}
	hp := &hashcash.Policy{
		Requirements: []hashcash.Requirement{{Resource: rcpt, Bits: c.Policy.WorkBits}},
		Match:        hashcash.MatchExact,
		Validity:     c.Policy.WorkValidity,
		Grace:        c.Policy.WorkGrace,
		Now:          c.now,
	}
	var firstErr error
	for _, s := range stamps {
		res, err := hp.Check(s)
		if err != nil {
			// Stamps for the message's other recipients are expected here;
			// report a wrong resource only if nothing better turns up.
			if firstErr == nil || errors.Is(firstErr, hashcash.ErrWrongResource) {
				firstErr = err
			}
			continue
		}
		if c.Spent == nil {
			return unknown, []Reason{{"work", "no-spent-store"}}
		}
		switch err := c.Spent.Spend(ctx, s, res.Expires); {
		case errors.Is(err, ErrSpent):
			firstErr = ErrSpent
			continue
		case err != nil:
			return unknown, []Reason{{"work", "store-unavailable"}}
		}
		return good, []Reason{{"work", strconv.Itoa(res.Value)}}
	}
	var re *hashcash.RejectError
	switch {
	case errors.Is(firstErr, ErrSpent):
		return bad, []Reason{{"work", "double-spent"}}
	case errors.As(firstErr, &re) && errors.Is(re.Reason, hashcash.ErrMalformed):
		return bad, []Reason{{"work", "malformed"}}
	case errors.As(firstErr, &re):
		return bad, []Reason{{"work", token(re.Reason.Error())}}
	}
	return bad, []Reason{{"work", "invalid"}}
}

func (c *Checker) checkStake(ctx context.Context, headers []string, rcpt stake.Recipient) (outcome, []Reason) {
	if len(headers) == 0 {
		return absent, nil
	}
	fail := func(why string) (outcome, []Reason) { return bad, []Reason{{"stake", why}} }
	var st *stake.Stamp
	sawMalformed, sawOther := false, false
	for _, h := range headers {
		s, err := stake.Parse(h)
		if err != nil {
			sawMalformed = true
			continue
		}
		if s.Recipient == rcpt {
			st = s
			break
		}
		sawOther = true
	}
	switch {
	case st == nil && sawOther:
		return fail("not-for-recipient")
	case st == nil && sawMalformed:
		return fail("malformed")
	}
	if _, _, err := st.Check(rcpt); err != nil {
		return fail("bad-proof")
	}
	ref := DepositRef{ContractRef: ContractRef{ChainID: st.ChainID, Address: st.Contract}, ID: st.DepositID()}
	trusted := false
	for _, t := range c.Policy.Contracts {
		trusted = trusted || t == ref.ContractRef
	}
	if c.Deposits == nil {
		// Without a chain the contract the receiver follows is not known
		// either: neither trusted nor refused, just not checkable now.
		return unknown, []Reason{{"stake", "chain-unavailable"}}
	}
	if !trusted {
		return fail("unknown-contract")
	}
	d, err := c.Deposits.Deposit(ctx, ref)
	if err != nil {
		return unknown, []Reason{{"stake", "chain-unavailable"}}
	}
	depositReason := Reason{"deposit", fmt.Sprintf("%x", ref.ID[:6])}
	switch d.Status {
	case DepositNone:
		return fail("no-deposit")
	case DepositWithdrawing:
		return bad, []Reason{{"stake", "withdrawing"}, depositReason}
	case DepositWithdrawn:
		return bad, []Reason{{"stake", "withdrawn"}, depositReason}
	}
	if d.Leaves != st.Leaves {
		return fail("leaf-count-mismatch")
	}
	perLeaf := new(big.Int)
	if d.Value != nil && d.Leaves > 0 {
		perLeaf.Div(d.Value, big.NewInt(int64(d.Leaves)))
	}
	if min := c.Policy.StakeMinPerLeaf; min != nil && perLeaf.Cmp(min) < 0 {
		return bad, []Reason{{"stake", "too-small"}, {"stake.value", perLeaf.String() + "wei"}}
	}
	if d.Delay < c.Policy.StakeMinDelay {
		return bad, []Reason{{"stake", "delay-too-short"}, {"stake.delay", d.Delay.String()}}
	}
	if c.now().Sub(d.CreatedAt) < c.Policy.StakeMinAge {
		return bad, []Reason{{"stake", "too-new"}}
	}
	if d.Confirmations < c.Policy.StakeConfirmations {
		// Not yet: a retry later may pass.
		return unknown, []Reason{{"stake", "unconfirmed"}}
	}
	burned, err := c.Deposits.Burned(ctx, ref, st.Index)
	if err != nil {
		return unknown, []Reason{{"stake", "chain-unavailable"}}
	}
	if burned {
		return bad, []Reason{{"stake", "burned"}, depositReason}
	}
	return good, []Reason{{"stake", "pass"}, {"stake.value", perLeaf.String() + "wei"}, depositReason}
}
