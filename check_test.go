package postage

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/stake"
)

type memSpent struct {
	mu   sync.Mutex
	m    map[string]bool
	fail error
}

func (s *memSpent) Spend(_ context.Context, stamp string, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return s.fail
	}
	if s.m == nil {
		s.m = map[string]bool{}
	}
	if s.m[stamp] {
		return ErrSpent
	}
	s.m[stamp] = true
	return nil
}
func (s *memSpent) Purge(context.Context, time.Time) (int, error) { return 0, nil }
func (s *memSpent) Close() error                                  { return nil }

type fakeChain struct {
	deposits map[stake.Hash]Deposit
	burned   map[uint32]bool
	err      error
}

func (f *fakeChain) Deposit(_ context.Context, ref DepositRef) (Deposit, error) {
	if f.err != nil {
		return Deposit{}, f.err
	}
	return f.deposits[ref.ID], nil
}

func (f *fakeChain) Burned(_ context.Context, _ DepositRef, i uint32) (bool, error) {
	return f.burned[i], f.err
}

var (
	testContract = ContractRef{ChainID: 1337, Address: stake.Address{0xc0}}
	creator      = stake.Address{0xaa}
)

// fixture: a deposit for alice, bob and carol, good under DefaultPolicy.
func fixture(t *testing.T) (*Checker, *fakeChain, map[string]string) {
	t.Helper()
	rcpts := []stake.Recipient{stake.MustParseRecipient("alice@example.com"), stake.MustParseRecipient("bob@example.com"), stake.MustParseRecipient("carol@example.com")}
	b, err := stake.NewBatch(rcpts, nil)
	if err != nil {
		t.Fatal(err)
	}
	headers := map[string]string{}
	for _, r := range rcpts {
		i, _ := b.Index(r)
		st, err := b.Stamp(i, testContract.ChainID, testContract.Address, creator)
		if err != nil {
			t.Fatal(err)
		}
		h, err := st.Format()
		if err != nil {
			t.Fatal(err)
		}
		headers[r.String()] = h
	}
	chain := &fakeChain{
		deposits: map[stake.Hash]Deposit{stake.DepositID(creator, b.Root()): {
			Status: DepositActive, Value: big.NewInt(3e15), Leaves: 3,
			CreatedAt: time.Now().Add(-time.Hour), Confirmations: 5, Delay: 7 * 24 * time.Hour,
		}},
		burned: map[uint32]bool{},
	}
	pol := DefaultPolicy()
	pol.Contracts = []ContractRef{testContract}
	return &Checker{Policy: pol, Spent: &memSpent{}, Deposits: chain}, chain, headers
}

func TestStakeVerdicts(t *testing.T) {
	ctx := context.Background()
	c, chain, h := fixture(t)
	check := func(stamps []string, rcpt string) Verdict {
		return c.Check(ctx, Postage{Stake: stamps}, rcpt)
	}
	if v := check([]string{h["alice@example.com"]}, "alice@example.com"); v.Result != Pass {
		t.Fatalf("good stake: %s", v)
	}
	// The copy for bob presented for alice: not hers.
	if v := check([]string{h["bob@example.com"]}, "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake=not-for-recipient") {
		t.Errorf("bob's stamp for alice: %s", v)
	}
	// bob's stamp relabelled rcpt=alice: the secret derived for alice is not in the tree.
	forged := strings.Replace(h["bob@example.com"], "rcpt=bob@example.com", "rcpt=alice@example.com", 1)
	if v := check([]string{forged}, "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake=bad-proof") {
		t.Errorf("relabelled stamp: %s", v)
	}
	// alice's nonce and proof presented against another deposit's root.
	st, err := stake.Parse(h["alice@example.com"])
	if err != nil {
		t.Fatal(err)
	}
	st.Root[0] ^= 0xff
	swapped, err := st.Format()
	if err != nil {
		t.Fatal(err)
	}
	if v := check([]string{swapped}, "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake=bad-proof") {
		t.Errorf("proof for another root: %s", v)
	}
	if v := check([]string{"v=1; garbage"}, "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake=malformed") {
		t.Errorf("malformed: %s", v)
	}
	chain.burned[0] = true
	if v := check([]string{h["alice@example.com"]}, "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake=burned") {
		t.Errorf("burned: %s", v)
	}
	if v := check([]string{h["bob@example.com"]}, "bob@example.com"); v.Result != Pass {
		t.Errorf("bob's leaf is not burned: %s", v)
	}
	for id, d := range chain.deposits {
		for status, want := range map[DepositStatus]string{DepositWithdrawing: "withdrawing", DepositWithdrawn: "withdrawn", DepositNone: "no-deposit"} {
			d2 := d
			d2.Status = status
			chain.deposits[id] = d2
			if v := check([]string{h["bob@example.com"]}, "bob@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake="+want) {
				t.Errorf("status %d: %s", status, v)
			}
		}
		for name, mutate := range map[string]func(*Deposit){
			"too-small":       func(d *Deposit) { d.Value = big.NewInt(3e14) },
			"delay-too-short": func(d *Deposit) { d.Delay = time.Hour },
			"unconfirmed":     func(d *Deposit) { d.Confirmations = 0 },
		} {
			d2 := d
			mutate(&d2)
			chain.deposits[id] = d2
			if v := check([]string{h["bob@example.com"]}, "bob@example.com"); !strings.Contains(v.String(), "stake="+name) || v.Result == Pass {
				t.Errorf("%s: %s", name, v)
			}
		}
		chain.deposits[id] = d
	}
	c.Policy.StakeMinAge = 2 * time.Hour
	if v := check([]string{h["bob@example.com"]}, "bob@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake=too-new") {
		t.Errorf("young deposit: %s", v)
	}
	c.Policy.StakeMinAge = 0
	c.Policy.Contracts = []ContractRef{{ChainID: 1, Address: testContract.Address}}
	if v := check([]string{h["bob@example.com"]}, "bob@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake=unknown-contract") {
		t.Errorf("untrusted chain: %s", v)
	}
	c.Policy.Contracts = []ContractRef{testContract}
	chain.err = errors.New("dial tcp 127.0.0.1:1: connection refused")
	if v := check([]string{h["bob@example.com"]}, "bob@example.com"); v.Result != TempError || !strings.Contains(v.String(), "stake=chain-unavailable") {
		t.Errorf("chain down: %s", v)
	}
}

func TestWorkVerdicts(t *testing.T) {
	ctx := context.Background()
	c, _, _ := fixture(t)
	c.Policy.WorkBits = 8
	st, err := hashcash.Mint(ctx, "alice@example.com", 8, nil)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := hashcash.Mint(ctx, "bob@example.com", 8, nil)
	p := Postage{Work: []string{other.String(), st.String()}}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Pass || !strings.Contains(v.String(), "work=8") {
		t.Fatalf("good work: %s", v)
	}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "work=double-spent") {
		t.Errorf("second presentation: %s", v)
	}
	if v := c.Check(ctx, Postage{Work: []string{other.String()}}, "carol@example.com"); v.Result != Fail || !strings.Contains(v.String(), "work=wrong_resource") {
		t.Errorf("stamp for someone else: %s", v)
	}
	c.Policy.WorkBits = 20
	fresh, _ := hashcash.Mint(ctx, "alice@example.com", 8, nil)
	if v := c.Check(ctx, Postage{Work: []string{fresh.String()}}, "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "work=insufficient_bits") {
		t.Errorf("8 bits under a 20-bit policy: %s", v)
	}
	c.Policy.WorkBits = 8
	c.Spent.(*memSpent).fail = errors.New("disk full")
	if v := c.Check(ctx, Postage{Work: []string{fresh.String()}}, "alice@example.com"); v.Result != TempError {
		t.Errorf("store down: %s", v)
	}
}

func TestNoPostageAllowlistAndMixed(t *testing.T) {
	ctx := context.Background()
	c, chain, h := fixture(t)
	if v := c.Check(ctx, Postage{}, "alice@example.com"); v.Result != Neutral {
		t.Errorf("no postage: %s", v)
	}
	al, err := ReadAllowlist(strings.NewReader("# friends\nFriend@Example.org\n@trusted.example\n"))
	if err != nil {
		t.Fatal(err)
	}
	c.Policy.Allowlist = al
	for sender, want := range map[string]Result{"friend@example.org": Pass, "<x@trusted.example>": Pass, "x@other.example": Neutral} {
		if v := c.Check(ctx, Postage{Sender: sender}, "alice@example.com"); v.Result != want {
			t.Errorf("sender %s: %s, want %s", sender, v, want)
		}
	}
	// Mixed: a burned stake but good work passes when work is accepted,
	// and fails when only stake is.
	chain.burned[0] = true
	st, _ := hashcash.Mint(ctx, "alice@example.com", 20, nil)
	p := Postage{Stake: []string{h["alice@example.com"]}, Work: []string{st.String()}}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Pass || !strings.Contains(v.String(), "stake=burned") {
		t.Errorf("mixed: %s", v)
	}
	c.Policy.Accept = []string{AcceptStake}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Fail {
		t.Errorf("stake only: %s", v)
	}
}

func TestVerdictHeaderCannotBeInjected(t *testing.T) {
	v := Verdict{Recipient: "a@b; pass rcpt=x", Result: Fail, Reasons: []Reason{{"work", "x y;z"}}}
	if got := v.String(); got != "fail rcpt=a@b__pass_rcpt=x work=x_y_z" {
		t.Errorf("String() = %q", got)
	}
	if got := HeaderValue([]Verdict{{Recipient: "a@b", Result: Pass}, {Recipient: "c@d", Result: Neutral}}); got != "pass rcpt=a@b; neutral rcpt=c@d" {
		t.Errorf("HeaderValue = %q", got)
	}
}
