package contracts

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"
)

// TestInvariants runs seeded random sequences of deposits, burns, batches
// (with skipped and forged requests), withdrawal starts and withdrawals
// (single and batched: startWithdrawals, withdrawMany) and time travel from several accounts
// against a model of the rules. Every transaction's outcome (success or the
// exact custom error, and what its sender received) must match the model,
// and after every step:
//   - the contract's balance == the remaining value of open deposits + all burned ETH;
//   - no account gets back more than it put in (withdrawals <= its deposits),
//     and nothing is created (deposits == payouts + balance);
//   - no leaf burns twice (every re-burn is refused with LeafAlreadyBurned);
//   - no withdraw succeeds at or before its unlock time;
//   - getDeposit and isBurned of the deposits the step touched match the
//     model (of every deposit, every 25 steps and at the end).
//
// POSTAGE_INVARIANT_SEEDS and POSTAGE_INVARIANT_STEPS raise the effort.
func TestInvariants(t *testing.T) {
	seeds, steps := 3, 200
	if testing.Short() {
		seeds, steps = 1, 60
	}
	if v, err := strconv.Atoi(os.Getenv("POSTAGE_INVARIANT_SEEDS")); err == nil && v > 0 {
		seeds = v
	}
	if v, err := strconv.Atoi(os.Getenv("POSTAGE_INVARIANT_STEPS")); err == nil && v > 0 {
		steps = v
	}
	for seed := 1; seed <= seeds; seed++ {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			runInvariants(t, uint64(seed), steps)
		})
	}
}

const invDelay = 1000

type mDeposit struct {
	id        [32]byte
	creator   int
	tree      *tree
	value     *big.Int
	share     *big.Int
	bounty    *big.Int
	burned    map[int]bool
	status    uint8
	createdAt uint64
	startedAt uint64
}

func (d *mDeposit) remaining() *big.Int {
	if d.status == statusWithdrawn {
		return new(big.Int)
	}
	burned := new(big.Int).Mul(d.share, bigs(len(d.burned)))
	return burned.Sub(d.value, burned)
}

type model struct {
	tt          *tester
	rng         *rand.Rand
	deposits    []*mDeposit
	put         [testAccounts]*big.Int // deposited by each account
	withdrawn   [testAccounts]*big.Int // paid to each account by withdraw
	bounties    [testAccounts]*big.Int // paid to each account as bounty
	totalBurned *big.Int               // destroyed: share - bounty per burned leaf
	trees       int
	touched     map[*mDeposit]bool // deposits the current step acted on
}

func runInvariants(t *testing.T, seed uint64, steps int) {
	tt := newTester(t, invDelay)
	m := &model{tt: tt, rng: rand.New(rand.NewPCG(seed, 0x706f7374616765)), totalBurned: new(big.Int), touched: map[*mDeposit]bool{}}
	for i := range testAccounts {
		m.put[i], m.withdrawn[i], m.bounties[i] = new(big.Int), new(big.Int), new(big.Int)
	}
	counts := map[string]int{}
	for step := 0; step < steps; step++ {
		var what string
		switch r := m.rng.IntN(100); {
		case r < 22 || len(m.deposits) == 0:
			what = m.stepDeposit()
		case r < 52:
			what = m.stepBurn()
		case r < 60:
			what = m.stepBurnBatch()
		case r < 68:
			what = m.stepStart()
		case r < 72:
			what = m.stepStartMany()
		case r < 81:
			what = m.stepWithdraw()
		case r < 86:
			what = m.stepWithdrawMany()
		default:
			what = m.stepTravel()
		}
		counts[what]++
		// Balances every step; the views of the deposits the step touched
		// every step, and of all deposits every 25 steps and at the end.
		m.check(fmt.Sprintf("step %d (%s)", step, what), step%25 == 24 || step == steps-1)
		m.touched = map[*mDeposit]bool{}
	}
	t.Logf("seed %d: %d deposits, steps %v", seed, len(m.deposits), counts)
	// The sequences must have exercised the interesting outcomes.
	for _, must := range []string{"deposit", "burn", "start", "withdraw", "withdraw-locked", "burn-again", "burn-after-withdraw",
		"batch-with-skips", "start-many-with-skips", "withdraw-many"} {
		if counts[must] == 0 && steps >= 150 {
			t.Errorf("seed %d never produced %q in %d steps", seed, must, steps)
		}
	}
}

func (m *model) someDeposit() *mDeposit {
	d := m.deposits[m.rng.IntN(len(m.deposits))]
	m.touched[d] = true
	return d
}

// try runs one transaction from `from` and checks its outcome against want
// (nil: must succeed), and that the sender received exactly wantPaid.
func (m *model) try(from int, data []byte, value *big.Int, want any, wantPaid *big.Int) *types.Receipt {
	tt := m.tt
	tt.t.Helper()
	reverted, rd := tt.simulate(from, tt.addr, data, value)
	before := tt.balance(tt.accts[from].addr)
	r := tt.exec(from, tt.addr, data, value)
	if reverted != (r.Status == types.ReceiptStatusFailed) {
		tt.t.Fatalf("simulation reverted=%v but the mined transaction has status %d", reverted, r.Status)
	}
	if want == nil {
		if reverted {
			tt.t.Fatalf("reverted with %s, want success", describeRevert(rd))
		}
	} else {
		if !reverted {
			tt.t.Fatalf("succeeded, want %T%+v", want, want)
		}
		got, err := UnpackRevert(rd)
		if err != nil {
			tt.t.Fatalf("revert data %x: %v (want %T%+v)", rd, err, want, want)
		}
		wantErr(tt.t, got, want)
		wantPaid = new(big.Int)
		value = new(big.Int) // a reverted transaction keeps its value
	}
	if wantPaid == nil {
		wantPaid = new(big.Int)
	}
	if got := received(before, tt.balance(tt.accts[from].addr), value, r); got.Cmp(wantPaid) != 0 {
		tt.t.Fatalf("account %d received %s, want %s", from, got, wantPaid)
	}
	return r
}

func (m *model) stepDeposit() string {
	tt := m.tt
	creator := m.rng.IntN(4)
	// Re-using an id (same creator, same root) must be refused forever.
	if len(m.deposits) > 0 && m.rng.IntN(8) == 0 {
		d := m.someDeposit()
		m.try(d.creator, tt.p.PackMakeDeposit(d.tree.root(), uint32(d.tree.n()), big.NewInt(0)), eth(1), &PostageDepositExists{Id: d.id}, nil)
		return "deposit-reuse"
	}
	sizes := []int{1, 1, 1, 2, 3, 5, 24, 25, 40, 300}
	n := sizes[m.rng.IntN(len(sizes))]
	m.trees++
	tr := newTree(fmt.Sprintf("inv %d", m.trees), n)
	if m.rng.IntN(12) == 0 {
		m.try(creator, tt.p.PackMakeDeposit(tr.root(), uint32(n), big.NewInt(0)), nil, &PostageZeroValue{}, nil)
		return "deposit-zero"
	}
	share := new(big.Int).Mul(gweis(int64(1+m.rng.IntN(1_000_000))), bigs(1+m.rng.IntN(1000)))
	value := new(big.Int).Mul(share, bigs(n))
	value.Add(value, bigs(m.rng.IntN(n))) // dust below one share
	var bounty *big.Int
	switch m.rng.IntN(3) {
	case 0:
		bounty = new(big.Int)
	case 1:
		bounty = new(big.Int).Div(new(big.Int).Mul(share, bigs(m.rng.IntN(1000))), bigs(1000))
	default:
		bounty = new(big.Int).Set(share) // the whole share to the submitter
	}
	if m.rng.IntN(10) == 0 {
		over := new(big.Int).Add(share, big.NewInt(1))
		m.try(creator, tt.p.PackMakeDeposit(tr.root(), uint32(n), over), value, &PostageBountyTooLarge{BountyPerLeaf: over, Share: share}, nil)
		return "deposit-bounty-too-large"
	}
	m.try(creator, tt.p.PackMakeDeposit(tr.root(), uint32(n), bounty), value, nil, nil)
	d := &mDeposit{
		id: idOf(tt.accts[creator].addr, tr.root()), creator: creator, tree: tr,
		value: value, share: share, bounty: bounty, burned: map[int]bool{},
		status: statusActive, createdAt: tt.now(),
	}
	m.deposits = append(m.deposits, d)
	m.touched[d] = true
	m.put[creator].Add(m.put[creator], value)
	return "deposit"
}

// burnOutcome is the model's verdict on one burn of (d, index) with a
// correct proof: the error the contract must give, or nil.
func (m *model) burnOutcome(d *mDeposit, index int, burnedNow map[[2]int]bool, di int) (want any, kind string) {
	switch {
	case d.status == statusWithdrawn:
		return &PostageDepositWithdrawn{Id: d.id}, "burn-after-withdraw"
	case d.burned[index] || burnedNow[[2]int{di, index}]:
		return &PostageLeafAlreadyBurned{Id: d.id, Index: bigs(index)}, "burn-again"
	}
	return nil, "burn"
}

func (m *model) applyBurn(d *mDeposit, index, submitter int) {
	d.burned[index] = true
	m.bounties[submitter].Add(m.bounties[submitter], d.bounty)
	m.totalBurned.Add(m.totalBurned, new(big.Int).Sub(d.share, d.bounty))
}

func (m *model) stepBurn() string {
	tt := m.tt
	d := m.someDeposit()
	submitter := m.rng.IntN(testAccounts)
	index := m.rng.IntN(d.tree.n())
	// Prefer leaves not yet burned, but keep re-burns in the mix.
	for try := 0; try < 3 && d.burned[index]; try++ {
		index = m.rng.IntN(d.tree.n())
	}
	if d.tree.n() > 1 && d.status != statusWithdrawn && m.rng.IntN(10) == 0 {
		// A valid secret and proof presented under another index.
		other := (index + 1) % d.tree.n()
		data := tt.p.PackBurn(d.id, d.tree.secrets[index], bigs(other), d.tree.proof(index))
		if len(d.tree.proof(index)) == len(d.tree.proof(other)) {
			m.try(submitter, data, nil, &PostageInvalidProof{Id: d.id, Index: bigs(other)}, nil)
			return "burn-wrong-index"
		}
	}
	want, kind := m.burnOutcome(d, index, nil, 0)
	var paid *big.Int
	if want == nil {
		paid = d.bounty
	}
	m.try(submitter, tt.burnData(d.id, d.tree, index), nil, want, paid)
	if want == nil {
		m.applyBurn(d, index, submitter)
	}
	return kind
}

// stepBurnBatch sends a batch of 1..5 burns. A request whose leaf is
// burned already (before, or earlier in the batch) or whose deposit is
// withdrawn is skipped (BurnSkipped); a request with a wrong proof or an
// unknown deposit reverts the whole batch. The submitter is paid the
// bounties of the leaves burned, once.
func (m *model) stepBurnBatch() string {
	tt := m.tt
	submitter := m.rng.IntN(testAccounts)
	k := 1 + m.rng.IntN(5)
	var reqs []PostageBurnRequest
	type item struct {
		d     *mDeposit
		index int
		burn  bool // false: must be skipped
	}
	var items []item
	var want any
	burnedNow := map[[2]int]bool{}
	paid := new(big.Int)
	skips := 0
	for range k {
		di := m.rng.IntN(len(m.deposits))
		d := m.deposits[di]
		m.touched[d] = true
		index := m.rng.IntN(d.tree.n())
		if want == nil && m.rng.IntN(25) == 0 {
			// A forged request: the batch must revert, nothing burned.
			bad := d.tree.secrets[index]
			bad[0] ^= 1
			reqs = append(reqs, PostageBurnRequest{Id: d.id, Secret: bad, Index: bigs(index), Proof: d.tree.proof(index)})
			want = &PostageInvalidProof{Id: d.id, Index: bigs(index)}
			continue
		}
		reqs = append(reqs, PostageBurnRequest{Id: d.id, Secret: d.tree.secrets[index], Index: bigs(index), Proof: d.tree.proof(index)})
		lost, _ := m.burnOutcome(d, index, burnedNow, di)
		items = append(items, item{d, index, lost == nil})
		if lost == nil {
			burnedNow[[2]int{di, index}] = true
			paid.Add(paid, d.bounty)
		} else {
			skips++
		}
	}
	r := m.try(submitter, tt.p.PackBurnBatch(reqs), nil, want, paid)
	if want != nil {
		return "batch-refused"
	}
	// One event per request, in order: Burned or BurnSkipped.
	ev := tt.events(r)
	if len(ev) != len(items) {
		tt.t.Fatalf("batch of %d logged %d events", len(items), len(ev))
	}
	for i, it := range items {
		switch e := ev[i].(type) {
		case *PostageBurned:
			if !it.burn || e.Id != it.d.id || e.Index.Int64() != int64(it.index) {
				tt.t.Fatalf("request %d: Burned %+v, want burn=%v of %x/%d", i, e, it.burn, it.d.id[:4], it.index)
			}
		case *PostageBurnSkipped:
			if it.burn || e.Id != it.d.id || e.Index.Int64() != int64(it.index) {
				tt.t.Fatalf("request %d: BurnSkipped %+v, want burn=%v of %x/%d", i, e, it.burn, it.d.id[:4], it.index)
			}
		default:
			tt.t.Fatalf("request %d: event %T", i, e)
		}
		if it.burn {
			m.applyBurn(it.d, it.index, submitter)
		}
	}
	if skips > 0 {
		return "batch-with-skips"
	}
	return "batch"
}

// someIDs picks 1..6 deposit ids, mostly of one creator (who calls), with
// repeats; with strangers' ids, the call reverts NotCreator.
func (m *model) someIDs() (caller int, ds []*mDeposit) {
	d := m.someDeposit()
	caller = d.creator
	ds = append(ds, d)
	for range m.rng.IntN(6) {
		e := m.deposits[m.rng.IntN(len(m.deposits))]
		for try := 0; try < 4 && e.creator != caller; try++ {
			e = m.deposits[m.rng.IntN(len(m.deposits))]
		}
		if e.creator != caller && m.rng.IntN(3) != 0 {
			continue
		}
		if m.rng.IntN(5) == 0 {
			e = ds[m.rng.IntN(len(ds))] // a repeat
		}
		m.touched[e] = true
		ds = append(ds, e)
	}
	m.rng.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
	return caller, ds
}

func idsOf(ds []*mDeposit) [][32]byte {
	out := make([][32]byte, len(ds))
	for i, d := range ds {
		out[i] = d.id
	}
	return out
}

// stepStartMany: startWithdrawals skips the ids already started or
// withdrawn; a stranger's id reverts the whole call.
func (m *model) stepStartMany() string {
	tt := m.tt
	caller, ds := m.someIDs()
	for _, d := range ds {
		if d.creator != caller {
			m.try(caller, tt.p.PackStartWithdrawals(idsOf(ds)), nil,
				&PostageNotCreator{Id: d.id, Caller: tt.accts[caller].addr, Creator: tt.accts[d.creator].addr}, nil)
			return "start-many-stranger"
		}
	}
	r := m.try(caller, tt.p.PackStartWithdrawals(idsOf(ds)), nil, nil, nil)
	var started [][32]byte
	for _, d := range ds {
		if d.status == statusActive {
			d.status, d.startedAt = statusWithdrawing, tt.now()
			started = append(started, d.id)
		}
	}
	var got [][32]byte
	for _, e := range tt.events(r) {
		ws, ok := e.(*PostageWithdrawalStarted)
		if !ok || ws.UnlockAt != tt.now()+invDelay {
			tt.t.Fatalf("startWithdrawals logged %T %+v", e, e)
		}
		got = append(got, ws.Id)
	}
	if !equalJSON(got, started) {
		tt.t.Fatalf("startWithdrawals started %x, want %x", got, started)
	}
	switch {
	case len(started) == 0:
		return "start-many-none"
	case len(started) < len(ds):
		return "start-many-with-skips" // some started, some skipped
	}
	return "start-many"
}

// stepWithdrawMany: withdrawMany pays, in one sum, the unlocked Withdrawing
// deposits among the ids (each once), and skips the others.
func (m *model) stepWithdrawMany() string {
	tt := m.tt
	caller, ds := m.someIDs()
	for _, d := range ds {
		if d.creator != caller {
			m.try(caller, tt.p.PackWithdrawMany(idsOf(ds)), nil,
				&PostageNotCreator{Id: d.id, Caller: tt.accts[caller].addr, Creator: tt.accts[d.creator].addr}, nil)
			return "withdraw-many-stranger"
		}
	}
	next := tt.now() + 1
	paid := new(big.Int)
	var closed []*mDeposit
	seen := map[*mDeposit]bool{}
	for _, d := range ds {
		if seen[d] || d.status != statusWithdrawing || next <= d.startedAt+invDelay {
			continue
		}
		seen[d] = true
		paid.Add(paid, d.remaining())
		closed = append(closed, d)
	}
	r := m.try(caller, tt.p.PackWithdrawMany(idsOf(ds)), nil, nil, paid)
	ev := tt.events(r)
	if len(ev) != len(closed) {
		tt.t.Fatalf("withdrawMany logged %d events, want %d", len(ev), len(closed))
	}
	for i, d := range closed {
		w, ok := ev[i].(*PostageWithdrawn)
		if !ok || w.Id != d.id || w.Amount.Cmp(d.remaining()) != 0 {
			tt.t.Fatalf("withdrawMany event %d: %T %+v, want Withdrawn %x %s", i, ev[i], ev[i], d.id[:4], d.remaining())
		}
		if tt.now() <= d.startedAt+invDelay {
			tt.t.Fatalf("withdrawMany closed %x at %d, unlock time %d", d.id[:4], tt.now(), d.startedAt+invDelay)
		}
		m.withdrawn[caller].Add(m.withdrawn[caller], d.remaining())
		d.status = statusWithdrawn
	}
	if len(closed) == 0 {
		return "withdraw-many-none"
	}
	return "withdraw-many"
}

func (m *model) stepStart() string {
	tt := m.tt
	d := m.someDeposit()
	caller := d.creator
	if m.rng.IntN(6) == 0 {
		caller = m.rng.IntN(testAccounts)
	}
	var want any
	kind := "start"
	switch {
	case caller != d.creator:
		want, kind = &PostageNotCreator{Id: d.id, Caller: tt.accts[caller].addr, Creator: tt.accts[d.creator].addr}, "start-stranger"
	case d.status == statusWithdrawing:
		want, kind = &PostageWithdrawalAlreadyStarted{Id: d.id, UnlockAt: d.startedAt + invDelay}, "start-again"
	case d.status == statusWithdrawn:
		want, kind = &PostageDepositWithdrawn{Id: d.id}, "start-after-withdraw"
	}
	m.try(caller, tt.p.PackStartWithdrawal(d.id), nil, want, nil)
	if want == nil {
		d.status, d.startedAt = statusWithdrawing, tt.now()
	}
	return kind
}

func (m *model) stepWithdraw() string {
	d := m.someDeposit()
	// Prefer deposits that are withdrawing: that is where the timing is.
	for try := 0; try < 3 && d.status != statusWithdrawing; try++ {
		d = m.someDeposit()
	}
	caller := d.creator
	if m.rng.IntN(8) == 0 {
		caller = m.rng.IntN(testAccounts)
	}
	return m.withdrawOf(d, caller)
}

// withdrawOf has `caller` withdraw d, and checks the outcome against the model.
func (m *model) withdrawOf(d *mDeposit, caller int) string {
	tt := m.tt
	next := tt.now() + 1 // the block this transaction lands in
	var want any
	kind := "withdraw"
	switch {
	case caller != d.creator:
		want, kind = &PostageNotCreator{Id: d.id, Caller: tt.accts[caller].addr, Creator: tt.accts[d.creator].addr}, "withdraw-stranger"
	case d.status == statusActive:
		want, kind = &PostageWithdrawalNotStarted{Id: d.id}, "withdraw-not-started"
	case d.status == statusWithdrawn:
		want, kind = &PostageDepositWithdrawn{Id: d.id}, "withdraw-again"
	case next <= d.startedAt+invDelay:
		want, kind = &PostageWithdrawalLocked{Id: d.id, UnlockAt: d.startedAt + invDelay, Now: next}, "withdraw-locked"
	}
	var paid *big.Int
	if want == nil {
		paid = d.remaining()
	}
	m.try(caller, tt.p.PackWithdraw(d.id), nil, want, paid)
	if want == nil {
		if tt.now() <= d.startedAt+invDelay {
			tt.t.Fatalf("withdraw succeeded at %d, unlock time %d", tt.now(), d.startedAt+invDelay)
		}
		m.withdrawn[caller].Add(m.withdrawn[caller], paid)
		d.status = statusWithdrawn
	}
	return kind
}

func (m *model) stepTravel() string {
	// Often, to the edge of a pending unlock: the next block lands exactly
	// on unlockAt or one second after it.
	if m.rng.IntN(2) == 0 {
		now := m.tt.now()
		for _, d := range m.deposits {
			if unlock := d.startedAt + invDelay; d.status == statusWithdrawing && unlock > now+1 {
				m.tt.travelTo(unlock + uint64(m.rng.IntN(2)))
				m.touched[d] = true
				m.withdrawOf(d, d.creator)
				return "travel-to-unlock"
			}
		}
	}
	switch m.rng.IntN(3) {
	case 0:
		m.tt.travel(uint64(1 + m.rng.IntN(10)))
	case 1:
		m.tt.travel(uint64(invDelay - 3 + m.rng.IntN(6)))
	default:
		m.tt.travel(uint64(2 * invDelay))
	}
	return "travel"
}

func (m *model) check(where string, all bool) {
	tt := m.tt
	tt.t.Helper()
	fail := func(format string, args ...any) {
		tt.t.Helper()
		tt.t.Fatalf("%s: "+format, append([]any{where}, args...)...)
	}
	// Balance == open value + burned.
	want := new(big.Int).Set(m.totalBurned)
	for _, d := range m.deposits {
		want.Add(want, d.remaining())
	}
	if got := tt.balance(tt.addr); got.Cmp(want) != 0 {
		fail("contract balance %s, want remaining + burned = %s", got, want)
	}
	// Conservation, and nobody withdraws more than it deposited.
	in, out := new(big.Int), new(big.Int)
	for a := range testAccounts {
		in.Add(in, m.put[a])
		out.Add(out, m.withdrawn[a]).Add(out, m.bounties[a])
		if m.withdrawn[a].Cmp(m.put[a]) > 0 {
			fail("account %d withdrew %s, deposited %s", a, m.withdrawn[a], m.put[a])
		}
	}
	if got := new(big.Int).Add(out, tt.balance(tt.addr)); got.Cmp(in) != 0 {
		fail("payouts + balance = %s, deposits = %s", got, in)
	}
	// The deposits read as the model says, and so do their burn bits (all
	// of them up to 40 leaves, a sample and every burned one above).
	for _, d := range m.deposits {
		if !all && !m.touched[d] {
			continue
		}
		got := tt.deposit(d.id)
		var unlockAt uint64
		if d.startedAt != 0 {
			unlockAt = d.startedAt + invDelay
		}
		wantD := PostageDepositInfo{
			Creator: tt.accts[d.creator].addr, Value: d.value, Leaves: uint32(d.tree.n()), BountyPerLeaf: d.bounty,
			CreatedAt: d.createdAt, WithdrawalStartedAt: d.startedAt, UnlockAt: unlockAt,
			BurnedLeaves: uint32(len(d.burned)), Share: d.share, Remaining: d.remaining(), Status: d.status,
		}
		if !equalJSON(got, wantD) {
			fail("deposit %x reads %+v, want %+v", d.id[:4], got, wantD)
		}
		for idx := range d.tree.n() {
			if d.tree.n() > 40 && idx%37 != 0 && !d.burned[idx] {
				continue
			}
			if got := tt.isBurned(d.id, idx); got != d.burned[idx] {
				fail("isBurned(%x, %d) = %v, want %v", d.id[:4], idx, got, d.burned[idx])
			}
		}
	}
}
