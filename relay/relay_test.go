package relay

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// A recipient with no account asks the relay; the same leaf asked twice is
// one request, and three leaves asked within the batch window go out in
// one burnBatch transaction that pays the relay three bounties.
func TestBurnDedupAndBatch(t *testing.T) {
	c := getChain(t)
	_, relayOpts := c.account(t)
	// OnBurned hears of each burned leaf once, before its request reads
	// burned (serve's milter cache, docs/stake-stamp.md 6.2).
	var told sync.Map // "id/index" -> times told
	var early atomic.Bool
	o := testOptions("relay.test")
	var r *Relay
	var ids []string
	o.OnBurned = func(id common.Hash, index uint64) {
		n, _ := told.LoadOrStore(fmt.Sprintf("%s/%d", id, index), new(atomic.Int32))
		n.(*atomic.Int32).Add(1)
		for _, rid := range ids {
			if state(t, r, rid).State == StateBurned {
				early.Store(true)
			}
		}
	}
	r = c.openRelay(t, filepath.Join(t.TempDir(), "relay.db"), relayOpts, o)
	defer r.Close()
	cl := serveHTTP(t, r)

	bounty := milliEth(1) // 0.001 ETH of each 0.01 ETH leaf
	d := c.deposit(t, milliEth(10), bounty, "a@example.com", "b@example.com", "c@example.com", "d@example.com")
	for i := range 3 {
		res, err := submit(t, cl, r, c.burn(t, d, i))
		if err != nil {
			t.Fatalf("submit leaf %d: %v", i, err)
		}
		if res.Status != StateQueued || res.Duplicate || res.ID != c.burn(t, d, i).ID() {
			t.Fatalf("submit leaf %d: %+v", i, res)
		}
		ids = append(ids, res.ID)
	}
	// The same leaf again, with fresh work: the same request.
	again, err := submit(t, cl, r, c.burn(t, d, 1))
	if err != nil {
		t.Fatal(err)
	}
	if !again.Duplicate || again.ID != ids[1] {
		t.Fatalf("second request for leaf 1: %+v, want duplicate of %s", again, ids[1])
	}

	before := c.balance(t, relayOpts.From)
	stepUntil(t, r, time.Minute, func() bool { return state(t, r, ids[2]).State == StateBurned })
	for i := range 3 {
		n, ok := told.Load(fmt.Sprintf("%s/%d", d.id, i))
		if !ok || n.(*atomic.Int32).Load() != 1 {
			t.Errorf("OnBurned for leaf %d: told %v times, want once", i, n)
		}
	}
	if early.Load() {
		t.Errorf("OnBurned was called after a request already read burned")
	}
	var tx common.Hash
	for i, id := range ids {
		st, err := cl.Status(ctxFor(t, time.Minute), id)
		if err != nil {
			t.Fatal(err)
		}
		if st.Status != StateBurned || st.Bounty != bounty.String() || st.Tx == "" || st.Block == 0 {
			t.Errorf("leaf %d: %+v", i, st)
		}
		if i == 0 {
			tx = common.HexToHash(st.Tx)
		} else if common.HexToHash(st.Tx) != tx {
			t.Errorf("leaf %d burned in %s, leaf 0 in %s: not one batch", i, st.Tx, tx)
		}
		if !c.isBurned(t, d.id, uint32(i)) {
			t.Errorf("leaf %d not burned on chain", i)
		}
	}
	if c.isBurned(t, d.id, 3) {
		t.Error("leaf 3 burned without being asked")
	}
	if n := c.nonce(t, relayOpts.From); n != 1 {
		t.Errorf("relay sent %d transactions, want 1", n)
	}
	after := c.balance(t, relayOpts.From)
	if after.Cmp(before) <= 0 {
		t.Errorf("relay balance %s -> %s: the bounties did not cover the gas", before, after)
	}
	h, err := cl.Health(ctxFor(t, time.Minute))
	if err != nil || h.Status != "ok" || h.Queued != 0 || h.InFlight != 0 || h.Name != "relay.test" || h.Bits != 8 {
		t.Errorf("health: %+v, %v", h, err)
	}
}

// Serve runs the API and the sender together and stops with its context.
func TestServe(t *testing.T) {
	c := getChain(t)
	_, relayOpts := c.account(t)
	r := c.openRelay(t, filepath.Join(t.TempDir(), "relay.db"), relayOpts, testOptions("serve.test"))
	defer r.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Serve(ctx, ln) }()
	cl := &Client{URL: "http://" + ln.Addr().String()}

	d := c.deposit(t, milliEth(10), milliEth(1), "solo@example.com")
	res, err := submit(t, cl, r, c.burn(t, d, 0))
	if err != nil {
		t.Fatal(err)
	}
	st, err := cl.Wait(ctxFor(t, time.Minute), res.ID, 100*time.Millisecond)
	if err != nil || st.Status != StateBurned {
		t.Fatalf("wait: %+v, %v", st, err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop within 10s of its context ending")
	}
	if _, err := cl.Health(ctxFor(t, 5*time.Second)); !errors.Is(err, ErrUnreachable) {
		t.Errorf("health after stop: %v, want unreachable", err)
	}
}
