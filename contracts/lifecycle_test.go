package contracts

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
)

// lifecycle runs deposit, burns (one with a bounty to a relay), start and
// withdraw, checking the view after each transition.
func lifecycle(t *testing.T, tt *tester) {
	creator, relay := 0, 1
	tr := newTree("lifecycle", 30)
	share := gweis(1_000_000)
	value := new(big.Int).Add(new(big.Int).Mul(share, bigs(30)), big.NewInt(29)) // 29 wei dust
	bounty := gweis(3)
	id, _ := tt.makeDeposit(creator, tr, value, bounty)
	created := tt.now()

	// The assembly store in makeDeposit must agree with the struct layout
	// the views read: every field is checked with a non-trivial value.
	d := tt.deposit(id)
	want := PostageDepositInfo{
		Creator: tt.accts[creator].addr, Value: value, Leaves: 30, BountyPerLeaf: bounty,
		CreatedAt: created, Share: share, Remaining: value, Status: statusActive,
	}
	if !equalJSON(d, want) {
		t.Fatalf("new deposit reads %+v, want %+v", d, want)
	}

	before := tt.balance(tt.accts[relay].addr)
	r := tt.ok(relay, tt.addr, tt.burnData(id, tr, 29), nil)
	if got := received(before, tt.balance(tt.accts[relay].addr), nil, r); got.Cmp(bounty) != 0 {
		t.Fatalf("relay received %s, want the bounty %s", got, bounty)
	}
	tt.ok(relay, tt.addr, tt.burnData(id, tr, 23), nil)
	if !tt.isBurned(id, 29) || !tt.isBurned(id, 23) || tt.isBurned(id, 24) || tt.isBurned(id, 0) {
		t.Fatal("isBurned disagrees with the burns made")
	}
	tt.ok(creator, tt.addr, tt.p.PackStartWithdrawal(id), nil)
	started := tt.now()
	wantErr(t, tt.fails(creator, tt.addr, tt.p.PackStartWithdrawal(id), nil),
		&PostageWithdrawalAlreadyStarted{Id: id, UnlockAt: started + tt.delay})
	d = tt.deposit(id)
	remaining := new(big.Int).Sub(value, new(big.Int).Mul(share, bigs(2)))
	want.WithdrawalStartedAt, want.UnlockAt, want.BurnedLeaves, want.Remaining, want.Status =
		started, started+tt.delay, 2, remaining, statusWithdrawing
	if !equalJSON(d, want) {
		t.Fatalf("withdrawing deposit reads %+v, want %+v", d, want)
	}
	tt.travelTo(started + tt.delay + 1)
	before = tt.balance(tt.accts[creator].addr)
	r = tt.ok(creator, tt.addr, tt.p.PackWithdraw(id), nil)
	if got := received(before, tt.balance(tt.accts[creator].addr), nil, r); got.Cmp(remaining) != 0 {
		t.Fatalf("creator received %s, want %s (28 shares + 29 wei dust)", got, remaining)
	}
	d = tt.deposit(id)
	want.Remaining, want.Status = new(big.Int), statusWithdrawn
	if !equalJSON(d, want) {
		t.Fatalf("withdrawn deposit reads %+v, want %+v", d, want)
	}
	burned := new(big.Int).Mul(new(big.Int).Sub(share, bounty), bigs(2))
	if got := tt.balance(tt.addr); got.Cmp(burned) != 0 {
		t.Fatalf("contract holds %s, want the burned %s", got, burned)
	}
}

func TestLifecycle(t *testing.T) { lifecycle(t, newTester(t, 600)) }

// TestLifecycleOnDevChainForks runs the lifecycle on the simulated backend's
// default config (every fork, unreleased ones included), which is what the
// embedded dev chain runs: the contract must work there too, gas aside.
func TestLifecycleOnDevChainForks(t *testing.T) {
	lifecycle(t, newTesterConfig(t, params.AllDevChainProtocolChanges, 600))
}

func TestMakeDepositValidation(t *testing.T) {
	tt := newTester(t, 600)
	tr := newTree("validation", 4)
	share := eth(1)
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackMakeDeposit(tr.root(), 4, new(big.Int).Add(share, big.NewInt(1))), eth(4)),
		&PostageBountyTooLarge{BountyPerLeaf: new(big.Int).Add(share, big.NewInt(1)), Share: share})
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackMakeDeposit(tr.root(), 1<<20+1, big.NewInt(0)), eth(4)),
		&PostageInvalidLeafCount{Leaves: bigs(1<<20 + 1), MaxLeaves: bigs(1 << 20)})
	// bounty == share is allowed: the leaf's whole share goes to the submitter.
	id, _ := tt.makeDeposit(0, tr, eth(4), share)
	r := tt.ok(1, tt.addr, tt.burnData(id, tr, 0), nil)
	if b := tt.events(r)[0].(*PostageBurned); b.BurnedAmount.Sign() != 0 || b.Bounty.Cmp(share) != 0 {
		t.Fatalf("burn with bounty == share: %+v", b)
	}
}

func TestValueAboveUint96IsRefused(t *testing.T) {
	maxU96 := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 96), big.NewInt(1))
	huge := new(big.Int).Add(maxU96, big.NewInt(1))
	tt := newTesterAlloc(t, osakaConfig(), 600, map[int]*big.Int{0: new(big.Int).Mul(huge, big.NewInt(2))})
	tr := newTree("uint96", 1)
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackMakeDeposit(tr.root(), 1, big.NewInt(0)), huge),
		&PostageValueTooLarge{Value: huge, MaxValue: maxU96})
	id, _ := tt.makeDeposit(0, tr, maxU96, big.NewInt(0))
	if d := tt.deposit(id); d.Value.Cmp(maxU96) != 0 || d.Remaining.Cmp(maxU96) != 0 {
		t.Fatalf("largest deposit reads %+v", d)
	}
}

func TestBurnBatch(t *testing.T) {
	tt := newTester(t, 600)
	a, b := newTree("batch a", 300), newTree("batch b", 1)
	idA, _ := tt.makeDeposit(0, a, eth(300), gweis(2))
	idB, _ := tt.makeDeposit(2, b, eth(1), gweis(5))
	req := func(id [32]byte, tr *tree, i int) PostageBurnRequest {
		return PostageBurnRequest{Id: id, Secret: tr.secrets[i], Index: bigs(i), Proof: tr.proof(i)}
	}
	wantErr(t, tt.fails(1, tt.addr, tt.p.PackBurnBatch(nil), nil), &PostageEmptyBatch{})
	// A forged request refuses the whole batch, however valid the others.
	bad := req(idA, a, 1)
	bad.Proof = a.proof(2)
	wantErr(t, tt.fails(1, tt.addr, tt.p.PackBurnBatch([]PostageBurnRequest{req(idA, a, 0), bad}), nil),
		&PostageInvalidProof{Id: idA, Index: bigs(1)})
	if tt.isBurned(idA, 0) {
		t.Fatal("a refused batch burned a leaf")
	}
	// A leaf listed twice burns once; the repeat is skipped and unpaid.
	before := tt.balance(tt.accts[1].addr)
	r := tt.ok(1, tt.addr, tt.p.PackBurnBatch([]PostageBurnRequest{req(idA, a, 1), req(idA, a, 1)}), nil)
	if got := received(before, tt.balance(tt.accts[1].addr), nil, r); got.Cmp(gweis(2)) != 0 {
		t.Fatalf("a leaf listed twice paid %s, want one bounty of 2 gwei", got)
	}
	if ev := tt.events(r); len(ev) != 2 {
		t.Fatalf("a leaf listed twice logged %d events, want Burned then BurnSkipped", len(ev))
	} else if s, ok := ev[1].(*PostageBurnSkipped); !ok || s.Id != idA || s.Index.Int64() != 1 {
		t.Fatalf("a leaf listed twice logged %T%+v second, want BurnSkipped of leaf 1", ev[1], ev[1])
	}
	if d := tt.deposit(idA); d.BurnedLeaves != 1 {
		t.Fatalf("burned leaves %d, want 1", d.BurnedLeaves)
	}
	// Leaves on both sides of the low-bits boundary and of bitmap words.
	idx := []int{0, 23, 24, 255, 256, 257, 299}
	var reqs []PostageBurnRequest
	for _, i := range idx {
		reqs = append(reqs, req(idA, a, i))
	}
	reqs = append(reqs, req(idB, b, 0))
	before = tt.balance(tt.accts[1].addr)
	r = tt.ok(1, tt.addr, tt.p.PackBurnBatch(reqs), nil)
	wantBounty := new(big.Int).Add(new(big.Int).Mul(gweis(2), bigs(len(idx))), gweis(5))
	if got := received(before, tt.balance(tt.accts[1].addr), nil, r); got.Cmp(wantBounty) != 0 {
		t.Fatalf("batch paid %s, want the bounties %s in one payment", got, wantBounty)
	}
	if ev := tt.events(r); len(ev) != len(reqs) {
		t.Fatalf("batch logged %d events, want %d", len(ev), len(reqs))
	}
	burned := map[int]bool{}
	for _, i := range idx {
		burned[i] = true
	}
	burned[1] = true // by the batch with the repeat
	for i := range a.n() {
		if got := tt.isBurned(idA, i); got != burned[i] {
			t.Fatalf("isBurned(%d) = %v, want %v", i, got, burned[i])
		}
	}
	if d := tt.deposit(idA); d.BurnedLeaves != uint32(len(idx)+1) {
		t.Fatalf("burned leaves %d, want %d", d.BurnedLeaves, len(idx)+1)
	}
	wantErr(t, tt.fails(1, tt.addr, tt.burnData(idA, a, 256), nil), &PostageLeafAlreadyBurned{Id: idA, Index: bigs(256)})
	_, err := tt.cl.CallContract(tt.ctx, ethereum.CallMsg{To: &tt.addr, Data: tt.p.PackIsBurned(idA, bigs(300))}, nil)
	if err == nil {
		t.Fatal("isBurned past the last leaf answered instead of reverting")
	}
}

// TestMaxLeavesDepth20 deposits the largest tree and burns its last leaf
// with a 20-element proof. Only the path matters to the contract, so the
// root is folded from a path of arbitrary siblings.
func TestMaxLeavesDepth20(t *testing.T) {
	tt := newTester(t, 600)
	const n = 1 << 20
	secret := crypto.Keccak256Hash([]byte("max leaves"))
	index := n - 1
	var proof [][32]byte
	for k := range 20 {
		proof = append(proof, crypto.Keccak256Hash([]byte("sibling"), []byte{byte(k)}))
	}
	root, ok := rootFromProof(leafOf(secret), index, n, proof)
	if !ok {
		t.Fatal("bad path")
	}
	r := tt.ok(0, tt.addr, tt.p.PackMakeDeposit(root, n, big.NewInt(0)), eth(1))
	id := tt.events(r)[0].(*PostageDeposited).Id
	r = tt.ok(1, tt.addr, tt.p.PackBurn(id, secret, bigs(index), proof), nil)
	if r.GasUsed > targetBurnDepth0+20*targetPerProofLvl {
		t.Fatalf("depth-20 burn used %d gas, over %d", r.GasUsed, targetBurnDepth0+20*targetPerProofLvl)
	}
	if !tt.isBurned(id, index) || tt.isBurned(id, index-1) {
		t.Fatal("isBurned wrong at the last leaf")
	}
	if d := tt.deposit(id); d.Share.Cmp(new(big.Int).Div(eth(1), bigs(n))) != 0 || d.BurnedLeaves != 1 {
		t.Fatalf("deposit reads %+v", d)
	}
}

func TestUnpackRevert(t *testing.T) {
	if _, err := UnpackRevert(nil); !errors.Is(err, ErrNoRevertData) {
		t.Fatalf("empty data: %v, want ErrNoRevertData", err)
	}
	if _, err := UnpackRevert([]byte{1, 2, 3}); !errors.Is(err, ErrNoRevertData) {
		t.Fatalf("3 bytes: %v, want ErrNoRevertData", err)
	}
	// Error(string) from a require: not one of ours.
	if _, err := UnpackRevert(common.FromHex("0x08c379a0")); !errors.Is(err, ErrUnknownRevert) {
		t.Fatalf("Error(string): %v, want ErrUnknownRevert", err)
	}
	id := [32]byte{1}
	data := append(PostageUnknownDepositErrorID().Bytes()[:4:4], id[:]...)
	v, err := UnpackRevert(data)
	if err != nil {
		t.Fatal(err)
	}
	wantErr(t, v, &PostageUnknownDeposit{Id: id})
	// A known selector with truncated arguments is an error, not a panic.
	if _, err := UnpackRevert(data[:10]); err == nil || errors.Is(err, ErrUnknownRevert) {
		t.Fatalf("truncated arguments: %v", err)
	}
}
