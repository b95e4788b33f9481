package relay

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/stake"
)

// The tests share one embedded chain (go-ethereum's node in this process,
// blocks every second, JSON-RPC on a loopback port) and reach it over
// HTTP, as a relay reaches any node. Each test uses its own accounts and
// deposits, so they do not interfere.
var (
	chainOnce sync.Once
	chainErr  error
	shared    *testChain
	chainDir  string
)

type testChain struct {
	node     *devnet.Chain
	client   *ethclient.Client
	chainID  *big.Int
	contract common.Address

	mu  sync.Mutex // the developer account's nonces
	dev *bind.TransactOpts
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		shared.client.Close()
		_ = shared.node.Stop(ctx)
		cancel()
	}
	if chainDir != "" {
		os.RemoveAll(chainDir)
	}
	os.Exit(code)
}

func getChain(t *testing.T) *testChain {
	t.Helper()
	chainOnce.Do(func() {
		chainDir, chainErr = os.MkdirTemp("", "relay-chain-")
		if chainErr != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		node, err := devnet.Start(ctx, devnet.Config{DataDir: filepath.Join(chainDir, "chain"), Addr: "127.0.0.1:0", Period: time.Second, Delay: 60 * time.Second})
		if err != nil {
			chainErr = fmt.Errorf("start embedded chain: %w", err)
			return
		}
		client, id, err := chain.Dial(ctx, node.Endpoint(), nil)
		if err != nil {
			chainErr = err
			return
		}
		dev, err := node.DevTransactor()
		if err != nil {
			chainErr = err
			return
		}
		shared = &testChain{node: node, client: client, chainID: id, contract: node.Deployment().Contract, dev: dev}
	})
	if chainErr != nil {
		t.Fatal(chainErr)
	}
	return shared
}

func ctxFor(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func milliEth(n int64) *big.Int {
	return new(big.Int).Mul(big.NewInt(n), big.NewInt(params.Ether/1000))
}

// account is a fresh key funded with 1 ETH by the developer account.
func (c *testChain) account(t *testing.T) (*ecdsa.PrivateKey, *bind.TransactOpts) {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	opts := bind.NewKeyedTransactor(key, c.chainID)
	c.fund(t, opts.From, milliEth(1000))
	return key, opts
}

func (c *testChain) fund(t *testing.T, to common.Address, value *big.Int) {
	t.Helper()
	ctx := ctxFor(t, time.Minute)
	c.mu.Lock()
	nonce, err := c.client.PendingNonceAt(ctx, c.dev.From)
	if err != nil {
		c.mu.Unlock()
		t.Fatal(err)
	}
	tip := big.NewInt(params.GWei)
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: c.chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: big.NewInt(10 * params.GWei), Gas: 21000, To: &to, Value: value})
	signed, err := c.dev.Signer(c.dev.From, tx)
	if err == nil {
		err = c.client.SendTransaction(ctx, signed)
	}
	c.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, c.client, signed.Hash()); err != nil {
		t.Fatal(err)
	}
}

// sendFrom mines a plain transfer to itself from opts's account with the
// given nonce.
func (c *testChain) sendFrom(t *testing.T, opts *bind.TransactOpts, nonce uint64) {
	t.Helper()
	ctx := ctxFor(t, time.Minute)
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: c.chainID, Nonce: nonce, GasTipCap: big.NewInt(params.GWei), GasFeeCap: big.NewInt(10 * params.GWei), Gas: 21000, To: &opts.From})
	signed, err := opts.Signer(opts.From, tx)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.client.SendTransaction(ctx, signed); err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, c.client, signed.Hash()); err != nil {
		t.Fatal(err)
	}
}

// deposit is a deposit by a fresh creator for rcpts, with a bounty per leaf.
type deposit struct {
	batch   *stake.Batch
	creator common.Address
	id      common.Hash
	rcpts   []stake.Recipient
	value   *big.Int
	// opts signs as the creator.
	opts *bind.TransactOpts
}

func (c *testChain) deposit(t *testing.T, perLeaf, bounty *big.Int, rcpts ...string) *deposit {
	t.Helper()
	var rs []stake.Recipient
	for _, r := range rcpts {
		rs = append(rs, stake.MustParseRecipient(r))
	}
	b, err := stake.NewBatch(rs, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, opts := c.account(t)
	w := chain.NewWriter(chain.NewContract(c.client, c.contract), opts)
	w.PollInterval = 100 * time.Millisecond
	value := new(big.Int).Mul(perLeaf, big.NewInt(int64(len(rs))))
	res, err := w.Deposit(ctxFor(t, time.Minute), common.Hash(b.Root()), b.Len(), value, bounty)
	if err != nil {
		t.Fatal(err)
	}
	return &deposit{batch: b, creator: opts.From, id: res.ID, rcpts: rs, value: value, opts: opts}
}

// burn is recipient i's burn request, as a recipient derives it from its
// stake stamp.
func (c *testChain) burn(t *testing.T, d *deposit, i int) Burn {
	t.Helper()
	st, err := d.batch.Stamp(uint32(i), c.chainID.Uint64(), stake.Address(c.contract), stake.Address(d.creator))
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := st.Check(d.rcpts[i])
	if err != nil {
		t.Fatal(err)
	}
	proof := make([]common.Hash, len(st.Proof))
	for k, p := range st.Proof {
		proof[k] = common.Hash(p)
	}
	return Burn{ChainID: c.chainID.Uint64(), Contract: c.contract, DepositID: common.Hash(st.DepositID()), Secret: common.Hash(secret), Index: st.Index, Proof: proof}
}

func (c *testChain) isBurned(t *testing.T, id common.Hash, index uint32) bool {
	t.Helper()
	b, err := chain.NewReader(chain.NewContract(c.client, c.contract)).IsBurned(ctxFor(t, time.Minute), id, uint64(index))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// nonce is how many transactions addr has had mined.
func (c *testChain) nonce(t *testing.T, addr common.Address) uint64 {
	t.Helper()
	n, err := c.client.NonceAt(ctxFor(t, time.Minute), addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (c *testChain) balance(t *testing.T, addr common.Address) *big.Int {
	t.Helper()
	b, err := c.client.BalanceAt(ctxFor(t, time.Minute), addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// testOptions are fast settings: 8-bit stamps, a short batch window,
// quick polling and retries.
func testOptions(name string) Options {
	return Options{
		Name:          name,
		Bits:          8,
		MarginPercent: 50,
		BatchWait:     300 * time.Millisecond,
		PollInterval:  100 * time.Millisecond,
		RetryMin:      200 * time.Millisecond,
		RetryMax:      time.Second,
		Rebroadcast:   2 * time.Second,
	}
}

// openRelay opens a relay on the shared chain with the queue at path,
// signing with opts.
func (c *testChain) openRelay(t *testing.T, path string, opts *bind.TransactOpts, o Options) *Relay {
	t.Helper()
	r, err := Open(ctxFor(t, time.Minute), path, Chain{Backend: c.client, Contract: c.contract, Signer: opts}, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// serveHTTP serves r's API on a loopback port (no sender) and returns a
// client of it.
func serveHTTP(t *testing.T, r *Relay) *Client {
	t.Helper()
	srv := httptest.NewServer(r.Handler())
	t.Cleanup(srv.Close)
	return &Client{URL: srv.URL}
}

// submit mints a stamp for b at r and submits it.
func submit(t *testing.T, cl *Client, r *Relay, b Burn) (SubmitResponse, error) {
	t.Helper()
	work, err := Mint(ctxFor(t, time.Minute), b, r.opts.Name, r.opts.Bits)
	if err != nil {
		t.Fatal(err)
	}
	return cl.Submit(ctxFor(t, time.Minute), b, work)
}

// stepUntil runs the sender until cond holds (at most d).
func stepUntil(t *testing.T, r *Relay, d time.Duration, cond func() bool) {
	t.Helper()
	ctx := ctxFor(t, d)
	for !cond() {
		if ctx.Err() != nil {
			t.Fatalf("condition not met within %v", d)
		}
		wait := r.step(ctx)
		select {
		case <-ctx.Done():
		case <-time.After(min(wait, 200*time.Millisecond)):
		}
	}
}

func state(t *testing.T, r *Relay, id string) *record {
	t.Helper()
	rec, err := r.store.get(id)
	if err != nil {
		t.Fatal(err)
	}
	if rec == nil {
		t.Fatalf("request %s not in the queue", id)
	}
	return rec
}
