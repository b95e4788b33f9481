package chain_test

import (
	"errors"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/stake"
)

// TestWriterBatches drives BurnBatch, StartWithdrawals and WithdrawMany:
// lost races are reported as skipped, not failed; retries are harmless;
// refusals are typed errors sent before any transaction.
func TestWriterBatches(t *testing.T) {
	const delay = time.Hour
	s := newSimChain(t, delay)
	ctx := s.ctx()
	creator, griefer, relay := s.writer(0), s.writer(1), s.writer(2)
	r := chain.NewReader(s.contract)

	ta, tb, tc := newTree(t, 3), newTree(t, 1), newTree(t, 1)
	a, err := creator.Deposit(ctx, ta.root(), 3, eth(3000), eth(1))
	if err != nil {
		t.Fatal(err)
	}
	b, err := creator.Deposit(ctx, tb.root(), 1, eth(1000), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := creator.Deposit(ctx, tc.root(), 1, eth(1000), nil)
	if err != nil {
		t.Fatal(err)
	}
	tg := newTree(t, 1)
	g, err := griefer.Deposit(ctx, tg.root(), 1, eth(1000), eth(1000)) // bounty == share
	if err != nil {
		t.Fatal(err)
	}
	req := func(id common.Hash, tr tree, i int) chain.BurnRequest {
		return chain.BurnRequest{ID: id, Secret: tr.secrets[i], Index: uint64(i), Proof: tr.proof(t, i)}
	}

	// The griefer burns its own leaf first; the relay's batch still lands.
	gb, err := griefer.Burn(ctx, g.ID, tg.secrets[0], 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A single burn's receipt parses as a batch of one.
	if one, err := chain.ParseBurnBatch(gb.Receipt, s.contract.Address(), []chain.BurnRequest{{ID: g.ID, Index: 0}}); err != nil ||
		!slices.Equal(one.Burned, []int{0}) || len(one.Skipped) != 0 || one.Bounty.Cmp(eth(1000)) != 0 {
		t.Fatalf("single burn parsed as %+v, %v", one, err)
	}
	reqs := []chain.BurnRequest{req(a.ID, ta, 0), req(g.ID, tg, 0), req(a.ID, ta, 2), req(a.ID, ta, 0)}
	res, err := relay.BurnBatch(ctx, reqs)
	if err != nil {
		t.Fatalf("burn batch: %v", err)
	}
	if !slices.Equal(res.Burned, []int{0, 2}) || !slices.Equal(res.Skipped, []int{1, 3}) {
		t.Fatalf("burned %v skipped %v, want [0 2] and [1 3]", res.Burned, res.Skipped)
	}
	if res.Bounty.Cmp(eth(2)) != 0 || res.Destroyed.Cmp(eth(1998)) != 0 {
		t.Fatalf("bounty %v destroyed %v, want 2 and 1998 milli-ether", res.Bounty, res.Destroyed)
	}
	// The same receipt read against the wrong requests is an error.
	if _, err := chain.ParseBurnBatch(res.Receipt, s.contract.Address(), reqs[:3]); err == nil {
		t.Fatal("a receipt with 4 burn events parsed against 3 requests")
	}
	if _, err := chain.ParseBurnBatch(res.Receipt, s.contract.Address(), []chain.BurnRequest{reqs[1], reqs[0], reqs[2], reqs[3]}); err == nil {
		t.Fatal("a receipt parsed against requests in another order")
	}
	if _, err := chain.ParseBurnBatch(&types.Receipt{Status: 0}, s.contract.Address(), reqs); err == nil {
		t.Fatal("a failed receipt parsed")
	}
	// What no ordering fixes refuses the batch, before anything is sent.
	nonce, err := s.cl.NonceAt(ctx, s.addr(2), nil)
	if err != nil {
		t.Fatal(err)
	}
	forged := req(a.ID, ta, 1)
	forged.Secret = ta.secrets[2]
	if _, err := relay.BurnBatch(ctx, []chain.BurnRequest{req(a.ID, ta, 1), forged}); !errors.Is(err, chain.ErrInvalidProof) {
		t.Fatalf("forged request: %v, want ErrInvalidProof", err)
	}
	if _, err := relay.BurnBatch(ctx, nil); !errors.Is(err, chain.ErrEmptyBatch) {
		t.Fatalf("empty batch: %v", err)
	}
	if n, _ := s.cl.NonceAt(ctx, s.addr(2), nil); n != nonce {
		t.Fatalf("refused batches sent transactions (nonce %d -> %d)", nonce, n)
	}

	// Withdrawals.
	if _, err := creator.StartWithdrawals(ctx, []common.Hash{a.ID, g.ID}); !errors.Is(err, chain.ErrNotCreator) {
		t.Fatalf("start of another's deposit: %v", err)
	}
	if _, err := creator.StartWithdrawals(ctx, nil); !errors.Is(err, chain.ErrEmptyBatch) {
		t.Fatalf("empty start: %v", err)
	}
	sw, err := creator.StartWithdrawals(ctx, []common.Hash{a.ID, b.ID, a.ID})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sw.Started, []common.Hash{a.ID, b.ID}) || len(sw.Skipped) != 0 || sw.UnlockAt.IsZero() {
		t.Fatalf("start: %+v", sw)
	}
	// A retry, with one more id: only the new one starts.
	sw2, err := creator.StartWithdrawals(ctx, []common.Hash{a.ID, b.ID, c.ID})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sw2.Started, []common.Hash{c.ID}) || !slices.Equal(sw2.Skipped, []common.Hash{a.ID, b.ID}) {
		t.Fatalf("retried start: started %v skipped %v", sw2.Started, sw2.Skipped)
	}
	if d, err := r.Deposit(ctx, a.ID); err != nil || !d.UnlockAt.Equal(sw.UnlockAt) {
		t.Fatalf("deposit a unlocks at %v (%v), want its first %v", d.UnlockAt, err, sw.UnlockAt)
	}
	// Still locked: nothing paid, all skipped.
	wm, err := creator.WithdrawMany(ctx, []common.Hash{a.ID, b.ID, c.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(wm.Withdrawn) != 0 || wm.Total.Sign() != 0 || len(wm.Skipped) != 3 {
		t.Fatalf("locked withdrawMany: %+v", wm)
	}
	if _, err := griefer.WithdrawMany(ctx, []common.Hash{a.ID}); !errors.Is(err, chain.ErrNotCreator) {
		t.Fatalf("withdraw of another's deposit: %v", err)
	}

	s.pauseMiner()
	if err := s.sim.AdjustTime(delay + 2*time.Second); err != nil {
		t.Fatal(err)
	}
	s.resumeMiner()
	before, err := s.cl.BalanceAt(ctx, s.addr(0), nil)
	if err != nil {
		t.Fatal(err)
	}
	wm, err = creator.WithdrawMany(ctx, []common.Hash{a.ID, b.ID, c.ID, a.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := []chain.Withdrawal{{ID: a.ID, Amount: eth(1000)}, {ID: b.ID, Amount: eth(1000)}, {ID: c.ID, Amount: eth(1000)}}
	if len(wm.Withdrawn) != 3 || len(wm.Skipped) != 0 || wm.Total.Cmp(eth(3000)) != 0 {
		t.Fatalf("withdrawMany: %+v", wm)
	}
	for i, w := range want {
		if wm.Withdrawn[i].ID != w.ID || wm.Withdrawn[i].Amount.Cmp(w.Amount) != 0 {
			t.Fatalf("withdrawal %d: %+v, want %+v", i, wm.Withdrawn[i], w)
		}
	}
	after, err := s.cl.BalanceAt(ctx, s.addr(0), nil)
	if err != nil {
		t.Fatal(err)
	}
	gas := new(big.Int).Mul(new(big.Int).SetUint64(wm.Receipt.GasUsed), wm.Receipt.EffectiveGasPrice)
	if got := new(big.Int).Sub(after, before); got.Add(got, gas).Cmp(eth(3000)) != 0 {
		t.Fatalf("creator received %v, want 3 ether", got)
	}
	// A retry (the receipt was lost) pays nothing.
	wm, err = creator.WithdrawMany(ctx, []common.Hash{a.ID, b.ID, c.ID})
	if err != nil || len(wm.Withdrawn) != 0 || wm.Total.Sign() != 0 || len(wm.Skipped) != 3 {
		t.Fatalf("retried withdrawMany: %+v, %v", wm, err)
	}
	for _, id := range []common.Hash{a.ID, b.ID, c.ID} {
		if d, err := r.Deposit(ctx, id); err != nil || d.Status != chain.StatusWithdrawn {
			t.Fatalf("deposit %s: %+v, %v", id, d, err)
		}
	}
	// A burn batch against the withdrawn deposit is skipped, not refused.
	res, err = relay.BurnBatch(ctx, []chain.BurnRequest{req(a.ID, ta, 1)})
	if err != nil || len(res.Burned) != 0 || !slices.Equal(res.Skipped, []int{0}) {
		t.Fatalf("burn of a withdrawn deposit: %+v, %v", res, err)
	}
}

// TestWithdrawManyWaitsForTheUnlockBlock: with the chain's head exactly at
// the unlock time and the local clock past it, an estimate on the head
// would see the deposit skipped (and too little gas); WithdrawMany waits
// for the next block and pays.
func TestWithdrawManyWaitsForTheUnlockBlock(t *testing.T) {
	const delay = time.Hour
	s := newSimChain(t, delay)
	ctx := s.ctx()
	w := s.writer(0)
	tr := newTree(t, 1)
	d, err := w.Deposit(ctx, tr.root(), 1, eth(1000), nil)
	if err != nil {
		t.Fatal(err)
	}
	sw, err := w.StartWithdrawals(ctx, []common.Hash{d.ID})
	if err != nil {
		t.Fatal(err)
	}
	s.pauseMiner()
	if err := s.sim.AdjustTime(time.Duration(uint64(sw.UnlockAt.Unix())-s.head().Time) * time.Second); err != nil {
		t.Fatal(err)
	}
	if got := s.head().Time; got != uint64(sw.UnlockAt.Unix()) {
		t.Fatalf("head time %d, want the unlock time %d", got, sw.UnlockAt.Unix())
	}
	w.Now = func() time.Time { return sw.UnlockAt.Add(time.Second) }
	done := make(chan error, 1)
	var res chain.WithdrawManyResult
	go func() {
		var err error
		res, err = w.WithdrawMany(ctx, []common.Hash{d.ID})
		done <- err
	}()
	time.Sleep(200 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("withdrawMany returned before the next block: %+v, %v", res, err)
	default:
	}
	s.sim.Commit()
	s.resumeMiner()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(res.Withdrawn) != 1 || res.Total.Cmp(eth(1000)) != 0 {
		t.Fatalf("withdrawMany: %+v", res)
	}
}

// TestDepositsReportTheBounty: the checker's view of a deposit carries the
// bounty per leaf, so it can value a leaf at share - bounty.
func TestDepositsReportTheBounty(t *testing.T) {
	s := newSimChain(t, time.Hour)
	ctx := s.ctx()
	tr := newTree(t, 2)
	res, err := s.writer(0).Deposit(ctx, tr.root(), 2, eth(2000), eth(300))
	if err != nil {
		t.Fatal(err)
	}
	d := &chain.Deposits{Reader: chain.NewReader(s.contract), ChainID: s.chainID.Uint64()}
	got, err := d.Deposit(ctx, postage.DepositRef{
		ContractRef: postage.ContractRef{ChainID: s.chainID.Uint64(), Address: stake.Address(s.contract.Address())},
		ID:          stake.Hash(res.ID),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.Bounty == nil || got.Bounty.Cmp(eth(300)) != 0 || got.Value.Cmp(eth(2000)) != 0 || got.Leaves != 2 {
		t.Fatalf("deposit reads %+v, want bounty 0.3 ether of 2 ether over 2 leaves", got)
	}
}
