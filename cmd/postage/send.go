package main

// Adapters between package send (the sender's domain) and the chain, the
// ticket books, DNS and the MTA. The sending logic itself is in send/.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os/exec"
	"path/filepath"
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

// exitConfig (EX_CONFIG): the configuration asks for something refused,
// e.g. a deposit the receivers' policy would not accept.
const exitConfig = 78

// depositsDir holds the deposit records (send.Store).
func depositsDir(cfg *config.Config) string { return filepath.Join(cfg.DataDir, "deposits") }

func depositStore(cfg *config.Config) *send.Store { return &send.Store{Dir: depositsDir(cfg)} }

// sendSocket is where `postage serve` answers sendmail's batch requests.
func sendSocket(cfg *config.Config) string { return filepath.Join(cfg.DataDir, "send.sock") }

// chainDepositor is send.Depositor on a chain.Writer.
type chainDepositor struct {
	conn *chainConn
	w    *chain.Writer
}

func (d *chainDepositor) Account() send.Account {
	return send.Account{ChainID: d.conn.chainID.Uint64(), Contract: d.conn.contract.Address(), Creator: d.w.From()}
}

func (d *chainDepositor) PendingNonce(ctx context.Context) (uint64, error) {
	return d.conn.client.PendingNonceAt(ctx, d.w.From())
}

func (d *chainDepositor) Deposit(ctx context.Context, root common.Hash, leaves uint32, value, bounty *big.Int) (send.Mined, error) {
	res, err := d.w.Deposit(ctx, root, leaves, value, bounty)
	var re *chain.RevertError
	if errors.As(err, &re) {
		// Refused by the contract (in the estimate, or mined and
		// reverted): no deposit exists.
		return send.Mined{}, fmt.Errorf("%w: %w", send.ErrNoDeposit, err)
	}
	if err != nil {
		return send.Mined{}, err
	}
	return send.Mined{Tx: res.Receipt.TxHash, Block: res.Receipt.BlockNumber.Uint64()}, nil
}

// depositReader is send.ChainState on a chain.Reader.
type depositReader struct{ r *chain.Reader }

func (c depositReader) Deposit(ctx context.Context, id common.Hash) (send.DepositState, error) {
	d, err := c.r.Deposit(ctx, id)
	if err != nil {
		return send.DepositState{}, err
	}
	return toDepositState(d), nil
}

func toDepositState(d chain.Deposit) send.DepositState {
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

func (c depositReader) IsBurned(ctx context.Context, id common.Hash, index uint32) (bool, error) {
	return c.r.IsBurned(ctx, id, uint64(index))
}

// chainWithdrawer is send.Withdrawer on chain.Writer's batch calls
// (startWithdrawals, withdrawMany: one transaction each, skipping what is
// already done, so a retry after a lost receipt is harmless).
type chainWithdrawer struct{ w *chain.Writer }

func (c chainWithdrawer) StartWithdrawals(ctx context.Context, ids []common.Hash) error {
	_, err := c.w.StartWithdrawals(ctx, ids)
	return err
}

func (c chainWithdrawer) WithdrawMany(ctx context.Context, ids []common.Hash) error {
	_, err := c.w.WithdrawMany(ctx, ids)
	return err
}

// mtaTransport hands each copy to the real MTA's sendmail as
// sendmail [its own arguments] -i [-f sender] -- recipient. send.sendmail
// is a command line ("/usr/sbin/sendmail -C dir").
type mtaTransport struct{ sendmail string }

func (t mtaTransport) Deliver(ctx context.Context, sender, rcpt string, msg io.Reader) error {
	argv, err := config.SplitCommand(t.sendmail)
	if err != nil || len(argv) == 0 {
		return fmt.Errorf("send.sendmail %q: want a command line (%v)", t.sendmail, err)
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
		return fmt.Errorf("%s: %v: %s", t.sendmail, err, strings.TrimSpace(out.String()))
	}
	return nil
}

// newStaker makes deposits from the signing account on conn, with the
// config's amounts, padding and policy limits; the contract's delay is read
// from the chain.
func newStaker(ctx context.Context, cfg *config.Config, conn *chainConn, perRcpt *big.Int) (*send.Staker, error) {
	ss, err := cfg.SendSettings()
	if err != nil {
		return nil, err
	}
	w, err := conn.writer()
	if err != nil {
		return nil, err
	}
	delay, err := conn.reader.Delay(ctx)
	if err != nil {
		return nil, err
	}
	if perRcpt == nil {
		perRcpt = cfg.StakePerRecipient()
	}
	return &send.Staker{
		Depositor: &chainDepositor{conn: conn, w: w}, Records: depositStore(cfg),
		PerRecipient: perRcpt, Bounty: cfg.Bounty(), MinLeaves: ss.MinLeaves, Limits: ss.Limits, Delay: delay,
	}, nil
}

// newTickets is the ticket buyer of the config's [send] settings on conn's
// chain, or nil when tickets are off.
func newTickets(cfg *config.Config, conn *chainConn, logf func(string, ...any)) (*send.Tickets, error) {
	st, err := cfg.SenderTickets()
	if err != nil || !st.Enabled {
		return nil, err
	}
	ss, err := cfg.SendSettings()
	if err != nil {
		return nil, err
	}
	return &send.Tickets{
		Directory: bookDirectory{&bookdns.Resolver{Server: st.Resolver, Timeout: send.LookupBudget}},
		Chain:     &bookChain{conn: conn},
		Trusted:   trustedTicketContracts(cfg, st, conn.chainID.Uint64()),
		BooksFile: st.BooksFile, Limits: ss.Book, Logf: logf,
	}, nil
}

// bookDirectory is send.BookDirectory on DNS.
type bookDirectory struct{ r *bookdns.Resolver }

func (d bookDirectory) Lookup(ctx context.Context, domain string) ([]book.Record, error) {
	recs, err := d.r.Lookup(ctx, domain)
	if errors.Is(err, bookdns.ErrNoBook) {
		return nil, fmt.Errorf("%w: %v", send.ErrNoBook, err)
	}
	return recs, err
}

// bookChain is send.BookChain on TicketBook contracts.
type bookChain struct {
	conn      *chainConn
	opts      *bind.TransactOpts
	blockTime time.Duration
}

func (b *bookChain) ChainID() uint64 { return b.conn.chainID.Uint64() }

func (b *bookChain) Book(ctx context.Context, rec book.Record) (send.BookState, error) {
	bk, err := ticketbook.NewContract(b.conn.client, common.Address(rec.Contract)).Book(ctx, common.Hash(rec.Book))
	if err != nil {
		return send.BookState{}, err
	}
	if b.blockTime == 0 {
		if b.blockTime, err = chain.MeasureBlockTime(ctx, b.conn.client); err != nil {
			return send.BookState{}, err
		}
	}
	st := send.BookState{Status: bk.Status.String(), Price: bk.Stake, Bounty: bk.Bounty, Reserve: bk.Reserve,
		Queued: bk.Queued, Window: time.Duration(bk.Window) * b.blockTime}
	if bk.Leaves > bk.Sold {
		st.Left = bk.Leaves - bk.Sold
	}
	if bk.Status != ticketbook.BookOpen {
		st.Status = bk.Status.String()
	} else {
		st.Status = "open"
	}
	return st, nil
}

func (b *bookChain) Buy(ctx context.Context, rec book.Record, bindings []common.Hash) (uint32, common.Address, error) {
	if b.opts == nil {
		opts, err := b.conn.transactor()
		if err != nil {
			return 0, common.Address{}, err
		}
		b.opts = opts
	}
	w := ticketbook.NewWriter(ticketbook.NewContract(b.conn.client, common.Address(rec.Contract)), b.opts)
	p, err := w.Buy(ctx, common.Hash(rec.Book), bindings)
	if err != nil {
		return 0, common.Address{}, err
	}
	return p.First, w.From(), nil
}

// sendExit is the exit code of a send error.
func sendExit(err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled):
		return 130
	case errors.Is(err, send.ErrPolicy):
		return exitConfig
	case errors.Is(err, send.ErrUsage):
		return exitUsage
	case errors.Is(err, send.ErrData):
		return exitDataErr
	case errors.Is(err, send.ErrIO):
		return exitIOErr
	}
	return exitTempFail
}
