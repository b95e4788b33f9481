// Package tbtest runs go-ethereum's simulated backend with the TicketBook
// contract deployed, for the tests of the ticket book's client, agent and
// commands. Every sent transaction is mined at once, in its own block;
// blocks are one second apart, starting far ahead of any wall clock.
package tbtest

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/chain/ticketbook"
)

// Accounts is how many funded accounts a Chain has.
const Accounts = 6

// Chain is a simulated chain with a TicketBook.
type Chain struct {
	t        testing.TB
	Sim      *simulated.Backend
	Client   *Client
	ChainID  *big.Int
	Keys     []*ecdsa.PrivateKey
	Contract *ticketbook.Contract
	Params   ticketbook.Params
}

// Client is the simulated client with every sent transaction mined at once.
type Client struct {
	simulated.Client
	sim *simulated.Backend
	mu  sync.Mutex
}

// SendTransaction sends and seals a block with the transaction.
func (c *Client) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	c.sim.Commit()
	return nil
}

// New starts a chain on mainnet's fork schedule (up to Osaka) and deploys
// TicketBook(randomnessDelay, epoch).
func New(t testing.TB, randomnessDelay, epoch uint32) *Chain {
	t.Helper()
	alloc := types.GenesisAlloc{}
	c := &Chain{t: t}
	for i := range Accounts {
		k, err := crypto.ToECDSA(crypto.Keccak256([]byte(fmt.Sprintf("tbtest account %d", i))))
		if err != nil {
			t.Fatal(err)
		}
		c.Keys = append(c.Keys, k)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(1_000_000), big.NewInt(params.Ether))}
	}
	cfg := *params.AllDevChainProtocolChanges
	cfg.BPO1Time, cfg.BPO2Time, cfg.BPO3Time, cfg.BPO4Time, cfg.BPO5Time = nil, nil, nil, nil, nil
	cfg.AmsterdamTime, cfg.BogotaTime, cfg.UBTTime = nil, nil, nil
	c.Sim = simulated.NewBackend(alloc, func(_ *node.Config, ec *ethconfig.Config) {
		ec.Genesis.Config = &cfg
		ec.Genesis.GasLimit = 60_000_000
	})
	t.Cleanup(func() { _ = c.Sim.Close() })
	c.Client = &Client{Client: c.Sim.Client(), sim: c.Sim}
	c.ChainID = cfg.ChainID
	// Far ahead of the wall clock: every later block is its parent + 1s.
	if err := c.Sim.AdjustTime(4_000_000_000 * time.Second); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	opts := c.Opts(0)
	opts.GasLimit = 8_000_000
	addr, _, err := ticketbook.Deploy(ctx, c.Client, opts, randomnessDelay, epoch)
	if err != nil {
		t.Fatal(err)
	}
	c.Contract = ticketbook.NewContract(c.Client, addr)
	if c.Params, err = c.Contract.Check(ctx); err != nil {
		t.Fatal(err)
	}
	return c
}

// Addr is account i's address.
func (c *Chain) Addr(i int) common.Address { return crypto.PubkeyToAddress(c.Keys[i].PublicKey) }

// Opts signs as account i.
func (c *Chain) Opts(i int) *bind.TransactOpts {
	o := bind.NewKeyedTransactor(c.Keys[i], c.ChainID)
	return o
}

// Writer is a ticketbook.Writer for account i that polls fast.
func (c *Chain) Writer(i int) *ticketbook.Writer {
	w := ticketbook.NewWriter(c.Contract, c.Opts(i))
	w.PollInterval = 5 * time.Millisecond
	return w
}

// Head is the latest block number.
func (c *Chain) Head() uint64 {
	c.t.Helper()
	n, err := c.Client.BlockNumber(context.Background())
	if err != nil {
		c.t.Fatal(err)
	}
	return n
}

// Mine seals n empty blocks.
func (c *Chain) Mine(n uint64) {
	c.Client.mu.Lock()
	defer c.Client.mu.Unlock()
	for range n {
		c.Sim.Commit()
	}
}

// MineTo seals empty blocks until the head is at least n.
func (c *Chain) MineTo(n uint64) {
	if h := c.Head(); h < n {
		c.Mine(n - h)
	}
}

// Balance is account a's balance.
func (c *Chain) Balance(a common.Address) *big.Int {
	c.t.Helper()
	b, err := c.Client.BalanceAt(context.Background(), a, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return b
}
