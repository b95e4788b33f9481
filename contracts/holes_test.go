package contracts

// One test per hole of the seed's Vyper sketch (issue 4, item 3). Each test
// states what the sketch does; each would fail against that behaviour
// (TestSketchHasTheHoles shows several of them on the Solidity port of the
// sketch in testdata/).

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/crypto/sha3"
)

const (
	statusNone uint8 = iota
	statusActive
	statusWithdrawing
	statusWithdrawn
)

// Hole 1. Sketch: withdraw only checks withdrawn_at <= now - 3600, and
// withdrawn_at is 0 until start_withdrawal, so a creator withdraws at once
// while its stamps still look valid.
func TestHole01WithdrawNeedsAStartedWithdrawal(t *testing.T) {
	tt := newTester(t, 3600)
	tr := newTree("hole1", 1)
	id, _ := tt.makeDeposit(0, tr, eth(1), big.NewInt(0))

	wantErr(t, tt.fails(0, tt.addr, tt.p.PackWithdraw(id), nil), &PostageWithdrawalNotStarted{Id: id})
	tt.travel(10 * 3600)
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackWithdraw(id), nil), &PostageWithdrawalNotStarted{Id: id})
	if got := tt.balance(tt.addr); got.Cmp(eth(1)) != 0 {
		t.Fatalf("contract balance %s after refused withdrawals, want 1 ether", got)
	}
	if d := tt.deposit(id); d.Status != statusActive {
		t.Fatalf("status %d, want Active", d.Status)
	}
}

// Hole 2. Sketch: start_withdrawal checks the creator but withdraw does not:
// anyone can trigger a creator's payout (and in the sketch, at any time).
func TestHole02OnlyTheCreatorStartsAndWithdraws(t *testing.T) {
	tt := newTester(t, 3600)
	alice, mallory := 0, 1
	tr := newTree("hole2", 2)
	id, _ := tt.makeDeposit(alice, tr, eth(1), big.NewInt(0))

	wantErr(t, tt.fails(mallory, tt.addr, tt.p.PackStartWithdrawal(id), nil),
		&PostageNotCreator{Id: id, Caller: tt.accts[mallory].addr, Creator: tt.accts[alice].addr})
	tt.ok(alice, tt.addr, tt.p.PackStartWithdrawal(id), nil)
	tt.travel(3601)
	wantErr(t, tt.fails(mallory, tt.addr, tt.p.PackWithdraw(id), nil),
		&PostageNotCreator{Id: id, Caller: tt.accts[mallory].addr, Creator: tt.accts[alice].addr})
	if d := tt.deposit(id); d.Status != statusWithdrawing {
		t.Fatalf("status %d after the stranger's withdraw, want Withdrawing", d.Status)
	}
	before := tt.balance(tt.accts[alice].addr)
	r := tt.ok(alice, tt.addr, tt.p.PackWithdraw(id), nil)
	if got := received(before, tt.balance(tt.accts[alice].addr), nil, r); got.Cmp(eth(1)) != 0 {
		t.Fatalf("creator received %s, want 1 ether", got)
	}
}

// Hole 3. Sketch: make_deposit accepts msg.value 0, and "size == 0" doubles
// as "no deposit", so a zero or fully burned deposit reads as empty and can
// be overwritten.
func TestHole03ZeroValueRefusedAndExistenceIsNotValue(t *testing.T) {
	tt := newTester(t, 3600)
	tr := newTree("hole3", 4)
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackMakeDeposit(tr.root(), 4, big.NewInt(0)), nil), &PostageZeroValue{})
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackMakeDeposit(tr.root(), 0, big.NewInt(0)), eth(1)),
		&PostageInvalidLeafCount{Leaves: bigs(0), MaxLeaves: bigs(1 << 20)})
	// 3 wei over 4 leaves: every burn would destroy nothing.
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackMakeDeposit(tr.root(), 4, big.NewInt(0)), big.NewInt(3)),
		&PostageZeroShare{Value: bigs(3), Leaves: bigs(4)})
	if d := tt.deposit(idOf(tt.accts[0].addr, tr.root())); d.Status != statusNone {
		t.Fatalf("a refused deposit left state behind: %+v", d)
	}

	// A deposit whose every leaf is burned (no dust) still exists.
	id, _ := tt.makeDeposit(0, tr, big.NewInt(4000), big.NewInt(0))
	for i := range 4 {
		tt.ok(1, tt.addr, tt.burnData(id, tr, i), nil)
	}
	d := tt.deposit(id)
	if d.Status != statusActive || d.Remaining.Sign() != 0 || d.BurnedLeaves != 4 || d.Value.Cmp(big.NewInt(4000)) != 0 {
		t.Fatalf("fully burned deposit reads %+v, want Active, value 4000, 4 burned, 0 remaining", d)
	}
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackMakeDeposit(tr.root(), 4, big.NewInt(0)), eth(1)), &PostageDepositExists{Id: id})
}

// Hole 4. Sketch: deposits are keyed by the bare hash, so anyone who sees a
// sender's hash (in the mempool, in a stamp) deposits under it first and the
// sender's make_deposit fails.
func TestHole04NobodyCanSquatAnotherSendersRoot(t *testing.T) {
	tt := newTester(t, 3600)
	alice, mallory := 0, 1
	tr := newTree("hole4", 3)
	squat, _ := tt.makeDeposit(mallory, tr, big.NewInt(3), big.NewInt(0))
	id, _ := tt.makeDeposit(alice, tr, eth(1), big.NewInt(0))
	if squat == id {
		t.Fatal("two creators got the same id for one root")
	}
	if want := idOf(tt.accts[alice].addr, tr.root()); id != want {
		t.Fatalf("id %x, want keccak256(creator, root) %x", id, want)
	}
	d := tt.deposit(id)
	if d.Creator != tt.accts[alice].addr || d.Value.Cmp(eth(1)) != 0 {
		t.Fatalf("alice's deposit reads %+v", d)
	}
	// The squatter's deposit is its own and gives no power over alice's.
	wantErr(t, tt.fails(mallory, tt.addr, tt.p.PackStartWithdrawal(id), nil),
		&PostageNotCreator{Id: id, Caller: tt.accts[mallory].addr, Creator: tt.accts[alice].addr})
	// A leaf burned under the squatter's id does not touch alice's deposit.
	tt.ok(2, tt.addr, tt.burnData(squat, tr, 1), nil)
	if tt.isBurned(id, 1) || tt.deposit(id).BurnedLeaves != 0 {
		t.Fatal("burning the squatter's leaf burned alice's")
	}
}

// Hole 5. Sketch: withdraw and delete_deposit reset the entry to None, so
// the same hash (and so the same published secrets) can be deposited again.
func TestHole05IdsAreNeverReused(t *testing.T) {
	tt := newTester(t, 3600)
	// After withdraw.
	tr := newTree("hole5a", 2)
	id, _ := tt.makeDeposit(0, tr, eth(1), big.NewInt(0))
	tt.ok(0, tt.addr, tt.p.PackStartWithdrawal(id), nil)
	tt.travel(3601)
	tt.ok(0, tt.addr, tt.p.PackWithdraw(id), nil)
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackMakeDeposit(tr.root(), 2, big.NewInt(0)), eth(1)), &PostageDepositExists{Id: id})
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackStartWithdrawal(id), nil), &PostageDepositWithdrawn{Id: id})
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackWithdraw(id), nil), &PostageDepositWithdrawn{Id: id})
	wantErr(t, tt.fails(1, tt.addr, tt.burnData(id, tr, 0), nil), &PostageDepositWithdrawn{Id: id})
	if d := tt.deposit(id); d.Status != statusWithdrawn || d.Remaining.Sign() != 0 {
		t.Fatalf("withdrawn deposit reads %+v", d)
	}

	// After a burn (a one-leaf deposit, the sketch's only kind).
	tr1 := newTree("hole5b", 1)
	id1, _ := tt.makeDeposit(0, tr1, eth(1), big.NewInt(0))
	tt.ok(1, tt.addr, tt.burnData(id1, tr1, 0), nil)
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackMakeDeposit(tr1.root(), 1, big.NewInt(0)), eth(1)), &PostageDepositExists{Id: id1})
	wantErr(t, tt.fails(1, tt.addr, tt.burnData(id1, tr1, 0), nil), &PostageLeafAlreadyBurned{Id: id1, Index: bigs(0)})
}

// deployWallet deploys the test smart wallet (testdata/Wallet.sol) for the
// tester's Postage contract.
func deployWallet(tt *tester) (common.Address, *Wallet) {
	tt.t.Helper()
	w := NewWallet()
	addr, r := tt.deploy(0, common.FromHex(WalletMetaData.Bin), w.PackConstructor(tt.addr))
	if r.Status != 1 {
		tt.t.Fatal("deploy Wallet failed")
	}
	return addr, w
}

func walletNumber(tt *tester, w *Wallet, addr common.Address, data []byte) *big.Int {
	tt.t.Helper()
	return callAt(tt, addr, data, w.UnpackReceived)
}

// Hole 6. Sketch: the payout is sent before the entry is deleted; only the
// 2300-gas stipend of send stops a re-entering creator from withdrawing
// again. With a full-gas call (hole 7's fix) it would drain the contract.
func TestHole06ReentrancyThroughThePayouts(t *testing.T) {
	t.Run("withdraw", func(t *testing.T) {
		tt := newTester(t, 3600)
		waddr, w := deployWallet(tt)
		tr := newTree("hole6", 2)
		// Someone else's money sits in the contract too: the target of a drain.
		other := newTree("hole6-other", 1)
		tt.makeDeposit(1, other, eth(5), big.NewInt(0))

		tt.ok(0, waddr, w.PackMakeDeposit(tr.root(), 2, big.NewInt(0)), eth(2))
		id := idOf(waddr, tr.root())
		tt.ok(2, tt.addr, tt.burnData(id, tr, 0), nil) // burns 1 ether
		tt.ok(0, waddr, w.PackStartWithdrawal(id), nil)
		tt.travel(3601)
		tt.ok(0, waddr, w.PackSetMode(1, id, [32]byte{}, big.NewInt(0)), nil)
		tt.ok(0, waddr, w.PackWithdraw(id), nil)

		if got := walletNumber(tt, w, waddr, w.PackReceived()); got.Cmp(eth(1)) != 0 {
			t.Fatalf("wallet received %s, want exactly the 1 ether left", got)
		}
		if got := callAt(tt, waddr, w.PackReentryAttempts(), w.UnpackReentryAttempts); got.Int64() != 1 {
			t.Fatalf("re-entry attempts %s, want 1", got)
		}
		if got := callAt(tt, waddr, w.PackReentrySuccesses(), w.UnpackReentrySuccesses); got.Sign() != 0 {
			t.Fatalf("%s re-entries succeeded", got)
		}
		rd := callAt(tt, waddr, w.PackLastReentryError(), w.UnpackLastReentryError)
		v, err := UnpackRevert(rd)
		if err != nil {
			t.Fatalf("re-entry revert data %x: %v", rd, err)
		}
		wantErr(t, v, &PostageDepositWithdrawn{Id: id})
		if got := tt.balance(tt.addr); got.Cmp(eth(6)) != 0 {
			t.Fatalf("contract holds %s, want 6 ether (5 of the other deposit + 1 burned)", got)
		}
	})
	t.Run("bounty", func(t *testing.T) {
		tt := newTester(t, 3600)
		waddr, w := deployWallet(tt)
		tr := newTree("hole6b", 1) // the wallet re-enters with an empty proof
		id, _ := tt.makeDeposit(0, tr, eth(2), gweis(1000))
		// The wallet submits the burn; on receiving the bounty it re-enters
		// burn for the same leaf.
		tt.ok(0, waddr, w.PackSetMode(2, id, tr.secrets[0], big.NewInt(0)), nil)
		tt.ok(0, waddr, w.PackBurn(id, tr.secrets[0], big.NewInt(0), tr.proof(0)), nil)
		if got := walletNumber(tt, w, waddr, w.PackReceived()); got.Cmp(gweis(1000)) != 0 {
			t.Fatalf("wallet received %s, want one bounty of 1000 gwei", got)
		}
		if got := callAt(tt, waddr, w.PackReentrySuccesses(), w.UnpackReentrySuccesses); got.Sign() != 0 {
			t.Fatalf("%s re-entries succeeded", got)
		}
		v, err := UnpackRevert(callAt(tt, waddr, w.PackLastReentryError(), w.UnpackLastReentryError))
		if err != nil {
			t.Fatal(err)
		}
		wantErr(t, v, &PostageLeafAlreadyBurned{Id: id, Index: bigs(0)})
		if d := tt.deposit(id); d.BurnedLeaves != 1 {
			t.Fatalf("burned leaves %d, want 1", d.BurnedLeaves)
		}
	})
}

// Hole 7. Sketch: send forwards only the 2300-gas stipend, so a creator that
// is a smart wallet (a receive that does anything) can never withdraw.
func TestHole07SmartWalletCreatorsCanWithdraw(t *testing.T) {
	tt := newTester(t, 3600)
	waddr, w := deployWallet(tt)
	tr := newTree("hole7", 1)
	tt.ok(0, waddr, w.PackMakeDeposit(tr.root(), 1, big.NewInt(0)), eth(1))
	id := idOf(waddr, tr.root())
	tt.ok(0, waddr, w.PackStartWithdrawal(id), nil)
	tt.travel(3601)

	// A receiver that reverts makes withdraw revert as a whole; nothing is lost.
	tt.ok(0, waddr, w.PackSetMode(3, [32]byte{}, [32]byte{}, big.NewInt(0)), nil)
	wantErr(t, tt.fails(0, waddr, w.PackWithdraw(id), nil), &PostageTransferFailed{To: waddr, Amount: eth(1)})
	if d := tt.deposit(id); d.Status != statusWithdrawing || d.Remaining.Cmp(eth(1)) != 0 {
		t.Fatalf("after a refused payout the deposit reads %+v, want Withdrawing with 1 ether", d)
	}

	// A receive() well over 2300 gas (it writes storage) gets paid.
	tt.ok(0, waddr, w.PackSetMode(0, [32]byte{}, [32]byte{}, big.NewInt(0)), nil)
	tt.ok(0, waddr, w.PackWithdraw(id), nil)
	// receive() recorded the payment in storage: impossible within 2300 gas.
	if got := walletNumber(tt, w, waddr, w.PackReceived()); got.Cmp(eth(1)) != 0 {
		t.Fatalf("wallet recorded %s received, want 1 ether", got)
	}
	if got := callAt(tt, waddr, w.PackPayments(), w.UnpackPayments); got.Int64() != 1 {
		t.Fatalf("wallet recorded %s payments, want 1", got)
	}
	if got := tt.balance(waddr); got.Cmp(eth(1)) != 0 {
		t.Fatalf("wallet balance %s, want 1 ether", got)
	}
}

// TestRefusedBountyRevertsTheBurn: a submitter that cannot take its bounty
// gets TransferFailed and the leaf stays unburned (anyone else may burn it).
func TestRefusedBountyRevertsTheBurn(t *testing.T) {
	tt := newTester(t, 3600)
	waddr, w := deployWallet(tt)
	tr := newTree("transfer-failed", 1)
	id, _ := tt.makeDeposit(0, tr, eth(1), gweis(5))
	tt.ok(0, waddr, w.PackSetMode(3, [32]byte{}, [32]byte{}, big.NewInt(0)), nil)
	wantErr(t, tt.fails(0, waddr, w.PackBurn(id, tr.secrets[0], big.NewInt(0), tr.proof(0)), nil),
		&PostageTransferFailed{To: waddr, Amount: gweis(5)})
	if tt.isBurned(id, 0) {
		t.Fatal("refused bounty left the leaf burned")
	}
	tt.ok(1, tt.addr, tt.burnData(id, tr, 0), nil)
	if !tt.isBurned(id, 0) {
		t.Fatal("leaf not burned")
	}
}

// Hole 8. Sketch: nothing tracks burned value; after a partial burn a full
// payout would hand burned ETH back (the port's withdraw pays `size`). Here
// burned ETH stays, and every exit path pays exactly the unburned part.
func TestHole08BurnedETHNeverLeaves(t *testing.T) {
	tt := newTester(t, 3600)
	a, b, burner := 0, 1, 2
	trA, trB := newTree("hole8a", 3), newTree("hole8b", 1)
	valueA := new(big.Int).Add(eth(3), big.NewInt(2)) // 2 wei of dust
	idA, _ := tt.makeDeposit(a, trA, valueA, gweis(10))
	idB, _ := tt.makeDeposit(b, trB, eth(1), big.NewInt(0))
	share := eth(1)
	bounty := gweis(10)

	before := tt.balance(tt.accts[burner].addr)
	r := tt.ok(burner, tt.addr, tt.burnData(idA, trA, 1), nil)
	if got := received(before, tt.balance(tt.accts[burner].addr), nil, r); got.Cmp(bounty) != 0 {
		t.Fatalf("burner received %s, want the bounty %s", got, bounty)
	}
	burned := new(big.Int).Sub(share, bounty)

	for _, x := range []struct {
		who int
		id  [32]byte
	}{{a, idA}, {b, idB}} {
		tt.ok(x.who, tt.addr, tt.p.PackStartWithdrawal(x.id), nil)
	}
	tt.travel(3601)
	before = tt.balance(tt.accts[a].addr)
	r = tt.ok(a, tt.addr, tt.p.PackWithdraw(idA), nil)
	wantA := new(big.Int).Sub(valueA, share) // 2 ether + 2 wei dust
	if got := received(before, tt.balance(tt.accts[a].addr), nil, r); got.Cmp(wantA) != 0 {
		t.Fatalf("creator A received %s, want %s (value - one share, dust included)", got, wantA)
	}
	before = tt.balance(tt.accts[b].addr)
	r = tt.ok(b, tt.addr, tt.p.PackWithdraw(idB), nil)
	if got := received(before, tt.balance(tt.accts[b].addr), nil, r); got.Cmp(eth(1)) != 0 {
		t.Fatalf("creator B received %s, want 1 ether", got)
	}
	if got := tt.balance(tt.addr); got.Cmp(burned) != 0 {
		t.Fatalf("contract holds %s, want exactly the burned %s", got, burned)
	}
	// Every path out is closed, for everyone.
	for who := range testAccounts {
		for _, id := range [][32]byte{idA, idB} {
			tt.fails(who, tt.addr, tt.p.PackWithdraw(id), nil)
			tt.fails(who, tt.addr, tt.p.PackStartWithdrawal(id), nil)
		}
		tt.fails(who, tt.addr, tt.burnData(idA, trA, 0), nil)
	}
	if got := tt.balance(tt.addr); got.Cmp(burned) != 0 {
		t.Fatalf("contract holds %s after every exit was tried, want %s", got, burned)
	}
}

// Hole 9. Sketch: delete_deposit and withdraw of an unknown hash succeed and
// do nothing, so a client cannot tell a typo from a burn.
func TestHole09UnknownIdsAreErrors(t *testing.T) {
	tt := newTester(t, 3600)
	tr := newTree("hole9", 1)
	id := idOf(tt.accts[0].addr, tr.root()) // never deposited
	wantErr(t, tt.fails(1, tt.addr, tt.burnData(id, tr, 0), nil), &PostageUnknownDeposit{Id: id})
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackStartWithdrawal(id), nil), &PostageUnknownDeposit{Id: id})
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackWithdraw(id), nil), &PostageUnknownDeposit{Id: id})
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackBurnBatch([]PostageBurnRequest{{Id: id, Secret: tr.secrets[0], Index: bigs(0), Proof: tr.proof(0)}}), nil),
		&PostageUnknownDeposit{Id: id})
	_, err := tt.cl.CallContract(tt.ctx, ethereum.CallMsg{To: &tt.addr, Data: tt.p.PackIsBurned(id, bigs(0))}, nil)
	if err == nil {
		t.Fatal("isBurned of an unknown id answered instead of reverting")
	}
	if d := tt.deposit(id); d.Status != statusNone || d.Creator != (common.Address{}) || d.Value.Sign() != 0 {
		t.Fatalf("unknown id reads %+v, want all zero", d)
	}
}

// Hole 10. Sketch: burns and withdraw have no defined order at the end of
// the delay (withdraw already works at withdrawn_at + 3600, and delete after
// a withdraw silently does nothing). Rule here: withdraw only strictly after
// unlockAt; burns work until withdraw has executed.
func TestHole10BurnVersusWithdrawAtTheEndOfTheDelay(t *testing.T) {
	const delay = 3600
	tt := newTester(t, delay)
	tr := newTree("hole10", 3)
	id, _ := tt.makeDeposit(0, tr, eth(3), big.NewInt(0))
	r := tt.ok(0, tt.addr, tt.p.PackStartWithdrawal(id), nil)
	started := tt.now()
	unlockAt := started + delay
	ev := tt.events(r)[0].(*PostageWithdrawalStarted)
	if ev.UnlockAt != unlockAt || tt.deposit(id).UnlockAt != unlockAt {
		t.Fatalf("unlockAt: event %d, view %d, want %d", ev.UnlockAt, tt.deposit(id).UnlockAt, unlockAt)
	}

	// The block whose timestamp is exactly unlockAt holds a withdraw and a
	// burn: the withdraw is refused (naming the unlock time), the burn is in.
	tt.travelTo(unlockAt)
	if reverted, rd := tt.simulate(0, tt.addr, tt.p.PackWithdraw(id), nil); !reverted {
		t.Fatal("withdraw at unlockAt would succeed")
	} else {
		v, err := UnpackRevert(rd)
		if err != nil {
			t.Fatal(err)
		}
		wantErr(t, v, &PostageWithdrawalLocked{Id: id, UnlockAt: unlockAt, Now: unlockAt})
	}
	wtx := tt.send(0, tt.addr, tt.p.PackWithdraw(id), nil, gweis(2))
	btx := tt.send(1, tt.addr, tt.burnData(id, tr, 0), nil, gweis(1))
	tt.sim.Commit()
	if tt.now() != unlockAt {
		t.Fatalf("block at %d, want unlockAt %d", tt.now(), unlockAt)
	}
	if tt.receipt(wtx).Status != 0 || tt.receipt(btx).Status != 1 {
		t.Fatalf("at unlockAt: withdraw status %d, burn status %d; want 0 and 1", tt.receipt(wtx).Status, tt.receipt(btx).Status)
	}

	// After unlockAt a burn still beats a withdraw ordered after it in the
	// same block: burns work until withdraw has executed.
	btx = tt.send(1, tt.addr, tt.burnData(id, tr, 1), nil, gweis(2))
	wtx = tt.send(0, tt.addr, tt.p.PackWithdraw(id), nil, gweis(1))
	before := tt.balance(tt.accts[0].addr)
	tt.sim.Commit()
	if tt.now() <= unlockAt {
		t.Fatal("block not after unlockAt")
	}
	br, wr := tt.receipt(btx), tt.receipt(wtx)
	if br.Status != 1 || wr.Status != 1 || br.TransactionIndex > wr.TransactionIndex {
		t.Fatalf("burn (status %d, index %d) then withdraw (status %d, index %d): want both in, burn first",
			br.Status, br.TransactionIndex, wr.Status, wr.TransactionIndex)
	}
	if got := received(before, tt.balance(tt.accts[0].addr), nil, wr); got.Cmp(eth(1)) != 0 {
		t.Fatalf("withdraw paid %s, want the 1 unburned ether", got)
	}
	// Once withdraw has executed, burns are refused.
	wantErr(t, tt.fails(1, tt.addr, tt.burnData(id, tr, 2), nil), &PostageDepositWithdrawn{Id: id})
}

// Hole 11. Sketch: no events, so clients must poll every deposit.
func TestHole11EveryTransitionIsAnEvent(t *testing.T) {
	const delay = 100
	tt := newTester(t, delay)
	creator, burner := 0, 1
	tr := newTree("hole11", 5)
	value, bounty := eth(5), gweis(7)
	id, r := tt.makeDeposit(creator, tr, value, bounty)
	ev := tt.events(r)
	dep := ev[0].(*PostageDeposited)
	dep.Raw = nil
	want := &PostageDeposited{Id: id, Creator: tt.accts[creator].addr, Root: tr.root(), Value: value, Leaves: 5, BountyPerLeaf: bounty}
	if !equalJSON(dep, want) {
		t.Fatalf("Deposited %+v, want %+v", dep, want)
	}

	r = tt.ok(burner, tt.addr, tt.burnData(id, tr, 3), nil)
	ev = tt.events(r)
	if len(ev) != 1 {
		t.Fatalf("burn logged %d events", len(ev))
	}
	b := ev[0].(*PostageBurned)
	b.Raw = nil
	wantB := &PostageBurned{Id: id, Index: bigs(3), Secret: tr.secrets[3], Submitter: tt.accts[burner].addr,
		BurnedAmount: new(big.Int).Sub(eth(1), bounty), Bounty: bounty}
	if !equalJSON(b, wantB) {
		t.Fatalf("Burned %+v, want %+v", b, wantB)
	}

	r = tt.ok(creator, tt.addr, tt.p.PackStartWithdrawal(id), nil)
	ws := tt.events(r)[0].(*PostageWithdrawalStarted)
	if ws.Id != id || ws.UnlockAt != tt.now()+delay {
		t.Fatalf("WithdrawalStarted %+v, want unlockAt %d", ws, tt.now()+delay)
	}
	tt.travel(delay + 1)
	r = tt.ok(creator, tt.addr, tt.p.PackWithdraw(id), nil)
	wd := tt.events(r)[0].(*PostageWithdrawn)
	if wd.Id != id || wd.Creator != tt.accts[creator].addr || wd.Amount.Cmp(eth(4)) != 0 {
		t.Fatalf("Withdrawn %+v, want 4 ether to the creator", wd)
	}

	// The ids are indexed: a client filters one deposit's history by topic.
	inst := tt.p.Instance(tt.cl, tt.addr)
	it, err := bind.FilterEvents(inst, &bind.FilterOpts{Start: 0, Context: tt.ctx}, tt.p.UnpackBurnedEvent, []any{id})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for it.Next() {
		n++
	}
	if it.Error() != nil || n != 1 {
		t.Fatalf("filtering Burned by id found %d (%v), want 1", n, it.Error())
	}
	dit, err := bind.FilterEvents(inst, &bind.FilterOpts{Start: 0, Context: tt.ctx}, tt.p.UnpackDepositedEvent, nil, []any{tt.accts[creator].addr})
	if err != nil {
		t.Fatal(err)
	}
	n = 0
	for dit.Next() {
		n++
	}
	if n != 1 {
		t.Fatalf("filtering Deposited by creator found %d, want 1", n)
	}
}

// Hole 12. Sketch: the delay is a constant hour, too short for mail (a
// recipient may read mail days later). Here it is a constructor parameter,
// readable on chain, bounded to 1 s .. MAX_DELAY.
func TestHole12DelayIsAConstructorParameter(t *testing.T) {
	const week = 7 * 24 * 3600
	tt := newTester(t, week)
	if got := call(tt, tt.p.PackDelay(), tt.p.UnpackDelay); got != week {
		t.Fatalf("delay() = %d, want %d", got, week)
	}
	tr := newTree("hole12", 1)
	id, _ := tt.makeDeposit(0, tr, eth(1), big.NewInt(0))
	tt.ok(0, tt.addr, tt.p.PackStartWithdrawal(id), nil)
	unlockAt := tt.now() + week
	tt.travel(3601) // the sketch would pay out here
	next := tt.now() + 1
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackWithdraw(id), nil),
		&PostageWithdrawalLocked{Id: id, UnlockAt: unlockAt, Now: next})
	tt.travelTo(unlockAt + 1)
	tt.ok(0, tt.addr, tt.p.PackWithdraw(id), nil)

	maxDelay := call(tt, tt.p.PackMAXDELAY(), tt.p.UnpackMAXDELAY)
	for _, bad := range []uint64{0, maxDelay + 1} {
		data := append(common.FromHex(PostageMetaData.Bin), tt.p.PackConstructor(bad)...)
		reverted, rd := tt.simulateAt(0, nil, data, nil)
		if !reverted {
			t.Fatalf("deploying with delay %d succeeds", bad)
		}
		v, err := UnpackRevert(rd)
		if err != nil {
			t.Fatalf("deploying with delay %d: revert data %x: %v", bad, rd, err)
		}
		wantErr(t, v, &PostageInvalidDelay{Delay: new(big.Int).SetUint64(bad), MaxDelay: new(big.Int).SetUint64(maxDelay)})
	}
	other := newTester(t, 60)
	if got := call(other, other.p.PackDelay(), other.p.UnpackDelay); got != 60 {
		t.Fatalf("delay() = %d, want 60", got)
	}
}

// Hole 13. Sketch: `block.timestamp - 3600` underflows (Vyper reverts) while
// the timestamp is below the delay, making withdraw impossible; the same
// expression with a longer delay breaks on any chain. Here the contract only
// ever adds: unlockAt = startedAt + delay.
func TestHole13NoUnderflowWhenTheDelayExceedsTheTimestamp(t *testing.T) {
	maxDelay := uint64(100 * 365 * 24 * 3600)
	tt := newTester(t, maxDelay)
	if now := tt.now(); now >= maxDelay {
		t.Fatalf("precondition: timestamp %d must be below the delay %d for now - delay to underflow", now, maxDelay)
	}
	tr := newTree("hole13", 1)
	id, _ := tt.makeDeposit(0, tr, eth(1), big.NewInt(0))
	tt.ok(0, tt.addr, tt.p.PackStartWithdrawal(id), nil)
	unlockAt := tt.now() + maxDelay
	next := tt.now() + 1
	wantErr(t, tt.fails(0, tt.addr, tt.p.PackWithdraw(id), nil),
		&PostageWithdrawalLocked{Id: id, UnlockAt: unlockAt, Now: next})
	tt.travelTo(unlockAt + 1)
	before := tt.balance(tt.accts[0].addr)
	r := tt.ok(0, tt.addr, tt.p.PackWithdraw(id), nil)
	if got := received(before, tt.balance(tt.accts[0].addr), nil, r); got.Cmp(eth(1)) != 0 {
		t.Fatalf("received %s, want 1 ether", got)
	}
}

// Hole 14. The Go side must hash exactly as the contract does: Keccak-256
// (not FIPS SHA3-256), leaf = keccak(0x00 ‖ secret), node = keccak(0x01 ‖ l ‖ r),
// id = keccak(creator ‖ root) packed, and the odd-level rule of the spec.
func TestHole14GoAndContractHashAlike(t *testing.T) {
	tt := newTester(t, 3600)
	secret := crypto.Keccak256Hash([]byte("hole14"))
	if got := call(tt, tt.p.PackLeafHash(secret), tt.p.UnpackLeafHash); got != leafOf(secret) {
		t.Fatalf("leafHash: contract %x, Go %x", got, leafOf(secret))
	}
	fips := sha3.Sum256(append([]byte{0}, secret[:]...))
	if fips == leafOf(secret) {
		t.Fatal("FIPS SHA3-256 equals Keccak-256: the guard below means nothing")
	}
	if got := call(tt, tt.p.PackLeafHash(secret), tt.p.UnpackLeafHash); got == fips {
		t.Fatal("the contract hashes with FIPS SHA3-256")
	}
	l, r := crypto.Keccak256Hash([]byte("l")), crypto.Keccak256Hash([]byte("r"))
	if got := call(tt, tt.p.PackNodeHash(l, r), tt.p.UnpackNodeHash); got != nodeOf(l, r) {
		t.Fatalf("nodeHash: contract %x, Go %x", got, nodeOf(l, r))
	}
	for i := range testAccounts {
		a := tt.accts[i].addr
		want := crypto.Keccak256Hash(a[:], secret[:])
		if got := call(tt, tt.p.PackDepositId(a, secret), tt.p.UnpackDepositId); got != want {
			t.Fatalf("depositId(%s): contract %x, Go %x", a, got, want)
		}
	}

	// Roots: every index of every size up to 33, and samples of larger trees.
	check := func(tr *tree, i int) {
		t.Helper()
		got := call(tt, tt.p.PackComputeRoot(tr.leaf(i), bigs(i), bigs(tr.n()), tr.proof(i)), tt.p.UnpackComputeRoot)
		if got != tr.root() {
			t.Fatalf("computeRoot(n=%d, i=%d): contract %x, Go %x", tr.n(), i, got, tr.root())
		}
		if gr, ok := rootFromProof(tr.leaf(i), i, tr.n(), tr.proof(i)); !ok || gr != tr.root() {
			t.Fatalf("Go verify(n=%d, i=%d) disagrees with the Go tree", tr.n(), i)
		}
	}
	for n := 1; n <= 33; n++ {
		tr := newTree("hole14", n)
		for i := range n {
			check(tr, i)
		}
	}
	for _, n := range []int{100, 1000, 1023, 1024, 1025} {
		tr := newTree("hole14", n)
		for _, i := range []int{0, 1, n / 2, n - 2, n - 1} {
			check(tr, i)
		}
	}
	// Proof depth 20 at the maximum leaf count: the root is folded from a
	// random path (building 2^20 leaves is pointless: only the path counts).
	const maxLeaves = 1 << 20
	leaf, index := leafOf(secret), maxLeaves-1
	var proof [][32]byte
	for k := range 20 {
		proof = append(proof, crypto.Keccak256Hash([]byte{byte(k)}))
	}
	root, ok := rootFromProof(leaf, index, maxLeaves, proof)
	if !ok {
		t.Fatal("Go rejects a depth-20 proof")
	}
	if got := call(tt, tt.p.PackComputeRoot(leaf, bigs(index), bigs(maxLeaves), proof), tt.p.UnpackComputeRoot); got != root {
		t.Fatalf("depth-20 root: contract %x, Go %x", got, root)
	}

	// A burn built entirely in Go goes through, and the contract reports the
	// same id Go computed.
	tr := newTree("hole14-burn", 7)
	id, _ := tt.makeDeposit(0, tr, eth(7), big.NewInt(0))
	if id != idOf(tt.accts[0].addr, tr.root()) {
		t.Fatal("Deposited id differs from Go's keccak256(creator, root)")
	}
	tt.ok(1, tt.addr, tt.burnData(id, tr, 6), nil)

	// Malformed proofs are refused with the reason.
	p := tr.proof(2)
	wantErr(t, tt.fails(1, tt.addr, tt.p.PackBurn(id, tr.secrets[2], bigs(2), p[:len(p)-1]), nil),
		&PostageProofLengthMismatch{Index: bigs(2), Leaves: bigs(7), ProofLength: bigs(len(p) - 1)})
	wantErr(t, tt.fails(1, tt.addr, tt.p.PackBurn(id, tr.secrets[2], bigs(2), append(p, p[0])), nil),
		&PostageProofLengthMismatch{Index: bigs(2), Leaves: bigs(7), ProofLength: bigs(len(p) + 1)})
	// The right secret and path under the wrong index: the index is bound.
	wantErr(t, tt.fails(1, tt.addr, tt.p.PackBurn(id, tr.secrets[2], bigs(3), p), nil), &PostageInvalidProof{Id: id, Index: bigs(3)})
	// FIPS-hashed leaves do not verify.
	wantErr(t, tt.fails(1, tt.addr, tt.p.PackBurn(id, fips, bigs(2), p), nil), &PostageInvalidProof{Id: id, Index: bigs(2)})
	wantErr(t, tt.fails(1, tt.addr, tt.p.PackBurn(id, tr.secrets[2], bigs(7), p), nil),
		&PostageIndexOutOfRange{Id: id, Index: bigs(7), Leaves: bigs(7)})
}

// Hole 15. Stray ETH (a plain transfer, an unknown function, value sent to
// a non-payable function) is refused: there is no receive or fallback, so
// nothing can arrive that no rule accounts for.
func TestHole15StrayETHIsRefused(t *testing.T) {
	tt := newTester(t, 3600)
	tr := newTree("hole15", 1)
	id, _ := tt.makeDeposit(0, tr, eth(1), big.NewInt(0))
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"plain transfer", nil},
		{"unknown function", []byte{0xde, 0xad, 0xbe, 0xef}},
		{"short calldata", []byte{0x01, 0x02}},
		{"value to startWithdrawal", tt.p.PackStartWithdrawal(id)},
		{"value to burn", tt.burnData(id, tr, 0)},
		{"value to a view", tt.p.PackDelay()},
	} {
		if v := tt.fails(1, tt.addr, c.data, eth(1)); v != nil {
			t.Fatalf("%s: reverted with %T, want no data", c.name, v)
		}
	}
	if got := tt.balance(tt.addr); got.Cmp(eth(1)) != 0 {
		t.Fatalf("contract balance %s, want only the 1 ether deposit", got)
	}
	if tt.isBurned(id, 0) {
		t.Fatal("a refused call burned a leaf")
	}
}

// Hole 16 (issue 11, finding 4). burnBatch was all or nothing, so a
// griefer who burned one leaf of a relayed batch first (its own deposit:
// it knows every secret) sank every honest burn of the batch and cost the
// relay a failed transaction. Now a request that lost a race (leaf burned
// first, deposit withdrawn) is skipped with BurnSkipped, and only the
// leaves burned are paid; requests that are wrong whatever the order
// still revert the batch.
func TestHole16FrontRunningCannotSinkABatch(t *testing.T) {
	tt := newTester(t, 3600)
	honest, relay, griefer := 0, 1, 3
	a := newTree("hole16 honest", 4)
	idA, _ := tt.makeDeposit(honest, a, eth(4), gweis(1))
	g := newTree("hole16 griefer", 1)
	idG, _ := tt.makeDeposit(griefer, g, eth(1), eth(1)) // bounty == share
	req := func(id [32]byte, tr *tree, i int) PostageBurnRequest {
		return PostageBurnRequest{Id: id, Secret: tr.secrets[i], Index: bigs(i), Proof: tr.proof(i)}
	}

	// The relay's batch and the griefer's own burn of its leaf in the same
	// block, the griefer's first (higher tip).
	batch := tt.send(relay, tt.addr, tt.p.PackBurnBatch([]PostageBurnRequest{req(idA, a, 0), req(idG, g, 0), req(idA, a, 1)}), nil, gweis(1))
	front := tt.send(griefer, tt.addr, tt.burnData(idG, g, 0), nil, gweis(2))
	before := tt.balance(tt.accts[relay].addr)
	tt.sim.Commit()
	fr, br := tt.receipt(front), tt.receipt(batch)
	if fr.Status != 1 || br.Status != 1 || fr.TransactionIndex > br.TransactionIndex {
		t.Fatalf("front-run (status %d, index %d), batch (status %d, index %d): want both in, the front-run first",
			fr.Status, fr.TransactionIndex, br.Status, br.TransactionIndex)
	}
	if !tt.isBurned(idA, 0) || !tt.isBurned(idA, 1) || tt.isBurned(idA, 2) {
		t.Fatal("the honest burns of the batch did not land")
	}
	if got := received(before, tt.balance(tt.accts[relay].addr), nil, br); got.Cmp(gweis(2)) != 0 {
		t.Fatalf("relay received %s, want the 2 bounties of the leaves it burned (not the griefer's)", got)
	}
	ev := tt.events(br)
	if len(ev) != 3 {
		t.Fatalf("batch logged %d events, want 3", len(ev))
	}
	if s, ok := ev[1].(*PostageBurnSkipped); !ok || s.Id != idG || s.Index.Sign() != 0 {
		t.Fatalf("second event %T%+v, want BurnSkipped of the griefer's leaf", ev[1], ev[1])
	}
	for _, i := range []int{0, 2} {
		if b, ok := ev[i].(*PostageBurned); !ok || b.Id != idA || b.Bounty.Cmp(gweis(1)) != 0 {
			t.Fatalf("event %d: %T%+v, want Burned of the honest deposit", i, ev[i], ev[i])
		}
	}
	if d := tt.deposit(idG); d.BurnedLeaves != 1 {
		t.Fatalf("griefer's deposit: %d burned leaves, want 1", d.BurnedLeaves)
	}

	// A deposit withdrawn before the batch lands is skipped too.
	w := newTree("hole16 withdrawn", 2)
	idW, _ := tt.makeDeposit(griefer, w, eth(2), big.NewInt(0))
	tt.ok(griefer, tt.addr, tt.p.PackStartWithdrawal(idW), nil)
	tt.travel(3601)
	tt.ok(griefer, tt.addr, tt.p.PackWithdraw(idW), nil)
	r := tt.ok(relay, tt.addr, tt.p.PackBurnBatch([]PostageBurnRequest{req(idW, w, 1), req(idA, a, 2)}), nil)
	if ev := tt.events(r); len(ev) != 2 {
		t.Fatalf("logged %d events, want 2", len(ev))
	} else if s, ok := ev[0].(*PostageBurnSkipped); !ok || s.Id != idW || s.Index.Int64() != 1 {
		t.Fatalf("first event %T%+v, want BurnSkipped of the withdrawn deposit", ev[0], ev[0])
	}
	if !tt.isBurned(idA, 2) || tt.isBurned(idW, 1) {
		t.Fatal("want the live leaf burned and the withdrawn one not")
	}

	// Everything lost: the batch succeeds, pays nothing, burns nothing.
	before = tt.balance(tt.accts[relay].addr)
	r = tt.ok(relay, tt.addr, tt.p.PackBurnBatch([]PostageBurnRequest{req(idA, a, 0), req(idG, g, 0)}), nil)
	if got := received(before, tt.balance(tt.accts[relay].addr), nil, r); got.Sign() != 0 {
		t.Fatalf("an all-skipped batch paid %s", got)
	}
	if d := tt.deposit(idA); d.BurnedLeaves != 3 {
		t.Fatalf("honest deposit: %d burned leaves, want 3", d.BurnedLeaves)
	}

	// What no ordering can change still reverts the whole batch, even
	// behind a request that would burn.
	forged := req(idA, a, 3)
	forged.Secret = a.secrets[2]
	unknown := idOf(tt.accts[griefer].addr, newTree("hole16 never", 1).root())
	for _, c := range []struct {
		bad  PostageBurnRequest
		want any
	}{
		{forged, &PostageInvalidProof{Id: idA, Index: bigs(3)}},
		{PostageBurnRequest{Id: unknown, Secret: g.secrets[0], Index: bigs(0)}, &PostageUnknownDeposit{Id: unknown}},
		{PostageBurnRequest{Id: idA, Secret: a.secrets[3], Index: bigs(4), Proof: a.proof(3)}, &PostageIndexOutOfRange{Id: idA, Index: bigs(4), Leaves: bigs(4)}},
		// A wrong proof of a withdrawn deposit is not "lost", it is wrong.
		{PostageBurnRequest{Id: idW, Secret: w.secrets[0], Index: bigs(0), Proof: w.proof(1)}, &PostageInvalidProof{Id: idW, Index: bigs(0)}},
	} {
		wantErr(t, tt.fails(relay, tt.addr, tt.p.PackBurnBatch([]PostageBurnRequest{req(idA, a, 3), c.bad}), nil), c.want)
		if tt.isBurned(idA, 3) {
			t.Fatalf("a batch refused with %T burned a leaf", c.want)
		}
	}
	wantErr(t, tt.fails(relay, tt.addr, tt.p.PackBurnBatch(nil), nil), &PostageEmptyBatch{})
	// The single burn keeps refusing lost races: its caller wants to know.
	wantErr(t, tt.fails(relay, tt.addr, tt.burnData(idA, a, 0), nil), &PostageLeafAlreadyBurned{Id: idA, Index: bigs(0)})
	wantErr(t, tt.fails(relay, tt.addr, tt.burnData(idW, w, 0), nil), &PostageDepositWithdrawn{Id: idW})
}

// Hole 17 (issue 13). startWithdrawals starts every Active deposit of the
// list in one transaction and skips those already started or withdrawn, so
// a retry after a crash never fails and never postpones an unlock time. A
// stranger's or unknown id refuses the whole call.
func TestHole17StartWithdrawalsIsIdempotent(t *testing.T) {
	const delay = 3600
	tt := newTester(t, delay)
	creator, stranger := 0, 1
	var ids [][32]byte
	for i := range 3 {
		id, _ := tt.makeDeposit(creator, newTree(fmt.Sprintf("hole17 %d", i), 1+i), eth(3), big.NewInt(0))
		ids = append(ids, id)
	}
	idS, _ := tt.makeDeposit(stranger, newTree("hole17 stranger", 1), eth(1), big.NewInt(0))
	unknown := idOf(tt.accts[creator].addr, newTree("hole17 never", 1).root())

	wantErr(t, tt.fails(creator, tt.addr, tt.p.PackStartWithdrawals(nil), nil), &PostageEmptyBatch{})
	wantErr(t, tt.fails(creator, tt.addr, tt.p.PackStartWithdrawals([][32]byte{ids[0], unknown}), nil), &PostageUnknownDeposit{Id: unknown})
	wantErr(t, tt.fails(creator, tt.addr, tt.p.PackStartWithdrawals([][32]byte{ids[0], idS}), nil),
		&PostageNotCreator{Id: idS, Caller: tt.accts[creator].addr, Creator: tt.accts[stranger].addr})
	wantErr(t, tt.fails(stranger, tt.addr, tt.p.PackStartWithdrawals([][32]byte{ids[0]}), nil),
		&PostageNotCreator{Id: ids[0], Caller: tt.accts[stranger].addr, Creator: tt.accts[creator].addr})
	if d := tt.deposit(ids[0]); d.Status != statusActive {
		t.Fatalf("a refused startWithdrawals left deposit 0 in status %d", d.Status)
	}

	// Deposit 1 started alone first.
	tt.ok(creator, tt.addr, tt.p.PackStartWithdrawal(ids[1]), nil)
	unlock1 := tt.now() + delay
	tt.travel(100)
	r := tt.ok(creator, tt.addr, tt.p.PackStartWithdrawals([][32]byte{ids[0], ids[1], ids[2], ids[0]}), nil)
	unlock := tt.now() + delay
	ev := tt.events(r)
	if len(ev) != 2 {
		t.Fatalf("logged %d events, want WithdrawalStarted for deposits 0 and 2 only", len(ev))
	}
	for i, want := range [][32]byte{ids[0], ids[2]} {
		if e, ok := ev[i].(*PostageWithdrawalStarted); !ok || e.Id != want || e.UnlockAt != unlock {
			t.Fatalf("event %d: %T%+v, want WithdrawalStarted(%x, %d)", i, ev[i], ev[i], want[:4], unlock)
		}
	}
	if d := tt.deposit(ids[1]); d.UnlockAt != unlock1 {
		t.Fatalf("deposit 1 unlocks at %d after the batch, want its own %d (a skip changes nothing)", d.UnlockAt, unlock1)
	}
	// A retry (say the first receipt was lost) changes nothing.
	tt.travel(100)
	if ev := tt.events(tt.ok(creator, tt.addr, tt.p.PackStartWithdrawals(ids), nil)); len(ev) != 0 {
		t.Fatalf("a retry logged %d events", len(ev))
	}
	for i, want := range []uint64{unlock, unlock1, unlock} {
		if d := tt.deposit(ids[i]); d.Status != statusWithdrawing || d.UnlockAt != want {
			t.Fatalf("deposit %d: status %d unlock %d, want Withdrawing until %d", i, d.Status, d.UnlockAt, want)
		}
	}
	// Withdrawn ids are skipped too.
	tt.travel(delay + 1)
	tt.ok(creator, tt.addr, tt.p.PackWithdrawMany(ids), nil)
	if ev := tt.events(tt.ok(creator, tt.addr, tt.p.PackStartWithdrawals(ids), nil)); len(ev) != 0 {
		t.Fatalf("startWithdrawals of withdrawn deposits logged %d events", len(ev))
	}
	for i := range ids {
		if d := tt.deposit(ids[i]); d.Status != statusWithdrawn {
			t.Fatalf("deposit %d: status %d, want Withdrawn", i, d.Status)
		}
	}
}

// Hole 18 (issue 13). withdrawMany pays, in one transfer, exactly the
// remaining value of each unlocked Withdrawing deposit of the list, once:
// not twice for an id listed twice or retried, nothing for a deposit still
// Active or still locked (up to and including its unlock time), and only
// to the creator.
func TestHole18WithdrawManyPaysEachDepositOnce(t *testing.T) {
	const delay = 3600
	tt := newTester(t, delay)
	creator, stranger, burner := 0, 1, 2
	t1 := newTree("hole18 burned", 2)
	id1, _ := tt.makeDeposit(creator, t1, eth(2), big.NewInt(0))
	tt.ok(burner, tt.addr, tt.burnData(id1, t1, 1), nil) // 1 ether burned
	id2, _ := tt.makeDeposit(creator, newTree("hole18 whole", 3), new(big.Int).Add(eth(3), big.NewInt(2)), big.NewInt(0))
	id3, _ := tt.makeDeposit(creator, newTree("hole18 active", 1), eth(1), big.NewInt(0))
	t4 := newTree("hole18 late", 1)
	id4, _ := tt.makeDeposit(creator, t4, eth(1), big.NewInt(0))
	idS, _ := tt.makeDeposit(stranger, newTree("hole18 stranger", 1), eth(5), big.NewInt(0))

	tt.ok(creator, tt.addr, tt.p.PackStartWithdrawals([][32]byte{id1, id2}), nil)
	tt.travel(delay + 1)
	tt.ok(creator, tt.addr, tt.p.PackStartWithdrawals([][32]byte{id4}), nil)
	unlock4 := tt.now() + delay

	wantErr(t, tt.fails(creator, tt.addr, tt.p.PackWithdrawMany(nil), nil), &PostageEmptyBatch{})
	wantErr(t, tt.fails(creator, tt.addr, tt.p.PackWithdrawMany([][32]byte{id1, idS}), nil),
		&PostageNotCreator{Id: idS, Caller: tt.accts[creator].addr, Creator: tt.accts[stranger].addr})
	wantErr(t, tt.fails(stranger, tt.addr, tt.p.PackWithdrawMany([][32]byte{id1}), nil),
		&PostageNotCreator{Id: id1, Caller: tt.accts[stranger].addr, Creator: tt.accts[creator].addr})
	unknown := idOf(tt.accts[creator].addr, newTree("hole18 never", 1).root())
	wantErr(t, tt.fails(creator, tt.addr, tt.p.PackWithdrawMany([][32]byte{id1, unknown}), nil), &PostageUnknownDeposit{Id: unknown})

	list := [][32]byte{id1, id2, id1, id3, id4, id2}
	want := new(big.Int).Add(eth(1), new(big.Int).Add(eth(3), big.NewInt(2))) // id1's unburned half + id2 with its dust
	before := tt.balance(tt.accts[creator].addr)
	r := tt.ok(creator, tt.addr, tt.p.PackWithdrawMany(list), nil)
	if got := received(before, tt.balance(tt.accts[creator].addr), nil, r); got.Cmp(want) != 0 {
		t.Fatalf("withdrawMany paid %s, want %s (each unlocked deposit once)", got, want)
	}
	ev := tt.events(r)
	if len(ev) != 2 {
		t.Fatalf("logged %d events, want Withdrawn for the two unlocked deposits", len(ev))
	}
	for i, w := range []struct {
		id     [32]byte
		amount *big.Int
	}{{id1, eth(1)}, {id2, new(big.Int).Add(eth(3), big.NewInt(2))}} {
		if e, ok := ev[i].(*PostageWithdrawn); !ok || e.Id != w.id || e.Amount.Cmp(w.amount) != 0 || e.Creator != tt.accts[creator].addr {
			t.Fatalf("event %d: %T%+v, want Withdrawn(%x, %s)", i, ev[i], ev[i], w.id[:4], w.amount)
		}
	}
	if d := tt.deposit(id3); d.Status != statusActive {
		t.Fatalf("a deposit never started reads status %d, want Active", d.Status)
	}
	if d := tt.deposit(id4); d.Status != statusWithdrawing {
		t.Fatalf("a locked deposit reads status %d, want Withdrawing", d.Status)
	}
	// A retry pays nothing.
	before = tt.balance(tt.accts[creator].addr)
	r = tt.ok(creator, tt.addr, tt.p.PackWithdrawMany([][32]byte{id1, id2}), nil)
	if got := received(before, tt.balance(tt.accts[creator].addr), nil, r); got.Sign() != 0 || len(tt.events(r)) != 0 {
		t.Fatalf("a retry paid %s with %d events", got, len(tt.events(r)))
	}
	// Burns of a withdrawn deposit are refused.
	wantErr(t, tt.fails(burner, tt.addr, tt.burnData(id1, t1, 0), nil), &PostageDepositWithdrawn{Id: id1})

	// The last locked second pays nothing; the next block pays.
	tt.travelTo(unlock4)
	before = tt.balance(tt.accts[creator].addr)
	r = tt.ok(creator, tt.addr, tt.p.PackWithdrawMany([][32]byte{id4}), nil)
	if tt.now() != unlock4 {
		t.Fatalf("block at %d, want the unlock time %d", tt.now(), unlock4)
	}
	if got := received(before, tt.balance(tt.accts[creator].addr), nil, r); got.Sign() != 0 {
		t.Fatalf("withdrawMany at the unlock time paid %s", got)
	}
	before = tt.balance(tt.accts[creator].addr)
	r = tt.ok(creator, tt.addr, tt.p.PackWithdrawMany([][32]byte{id4}), nil)
	if got := received(before, tt.balance(tt.accts[creator].addr), nil, r); got.Cmp(eth(1)) != 0 {
		t.Fatalf("withdrawMany after the unlock time paid %s, want 1 ether", got)
	}
	// The contract keeps the burned ether and the stranger's deposit.
	if got, want := tt.balance(tt.addr), eth(7); got.Cmp(want) != 0 {
		t.Fatalf("contract holds %s, want %s (1 burned + 5 of the stranger + 1 of the never-started)", got, want)
	}
}

// Hole 19 (issue 13). The batch calls under a hostile receiver: withdrawMany
// pays once at the end, after every state change, so a receiver that
// re-enters finds its deposits Withdrawn, and one that reverts reverts the
// whole call with nothing half done; burnBatch's one bounty payment comes
// after every leaf is burned.
func TestHole19BatchCallsUnderAHostileReceiver(t *testing.T) {
	t.Run("withdrawMany", func(t *testing.T) {
		const delay = 3600
		tt := newTester(t, delay)
		tt.makeDeposit(1, newTree("hole19 other", 1), eth(5), big.NewInt(0)) // the target of a drain
		waddr, w := deployWallet(tt)
		var ids [][32]byte
		for i := range 2 {
			tr := newTree(fmt.Sprintf("hole19 %d", i), 1)
			tt.ok(0, waddr, w.PackMakeDeposit(tr.root(), 1, big.NewInt(0)), eth(1))
			ids = append(ids, idOf(waddr, tr.root()))
		}
		tt.ok(0, waddr, w.PackStartWithdrawals(ids), nil)
		tt.travel(delay + 1)

		tt.ok(0, waddr, w.PackSetMode(3, [32]byte{}, [32]byte{}, big.NewInt(0)), nil)
		wantErr(t, tt.fails(0, waddr, w.PackWithdrawMany(ids), nil), &PostageTransferFailed{To: waddr, Amount: eth(2)})
		for i, id := range ids {
			if d := tt.deposit(id); d.Status != statusWithdrawing || d.Remaining.Cmp(eth(1)) != 0 {
				t.Fatalf("after a refused payout deposit %d reads %+v, want Withdrawing with 1 ether", i, d)
			}
		}

		tt.ok(0, waddr, w.PackSetMode(4, ids[0], [32]byte{}, big.NewInt(0)), nil)
		tt.ok(0, waddr, w.PackWithdrawMany(ids), nil)
		if got := callAt(tt, waddr, w.PackPayments(), w.UnpackPayments); got.Int64() != 1 {
			t.Fatalf("wallet was paid %s times, want once", got)
		}
		if got := walletNumber(tt, w, waddr, w.PackReceived()); got.Cmp(eth(2)) != 0 {
			t.Fatalf("wallet received %s, want the 2 ether of its deposits", got)
		}
		if got := callAt(tt, waddr, w.PackReentryAttempts(), w.UnpackReentryAttempts); got.Int64() != 1 {
			t.Fatalf("re-entry attempts %s, want 1", got)
		}
		if got := tt.balance(tt.addr); got.Cmp(eth(5)) != 0 {
			t.Fatalf("contract holds %s, want the other 5 ether", got)
		}
	})
	t.Run("burnBatch", func(t *testing.T) {
		tt := newTester(t, 3600)
		waddr, w := deployWallet(tt)
		tr := newTree("hole19 bounty", 1) // the wallet re-enters with an empty proof
		id, _ := tt.makeDeposit(0, tr, eth(2), gweis(1000))
		tr2 := newTree("hole19 bounty 2", 3)
		id2, _ := tt.makeDeposit(0, tr2, eth(3), gweis(10))
		tt.ok(0, waddr, w.PackSetMode(2, id, tr.secrets[0], big.NewInt(0)), nil)
		reqs := []BurnRequest{
			{Id: id2, Secret: tr2.secrets[2], Index: bigs(2), Proof: tr2.proof(2)},
			{Id: id, Secret: tr.secrets[0], Index: bigs(0), Proof: tr.proof(0)},
		}
		tt.ok(0, waddr, w.PackBurnBatch(reqs), nil)
		if got := walletNumber(tt, w, waddr, w.PackReceived()); got.Cmp(gweis(1010)) != 0 {
			t.Fatalf("wallet received %s, want the two bounties once (1010 gwei)", got)
		}
		if got := callAt(tt, waddr, w.PackPayments(), w.UnpackPayments); got.Int64() != 1 {
			t.Fatalf("wallet was paid %s times, want once", got)
		}
		v, err := UnpackRevert(callAt(tt, waddr, w.PackLastReentryError(), w.UnpackLastReentryError))
		if err != nil {
			t.Fatal(err)
		}
		wantErr(t, v, &PostageLeafAlreadyBurned{Id: id, Index: bigs(0)})
	})
}
