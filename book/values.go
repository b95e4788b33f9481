package book

import (
	"crypto/rand"
	"fmt"
	"io"

	"github.com/postage-mail/postage/stake"
)

// Value is one committed 32-byte value of a book: its leaf is
// keccak256(0x00 ‖ value), and revealing it is what pays a matching ticket.
type Value = stake.Hash

// MaxValues is the most values a book may commit to (the contract's
// MAX_LEAVES).
const MaxValues = stake.MaxLeaves

// NewValues draws n random values from r (crypto/rand when nil).
func NewValues(n int, r io.Reader) ([]Value, error) {
	if n < 1 || n > MaxValues {
		return nil, fmt.Errorf("%w: %d values (want 1..%d)", ErrMalformed, n, MaxValues)
	}
	if r == nil {
		r = rand.Reader
	}
	vs := make([]Value, n)
	for i := range vs {
		if _, err := io.ReadFull(r, vs[i][:]); err != nil {
			return nil, fmt.Errorf("draw value %d: %w", i, err)
		}
	}
	return vs, nil
}

// Tree builds the Merkle tree over the values' leaves, the same tree the
// contract checks reveals against.
func Tree(values []Value) (*stake.Tree, error) {
	leaves := make([]stake.Hash, len(values))
	for i, v := range values {
		leaves[i] = stake.Leaf(v)
	}
	return stake.Build(leaves)
}

// ID is a book's id: keccak256(owner ‖ root), as the contract files it.
// Ids are namespaced by owner, so registering someone else's root makes a
// different book, which that someone's agent never accepts tickets for.
func ID(owner stake.Address, root stake.Hash) stake.Hash { return stake.DepositID(owner, root) }
