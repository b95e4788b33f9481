package contracts

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// TestSketchHasTheHoles runs the Solidity port of the seed's sketch
// (testdata/Sketch.sol) through the situations of the hole tests and checks
// that it misbehaves as they say: evidence that the port is faithful and
// that each of these hole tests would fail against the sketch. Holes 6, 7,
// 8, 13, 14 and 15 are not observable on the port itself (its 2300-gas send
// forbids re-entry and smart wallets alike; it has no partial burns; the
// chain's timestamp is far above 3600; it has no Go side; Solidity refuses
// ETH without a receive function as Vyper did without __default__).
func TestSketchHasTheHoles(t *testing.T) {
	tt := newTester(t, 3600)
	s := NewSketch()
	saddr, r := tt.deploy(0, common.FromHex(SketchMetaData.Bin), nil)
	if r.Status != 1 {
		t.Fatal("deploy Sketch failed")
	}
	alice, mallory := 0, 1
	okTx := func(from int, data []byte, value *big.Int) *types.Receipt {
		t.Helper()
		r := tt.exec(from, saddr, data, value)
		if r.Status != 1 {
			t.Fatalf("sketch refused a call the hole needs")
		}
		return r
	}
	secret := crypto32("sketch secret")
	hash := crypto32Hash(secret)

	// Hole 1 and 2: withdraw without start_withdrawal, called by a stranger.
	okTx(alice, s.PackMakeDeposit(hash), eth(1))
	before := tt.balance(tt.accts[alice].addr)
	okTx(mallory, s.PackWithdraw(hash), nil)
	if got := new(big.Int).Sub(tt.balance(tt.accts[alice].addr), before); got.Cmp(eth(1)) != 0 {
		t.Fatalf("holes 1, 2: a stranger's immediate withdraw paid alice %s, want the whole ether", got)
	}
	// Hole 5: the same hash is deposited again after the withdraw.
	okTx(alice, s.PackMakeDeposit(hash), eth(1))

	// Hole 3: zero-value deposits are accepted and read as empty: anyone
	// overwrites them.
	h3 := crypto32Hash(crypto32("zero"))
	okTx(alice, s.PackMakeDeposit(h3), nil)
	okTx(mallory, s.PackMakeDeposit(h3), big.NewInt(1))
	if d := callAt(tt, saddr, s.PackDeposits(h3), s.UnpackDeposits); d.Creator != tt.accts[mallory].addr {
		t.Fatalf("hole 3: creator %s after the overwrite, want mallory", d.Creator)
	}

	// Hole 4: mallory squats alice's hash; alice cannot deposit.
	h4 := crypto32Hash(crypto32("squat"))
	okTx(mallory, s.PackMakeDeposit(h4), big.NewInt(1))
	if r := tt.exec(alice, saddr, s.PackMakeDeposit(h4), eth(1)); r.Status != 0 {
		t.Fatal("hole 4: alice deposited under a squatted hash")
	}

	// Hole 9: burning and withdrawing unknown ids succeed silently.
	unknown := crypto32("never deposited")
	okTx(mallory, s.PackDeleteDeposit(unknown), nil)
	r = okTx(mallory, s.PackWithdraw(crypto32Hash(unknown)), nil)

	// Hole 11: no events, ever.
	if len(r.Logs) != 0 {
		t.Fatal("hole 11: the sketch logged")
	}

	// Holes 10 and 12: with a started withdrawal, withdraw already works at
	// exactly start + 3600 (the fixed hour), and a burn after it does nothing.
	h10secret := crypto32("race")
	h10 := crypto32Hash(h10secret)
	okTx(alice, s.PackMakeDeposit(h10), eth(1))
	okTx(alice, s.PackStartWithdrawal(h10), nil)
	tt.travelTo(tt.now() + 3600)
	r = okTx(alice, s.PackWithdraw(h10), nil)
	if len(r.Logs) != 0 {
		t.Fatal("hole 11: the sketch logged")
	}
	okTx(mallory, s.PackDeleteDeposit(h10secret), nil)
}
