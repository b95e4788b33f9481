package contracttest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/postage-mail/postage/contracts"
	"github.com/postage-mail/postage/stake"
)

// txGas is fixed so no transaction depends on gas estimation.
const txGas = 5_000_000

// chain is a simulated chain with the Postage contract deployed by one
// funded account.
type chain struct {
	t       testing.TB
	ctx     context.Context
	sim     *simulated.Backend
	cl      simulated.Client
	opts    *bind.TransactOpts
	from    common.Address
	addr    common.Address
	p       *contracts.Postage
	chainID *big.Int
}

func newChain(t testing.TB) *chain {
	t.Helper()
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("postage stake contracttest account")))
	if err != nil {
		t.Fatal(err)
	}
	from := crypto.PubkeyToAddress(key.PublicKey)
	balance := new(big.Int).Mul(big.NewInt(1_000_000), big.NewInt(params.Ether))
	sim := simulated.NewBackend(types.GenesisAlloc{from: {Balance: balance}})
	t.Cleanup(func() { _ = sim.Close() })
	c := &chain{t: t, ctx: context.Background(), sim: sim, cl: sim.Client(), from: from, p: contracts.NewPostage()}
	if c.chainID, err = c.cl.ChainID(c.ctx); err != nil {
		t.Fatal(err)
	}
	c.opts = bind.NewKeyedTransactor(key, c.chainID)
	c.opts.GasLimit = txGas
	addr, tx, err := bind.DeployContract(c.opts, common.FromHex(contracts.PostageMetaData.Bin), c.cl, c.p.PackConstructor(3600))
	if err != nil {
		t.Fatalf("deploy Postage: %v", err)
	}
	sim.Commit()
	if r := c.receipt(tx); r.Status != types.ReceiptStatusSuccessful {
		t.Fatal("deploy Postage failed")
	}
	c.addr = addr
	return c
}

func (c *chain) receipt(tx *types.Transaction) *types.Receipt {
	c.t.Helper()
	r, err := c.cl.TransactionReceipt(c.ctx, tx.Hash())
	if err != nil {
		c.t.Fatalf("receipt %s: %v", tx.Hash(), err)
	}
	return r
}

// call runs a pure/view call; it returns the decoded custom error when the
// call reverts with one.
func call[T any](c *chain, data []byte, unpack func([]byte) (T, error)) (T, any) {
	c.t.Helper()
	var zero T
	out, err := c.cl.CallContract(c.ctx, ethereum.CallMsg{To: &c.addr, Data: data}, nil)
	if err != nil {
		return zero, c.revert(err)
	}
	v, err := unpack(out)
	if err != nil {
		c.t.Fatalf("unpack: %v", err)
	}
	return v, nil
}

// revert decodes a call error into the contract's custom error.
func (c *chain) revert(err error) any {
	c.t.Helper()
	var de rpc.DataError
	if !errors.As(err, &de) {
		c.t.Fatalf("call failed without revert data: %v", err)
	}
	s, _ := de.ErrorData().(string)
	data, derr := hexutil.Decode(s)
	if derr != nil {
		c.t.Fatalf("revert data %q: %v", s, derr)
	}
	v, uerr := contracts.UnpackRevert(data)
	if uerr != nil {
		c.t.Fatalf("revert data %x: %v", data, uerr)
	}
	return v
}

// send mines a transaction; it returns the custom error if the call reverts
// in simulation (and then sends nothing), nil on success.
func (c *chain) send(data []byte, value *big.Int) any {
	c.t.Helper()
	if _, err := c.cl.PendingCallContract(c.ctx, ethereum.CallMsg{From: c.from, To: &c.addr, Data: data, Value: value, Gas: txGas}); err != nil {
		return c.revert(err)
	}
	inst := bind.NewBoundContract(c.addr, c.p.GetABI(), c.cl, c.cl, c.cl)
	o := *c.opts
	o.Value = value
	tx, err := bind.Transact(inst, &o, data)
	if err != nil {
		c.t.Fatalf("transact: %v", err)
	}
	c.sim.Commit()
	if r := c.receipt(tx); r.Status != types.ReceiptStatusSuccessful {
		c.t.Fatal("transaction failed on chain though its simulation passed")
	}
	return nil
}

func (c *chain) computeRoot(leaf stake.Hash, index, leaves uint64, proof []stake.Hash) (stake.Hash, any) {
	c.t.Helper()
	ps := make([][32]byte, len(proof))
	for i, p := range proof {
		ps[i] = p
	}
	data := c.p.PackComputeRoot(leaf, new(big.Int).SetUint64(index), new(big.Int).SetUint64(leaves), ps)
	h, rev := call(c, data, c.p.UnpackComputeRoot)
	return stake.Hash(h), rev
}

func mustHash(t testing.TB, s string) stake.Hash {
	t.Helper()
	h, err := stake.ParseHash(s)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// The committed vectors, recomputed by the contract.
func TestVectorsAgainstContract(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var vf struct {
		Trees []struct {
			Creator   string     `json:"creator"`
			Leaves    uint64     `json:"leaves"`
			Root      string     `json:"root"`
			DepositID string     `json:"deposit_id"`
			Levels    [][]string `json:"levels"`
			Stamps    []struct {
				Index  uint64   `json:"index"`
				Secret string   `json:"secret"`
				Leaf   string   `json:"leaf"`
				Proof  []string `json:"proof"`
			} `json:"stamps"`
		} `json:"trees"`
	}
	if err := json.Unmarshal(raw, &vf); err != nil {
		t.Fatal(err)
	}
	if len(vf.Trees) == 0 {
		t.Fatal("no trees in vectors.json")
	}
	c := newChain(t)
	for _, tv := range vf.Trees {
		root := mustHash(t, tv.Root)
		creator := common.HexToAddress(tv.Creator)
		id, rev := call(c, c.p.PackDepositId(creator, root), c.p.UnpackDepositId)
		if rev != nil || stake.Hash(id).String() != tv.DepositID {
			t.Errorf("tree %d: contract depositId %x (%v), vectors %s", tv.Leaves, id, rev, tv.DepositID)
		}
		// Every inner node of every level, by the contract's nodeHash.
		for k := 1; k < len(tv.Levels); k++ {
			below := tv.Levels[k-1]
			for i, want := range tv.Levels[k] {
				if 2*i+1 >= len(below) {
					if want != below[2*i] {
						t.Errorf("tree %d level %d node %d: not promoted unchanged", tv.Leaves, k, i)
					}
					continue
				}
				got, rev := call(c, c.p.PackNodeHash(mustHash(t, below[2*i]), mustHash(t, below[2*i+1])), c.p.UnpackNodeHash)
				if rev != nil || stake.Hash(got).String() != want {
					t.Errorf("tree %d level %d node %d: contract nodeHash %x, vectors %s", tv.Leaves, k, i, got, want)
				}
			}
		}
		for _, sv := range tv.Stamps {
			leaf, rev := call(c, c.p.PackLeafHash(mustHash(t, sv.Secret)), c.p.UnpackLeafHash)
			if rev != nil || stake.Hash(leaf).String() != sv.Leaf {
				t.Errorf("tree %d leaf %d: contract leafHash %x, vectors %s", tv.Leaves, sv.Index, leaf, sv.Leaf)
			}
			proof := make([]stake.Hash, len(sv.Proof))
			for i, p := range sv.Proof {
				proof[i] = mustHash(t, p)
			}
			got, rev := c.computeRoot(stake.Hash(leaf), sv.Index, tv.Leaves, proof)
			if rev != nil || got != root {
				t.Errorf("tree %d leaf %d: contract computeRoot %s (%v), vectors root %s", tv.Leaves, sv.Index, got, rev, root)
			}
		}
	}
}

// Random trees of many sizes: for every leaf, the contract's root from
// stake's proof is stake's root; wrong lengths and indices are refused by
// both with the matching reason.
func TestRandomTreesAgainstContract(t *testing.T) {
	c := newChain(t)
	rng := rand.New(rand.NewPCG(7, 11))
	sizes := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 31, 32, 33, 63, 64, 65, 100}
	for range 8 {
		sizes = append(sizes, 2+rng.IntN(200))
	}
	calls := 0
	for _, n := range sizes {
		leaves := make([]stake.Hash, n)
		for i := range leaves {
			var s stake.Hash
			for j := range s {
				s[j] = byte(rng.Uint32())
			}
			leaves[i] = stake.Leaf(s)
		}
		tr, err := stake.Build(leaves)
		if err != nil {
			t.Fatal(err)
		}
		for i := range uint32(n) {
			proof, err := tr.Proof(i)
			if err != nil {
				t.Fatal(err)
			}
			got, rev := c.computeRoot(leaves[i], uint64(i), uint64(n), proof)
			calls++
			if rev != nil || got != tr.Root() {
				t.Fatalf("n=%d i=%d: contract computeRoot %s (%v), stake root %s", n, i, got, rev, tr.Root())
			}
			// A flipped proof element: the contract computes another root,
			// and stake refuses the proof.
			if len(proof) > 0 && rng.IntN(4) == 0 {
				bad := append([]stake.Hash(nil), proof...)
				bad[rng.IntN(len(bad))][0] ^= 0x80
				got, rev := c.computeRoot(leaves[i], uint64(i), uint64(n), bad)
				calls++
				if rev != nil || got == tr.Root() {
					t.Errorf("n=%d i=%d: tampered proof gives %s (%v)", n, i, got, rev)
				}
				if err := stake.Verify(tr.Root(), leaves[i], i, uint32(n), bad); !errors.Is(err, stake.ErrInvalidProof) {
					t.Errorf("n=%d i=%d: stake accepted a tampered proof: %v", n, i, err)
				}
			}
		}
		// Length and range refusals agree.
		last := uint32(n - 1)
		proof, _ := tr.Proof(last)
		for _, tc := range []struct {
			name  string
			index uint64
			proof []stake.Hash
			want  string
		}{
			{"extra element", uint64(last), append(append([]stake.Hash(nil), proof...), tr.Root()), "ProofLengthMismatch"},
			{"index = leaves", uint64(n), proof, "IndexOutOfRange"},
		} {
			_, rev := c.computeRoot(leaves[last], tc.index, uint64(n), tc.proof)
			calls++
			if name := fmt.Sprintf("%T", rev); name != "*contracts.Postage"+tc.want {
				t.Errorf("n=%d %s: contract reverts %s%+v, want %s", n, tc.name, name, rev, tc.want)
			}
			if err := stake.Verify(tr.Root(), leaves[last], uint32(tc.index), uint32(n), tc.proof); !errors.Is(err, stake.ErrInvalidProof) {
				t.Errorf("n=%d %s: stake.Verify = %v", n, tc.name, err)
			}
		}
		if len(proof) > 0 {
			_, rev := c.computeRoot(leaves[last], uint64(last), uint64(n), proof[:len(proof)-1])
			calls++
			if _, ok := rev.(*contracts.PostageProofLengthMismatch); !ok {
				t.Errorf("n=%d truncated proof: contract reverts %T%+v", n, rev, rev)
			}
		}
	}
	t.Logf("%d trees, %d contract calls", len(sizes), calls)
}

// A big tree with long promotion chains (2^17+1 leaves: the last leaf is
// promoted 17 times), sampled indices.
func TestBigTreeAgainstContract(t *testing.T) {
	c := newChain(t)
	const n = 1<<17 + 1
	leaves := make([]stake.Hash, n)
	for i := range leaves {
		leaves[i] = stake.Leaf(stake.Hash{byte(i), byte(i >> 8), byte(i >> 16), 0xb1})
	}
	tr, err := stake.Build(leaves)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []uint32{0, 1, 12345, n - 3, n - 2, n - 1} {
		proof, err := tr.Proof(i)
		if err != nil {
			t.Fatal(err)
		}
		got, rev := c.computeRoot(leaves[i], uint64(i), n, proof)
		if rev != nil || got != tr.Root() {
			t.Errorf("leaf %d (proof of %d): contract computeRoot %s (%v), stake root %s", i, len(proof), got, rev, tr.Root())
		}
	}
}

// Stamps minted by stake burn on chain: each recipient's secret from Check
// burns exactly its leaf, and a secret under another recipient's index is
// refused by the contract as stake refuses it.
func TestStampsBurnOnChain(t *testing.T) {
	c := newChain(t)
	names := []string{"alice@example.org", "bob@example.org", "carol@example.org", "dave@example.org", "erin@example.org"}
	rcpts := make([]stake.Recipient, len(names))
	for i, s := range names {
		rcpts[i] = stake.MustParseRecipient(s)
	}
	b, err := stake.NewBatch(rcpts, nil)
	if err != nil {
		t.Fatal(err)
	}
	value := new(big.Int).Mul(big.NewInt(5), big.NewInt(params.Ether))
	if rev := c.send(c.p.PackMakeDeposit(b.Root(), b.Len(), big.NewInt(0)), value); rev != nil {
		t.Fatalf("makeDeposit: %T%+v", rev, rev)
	}
	contract, creator := stake.Address(c.addr), stake.Address(c.from)
	id := stake.DepositID(creator, b.Root())
	for i, r := range rcpts {
		s, err := b.Stamp(uint32(i), c.chainID.Uint64(), contract, creator)
		if err != nil {
			t.Fatal(err)
		}
		// Through the header, as a recipient would get it.
		v, err := s.FormatFolded()
		if err != nil {
			t.Fatal(err)
		}
		got, err := stake.Parse(v)
		if err != nil {
			t.Fatal(err)
		}
		if got.DepositID() != id {
			t.Fatalf("stamp %d: deposit id %s, want %s", i, got.DepositID(), id)
		}
		secret, _, err := got.Check(r)
		if err != nil {
			t.Fatal(err)
		}
		proof := make([][32]byte, len(got.Proof))
		for k, p := range got.Proof {
			proof[k] = p
		}
		if i > 0 {
			// rcpt i's secret presented at index i-1: both refuse.
			prev, _ := b.Stamp(uint32(i-1), c.chainID.Uint64(), contract, creator)
			prevProof := make([][32]byte, len(prev.Proof))
			for k, p := range prev.Proof {
				prevProof[k] = p
			}
			rev := c.send(c.p.PackBurn(id, secret, big.NewInt(int64(i-1)), prevProof), nil)
			if _, ok := rev.(*contracts.PostageInvalidProof); !ok {
				t.Errorf("secret %d at index %d: contract says %T%+v, want InvalidProof", i, i-1, rev, rev)
			}
			moved := *got
			moved.Index, moved.Proof = prev.Index, prev.Proof
			if _, _, err := moved.Check(r); !errors.Is(err, stake.ErrInvalidProof) {
				t.Errorf("secret %d at index %d: stake says %v", i, i-1, err)
			}
		}
		if rev := c.send(c.p.PackBurn(id, secret, big.NewInt(int64(i)), proof), nil); rev != nil {
			t.Fatalf("burn leaf %d: %T%+v", i, rev, rev)
		}
		burned, rev := call(c, c.p.PackIsBurned(id, big.NewInt(int64(i))), c.p.UnpackIsBurned)
		if rev != nil || !burned {
			t.Errorf("leaf %d not burned after burn", i)
		}
		if rev := c.send(c.p.PackBurn(id, secret, big.NewInt(int64(i)), proof), nil); rev == nil {
			t.Errorf("leaf %d burned twice", i)
		} else if _, ok := rev.(*contracts.PostageLeafAlreadyBurned); !ok {
			t.Errorf("second burn of leaf %d: %T%+v, want LeafAlreadyBurned", i, rev, rev)
		}
	}
	info, rev := call(c, c.p.PackGetDeposit(id), c.p.UnpackGetDeposit)
	if rev != nil || info.BurnedLeaves != uint32(len(rcpts)) {
		t.Errorf("deposit after burns: %+v (%v)", info, rev)
	}
}
