package chain_test

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/postage-mail/postage/chain"
)

// hangProxy forwards TCP connections on loopback to upstream, and while
// hung forwards nothing: the endpoint accepts connections and requests but
// never answers, as a stopped chain process (SIGSTOP) does.
type hangProxy struct {
	ln       net.Listener
	upstream string
	hung     atomic.Bool
	wg       sync.WaitGroup
	mu       sync.Mutex
	conns    []net.Conn
}

func startHangProxy(t *testing.T, upstream string) *hangProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &hangProxy{ln: ln, upstream: upstream}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", upstream)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, u)
			p.mu.Unlock()
			p.wg.Add(2)
			go func() { defer p.wg.Done(); p.pipe(u, c) }()
			go func() { defer p.wg.Done(); p.pipe(c, u) }()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		for _, c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
		p.wg.Wait()
	})
	return p
}

func (p *hangProxy) url() string { return "http://" + p.ln.Addr().String() }

func (p *hangProxy) pipe(dst, src net.Conn) {
	defer dst.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		for n > 0 && p.hung.Load() {
			time.Sleep(5 * time.Millisecond)
		}
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				src.Close()
			}
			return
		}
	}
}

// Issue 12, the chain hung: reads fail within the reader's bound (well
// under a milter timeout), the watcher's health drops at once, and once
// the chain is known down the cache answers nothing it cannot re-check.
// When the chain answers again, so does the reader.
func TestReaderChainHung(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	ec, url := startGethURL(ctx, t)
	id, err := ec.ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	key, err := crypto.HexToECDSA(gethDevKey)
	if err != nil {
		t.Fatal(err)
	}
	opts := bind.NewKeyedTransactor(key, id)
	addr, _, err := chain.Deploy(ctx, ec, opts, 4*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	w := chain.NewWriter(chain.NewContract(ec, addr), opts)
	w.PollInterval = 200 * time.Millisecond
	tr := newTree(t, 2)
	dep, err := w.Deposit(ctx, tr.root(), 2, eth(2), eth(0))
	if err != nil {
		t.Fatal(err)
	}

	// The checker's side reads through the proxy, with the default bound.
	px := startHangProxy(t, strings.TrimPrefix(url, "http://"))
	pc, _, err := chain.Dial(ctx, px.url(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	r := chain.NewReader(chain.NewContract(pc, addr))
	wctx, stopWatch := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() { defer close(watched); r.Watch(wctx, chain.WatchOptions{Interval: 200 * time.Millisecond}) }()
	defer func() { stopWatch(); <-watched }()
	waitFor(ctx, t, "the watcher", func() bool { return r.Stats().Live })
	if d, err := r.Deposit(ctx, dep.ID); err != nil || d.Status != chain.StatusActive {
		t.Fatalf("deposit before the hang: %+v, %v", d, err)
	}
	if _, err := r.IsBurned(ctx, dep.ID, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Deposit(ctx, dep.ID); err != nil || r.Stats().Hits == 0 {
		t.Fatalf("the deposit is not cached: %v, %+v", err, r.Stats())
	}

	// The chain hangs. Within the watcher's interval plus one bounded call
	// the reader knows it is down, and nothing comes from the cache.
	px.hung.Store(true)
	hungAt := time.Now()
	waitFor(ctx, t, "the watcher to notice the hang", func() bool { return r.Stats().Down })
	if took := time.Since(hungAt); took > chain.DefaultRPCTimeout+time.Second {
		t.Errorf("the watcher noticed the hang after %v, want within %v", took, chain.DefaultRPCTimeout+time.Second)
	}
	if r.Stats().Live {
		t.Error("the cache is live with the chain known down")
	}
	start := time.Now()
	if d, err := r.Deposit(ctx, dep.ID); err == nil {
		t.Fatalf("a cached deposit was answered with the chain known down: %+v", d)
	}
	if _, err := r.IsBurned(ctx, dep.ID, 0); err == nil {
		t.Fatal("a cached leaf was answered with the chain known down")
	}
	if took := time.Since(start); took > 100*time.Millisecond {
		t.Errorf("reads with the chain known down took %v, want at once", took)
	}

	// Without the watcher (postage verify) each read is bounded.
	r2 := chain.NewReader(chain.NewContract(pc, addr))
	start = time.Now()
	_, err = r2.Deposit(ctx, dep.ID)
	if took := time.Since(start); err == nil || took > chain.DefaultRPCTimeout+time.Second {
		t.Errorf("read from a hung chain: %v after %v, want an error within %v", err, took, chain.DefaultRPCTimeout)
	}

	// The chain answers again: so does the reader, from a fresh cache.
	px.hung.Store(false)
	waitFor(ctx, t, "the watcher to recover", func() bool { return r.Stats().Live })
	if d, err := r.Deposit(ctx, dep.ID); err != nil || d.Status != chain.StatusActive {
		t.Fatalf("deposit after the chain recovered: %+v, %v", d, err)
	}
}
