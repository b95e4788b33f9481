package stake

import (
	"fmt"
)

// MaxLeaves is the largest leaf count a deposit may have (2^20), so a proof
// has at most MaxDepth elements.
const (
	MaxLeaves = 1 << 20
	MaxDepth  = 20
)

// Tree is the Merkle tree a deposit commits to. Level 0 holds the leaves in
// index order; each level pairs neighbours left to right and promotes a
// last unpaired node unchanged (no duplication, no hashing), so the tree
// has no phantom leaves and a proof never contains a node twice.
type Tree struct {
	levels [][]Hash // levels[0] = leaves, last = [root]
}

// Build makes the tree over 1..MaxLeaves leaves. It copies leaves.
func Build(leaves []Hash) (*Tree, error) {
	if len(leaves) == 0 || len(leaves) > MaxLeaves {
		return nil, fmt.Errorf("%w: build tree over %d leaves (want 1..%d)", ErrTreeSize, len(leaves), MaxLeaves)
	}
	level := append([]Hash(nil), leaves...)
	levels := [][]Hash{level}
	h := newNodeHasher()
	for len(level) > 1 {
		next := make([]Hash, (len(level)+1)/2)
		for i := range next {
			if 2*i+1 < len(level) {
				next[i] = h.node(&level[2*i], &level[2*i+1])
			} else {
				next[i] = level[2*i]
			}
		}
		levels = append(levels, next)
		level = next
	}
	return &Tree{levels: levels}, nil
}

// Root returns the root; for a single leaf it is that leaf.
func (t *Tree) Root() Hash { return t.levels[len(t.levels)-1][0] }

// Len returns the number of leaves.
func (t *Tree) Len() uint32 { return uint32(len(t.levels[0])) }

// Leaf returns the leaf at index i.
func (t *Tree) Leaf(i uint32) (Hash, error) {
	if i >= t.Len() {
		return Hash{}, fmt.Errorf("%w: leaf %d of %d", ErrTreeSize, i, t.Len())
	}
	return t.levels[0][i], nil
}

// Proof returns the sibling path of leaf i, bottom-up. A level where the
// node is the last, unpaired one contributes nothing.
func (t *Tree) Proof(i uint32) ([]Hash, error) {
	if i >= t.Len() {
		return nil, fmt.Errorf("%w: proof for leaf %d of %d", ErrTreeSize, i, t.Len())
	}
	proof := make([]Hash, 0, len(t.levels)-1)
	idx := int(i)
	for _, level := range t.levels[:len(t.levels)-1] {
		switch {
		case idx%2 == 1:
			proof = append(proof, level[idx-1])
		case idx+1 < len(level):
			proof = append(proof, level[idx+1])
		}
		idx /= 2
	}
	return proof, nil
}

// ProofLen returns how many elements the proof of leaf index in a tree of
// leaves leaves has: the levels where that path has a sibling.
func ProofLen(index, leaves uint32) (int, error) {
	if leaves == 0 || leaves > MaxLeaves || index >= leaves {
		return 0, fmt.Errorf("%w: leaf %d of %d (want index < leaves <= %d)", ErrTreeSize, index, leaves, MaxLeaves)
	}
	n := 0
	for m := leaves; m > 1; m = (m + 1) / 2 {
		if index%2 == 1 || index+1 < m {
			n++
		}
		index /= 2
	}
	return n, nil
}

// Verify checks that proof leads from leaf at index to root in a tree of
// leaves leaves, with the same rules as the deposit contract. The index bits
// choose left or right and the level size decides when a node is promoted,
// so the proof binds the leaf to its index: one secret cannot be burned
// under two indices. The proof must be exactly as long as the path needs.
func Verify(root, leaf Hash, index, leaves uint32, proof []Hash) error {
	want, err := ProofLen(index, leaves)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidProof, err)
	}
	if len(proof) != want {
		return fmt.Errorf("%w: leaf %d of %d needs %d proof elements, have %d", ErrInvalidProof, index, leaves, want, len(proof))
	}
	h := leaf
	k := 0
	i := index
	for m := leaves; m > 1; m = (m + 1) / 2 {
		switch {
		case i%2 == 1:
			h = Node(proof[k], h)
			k++
		case i+1 < m:
			h = Node(h, proof[k])
			k++
		}
		i /= 2
	}
	if h != root {
		return fmt.Errorf("%w: leaf %d of %d does not lead to root %s", ErrInvalidProof, index, leaves, root)
	}
	return nil
}
