package chain_test

import (
	"context"
	"math/big"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/stake"
)

// memSpent is an in-memory SpentStore.
type memSpent struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *memSpent) Spend(_ context.Context, key, msg string, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]string{}
	}
	if old, ok := s.m[key]; ok && !postage.SameSpend(old, msg) {
		return postage.ErrSpent
	}
	s.m[key] = msg
	return nil
}

func (s *memSpent) Purge(context.Context, time.Time) (int, error) { return 0, nil }
func (s *memSpent) Close() error                                  { return nil }

// stakeDeposit is a deposit for recipients and their stamps.
type stakeDeposit struct {
	id     common.Hash
	block  uint64
	rcpts  []string
	stamps []string // Postage-Stamp values
	batch  *stake.Batch
}

func (s *simChain) stakeDeposit(creator int, rcpts ...string) stakeDeposit {
	t := s.t
	t.Helper()
	var rs []stake.Recipient
	for _, r := range rcpts {
		rs = append(rs, stake.MustParseRecipient(r))
	}
	b, err := stake.NewBatch(rs, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.writer(creator).Deposit(s.ctx(), common.Hash(b.Root()), b.Len(), new(big.Int).Mul(eth(10), big.NewInt(int64(len(rs)))), eth(1))
	if err != nil {
		t.Fatal(err)
	}
	d := stakeDeposit{id: res.ID, block: res.Receipt.BlockNumber.Uint64(), rcpts: rcpts, batch: b}
	for i := range rs {
		st, err := b.Stamp(uint32(i), s.chainID.Uint64(), stake.Address(s.contract.Address()), stake.Address(s.addr(creator)))
		if err != nil {
			t.Fatal(err)
		}
		v, err := st.Format()
		if err != nil {
			t.Fatal(err)
		}
		d.stamps = append(d.stamps, v)
	}
	return d
}

// burn burns leaf i of the deposit (by the creator, who knows the secrets).
func (s *simChain) burn(creator int, d stakeDeposit, i int) {
	t := s.t
	t.Helper()
	st, err := d.batch.Stamp(uint32(i), s.chainID.Uint64(), stake.Address(s.contract.Address()), stake.Address(s.addr(creator)))
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := st.Check(stake.MustParseRecipient(d.rcpts[i]))
	if err != nil {
		t.Fatal(err)
	}
	proof := make([]common.Hash, len(st.Proof))
	for k, p := range st.Proof {
		proof[k] = common.Hash(p)
	}
	if _, err := s.writer(creator).Burn(s.ctx(), d.id, common.Hash(secret), uint64(i), proof); err != nil {
		t.Fatal(err)
	}
}

// watched starts a Reader's watcher on the chain, polling every 20 ms.
func (s *simChain) watched() *chain.Reader {
	r := chain.NewReader(s.contract)
	// Every call answers (a 2 s bound could pass under -race on a busy
	// machine, and a timed-out poll turns the cache off: reads then count
	// as misses).
	r.RPCTimeout = 30 * time.Second
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	// Polls every 20 ms; the cache stays trusted for 30 s after a poll, so
	// that a poll slowed down (-race, a busy machine) does not turn it off.
	go func() {
		defer close(done)
		r.Watch(ctx, chain.WatchOptions{Interval: 20 * time.Millisecond, Stale: 30 * time.Second})
	}()
	s.t.Cleanup(func() { stop(); <-done })
	waitFor(s.ctx(), s.t, "the watcher", func() bool { return r.Stats().Live })
	return r
}

func (s *simChain) checker(r *chain.Reader, confirmations uint64) *postage.Checker {
	pol := postage.DefaultPolicy()
	pol.Accept = []postage.Kind{postage.AcceptStake}
	pol.StakeMinAge = 0
	pol.StakeConfirmations = confirmations
	pol.Contracts = []postage.ContractRef{{ChainID: s.chainID.Uint64(), Address: stake.Address(s.contract.Address())}}
	return &postage.Checker{
		Policy:   pol,
		Spent:    &memSpent{},
		Deposits: &chain.Deposits{Reader: r, ChainID: s.chainID.Uint64(), Confirmations: confirmations},
	}
}

// verdict checks the stamp of recipient i, as message msg.
func verdict(c *postage.Checker, d stakeDeposit, i int, msg string) postage.Verdict {
	return c.Check(context.Background(), postage.Stamps{Stake: []string{d.stamps[i]}, Message: msg}, d.rcpts[i])
}

func stakeReason(v postage.Verdict) string {
	for _, r := range v.Reasons {
		if r.Name == "stake" {
			return r.Value
		}
	}
	return ""
}

// A deposit made while the watcher runs is known from its events for its
// whole life: the cached state equals the chain's after each step
// (deposit, burn, withdrawal start, withdrawal), a burn or a withdrawal
// shows in the very next verdict, and no read goes to the chain.
func TestFollowEventsKeepTheCacheExact(t *testing.T) {
	s := newSimChain(t, 4*24*time.Hour)
	ctx := s.ctx()
	r := s.watched()
	c := s.checker(r, 1)
	d := s.stakeDeposit(1, "a@example.com", "b@example.com", "c@example.com")

	same := func(step string) {
		t.Helper()
		head := s.head().Number.Uint64()
		waitFor(ctx, t, "the watcher at "+step, func() bool { return r.Stats().Head >= head })
		want, err := s.contract.ReadDeposit(ctx, d.id, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.Deposit(ctx, d.id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: cached %+v\nchain  %+v", step, got, want)
		}
		for i := range d.rcpts {
			want, err := chain.NewReader(s.contract).IsBurned(ctx, d.id, uint64(i))
			if err != nil {
				t.Fatal(err)
			}
			if got, err := r.IsBurned(ctx, d.id, uint64(i)); err != nil || got != want {
				t.Fatalf("%s: leaf %d cached burned=%v (%v), chain %v", step, i, got, err, want)
			}
		}
	}

	same("deposit")
	if v := verdict(c, d, 0, "m0"); v.Result != postage.Pass {
		t.Fatalf("fresh deposit: %s", v)
	}
	s.burn(1, d, 1)
	same("burn")
	if v := verdict(c, d, 1, "m1"); v.Result != postage.Fail || stakeReason(v) != "burned" {
		t.Fatalf("burned leaf: %s, want fail stake=burned", v)
	}
	if _, _, err := s.writer(1).StartWithdrawal(ctx, d.id); err != nil {
		t.Fatal(err)
	}
	same("withdrawal start")
	if v := verdict(c, d, 2, "m2"); v.Result != postage.Fail || stakeReason(v) != "withdrawing" {
		t.Fatalf("withdrawing deposit: %s, want fail stake=withdrawing", v)
	}
	// The miner is paused around AdjustTime, as elsewhere: AdjustTime
	// seals a block itself, and the simulated beacon races a concurrent
	// Commit (go-ethereum's own data race, seen under -race in CI).
	s.pauseMiner()
	if err := s.sim.AdjustTime(4*24*time.Hour + time.Minute); err != nil {
		t.Fatal(err)
	}
	s.resumeMiner()
	if _, _, err := s.writer(1).Withdraw(ctx, d.id); err != nil {
		t.Fatal(err)
	}
	same("withdrawal")
	if v := verdict(c, d, 0, "m0"); v.Result != postage.Fail || stakeReason(v) != "withdrawn" {
		t.Fatalf("withdrawn deposit: %s, want fail stake=withdrawn", v)
	}
	// Every answer came from the events: only the delay was read.
	if st := r.Stats(); st.Misses != 1 || st.Updates < 4 {
		t.Fatalf("stats %+v: want 1 miss (the delay) and the 4 events applied", st)
	}
}

// fork replaces the chain from the block after parent on with empty
// blocks, one more than it drops (the deposit's and burn's transactions
// are lost, not mined again): a reorganisation. It returns the new head.
func (s *simChain) fork(parent uint64) uint64 {
	t := s.t
	t.Helper()
	ctx := s.ctx()
	old := s.head().Number.Uint64()
	p, err := s.cl.HeaderByNumber(ctx, new(big.Int).SetUint64(parent))
	if err != nil {
		t.Fatal(err)
	}
	s.pauseMiner()
	if err := s.sim.Fork(p.Hash()); err != nil {
		t.Fatal(err)
	}
	s.sim.Rollback()
	for range old - parent + 1 {
		s.sim.Commit()
	}
	h := s.head()
	if h.Number.Uint64() != old+1 {
		t.Fatalf("after the fork the head is %d, want %d", h.Number, old+1)
	}
	return h.Number.Uint64()
}

// A reorganisation that removes a deposit turns its verdict into
// no-deposit within the reorganisation's own block (no later block
// needed); with two confirmations required the removed deposit never
// passed at all.
func TestReorgRemovedDepositIsNoDeposit(t *testing.T) {
	for _, conf := range []uint64{1, 2} {
		s := newSimChain(t, 4*24*time.Hour)
		ctx := s.ctx()
		r := s.watched()
		c := s.checker(r, conf)
		d := s.stakeDeposit(1, "a@example.com")
		waitFor(ctx, t, "the deposit's block", func() bool { return r.Stats().Head >= d.block })
		v := verdict(c, d, 0, "m")
		switch {
		case conf == 1 && v.Result != postage.Pass:
			t.Fatalf("1 confirmation required: %s, want pass", v)
		case conf == 2 && (v.Result != postage.TempError || stakeReason(v) != "unconfirmed"):
			t.Fatalf("2 confirmations required, 1 seen: %s, want temperror stake=unconfirmed", v)
		}

		head := s.fork(d.block - 1)
		if dep, err := s.contract.ReadDeposit(ctx, d.id, nil); err != nil || dep.Exists() {
			t.Fatalf("the fork kept the deposit: %+v, %v", dep, err)
		}
		// The miner is paused: the chain stays at the reorganisation's
		// head while the verdict must change.
		waitFor(ctx, t, "the verdict after the reorganisation", func() bool {
			return stakeReason(verdict(c, d, 0, "m")) == "no-deposit"
		})
		if v := verdict(c, d, 0, "m"); v.Result != postage.Fail {
			t.Fatalf("removed deposit: %s, want fail stake=no-deposit", v)
		}
		if now := s.head().Number.Uint64(); now != head {
			t.Fatalf("the chain moved on to %d (reorganised at %d)", now, head)
		}
	}
}

// With more confirmations required, a deposit the watcher saw made is
// unconfirmed until enough blocks are on it, then passes, counted by the
// watcher alone (no read of the chain for it).
func TestConfirmationsCountedByTheWatcher(t *testing.T) {
	s := newSimChain(t, 4*24*time.Hour)
	ctx := s.ctx()
	r := s.watched()
	c := s.checker(r, 3)
	d := s.stakeDeposit(1, "a@example.com", "b@example.com")
	s.pauseMiner()
	var got []string
	for range 3 {
		head := s.head().Number.Uint64()
		waitFor(ctx, t, "the watcher", func() bool { return r.Stats().Head >= head })
		v := verdict(c, d, 0, "m")
		got = append(got, string(v.Result)+" "+stakeReason(v))
		s.sim.Commit()
	}
	want := []string{"temperror unconfirmed", "temperror unconfirmed", "pass pass"}
	if !slices.Equal(got, want) {
		t.Fatalf("verdicts at 1, 2, 3 confirmations: %q, want %q", got, want)
	}
	if st := r.Stats(); st.Misses != 1 {
		t.Fatalf("stats %+v: want 1 miss (the delay)", st)
	}
}

// A deposit made before the watcher started is not known from its event:
// its confirmations come from its age against the block that many below
// the head (one header read per head, no old state needed), exactly:
// unconfirmed at 1 and 2 blocks, a pass at 3. Once found deep enough it
// is remembered, so the next message costs no call.
func TestConfirmationsOfAnOlderDeposit(t *testing.T) {
	s := newSimChain(t, 4*24*time.Hour)
	ctx := s.ctx()
	d := s.stakeDeposit(1, "a@example.com", "b@example.com")
	s.pauseMiner()
	r := s.watched()
	c := s.checker(r, 3)
	var got []string
	for range 3 {
		head := s.head().Number.Uint64()
		waitFor(ctx, t, "the watcher", func() bool { return r.Stats().Head >= head })
		v := verdict(c, d, 0, "m")
		got = append(got, string(v.Result)+" "+stakeReason(v))
		s.sim.Commit()
	}
	want := []string{"temperror unconfirmed", "temperror unconfirmed", "pass pass"}
	if !slices.Equal(got, want) {
		t.Fatalf("verdicts at 1, 2, 3 confirmations: %q, want %q", got, want)
	}
	head := s.head().Number.Uint64()
	waitFor(ctx, t, "the watcher", func() bool { return r.Stats().Head >= head })
	misses := r.Stats().Misses
	if v := verdict(c, d, 1, "m1"); v.Result != postage.Pass {
		t.Fatalf("leaf 1: %s", v)
	}
	if st := r.Stats(); st.Misses != misses {
		t.Fatalf("the second leaf went to the chain: %+v (misses before %d)", st, misses)
	}
}
