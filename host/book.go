package host

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"

	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/connect"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/punish"
	"github.com/postage-mail/postage/relay"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/stake"
)

// VaultScrypt is the vaults' key cost (zero: agent.StandardScrypt). Only
// tests lower it: a second per vault key is too slow there.
var VaultScrypt agent.ScryptParams

// The kinds of error the book functions return (errors.Is), besides the
// chain's own (chain.Refused) and ticketbook.ErrNothingToClaim.
var (
	// ErrBookUsage: a bad flag or setting.
	ErrBookUsage = errors.New("book: usage")
	// ErrBookUnready: the agent or its signer could not be set up (no
	// passphrase, no account, no chain): a retry may do.
	ErrBookUnready = errors.New("book: not ready")
	// ErrBookState: the agent's state file could not be read.
	ErrBookState = errors.New("book: agent state")
	// ErrNoOpenBook: no open book with tickets left to publish.
	ErrNoOpenBook = errors.New("no open book with tickets left: run `postage book new`")
)

// Book is a connection to the TicketBook contract (connect.Book) with the
// [book] settings.
type Book struct {
	*connect.Book
	chain    *Chain
	Settings config.BookSettings
}

func bookConnectOptions(s config.BookSettings) connect.BookOptions {
	return connect.BookOptions{Contract: s.Contract, Dir: s.Dir, BlockTime: s.BlockTime}
}

// ConnectBook dials the chain and finds the TicketBook: book.contract,
// else the deployment `postage book deploy` recorded for this chain.
func ConnectBook(ctx context.Context, cfg *config.Config, rpc string) (*Book, error) {
	s, err := cfg.BookSettings()
	if err != nil {
		return nil, err
	}
	b, err := connect.ConnectBook(ctx, ChainOptions(cfg, rpc), bookConnectOptions(s))
	if err != nil {
		return nil, err
	}
	return &Book{Book: b, chain: NewChain(cfg, b.Conn), Settings: s}, nil
}

// Writer signs TicketBook transactions with the configured account.
func (b *Book) Writer() (*ticketbook.Writer, error) {
	opts, err := b.chain.Transactor()
	if err != nil {
		return nil, err
	}
	return ticketbook.NewWriter(b.Book.Book, opts), nil
}

// Agent is the agent of this host's books. withSecrets adds the vault
// passphrase and a sender (the configured account, paying the gas, or the
// relay of book.relay), which deciding tickets needs; verifying and
// punishing do not.
func (b *Book) Agent(withSecrets bool, logger *slog.Logger) (*agent.Agent, error) {
	s := b.Settings
	a := &agent.Agent{
		Dir: s.Dir, Contract: b.Book.Book, ChainID: b.ChainID.Uint64(), Params: b.Params,
		Decision: s.DecisionDelay, BlockTime: b.BlockTime, History: s.History, Margin: s.Margin, Logger: logger,
		Scrypt: VaultScrypt,
	}
	if !withSecrets {
		return a, nil
	}
	p, err := connect.VaultPassphrase(ChainOptions(b.chain.Config(), ""))
	if err != nil {
		return nil, err
	}
	a.Passphrase = p
	w, err := b.Writer()
	if err != nil {
		return nil, err
	}
	a.Sender = w
	if s.Relay != "" {
		a.Sender, err = b.relayedSender(w)
	}
	return a, err
}

// relayedSender is the agent's Sender when book.relay is set: reveals go
// to the relay, signed with the agent's key (the signing account: the
// configured one, or the embedded chain's developer account) for the
// relay's account; seeds are still recorded by the agent's account (w),
// which needs ETH only for that.
func (b *Book) relayedSender(w *ticketbook.Writer) (*relay.Revealer, error) {
	sign, err := b.chain.Signer()
	if err != nil {
		return nil, fmt.Errorf("sign reveals for the relay: %w", err)
	}
	return &relay.Revealer{
		Relay: &relay.Client{URL: b.Settings.Relay}, Contract: b.Book.Book, ChainID: b.ChainID,
		Sign: sign.SignHash, Seeds: w,
	}, nil
}

// BookService is the agent inside `postage milter` / `postage serve`
// (agent.Service): on the embedded chain it deploys the TicketBook on
// first start; it decides tickets when the vault passphrase is at hand,
// and only verifies them otherwise.
func BookService(cfg *config.Config, rpc string, logger *slog.Logger) (*agent.Service, error) {
	s, err := cfg.BookSettings()
	if err != nil {
		return nil, err
	}
	o := ChainOptions(cfg, rpc)
	sign := func(c *chain.Conn) (*bind.TransactOpts, error) { return NewChain(cfg, c).Transactor() }
	connectAgent := func(ctx context.Context) (*agent.Agent, func(), error) {
		bc, d, err := connect.ConnectOrDeployBook(ctx, o, bookConnectOptions(s), sign, s.RandomnessDelay, s.Epoch)
		if err != nil {
			return nil, nil, err
		}
		if d != nil {
			logger.Info("deployed the ticket book contract", "address", d.Contract, "chain_id", d.ChainID)
		}
		conn := &Book{Book: bc, chain: NewChain(cfg, bc.Conn), Settings: s}
		a, err := conn.Agent(true, logger)
		if err != nil {
			logger.Warn("the agent verifies tickets but cannot decide them here (run `postage book agent`)", "err", err)
			a, _ = conn.Agent(false, logger)
		}
		return a, bc.Close, nil
	}
	return &agent.Service{Connect: connectAgent, Tick: s.Tick, Logger: logger}, nil
}

// TicketVerifier is the agent as a TicketVerifier for one message, when
// it carries tickets (nil otherwise); if the chain cannot be reached, it
// says so with logf and tickets are temperror.
func TicketVerifier(ctx context.Context, cfg *config.Config, rpc string, stamps []string, logf func(string, ...any)) (postage.TicketVerifier, func()) {
	has := false
	for _, h := range stamps {
		has = has || book.IsTicket(h)
	}
	if !has {
		return nil, func() {}
	}
	conn, err := ConnectBook(ctx, cfg, rpc)
	if err != nil {
		logf("ticket book: %v", err)
		return &agent.Service{}, func() {}
	}
	a, _ := conn.Agent(false, nil)
	return a, conn.Close
}

// PunishTicket handles a message that carries a ticket for this
// recipient (punish.FindTicket) in `postage punish`: the book agent (one
// that only erases: no chain needed) erases it, and logf says what
// happened. ok is false when it carries none (the caller goes on with
// stake stamps). The status is NoStake when there is nothing to punish:
// books are off on this host, or it never accepted the ticket.
func PunishTicket(ctx context.Context, cfg *config.Config, m *mail.Message, rcptFlag string, logf func(string, ...any)) (st punish.Status, ok bool) {
	header, rcpt, st, ok := punish.FindTicket(m, rcptFlag, logf)
	switch {
	case !ok || st == punish.Usage:
		return st, ok
	case !cfg.Book.Enabled:
		logf("the message carries a ticket, but book.enabled is false on this host: nothing to do")
		return punish.NoStake, true
	}
	s, err := cfg.BookSettings()
	if err != nil {
		logf("%v", err)
		return punish.Usage, true
	}
	res, err := (&agent.Agent{Dir: s.Dir}).Punish(ctx, header, rcpt)
	if err != nil {
		logf("%v", err)
		return punish.IOError, true
	}
	logf("%s", res.Report())
	if res == agent.NotAccepted {
		return punish.NoStake, true
	}
	return punish.OK, true
}

// TrustedTicketContracts are the TicketBook contracts on chainID whose
// books a sender may buy tickets from, wherever the book was found (DNS,
// the books file, a Postage-Book header): send.ticket_contracts on that
// chain, and this host's own TicketBook (book.contract, or the recorded
// deployment on that chain). A forged record naming another contract
// must not collect the sender's stakes.
func TrustedTicketContracts(cfg *config.Config, st config.SenderTickets, chainID uint64) map[common.Address]bool {
	trusted := map[common.Address]bool{}
	for _, t := range st.Trusted {
		if t.ChainID == chainID {
			trusted[t.Address] = true
		}
	}
	if s, err := cfg.BookSettings(); err == nil {
		if s.Contract != (common.Address{}) {
			trusted[s.Contract] = true
		}
		if d, err := ticketbook.ReadDeployment(s.Dir); err == nil && d.ChainID == chainID {
			trusted[d.Contract] = true
		}
	}
	return trusted
}

// LearnBooks reads a received message and records the book its
// Postage-Book header names in send.books_file (send.LearnBooks has the
// rules), and says what it learned: the books it already knew, then the
// new ones. Settings that do not allow it wrap send.ErrUsage.
func LearnBooks(cfg *config.Config, in io.Reader) ([]string, error) {
	st, err := cfg.SenderTickets()
	if err != nil {
		return nil, sendKindError{send.ErrUsage, err}
	}
	if st.BooksFile == "" {
		return nil, sendKindError{send.ErrUsage, errors.New("learn needs send.books_file (where learned books are kept)")}
	}
	learned, err := send.LearnBooks(st.BooksFile, in, func(chainID uint64, contract stake.Address) bool {
		return TrustedTicketContracts(cfg, st, chainID)[common.Address(contract)]
	})
	var known, learnt []string
	for _, l := range learned {
		if a := l.Advert; l.Known {
			known = append(known, fmt.Sprintf("%s: book %s already known", a.Domain, a.Book))
		} else {
			learnt = append(learnt, fmt.Sprintf("%s: learned book %s (chain %d, contract %s)", a.Domain, a.Book, a.ChainID, a.Contract))
		}
	}
	return append(known, learnt...), err
}

// DeployBook deploys the TicketBook of [book] (`postage book deploy`), or
// finds the one recorded for this chain, and says which
// (ticketbook.Deployment.Report).
func DeployBook(ctx context.Context, cfg *config.Config, rpc string) (string, error) {
	s, err := cfg.BookSettings()
	if err != nil {
		return "", sendKindError{ErrBookUsage, err}
	}
	conn, err := DialChain(ctx, cfg, rpc)
	if err != nil {
		return "", sendKindError{ErrBookUnready, err}
	}
	defer conn.Close()
	if d, ok := connect.Deployed(ctx, conn.Conn, s.Dir); ok {
		return d.Report(true), nil
	}
	opts, err := conn.Transactor()
	if err != nil {
		return "", err
	}
	d, err := connect.DeployBook(ctx, conn.Conn, opts, s.Dir, s.RandomnessDelay, s.Epoch)
	if err != nil {
		return "", err
	}
	return d.Report(false), nil
}

// NewBookFlags are `postage book new`'s flags; zero values take [book]'s.
type NewBookFlags struct {
	Values                 int
	Stake, Bounty, Reserve *big.Int
	Window                 string // a period (config.ParsePeriod)
}

// bookNewOptions are the new book's parameters: the flags over [book].
func (b *Book) bookNewOptions(f NewBookFlags) (agent.BookOptions, error) {
	s := b.Settings
	o := agent.BookOptions{Values: s.Values, Stake: s.Stake, Bounty: s.Bounty, Reserve: s.Reserve}
	if f.Values != 0 {
		o.Values = f.Values
	}
	if f.Stake != nil {
		o.Stake = f.Stake
	}
	if f.Bounty != nil {
		o.Bounty = f.Bounty
	}
	if f.Window != "" {
		w, err := config.ParsePeriod(f.Window)
		if err != nil {
			return o, sendKindError{ErrBookUsage, fmt.Errorf("--window: %v", err)}
		}
		s.Window = w
	}
	o.Window = s.WindowBlocks(b.BlockTime)
	if f.Reserve != nil {
		o.Reserve = f.Reserve
	}
	return o, nil
}

// NewBook opens a book (`postage book new`). When neither the flags nor
// book.reserve set the reserve, it is the one that keeps the chance of a
// delayed payout within book.delay_probability, and logf says so. It
// returns the book and its reserve.
func (b *Book) NewBook(ctx context.Context, f NewBookFlags, logf func(string, ...any)) (agent.BookRecord, *big.Int, error) {
	o, err := b.bookNewOptions(f)
	if err != nil {
		return agent.BookRecord{}, nil, err
	}
	a, err := b.Agent(true, nil)
	if err != nil {
		return agent.BookRecord{}, nil, sendKindError{ErrBookUnready, err}
	}
	if o.Reserve == nil {
		p := b.Settings.DelayProbability
		r, m, err := book.ReserveWei(o.Values, p, o.Stake)
		if err != nil {
			return agent.BookRecord{}, nil, sendKindError{ErrBookUsage, err}
		}
		o.Reserve = r
		logf("reserve %s (%d tickets' worth: at most a %g chance of a delayed payout in %d tickets)", chain.FormatWei(r), m, p, o.Values)
	}
	w, err := b.Writer()
	if err != nil {
		return agent.BookRecord{}, nil, sendKindError{ErrBookUnready, err}
	}
	o.Agent = w.From() // the account whose key signs reveals, also through a relay
	rec, err := a.CreateBook(ctx, w, o)
	return rec, o.Reserve, err
}

// Records are the zone-file lines that publish book id for domains.
func (b *Book) Records(id common.Hash, domains []string) []string {
	r := book.Record{ChainID: b.ChainID.Uint64(), Contract: stake.Address(b.Book.Book.Address()), Book: stake.Hash(id)}
	var lines []string
	for _, d := range domains {
		lines = append(lines, r.ZoneLine(d))
	}
	return lines
}

// ours says whether the agent's book r is in this contract on this chain.
func (b *Book) ours(r *agent.BookRecord) bool {
	return r.ChainID == b.ChainID.Uint64() && r.Contract == b.Book.Book.Address()
}

// Publish is the zone-file lines that publish this host's newest open
// book with tickets left for domains (`postage book publish`).
func (b *Book) Publish(ctx context.Context, domains []string) ([]string, error) {
	a, _ := b.Agent(false, nil)
	books, err := a.Books()
	if err != nil {
		return nil, sendKindError{ErrBookState, err}
	}
	newest, err := agent.NewestOpen(books, func(r *agent.BookRecord) (bool, error) {
		if !b.ours(r) {
			return false, nil
		}
		onChain, err := b.Book.Book.Book(ctx, r.ID)
		return err == nil && onChain.Status == ticketbook.BookOpen && onChain.Sold < onChain.Leaves, err
	})
	if err != nil {
		return nil, sendKindError{ErrBookUnready, err}
	}
	if newest == nil {
		return nil, ErrNoOpenBook
	}
	for _, d := range domains {
		d = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
		if d == "" || !strings.Contains(d, ".") {
			return nil, sendKindError{ErrBookUsage, fmt.Errorf("%q is not a mail domain", d)}
		}
	}
	return b.Records(newest.ID, domains), nil
}

// List is `postage book list`: a line for each of the agent's books (with
// its state on chain when it is in this contract), then the count of
// pending tickets.
func (b *Book) List(ctx context.Context) ([]string, error) {
	a, _ := b.Agent(false, nil)
	books, err := a.Books()
	if err != nil {
		return nil, sendKindError{ErrBookState, err}
	}
	pending, err := a.Pending()
	if err != nil {
		return nil, sendKindError{ErrBookState, err}
	}
	var lines []string
	for _, r := range books {
		var onChain *ticketbook.Book
		if b.ours(&r) {
			if ob, err := b.Book.Book.Book(ctx, r.ID); err == nil {
				onChain = &ob
			}
		}
		lines = append(lines, r.ListLine(onChain))
	}
	return append(lines, fmt.Sprintf("%d tickets pending", pending)), nil
}

// End retires (close false) or closes book id, and says what it did.
func (b *Book) End(ctx context.Context, id common.Hash, close bool) (string, error) {
	a, _ := b.Agent(false, nil)
	w, err := b.Writer()
	if err != nil {
		return "", sendKindError{ErrBookUnready, err}
	}
	if !close {
		n, err := a.RetireBook(ctx, w, id)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("book %s retired; %d unsold values erased", id, n), nil
	}
	got, err := a.CloseBook(ctx, w, id)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("book %s closed; %s returned; its vault is destroyed", id, chain.FormatWei(got)), nil
}

// Claim claims the configured account's credits (`postage book claim`)
// and says what it got; with nothing to claim it says so with logf and
// returns no line.
func (b *Book) Claim(ctx context.Context, logf func(string, ...any)) ([]string, error) {
	w, err := b.Writer()
	if err != nil {
		return nil, sendKindError{ErrBookUnready, err}
	}
	got, rcpt, err := w.Claim(ctx)
	if errors.Is(err, ticketbook.ErrNothingToClaim) {
		logf("nothing to claim for %s", w.From())
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return []string{fmt.Sprintf("claimed %s (transaction %s)", chain.FormatWei(got), rcpt.TxHash)}, nil
}
