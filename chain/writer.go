package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Writer sends the deposit contract's transactions from one account and
// waits for their receipts. Refusals come back as typed errors: a
// *RevertError matching one of the Err… sentinels, or a *LockedError for a
// withdrawal before its unlock time.
type Writer struct {
	c    *Contract
	opts bind.TransactOpts

	// sendMu serialises nonce assignment and sending, so concurrent calls
	// from one account never reuse a nonce. Waiting for receipts is not
	// serialised.
	sendMu sync.Mutex

	// PollInterval is how often receipts and new blocks are polled.
	// Default 500ms.
	PollInterval time.Duration
	// MaxUnlockWait bounds how long Withdraw waits for the chain's first
	// block after the unlock time when the local clock has already passed
	// it. Default 2 minutes.
	MaxUnlockWait time.Duration
	// Now is the local clock (tests); default time.Now.
	Now func() time.Time
}

// NewWriter returns a Writer that signs with opts (From and Signer are
// used; gas fields left zero are estimated for every transaction).
func NewWriter(c *Contract, opts *bind.TransactOpts) *Writer {
	return &Writer{c: c, opts: *opts, PollInterval: 500 * time.Millisecond, MaxUnlockWait: 2 * time.Minute, Now: time.Now}
}

// From is the sending account.
func (w *Writer) From() common.Address { return w.opts.From }

// DepositResult is a mined deposit.
type DepositResult struct {
	ID      common.Hash
	Receipt *types.Receipt
}

// Deposit locks value under root with leaves equal shares and a bounty per
// leaf (nil or 0 for none). The contract refuses bad parameters (ErrZeroValue,
// ErrInvalidLeafCount, ErrZeroShare, ErrBountyTooLarge, ErrDepositExists, …).
func (w *Writer) Deposit(ctx context.Context, root common.Hash, leaves uint32, value, bountyPerLeaf *big.Int) (DepositResult, error) {
	if value == nil || value.Sign() <= 0 {
		// Caught here too: a zero-value transaction would be estimated,
		// refused, and cost a round trip for nothing.
		return DepositResult{}, fmt.Errorf("deposit: %w", &RevertError{Name: "ZeroValue"})
	}
	bounty := bigOrZero(bountyPerLeaf)
	if bounty.BitLen() > 96 {
		return DepositResult{}, fmt.Errorf("deposit: bounty %s wei does not fit uint96", bounty)
	}
	id := DepositID(w.opts.From, root)
	rcpt, err := w.send(ctx, w.c.binding.PackMakeDeposit(root, leaves, bounty), value)
	if err != nil {
		return DepositResult{ID: id}, fmt.Errorf("deposit %s: %w", id, err)
	}
	return DepositResult{ID: id, Receipt: rcpt}, nil
}

// BurnResult is a mined burn.
type BurnResult struct {
	Burned  *big.Int // wei destroyed
	Bounty  *big.Int // wei paid to the sender of the burn
	Receipt *types.Receipt
}

// Burn burns leaf index of deposit id with its secret and Merkle proof.
func (w *Writer) Burn(ctx context.Context, id, secret common.Hash, index uint64, proof []common.Hash) (BurnResult, error) {
	p := make([][32]byte, len(proof))
	for i, h := range proof {
		p[i] = h
	}
	rcpt, err := w.send(ctx, w.c.binding.PackBurn(id, secret, new(big.Int).SetUint64(index), p), nil)
	if err != nil {
		return BurnResult{}, fmt.Errorf("burn leaf %d of deposit %s: %w", index, id, err)
	}
	res := BurnResult{Receipt: rcpt, Burned: new(big.Int), Bounty: new(big.Int)}
	for _, l := range rcpt.Logs {
		if ev, err := w.c.binding.UnpackBurnedEvent(l); err == nil && ev.Id == id {
			res.Burned, res.Bounty = ev.BurnedAmount, ev.Bounty
		}
	}
	return res, nil
}

// StartWithdrawal starts the creator's withdrawal of deposit id and returns
// the unlock time: withdraw works in blocks after it.
func (w *Writer) StartWithdrawal(ctx context.Context, id common.Hash) (time.Time, *types.Receipt, error) {
	rcpt, err := w.send(ctx, w.c.binding.PackStartWithdrawal(id), nil)
	if err != nil {
		return time.Time{}, nil, fmt.Errorf("start withdrawal of deposit %s: %w", id, err)
	}
	var unlock time.Time
	for _, l := range rcpt.Logs {
		if ev, err := w.c.binding.UnpackWithdrawalStartedEvent(l); err == nil && ev.Id == id {
			unlock = unixTime(ev.UnlockAt)
		}
	}
	return unlock, rcpt, nil
}

// Withdraw pays the creator what is left of deposit id. Before the unlock
// time it fails with a *LockedError without sending anything.
//
// Gas estimation runs against the latest block, so a withdraw estimated
// while the latest block is still at or before the unlock time reverts even
// though the next block would accept it. When the local clock is already
// past the unlock time, Withdraw therefore waits (up to MaxUnlockWait) for a
// block after it before estimating.
func (w *Writer) Withdraw(ctx context.Context, id common.Hash) (*big.Int, *types.Receipt, error) {
	if err := w.waitUnlock(ctx, id); err != nil {
		return nil, nil, fmt.Errorf("withdraw deposit %s: %w", id, err)
	}
	rcpt, err := w.send(ctx, w.c.binding.PackWithdraw(id), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("withdraw deposit %s: %w", id, err)
	}
	amount := new(big.Int)
	for _, l := range rcpt.Logs {
		if ev, err := w.c.binding.UnpackWithdrawnEvent(l); err == nil && ev.Id == id {
			amount = ev.Amount
		}
	}
	return amount, rcpt, nil
}

// waitUnlock returns nil when a withdraw of id can be estimated now (or
// when the contract will refuse it for another reason, which the estimate
// then reports), a *LockedError when the unlock time is still ahead.
func (w *Writer) waitUnlock(ctx context.Context, id common.Hash) error {
	d, err := w.c.ReadDeposit(ctx, id, nil)
	if err != nil {
		return err
	}
	if d.Status != StatusWithdrawing || d.UnlockAt.IsZero() {
		return nil // the estimate reports UnknownDeposit, WithdrawalNotStarted, …
	}
	head, err := w.c.backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("read latest block: %w", err)
	}
	unlock := uint64(d.UnlockAt.Unix())
	if head.Time > unlock {
		return nil
	}
	now := w.Now()
	if !now.After(d.UnlockAt) {
		return &LockedError{ID: id, UnlockAt: d.UnlockAt, Now: now.UTC().Truncate(time.Second)}
	}
	// The local clock is past the unlock time but the chain has not made a
	// block after it yet: wait for one.
	deadline := time.NewTimer(w.MaxUnlockWait)
	defer deadline.Stop()
	tick := time.NewTicker(w.PollInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for a block after the unlock time %s: %w", d.UnlockAt.Format(time.RFC3339), ctx.Err())
		case <-deadline.C:
			return fmt.Errorf("no block after the unlock time %s within %v (latest block time %s): is the chain producing blocks?",
				d.UnlockAt.Format(time.RFC3339), w.MaxUnlockWait, time.Unix(int64(head.Time), 0).UTC().Format(time.RFC3339))
		case <-tick.C:
		}
		head, err = w.c.backend.HeaderByNumber(ctx, nil)
		if err != nil {
			return fmt.Errorf("read latest block: %w", err)
		}
		if head.Time > unlock {
			return nil
		}
	}
}

// send signs and sends one call to the contract, waits for its receipt and
// turns any refusal into a typed error.
func (w *Writer) send(ctx context.Context, data []byte, value *big.Int) (*types.Receipt, error) {
	tx, err := w.sendTx(ctx, data, value)
	if err != nil {
		return nil, err
	}
	rcpt, err := waitMined(ctx, w.c.backend, tx.Hash(), w.PollInterval)
	if err != nil {
		return nil, fmt.Errorf("wait for tx %s: %w", tx.Hash(), err)
	}
	if rcpt.Status == types.ReceiptStatusSuccessful {
		return rcpt, nil
	}
	return rcpt, w.explainFailure(ctx, tx, rcpt)
}

func (w *Writer) sendTx(ctx context.Context, data []byte, value *big.Int) (*types.Transaction, error) {
	w.sendMu.Lock()
	defer w.sendMu.Unlock()
	opts := w.opts
	opts.Context = ctx
	opts.Value = value
	tx, err := bind.Transact(w.c.bound, &opts, data)
	if err != nil {
		if errors.Is(err, bind.ErrNoCode) {
			return nil, fmt.Errorf("contract %s: %w", w.c.address, ErrNoContract)
		}
		return nil, asRevert(w.c.abi, err)
	}
	return tx, nil
}

// explainFailure replays a transaction that reverted on chain (it passed
// the estimate, so something changed in between, e.g. a burn racing the
// withdraw) on the state of its block, to name the reason.
func (w *Writer) explainFailure(ctx context.Context, tx *types.Transaction, rcpt *types.Receipt) error {
	_, err := w.c.backend.CallContract(ctx, ethereum.CallMsg{
		From:  w.opts.From,
		To:    tx.To(),
		Value: tx.Value(),
		Data:  tx.Data(),
		Gas:   tx.Gas(),
	}, rcpt.BlockNumber)
	var re *RevertError
	var le *LockedError
	switch decoded := asRevert(w.c.abi, err); {
	case errors.As(decoded, &re):
		re.Tx = tx.Hash()
		return re
	case errors.As(decoded, &le):
		return le
	}
	return &RevertError{Tx: tx.Hash()}
}

// waitMined polls for a receipt until ctx ends.
func waitMined(ctx context.Context, b bind.DeployBackend, hash common.Hash, every time.Duration) (*types.Receipt, error) {
	if every <= 0 {
		every = 500 * time.Millisecond
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		// Not found yet, or a transient RPC error: either way poll again
		// until ctx says stop.
		if rcpt, err := b.TransactionReceipt(ctx, hash); err == nil {
			return rcpt, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}
