package chain_test

import (
	"errors"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
)

// TestWriterLifecycle drives every Writer call through the contract and
// checks each refusal comes back as the right typed error.
func TestWriterLifecycle(t *testing.T) {
	const delay = time.Hour
	s := newSimChain(t, delay)
	ctx := s.ctx()
	creator, other := s.writer(0), s.writer(1)
	r := chain.NewReader(s.contract)
	tr := newTree(t, 2)

	if got, err := r.Delay(ctx); err != nil || got != delay {
		t.Fatalf("Delay = %v, %v", got, err)
	}

	// Bad deposits, refused by the contract's own checks via the estimate.
	for _, tc := range []struct {
		name          string
		leaves        uint32
		value, bounty *big.Int
		want          error
	}{
		{"zero value", 2, big.NewInt(0), nil, chain.ErrZeroValue},
		{"zero leaves", 0, eth(1000), nil, chain.ErrInvalidLeafCount},
		{"too many leaves", 1<<20 + 1, eth(1000), nil, chain.ErrInvalidLeafCount},
		{"share rounds to zero", 2, big.NewInt(1), nil, chain.ErrZeroShare},
		{"bounty above share", 2, eth(1000), eth(501), chain.ErrBountyTooLarge},
	} {
		_, err := creator.Deposit(ctx, tr.root(), tc.leaves, tc.value, tc.bounty)
		if !errors.Is(err, tc.want) || !errors.Is(err, chain.ErrReverted) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}

	res, err := creator.Deposit(ctx, tr.root(), 2, eth(1000), eth(10))
	if err != nil {
		t.Fatalf("deposit: %v", err)
	}
	if res.ID != chain.DepositID(s.addr(0), tr.root()) || res.Receipt.Status != 1 {
		t.Fatalf("deposit result %+v", res)
	}
	d, err := r.DepositOf(ctx, s.addr(0), tr.root())
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != chain.StatusActive || d.Leaves != 2 || d.Value.Cmp(eth(1000)) != 0 || d.Share.Cmp(eth(500)) != 0 ||
		d.BountyPerLeaf.Cmp(eth(10)) != 0 || d.Creator != s.addr(0) || d.CreatedAt.IsZero() || !d.UnlockAt.IsZero() {
		t.Fatalf("deposit state %+v", d)
	}
	if _, err := creator.Deposit(ctx, tr.root(), 2, eth(1000), nil); !errors.Is(err, chain.ErrDepositExists) {
		t.Fatalf("same root twice: %v", err)
	}

	// Burns.
	if _, err := other.Burn(ctx, res.ID, tr.secrets[1], 1, tr.proof(t, 0)); !errors.Is(err, chain.ErrInvalidProof) {
		t.Fatalf("burn with the wrong proof: %v", err)
	}
	if _, err := other.Burn(ctx, res.ID, tr.secrets[1], 2, nil); !errors.Is(err, chain.ErrIndexOutOfRange) {
		t.Fatalf("burn out of range: %v", err)
	}
	b, err := other.Burn(ctx, res.ID, tr.secrets[1], 1, tr.proof(t, 1))
	if err != nil {
		t.Fatalf("burn: %v", err)
	}
	if b.Burned.Cmp(eth(490)) != 0 || b.Bounty.Cmp(eth(10)) != 0 {
		t.Fatalf("burned %v bounty %v", b.Burned, b.Bounty)
	}
	if _, err := other.Burn(ctx, res.ID, tr.secrets[1], 1, tr.proof(t, 1)); !errors.Is(err, chain.ErrLeafAlreadyBurned) {
		t.Fatalf("second burn of a leaf: %v", err)
	}
	if burned, err := r.IsBurned(ctx, res.ID, 1); err != nil || !burned {
		t.Fatalf("IsBurned(1) = %v, %v", burned, err)
	}
	if burned, err := r.IsBurned(ctx, res.ID, 0); err != nil || burned {
		t.Fatalf("IsBurned(0) = %v, %v", burned, err)
	}
	if _, err := r.IsBurned(ctx, res.ID, 2); !errors.Is(err, chain.ErrIndexOutOfRange) {
		t.Fatalf("IsBurned out of range: %v", err)
	}
	unknown := common.HexToHash("0xdead")
	if _, err := r.IsBurned(ctx, unknown, 0); !errors.Is(err, chain.ErrUnknownDeposit) {
		t.Fatalf("IsBurned of an unknown deposit: %v", err)
	}

	// Withdrawal refusals.
	_, _, err = other.StartWithdrawal(ctx, res.ID)
	var re *chain.RevertError
	if !errors.Is(err, chain.ErrNotCreator) || !errors.As(err, &re) || re.Args["caller"] != s.addr(1) {
		t.Fatalf("start by another account: %v", err)
	}
	if _, _, err := creator.Withdraw(ctx, res.ID); !errors.Is(err, chain.ErrWithdrawalNotStarted) {
		t.Fatalf("withdraw before start: %v", err)
	}
	if _, _, err := creator.Withdraw(ctx, unknown); !errors.Is(err, chain.ErrUnknownDeposit) {
		t.Fatalf("withdraw of an unknown deposit: %v", err)
	}
	if _, _, err := creator.StartWithdrawal(ctx, unknown); !errors.Is(err, chain.ErrUnknownDeposit) {
		t.Fatalf("start of an unknown deposit: %v", err)
	}

	unlock, rcpt, err := creator.StartWithdrawal(ctx, res.ID)
	if err != nil {
		t.Fatalf("start withdrawal: %v", err)
	}
	blk, err := s.cl.HeaderByNumber(ctx, rcpt.BlockNumber)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Unix(int64(blk.Time), 0).Add(delay); !unlock.Equal(want) {
		t.Fatalf("unlock %v, want %v", unlock, want)
	}
	if _, _, err := creator.StartWithdrawal(ctx, res.ID); !errors.Is(err, chain.ErrWithdrawalAlreadyStarted) {
		t.Fatalf("second start: %v", err)
	}

	// Too early: refused before anything is sent, naming the unlock time.
	nonce, err := s.cl.NonceAt(ctx, s.addr(0), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = creator.Withdraw(ctx, res.ID)
	var le *chain.LockedError
	if !errors.As(err, &le) || !errors.Is(err, chain.ErrWithdrawalLocked) || !le.UnlockAt.Equal(unlock) {
		t.Fatalf("early withdraw: %v", err)
	}
	if !strings.Contains(err.Error(), unlock.UTC().Format(time.RFC3339)) {
		t.Fatalf("early withdraw error %q does not name the unlock time %s", err, unlock.UTC().Format(time.RFC3339))
	}
	if n, _ := s.cl.NonceAt(ctx, s.addr(0), nil); n != nonce {
		t.Fatalf("an early withdraw sent a transaction (nonce %d -> %d)", nonce, n)
	}

	// The chain's latest block is exactly at the unlock time and the local
	// clock is past it: a plain estimate reverts (the estimate runs on the
	// latest block), the Writer waits for the next block and succeeds.
	s.pauseMiner()
	if err := s.sim.AdjustTime(time.Duration(uint64(unlock.Unix())-s.head().Time) * time.Second); err != nil {
		t.Fatal(err)
	}
	if got := s.head().Time; got != uint64(unlock.Unix()) {
		t.Fatalf("head time %d, want the unlock time %d", got, unlock.Unix())
	}
	_, err = s.cl.EstimateGas(ctx, ethereum.CallMsg{From: s.addr(0), To: ptr(s.contract.Address()), Data: withdrawCalldata(t, s, res.ID)})
	if err == nil {
		t.Fatal("estimate at the unlock block succeeded; the workaround is not exercised")
	}
	creator.Now = func() time.Time { return unlock.Add(time.Second) }
	done := make(chan error, 1)
	var amount *big.Int
	go func() {
		var err error
		amount, _, err = creator.Withdraw(ctx, res.ID)
		done <- err
	}()
	time.Sleep(200 * time.Millisecond) // the Writer is now waiting for a block
	select {
	case err := <-done:
		t.Fatalf("withdraw returned before the next block: %v", err)
	default:
	}
	s.sim.Commit() // a block after the unlock time
	s.resumeMiner()
	if err := <-done; err != nil {
		t.Fatalf("withdraw after unlock: %v", err)
	}
	if amount.Cmp(eth(500)) != 0 { // one of two 0.5 ETH shares burned
		t.Fatalf("withdrew %v, want 0.5 ETH", amount)
	}
	if _, _, err := creator.Withdraw(ctx, res.ID); !errors.Is(err, chain.ErrDepositWithdrawn) {
		t.Fatalf("second withdraw: %v", err)
	}
	if _, err := other.Burn(ctx, res.ID, tr.secrets[0], 0, tr.proof(t, 0)); !errors.Is(err, chain.ErrDepositWithdrawn) {
		t.Fatalf("burn after withdraw: %v", err)
	}
	d, err = r.Deposit(ctx, res.ID)
	if err != nil || d.Status != chain.StatusWithdrawn || d.Remaining.Sign() != 0 || d.BurnedLeaves != 1 {
		t.Fatalf("final state %+v, %v", d, err)
	}
}

// TestRevertOnChainIsExplained: two burns of one leaf in the same block both
// pass the estimate; the loser reverts on chain and the Writer names why.
func TestRevertOnChainIsExplained(t *testing.T) {
	s := newSimChain(t, time.Hour)
	ctx := s.ctx()
	tr := newTree(t, 1)
	res, err := s.writer(0).Deposit(ctx, tr.root(), 1, eth(100), nil)
	if err != nil {
		t.Fatal(err)
	}
	s.pauseMiner()
	errs := make(chan error, 2)
	for _, i := range []int{1, 2} {
		go func() {
			_, err := s.writer(i).Burn(ctx, res.ID, tr.secrets[0], 0, nil)
			errs <- err
		}()
	}
	for {
		n, err := s.cl.PendingTransactionCount(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 2 {
			break
		}
		if ctx.Err() != nil {
			t.Fatal(ctx.Err())
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.resumeMiner()
	e1, e2 := <-errs, <-errs
	if (e1 == nil) == (e2 == nil) {
		t.Fatalf("want exactly one burn to fail: %v / %v", e1, e2)
	}
	failed := e1
	if failed == nil {
		failed = e2
	}
	var re *chain.RevertError
	if !errors.Is(failed, chain.ErrLeafAlreadyBurned) || !errors.As(failed, &re) || re.Tx == (common.Hash{}) {
		t.Fatalf("losing burn: %v", failed)
	}
}

// TestEmptyRevertData: a revert without data (here: plain ETH sent to the
// contract, which has no receive function) is a typed error, not a panic.
func TestEmptyRevertData(t *testing.T) {
	s := newSimChain(t, time.Hour)
	ctx := s.ctx()
	_, err := s.cl.CallContract(ctx, ethereum.CallMsg{From: s.addr(0), To: ptr(s.contract.Address()), Value: big.NewInt(1)}, nil)
	if err == nil {
		t.Fatal("the contract accepted stray ETH")
	}
	got := chain.AsRevert(s.contract, err)
	var re *chain.RevertError
	if !errors.As(got, &re) || len(re.Data) != 0 || re.Name != "" || !errors.Is(got, chain.ErrReverted) {
		t.Fatalf("empty revert decoded as %#v (%v)", got, got)
	}
	if errors.Is(got, chain.ErrUnknownDeposit) {
		t.Fatal("empty revert matched a specific error")
	}
}

func ptr[T any](v T) *T { return &v }

func withdrawCalldata(t *testing.T, s *simChain, id common.Hash) []byte {
	t.Helper()
	data, err := s.contract.ABI().Pack("withdraw", id)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestDepositsOf lists deposits by creator from the Deposited events, in
// chunks smaller than the range so the paging is exercised.
func TestDepositsOf(t *testing.T) {
	s := newSimChain(t, time.Hour)
	ctx := s.ctx()
	var mine, theirs []common.Hash
	for i := range 3 {
		res, err := s.writer(0).Deposit(ctx, newTree(t, i+1).root(), uint32(i+1), eth(100), nil)
		if err != nil {
			t.Fatal(err)
		}
		mine = append(mine, res.ID)
	}
	res, err := s.writer(1).Deposit(ctx, newTree(t, 1).root(), 1, eth(100), nil)
	if err != nil {
		t.Fatal(err)
	}
	theirs = append(theirs, res.ID)

	got, err := s.contract.DepositsOf(ctx, []common.Address{s.addr(0)}, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, mine) {
		t.Fatalf("deposits of creator 0 = %v, want %v", got, mine)
	}
	got, err = s.contract.DepositsOf(ctx, []common.Address{s.addr(0), s.addr(1)}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, append(mine, theirs...)) {
		t.Fatalf("deposits of both = %v", got)
	}
	if got, err := s.contract.DepositsOf(ctx, []common.Address{s.addr(2)}, 0, 0); err != nil || len(got) != 0 {
		t.Fatalf("deposits of a creator without any = %v, %v", got, err)
	}
}
