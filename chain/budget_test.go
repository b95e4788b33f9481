// The RPC budget is a load test of the embedded chain, which runs in this
// process: under the race detector geth itself is instrumented and an
// eth_getLogs of a few blocks of deposits takes tens of seconds, so the
// load cannot be driven and the numbers mean nothing. `go test ./chain/`
// (CI) runs it.

//go:build !race

package chain_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/contracts"
	"github.com/postage-mail/postage/stake"
)

// countingProxy is an HTTP reverse proxy on loopback in front of a
// JSON-RPC endpoint that counts the calls going through it, each call of
// a batch on its own.
type countingProxy struct {
	srv     *httptest.Server
	calls   atomic.Int64
	mu      sync.Mutex
	methods map[string]int
}

// newCountingProxy starts the proxy; the caller closes p.srv.
func newCountingProxy(upstream string) (*countingProxy, error) {
	u, err := url.Parse(upstream)
	if err != nil {
		return nil, err
	}
	p := &countingProxy{methods: map[string]int{}}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ErrorLog = log.New(io.Discard, "", 0) // a client that gave up
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		var calls []struct{ Method string }
		if bytes.HasPrefix(bytes.TrimSpace(body), []byte("[")) {
			err = json.Unmarshal(body, &calls)
		} else {
			var one struct{ Method string }
			err = json.Unmarshal(body, &one)
			calls = append(calls, one)
		}
		if err != nil {
			http.Error(w, "not JSON-RPC: "+err.Error(), http.StatusBadRequest)
			return
		}
		p.calls.Add(int64(len(calls)))
		p.mu.Lock()
		for _, c := range calls {
			p.methods[c.Method]++
		}
		p.mu.Unlock()
		rp.ServeHTTP(w, req)
	}))
	return p, nil
}

func (p *countingProxy) snapshot() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	m := make(map[string]int, len(p.methods))
	for k, v := range p.methods {
		m[k] = v
	}
	return m
}

// budgetRig is the embedded chain (one block a second), a sender that
// makes deposits through a direct connection, and two receivers whose
// Readers reach the chain only through counting proxies: one with the
// milter's watcher (its default settings), and for reference one without
// (every read goes to the chain, as before the watcher followed events).
type budgetRig struct {
	dn       *devnet.Chain
	direct   *ethclient.Client
	chainID  *big.Int
	contract common.Address
	opts     *bind.TransactOpts
	nonce    uint64
	follow   *receiver
	ref      *receiver
	stops    []func()
}

// receiver is one receiving host's checker and its counted chain.
type receiver struct {
	proxy    *countingProxy
	reader   *chain.Reader
	checker  *postage.Checker
	deposits firstError
}

var (
	budgetOnce sync.Once
	budget     *budgetRig
	budgetErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if budget != nil {
		budget.stop()
	}
	os.Exit(code)
}

func budgetChain(tb testing.TB) *budgetRig {
	tb.Helper()
	// Shared by the tests and benchmark runs of one process (the chain
	// takes seconds to start): stopped by TestMain, not by tb.
	budgetOnce.Do(func() { budget, budgetErr = newBudgetRig() })
	if budgetErr != nil {
		tb.Fatal(budgetErr)
	}
	return budget
}

func (g *budgetRig) stop() {
	for i := len(g.stops) - 1; i >= 0; i-- {
		g.stops[i]()
	}
}

func newBudgetRig() (*budgetRig, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir, err := os.MkdirTemp("", "postage-budget-")
	if err != nil {
		return nil, err
	}
	g := &budgetRig{stops: []func(){func() { os.RemoveAll(dir) }}}
	fail := func(err error) (*budgetRig, error) { g.stop(); return nil, err }
	dn, err := devnet.Start(ctx, devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second, Delay: 4 * 24 * time.Hour})
	if err != nil {
		return fail(fmt.Errorf("embedded chain: %w", err))
	}
	g.dn, g.contract = dn, dn.Deployment().Contract
	g.stops = append(g.stops, func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		dn.Stop(sctx)
	})
	if g.direct, g.chainID, err = chain.Dial(ctx, dn.Endpoint(), nil); err != nil {
		return fail(err)
	}
	if g.opts, err = dn.DevTransactor(); err != nil {
		return fail(err)
	}
	if g.nonce, err = g.direct.PendingNonceAt(ctx, g.opts.From); err != nil {
		return fail(err)
	}
	if g.follow, err = g.receiver(ctx, true); err != nil {
		return fail(err)
	}
	if g.ref, err = g.receiver(ctx, false); err != nil {
		return fail(err)
	}
	return g, nil
}

func (g *budgetRig) receiver(ctx context.Context, watch bool) (*receiver, error) {
	proxy, err := newCountingProxy(g.dn.Endpoint())
	if err != nil {
		return nil, err
	}
	g.stops = append(g.stops, proxy.srv.Close)
	counted, _, err := chain.Dial(ctx, proxy.srv.URL, nil)
	if err != nil {
		return nil, err
	}
	g.stops = append(g.stops, counted.Close)
	rc := &receiver{proxy: proxy, reader: chain.NewReader(chain.NewContract(counted, g.contract))}
	// The 2 s bound of a call is for an MTA's milter timeout; on this
	// shared machine under the race detector the chain itself may take
	// longer, which would count as a chain outage, not as calls.
	rc.reader.RPCTimeout = 20 * time.Second
	if watch {
		wctx, stop := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); rc.reader.Watch(wctx, chain.WatchOptions{}) }()
		g.stops = append(g.stops, func() { stop(); <-done })
		for !rc.reader.Stats().Live {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("the watcher never caught up: %w", ctx.Err())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	pol := postage.DefaultPolicy()
	pol.Accept = []postage.Kind{postage.AcceptStake}
	pol.StakeMinAge = 0
	pol.Contracts = []postage.ContractRef{{ChainID: g.chainID.Uint64(), Address: stake.Address(g.contract)}}
	rc.checker = &postage.Checker{Policy: pol, Spent: &memSpent{}, Deposits: &rc.deposits}
	rc.deposits.DepositReader = &chain.Deposits{Reader: rc.reader, ChainID: g.chainID.Uint64(), Confirmations: pol.StakeConfirmations}
	return rc, nil
}

// firstError passes a DepositReader through and keeps its first error,
// for the report of a verdict that did not pass.
type firstError struct {
	postage.DepositReader
	mu  sync.Mutex
	err error
}

func (f *firstError) keep(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err == nil {
		f.err = err
	}
}

func (f *firstError) first() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

func (f *firstError) Deposit(ctx context.Context, ref postage.DepositRef) (postage.Deposit, error) {
	d, err := f.DepositReader.Deposit(ctx, ref)
	if err != nil {
		f.keep(err)
	}
	return d, err
}

func (f *firstError) Burned(ctx context.Context, ref postage.DepositRef, index uint32) (bool, error) {
	b, err := f.DepositReader.Burned(ctx, ref, index)
	if err != nil {
		f.keep(err)
	}
	return b, err
}

// mail is one message, with the stamp of a deposit of its own.
type mail struct {
	rcpt, stamp string
	tx          common.Hash
}

// deposit signs and sends a one-leaf deposit for a new recipient without
// waiting for it to be mined, and returns the message it backs.
func (g *budgetRig) deposit(ctx context.Context, n int) (mail, error) {
	rcpt := fmt.Sprintf("user%d.%d@example.com", time.Now().UnixNano(), n)
	b, err := stake.NewBatch([]stake.Recipient{stake.MustParseRecipient(rcpt)}, nil)
	if err != nil {
		return mail{}, err
	}
	st, err := b.Stamp(0, g.chainID.Uint64(), stake.Address(g.contract), stake.Address(g.opts.From))
	if err != nil {
		return mail{}, err
	}
	v, err := st.Format()
	if err != nil {
		return mail{}, err
	}
	data := contracts.NewPostage().PackMakeDeposit(b.Root(), 1, new(big.Int))
	tx := types.NewTx(&types.DynamicFeeTx{
		ChainID: g.chainID, Nonce: g.nonce, GasTipCap: big.NewInt(1e9), GasFeeCap: big.NewInt(100e9),
		Gas: 200_000, To: &g.contract, Value: big.NewInt(2e15), Data: data,
	})
	signed, err := g.opts.Signer(g.opts.From, tx)
	if err != nil {
		return mail{}, err
	}
	if err := g.direct.SendTransaction(ctx, signed); err != nil {
		return mail{}, fmt.Errorf("send deposit %d: %w", n, err)
	}
	g.nonce++
	return mail{rcpt: rcpt, stamp: v, tx: signed.Hash()}, nil
}

// budgetRun is one run's tally.
type budgetRun struct {
	messages int
	calls    int64
	elapsed  time.Duration
	methods  map[string]int
	stats    chain.CacheStats
}

func (r budgetRun) perSecond() float64  { return float64(r.calls) / r.elapsed.Seconds() }
func (r budgetRun) perMessage() float64 { return float64(r.calls) / float64(r.messages) }

// drive makes n deposits at rate a second, and as each block is mined
// has the checker check, at the same rate, one message for each deposit
// the block holds (a sender mails once its deposit is mined; its mail
// reaches the receiver before or after the receiver's watcher has read
// the block). Every verdict must pass. It counts the proxy's calls from
// the first message to the last verdict.
func (g *budgetRig) drive(tb testing.TB, rc *receiver, n int, rate float64) budgetRun {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute+time.Duration(float64(n)/rate*3*float64(time.Second)))
	defer cancel()
	tick := time.Duration(float64(time.Second) / rate)

	byTx := make(map[common.Hash]mail, n)
	var mu sync.Mutex
	sendErr := make(chan error, 1)
	go func() {
		t := time.NewTicker(tick)
		defer t.Stop()
		for i := range n {
			// Held while sending, so the block reader cannot see the
			// transaction before it is listed.
			mu.Lock()
			m, err := g.deposit(ctx, i)
			if err == nil {
				byTx[m.tx] = m
			}
			mu.Unlock()
			if err != nil {
				sendErr <- err
				return
			}
			<-t.C
		}
		sendErr <- nil
	}()

	// Mined deposits, block by block, read on the direct connection: a
	// block's deposits are mailed once it is the head (their senders
	// have their receipts).
	queue := make(chan mail, n)
	go func() {
		defer close(queue)
		next, err := g.direct.BlockNumber(ctx)
		if err != nil {
			return
		}
		next++
		for found := 0; found < n && ctx.Err() == nil; {
			head, err := g.direct.BlockNumber(ctx)
			if err != nil || head < next {
				time.Sleep(20 * time.Millisecond)
				continue
			}
			blk, err := g.direct.BlockByNumber(ctx, new(big.Int).SetUint64(next))
			if err != nil {
				time.Sleep(20 * time.Millisecond)
				continue
			}
			next++
			for _, tx := range blk.Transactions() {
				mu.Lock()
				m, ok := byTx[tx.Hash()]
				mu.Unlock()
				if ok {
					queue <- m
					found++
				}
			}
		}
	}()

	var (
		wg      sync.WaitGroup
		checked atomic.Int64
		bad     = make(chan string, 1)
		calls0  = rc.proxy.calls.Load()
		before  = rc.proxy.snapshot()
		start   time.Time
	)
	t := time.NewTicker(tick)
	defer t.Stop()
	for m := range queue {
		if start.IsZero() {
			start = time.Now()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := rc.checker.Check(ctx, postage.Stamps{Stake: []string{m.stamp}, Message: m.rcpt}, m.rcpt)
			if v.Result != postage.Pass {
				select {
				case bad <- v.String():
				default:
				}
			}
			checked.Add(1)
		}()
		<-t.C
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := <-sendErr; err != nil {
		tb.Fatal(err)
	}
	select {
	case v := <-bad:
		tb.Fatalf("a message for a new deposit did not pass: %s (first chain error: %v; cache %+v)", v, rc.deposits.first(), rc.reader.Stats())
	default:
	}
	if int(checked.Load()) != n {
		tb.Fatalf("checked %d messages of %d (deposits not mined in time?)", checked.Load(), n)
	}
	methods := rc.proxy.snapshot()
	for k, v := range before {
		if methods[k] -= v; methods[k] == 0 {
			delete(methods, k)
		}
	}
	return budgetRun{messages: n, calls: rc.proxy.calls.Load() - calls0, elapsed: elapsed, methods: methods, stats: rc.reader.Stats()}
}

// budgetRate is the load of the budget: stake messages a second, each
// from a new deposit.
const budgetRate = 100

// BenchmarkRPCBudget drives stake messages at 100 a second, each from a
// new deposit, through the checker against the embedded chain and counts
// the receiver's JSON-RPC calls at a counting proxy: follow is the
// milter's reader (the watcher follows events), unwatched the reference
// in the same run (every read goes to the chain). Run with a fixed count,
// e.g. -benchtime=1000x (10 s of load each).
func BenchmarkRPCBudget(b *testing.B) {
	g := budgetChain(b)
	for _, c := range []struct {
		name string
		rc   *receiver
	}{{"follow", g.follow}, {"unwatched", g.ref}} {
		b.Run(c.name, func(b *testing.B) {
			run := g.drive(b, c.rc, b.N, budgetRate)
			b.ReportMetric(run.perSecond(), "calls/s")
			b.ReportMetric(run.perMessage(), "calls/msg")
			b.ReportMetric(float64(run.messages)/run.elapsed.Seconds(), "msg/s")
			b.ReportMetric(0, "ns/op")
			b.Logf("%d messages in %v: %d calls %v; cache %+v", run.messages, run.elapsed.Round(time.Millisecond), run.calls, run.methods, run.stats)
		})
	}
}

// TestRPCBudget: at 100 stake messages a second, each from a new
// deposit, the receiver makes at most 10 JSON-RPC calls a second. The
// same load through a reader without the watcher shows the proxy counts
// every read (at least one call per message).
func TestRPCBudget(t *testing.T) {
	g := budgetChain(t)
	ref := g.drive(t, g.ref, 100, budgetRate)
	t.Logf("unwatched: %d messages: %d calls (%.3f/msg) %v", ref.messages, ref.calls, ref.perMessage(), ref.methods)
	if ref.perMessage() < 1 {
		t.Fatalf("without the watcher %d messages made %d calls: the proxy does not count", ref.messages, ref.calls)
	}
	run := g.drive(t, g.follow, 500, budgetRate)
	t.Logf("%d messages in %v (%.0f/s): %d calls (%.1f/s, %.3f/msg) %v; cache %+v", run.messages, run.elapsed.Round(time.Millisecond), float64(run.messages)/run.elapsed.Seconds(), run.calls, run.perSecond(), run.perMessage(), run.methods, run.stats)
	// The watcher's calls go with time, not mail: on a machine too busy
	// to keep 100 messages a second, calls per message is the fairer
	// measure, and 10 a second at 100 messages a second is 0.1 a message.
	if run.perSecond() > 10 || run.perMessage() > 10.0/budgetRate {
		t.Fatalf("%.1f calls/s, %.3f calls/msg at %.0f messages/s, want at most 10 a second at %d messages a second (%.2f a message)",
			run.perSecond(), run.perMessage(), float64(run.messages)/run.elapsed.Seconds(), budgetRate, 10.0/budgetRate)
	}
}
