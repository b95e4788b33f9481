// Package postage is the domain of email postage: the kinds of stamp a
// message can carry, and the interfaces the checking side needs from the
// outside world. Adapters (stores, chain clients, mail, milter) implement
// these; this package imports none of them.
package postage

import (
	"context"
	"errors"
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

// ErrSpent is returned by SpentStore.Spend for a stamp already spent: the
// double-spend a work stamp must never pass.
var ErrSpent = errors.New("double spent")

// SpentStore remembers work stamps that were accepted, so that each is
// accepted once. Implementations must make Spend atomic (of concurrent
// calls for one stamp, exactly one succeeds, across every process sharing
// the store) and durable before it returns nil.
type SpentStore interface {
	// Spend records stamp as spent until expires (zero: forever). It
	// returns ErrSpent if the stamp was already recorded.
	Spend(ctx context.Context, stamp string, expires time.Time) error
	// Purge forgets stamps whose expiry is at or before now and reports how
	// many it removed. A purged stamp is expired, so it is refused anyway.
	Purge(ctx context.Context, now time.Time) (int, error)
	Close() error
}
