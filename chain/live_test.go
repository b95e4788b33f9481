package chain_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/internal/backoff"
	"github.com/postage-mail/postage/stake"
)

// countingReader counts the reads that reach the connected reader.
type countingReader struct {
	postage.DepositReader
	n *atomic.Int64
}

func (c countingReader) Deposit(ctx context.Context, ref postage.DepositRef) (postage.Deposit, error) {
	c.n.Add(1)
	return c.DepositReader.Deposit(ctx, ref)
}

func liveWait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestLiveTemperrorWhileDisconnectedThenReconnects(t *testing.T) {
	s := newSimChain(t, time.Hour)
	var attempts atomic.Int64
	var mu sync.Mutex
	var waits []time.Duration
	var reads atomic.Int64
	connected := make(chan *chain.Conn, 1)
	up := make(chan struct{})
	l := &chain.Live{
		Connect: func(ctx context.Context) (*chain.Conn, error) {
			attempts.Add(1)
			select {
			case <-up:
			default:
				return nil, chain.ErrUnreachable
			}
			return &chain.Conn{URL: "sim", ChainID: s.chainID, Contract: s.contract, Reader: chain.NewReader(s.contract)}, nil
		},
		Wrap:      func(d postage.DepositReader) postage.DepositReader { return countingReader{d, &reads} },
		OnConnect: func(c *chain.Conn) { connected <- c },
		OnError: func(err error, wait time.Duration) {
			if !errors.Is(err, chain.ErrUnreachable) {
				t.Errorf("OnError got %v, want the Connect error", err)
			}
			mu.Lock()
			waits = append(waits, wait)
			mu.Unlock()
		},
		Backoff: backoff.Policy{Min: time.Millisecond, Max: 4 * time.Millisecond},
		Watch:   chain.WatchOptions{Interval: 20 * time.Millisecond},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); l.Run(ctx) }()

	ref := postage.DepositRef{ContractRef: postage.ContractRef{ChainID: s.chainID.Uint64(), Address: stake.Address(s.contract.Address())}, ID: stake.Hash{1}}
	liveWait(t, "three failed attempts", func() bool { return attempts.Load() >= 3 })
	if _, err := l.Deposit(ctx, ref); !errors.Is(err, chain.ErrNotConnected) {
		t.Fatalf("Deposit while disconnected = %v, want ErrNotConnected", err)
	}
	if _, err := l.Burned(ctx, ref, 0); !errors.Is(err, chain.ErrNotConnected) {
		t.Fatalf("Burned while disconnected = %v, want ErrNotConnected", err)
	}
	if _, ok := l.Ref(); ok {
		t.Fatal("Ref reported a contract while disconnected")
	}
	if _, _, ok := l.Stats(); ok {
		t.Fatal("Stats reported connected while disconnected")
	}

	close(up)
	c := <-connected
	if got, ok := l.Ref(); !ok || got != c.Ref() || got != ref.ContractRef {
		t.Fatalf("Ref = %v, %v; want %v", got, ok, ref.ContractRef)
	}
	d, err := l.Deposit(ctx, ref)
	if err != nil || d.Status != postage.DepositNone {
		t.Fatalf("Deposit once connected = %+v, %v; want none, nil", d, err)
	}
	if reads.Load() != 1 {
		t.Fatalf("%d reads reached the wrapped reader, want 1", reads.Load())
	}
	// The contract answers now: a deposit it does not hold is its revert,
	// no longer "not connected".
	if _, err := l.Burned(ctx, ref, 0); !errors.Is(err, chain.ErrReverted) {
		t.Fatalf("Burned of an unknown deposit once connected = %v, want the contract's revert", err)
	}
	mu.Lock()
	if len(waits) < 3 || waits[0] != time.Millisecond || waits[1] != 2*time.Millisecond {
		t.Errorf("waits %v, want 1ms, 2ms, 4ms, ...", waits)
	}
	mu.Unlock()

	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
	if _, err := l.Deposit(context.Background(), ref); !errors.Is(err, chain.ErrNotConnected) {
		t.Fatalf("Deposit after stop = %v, want ErrNotConnected", err)
	}
}

func TestLiveStopsWhileRetrying(t *testing.T) {
	l := &chain.Live{
		Connect: func(ctx context.Context) (*chain.Conn, error) { return nil, chain.ErrUnreachable },
		Backoff: backoff.Policy{Min: time.Hour, Max: time.Hour},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); l.Run(ctx) }()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return while waiting to retry")
	}
}

// A message that arrives while Live's first attempt is still under way
// waits for it, and then finds the contract connected; once an attempt has
// ended (here a failed one), nobody waits any more.
func TestLiveAwaitFirstAttempt(t *testing.T) {
	s := newSimChain(t, time.Hour)
	release := make(chan struct{})
	fail := make(chan bool, 1)
	l := &chain.Live{
		Connect: func(ctx context.Context) (*chain.Conn, error) {
			<-release
			if <-fail {
				return nil, chain.ErrUnreachable
			}
			return &chain.Conn{URL: "sim", ChainID: s.chainID, Contract: s.contract, Reader: chain.NewReader(s.contract)}, nil
		},
		Backoff: backoff.Policy{Min: time.Hour, Max: time.Hour},
		Watch:   chain.WatchOptions{Interval: 20 * time.Millisecond},
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); l.Run(ctx) }()

	// Still connecting: the wait lasts as long as the message's context.
	short, cancelShort := context.WithTimeout(ctx, 50*time.Millisecond)
	t0 := time.Now()
	l.AwaitFirstAttempt(short)
	cancelShort()
	if time.Since(t0) < 40*time.Millisecond {
		t.Fatal("AwaitFirstAttempt returned before the first attempt ended or its context did")
	}

	waited := make(chan bool)
	go func() {
		l.AwaitFirstAttempt(ctx)
		_, ok := l.Ref()
		waited <- ok
	}()
	fail <- false
	close(release)
	select {
	case ok := <-waited:
		if !ok {
			t.Fatal("after the first attempt connected, Ref reports no contract")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("AwaitFirstAttempt did not return after the first attempt connected")
	}
	cancel()
	<-done

	// A first attempt that fails ends the waiting too.
	l2 := &chain.Live{
		Connect: func(ctx context.Context) (*chain.Conn, error) { return nil, chain.ErrUnreachable },
		Backoff: backoff.Policy{Min: time.Hour, Max: time.Hour},
	}
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	go l2.Run(ctx2)
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	l2.AwaitFirstAttempt(wctx)
	if wctx.Err() != nil {
		t.Fatal("AwaitFirstAttempt still waiting after a failed first attempt")
	}
	if _, ok := l2.Ref(); ok {
		t.Fatal("Ref reports a contract after a failed attempt")
	}
}
