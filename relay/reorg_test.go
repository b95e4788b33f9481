package relay

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"path/filepath"
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

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/stake"
)

// simEnv is go-ethereum's simulated backend with the deposit contract:
// every sent transaction is mined at once in its own block, and a test
// can rewind the chain (Fork) to play a reorganisation or a node that
// lost its last blocks in a crash.
type simEnv struct {
	t        *testing.T
	sim      *simulated.Backend
	cl       *simClient
	chainID  *big.Int
	keys     []*ecdsa.PrivateKey
	contract common.Address
}

type simClient struct {
	simulated.Client
	sim *simulated.Backend
	mu  sync.Mutex
	// sent counts SendTransaction calls per transaction hash.
	sent map[common.Hash]int
}

func (c *simClient) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent[tx.Hash()]++
	if err := c.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	c.sim.Commit()
	return nil
}

func (c *simClient) sends(h common.Hash) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sent[h]
}

func newSimEnv(t *testing.T) *simEnv {
	t.Helper()
	e := &simEnv{t: t}
	alloc := types.GenesisAlloc{}
	for i := range 4 {
		k, err := crypto.ToECDSA(crypto.Keccak256([]byte(fmt.Sprintf("relay sim account %d", i))))
		if err != nil {
			t.Fatal(err)
		}
		e.keys = append(e.keys, k)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether))}
	}
	cfg := *params.AllDevChainProtocolChanges
	cfg.BPO1Time, cfg.BPO2Time, cfg.BPO3Time, cfg.BPO4Time, cfg.BPO5Time = nil, nil, nil, nil, nil
	cfg.AmsterdamTime, cfg.BogotaTime, cfg.UBTTime = nil, nil, nil
	e.sim = simulated.NewBackend(alloc, func(_ *node.Config, ec *ethconfig.Config) {
		ec.Genesis.Config = &cfg
	})
	t.Cleanup(func() { _ = e.sim.Close() })
	e.cl = &simClient{Client: e.sim.Client(), sim: e.sim, sent: map[common.Hash]int{}}
	e.chainID = cfg.ChainID
	addr, _, err := chain.Deploy(ctxFor(t, time.Minute), e.cl, e.opts(0), time.Hour)
	if err != nil {
		t.Fatalf("deploy: %v", err)
	}
	e.contract = addr
	return e
}

func (e *simEnv) opts(i int) *bind.TransactOpts { return bind.NewKeyedTransactor(e.keys[i], e.chainID) }

// deposit is a deposit by account 1 for rcpts, 0.01 ETH a leaf with a
// 0.001 ETH bounty, and the burn of each leaf.
func (e *simEnv) deposit(rcpts ...string) (common.Hash, []Burn) {
	t := e.t
	var rs []stake.Recipient
	for _, r := range rcpts {
		rs = append(rs, stake.MustParseRecipient(r))
	}
	b, err := stake.NewBatch(rs, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := chain.NewWriter(chain.NewContract(e.cl, e.contract), e.opts(1))
	w.PollInterval = 10 * time.Millisecond
	res, err := w.Deposit(ctxFor(t, time.Minute), common.Hash(b.Root()), b.Len(), new(big.Int).Mul(milliEth(10), big.NewInt(int64(len(rs)))), milliEth(1))
	if err != nil {
		t.Fatal(err)
	}
	var burns []Burn
	for i := range rs {
		st, err := b.Stamp(uint32(i), e.chainID.Uint64(), stake.Address(e.contract), stake.Address(e.opts(1).From))
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := st.Check(rs[i])
		if err != nil {
			t.Fatal(err)
		}
		proof := make([]common.Hash, len(st.Proof))
		for k, p := range st.Proof {
			proof[k] = common.Hash(p)
		}
		burns = append(burns, Burn{ChainID: e.chainID.Uint64(), Contract: e.contract, DepositID: res.ID, Secret: common.Hash(secret), Index: st.Index, Proof: proof})
	}
	return res.ID, burns
}

func (e *simEnv) openRelay(path string) *Relay {
	e.t.Helper()
	r, err := Open(ctxFor(e.t, time.Minute), path, Chain{Backend: e.cl, Contract: e.contract, Signer: e.opts(3)}, testOptions("reorg.test"))
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

func (e *simEnv) isBurned(id common.Hash, index uint32) bool {
	e.t.Helper()
	b, err := chain.NewReader(chain.NewContract(e.cl, e.contract)).IsBurned(ctxFor(e.t, time.Minute), id, uint64(index))
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// rewind drops the chain's blocks from number on, and the transactions
// in them (as a node that lost its last blocks does), then mines empty
// blocks past the old head.
func (e *simEnv) rewind(number uint64) {
	e.t.Helper()
	ctx := ctxFor(e.t, time.Minute)
	head, err := e.cl.HeaderByNumber(ctx, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	parent, err := e.cl.HeaderByNumber(ctx, new(big.Int).SetUint64(number-1))
	if err != nil {
		e.t.Fatal(err)
	}
	e.cl.mu.Lock()
	defer e.cl.mu.Unlock()
	if err := e.sim.Fork(parent.Hash()); err != nil {
		e.t.Fatalf("fork at block %d: %v", number-1, err)
	}
	// The pool takes back the dropped blocks' transactions: lose them.
	e.sim.Rollback()
	for range head.Number.Uint64() - number + 2 {
		e.sim.Commit()
	}
}

// A burn the relay recorded as mined is lost when the chain rewinds
// (while the relay runs, and again while it is stopped). Each time the
// relay notices, sends the very same signed transaction once more, and
// the leaf is burned; its account never signs a second transaction for
// the leaf.
func TestReorgLostBurnResentOnce(t *testing.T) {
	e := newSimEnv(t)
	id, burns := e.deposit("a@example.com", "b@example.com")
	path := filepath.Join(t.TempDir(), "relay.db")
	r := e.openRelay(path)
	cl := serveHTTP(t, r)
	if _, err := submit(t, cl, r, burns[0]); err != nil {
		t.Fatal(err)
	}
	stepUntil(t, r, time.Minute, func() bool { return state(t, r, burns[0].ID()).State == StateBurned })
	first := state(t, r, burns[0].ID())
	if !e.isBurned(id, 0) || e.cl.sends(first.Tx) != 1 {
		t.Fatalf("first burn: on chain %v, broadcast %d times", e.isBurned(id, 0), e.cl.sends(first.Tx))
	}

	// The chain loses the block with the burn while the relay runs.
	e.rewind(first.Block)
	if e.isBurned(id, 0) {
		t.Fatal("the rewind did not lose the burn")
	}
	stepUntil(t, r, time.Minute, func() bool {
		s := state(t, r, burns[0].ID())
		return s.State == StateBurned && s.Block != first.Block
	})
	again := state(t, r, burns[0].ID())
	if again.Tx != first.Tx {
		t.Errorf("burned again in %s, first in %s: a second transaction was signed", again.Tx, first.Tx)
	}
	if n := e.cl.sends(first.Tx); n != 2 {
		t.Errorf("the transaction was broadcast %d times, want 2 (once, and once after the rewind)", n)
	}
	if !e.isBurned(id, 0) {
		t.Error("leaf 0 not burned on chain after the relay resent it")
	}

	// The next burn; then the relay stops, and the chain loses that burn
	// while it is down. The restarted relay notices at once.
	if _, err := submit(t, cl, r, burns[1]); err != nil {
		t.Fatal(err)
	}
	stepUntil(t, r, time.Minute, func() bool { return state(t, r, burns[1].ID()).State == StateBurned })
	second := state(t, r, burns[1].ID())
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	e.rewind(second.Block)
	if e.isBurned(id, 1) {
		t.Fatal("the rewind did not lose the second burn")
	}
	r2 := e.openRelay(path)
	defer r2.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r2.Run(ctx) }()
	deadline := time.Now().Add(time.Minute)
	for (!e.isBurned(id, 1) || state(t, r2, burns[1].ID()).State != StateBurned) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !e.isBurned(id, 1) {
		t.Fatal("the restarted relay did not resend the lost burn")
	}
	if s := state(t, r2, burns[1].ID()); s.State != StateBurned || s.Tx != second.Tx {
		t.Errorf("leaf 1 after restart: %s in %s, want burned in %s", s.State, s.Tx, second.Tx)
	}
	if n := e.cl.sends(second.Tx); n != 2 {
		t.Errorf("the second transaction was broadcast %d times, want 2", n)
	}
	nonce, err := e.cl.NonceAt(ctxFor(t, time.Minute), e.opts(3).From, nil)
	if err != nil {
		t.Fatal(err)
	}
	if nonce != 2 {
		t.Errorf("the relay's account has %d transactions mined, want 2 (one per leaf)", nonce)
	}
	if !e.isBurned(id, 0) {
		t.Error("leaf 0 lost")
	}
}
