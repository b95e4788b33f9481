package send

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/stake"
)

var (
	eth   = big.NewInt(1e18)
	milli = new(big.Int).Div(eth, big.NewInt(1000)) // 0.001 ETH
	tenth = new(big.Int).Div(milli, big.NewInt(10)) // 0.0001 ETH
	acct  = Account{ChainID: 7, Contract: common.Address{0xc0}, Creator: common.Address{0xcc}}
)

func TestPaddedLeaves(t *testing.T) {
	for _, c := range []struct{ n, min, want int }{
		{1, 4, 4}, {2, 4, 4}, {3, 4, 4}, {4, 4, 4}, {5, 4, 8}, {8, 4, 8}, {9, 4, 16},
		{1, 1, 1}, {3, 1, 4}, {100, 4, 128}, {1000, 4, 1024}, {1025, 4, 2048},
	} {
		if got := PaddedLeaves(c.n, c.min); got != c.want {
			t.Errorf("PaddedLeaves(%d, %d) = %d, want %d", c.n, c.min, got, c.want)
		}
	}
}

func rcpts(t *testing.T, addrs ...string) []stake.Recipient {
	t.Helper()
	rs, err := Recipients(addrs)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// A deposit's stamps verify for their own recipients only, and the leaf
// count is the same whether a message has one recipient or four: the
// count says nothing about Bcc.
func TestPlanPadsAndStampsVerify(t *testing.T) {
	one, err := NewPlan([]Group{{Rcpts: rcpts(t, "a@x.org")}}, 4, nil)
	if err != nil {
		t.Fatal(err)
	}
	four, err := NewPlan([]Group{{Rcpts: rcpts(t, "a@x.org", "b@x.org", "c@x.org", "d@x.org")}}, 4, nil)
	if err != nil {
		t.Fatal(err)
	}
	if one.Leaves() != 4 || four.Leaves() != 4 {
		t.Fatalf("leaves %d and %d, want 4 and 4", one.Leaves(), four.Leaves())
	}
	groups := []Group{
		{Message: NewMessageInfo("<1@x>", "hi"), Rcpts: rcpts(t, "a@x.org", "b@x.org")},
		{Message: NewMessageInfo("<2@x>", "yo"), Rcpts: rcpts(t, "a@x.org", "c@x.org", "d@x.org")},
	}
	p, err := NewPlan(groups, 4, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Leaves() != 8 || p.Recipients() != 5 {
		t.Fatalf("leaves %d recipients %d, want 8 and 5", p.Leaves(), p.Recipients())
	}
	seen := map[uint32]bool{}
	for gi, g := range groups {
		for _, r := range g.Rcpts {
			st, err := p.Stamp(gi, r, acct)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := st.Check(r); err != nil {
				t.Errorf("stamp of %s in message %d: %v", r, gi, err)
			}
			if _, _, err := st.Check(stake.MustParseRecipient("z@x.org")); err == nil {
				t.Errorf("stamp of %s checks for another recipient", r)
			}
			if seen[st.Index] {
				t.Errorf("leaf %d given twice", st.Index)
			}
			seen[st.Index] = true
		}
	}
	rec, err := p.Record(acct, "8", "0")
	if err != nil {
		t.Fatal(err)
	}
	pad, real := 0, 0
	for _, l := range rec.Leaf {
		switch {
		case l.Padding && l.Recipient == "" && l.Stamp == "" && l.Message == -1:
			pad++
		case !l.Padding && l.Recipient != "" && strings.Contains(l.Stamp, "rcpt="+l.Recipient):
			real++
			if got := rec.Messages[l.Message].MessageID; (l.Recipient == "b@x.org" && got != "<1@x>") || (l.Recipient == "c@x.org" && got != "<2@x>") {
				t.Errorf("leaf of %s backs %s", l.Recipient, got)
			}
		default:
			t.Errorf("bad leaf %+v", l)
		}
	}
	if pad != 3 || real != 5 {
		t.Errorf("%d padding and %d real leaves, want 3 and 5", pad, real)
	}
	if _, err := NewPlan([]Group{{Rcpts: []stake.Recipient{stake.MustParseRecipient("a@x.org"), stake.MustParseRecipient("a@x.org")}}}, 4, nil); err == nil {
		t.Error("a recipient twice in one message accepted")
	}
}

// Real recipients land at random positions: over many plans of one
// recipient in four leaves, it is not always at index 0.
func TestPlanPositionsRandom(t *testing.T) {
	at := map[uint32]int{}
	r := rcpts(t, "a@x.org")
	for range 40 {
		p, err := NewPlan([]Group{{Rcpts: r}}, 4, nil)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := p.Stamp(0, r[0], acct)
		at[st.Index]++
	}
	if len(at) < 2 {
		t.Errorf("one recipient always at the same leaf: %v", at)
	}
}

func TestCheckDeposit(t *testing.T) {
	l := Limits{MinPerLeaf: milli, MinDelay: 72 * time.Hour}
	share := new(big.Int).Add(milli, tenth)
	if err := CheckDeposit(share, tenth, 72*time.Hour, l); err != nil {
		t.Errorf("0.0011 share with 0.0001 bounty refused: %v", err)
	}
	err := CheckDeposit(milli, tenth, 72*time.Hour, l)
	if !errors.Is(err, ErrPolicy) || !strings.Contains(err.Error(), "a burn would cost 0.0009 ETH") {
		t.Errorf("0.001 share with 0.0001 bounty: %v", err)
	}
	if err := CheckDeposit(share, share, 72*time.Hour, l); !errors.Is(err, ErrPolicy) {
		t.Errorf("bounty == share: %v", err)
	}
	if err := CheckDeposit(share, new(big.Int).Add(share, big.NewInt(1)), 72*time.Hour, l); !errors.Is(err, ErrPolicy) {
		t.Errorf("bounty > share: %v", err)
	}
	err = CheckDeposit(share, tenth, time.Hour, l)
	if !errors.Is(err, ErrPolicy) || !strings.Contains(err.Error(), "min_delay") {
		t.Errorf("1h delay: %v", err)
	}
}

func TestFormatWei(t *testing.T) {
	for v, want := range map[int64]string{0: "0 ETH", 1: "0.000000000000000001 ETH", 1e15: "0.001 ETH", 11e14: "0.0011 ETH", 2e18: "2 ETH", -5e17: "-0.5 ETH"} {
		if got := FormatWei(big.NewInt(v)); got != want {
			t.Errorf("FormatWei(%d) = %q, want %q", v, got, want)
		}
	}
}

func TestStorePrivateAtomicAndLegacy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "deposits")
	s := &Store{Dir: dir}
	r := &Record{ID: common.Hash{1}, Root: common.Hash{2}, Leaves: 4, Value: "4", State: StatePending, Created: time.Unix(100, 0).UTC()}
	if err := s.Save(r); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, s.Path(r.ID): 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
		}
	}
	got, err := s.Load(r.ID)
	if err != nil || got.State != StatePending || got.Version != RecordVersion {
		t.Fatalf("load: %+v, %v", got, err)
	}
	if _, err := s.Load(common.Hash{9}); !errors.Is(err, ErrNoRecord) {
		t.Errorf("missing record: %v", err)
	}
	// A version 1 record (postage deposit before this package).
	legacy := `{"chainId":7,"id":"0x0300000000000000000000000000000000000000000000000000000000000000","leaves":1,"value":"1","block":5,
		"created":"2026-01-01T00:00:00Z","recipients":[{"recipient":"a@x.org","index":0,"stamp":"v=1"}]}`
	if err := os.WriteFile(filepath.Join(dir, "0x03.json"), []byte(legacy), 0o600); err != nil {
		t.Fatal(err)
	}
	all, err := s.List()
	if err != nil || len(all) != 2 {
		t.Fatalf("list: %d, %v", len(all), err)
	}
	old := all[1]
	if old.State != StateActive || len(old.Leaf) != 1 || old.Leaf[0].Recipient != "a@x.org" {
		t.Errorf("legacy record read as %+v", old)
	}
	if err := os.WriteFile(filepath.Join(dir, "0x04.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.List(); err == nil || !strings.Contains(err.Error(), "0x04.json") {
		t.Errorf("a broken record is not named: %v", err)
	}
}

// fakeChain is a chain for the tests: deposits, withdrawals, burns, and a
// clock.
type fakeChain struct {
	mu       sync.Mutex
	now      time.Time
	delay    time.Duration
	deps     map[common.Hash]*fakeDeposit
	fail     error // next Deposit fails with it
	calls    int
	starts   int
	onSend   func(root common.Hash)
	withdraw int
}

type fakeDeposit struct {
	value   *big.Int
	created time.Time
	unlock  time.Time
	state   State
	burned  map[uint32]bool
	leaves  uint32
}

func newFakeChain() *fakeChain {
	return &fakeChain{now: time.Unix(1_700_000_000, 0), delay: 72 * time.Hour, deps: map[common.Hash]*fakeDeposit{}}
}

func (c *fakeChain) Account() Account { return acct }
func (c *fakeChain) PendingNonce(context.Context) (uint64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return uint64(c.calls), nil
}

func (c *fakeChain) Deposit(ctx context.Context, root common.Hash, leaves uint32, value, bounty *big.Int) (Mined, error) {
	if c.onSend != nil {
		c.onSend(root)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	if c.fail != nil {
		return Mined{}, c.fail
	}
	id := DepositID(acct.Creator, root)
	if c.deps[id] != nil {
		return Mined{}, errors.New("DepositExists")
	}
	c.deps[id] = &fakeDeposit{value: value, created: c.now, state: StateActive, burned: map[uint32]bool{}, leaves: leaves}
	return Mined{Tx: common.Hash{byte(c.calls)}, Block: uint64(c.calls)}, nil
}

func (c *fakeChain) state(ctx context.Context, id common.Hash) (DepositState, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d := c.deps[id]
	if d == nil {
		return DepositState{}, nil
	}
	rem := new(big.Int)
	if d.state != StateWithdrawn {
		share := new(big.Int).Div(d.value, big.NewInt(int64(d.leaves)))
		rem.Sub(d.value, new(big.Int).Mul(share, big.NewInt(int64(len(d.burned)))))
	}
	return DepositState{Exists: true, State: d.state, CreatedAt: d.created, UnlockAt: d.unlock, Remaining: rem, BurnedLeaves: uint32(len(d.burned))}, nil
}

type chainReader struct{ c *fakeChain }

func (r chainReader) Deposit(ctx context.Context, id common.Hash) (DepositState, error) {
	return r.c.state(ctx, id)
}
func (r chainReader) IsBurned(ctx context.Context, id common.Hash, i uint32) (bool, error) {
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	return r.c.deps[id] != nil && r.c.deps[id].burned[i], nil
}

func (c *fakeChain) StartWithdrawals(ctx context.Context, ids []common.Hash) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.starts++
	for _, id := range ids {
		if d := c.deps[id]; d != nil && d.state == StateActive {
			d.state, d.unlock = StateWithdrawing, c.now.Add(c.delay)
		}
	}
	return nil
}

func (c *fakeChain) WithdrawMany(ctx context.Context, ids []common.Hash) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		if d := c.deps[id]; d != nil && d.state == StateWithdrawing && c.now.After(d.unlock) {
			d.state = StateWithdrawn
			c.withdraw++
		}
	}
	return nil
}

func (c *fakeChain) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func (c *fakeChain) clock() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func newStaker(c *fakeChain, dir string) *Staker {
	return &Staker{Depositor: c, Records: &Store{Dir: dir}, PerRecipient: new(big.Int).Add(milli, tenth), Bounty: tenth, MinLeaves: 4,
		Limits: Limits{MinPerLeaf: milli, MinDelay: 72 * time.Hour}, Delay: c.delay, Now: c.clock}
}

// memTransport keeps each copy.
type memTransport struct {
	mu     sync.Mutex
	copies map[string]string
	fail   map[string]bool
}

func (m *memTransport) Deliver(ctx context.Context, sender, rcpt string, r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail[rcpt] {
		return errors.New("MTA down")
	}
	if m.copies == nil {
		m.copies = map[string]string{}
	}
	m.copies[rcpt] = string(b)
	return nil
}

func cheapMint(ctx context.Context, rcpt string, bits int) (string, error) {
	return fmt.Sprintf("1:%d:260101:%s::r:c", bits, rcpt), nil
}

const msg = "From: s@y.org\nTo: Alice <alice@x.org>, bob@x.org\nBcc: carol@x.org\nMessage-ID: <m1@y.org>\nSubject: lunch?\n\nShall we?\n"

func TestSendBccCopiesAndRecord(t *testing.T) {
	c := newFakeChain()
	dir := t.TempDir()
	st := newStaker(c, dir)
	// The record must be on disk, pending, before the transaction goes.
	c.onSend = func(root common.Hash) {
		r, err := st.Records.Load(DepositID(acct.Creator, root))
		if err != nil || r.State != StatePending || r.Nonce == nil {
			t.Errorf("at send time the record is %+v, %v", r, err)
		}
	}
	tr := &memTransport{}
	s := &Sender{Bits: 8, Stake: Alone{Staker: st}, Transport: tr, Mint: cheapMint}
	res, err := s.Send(context.Background(), strings.NewReader(msg), Envelope{FromHeaders: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sent) != 3 || res.Deposit == nil || res.Deposit.Leaves != 4 {
		t.Fatalf("result %+v", res)
	}
	for rcpt, cp := range tr.copies {
		m, err := mail.Read(strings.NewReader(cp))
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Get("Bcc") != "" {
			t.Errorf("%s's copy has a Bcc header", rcpt)
		}
		stamps := m.Header.Values(mail.StakeHeader)
		if len(stamps) != 1 {
			t.Fatalf("%s's copy has %d stake stamps", rcpt, len(stamps))
		}
		ps, err := stake.Parse(stamps[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := ps.Check(stake.MustParseRecipient(rcpt)); err != nil {
			t.Errorf("%s's stamp: %v", rcpt, err)
		}
		if rcpt != "carol@x.org" && strings.Contains(cp, "carol") {
			t.Errorf("%s's copy names the Bcc recipient", rcpt)
		}
		if !strings.Contains(cp, "1:8:260101:alice@x.org:") || !strings.Contains(cp, "1:8:260101:bob@x.org:") {
			t.Errorf("%s's copy lacks the visible work stamps", rcpt)
		}
		if !strings.HasSuffix(cp, "\nShall we?\n") {
			t.Errorf("%s's copy lost its body: %q", rcpt, cp)
		}
	}
	if !strings.Contains(tr.copies["carol@x.org"], "1:8:260101:carol@x.org:") {
		t.Error("the Bcc recipient's own copy lacks its work stamp")
	}
	rec, err := st.Records.Load(res.Deposit.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.State != StateActive || rec.Tx == (common.Hash{}) || rec.Value != "4400000000000000" || len(rec.Messages) != 1 || rec.Messages[0].MessageID != "<m1@y.org>" || rec.Messages[0].SubjectDigest == "" {
		t.Errorf("record %+v", rec)
	}
	if strings.Contains(readFile(t, st.Records.Path(rec.ID)), "lunch") {
		t.Error("the record holds the subject in clear")
	}
	names := map[string]bool{}
	for _, l := range rec.Leaf {
		names[l.Recipient] = true
	}
	if !names["alice@x.org"] || !names["bob@x.org"] || !names["carol@x.org"] || !names[""] {
		t.Errorf("record leaves %v", rec.Leaf)
	}
}

func readFile(t *testing.T, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// When the chain fails, no copy goes out, and the error is temporary.
func TestSendChainFailureSendsNothing(t *testing.T) {
	c := newFakeChain()
	c.fail = errors.New("connection refused")
	tr := &memTransport{}
	s := &Sender{Bits: 8, Stake: Alone{Staker: newStaker(c, t.TempDir())}, Transport: tr, Mint: cheapMint}
	_, err := s.Send(context.Background(), strings.NewReader(msg), Envelope{FromHeaders: true})
	if !errors.Is(err, ErrTemp) {
		t.Fatalf("error %v, want ErrTemp", err)
	}
	if len(tr.copies) != 0 {
		t.Errorf("%d copies sent although the deposit failed", len(tr.copies))
	}
}

// Settings the policy would refuse make no deposit at all.
func TestSendPolicyRefusal(t *testing.T) {
	c := newFakeChain()
	st := newStaker(c, t.TempDir())
	st.PerRecipient = new(big.Int).Add(milli, new(big.Int).Sub(tenth, big.NewInt(1)))
	tr := &memTransport{}
	s := &Sender{Bits: 8, Stake: Alone{Staker: st}, Transport: tr, Mint: cheapMint}
	_, err := s.Send(context.Background(), strings.NewReader(msg), Envelope{FromHeaders: true})
	if !errors.Is(err, ErrPolicy) || c.calls != 0 || len(tr.copies) != 0 {
		t.Fatalf("err %v, %d deposits, %d copies", err, c.calls, len(tr.copies))
	}
}

func TestSendErrors(t *testing.T) {
	s := &Sender{Bits: 8, Transport: &memTransport{}, Mint: cheapMint}
	if _, err := s.Send(context.Background(), strings.NewReader(""), Envelope{}); !errors.Is(err, ErrData) {
		t.Errorf("empty message: %v", err)
	}
	if _, err := s.Send(context.Background(), strings.NewReader("Subject: x\n\nbody\n"), Envelope{FromHeaders: true}); !errors.Is(err, ErrUsage) {
		t.Errorf("no recipients: %v", err)
	}
	tr := &memTransport{fail: map[string]bool{"bob@x.org": true}}
	s.Transport = tr
	res, err := s.Send(context.Background(), strings.NewReader(msg), Envelope{FromHeaders: true})
	if !errors.Is(err, ErrTemp) || res.Failed["bob@x.org"] == nil || len(res.Sent) != 2 || !strings.Contains(err.Error(), "not sent to: bob@x.org") {
		t.Errorf("a failed hand-over: %v %+v", err, res)
	}
}

func TestStampOneCopy(t *testing.T) {
	c := newFakeChain()
	st := newStaker(c, t.TempDir())
	s := &Sender{Bits: 8, Stake: Alone{Staker: st}, Mint: cheapMint}
	var out bytes.Buffer
	if _, err := s.Stamp(context.Background(), strings.NewReader(msg), &out, "carol@x.org"); err != nil {
		t.Fatal(err)
	}
	cp := out.String()
	if strings.Contains(cp, "Bcc:") || !strings.Contains(cp, "rcpt=carol@x.org") || !strings.Contains(cp, ":carol@x.org:") || !strings.Contains(cp, ":alice@x.org:") {
		t.Errorf("carol's copy:\n%s", cp)
	}
	out.Reset()
	s.Stake = nil
	if _, err := s.Stamp(context.Background(), strings.NewReader(msg), &out, ""); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "Postage-Stamp") || strings.Contains(out.String(), ":carol@x.org:") || !strings.Contains(out.String(), "Bcc: carol@x.org") {
		t.Errorf("work-only stamping:\n%s", out.String())
	}
}
