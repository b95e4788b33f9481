package chain_test

import (
	"context"
	"crypto/ecdsa"
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

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/stake"
)

var ether = big.NewInt(params.Ether)

func eth(milli int64) *big.Int { // milli-ether, to keep literals small
	return new(big.Int).Div(new(big.Int).Mul(big.NewInt(milli), ether), big.NewInt(1000))
}

// simChain is go-ethereum's simulated backend with the contract deployed
// and a miner that seals a block as soon as a transaction is sent (so block
// times follow the wall clock until a test moves them).
type simChain struct {
	t        *testing.T
	sim      *simulated.Backend
	cl       mineOnSend
	chainID  *big.Int
	keys     []*ecdsa.PrivateKey
	contract *chain.Contract

	mu        sync.Mutex
	stopMiner func()
}

func newSimChain(t *testing.T, delay time.Duration) *simChain {
	t.Helper()
	s := &simChain{t: t}
	alloc := types.GenesisAlloc{}
	for i := 0; i < 3; i++ {
		k, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		s.keys = append(s.keys, k)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(100), ether)}
	}
	s.sim = simulated.NewBackend(alloc, func(_ *node.Config, ec *ethconfig.Config) {
		// Mainnet's fork schedule, as the embedded chain uses.
		cfg := *params.AllDevChainProtocolChanges
		cfg.AmsterdamTime, cfg.BogotaTime, cfg.UBTTime = nil, nil, nil
		ec.Genesis.Config = &cfg
	})
	t.Cleanup(func() {
		s.pauseMiner()
		_ = s.sim.Close()
	})
	s.cl = mineOnSend{Client: s.sim.Client(), sent: make(chan struct{}, 1)}
	id, err := s.cl.ChainID(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.chainID = id
	s.resumeMiner()
	addr, _, err := chain.Deploy(s.ctx(), s.cl, s.opts(0), delay)
	if err != nil {
		t.Fatalf("deploy: %v", err)
	}
	s.contract = chain.NewContract(s.cl, addr)
	if err := s.contract.Check(s.ctx()); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *simChain) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	s.t.Cleanup(cancel)
	return ctx
}

func (s *simChain) addr(i int) common.Address { return crypto.PubkeyToAddress(s.keys[i].PublicKey) }

func (s *simChain) opts(i int) *bind.TransactOpts {
	return bind.NewKeyedTransactor(s.keys[i], s.chainID)
}

func (s *simChain) writer(i int) *chain.Writer {
	w := chain.NewWriter(s.contract, s.opts(i))
	w.PollInterval = 20 * time.Millisecond
	return w
}

// mineOnSend tells the miner about every sent transaction. (Polling the
// pool's pending count instead lags by more than a second.)
type mineOnSend struct {
	simulated.Client
	sent chan struct{}
}

func (m mineOnSend) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	err := m.Client.SendTransaction(ctx, tx)
	select {
	case m.sent <- struct{}{}:
	default:
	}
	return err
}

// resumeMiner seals a block now (for whatever was sent while paused) and
// then one after every sent transaction.
func (s *simChain) resumeMiner() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopMiner != nil {
		return
	}
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		s.sim.Commit()
		for {
			select {
			case <-stop:
				return
			case <-s.cl.sent:
				s.sim.Commit()
			}
		}
	}()
	s.stopMiner = func() { close(stop); <-done }
}

func (s *simChain) pauseMiner() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopMiner != nil {
		s.stopMiner()
		s.stopMiner = nil
	}
}

func (s *simChain) head() *types.Header {
	h, err := s.cl.HeaderByNumber(context.Background(), nil)
	if err != nil {
		s.t.Fatal(err)
	}
	return h
}

// tree builds a Merkle tree over n random secrets (stake's implementation,
// which the contract must agree with).
type tree struct {
	secrets []common.Hash
	t       *stake.Tree
}

func newTree(t *testing.T, n int) tree {
	t.Helper()
	var tr tree
	leaves := make([]stake.Hash, n)
	for i := range n {
		var s common.Hash
		copy(s[:], crypto.Keccak256([]byte(t.Name()), big.NewInt(int64(i)).Bytes(), []byte(time.Now().String())))
		tr.secrets = append(tr.secrets, s)
		leaves[i] = stake.Leaf(stake.Hash(s))
	}
	st, err := stake.Build(leaves)
	if err != nil {
		t.Fatal(err)
	}
	tr.t = st
	return tr
}

func (tr tree) root() common.Hash { return common.Hash(tr.t.Root()) }

func (tr tree) proof(t *testing.T, i int) []common.Hash {
	p, err := tr.t.Proof(uint32(i))
	if err != nil {
		t.Fatal(err)
	}
	out := make([]common.Hash, len(p))
	for j, h := range p {
		out[j] = common.Hash(h)
	}
	return out
}
