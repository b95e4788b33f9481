package loadtest

import (
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/metrics"
	"github.com/postage-mail/postage/milter"
	"github.com/postage-mail/postage/milter/miltertest"
	"github.com/postage-mail/postage/stake"
	"github.com/postage-mail/postage/store/bolt"
)

var conc = flag.Int("conc", 100, "concurrent MTA connections (Postfix's default_process_limit is 100 smtpd processes)")

// workBits of the stamps: checking costs one SHA-1 whatever the value, and
// minting the benchmark's stamps at 8 bits is instant.
const workBits = 8

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if stakeEnv != nil {
		stakeEnv.stop()
	}
	os.Exit(code)
}

// stakeSetup is a chain with one deposit of stakeLeaves leaves and a stamp
// for each, shared by the benchmarks of one run.
type stakeSetup struct {
	deposits postage.DepositReader
	contract postage.ContractRef
	stamps   []string // Postage-Stamp values, one per recipient
	rcpts    []string
	reader   *chain.Reader
	stop     func()
}

const stakeLeaves = 256

var (
	stakeEnv  *stakeSetup
	stakeOnce sync.Once
	stakeErr  error
)

func stakeChain(b *testing.B) *stakeSetup {
	b.Helper()
	stakeOnce.Do(func() { stakeEnv, stakeErr = newStakeSetup() })
	if stakeErr != nil {
		b.Fatal(stakeErr)
	}
	return stakeEnv
}

func newStakeSetup() (*stakeSetup, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir, err := os.MkdirTemp("", "postage-loadtest-")
	if err != nil {
		return nil, err
	}
	c, err := devnet.Start(ctx, devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second})
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("embedded chain: %w", err)
	}
	watchCtx, stopWatch := context.WithCancel(context.Background())
	s := &stakeSetup{stop: func() {
		stopWatch()
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c.Stop(sctx)
		os.RemoveAll(dir)
	}}
	fail := func(err error) (*stakeSetup, error) { s.stop(); return nil, err }
	ec, id, err := chain.Dial(ctx, c.Endpoint(), nil)
	if err != nil {
		return fail(err)
	}
	opts, err := c.DevTransactor()
	if err != nil {
		return fail(err)
	}
	dep := c.Deployment()
	contract := chain.NewContract(ec, dep.Contract)
	var rs []stake.Recipient
	for i := 0; i < stakeLeaves; i++ {
		r := fmt.Sprintf("user%d@example.com", i)
		s.rcpts = append(s.rcpts, r)
		rs = append(rs, stake.MustParseRecipient(r))
	}
	batch, err := stake.NewBatch(rs, rand.Reader)
	if err != nil {
		return fail(err)
	}
	perLeaf := big.NewInt(1e15)
	value := new(big.Int).Mul(perLeaf, big.NewInt(stakeLeaves))
	if _, err := chain.NewWriter(contract, opts).Deposit(ctx, common.Hash(batch.Root()), batch.Len(), value, nil); err != nil {
		return fail(err)
	}
	for i := range rs {
		st, err := batch.Stamp(uint32(i), id.Uint64(), stake.Address(dep.Contract), stake.Address(opts.From))
		if err != nil {
			return fail(err)
		}
		v, err := st.FormatFolded()
		if err != nil {
			return fail(err)
		}
		s.stamps = append(s.stamps, v)
	}
	s.reader = chain.NewReader(contract)
	go s.reader.Watch(watchCtx, chain.WatchOptions{Interval: time.Second})
	for !s.reader.Stats().Live {
		if ctx.Err() != nil {
			return fail(fmt.Errorf("the event watcher never caught up: %w", ctx.Err()))
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.deposits = &chain.Deposits{Reader: s.reader, ChainID: id.Uint64(), Confirmations: 1}
	s.contract = postage.ContractRef{ChainID: id.Uint64(), Address: stake.Address(dep.Contract)}
	return s, nil
}

// startMilter runs the receiving milter on loopback.
func startMilter(b *testing.B, st *stakeSetup) string {
	b.Helper()
	spent, err := bolt.Open(filepath.Join(b.TempDir(), "spent.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	m := metrics.New()
	pol := postage.DefaultPolicy()
	pol.Accept = append(pol.Accept, postage.AcceptWork) // work stamps are under test; the default does not count them
	pol.WorkBits = workBits
	checker := &postage.Checker{Policy: pol, Spent: m.Spent(spent)}
	if st != nil {
		pol.Contracts = []postage.ContractRef{st.contract}
		checker.Deposits = m.Deposits(st.deposits)
	}
	srv, err := milter.New(milter.Config{
		Checker:  func(context.Context, postage.Stamps) *postage.Checker { return checker },
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		Observer: m,
	})
	if err != nil {
		b.Fatal(err)
	}
	ln, err := milter.Listen(milter.Address{Network: "tcp", Addr: "127.0.0.1:0"})
	if err != nil {
		b.Fatal(err)
	}
	go srv.Serve(ln)
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		spent.Close()
	})
	return ln.Addr().String()
}

func message(i int, rcpt string, postage ...miltertest.Field) *miltertest.Message {
	h := []miltertest.Field{
		{Name: "Received", Value: "from client.example.net (client.example.net [192.0.2.1])\n\tby mx.example.com (Postfix) with ESMTPS id 4ABCDEF\n\tfor <" + rcpt + ">; Sat, 21 Nov 2026 10:00:00 +0000 (UTC)"},
		{Name: "From", Value: "Sender <sender@example.net>"},
		{Name: "To", Value: rcpt},
		{Name: "Subject", Value: fmt.Sprintf("message %d", i)},
		{Name: "Date", Value: "Sat, 21 Nov 2026 10:00:00 +0000"},
		{Name: "Message-ID", Value: fmt.Sprintf("<%d@example.net>", i)},
		{Name: "MIME-Version", Value: "1.0"},
		{Name: "Content-Type", Value: "text/plain; charset=utf-8"},
	}
	return &miltertest.Message{QueueID: fmt.Sprintf("Q%X", i), From: "sender@example.net", Rcpts: []string{rcpt}, Header: append(h, postage...)}
}

// workMessages mints n unique work-stamped messages.
func workMessages(b *testing.B, n int) []*miltertest.Message {
	b.Helper()
	msgs := make([]*miltertest.Message, n)
	var wg sync.WaitGroup
	var failed atomic.Value
	workers := 8
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				rcpt := fmt.Sprintf("user%d@example.com", i%1000)
				st, err := hashcash.Mint(context.Background(), rcpt, workBits, &hashcash.MintOptions{Workers: 1})
				if err != nil {
					failed.Store(err)
					return
				}
				msgs[i] = message(i, rcpt, miltertest.Field{Name: "X-Hashcash", Value: st.String()})
			}
		}()
	}
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
	return msgs
}

// stakeMessage is the message leaf i%stakeLeaves backs. A leaf backs one
// message: the benchmark sends each leaf's message again and again, which
// the checker takes as retries of that message (pass); another message
// would find the leaf reused.
func stakeMessage(st *stakeSetup, i int) *miltertest.Message {
	j := i % len(st.rcpts)
	return message(j, st.rcpts[j], miltertest.Field{Name: stake.HeaderName, Value: st.stamps[j]})
}

// drive sends msgs over *conc connections and reports throughput and
// latency. Every verdict must start with want.
func drive(b *testing.B, addr string, msgs []*miltertest.Message, want func(i int) string) {
	b.Helper()
	sessions := make([]*miltertest.Session, *conc)
	for i := range sessions {
		s, err := miltertest.Dial("tcp", addr, 30*time.Second)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		sessions[i] = s
	}
	lat := make([]time.Duration, len(msgs))
	var next atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	b.ResetTimer()
	cpu0 := cpuTime()
	start := time.Now()
	for _, s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(msgs) {
					return
				}
				t0 := time.Now()
				r, err := s.Send(msgs[i])
				lat[i] = time.Since(t0)
				if err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				if got := r.Added(postage.ResultHeader); len(got) != 1 || !strings.HasPrefix(got[0], want(i)) {
					firstErr.CompareAndSwap(nil, fmt.Errorf("message %d: verdict %q, want %q…", i, got, want(i)))
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	b.StopTimer()
	if err, _ := firstErr.Load().(error); err != nil {
		b.Fatal(err)
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(float64(len(msgs))/elapsed.Seconds(), "msg/s")
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	// CPU time of the whole process (milter and the load generator) per
	// message: steadier than msg/s on a shared machine.
	b.ReportMetric(float64(cpu.Microseconds())/float64(len(msgs)), "cpu-µs/msg")
	b.ReportMetric(0, "ns/op") // per-op time is meaningless with concurrent sessions
}

// BenchmarkWorkOnly: every message has a fresh work stamp, each spent in
// bbolt (group commit, fsync per batch).
func BenchmarkWorkOnly(b *testing.B) {
	msgs := workMessages(b, b.N)
	addr := startMilter(b, nil)
	drive(b, addr, msgs, func(int) string { return "pass rcpt=" })
}

// BenchmarkStake: every message has a stake stamp of one deposit (each of
// its 256 leaves backs one message, sent repeatedly); the deposit's state
// and its leaves' burn bits come from the watcher's cache after the first
// read of each, and each leaf's spend is recorded once, then matched.
func BenchmarkStake(b *testing.B) {
	st := stakeChain(b)
	addr := startMilter(b, st)
	msgs := make([]*miltertest.Message, b.N)
	for i := range msgs {
		msgs[i] = stakeMessage(st, i)
	}
	before := st.reader.Stats()
	drive(b, addr, msgs, func(int) string { return "pass rcpt=" })
	after := st.reader.Stats()
	if hits, misses := after.Hits-before.Hits, after.Misses-before.Misses; hits+misses > 0 {
		b.ReportMetric(float64(hits)/float64(hits+misses), "cache-hit-ratio")
	}
}

// BenchmarkMixed: half work, half stake, interleaved.
func BenchmarkMixed(b *testing.B) {
	st := stakeChain(b)
	work := workMessages(b, (b.N+1)/2)
	addr := startMilter(b, st)
	msgs := make([]*miltertest.Message, b.N)
	for i := range msgs {
		if i%2 == 0 {
			msgs[i] = work[i/2]
		} else {
			msgs[i] = stakeMessage(st, i)
		}
	}
	drive(b, addr, msgs, func(int) string { return "pass rcpt=" })
}

// cpuTime is the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
