// Package sendchain connects package send (the sender's domain) to the
// chain: deposits, their state, batched withdrawals and ticket books, on
// the chain and chain/ticketbook clients; the MTA hand-over; and the
// refusals of the contract worded for a sender. cmd/postage wires them.
package sendchain

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os/exec"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/bookdns"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/send"
)

// Nonces reads an account's pending nonce (an ethclient.Client does).
type Nonces interface {
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
}

// Depositor is send.Depositor on a chain.Writer.
type Depositor struct {
	ChainID  uint64
	Contract common.Address
	Nonces   Nonces
	W        *chain.Writer
}

// Account is the deposits' chain, contract and creator.
func (d *Depositor) Account() send.Account {
	return send.Account{ChainID: d.ChainID, Contract: d.Contract, Creator: d.W.From()}
}

// PendingNonce is the signing account's next nonce.
func (d *Depositor) PendingNonce(ctx context.Context) (uint64, error) {
	return d.Nonces.PendingNonceAt(ctx, d.W.From())
}

// Deposit sends makeDeposit and waits for it to be mined. A refusal by
// the contract (in the estimate, or mined and reverted) wraps
// send.ErrNoDeposit: no deposit exists.
func (d *Depositor) Deposit(ctx context.Context, root common.Hash, leaves uint32, value, bounty *big.Int) (send.Mined, error) {
	res, err := d.W.Deposit(ctx, root, leaves, value, bounty)
	var re *chain.RevertError
	if errors.As(err, &re) {
		return send.Mined{}, fmt.Errorf("%w: %w", send.ErrNoDeposit, err)
	}
	if err != nil {
		return send.Mined{}, err
	}
	return send.Mined{Tx: res.Receipt.TxHash, Block: res.Receipt.BlockNumber.Uint64()}, nil
}

// Reader is send.ChainState on a chain.Reader.
type Reader struct{ R *chain.Reader }

// Deposit reads a deposit's state.
func (c Reader) Deposit(ctx context.Context, id common.Hash) (send.DepositState, error) {
	d, err := c.R.Deposit(ctx, id)
	if err != nil {
		return send.DepositState{}, err
	}
	return State(d), nil
}

// IsBurned reads whether a leaf is burned.
func (c Reader) IsBurned(ctx context.Context, id common.Hash, index uint32) (bool, error) {
	return c.R.IsBurned(ctx, id, uint64(index))
}

// State is a deposit as package send sees it.
func State(d chain.Deposit) send.DepositState {
	s := send.DepositState{Exists: d.Exists(), CreatedAt: d.CreatedAt, UnlockAt: d.UnlockAt, Remaining: d.Remaining, BurnedLeaves: d.BurnedLeaves}
	switch d.Status {
	case chain.StatusActive:
		s.State = send.StateActive
	case chain.StatusWithdrawing:
		s.State = send.StateWithdrawing
	case chain.StatusWithdrawn:
		s.State = send.StateWithdrawn
	}
	return s
}

// Withdrawer is send.Withdrawer on chain.Writer's batch calls
// (startWithdrawals, withdrawMany: one transaction each, skipping what is
// already done, so a retry after a lost receipt is harmless).
type Withdrawer struct{ W *chain.Writer }

// StartWithdrawals starts the withdrawal of every deposit in ids.
func (c Withdrawer) StartWithdrawals(ctx context.Context, ids []common.Hash) error {
	_, err := c.W.StartWithdrawals(ctx, ids)
	return err
}

// WithdrawMany finishes the withdrawal of every deposit in ids.
func (c Withdrawer) WithdrawMany(ctx context.Context, ids []common.Hash) error {
	_, err := c.W.WithdrawMany(ctx, ids)
	return err
}

// MTA hands each copy to the real MTA's sendmail as sendmail [its own
// arguments] -i [-f sender] -- recipient. Sendmail is a command line
// ("/usr/sbin/sendmail -C dir", send.sendmail).
type MTA struct{ Sendmail string }

// Deliver runs the MTA's sendmail with msg on its input.
func (t MTA) Deliver(ctx context.Context, sender, rcpt string, msg io.Reader) error {
	argv, err := config.SplitCommand(t.Sendmail)
	if err != nil || len(argv) == 0 {
		return fmt.Errorf("send.sendmail %q: want a command line (%v)", t.Sendmail, err)
	}
	args := append(argv[1:len(argv):len(argv)], "-i")
	if sender != "" {
		args = append(args, "-f", sender)
	}
	args = append(args, "--", rcpt)
	cmd := exec.CommandContext(ctx, argv[0], args...)
	cmd.Stdin = msg
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %v: %s", t.Sendmail, err, strings.TrimSpace(out.String()))
	}
	return nil
}

// BookDirectory is send.BookDirectory on DNS.
type BookDirectory struct{ R *bookdns.Resolver }

// Lookup reads a domain's ticket books; none wraps send.ErrNoBook.
func (d BookDirectory) Lookup(ctx context.Context, domain string) ([]book.Record, error) {
	recs, err := d.R.Lookup(ctx, domain)
	if errors.Is(err, bookdns.ErrNoBook) {
		return nil, fmt.Errorf("%w: %v", send.ErrNoBook, err)
	}
	return recs, err
}

// BookChain is send.BookChain on TicketBook contracts.
type BookChain struct {
	ID      uint64
	Backend chain.Backend
	// BlockTime measures the chain's block period (once, on first use);
	// Transactor gives the buyer's signer (once, on the first purchase).
	BlockTime  func(ctx context.Context) (time.Duration, error)
	Transactor func() (*bind.TransactOpts, error)

	opts      *bind.TransactOpts
	blockTime time.Duration
}

// ChainID is the books' chain.
func (b *BookChain) ChainID() uint64 { return b.ID }

// Book reads a book's state.
func (b *BookChain) Book(ctx context.Context, rec book.Record) (send.BookState, error) {
	bk, err := ticketbook.NewContract(b.Backend, common.Address(rec.Contract)).Book(ctx, common.Hash(rec.Book))
	if err != nil {
		return send.BookState{}, err
	}
	if b.blockTime == 0 {
		if b.blockTime, err = b.BlockTime(ctx); err != nil {
			return send.BookState{}, err
		}
	}
	st := send.BookState{Status: bk.Status.String(), Price: bk.Stake, Bounty: bk.Bounty, Reserve: bk.Reserve,
		Queued: bk.Queued, Window: time.Duration(bk.Window) * b.blockTime}
	if bk.Leaves > bk.Sold {
		st.Left = bk.Leaves - bk.Sold
	}
	if bk.Status == ticketbook.BookOpen {
		st.Status = "open"
	}
	return st, nil
}

// Buy buys a ticket per binding in a book.
func (b *BookChain) Buy(ctx context.Context, rec book.Record, bindings []common.Hash) (uint32, common.Address, error) {
	if b.opts == nil {
		opts, err := b.Transactor()
		if err != nil {
			return 0, common.Address{}, err
		}
		b.opts = opts
	}
	w := ticketbook.NewWriter(ticketbook.NewContract(b.Backend, common.Address(rec.Contract)), b.opts)
	p, err := w.Buy(ctx, common.Hash(rec.Book), bindings)
	if err != nil {
		return 0, common.Address{}, err
	}
	return p.First, w.From(), nil
}

// DescribeRefusal turns the contract's refusals of a withdrawal into what
// the user should do; other errors keep their own text.
func DescribeRefusal(err error, id common.Hash) string {
	var re *chain.RevertError
	errors.As(err, &re)
	arg := func(name string) any {
		if re == nil {
			return nil
		}
		return re.Args[name]
	}
	switch {
	case errors.Is(err, chain.ErrUnknownDeposit):
		return fmt.Sprintf("no deposit %s on this chain (check the id, --rpc and --contract)", id.Hex())
	case errors.Is(err, chain.ErrNotCreator):
		if c, ok := arg("creator").(common.Address); ok {
			return fmt.Sprintf("only the creator %s can withdraw deposit %s (signing as %v; pick the account with --from)", c.Hex(), id.Hex(), arg("caller"))
		}
		return fmt.Sprintf("only the creator can withdraw deposit %s", id.Hex())
	case errors.Is(err, chain.ErrWithdrawalNotStarted):
		return fmt.Sprintf("the withdrawal of deposit %s has not been started: run `postage withdraw start %s` first", id.Hex(), id.Hex())
	case errors.Is(err, chain.ErrWithdrawalAlreadyStarted):
		if u, ok := arg("unlockAt").(uint64); ok {
			return fmt.Sprintf("the withdrawal of deposit %s is already started; it unlocks at %s", id.Hex(), time.Unix(int64(u), 0).UTC().Format(time.RFC3339))
		}
		return fmt.Sprintf("the withdrawal of deposit %s is already started", id.Hex())
	case errors.Is(err, chain.ErrDepositWithdrawn):
		return fmt.Sprintf("deposit %s has already been withdrawn", id.Hex())
	}
	return err.Error()
}
