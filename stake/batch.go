package stake

import (
	"fmt"
	"io"
)

// Batch is the sender's side of one deposit: a fresh nonce per recipient
// and the tree over their leaves. Its nonces let anyone burn the deposit, so
// a Batch lives only as long as it takes to stamp the copies.
type Batch struct {
	tree   *Tree
	rcpts  []Recipient
	nonces []Nonce
}

// NewBatch draws one nonce per recipient from rnd (crypto/rand when nil)
// and builds the tree; recipient i gets leaf i. Duplicate recipients are an
// error: each recipient is one leaf, one share of the deposit.
func NewBatch(rcpts []Recipient, rnd io.Reader) (*Batch, error) {
	if len(rcpts) == 0 || len(rcpts) > MaxLeaves {
		return nil, fmt.Errorf("%w: %d recipients (want 1..%d)", ErrTreeSize, len(rcpts), MaxLeaves)
	}
	seen := make(map[Recipient]bool, len(rcpts))
	b := &Batch{rcpts: append([]Recipient(nil), rcpts...), nonces: make([]Nonce, len(rcpts))}
	leaves := make([]Hash, len(rcpts))
	for i, r := range rcpts {
		if r.IsZero() {
			return nil, fmt.Errorf("%w: recipient %d is empty", ErrBadRecipient, i)
		}
		if seen[r] {
			return nil, fmt.Errorf("%w: %s appears twice", ErrBadRecipient, r)
		}
		seen[r] = true
		n, err := NewNonce(rnd)
		if err != nil {
			return nil, fmt.Errorf("nonce for recipient %d: %w", i, err)
		}
		b.nonces[i] = n
		leaves[i] = Leaf(Secret(r, n))
	}
	t, err := Build(leaves)
	if err != nil {
		return nil, err
	}
	b.tree = t
	return b, nil
}

// Root is the Merkle root to deposit under.
func (b *Batch) Root() Hash { return b.tree.Root() }

// Len is the leaf count to deposit with.
func (b *Batch) Len() uint32 { return b.tree.Len() }

// Index returns the leaf index of rcpt.
func (b *Batch) Index(rcpt Recipient) (uint32, bool) {
	for i, r := range b.rcpts {
		if r == rcpt {
			return uint32(i), true
		}
	}
	return 0, false
}

// Stamp returns the stamp for recipient i of a deposit made with Root and
// Len by creator on contract at chainID.
func (b *Batch) Stamp(i uint32, chainID uint64, contract, creator Address) (*Stamp, error) {
	proof, err := b.tree.Proof(i)
	if err != nil {
		return nil, err
	}
	s := &Stamp{
		ChainID:   chainID,
		Contract:  contract,
		Creator:   creator,
		Root:      b.tree.Root(),
		Leaves:    b.tree.Len(),
		Recipient: b.rcpts[i],
		Nonce:     b.nonces[i],
		Index:     i,
		Proof:     proof,
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}
