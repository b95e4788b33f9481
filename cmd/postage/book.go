package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/internal/atomicfile"
	"github.com/postage-mail/postage/stake"
)

// bookDeployment is what `postage book deploy` records of the TicketBook
// contract, in <book dir>/deployment.json.
type bookDeployment struct {
	ChainID         uint64         `json:"chainId"`
	Contract        common.Address `json:"contract"`
	RandomnessDelay uint32         `json:"randomnessDelay"`
	Epoch           uint32         `json:"epoch"`
	Block           uint64         `json:"block"`
	TxHash          common.Hash    `json:"txHash"`
}

func bookDeploymentPath(s config.BookSettings) string { return filepath.Join(s.Dir, "deployment.json") }

func readBookDeployment(s config.BookSettings) (bookDeployment, error) {
	var d bookDeployment
	raw, err := os.ReadFile(bookDeploymentPath(s))
	if err != nil {
		return d, err
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return d, fmt.Errorf("%s: %w", bookDeploymentPath(s), err)
	}
	return d, nil
}

func writeBookDeployment(s config.BookSettings, d bookDeployment) error {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return err
	}
	return atomicfile.WriteJSON(bookDeploymentPath(s), d, 0o600)
}

// bookConn is a connection to the TicketBook contract.
type bookConn struct {
	*chainConn // client, chain id and signing; its deposit contract may be nil
	settings   config.BookSettings
	book       *ticketbook.Contract
	params     ticketbook.Params
	blockTime  time.Duration // book.block_time, else measured
}

// errNoBookContract: no TicketBook configured or recorded for this chain.
var errNoBookContract = errors.New("no ticket book contract: set book.contract, or run `postage book deploy`")

// connectBook dials the chain and finds the TicketBook: book.contract,
// else the deployment `postage book deploy` recorded for this chain.
func connectBook(ctx context.Context, cfg *config.Config, rpc string) (*bookConn, error) {
	s, err := cfg.BookSettings()
	if err != nil {
		return nil, err
	}
	c, err := dialChain(ctx, cfg, rpc)
	if err != nil {
		return nil, err
	}
	addr := s.Contract
	if addr == (common.Address{}) {
		d, err := readBookDeployment(s)
		switch {
		case errors.Is(err, os.ErrNotExist):
			c.Close()
			return nil, errNoBookContract
		case err != nil:
			c.Close()
			return nil, err
		case d.ChainID != c.chainID.Uint64():
			c.Close()
			return nil, fmt.Errorf("the recorded ticket book contract is on chain %d, connected to %d: %w", d.ChainID, c.chainID, errNoBookContract)
		}
		addr = d.Contract
	}
	bc := &bookConn{chainConn: c, settings: s, book: ticketbook.NewContract(c.client, addr), blockTime: s.BlockTime}
	if bc.params, err = bc.book.Check(ctx); err != nil {
		c.Close()
		return nil, fmt.Errorf("ticket book contract %s on chain %d: %w", addr, c.chainID, err)
	}
	// Follow only a genuine build of TicketBook (chain/canonical).
	if p := bc.params; p.RandomnessDelay > math.MaxUint32 || p.Epoch > math.MaxUint32 {
		c.Close()
		return nil, fmt.Errorf("ticket book contract %s on chain %d: refusing to follow it: parameters %+v out of range", addr, c.chainID, p)
	} else if err := canonical.VerifyTicketBook(ctx, c.client, addr, uint32(p.RandomnessDelay), uint32(p.Epoch)); err != nil {
		c.Close()
		return nil, fmt.Errorf("ticket book contract %s on chain %d: refusing to follow it: %w", addr, c.chainID, err)
	}
	if bc.blockTime == 0 {
		if bc.blockTime, err = measureBlockTime(ctx, c); err != nil {
			c.Close()
			return nil, err
		}
	}
	return bc, nil
}

// measureBlockTime is the chain's average block period over its last
// 1,000 blocks, genesis left out (12s, Ethereum's slot, while it has
// fewer than 10 others).
func measureBlockTime(ctx context.Context, c *chainConn) (time.Duration, error) {
	head, err := c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("measure the block time: %w", err)
	}
	n := head.Number.Uint64()
	if n < 11 {
		return 12 * time.Second, nil
	}
	back := min(n-1, 1000) // not the genesis block: its time is arbitrary
	old, err := c.client.HeaderByNumber(ctx, new(big.Int).SetUint64(n-back))
	if err != nil {
		return 0, fmt.Errorf("measure the block time: %w", err)
	}
	d := time.Duration(head.Time-old.Time) * time.Second / time.Duration(back)
	return max(d, time.Second), nil
}

// bookWriter signs TicketBook transactions with the configured account.
func (b *bookConn) bookWriter() (*ticketbook.Writer, error) {
	opts, err := b.transactor()
	if err != nil {
		return nil, err
	}
	return ticketbook.NewWriter(b.book, opts), nil
}

// vaultPassphrase is the passphrase the vaults are sealed with: the
// keystore passphrase of the signing account (chain.password_file or
// $POSTAGE_PASSWORD_FILE), else the embedded chain's developer account's.
func vaultPassphrase(cfg *config.Config) (string, error) {
	path := passwordFile(cfg)
	if path == "" {
		if dev, err := devnet.ReadDevAccount(chainDir(cfg)); err == nil {
			path = dev.PassphraseFile
		}
	}
	if path == "" {
		return "", errors.New("no passphrase for the ticket vaults: set chain.password_file or POSTAGE_PASSWORD_FILE")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read passphrase: %w", err)
	}
	p := strings.TrimRight(string(raw), "\r\n")
	if p == "" {
		return "", fmt.Errorf("passphrase file %s is empty", path)
	}
	return p, nil
}

// newAgent is the agent of this host's books. withSecrets adds the vault
// passphrase and a sender (the configured account, paying the gas, or
// the relay of book.relay), which deciding tickets needs; verifying and
// punishing do not.
func (b *bookConn) newAgent(withSecrets bool, logger *slog.Logger) (*agent.Agent, error) {
	s := b.settings
	a := &agent.Agent{
		Dir: s.Dir, Contract: b.book, ChainID: b.chainID.Uint64(), Params: b.params,
		Decision: s.DecisionDelay, BlockTime: b.blockTime, History: s.History, Margin: s.Margin, Logger: logger,
	}
	if os.Getenv("POSTAGE_TEST_LIGHT_SCRYPT") == "1" {
		a.Scrypt = agent.LightScrypt // tests: a second per vault key is too slow
	}
	if withSecrets {
		p, err := vaultPassphrase(b.cfg)
		if err != nil {
			return nil, err
		}
		a.Passphrase = p
		if s.Relay != "" {
			rs, err := b.relayedSender(p)
			if err != nil {
				return nil, err
			}
			a.Sender = rs
			return a, nil
		}
		w, err := b.bookWriter()
		if err != nil {
			return nil, err
		}
		a.Sender = w
	}
	return a, nil
}

// bookAgentForPunish is an agent that can only erase: no chain needed.
func bookAgentForPunish(cfg *config.Config) (*agent.Agent, error) {
	s, err := cfg.BookSettings()
	if err != nil {
		return nil, err
	}
	return &agent.Agent{Dir: s.Dir}, nil
}

// deployBook deploys a TicketBook with the [book] parameters at its
// canonical address (chain/canonical; found there if already deployed) and
// records it.
func deployBook(ctx context.Context, c *chainConn, s config.BookSettings) (bookDeployment, error) {
	opts, err := c.transactor()
	if err != nil {
		return bookDeployment{}, err
	}
	dep, err := canonical.DeployTicketBook(ctx, c.client, opts, s.RandomnessDelay, s.Epoch)
	if err != nil {
		return bookDeployment{}, err
	}
	d := bookDeployment{ChainID: c.chainID.Uint64(), Contract: dep.Address, RandomnessDelay: s.RandomnessDelay, Epoch: s.Epoch, TxHash: dep.Tx}
	if dep.Tx != (common.Hash{}) {
		if r, err := c.client.TransactionReceipt(ctx, dep.Tx); err == nil {
			d.Block = r.BlockNumber.Uint64()
		}
	}
	return d, writeBookDeployment(s, d)
}

// bookService runs the agent inside `postage milter` / `postage serve`:
// it connects in the background (retrying while the chain is down; on the
// embedded chain it deploys the TicketBook on first start), then verifies
// tickets for the milter and, when the vault passphrase is at hand,
// decides them every book.tick.
type bookService struct {
	cfg *config.Config
	rpc string
	log *slog.Logger

	mu sync.Mutex
	a  *agent.Agent
}

func startBookService(ctx context.Context, wg *sync.WaitGroup, cfg *config.Config, rpc string, logger *slog.Logger) *bookService {
	b := &bookService{cfg: cfg, rpc: rpc, log: logger}
	wg.Add(1)
	go func() {
		defer wg.Done()
		b.run(ctx)
	}()
	return b
}

// verifier is the milter's TicketVerifier: the agent once connected, and
// until then one that answers "cannot check now" (temperror).
func (b *bookService) verifier() postage.TicketVerifier {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.a == nil {
		return notConnected{}
	}
	return b.a
}

type notConnected struct{}

func (notConnected) VerifyTicket(context.Context, string, string, stake.Recipient) (postage.TicketVerdict, error) {
	return postage.TicketVerdict{}, errors.New("ticket book contract not reached yet")
}

func (b *bookService) run(ctx context.Context) {
	delay := time.Second
	var conn *bookConn
	for {
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		var err error
		conn, err = connectBook(cctx, b.cfg, b.rpc)
		if errors.Is(err, errNoBookContract) {
			if c, derr := dialChain(cctx, b.cfg, b.rpc); derr == nil {
				if c.embedded {
					s, _ := b.cfg.BookSettings()
					var d bookDeployment
					if d, err = deployBook(cctx, c, s); err == nil {
						b.log.Info("deployed the ticket book contract", "address", d.Contract, "chain_id", d.ChainID)
						conn, err = connectBook(cctx, b.cfg, b.rpc)
					}
				}
				c.Close()
			}
		}
		cancel()
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			return
		}
		b.log.Warn("ticket book contract unreachable; tickets are temperror until it answers", "err", err, "retry_in", delay)
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		delay = min(2*delay, 30*time.Second)
	}
	defer conn.Close()
	a, err := conn.newAgent(true, b.log)
	if err != nil {
		b.log.Warn("the agent verifies tickets but cannot decide them here (run `postage book agent`)", "err", err)
		if a, err = conn.newAgent(false, b.log); err != nil {
			b.log.Error("ticket agent", "err", err)
			return
		}
	}
	b.mu.Lock()
	b.a = a
	b.mu.Unlock()
	b.log.Info("ticket book agent", "contract", conn.book.Address(), "chain_id", conn.chainID, "deciding", a.Sender != nil)
	if a.Sender == nil {
		<-ctx.Done()
		return
	}
	a.Run(ctx, conn.settings.Tick)
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
		return notConnected{}, func() {}
	}
	a, err := conn.newAgent(false, nil)
	if err != nil {
		conn.Close()
		fmt.Fprintf(stderr, "postage: ticket book: %v\n", err)
		return notConnected{}, func() {}
	}
	return a, conn.Close
}
