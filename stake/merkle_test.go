package stake

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

func testLeaves(n int) []Hash {
	out := make([]Hash, n)
	for i := range out {
		var s Hash
		s[0], s[1], s[2] = byte(i), byte(i>>8), byte(i>>16)
		out[i] = Leaf(s)
	}
	return out
}

// Roots written out by hand from the spec's odd rule (promote the last
// unpaired node unchanged), independent of Build's loop.
func TestRootShapes(t *testing.T) {
	l := testLeaves(7)
	N := Node
	for n, want := range map[int]Hash{
		1: l[0],
		2: N(l[0], l[1]),
		3: N(N(l[0], l[1]), l[2]),
		4: N(N(l[0], l[1]), N(l[2], l[3])),
		5: N(N(N(l[0], l[1]), N(l[2], l[3])), l[4]),
		6: N(N(N(l[0], l[1]), N(l[2], l[3])), N(l[4], l[5])),
		7: N(N(N(l[0], l[1]), N(l[2], l[3])), N(N(l[4], l[5]), l[6])),
	} {
		tr, err := Build(l[:n])
		if err != nil {
			t.Fatal(err)
		}
		if tr.Root() != want {
			t.Errorf("n=%d: root %s, want %s", n, tr.Root(), want)
		}
	}
}

func TestProofShapes(t *testing.T) {
	l := testLeaves(5)
	tr, err := Build(l)
	if err != nil {
		t.Fatal(err)
	}
	n01, n23 := Node(l[0], l[1]), Node(l[2], l[3])
	for i, want := range [][]Hash{
		{l[1], n23, l[4]},
		{l[0], n23, l[4]},
		{l[3], n01, l[4]},
		{l[2], n01, l[4]},
		{Node(n01, n23)}, // promoted twice, then paired at the top
	} {
		got, err := tr.Proof(uint32(i))
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("proof(%d) = %v, want %v", i, got, want)
		}
	}
	if _, err := tr.Proof(5); !errors.Is(err, ErrTreeSize) {
		t.Errorf("proof(5) of 5: %v, want ErrTreeSize", err)
	}
	if lf, err := tr.Leaf(4); err != nil || lf != l[4] {
		t.Errorf("Leaf(4) = %v, %v", lf, err)
	}
	if _, err := tr.Leaf(5); !errors.Is(err, ErrTreeSize) {
		t.Errorf("Leaf(5) of 5: %v", err)
	}
}

func TestBuildCopiesAndRejects(t *testing.T) {
	l := testLeaves(3)
	tr, err := Build(l)
	if err != nil {
		t.Fatal(err)
	}
	root := tr.Root()
	l[0] = Hash{}
	if tr.Root() != root {
		t.Error("Build must not alias the caller's slice")
	}
	if _, err := Build(nil); !errors.Is(err, ErrTreeSize) {
		t.Errorf("Build(nil): %v", err)
	}
	if _, err := Build(make([]Hash, MaxLeaves+1)); !errors.Is(err, ErrTreeSize) {
		t.Errorf("Build(2^20+1): %v", err)
	}
}

func TestProofLen(t *testing.T) {
	for _, c := range []struct {
		i, n uint32
		want int
	}{
		{0, 1, 0}, {0, 2, 1}, {1, 2, 1}, {0, 3, 2}, {2, 3, 1}, {4, 5, 1}, {0, 5, 3},
		{12, 13, 2}, {0, 13, 4}, {0, MaxLeaves, 20}, {MaxLeaves - 1, MaxLeaves, 20},
		{MaxLeaves / 2, MaxLeaves/2 + 1, 1},
	} {
		got, err := ProofLen(c.i, c.n)
		if err != nil || got != c.want {
			t.Errorf("ProofLen(%d, %d) = %d, %v; want %d", c.i, c.n, got, err, c.want)
		}
	}
	for _, c := range [][2]uint32{{0, 0}, {1, 1}, {5, 5}, {0, MaxLeaves + 1}, {MaxLeaves, MaxLeaves}} {
		if _, err := ProofLen(c[0], c[1]); !errors.Is(err, ErrTreeSize) {
			t.Errorf("ProofLen(%d, %d): %v, want ErrTreeSize", c[0], c[1], err)
		}
	}
}

// Every leaf of many random-sized trees verifies, and every single change
// to (root, leaf, index, leaves, proof) is refused.
func TestVerifyRandomTrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 33, 100}
	for range 20 {
		sizes = append(sizes, 1+rng.IntN(300))
	}
	for _, n := range sizes {
		leaves := make([]Hash, n)
		for i := range leaves {
			for j := range leaves[i] {
				leaves[i][j] = byte(rng.Uint32())
			}
		}
		tr, err := Build(leaves)
		if err != nil {
			t.Fatal(err)
		}
		root, nn := tr.Root(), uint32(n)
		for i := range nn {
			proof, err := tr.Proof(i)
			if err != nil {
				t.Fatal(err)
			}
			if want, _ := ProofLen(i, nn); len(proof) != want {
				t.Fatalf("n=%d i=%d: proof len %d, ProofLen %d", n, i, len(proof), want)
			}
			if err := Verify(root, leaves[i], i, nn, proof); err != nil {
				t.Fatalf("n=%d i=%d: %v", n, i, err)
			}
			refuse := func(what string, root, leaf Hash, i, n uint32, p []Hash) {
				t.Helper()
				if err := Verify(root, leaf, i, n, p); !errors.Is(err, ErrInvalidProof) {
					t.Errorf("n=%d i=%d %s: Verify = %v, want ErrInvalidProof", nn, i, what, err)
				}
			}
			refuse("other root", Node(root, root), leaves[i], i, nn, proof)
			refuse("other leaf", root, Node(leaves[i], root), i, nn, proof)
			if n > 1 {
				refuse("other index", root, leaves[i], (i+1+uint32(rng.IntN(n-1)))%nn, nn, proof)
				if j := i ^ 1; j < nn {
					refuse("sibling's leaf", root, leaves[j], i, nn, proof)
				}
			}
			refuse("index = leaves", root, leaves[i], nn, nn, proof)
			refuse("leaves = 0", root, leaves[i], i, 0, proof)
			refuse("leaves > max", root, leaves[i], i, MaxLeaves+1, proof)
			refuse("extra element", root, leaves[i], i, nn, append(append([]Hash{}, proof...), root))
			if len(proof) > 0 {
				refuse("truncated", root, leaves[i], i, nn, proof[:len(proof)-1])
				refuse("first dropped", root, leaves[i], i, nn, proof[1:])
				k := rng.IntN(len(proof))
				bad := append([]Hash{}, proof...)
				bad[k][rng.IntN(32)] ^= 1 << rng.IntN(8)
				refuse(fmt.Sprintf("element %d flipped", k), root, leaves[i], i, nn, bad)
			}
			if len(proof) > 1 {
				sw := append([]Hash{}, proof...)
				sw[0], sw[1] = sw[1], sw[0]
				refuse("elements swapped", root, leaves[i], i, nn, sw)
			}
		}
	}
}

// The leaf count changes the shape only where a path meets the right edge
// of a level; there a wrong count must fail. (Elsewhere paths coincide,
// which is why a checker uses the deposit's count from the chain.)
func TestVerifyLeafCountMatters(t *testing.T) {
	l := testLeaves(4)
	t3, _ := Build(l[:3])
	p, _ := t3.Proof(2)
	if err := Verify(t3.Root(), l[2], 2, 3, p); err != nil {
		t.Fatal(err)
	}
	if err := Verify(t3.Root(), l[2], 2, 4, p); !errors.Is(err, ErrInvalidProof) {
		t.Errorf("leaf 2 of 3 verified as leaf 2 of 4: %v", err)
	}
	t5, _ := Build(testLeaves(5))
	p4, _ := t5.Proof(4)
	if err := Verify(t5.Root(), testLeaves(5)[4], 4, 6, p4); !errors.Is(err, ErrInvalidProof) {
		t.Errorf("leaf 4 of 5 verified as leaf 4 of 6: %v", err)
	}
}

// A tree of the maximum size: the deepest proofs.
func TestMaxTree(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2^20-leaf tree; run without -short")
	}
	leaves := testLeaves(MaxLeaves)
	tr, err := Build(leaves)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []uint32{0, 1, MaxLeaves / 2, MaxLeaves - 2, MaxLeaves - 1} {
		p, err := tr.Proof(i)
		if err != nil {
			t.Fatal(err)
		}
		if len(p) != MaxDepth {
			t.Errorf("proof(%d) has %d elements, want %d", i, len(p), MaxDepth)
		}
		if err := Verify(tr.Root(), leaves[i], i, MaxLeaves, p); err != nil {
			t.Errorf("leaf %d: %v", i, err)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1 << 10, MaxLeaves} {
		leaves := testLeaves(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Build(leaves); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkVerifyDepth20(b *testing.B) {
	leaves := testLeaves(MaxLeaves)
	tr, err := Build(leaves)
	if err != nil {
		b.Fatal(err)
	}
	p, _ := tr.Proof(12345)
	root := tr.Root()
	b.ResetTimer()
	for b.Loop() {
		if err := Verify(root, leaves[12345], 12345, MaxLeaves, p); err != nil {
			b.Fatal(err)
		}
	}
}
