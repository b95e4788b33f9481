package postage

import (
	"context"
	"errors"
	"fmt"
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
	m    map[string]string
	fail error
}

func (s *memSpent) Spend(_ context.Context, key, msg string, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return s.fail
	}
	if s.m == nil {
		s.m = map[string]string{}
	}
	if had, ok := s.m[key]; ok {
		if SameSpend(had, msg) {
			return nil
		}
		return ErrSpent
	}
	s.m[key] = msg
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
	// These tests check every kind: count work too (the default does not).
	pol.Accept = append(pol.Accept, AcceptWork)
	pol.Contracts = []ContractRef{testContract}
	return &Checker{Policy: pol, Spent: &memSpent{}, Deposits: chain}, chain, headers
}

func TestStakeVerdicts(t *testing.T) {
	ctx := context.Background()
	c, chain, h := fixture(t)
	n := 0
	check := func(stamps []string, rcpt string) Verdict {
		n++ // a new message each time
		return c.Check(ctx, Stamps{Stake: stamps, Message: fmt.Sprintf("msg-%d", n)}, rcpt)
	}
	c.Spent = &memSpent{}
	spentFresh := func() { c.Spent = &memSpent{} }
	if v := check([]string{h["alice@example.com"]}, "alice@example.com"); v.Result != Pass {
		t.Fatalf("good stake: %s", v)
	}
	spentFresh()
	// The copy for bob presented for alice: not hers, ignored (forwarded).
	if v := check([]string{h["bob@example.com"]}, "alice@example.com"); v.Result != Neutral || !strings.Contains(v.String(), "stake=not-for-recipient") {
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
	spentFresh()
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
			spentFresh()
		}
		chain.deposits[id] = d
	}
	c.Policy.StakeMinAge = 2 * time.Hour
	// Too new is "not yet": the deposit ages and a retry may pass.
	if v := check([]string{h["bob@example.com"]}, "bob@example.com"); v.Result != TempError || !strings.Contains(v.String(), "stake=too-new") {
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
	p := Stamps{Work: []string{other.String(), st.String()}}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Pass || !strings.Contains(v.String(), "work=8") {
		t.Fatalf("good work: %s", v)
	}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "work=double-spent") {
		t.Errorf("second presentation: %s", v)
	}
	// Stamps only for other addresses (forwarded, a list's copy): ignored.
	if v := c.Check(ctx, Stamps{Work: []string{other.String(), st.String()}}, "carol@example.com"); v.Result != Neutral || v.String() != "neutral rcpt=carol@example.com work=not-for-recipient" {
		t.Errorf("stamps for someone else: %s", v)
	}
	// One for someone else beside a bad one for carol: the bad one decides.
	bad := "1:8:260101:carol@example.com::x:y"
	if v := c.Check(ctx, Stamps{Work: []string{other.String(), bad}}, "carol@example.com"); v.Result != Fail {
		t.Errorf("bad stamp for carol beside bob's: %s", v)
	}
	c.Policy.WorkBits = 20
	fresh, _ := hashcash.Mint(ctx, "alice@example.com", 8, nil)
	if v := c.Check(ctx, Stamps{Work: []string{fresh.String()}}, "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "work=insufficient-bits") {
		t.Errorf("8 bits under a 20-bit policy: %s", v)
	}
	c.Policy.WorkBits = 8
	c.Spent.(*memSpent).fail = errors.New("disk full")
	if v := c.Check(ctx, Stamps{Work: []string{fresh.String()}}, "alice@example.com"); v.Result != TempError {
		t.Errorf("store down: %s", v)
	}
}

func TestNoPostageAllowlistAndMixed(t *testing.T) {
	ctx := context.Background()
	c, chain, h := fixture(t)
	if v := c.Check(ctx, Stamps{}, "alice@example.com"); v.Result != Neutral {
		t.Errorf("no postage: %s", v)
	}
	al, err := ReadAllowlist(strings.NewReader("# friends\nFriend@Example.org\n@trusted.example\n"))
	if err != nil {
		t.Fatal(err)
	}
	c.Policy.Allowlist = al
	for sender, want := range map[string]Result{"friend@example.org": Pass, "<x@trusted.example>": Pass, "x@other.example": Neutral} {
		if v := c.Check(ctx, Stamps{Sender: sender}, "alice@example.com"); v.Result != want {
			t.Errorf("sender %s: %s, want %s", sender, v, want)
		}
	}
	// Mixed: a bad stake (too small) but good work passes when work is
	// accepted, and fails when only stake is.
	for id, d := range chain.deposits {
		d.Value = big.NewInt(3e14)
		chain.deposits[id] = d
	}
	st, _ := hashcash.Mint(ctx, "alice@example.com", 20, nil)
	p := Stamps{Stake: []string{h["alice@example.com"]}, Work: []string{st.String()}, Message: "m1"}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Pass || !strings.Contains(v.String(), "stake=too-small") {
		t.Errorf("mixed: %s", v)
	}
	c.Policy.Accept = []Kind{AcceptStake}
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

func setDeposits(chain *fakeChain, f func(*Deposit)) {
	for id, d := range chain.deposits {
		f(&d)
		chain.deposits[id] = d
	}
}

// Finding 1: the creator can burn its own leaf for the bounty, so a leaf
// is worth its share less the bounty, and the policy's minimum applies to
// that.
func TestStakeValueIsShareLessBounty(t *testing.T) {
	ctx := context.Background()
	c, chain, h := fixture(t)
	p := Stamps{Stake: []string{h["alice@example.com"]}, Message: "m1"}
	// bounty == share: burning costs the creator nothing.
	setDeposits(chain, func(d *Deposit) { d.Bounty = big.NewInt(1e15) })
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Fail || v.String() != "fail rcpt=alice@example.com stake=too-small stake.value=0wei" {
		t.Errorf("bounty equal to the share: %s", v)
	}
	// share 2e15, bounty 5e14: 1.5e15 at stake.
	setDeposits(chain, func(d *Deposit) { d.Value, d.Bounty = big.NewInt(6e15), big.NewInt(5e14) })
	v := c.Check(ctx, p, "alice@example.com")
	if got, _ := v.Reason("stake.value"); v.Result != Pass || got != "1500000000000000wei" {
		t.Errorf("share 2e15 less bounty 5e14: %s", v)
	}
	// share 1.2e15, bounty 3e14: 9e14 is under the 1e15 minimum.
	setDeposits(chain, func(d *Deposit) { d.Value, d.Bounty = big.NewInt(36e14), big.NewInt(3e14) })
	if v := c.Check(ctx, Stamps{Stake: []string{h["bob@example.com"]}, Message: "m2"}, "bob@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake=too-small stake.value=900000000000000wei") {
		t.Errorf("share over the minimum, share less bounty under: %s", v)
	}
	if got := EffectiveStake(Deposit{Value: big.NewInt(10), Leaves: 2, Bounty: big.NewInt(7)}); got.Sign() != 0 {
		t.Errorf("bounty over the share: %v, want 0", got)
	}
}

// Finding 2: one leaf backs one message.
func TestStakeLeafBacksOneMessage(t *testing.T) {
	ctx := context.Background()
	c, _, h := fixture(t)
	msg := func(id string) Stamps { return Stamps{Stake: []string{h["alice@example.com"]}, Message: id} }
	if v := c.Check(ctx, msg("m1"), "alice@example.com"); v.Result != Pass {
		t.Fatalf("first message: %s", v)
	}
	// A retry, a second MX: the same message passes again.
	for i := 0; i < 2; i++ {
		if v := c.Check(ctx, msg("m1"), "alice@example.com"); v.Result != Pass {
			t.Fatalf("the same message again: %s", v)
		}
	}
	// The same stamp pasted into other messages: reused, not a pass.
	for _, id := range []string{"m2", "m3", ""} {
		if v := c.Check(ctx, msg(id), "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake=reused") {
			t.Errorf("message %q with alice's leaf: %s", id, v)
		}
	}
	// bob's leaf of the same deposit is his own.
	if v := c.Check(ctx, Stamps{Stake: []string{h["bob@example.com"]}, Message: "m2"}, "bob@example.com"); v.Result != Pass {
		t.Errorf("another leaf: %s", v)
	}
	ref := c.Spent.(*memSpent)
	if len(ref.m) != 2 {
		t.Errorf("spent store holds %d keys, want 2 (one per leaf): %v", len(ref.m), ref.m)
	}
	for k := range ref.m {
		if !strings.HasPrefix(k, "stake:1337:") {
			t.Errorf("key %q is not stake:<chainid>:…", k)
		}
	}
	// A store that cannot answer: not checkable now.
	ref.fail = errors.New("i/o timeout")
	if v := c.Check(ctx, Stamps{Stake: []string{h["carol@example.com"]}, Message: "m4"}, "carol@example.com"); v.Result != TempError || !strings.Contains(v.String(), "stake=store-unavailable") {
		t.Errorf("store down: %s", v)
	}
	c.Spent = nil
	if v := c.Check(ctx, Stamps{Stake: []string{h["carol@example.com"]}, Message: "m4"}, "carol@example.com"); v.Result != TempError || !strings.Contains(v.String(), "stake=no-spent-store") {
		t.Errorf("no store: %s", v)
	}
}

// Finding 3: a burned leaf or a withdrawn deposit fails the message whatever
// else it carries; a stake stamp for someone else is ignored.
func TestBurnedOrWithdrawnFailsWhateverElse(t *testing.T) {
	ctx := context.Background()
	c, chain, h := fixture(t)
	work := func() string {
		st, err := hashcash.Mint(ctx, "alice@example.com", 20, nil)
		if err != nil {
			t.Fatal(err)
		}
		return st.String()
	}
	chain.burned[0] = true
	p := Stamps{Stake: []string{h["alice@example.com"]}, Work: []string{work()}, Message: "m1"}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake=burned") || !strings.Contains(v.String(), "work=20") {
		t.Errorf("burned leaf beside good work: %s", v)
	}
	chain.burned[0] = false
	setDeposits(chain, func(d *Deposit) { d.Status = DepositWithdrawn })
	p = Stamps{Stake: []string{h["alice@example.com"]}, Work: []string{work()}, Message: "m2"}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake=withdrawn") {
		t.Errorf("withdrawn deposit beside good work: %s", v)
	}
	// Withdrawing is bad postage but no veto: good work still passes.
	setDeposits(chain, func(d *Deposit) { d.Status = DepositWithdrawing })
	p = Stamps{Stake: []string{h["alice@example.com"]}, Work: []string{work()}, Message: "m3"}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Pass || !strings.Contains(v.String(), "stake=withdrawing") {
		t.Errorf("withdrawing deposit beside good work: %s", v)
	}
	// Forwarded to dave: the stamps name alice. Ignored, so good work for
	// dave passes and nothing alone is neutral.
	setDeposits(chain, func(d *Deposit) { d.Status = DepositActive })
	chain.burned[0] = true
	fwd := Stamps{Stake: []string{h["alice@example.com"]}, Message: "m4"}
	if v := c.Check(ctx, fwd, "dave@example.com"); v.Result != Neutral {
		t.Errorf("forwarded, burned, for someone else: %s", v)
	}
	dw, _ := hashcash.Mint(ctx, "dave@example.com", 20, nil)
	fwd.Work = []string{dw.String()}
	if v := c.Check(ctx, fwd, "dave@example.com"); v.Result != Pass {
		t.Errorf("forwarded with dave's own work: %s", v)
	}
}

// Finding 7: clock skew within MaxClockSkew is not too new, and too new is
// never a permanent fail.
func TestClockSkew(t *testing.T) {
	ctx := context.Background()
	c, chain, h := fixture(t)
	now := time.Now()
	c.Now = func() time.Time { return now }
	n := 0
	check := func() Verdict {
		n++
		return c.Check(ctx, Stamps{Stake: []string{h["alice@example.com"]}, Message: fmt.Sprint(n)}, "alice@example.com")
	}
	c.Spent = nil
	for _, tc := range []struct {
		name    string
		created time.Duration // relative to now
		minAge  time.Duration
		want    Result
	}{
		{"block 30s ahead, min_age 0", 30 * time.Second, 0, Pass},
		{"block 4m59s ahead, min_age 0", 4*time.Minute + 59*time.Second, 0, Pass},
		{"1h old, min_age 1h4m", -time.Hour, time.Hour + 4*time.Minute, Pass},
		{"block 10m ahead, min_age 0", 10 * time.Minute, 0, TempError},
		{"1h old, min_age 2h", -time.Hour, 2 * time.Hour, TempError},
	} {
		c.Spent = &memSpent{}
		setDeposits(chain, func(d *Deposit) { d.CreatedAt = now.Add(tc.created) })
		c.Policy.StakeMinAge = tc.minAge
		v := check()
		if v.Result != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, v, tc.want)
		}
		if v.Result != Pass && !strings.Contains(v.String(), "stake=too-new") {
			t.Errorf("%s: %s, want stake=too-new", tc.name, v)
		}
	}
}

// Finding 6: each trusted contract has its own reader; a stamp naming a
// contract no reader follows fails unknown-contract once the receiver's own
// chain answers, and is temperror only while it does not.
func TestTrustedContractsEachHaveAReader(t *testing.T) {
	ctx := context.Background()
	c, chain, h := fixture(t)
	own := ContractRef{ChainID: 1, Address: stake.Address{0x01}}
	c.Policy.Contracts = []ContractRef{own, testContract}
	c.Deposits = Readers{own: &fakeChain{}, testContract: chain}
	p := Stamps{Stake: []string{h["alice@example.com"]}, Message: "m1"}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Pass {
		t.Fatalf("stamp of a trusted contract with its own reader: %s", v)
	}
	// Trusted, its reader not connected yet: temperror, not a fail.
	c.Deposits = Readers{own: &fakeChain{}}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != TempError || !strings.Contains(v.String(), "stake=chain-unavailable") {
		t.Errorf("trusted contract, reader down: %s", v)
	}
	// Not trusted, the own chain reachable: a permanent, stated fail.
	c.Policy.Contracts = []ContractRef{own}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Fail || !strings.Contains(v.String(), "stake=unknown-contract") {
		t.Errorf("contract no reader follows: %s", v)
	}
	// Not trusted, the own chain unreachable (its contract unknown): not
	// checkable now.
	c.OwnContractUnknown = true
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != TempError || !strings.Contains(v.String(), "stake=chain-unavailable") {
		t.Errorf("own chain down: %s", v)
	}
}
