package chain_test

import (
	"context"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
)

// A burn this process saw mined (serve's own relay) reaches the cache at
// once: without NoteBurned the cache answers from before the burn until
// the watcher's next poll, and the punished message passes again.
func TestNoteBurnedBeforeThePoll(t *testing.T) {
	s := newSimChain(t, 4*24*time.Hour)
	ctx := s.ctx()
	r := chain.NewReader(s.contract)
	r.RPCTimeout = 30 * time.Second
	wctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		// One poll at start, then none for the test's life (reads that
		// miss may still ask for one).
		r.Watch(wctx, chain.WatchOptions{Interval: time.Hour, Stale: time.Hour, MinGap: time.Millisecond})
	}()
	t.Cleanup(func() { stop(); <-done })
	waitFor(ctx, t, "the watcher's first poll", func() bool { return r.Stats().Head > 0 })
	c := s.checker(r, 1)
	d := s.stakeDeposit(1, "a@example.com", "b@example.com", "c@example.com")
	if v := verdict(c, d, 1, "m1"); v.Result != postage.Pass {
		t.Fatalf("fresh deposit: %s", v)
	}
	s.burn(1, d, 1)
	// The window NoteBurned closes: the cache has not polled since.
	if v := verdict(c, d, 1, "m1"); v.Result != postage.Pass {
		t.Fatalf("before the poll the cache should still answer from before the burn: %s", v)
	}
	for range 2 { // told twice (the event comes later too): counted once
		r.NoteBurned(d.id, 1)
	}
	if v := verdict(c, d, 1, "m1"); v.Result != postage.Fail || stakeReason(v) != "burned" {
		t.Fatalf("after NoteBurned: %s, want fail stake=burned", v)
	}
	if v := verdict(c, d, 0, "m0"); v.Result != postage.Pass {
		t.Fatalf("another leaf of the deposit: %s, want pass", v)
	}
	got, err := r.Deposit(ctx, d.id)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.contract.ReadDeposit(ctx, d.id, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.BurnedLeaves != 1 || got.Remaining.Cmp(want.Remaining) != 0 {
		t.Fatalf("cached deposit after NoteBurned: burned %d remaining %s; chain: burned %d remaining %s",
			got.BurnedLeaves, got.Remaining, want.BurnedLeaves, want.Remaining)
	}
}
