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

	"github.com/postage-mail/postage/contracts"
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

// BurnRequest is one burn of a burnBatch.
type BurnRequest struct {
	ID     common.Hash // the deposit
	Secret common.Hash
	Index  uint64
	Proof  []common.Hash
}

// BurnBatchResult is what a mined burnBatch (or burn) did with each request,
// from its Burned and BurnSkipped events: the contract skips a request whose
// leaf was burned first (a front-runner, an earlier request of the batch) or
// whose deposit was withdrawn, and reverts the whole batch only for a
// request that is wrong whatever the order (unknown deposit, bad proof).
type BurnBatchResult struct {
	// Burned and Skipped are positions in the request list, ascending; every
	// position is in exactly one of them.
	Burned  []int
	Skipped []int
	// Destroyed and Bounty are the sums over the burned requests: wei
	// destroyed, and wei paid to the transaction's sender.
	Destroyed *big.Int
	Bounty    *big.Int
	Receipt   *types.Receipt
}

// ParseBurnBatch reads a successful burnBatch or burn receipt of the deposit
// contract at `contract` sent with reqs (only ID and Index are used). The
// contract emits exactly one Burned or BurnSkipped per request, in request
// order, before the bounty is paid (last), so the k-th such log of the
// contract is request k's. A receipt that does not fit reqs is an error,
// never a guess; so is one with more burn events than requests (a sender
// whose receive() burns again, which an EOA relay never does).
func ParseBurnBatch(rcpt *types.Receipt, contract common.Address, reqs []BurnRequest) (BurnBatchResult, error) {
	res := BurnBatchResult{Destroyed: new(big.Int), Bounty: new(big.Int), Receipt: rcpt}
	if rcpt == nil {
		return res, errors.New("parse burn batch: no receipt")
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		return res, fmt.Errorf("parse burn batch: tx %s failed (status %d): nothing was burned", rcpt.TxHash, rcpt.Status)
	}
	burnedID := postageEvents.Events["Burned"].ID
	skippedID := postageEvents.Events["BurnSkipped"].ID
	k := 0
	for _, l := range rcpt.Logs {
		if l.Address != contract || len(l.Topics) == 0 || (l.Topics[0] != burnedID && l.Topics[0] != skippedID) {
			continue
		}
		if k == len(reqs) {
			return res, fmt.Errorf("parse burn batch: tx %s has more burn events than its %d requests", rcpt.TxHash, len(reqs))
		}
		want := reqs[k]
		if l.Topics[0] == burnedID {
			ev, err := postageBinding.UnpackBurnedEvent(l)
			if err != nil {
				return res, fmt.Errorf("parse burn batch: tx %s: decode Burned: %w", rcpt.TxHash, err)
			}
			if common.Hash(ev.Id) != want.ID || !ev.Index.IsUint64() || ev.Index.Uint64() != want.Index {
				return res, fmt.Errorf("parse burn batch: tx %s: log %d burned %x/%s, request %d is %s/%d", rcpt.TxHash, l.Index, ev.Id, ev.Index, k, want.ID, want.Index)
			}
			res.Burned = append(res.Burned, k)
			res.Destroyed.Add(res.Destroyed, ev.BurnedAmount)
			res.Bounty.Add(res.Bounty, ev.Bounty)
		} else {
			ev, err := postageBinding.UnpackBurnSkippedEvent(l)
			if err != nil {
				return res, fmt.Errorf("parse burn batch: tx %s: decode BurnSkipped: %w", rcpt.TxHash, err)
			}
			if common.Hash(ev.Id) != want.ID || !ev.Index.IsUint64() || ev.Index.Uint64() != want.Index {
				return res, fmt.Errorf("parse burn batch: tx %s: log %d skipped %x/%s, request %d is %s/%d", rcpt.TxHash, l.Index, ev.Id, ev.Index, k, want.ID, want.Index)
			}
			res.Skipped = append(res.Skipped, k)
		}
		k++
	}
	if k != len(reqs) {
		return res, fmt.Errorf("parse burn batch: tx %s has %d burn events for %d requests", rcpt.TxHash, k, len(reqs))
	}
	return res, nil
}

// BurnBatch burns several leaves, of one or several deposits, in one
// transaction (burnBatch) and reports which requests burned and which the
// contract skipped as lost races. A request that is wrong whatever the
// order (ErrUnknownDeposit, ErrInvalidProof, ErrIndexOutOfRange, …) refuses
// the whole batch, before anything is sent when the estimate sees it.
func (w *Writer) BurnBatch(ctx context.Context, reqs []BurnRequest) (BurnBatchResult, error) {
	if len(reqs) == 0 {
		return BurnBatchResult{}, fmt.Errorf("burn batch: %w", &RevertError{Name: "EmptyBatch"})
	}
	rs := make([]contracts.PostageBurnRequest, len(reqs))
	for i, r := range reqs {
		p := make([][32]byte, len(r.Proof))
		for j, h := range r.Proof {
			p[j] = h
		}
		rs[i] = contracts.PostageBurnRequest{Id: r.ID, Secret: r.Secret, Index: new(big.Int).SetUint64(r.Index), Proof: p}
	}
	rcpt, err := w.send(ctx, w.c.binding.PackBurnBatch(rs), nil)
	if err != nil {
		return BurnBatchResult{Receipt: rcpt}, fmt.Errorf("burn batch of %d leaves: %w", len(reqs), err)
	}
	return ParseBurnBatch(rcpt, w.c.address, reqs)
}

// StartWithdrawalsResult is a mined startWithdrawals.
type StartWithdrawalsResult struct {
	// Started are the ids whose withdrawal this transaction started (each
	// once, in list order); they unlock at UnlockAt (zero if none started).
	Started  []common.Hash
	UnlockAt time.Time
	// Skipped are the other ids (each once): already Withdrawing or
	// Withdrawn, so a retry of a call whose receipt was lost is harmless.
	Skipped []common.Hash
	Receipt *types.Receipt
}

// StartWithdrawals starts the withdrawal of several of the sender's
// deposits in one transaction (about 12,000 gas per id on mainnet's
// schedule: keep lists to a few hundred ids, well inside a block). Ids already started or withdrawn are
// skipped; an unknown id (ErrUnknownDeposit) or another creator's
// (ErrNotCreator) refuses the whole call.
func (w *Writer) StartWithdrawals(ctx context.Context, ids []common.Hash) (StartWithdrawalsResult, error) {
	if len(ids) == 0 {
		return StartWithdrawalsResult{}, fmt.Errorf("start withdrawals: %w", &RevertError{Name: "EmptyBatch"})
	}
	rcpt, err := w.send(ctx, w.c.binding.PackStartWithdrawals(hashes32(ids)), nil)
	if err != nil {
		return StartWithdrawalsResult{Receipt: rcpt}, fmt.Errorf("start withdrawals of %d deposits: %w", len(ids), err)
	}
	res := StartWithdrawalsResult{Receipt: rcpt}
	started := map[common.Hash]bool{}
	for _, l := range rcpt.Logs {
		if l.Address != w.c.address {
			continue
		}
		if ev, err := w.c.binding.UnpackWithdrawalStartedEvent(l); err == nil {
			started[ev.Id] = true
			res.Started = append(res.Started, ev.Id)
			res.UnlockAt = unixTime(ev.UnlockAt)
		}
	}
	res.Skipped = others(ids, started)
	return res, nil
}

// Withdrawal is one deposit paid by WithdrawMany.
type Withdrawal struct {
	ID     common.Hash
	Amount *big.Int
}

// WithdrawManyResult is a mined withdrawMany.
type WithdrawManyResult struct {
	// Withdrawn are the deposits closed and paid by this transaction (each
	// once, in list order); Total is their sum, paid in one transfer.
	Withdrawn []Withdrawal
	Total     *big.Int
	// Skipped are the other ids (each once): not started, still locked, or
	// already withdrawn (a retry never pays twice).
	Skipped []common.Hash
	Receipt *types.Receipt
}

// WithdrawMany withdraws every unlocked deposit among ids in one
// transaction and one transfer (about 13,000 gas per id); the others are
// skipped. An unknown id or
// another creator's refuses the whole call.
//
// Gas is estimated on the latest block, where a deposit that unlocks in the
// next block is still skipped (and cheaper): when the local clock is past
// an id's unlock time but the chain has no block after it yet, WithdrawMany
// waits (up to MaxUnlockWait) for one, as Withdraw does, so the estimate
// covers every payout.
func (w *Writer) WithdrawMany(ctx context.Context, ids []common.Hash) (WithdrawManyResult, error) {
	if len(ids) == 0 {
		return WithdrawManyResult{Total: new(big.Int)}, fmt.Errorf("withdraw many: %w", &RevertError{Name: "EmptyBatch"})
	}
	if err := w.waitUnlocks(ctx, ids); err != nil {
		return WithdrawManyResult{Total: new(big.Int)}, fmt.Errorf("withdraw %d deposits: %w", len(ids), err)
	}
	rcpt, err := w.send(ctx, w.c.binding.PackWithdrawMany(hashes32(ids)), nil)
	if err != nil {
		return WithdrawManyResult{Total: new(big.Int), Receipt: rcpt}, fmt.Errorf("withdraw %d deposits: %w", len(ids), err)
	}
	res := WithdrawManyResult{Total: new(big.Int), Receipt: rcpt}
	paid := map[common.Hash]bool{}
	for _, l := range rcpt.Logs {
		if l.Address != w.c.address {
			continue
		}
		if ev, err := w.c.binding.UnpackWithdrawnEvent(l); err == nil && ev.Creator == w.opts.From && !paid[ev.Id] {
			paid[ev.Id] = true
			res.Withdrawn = append(res.Withdrawn, Withdrawal{ID: ev.Id, Amount: ev.Amount})
			res.Total.Add(res.Total, ev.Amount)
		}
	}
	res.Skipped = others(ids, paid)
	return res, nil
}

// waitUnlocks waits until the chain's latest block is after the latest
// unlock time among ids that the local clock already considers unlocked.
// Ids still locked by the local clock are left for a later call (the
// contract skips them).
func (w *Writer) waitUnlocks(ctx context.Context, ids []common.Hash) error {
	var latest time.Time
	var which common.Hash
	now := w.Now()
	seen := map[common.Hash]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		d, err := w.c.ReadDeposit(ctx, id, nil)
		if err != nil {
			return err
		}
		if d.Status != StatusWithdrawing || d.UnlockAt.IsZero() || !now.After(d.UnlockAt) {
			continue
		}
		if d.UnlockAt.After(latest) {
			latest, which = d.UnlockAt, id
		}
	}
	if latest.IsZero() {
		return nil
	}
	err := w.waitUnlock(ctx, which)
	var le *LockedError
	if errors.As(err, &le) {
		return nil // the clock moved backwards in between: the contract skips it
	}
	return err
}

func hashes32(ids []common.Hash) [][32]byte {
	out := make([][32]byte, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// others lists the ids not in done, each once, in list order.
func others(ids []common.Hash, done map[common.Hash]bool) []common.Hash {
	var out []common.Hash
	seen := map[common.Hash]bool{}
	for _, id := range ids {
		if !done[id] && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
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
	rcpt, err := WaitMined(ctx, w.c.backend, tx.Hash(), w.PollInterval)
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

// WaitMined polls b for the receipt of transaction hash every `every`
// (0: 500ms) until it is there or ctx ends. A receipt not found yet and a
// transient RPC error look the same: both poll again.
func WaitMined(ctx context.Context, b bind.DeployBackend, hash common.Hash, every time.Duration) (*types.Receipt, error) {
	if every <= 0 {
		every = 500 * time.Millisecond
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
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

// postageBinding and postageEvents decode receipts without a Contract.
var (
	postageBinding = contracts.NewPostage()
	postageEvents  = postageBinding.GetABI()
)
