// Package send is the sender's side of postage: it reads a message, makes
// one copy per recipient (Bcc recipients are never named in another copy),
// adds work stamps, buys tickets or makes deposits for the stake stamps,
// records every deposit and hands each copy to a transport. It holds no
// chain client and no transport: cmd/postage wires those in through the
// small interfaces declared next to their use (Depositor, TicketBuyer,
// Transport, Withdrawer, ChainState).
package send

import (
	crand "crypto/rand"
	"fmt"
	"io"
	"math/bits"
	mrand "math/rand/v2"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/stake"
)

// DefaultMinLeaves is the smallest deposit tree: a message to one
// recipient and a message to four look the same from inside.
const DefaultMinLeaves = 4

// PaddedLeaves is the leaf count of a deposit for n recipients: the next
// power of two at or above n, and at least min. The count is on chain and in
// every stamp (the proof length), so it must not tell a To or Cc recipient
// how many Bcc recipients there are: a power of two only says "at most
// this many".
func PaddedLeaves(n, min int) int {
	if n < min {
		n = min
	}
	if n <= 1 {
		return 1
	}
	return 1 << bits.Len(uint(n-1))
}

// Group is the recipients of one message in a deposit.
type Group struct {
	Message MessageInfo
	Rcpts   []stake.Recipient
}

// Plan is one deposit's tree: a leaf per recipient of each message, at
// random positions, and padding leaves up to PaddedLeaves whose secrets are
// drawn at random and forgotten, so nobody can ever burn them and nobody
// receives them.
type Plan struct {
	tree   *stake.Tree
	leaves []planLeaf
	groups []Group
	index  []map[stake.Recipient]uint32 // per group
}

type planLeaf struct {
	group   int // -1 for padding
	rcpt    stake.Recipient
	nonce   stake.Nonce
	padding bool
}

// NewPlan draws the nonces and positions (from rnd; crypto/rand when nil)
// and builds the tree. A recipient appears at most once per group; the
// same recipient in two groups (two messages) gets two leaves: one leaf
// backs one message.
func NewPlan(groups []Group, minLeaves int, rnd io.Reader) (*Plan, error) {
	if rnd == nil {
		rnd = crand.Reader
	}
	n := 0
	for _, g := range groups {
		n += len(g.Rcpts)
	}
	if n == 0 {
		return nil, fmt.Errorf("%w: a deposit needs at least one recipient", stake.ErrTreeSize)
	}
	total := PaddedLeaves(n, minLeaves)
	if total > stake.MaxLeaves {
		return nil, fmt.Errorf("%w: %d recipients pad to %d leaves (at most %d)", stake.ErrTreeSize, n, total, stake.MaxLeaves)
	}
	var seed [32]byte
	if _, err := io.ReadFull(rnd, seed[:]); err != nil {
		return nil, fmt.Errorf("random positions: %w", err)
	}
	perm := mrand.New(mrand.NewChaCha8(seed)).Perm(total)
	p := &Plan{leaves: make([]planLeaf, total), groups: groups, index: make([]map[stake.Recipient]uint32, len(groups))}
	hashes := make([]stake.Hash, total)
	k := 0
	for gi, g := range groups {
		p.index[gi] = make(map[stake.Recipient]uint32, len(g.Rcpts))
		for _, r := range g.Rcpts {
			if r.IsZero() {
				return nil, fmt.Errorf("%w: empty recipient", stake.ErrBadRecipient)
			}
			if _, dup := p.index[gi][r]; dup {
				return nil, fmt.Errorf("%w: %s appears twice in one message", stake.ErrBadRecipient, r)
			}
			nonce, err := stake.NewNonce(rnd)
			if err != nil {
				return nil, err
			}
			pos := uint32(perm[k])
			k++
			p.index[gi][r] = pos
			p.leaves[pos] = planLeaf{group: gi, rcpt: r, nonce: nonce}
			hashes[pos] = stake.Leaf(stake.Secret(r, nonce))
		}
	}
	for ; k < total; k++ {
		pos := perm[k]
		var secret stake.Hash
		if _, err := io.ReadFull(rnd, secret[:]); err != nil {
			return nil, fmt.Errorf("padding secret: %w", err)
		}
		p.leaves[pos] = planLeaf{group: -1, padding: true}
		hashes[pos] = stake.Leaf(secret)
	}
	t, err := stake.Build(hashes)
	if err != nil {
		return nil, err
	}
	p.tree = t
	return p, nil
}

// Root is the Merkle root to deposit under.
func (p *Plan) Root() common.Hash { return common.Hash(p.tree.Root()) }

// Leaves is the padded leaf count to deposit with.
func (p *Plan) Leaves() uint32 { return p.tree.Len() }

// Recipients is the number of real (not padding) leaves.
func (p *Plan) Recipients() int {
	n := 0
	for _, l := range p.leaves {
		if !l.padding {
			n++
		}
	}
	return n
}

// Stamp is the stake stamp of rcpt in group g, for a deposit by creator on
// contract at chainID.
func (p *Plan) Stamp(g int, rcpt stake.Recipient, acct Account) (*stake.Stamp, error) {
	if g < 0 || g >= len(p.index) {
		return nil, fmt.Errorf("no message %d in the deposit", g)
	}
	i, ok := p.index[g][rcpt]
	if !ok {
		return nil, fmt.Errorf("%s is not in the deposit", rcpt)
	}
	return p.stampAt(i, acct)
}

func (p *Plan) stampAt(i uint32, acct Account) (*stake.Stamp, error) {
	proof, err := p.tree.Proof(i)
	if err != nil {
		return nil, err
	}
	l := p.leaves[i]
	s := &stake.Stamp{
		ChainID: acct.ChainID, Contract: stake.Address(acct.Contract), Creator: stake.Address(acct.Creator),
		Root: p.tree.Root(), Leaves: p.tree.Len(), Recipient: l.rcpt, Nonce: l.nonce, Index: i, Proof: proof,
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// Record is the deposit record of this plan: every leaf with its recipient
// and stamp, padding leaves marked as padding.
func (p *Plan) Record(acct Account, value, bounty string) (*Record, error) {
	r := &Record{
		Version: RecordVersion, ChainID: acct.ChainID, Contract: acct.Contract, Creator: acct.Creator,
		ID: DepositID(acct.Creator, p.Root()), Root: p.Root(), Leaves: p.Leaves(), Value: value, BountyPerLeaf: bounty,
		State: StatePending,
	}
	for _, g := range p.groups {
		r.Messages = append(r.Messages, g.Message)
	}
	for i, l := range p.leaves {
		rl := RecordLeaf{Index: uint32(i), Message: l.group, Padding: l.padding}
		if !l.padding {
			st, err := p.stampAt(uint32(i), acct)
			if err != nil {
				return nil, err
			}
			h, err := st.Format()
			if err != nil {
				return nil, err
			}
			rl.Recipient, rl.Stamp = l.rcpt.String(), h
		} else {
			rl.Message = -1
		}
		r.Leaf = append(r.Leaf, rl)
	}
	return r, nil
}

// DepositID is the contract's id of a deposit: keccak256(creator ‖ root).
func DepositID(creator common.Address, root common.Hash) common.Hash {
	return common.Hash(stake.DepositID(stake.Address(creator), stake.Hash(root)))
}
