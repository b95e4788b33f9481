package main

import (
	"context"
	"fmt"
	"log/slog"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/connect"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/relay"
)

// vaultScrypt is the vaults' key cost (zero: agent.StandardScrypt). Only
// tests lower it (TestMain): a second per vault key is too slow there.
var vaultScrypt agent.ScryptParams

// bookConn is a connection to the TicketBook contract (connect.Book) with
// the [book] settings.
type bookConn struct {
	*connect.Book
	chain    *host.Chain
	settings config.BookSettings
}

func bookOptions(s config.BookSettings) connect.BookOptions {
	return connect.BookOptions{Contract: s.Contract, Dir: s.Dir, BlockTime: s.BlockTime}
}

func wrapBook(cfg *config.Config, s config.BookSettings, b *connect.Book) *bookConn {
	c := host.NewChain(cfg, b.Conn)
	return &bookConn{Book: b, chain: c, settings: s}
}

// connectBook dials the chain and finds the TicketBook: book.contract,
// else the deployment `postage book deploy` recorded for this chain.
func connectBook(ctx context.Context, cfg *config.Config, rpc string) (*bookConn, error) {
	s, err := cfg.BookSettings()
	if err != nil {
		return nil, err
	}
	b, err := connect.ConnectBook(ctx, host.ChainOptions(cfg, rpc), bookOptions(s))
	if err != nil {
		return nil, err
	}
	return wrapBook(cfg, s, b), nil
}

// bookWriter signs TicketBook transactions with the configured account.
func (b *bookConn) bookWriter() (*ticketbook.Writer, error) {
	opts, err := b.chain.Transactor()
	if err != nil {
		return nil, err
	}
	return ticketbook.NewWriter(b.Book.Book, opts), nil
}

// newAgent is the agent of this host's books. withSecrets adds the vault
// passphrase and a sender (the configured account, paying the gas, or
// the relay of book.relay), which deciding tickets needs; verifying and
// punishing do not.
func (b *bookConn) newAgent(withSecrets bool, logger *slog.Logger) (*agent.Agent, error) {
	s := b.settings
	a := &agent.Agent{
		Dir: s.Dir, Contract: b.Book.Book, ChainID: b.ChainID.Uint64(), Params: b.Params,
		Decision: s.DecisionDelay, BlockTime: b.BlockTime, History: s.History, Margin: s.Margin, Logger: logger,
		Scrypt: vaultScrypt,
	}
	if !withSecrets {
		return a, nil
	}
	p, err := connect.VaultPassphrase(host.ChainOptions(b.chain.Config(), ""))
	if err != nil {
		return nil, err
	}
	a.Passphrase = p
	w, err := b.bookWriter()
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
func (b *bookConn) relayedSender(w *ticketbook.Writer) (*relay.Revealer, error) {
	sign, err := b.chain.Signer()
	if err != nil {
		return nil, fmt.Errorf("sign reveals for the relay: %w", err)
	}
	return &relay.Revealer{
		Relay: &relay.Client{URL: b.settings.Relay}, Contract: b.Book.Book, ChainID: b.ChainID,
		Sign: sign.SignHash, Seeds: w,
	}, nil
}

// bookAgentForPunish is an agent that can only erase: no chain needed.
func bookAgentForPunish(cfg *config.Config) (*agent.Agent, error) {
	s, err := cfg.BookSettings()
	if err != nil {
		return nil, err
	}
	return &agent.Agent{Dir: s.Dir}, nil
}

// newBookService is the agent inside `postage milter` / `postage serve`
// (agent.Service): on the embedded chain it deploys the TicketBook on
// first start; it decides tickets when the vault passphrase is at hand,
// and only verifies them otherwise.
func newBookService(cfg *config.Config, rpc string, logger *slog.Logger) (*agent.Service, error) {
	s, err := cfg.BookSettings()
	if err != nil {
		return nil, err
	}
	o := host.ChainOptions(cfg, rpc)
	sign := func(c *chain.Conn) (*bind.TransactOpts, error) {
		return host.NewChain(cfg, c).Transactor()
	}
	connectAgent := func(ctx context.Context) (*agent.Agent, func(), error) {
		bc, d, err := connect.ConnectOrDeployBook(ctx, o, bookOptions(s), sign, s.RandomnessDelay, s.Epoch)
		if err != nil {
			return nil, nil, err
		}
		if d != nil {
			logger.Info("deployed the ticket book contract", "address", d.Contract, "chain_id", d.ChainID)
		}
		conn := wrapBook(cfg, s, bc)
		a, err := conn.newAgent(true, logger)
		if err != nil {
			logger.Warn("the agent verifies tickets but cannot decide them here (run `postage book agent`)", "err", err)
			a, _ = conn.newAgent(false, logger)
		}
		return a, bc.Close, nil
	}
	return &agent.Service{Connect: connectAgent, Tick: s.Tick, Logger: logger}, nil
}

// defaultReserve is the reserve that keeps the chance of any delayed payout
// within a book's tickets at most p (docs/deniable.md, "Solvency").
func defaultReserve(values int, p float64, stakeWei *big.Int, reserve func(int, float64) (int, error)) (*big.Int, int, error) {
	m, err := reserve(values, p)
	if err != nil {
		return nil, 0, err
	}
	return new(big.Int).Mul(stakeWei, big.NewInt(int64(m))), m, nil
}

// ticketVerifier is the agent as a TicketVerifier for one message, when it
// carries tickets; if the chain cannot be reached, tickets are temperror.
func ticketVerifier(ctx context.Context, cfg *config.Config, rpc string, stamps []string) (postage.TicketVerifier, func()) {
	has := false
	for _, h := range stamps {
		has = has || book.IsTicket(h)
	}
	if !has {
		return nil, func() {}
	}
	conn, err := connectBook(ctx, cfg, rpc)
	if err != nil {
		fmt.Fprintf(stderr, "postage: ticket book: %v\n", err)
		return &agent.Service{}, func() {}
	}
	a, _ := conn.newAgent(false, nil)
	return a, conn.Close
}
