package sendchain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/postage-mail/postage/chain"
)

// fakeWithdraw answers as a chain.Writer would, with err when set.
type fakeWithdraw struct {
	unlock time.Time
	amount *big.Int
	err    error
	calls  []string
}

var fakeTx = common.HexToHash("0x77")

func (f *fakeWithdraw) StartWithdrawal(_ context.Context, id common.Hash) (time.Time, *types.Receipt, error) {
	f.calls = append(f.calls, "start "+id.Hex())
	if f.err != nil {
		return time.Time{}, nil, f.err
	}
	return f.unlock, &types.Receipt{TxHash: fakeTx}, nil
}

func (f *fakeWithdraw) Withdraw(_ context.Context, id common.Hash) (*big.Int, *types.Receipt, error) {
	f.calls = append(f.calls, "withdraw "+id.Hex())
	if f.err != nil {
		return nil, nil, f.err
	}
	return f.amount, &types.Receipt{TxHash: fakeTx}, nil
}

// A started withdrawal says when it unlocks and what to run then.
func TestStartWithdrawal(t *testing.T) {
	id := common.HexToHash("0x01")
	unlock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	w := &fakeWithdraw{unlock: unlock}
	s, err := StartWithdrawal(context.Background(), w, id)
	if err != nil || s.ID != id || s.Tx != fakeTx || !s.Unlock.Equal(unlock) || len(w.calls) != 1 {
		t.Fatalf("start: %+v, %v (calls %v)", s, err, w.calls)
	}
	want := "withdrawal of deposit " + id.Hex() + " started (tx " + fakeTx.Hex() + ")\n" +
		"unlocks at 2026-01-02T03:04:05Z (in 1h30m0s); then run: postage withdraw finish " + id.Hex() + "\n"
	if got := s.Describe(unlock.Add(-90 * time.Minute)); got != want {
		t.Errorf("describe:\n%s\nwant:\n%s", got, want)
	}
}

// A refusal is worded for the sender and still is the chain's error (the
// command's exit code comes from it).
func TestWithdrawalRefused(t *testing.T) {
	id := common.HexToHash("0x01")
	w := &fakeWithdraw{err: fmt.Errorf("start withdrawal: %w", chain.ErrDepositWithdrawn)}
	_, err := StartWithdrawal(context.Background(), w, id)
	if err == nil || err.Error() != "deposit "+id.Hex()+" has already been withdrawn" || !errors.Is(err, chain.ErrDepositWithdrawn) {
		t.Errorf("start refused: %v", err)
	}
	_, err = FinishWithdrawal(context.Background(), w, id)
	if err == nil || err.Error() != "deposit "+id.Hex()+" has already been withdrawn" || !errors.Is(err, chain.ErrDepositWithdrawn) {
		t.Errorf("finish refused: %v", err)
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	w.err = fmt.Errorf("withdraw: %w", &chain.LockedError{ID: id, UnlockAt: at, Now: at.Add(-time.Hour)})
	_, err = FinishWithdrawal(context.Background(), w, id)
	var le *chain.LockedError
	if want := "too early: deposit " + id.Hex() + " unlocks at 2026-01-02T03:04:05Z (in 1h0m0s); try again after that"; err == nil || err.Error() != want || !errors.As(err, &le) {
		t.Errorf("too early: %v, want %q and a *chain.LockedError", err, want)
	}
}

// A finished withdrawal says what came back.
func TestFinishWithdrawal(t *testing.T) {
	id := common.HexToHash("0x01")
	w := &fakeWithdraw{amount: big.NewInt(25e14)}
	r, err := FinishWithdrawal(context.Background(), w, id)
	if err != nil || r.Amount.Cmp(big.NewInt(25e14)) != 0 || len(w.calls) != 1 || w.calls[0] != "withdraw "+id.Hex() {
		t.Fatalf("finish: %+v, %v (calls %v)", r, err, w.calls)
	}
	if got, want := r.Describe(), "withdrew 0.0025 ETH from deposit "+id.Hex()+" (tx "+fakeTx.Hex()+")\n"; got != want {
		t.Errorf("describe: %q, want %q", got, want)
	}
}
