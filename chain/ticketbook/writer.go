package ticketbook

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

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/contracts"
)

// Writer sends TicketBook transactions from one account and waits for
// their receipts.
type Writer struct {
	c    *Contract
	opts bind.TransactOpts

	// sendMu serialises nonce assignment and sending.
	sendMu sync.Mutex

	// PollInterval is how often receipts are polled. Default 500ms.
	PollInterval time.Duration
	// GasLimit, when set, is used instead of estimating (estimates run on
	// the latest block, which can refuse a reveal the next block accepts).
	GasLimit uint64
}

// NewWriter returns a Writer signing with opts.
func NewWriter(c *Contract, opts *bind.TransactOpts) *Writer {
	return &Writer{c: c, opts: *opts, PollInterval: 500 * time.Millisecond}
}

// From is the sending account.
func (w *Writer) From() common.Address { return w.opts.From }

// Contract is the contract written to.
func (w *Writer) Contract() *Contract { return w.c }

// OpenBook opens a book over leaves values under root, with the ticket
// price stake, the reveal bounty, the reveal window in blocks and the
// agent's address; reserve (may be nil) goes into the pool.
func (w *Writer) OpenBook(ctx context.Context, root common.Hash, leaves uint32, stake, bounty *big.Int, window uint32, agent common.Address, reserve *big.Int) (common.Hash, *types.Receipt, error) {
	id := chain.DepositID(w.opts.From, root) // the same keccak256(owner ‖ root)
	if stake == nil || stake.Sign() <= 0 || stake.BitLen() > 96 {
		return id, nil, fmt.Errorf("open book: stake %v wei: want 1..2^96-1", stake)
	}
	b := bigOrZero(bounty)
	if b.BitLen() > 96 {
		return id, nil, fmt.Errorf("open book: bounty %s wei does not fit uint96", b)
	}
	rcpt, err := w.send(ctx, w.c.binding.PackOpenBook(root, leaves, stake, b, window, agent), reserve)
	if err != nil {
		return id, nil, fmt.Errorf("open book %s: %w", id, err)
	}
	return id, rcpt, nil
}

// Purchase is a mined purchase of consecutive tickets.
type Purchase struct {
	First           uint32
	Count           uint32
	Block           uint64
	RandomnessBlock uint64
	Receipt         *types.Receipt
}

// Buy buys one ticket per binding (in one transaction when several) at
// the book's price, which it reads first.
func (w *Writer) Buy(ctx context.Context, id common.Hash, bindings []common.Hash) (Purchase, error) {
	if len(bindings) == 0 {
		return Purchase{}, fmt.Errorf("buy tickets of book %s: no bindings", id)
	}
	b, err := w.c.Book(ctx, id)
	if err != nil {
		return Purchase{}, err
	}
	if b.Status == BookNone {
		return Purchase{}, fmt.Errorf("buy tickets of book %s: %w", id, &RevertError{&chain.RevertError{Name: "UnknownBook"}})
	}
	price := new(big.Int).Mul(b.Stake, big.NewInt(int64(len(bindings))))
	var data []byte
	if len(bindings) == 1 {
		data = w.c.binding.PackBuy(id, bindings[0])
	} else {
		bs := make([][32]byte, len(bindings))
		for i, x := range bindings {
			bs[i] = x
		}
		data = w.c.binding.PackBuyBatch(id, bs)
	}
	rcpt, err := w.send(ctx, data, price)
	if err != nil {
		return Purchase{}, fmt.Errorf("buy %d tickets of book %s for %s: %w", len(bindings), id, chain.FormatWei(price), err)
	}
	for _, l := range rcpt.Logs {
		if ev, err := w.c.binding.UnpackTicketsBoughtEvent(l); err == nil && ev.Id == id {
			return Purchase{First: ev.First, Count: ev.Count, Block: rcpt.BlockNumber.Uint64(), RandomnessBlock: ev.RandomnessBlock, Receipt: rcpt}, nil
		}
	}
	return Purchase{}, fmt.Errorf("buy tickets of book %s: receipt %s has no TicketsBought event", id, rcpt.TxHash)
}

// RevealRequest is one reveal.
type RevealRequest struct {
	Book    common.Hash
	Index   uint32
	Value   common.Hash
	Proof   []common.Hash
	Buyer   common.Address
	Binding common.Hash
	// Signature is the agent's signature of RevealDigest for the sending
	// account; nil when the agent sends the reveal itself.
	Signature []byte
}

func (r RevealRequest) packed() contracts.TicketBookRevealRequest {
	p := make([][32]byte, len(r.Proof))
	for i, h := range r.Proof {
		p[i] = h
	}
	sig := r.Signature
	if sig == nil {
		sig = []byte{}
	}
	return contracts.TicketBookRevealRequest{BookId: r.Book, Index: r.Index, Value: r.Value, Proof: p, Buyer: r.Buyer, Binding: r.Binding, Signature: sig}
}

// Reveal sends reveals (revealBatch when several: all or nothing).
func (w *Writer) Reveal(ctx context.Context, reqs []RevealRequest) (*types.Receipt, error) {
	if len(reqs) == 0 {
		return nil, errors.New("reveal: no requests")
	}
	var data []byte
	if len(reqs) == 1 {
		data = w.c.binding.PackReveal(reqs[0].packed())
	} else {
		ps := make([]contracts.TicketBookRevealRequest, len(reqs))
		for i, r := range reqs {
			ps[i] = r.packed()
		}
		data = w.c.binding.PackRevealBatch(ps)
	}
	rcpt, err := w.send(ctx, data, nil)
	if err != nil {
		return nil, fmt.Errorf("reveal %d tickets: %w", len(reqs), err)
	}
	return rcpt, nil
}

// SimulateReveal runs one reveal against the pending block without
// sending it; nil means the contract would accept it now.
func (w *Writer) SimulateReveal(ctx context.Context, r RevealRequest) error {
	to := w.c.address
	_, err := w.c.backend.CallContract(ctx, ethereum.CallMsg{From: w.opts.From, To: &to, Data: w.c.binding.PackReveal(r.packed())}, nil)
	return asRevert(w.c.abi, err)
}

// RecordSeeds stores the hashes of the given blocks on chain.
func (w *Writer) RecordSeeds(ctx context.Context, blocks []uint64) (*types.Receipt, error) {
	if len(blocks) == 0 {
		return nil, errors.New("record seeds: no blocks")
	}
	ns := make([]*big.Int, len(blocks))
	for i, b := range blocks {
		ns[i] = new(big.Int).SetUint64(b)
	}
	rcpt, err := w.send(ctx, w.c.binding.PackRecordSeeds(ns), nil)
	if err != nil {
		return nil, fmt.Errorf("record seeds of %d blocks: %w", len(blocks), err)
	}
	return rcpt, nil
}

// TopUp adds value to a book's pool (and its owner's reserve).
func (w *Writer) TopUp(ctx context.Context, id common.Hash, value *big.Int) (*types.Receipt, error) {
	rcpt, err := w.send(ctx, w.c.binding.PackTopUp(id), value)
	if err != nil {
		return nil, fmt.Errorf("top up book %s: %w", id, err)
	}
	return rcpt, nil
}

// Retire stops a book's sales.
func (w *Writer) Retire(ctx context.Context, id common.Hash) (*types.Receipt, error) {
	rcpt, err := w.send(ctx, w.c.binding.PackRetire(id), nil)
	if err != nil {
		return nil, fmt.Errorf("retire book %s: %w", id, err)
	}
	return rcpt, nil
}

// Close takes a retired book's reserve back; it returns the amount.
func (w *Writer) Close(ctx context.Context, id common.Hash) (*big.Int, *types.Receipt, error) {
	rcpt, err := w.send(ctx, w.c.binding.PackClose(id), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("close book %s: %w", id, err)
	}
	for _, l := range rcpt.Logs {
		if ev, err := w.c.binding.UnpackBookClosedEvent(l); err == nil && ev.Id == id {
			return ev.Returned, rcpt, nil
		}
	}
	return new(big.Int), rcpt, nil
}

// Claim withdraws the sending account's credits; it returns the amount.
func (w *Writer) Claim(ctx context.Context) (*big.Int, *types.Receipt, error) {
	rcpt, err := w.send(ctx, w.c.binding.PackClaim(), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("claim credits of %s: %w", w.opts.From, err)
	}
	for _, l := range rcpt.Logs {
		if ev, err := w.c.binding.UnpackClaimedEvent(l); err == nil {
			return ev.Amount, rcpt, nil
		}
	}
	return new(big.Int), rcpt, nil
}

func (w *Writer) send(ctx context.Context, data []byte, value *big.Int) (*types.Receipt, error) {
	tx, err := w.sendTx(ctx, data, value)
	if err != nil {
		return nil, err
	}
	rcpt, err := chain.WaitMined(ctx, w.c.backend, tx.Hash(), w.PollInterval)
	if err != nil {
		return nil, fmt.Errorf("wait for tx %s: %w", tx.Hash(), err)
	}
	if rcpt.Status == types.ReceiptStatusSuccessful {
		return rcpt, nil
	}
	// Replay on the block's state to name the reason.
	_, cerr := w.c.backend.CallContract(ctx, ethereum.CallMsg{From: w.opts.From, To: tx.To(), Value: tx.Value(), Data: tx.Data(), Gas: tx.Gas()}, rcpt.BlockNumber)
	var re *RevertError
	if errors.As(asRevert(w.c.abi, cerr), &re) {
		re.Tx = tx.Hash()
		return rcpt, re
	}
	return rcpt, &RevertError{&chain.RevertError{Tx: tx.Hash()}}
}

func (w *Writer) sendTx(ctx context.Context, data []byte, value *big.Int) (*types.Transaction, error) {
	w.sendMu.Lock()
	defer w.sendMu.Unlock()
	opts := w.opts
	opts.Context = ctx
	opts.Value = value
	if w.GasLimit != 0 {
		opts.GasLimit = w.GasLimit
	}
	tx, err := bind.Transact(w.c.bound, &opts, data)
	if err != nil {
		if errors.Is(err, bind.ErrNoCode) {
			return nil, fmt.Errorf("contract %s: %w", w.c.address, chain.ErrNoContract)
		}
		return nil, asRevert(w.c.abi, err)
	}
	return tx, nil
}

func bigOrZero(v *big.Int) *big.Int {
	if v == nil {
		return new(big.Int)
	}
	return new(big.Int).Set(v)
}
