package stake

import (
	"errors"
	"slices"
	"testing"
)

func TestCheckBinding(t *testing.T) {
	_, st := testBatch(t, "alice@example.org", "bob@example.org", "carol@example.org")
	alice, bob := MustParseRecipient("alice@example.org"), MustParseRecipient("Bob@Example.org")
	for i, s := range st {
		secret, leaf, err := s.Check(s.Recipient)
		if err != nil {
			t.Fatalf("stamp %d: %v", i, err)
		}
		if secret != Secret(s.Recipient, s.Nonce) || leaf != Leaf(secret) {
			t.Errorf("stamp %d: Check returned secret %s leaf %s", i, secret, leaf)
		}
	}
	bobs := st[1]
	if _, _, err := bobs.Check(bob); err != nil {
		t.Fatalf("bob's stamp for bob (any case): %v", err)
	}

	// Bob's stamp presented for alice, as it arrived.
	if _, _, err := bobs.Check(alice); !errors.Is(err, ErrWrongRecipient) {
		t.Errorf("bob's stamp checked for alice: %v, want ErrWrongRecipient", err)
	}
	// Bob's stamp rewritten to name alice: the secret derived from alice's
	// address is not in the tree.
	forged := *bobs
	forged.Recipient = alice
	if _, _, err := forged.Check(alice); !errors.Is(err, ErrInvalidProof) {
		t.Errorf("bob's nonce and proof under alice's name: %v, want ErrInvalidProof", err)
	}
	// Alice's nonce at bob's index: leaf not at that position.
	swapped := *st[0]
	swapped.Index = 1
	if _, _, err := swapped.Check(alice); !errors.Is(err, ErrInvalidProof) {
		t.Errorf("alice's stamp at index 1: %v, want ErrInvalidProof", err)
	}
	// A proof for another root.
	_, other := testBatch(t, "x@example.org", "y@example.org", "bob@example.org")
	foreign := *bobs
	foreign.Root = other[2].Root
	if _, _, err := foreign.Check(bob); !errors.Is(err, ErrInvalidProof) {
		t.Errorf("bob's proof against another root: %v, want ErrInvalidProof", err)
	}
	// Another deposit's proof for bob against the first root.
	mixed := *other[2]
	mixed.Root = bobs.Root
	if _, _, err := mixed.Check(bob); !errors.Is(err, ErrInvalidProof) {
		t.Errorf("another tree's proof: %v, want ErrInvalidProof", err)
	}
	// Truncated and tampered proofs.
	trunc := *bobs
	trunc.Proof = bobs.Proof[:len(bobs.Proof)-1]
	if _, _, err := trunc.Check(bob); !errors.Is(err, ErrInvalidProof) {
		t.Errorf("truncated proof: %v, want ErrInvalidProof", err)
	}
	tampered := *bobs
	tampered.Proof = slices.Clone(bobs.Proof)
	tampered.Proof[0][31] ^= 1
	if _, _, err := tampered.Check(bob); !errors.Is(err, ErrInvalidProof) {
		t.Errorf("tampered proof: %v, want ErrInvalidProof", err)
	}
	// A different nonce.
	renonced := *bobs
	renonced.Nonce[0] ^= 1
	if _, _, err := renonced.Check(bob); !errors.Is(err, ErrInvalidProof) {
		t.Errorf("changed nonce: %v, want ErrInvalidProof", err)
	}
	// A wrong leaf count where it changes the shape (index 2 of 3 vs 4).
	carol := *st[2]
	carol.Leaves = 4
	if _, _, err := carol.Check(carol.Recipient); !errors.Is(err, ErrInvalidProof) {
		t.Errorf("wrong leaf count: %v, want ErrInvalidProof", err)
	}
	if _, _, err := bobs.Check(Recipient{}); !errors.Is(err, ErrBadRecipient) {
		t.Errorf("zero recipient: %v, want ErrBadRecipient", err)
	}
}

func TestBatch(t *testing.T) {
	b, st := testBatch(t, "alice@example.org", "bob@example.org", "carol@example.org")
	if b.Len() != 3 || len(st) != 3 {
		t.Fatalf("Len = %d", b.Len())
	}
	for i, s := range st {
		if s.Root != b.Root() || s.Leaves != 3 || s.Index != uint32(i) || s.ChainID != 1337 {
			t.Errorf("stamp %d: %+v", i, s)
		}
		if j, ok := b.Index(s.Recipient); !ok || j != uint32(i) {
			t.Errorf("Index(%s) = %d, %v", s.Recipient, j, ok)
		}
		if s.DepositID() != DepositID(s.Creator, b.Root()) {
			t.Error("DepositID")
		}
	}
	if st[0].Nonce == st[1].Nonce {
		t.Error("recipients share a nonce")
	}
	if _, ok := b.Index(MustParseRecipient("dave@example.org")); ok {
		t.Error("Index of a stranger")
	}
	if _, err := b.Stamp(3, 1337, st[0].Contract, st[0].Creator); !errors.Is(err, ErrTreeSize) {
		t.Errorf("Stamp(3) of 3: %v", err)
	}
	if _, err := b.Stamp(0, 0, st[0].Contract, st[0].Creator); !errors.Is(err, ErrMalformed) {
		t.Errorf("Stamp with chain 0: %v", err)
	}
	if _, err := NewBatch(nil, nil); !errors.Is(err, ErrTreeSize) {
		t.Errorf("empty batch: %v", err)
	}
	dup := []Recipient{MustParseRecipient("a@x.org"), MustParseRecipient("b@x.org"), MustParseRecipient("A@X.org")}
	if _, err := NewBatch(dup, nil); !errors.Is(err, ErrBadRecipient) {
		t.Errorf("duplicate recipient: %v", err)
	}
	if _, err := NewBatch([]Recipient{{}}, nil); !errors.Is(err, ErrBadRecipient) {
		t.Errorf("zero recipient: %v", err)
	}
	if _, err := NewBatch(dup[:1], &detReaderLimit{n: 10}); err == nil {
		t.Error("NewBatch with a failing random source succeeded")
	}
	// crypto/rand by default: two batches for the same people differ.
	b1, _ := NewBatch(dup[:2], nil)
	b2, _ := NewBatch(dup[:2], nil)
	if b1.Root() == b2.Root() {
		t.Error("two random batches have the same root")
	}
}

type detReaderLimit struct{ n int }

func (r *detReaderLimit) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, errors.New("entropy exhausted")
	}
	k := min(len(p), r.n)
	r.n -= k
	return k, nil
}
