// Package postage is the domain of email postage: the kinds of stamp a
// message can carry, and the interfaces the checking side needs from the
// outside world. Adapters (stores, chain clients, mail, milter) implement
// these; this package imports none of them.
package postage

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Kind names a kind of postage.
type Kind string

const (
	// Work is a hashcash v1 stamp in an X-Hashcash header (package hashcash).
	Work Kind = "work"
	// Stake is a Postage-Stamp header giving the recipient a secret that
	// burns part of the sender's deposit (package stake).
	Stake Kind = "stake"
)

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
	// msg (Postage.Message), until expires (zero: forever). It returns nil
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
