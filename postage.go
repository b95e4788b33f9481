// Package postage is the domain of email postage: the stamps a message
// can carry (Stamps), the policy a receiver asks of them (Policy), the
// Checker that decides a Verdict, and the ports the checker needs from the
// outside world. Every port (SpentStore, DepositReader, TicketVerifier) is
// in this file; adapters (stores, chain clients, the ticket agent)
// implement them, and this package imports none of them.
package postage

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/stake"
)

// Stamps are the stamps a message carries, and what they are spent for,
// taken from its header (mail.(*Message).Stamps).
type Stamps struct {
	// Sender is the envelope sender or From address, for the allowlist.
	Sender string
	// Work holds X-Hashcash values, unfolded, whitespace removed.
	Work []string
	// Stake holds Postage-Stamp values as they arrived.
	Stake []string
	// Message is the message's identity digest (package mail, Identity):
	// the same for the same message delivered again, different for any
	// other. Stamps are spent for it, so a retry passes and another
	// message with the same stamp does not. Empty: no identity, a stamp
	// passes once.
	Message string
}

// ErrSpent is returned by SpentStore.Spend for a stamp already spent by
// another message: the double spend a work stamp must never pass, the
// reuse of a stake leaf.
var ErrSpent = errors.New("double spent")

// SpentStore remembers the stamps that were accepted, and for which
// message, so that each stamp backs one message: work stamps (key: the
// stamp) and stake leaves (key: StakeKey). Implementations must make Spend
// atomic (of concurrent calls for one key with different messages, exactly
// one succeeds, across every process sharing the store) and durable before
// it returns nil.
type SpentStore interface {
	// Spend records key as spent by the message whose identity digest is
	// msg (Stamps.Message), until expires (zero: forever). It returns nil
	// when key is new, or already recorded for the same msg (the same
	// message again: an MTA's retry, a second MX), and ErrSpent when key is
	// recorded for a different message. An empty msg is no identity: it
	// matches nothing, so a key spent with an empty msg is spent for every
	// later call.
	Spend(ctx context.Context, key, msg string, expires time.Time) error
	// Purge forgets keys whose expiry is at or before now and reports how
	// many it removed. A purged stamp is expired, so it is refused anyway.
	Purge(ctx context.Context, now time.Time) (int, error)
	Close() error
}

// SameSpend reports whether a recorded message identity had and a new one
// msg are the same message, for SpentStore implementations: equal and not
// empty.
func SameSpend(had, msg string) bool { return msg != "" && had == msg }

// StakeKey is the spent-store key of one leaf of a deposit:
// "stake:<chainid>:<contract>:<depositid>:<index>".
func StakeKey(ref DepositRef, index uint32) string {
	return fmt.Sprintf("stake:%d:%s:%x:%d", ref.ChainID, ref.Address, ref.ID[:], index)
}

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
	// Bounty is the wei paid, per leaf, to whoever submits a burn (nil:
	// none). The creator knows every secret and can burn its own leaves
	// for the bounty, so a leaf costs its creator share - Bounty.
	Bounty *big.Int
}

// DepositReader reads deposit state from a chain. Errors mean "could not
// tell" and give a temperror verdict, never a pass.
type DepositReader interface {
	Deposit(ctx context.Context, ref DepositRef) (Deposit, error)
	Burned(ctx context.Context, ref DepositRef, index uint32) (bool, error)
}

// TicketVerifier checks tickets of the deniable stake mode (package book,
// docs/deniable.md): Postage-Stamp headers of kind "ticket" that name a
// ticket the sender bought in one of the receiver's own ticket books. The
// recipient's agent implements it.
type TicketVerifier interface {
	// VerifyTicket checks one ticket header for rcpt and, when it is good,
	// records the ticket as claimed by this message (msg, its identity:
	// Stamps.Message), so that a ticket backs one message (like a work
	// stamp): the same message again passes, another is "reused". An error
	// means the ticket could not be checked now: the verdict is temperror,
	// never a pass.
	VerifyTicket(ctx context.Context, header, msg string, rcpt stake.Recipient) (TicketVerdict, error)
}

// TicketVerdict is a TicketVerifier's answer.
type TicketVerdict struct {
	Valid bool
	// Reason is a single token: "pass", or why not ("malformed",
	// "not-for-recipient", "unknown-book", "not-sold", "bad-binding",
	// "revealed", "expiring", "reused", ...).
	Reason string
	Value  *big.Int   // the ticket's stake in wei, when valid
	Book   stake.Hash // the book, when known
}

// WorkSpender is a SpentStore as hashcash.Checking's Spender (postage
// check): each work stamp is spent with no message identity, so it passes
// once.
func WorkSpender(s SpentStore) hashcash.Spender { return workSpender{s} }

type workSpender struct{ s SpentStore }

func (w workSpender) Spend(ctx context.Context, stamp string, expires time.Time) (bool, error) {
	err := w.s.Spend(ctx, stamp, "", expires)
	if errors.Is(err, ErrSpent) {
		return true, nil
	}
	return false, err
}
