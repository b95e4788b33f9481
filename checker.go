package postage

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/stake"
)

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
	// OwnContractUnknown: the receiver's own chain could not be reached,
	// so its contract (the embedded chain's is known only from it) is not
	// in Policy.Contracts yet. A stamp naming a contract not listed may
	// name that one: temperror, not unknown-contract.
	OwnContractUnknown bool
}

// Readers is a DepositReader over several contracts, each followed by its
// own reader (the receiver's chain and every policy.stake.trusted entry).
// A contract with no reader, or whose reader is not connected yet, is an
// error: the stamp cannot be checked now.
type Readers map[ContractRef]DepositReader

func (r Readers) reader(ref ContractRef) (DepositReader, error) {
	if d := r[ref]; d != nil {
		return d, nil
	}
	return nil, fmt.Errorf("no reader follows deposit contract %s (not connected yet)", ref)
}

// Deposit implements DepositReader.
func (r Readers) Deposit(ctx context.Context, ref DepositRef) (Deposit, error) {
	d, err := r.reader(ref.ContractRef)
	if err != nil {
		return Deposit{}, err
	}
	return d.Deposit(ctx, ref)
}

// Burned implements DepositReader.
func (r Readers) Burned(ctx context.Context, ref DepositRef, index uint32) (bool, error) {
	d, err := r.reader(ref.ContractRef)
	if err != nil {
		return false, err
	}
	return d.Burned(ctx, ref, index)
}

func (c *Checker) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// MaxClockSkew is how far the checker's clock and a chain's block
// timestamps may disagree without changing a verdict: a deposit that is up
// to this much younger than the policy's minimum age (or dated up to this
// much in the future) is not too new.
const MaxClockSkew = 5 * time.Minute

// outcome of one kind of postage for one recipient, in increasing order of
// weight: the heaviest outcome of a message's kinds decides.
type outcome int

const (
	absent outcome = iota
	bad
	unknown // could not be checked now
	good
	// vetoed: a burned leaf or a withdrawn deposit. The sender's own
	// postage says it was punished or taken back: fail, whatever else the
	// message carries.
	vetoed
)

// Check decides for one recipient. It never panics on hostile input; every
// refusal names its reason.
func (c *Checker) Check(ctx context.Context, p Stamps, rcpt string) Verdict {
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
		o, reasons := c.checkStake(ctx, stakes, p.Message, r)
		v.Reasons = append(v.Reasons, reasons...)
		best = max(best, o)
		o, reasons = c.checkTickets(ctx, tickets, p.Message, r)
		v.Reasons = append(v.Reasons, reasons...)
		best = max(best, o)
	}
	if pol.Accepts(AcceptWork) {
		o, reasons := c.checkWork(ctx, p.Work, p.Message, r.String())
		v.Reasons = append(v.Reasons, reasons...)
		best = max(best, o)
	}
	switch best {
	case good:
		v.Result = Pass
	case unknown:
		v.Result = TempError
	case bad, vetoed:
		v.Result = Fail
	default:
		v.Result = Neutral
	}
	return v
}

// workResource is the resource a well-formed hashcash stamp names, or ""
// for one that cannot be parsed.
func workResource(text string) string {
	st, err := hashcash.Parse(text)
	if err != nil {
		return ""
	}
	return st.Resource
}

func (c *Checker) checkWork(ctx context.Context, stamps []string, msg, rcpt string) (outcome, []Reason) {
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
	others := 0
	for _, s := range stamps {
		// A stamp for another address is for the message's other
		// recipients, or for the address it was forwarded from: not ours
		// to judge or spend, as if it were not there.
		if res := workResource(s); res != "" && !strings.EqualFold(res, rcpt) {
			others++
			continue
		}
		res, err := hp.Check(s)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if c.Spent == nil {
			return unknown, []Reason{{"work", "no-spent-store"}}
		}
		switch err := c.Spent.Spend(ctx, s, msg, res.Expires); {
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
	case firstErr == nil && others > 0:
		return absent, []Reason{{"work", "not-for-recipient"}}
	case errors.Is(firstErr, ErrSpent):
		return bad, []Reason{{"work", "double-spent"}}
	case errors.As(firstErr, &re) && errors.Is(re.Reason, hashcash.ErrMalformed):
		return bad, []Reason{{"work", "malformed"}}
	case errors.As(firstErr, &re):
		return bad, []Reason{{"work", token(strings.ReplaceAll(re.Reason.Error(), " ", "-"))}}
	}
	return bad, []Reason{{"work", "invalid"}}
}

// EffectiveStake is what burning one leaf of d costs its creator: its
// share of the deposit less the bounty the contract pays to whoever
// submits the burn, which the creator, knowing every secret, can collect
// itself. Never negative.
func EffectiveStake(d Deposit) *big.Int {
	v := new(big.Int)
	if d.Value == nil || d.Leaves == 0 {
		return v
	}
	v.Div(d.Value, big.NewInt(int64(d.Leaves)))
	if d.Bounty != nil {
		v.Sub(v, d.Bounty)
	}
	if v.Sign() < 0 {
		v.SetInt64(0)
	}
	return v
}

func (c *Checker) checkStake(ctx context.Context, headers []string, msg string, rcpt stake.Recipient) (outcome, []Reason) {
	if len(headers) == 0 {
		return absent, nil
	}
	fail := func(why string) (outcome, []Reason) { return bad, []Reason{{"stake", why}} }
	found := stake.Find(headers)
	st := found.For(rcpt)
	switch {
	case st == nil && len(found.Bad) > 0:
		return fail("malformed")
	case st == nil:
		// Bound to someone else: forwarded, or a list's copy. Ignored, as
		// if absent; the original recipient keeps the power to burn it.
		return absent, []Reason{{"stake", "not-for-recipient"}}
	}
	if _, _, err := st.Check(rcpt); err != nil {
		return fail("bad-proof")
	}
	ref := DepositRef{ContractRef: ContractRef{ChainID: st.ChainID, Address: st.Contract}, ID: st.DepositID()}
	trusted := c.Policy.Trusts(ref.ContractRef)
	if !trusted && (c.Deposits == nil || c.OwnContractUnknown) {
		// Without its chain the contract the receiver follows is not
		// known either: neither trusted nor refused, just not checkable
		// now.
		return unknown, []Reason{{"stake", "chain-unavailable"}}
	}
	if !trusted {
		// The receiver's chains answer, and none follows this contract:
		// anyone can deploy a contract that lies.
		return fail("unknown-contract")
	}
	if c.Deposits == nil {
		return unknown, []Reason{{"stake", "chain-unavailable"}}
	}
	d, err := c.Deposits.Deposit(ctx, ref)
	if err != nil {
		return unknown, []Reason{{"stake", "chain-unavailable"}}
	}
	depositReason := Reason{"deposit", fmt.Sprintf("%x", ref.ID[:6])}
	switch d.Status {
	case DepositNone:
		return fail("no-deposit")
	case DepositWithdrawn:
		return vetoed, []Reason{{"stake", "withdrawn"}, depositReason}
	}
	if d.Leaves != st.Leaves {
		return fail("leaf-count-mismatch")
	}
	burned, err := c.Deposits.Burned(ctx, ref, st.Index)
	if err != nil {
		return unknown, []Reason{{"stake", "chain-unavailable"}}
	}
	if burned {
		return vetoed, []Reason{{"stake", "burned"}, depositReason}
	}
	if d.Status == DepositWithdrawing {
		return bad, []Reason{{"stake", "withdrawing"}, depositReason}
	}
	value := EffectiveStake(d)
	valueReason := Reason{"stake.value", value.String() + "wei"}
	if min := c.Policy.StakeMinPerLeaf; min != nil && value.Cmp(min) < 0 {
		return bad, []Reason{{"stake", "too-small"}, valueReason}
	}
	if d.Delay < c.Policy.StakeMinDelay {
		return bad, []Reason{{"stake", "delay-too-short"}, {"stake.delay", d.Delay.String()}}
	}
	if age := c.now().Sub(d.CreatedAt); age+MaxClockSkew < c.Policy.StakeMinAge {
		// Not yet: the deposit ages, and a retry later may pass.
		return unknown, []Reason{{"stake", "too-new"}, depositReason}
	}
	if d.Confirmations < c.Policy.StakeConfirmations {
		// Not yet: a retry later may pass.
		return unknown, []Reason{{"stake", "unconfirmed"}}
	}
	// One leaf backs one message: record it for this one, for as long as
	// the deposit may live. The same message again still passes.
	if c.Spent == nil {
		return unknown, []Reason{{"stake", "no-spent-store"}, depositReason}
	}
	switch err := c.Spent.Spend(ctx, StakeKey(ref, st.Index), msg, time.Time{}); {
	case errors.Is(err, ErrSpent):
		return bad, []Reason{{"stake", "reused"}, depositReason}
	case err != nil:
		return unknown, []Reason{{"stake", "store-unavailable"}, depositReason}
	}
	return good, []Reason{{"stake", "pass"}, valueReason, depositReason}
}
