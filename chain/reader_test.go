package chain_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
)

// rpcCounter counts HTTP round trips and the JSON-RPC methods in them.
type rpcCounter struct {
	mu       sync.Mutex
	requests int
	methods  map[string]int
}

func (c *rpcCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	var calls []struct{ Method string }
	if bytes.HasPrefix(bytes.TrimSpace(body), []byte("[")) {
		_ = json.Unmarshal(body, &calls)
	} else {
		var one struct{ Method string }
		_ = json.Unmarshal(body, &one)
		calls = append(calls, one)
	}
	c.mu.Lock()
	c.requests++
	for _, m := range calls {
		c.methods[m.Method]++
	}
	c.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (c *rpcCounter) snapshot() (int, map[string]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := make(map[string]int, len(c.methods))
	for k, v := range c.methods {
		m[k] = v
	}
	return c.requests, m
}

func countingClient(ctx context.Context, t *testing.T, url string) (*ethclient.Client, *rpcCounter) {
	t.Helper()
	cnt := &rpcCounter{methods: map[string]int{}}
	ec, _, err := chain.Dial(ctx, url, &http.Client{Transport: cnt})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ec.Close)
	return ec, cnt
}

func waitFor(ctx context.Context, t *testing.T, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		if ctx.Err() != nil {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestReaderRoundTripsAndInvalidation runs against the embedded chain over
// loopback HTTP: a cold read is exactly one HTTP round trip (one eth_call),
// a warm read none, and the contract's events drop the cached state.
func TestReaderRoundTripsAndInvalidation(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	dn, err := devnet.Start(ctx, devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second, Delay: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer dn.Stop(context.Background())
	addr := dn.Deployment().Contract

	plain, _, err := chain.Dial(ctx, dn.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	opts, err := dn.DevTransactor()
	if err != nil {
		t.Fatal(err)
	}
	w := chain.NewWriter(chain.NewContract(plain, addr), opts)
	w.PollInterval = 100 * time.Millisecond
	tr := newTree(t, 2)
	dep, err := w.Deposit(ctx, tr.root(), 2, eth(100), nil)
	if err != nil {
		t.Fatal(err)
	}

	// Without a watcher nothing is cached: every read is one round trip.
	ec, cnt := countingClient(ctx, t, dn.Endpoint())
	cold := chain.NewReader(chain.NewContract(ec, addr))
	before, _ := cnt.snapshot()
	d, err := cold.Deposit(ctx, dep.ID)
	if err != nil || d.Status != chain.StatusActive || d.Leaves != 2 {
		t.Fatalf("cold read: %+v, %v", d, err)
	}
	after, methods := cnt.snapshot()
	if after-before != 1 || methods["eth_call"] != 1 {
		t.Fatalf("cold read took %d round trips (%v), want 1 eth_call", after-before, methods)
	}
	if _, err := cold.Deposit(ctx, dep.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := cnt.snapshot(); n-after != 1 {
		t.Fatalf("unwatched second read took %d round trips, want 1", n-after)
	}
	if st := cold.Stats(); st.Hits != 0 || st.Misses != 2 || st.Live {
		t.Fatalf("unwatched stats %+v", st)
	}

	// With the watcher: cold read one eth_call, warm reads none.
	ec2, cnt2 := countingClient(ctx, t, dn.Endpoint())
	r := chain.NewReader(chain.NewContract(ec2, addr))
	wctx, stopWatch := context.WithCancel(ctx)
	watchDone := make(chan error, 1)
	go func() { watchDone <- r.Watch(wctx, chain.WatchOptions{Interval: 100 * time.Millisecond}) }()
	waitFor(ctx, t, "the watcher", func() bool { return r.Stats().Live })

	calls := func() int { _, m := cnt2.snapshot(); return m["eth_call"] }
	if _, err := r.Deposit(ctx, dep.ID); err != nil {
		t.Fatal(err)
	}
	if got := calls(); got != 1 {
		t.Fatalf("cold read: %d eth_calls", got)
	}
	for range 3 {
		if _, err := r.Deposit(ctx, dep.ID); err != nil {
			t.Fatal(err)
		}
	}
	if burned, err := r.IsBurned(ctx, dep.ID, 0); err != nil || burned {
		t.Fatalf("IsBurned = %v, %v", burned, err)
	}
	if burned, err := r.IsBurned(ctx, dep.ID, 0); err != nil || burned {
		t.Fatalf("IsBurned (warm) = %v, %v", burned, err)
	}
	// The deposit read says no leaf is burned: no leaf read is needed.
	if got := calls(); got != 1 {
		t.Fatalf("after warm reads: %d eth_calls, want 1 (the deposit; its leaves from it)", got)
	}
	if st := r.Stats(); st.Hits != 5 || st.Misses != 1 || !st.Live {
		t.Fatalf("stats %+v, want 5 hits 1 miss", st)
	}

	// A burn is an event: the cached deposit (made before the watcher
	// started, so not known whole) is dropped, the leaf is known burned
	// from the event, and the next reads see the new state.
	if _, err := w.Burn(ctx, dep.ID, tr.secrets[0], 0, tr.proof(t, 0)); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, "the burn's invalidation", func() bool { return r.Stats().Invalidations >= 1 })
	d, err = r.Deposit(ctx, dep.ID)
	if err != nil || d.BurnedLeaves != 1 {
		t.Fatalf("after burn: %+v, %v", d, err)
	}
	if burned, err := r.IsBurned(ctx, dep.ID, 0); err != nil || !burned {
		t.Fatalf("IsBurned after burn = %v, %v", burned, err)
	}
	if got := calls(); got != 2 {
		t.Fatalf("after invalidation: %d eth_calls, want 2 (the deposit again; the leaf from the event)", got)
	}

	inv := r.Stats().Invalidations
	unlock, _, err := w.StartWithdrawal(ctx, dep.ID)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, "the withdrawal's invalidation", func() bool { return r.Stats().Invalidations > inv })
	d, err = r.Deposit(ctx, dep.ID)
	if err != nil || d.Status != chain.StatusWithdrawing || !d.UnlockAt.Equal(unlock) {
		t.Fatalf("after start: %+v, %v (unlock %v)", d, err, unlock)
	}

	// The watcher's own traffic is bounded: a few requests per poll.
	reqs, m := cnt2.snapshot()
	if watcher := reqs - m["eth_call"]; watcher > 200 {
		t.Fatalf("watcher made %d requests in a few seconds", watcher)
	}

	// Once the watcher stops, the cache is no longer trusted.
	stopWatch()
	if err := <-watchDone; !errors.Is(err, context.Canceled) {
		t.Fatalf("Watch returned %v", err)
	}
	if r.Stats().Live {
		t.Fatal("cache still live after the watcher stopped")
	}
	before = calls()
	if _, err := r.Deposit(ctx, dep.ID); err != nil {
		t.Fatal(err)
	}
	if calls() != before+1 {
		t.Fatal("read served from an unwatched cache")
	}
}

// TestReaderReorgFlushesCache: when the block the watcher last saw is no
// longer canonical, everything cached may come from dropped blocks.
func TestReaderReorgFlushesCache(t *testing.T) {
	s := newSimChain(t, time.Hour)
	ctx := s.ctx()
	before := s.head()
	tr := newTree(t, 1)
	r := chain.NewReader(s.contract)
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	go r.Watch(wctx, chain.WatchOptions{Interval: 20 * time.Millisecond})
	waitFor(ctx, t, "the watcher", func() bool { return r.Stats().Live })

	dep, err := s.writer(0).Deposit(ctx, tr.root(), 1, eth(100), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Let the watcher pass the deposit's block: its Deposited event puts
	// it in the cache.
	waitFor(ctx, t, "the deposit's block", func() bool { return r.Stats().Head >= dep.Receipt.BlockNumber.Uint64() })
	if d, err := r.Deposit(ctx, dep.ID); err != nil || d.Status != chain.StatusActive {
		t.Fatalf("before reorg: %+v, %v", d, err)
	}
	if d, err := r.Deposit(ctx, dep.ID); err != nil || d.Status != chain.StatusActive {
		t.Fatalf("cached before reorg: %+v, %v", d, err)
	}
	if st := r.Stats(); st.Hits != 2 || st.Misses != 0 || st.Updates == 0 {
		t.Fatalf("the deposit was not cached from its event: %+v", st)
	}

	// Replace the deposit's block with two empty ones.
	s.pauseMiner()
	if err := s.sim.Fork(before.Hash()); err != nil {
		t.Fatal(err)
	}
	s.sim.Rollback()
	for range 3 {
		if err := s.sim.AdjustTime(time.Second); err != nil {
			t.Fatal(err)
		}
	}
	if d, err := s.contract.ReadDeposit(ctx, dep.ID, nil); err != nil || d.Status != chain.StatusNone {
		t.Fatalf("the reorg did not drop the deposit: %+v, %v", d, err)
	}
	// The cache must not keep answering Active.
	waitFor(ctx, t, "the reorg to be noticed", func() bool {
		d, err := r.Deposit(ctx, dep.ID)
		return err == nil && d.Status == chain.StatusNone
	})
}
