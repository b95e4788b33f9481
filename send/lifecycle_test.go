package send

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/stake"
)

// Messages handed to a batcher within its wait share one padded deposit;
// every stamp verifies for its recipient in its own message.
func TestBatcherOneDepositForManyMessages(t *testing.T) {
	c := newFakeChain()
	st := newStaker(c, t.TempDir())
	b := &Batcher{Staker: st, Wait: 200 * time.Millisecond, Max: 64}
	defer b.Close()
	const n = 10
	var wg sync.WaitGroup
	results := make([]*StakeResult, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rs := rcpts(t, fmt.Sprintf("r%d@x.org", i), "common@x.org")
			results[i], errs[i] = b.Stake(context.Background(), NewMessageInfo(fmt.Sprintf("<%d@y>", i), ""), rs)
		}()
	}
	wg.Wait()
	ids := map[common.Hash]bool{}
	for i, r := range results {
		if errs[i] != nil {
			t.Fatalf("message %d: %v", i, errs[i])
		}
		ids[r.ID] = true
		if r.Leaves != 32 {
			t.Errorf("20 recipients padded to %d leaves, want 32", r.Leaves)
		}
		for _, a := range []string{fmt.Sprintf("r%d@x.org", i), "common@x.org"} {
			ps, err := stake.Parse(r.Headers[a])
			if err != nil {
				t.Fatalf("message %d %s: %v", i, a, err)
			}
			if _, _, err := ps.Check(stake.MustParseRecipient(a)); err != nil {
				t.Errorf("message %d %s: %v", i, a, err)
			}
		}
	}
	if len(ids) != 1 || c.calls != 1 {
		t.Fatalf("%d deposits (%d calls) for %d messages, want 1", len(ids), c.calls, n)
	}
	for id := range ids {
		rec, err := st.Records.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Messages) != n || rec.Leaves != 32 {
			t.Errorf("record: %d messages, %d leaves", len(rec.Messages), rec.Leaves)
		}
	}
}

// A batch never holds a message longer than Wait before its deposit is
// sent, and Max splits batches.
func TestBatcherWaitAndMax(t *testing.T) {
	c := newFakeChain()
	var sentAt []time.Time
	var mu sync.Mutex
	c.onSend = func(common.Hash) { mu.Lock(); sentAt = append(sentAt, time.Now()); mu.Unlock() }
	b := &Batcher{Staker: newStaker(c, t.TempDir()), Wait: 100 * time.Millisecond, Max: 3}
	defer b.Close()
	start := time.Now()
	if _, err := b.Stake(context.Background(), MessageInfo{}, rcpts(t, "a@x.org")); err != nil {
		t.Fatal(err)
	}
	if d := sentAt[0].Sub(start); d < 90*time.Millisecond || d > time.Second {
		t.Errorf("a lone message's deposit went after %v, want about the 100ms wait", d)
	}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.Stake(context.Background(), MessageInfo{}, rcpts(t, fmt.Sprintf("m%d-1@x.org", i), fmt.Sprintf("m%d-2@x.org", i)))
		}()
	}
	wg.Wait()
	if c.calls < 3 { // 2 recipients each, at most 3 per deposit: no two messages share one
		t.Errorf("%d deposits in all, want at least 1 + 2", c.calls)
	}
}

// When the deposit fails, every message of the batch fails, and none gets
// a stamp.
func TestBatcherFailureFailsEveryMessage(t *testing.T) {
	c := newFakeChain()
	c.fail = errors.New("chain down")
	b := &Batcher{Staker: newStaker(c, t.TempDir()), Wait: 50 * time.Millisecond, Max: 64}
	defer b.Close()
	var wg sync.WaitGroup
	var failed sync.Map
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := b.Stake(context.Background(), MessageInfo{}, rcpts(t, fmt.Sprintf("m%d@x.org", i)))
			if err != nil && res == nil {
				failed.Store(i, true)
			}
		}()
	}
	wg.Wait()
	for i := range 3 {
		if _, ok := failed.Load(i); !ok {
			t.Errorf("message %d did not fail", i)
		}
	}
	b.Close()
	if _, err := b.Stake(context.Background(), MessageInfo{}, rcpts(t, "late@x.org")); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
}

// The lifecycle starts withdrawals after the hold, finishes them after the
// delay, reconciles a record left pending by a crash, and never withdraws
// twice however often it runs.
func TestLifecycleDue(t *testing.T) {
	c := newFakeChain()
	st := newStaker(c, t.TempDir())
	lc := &Lifecycle{Records: st.Records, Account: acct, Chain: chainReader{c}, Withdrawer: c, Hold: 7 * 24 * time.Hour, Now: c.clock}
	ctx := context.Background()
	a, err := Alone{st}.Stake(ctx, MessageInfo{}, rcpts(t, "a@x.org"))
	if err != nil {
		t.Fatal(err)
	}
	// A crash right after sending: the record stays pending though the
	// deposit is mined.
	c.onSend = func(root common.Hash) {}
	bst, err := st.Deposit(ctx, []Group{{Rcpts: rcpts(t, "b@x.org")}})
	if err != nil {
		t.Fatal(err)
	}
	rb, _ := st.Records.Load(bst.ID)
	rb.State, rb.Tx = StatePending, common.Hash{}
	if err := st.Records.Save(rb); err != nil {
		t.Fatal(err)
	}
	// Another account's record is not ours to withdraw.
	other := &Record{ID: common.Hash{0xee}, ChainID: acct.ChainID, Contract: acct.Contract, Creator: common.Address{0x01}, State: StateActive, Created: c.clock()}
	if err := st.Records.Save(other); err != nil {
		t.Fatal(err)
	}

	rep, err := lc.Due(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Started) != 0 || rep.Reconciled[bst.ID] != StateActive || rep.Waiting != 2 {
		t.Fatalf("before the hold: %+v", rep)
	}
	c.advance(7*24*time.Hour + time.Second)
	if rep, err = lc.Due(ctx); err != nil || len(rep.Started) != 2 {
		t.Fatalf("after the hold: %+v, %v", rep, err)
	}
	if rep, err = lc.Due(ctx); err != nil || len(rep.Started) != 0 || len(rep.Withdrawn) != 0 || rep.Waiting != 2 {
		t.Fatalf("during the delay: %+v, %v", rep, err)
	}
	c.advance(72*time.Hour + time.Second)
	rep, err = lc.Due(ctx)
	if err != nil || len(rep.Withdrawn) != 2 || rep.Withdrawn[a.ID].Cmp(big.NewInt(4400000000000000)) != 0 {
		t.Fatalf("after the delay: %+v, %v", rep, err)
	}
	for range 3 {
		if rep, err = lc.Due(ctx); err != nil || len(rep.Started)+len(rep.Withdrawn)+rep.Waiting != 0 {
			t.Fatalf("once withdrawn: %+v, %v", rep, err)
		}
	}
	if c.withdraw != 2 {
		t.Errorf("%d withdrawals, want 2", c.withdraw)
	}
	for _, id := range []common.Hash{a.ID, bst.ID} {
		r, _ := st.Records.Load(id)
		if r.State != StateWithdrawn || r.Withdrawn != "4400000000000000" {
			t.Errorf("record %s: %s %s", id.Hex(), r.State, r.Withdrawn)
		}
	}
	if r, _ := st.Records.Load(other.ID); r.State != StateActive {
		t.Errorf("another account's record became %s", r.State)
	}
}

// A pending record whose deposit never appears is failed after
// PendingTimeout, and comes back if the deposit shows up after all.
func TestReconcilePending(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	r := &Record{State: StatePending, Created: now}
	if Reconcile(r, DepositState{}, now.Add(time.Minute)); r.State != StatePending {
		t.Errorf("after a minute: %s", r.State)
	}
	if Reconcile(r, DepositState{}, now.Add(2*PendingTimeout)); r.State != StateFailed {
		t.Errorf("after the timeout: %s", r.State)
	}
	if Reconcile(r, DepositState{Exists: true, State: StateActive}, now.Add(3*PendingTimeout)); r.State != StateActive {
		t.Errorf("seen on chain: %s", r.State)
	}
}

func TestLeavesBurned(t *testing.T) {
	c := newFakeChain()
	st := newStaker(c, t.TempDir())
	res, err := Alone{st}.Stake(context.Background(), NewMessageInfo("<x@y>", "s"), rcpts(t, "a@x.org", "b@x.org"))
	if err != nil {
		t.Fatal(err)
	}
	rec, _ := st.Records.Load(res.ID)
	var bIndex uint32
	for _, l := range rec.Leaf {
		if l.Recipient == "b@x.org" {
			bIndex = l.Index
		}
	}
	c.deps[res.ID].burned[bIndex] = true
	d, _ := chainReader{c}.Deposit(context.Background(), res.ID)
	ls, err := Leaves(context.Background(), chainReader{c}, rec, d)
	if err != nil {
		t.Fatal(err)
	}
	burned := 0
	for _, l := range ls {
		if l.Stamp != "" || l.Secret != nil {
			t.Error("status leaves carry secrets")
		}
		if l.Burned {
			burned++
			if l.Recipient != "b@x.org" || l.MessageID != "<x@y>" {
				t.Errorf("burned leaf %+v", l)
			}
		}
	}
	if burned != 1 || !rec.Leaf[bIndex].Burned {
		t.Errorf("%d burned leaves", burned)
	}
}

func TestTicketLimits(t *testing.T) {
	l := TicketLimits{MaxPrice: big.NewInt(100), MaxBountyPercent: 10, MinReserve: 2, MaxQueue: 4, MaxWindow: 14 * 24 * time.Hour}
	good := BookState{Status: "open", Left: 10, Price: big.NewInt(100), Bounty: big.NewInt(10), Reserve: big.NewInt(200), Queued: 4, Window: 7 * 24 * time.Hour}
	if err := l.Check("b", good, 3); err != nil {
		t.Errorf("a good book refused: %v", err)
	}
	for name, mod := range map[string]func(*BookState){
		"closed":      func(b *BookState) { b.Status = "closed" },
		"sold out":    func(b *BookState) { b.Left = 2 },
		"dear":        func(b *BookState) { b.Price = big.NewInt(101) },
		"bounty":      func(b *BookState) { b.Bounty = big.NewInt(11) },
		"owner takes": func(b *BookState) { b.Bounty = big.NewInt(200) },
		"reserve":     func(b *BookState) { b.Reserve = big.NewInt(199) },
		"queue":       func(b *BookState) { b.Queued = 5 },
		"window":      func(b *BookState) { b.Window = 15 * 24 * time.Hour },
	} {
		b := good
		mod(&b)
		if err := l.Check("b", b, 3); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

type fakePolicies struct {
	ps    map[string][]book.Policy
	err   map[string]error
	calls int
}

func (f *fakePolicies) LookupPolicy(ctx context.Context, d string) ([]book.Policy, time.Duration, error) {
	f.calls++
	return f.ps[d], time.Minute, f.err[d]
}

// With send.stake = "auto", only recipients whose domain publishes a
// policy the sender meets get a stake stamp; answers are cached for their
// TTL.
func TestAutoStake(t *testing.T) {
	c := newFakeChain()
	ok := book.Policy{ChainID: acct.ChainID, Contract: stake.Address(acct.Contract), MinPerLeaf: milli, MinDelay: time.Hour}
	dear := ok
	dear.MinPerLeaf = new(big.Int).Mul(milli, big.NewInt(2))
	other := ok
	other.ChainID = 99
	dir := &fakePolicies{ps: map[string][]book.Policy{"checks.org": {ok}, "dear.org": {dear}, "other.org": {other, ok}},
		err: map[string]error{"down.org": errors.New("timeout")}}
	st := newStaker(c, t.TempDir())
	auto := &Auto{Directory: dir, Account: acct, Share: st.Share(), Bounty: st.Bounty, Delay: st.Delay, Now: c.clock}
	tr := &memTransport{}
	s := &Sender{Bits: 8, Stake: Alone{Staker: st}, Choose: auto.Choose, Transport: tr, Mint: cheapMint}
	m := "From: s@y.org\nTo: a@checks.org, b@dear.org, c@other.org, d@down.org, e@none.org\nSubject: x\n\nbody\n"
	res, err := s.Send(context.Background(), strings.NewReader(m), Envelope{FromHeaders: true})
	if err != nil {
		t.Fatal(err)
	}
	staked := map[string]bool{}
	for r, cp := range tr.copies {
		staked[r] = strings.Contains(cp, "Postage-Stamp:")
		if !strings.Contains(cp, ":"+r+":") {
			t.Errorf("%s's copy lacks its work stamp", r)
		}
	}
	want := map[string]bool{"a@checks.org": true, "b@dear.org": false, "c@other.org": true, "d@down.org": true, "e@none.org": false}
	for r, w := range want {
		if staked[r] != w {
			t.Errorf("%s staked %v, want %v", r, staked[r], w)
		}
	}
	if res.Deposit == nil || res.Deposit.Leaves != 4 {
		t.Errorf("deposit %+v", res.Deposit)
	}
	calls := dir.calls
	if _, err := auto.Choose(context.Background(), []string{"x@checks.org", "y@dear.org"}); err != nil || dir.calls != calls {
		t.Errorf("cached answers looked up again: %d -> %d", calls, dir.calls)
	}
	c.advance(2 * time.Minute)
	if _, err := auto.Choose(context.Background(), []string{"x@checks.org"}); err != nil || dir.calls != calls+1 {
		t.Errorf("an expired answer was not looked up again: %d -> %d", calls, dir.calls)
	}
	// No recipient checks: no deposit at all.
	tr2 := &memTransport{}
	s.Transport = tr2
	res, err = s.Send(context.Background(), strings.NewReader("To: e@none.org\nSubject: x\n\nb\n"), Envelope{FromHeaders: true})
	if err != nil || res.Deposit != nil || strings.Contains(tr2.copies["e@none.org"], "Postage-Stamp") {
		t.Errorf("a recipient that checks nothing got a deposit: %+v %v", res, err)
	}
}
