package contracts

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// TestBookInvariants runs seeded random sequences of book openings, sales
// (single and batch), reveals (matching, missing, early, late, forged,
// repeated), seed records, top-ups, queue payments, claims, retirements,
// closings and block advances against a model of the rules. Every
// transaction's outcome (success, or the exact custom error) must be the
// model's, and after every step:
//   - the contract's balance == the sum of the books' pools + all credits;
//   - each book's pool == reserve in + stakes in - 2*stake per payout - reserve returned;
//   - every ticket is paid at most once (a second reveal is refused, and
//     credits equal the model's payouts exactly);
//   - no reveal is accepted before its randomness block, after its window
//     or with a coin that does not match;
//   - the views of the books the step touched match the model (all books
//     every 25 steps and at the end).
//
// POSTAGE_INVARIANT_SEEDS and POSTAGE_INVARIANT_STEPS raise the effort.
func TestBookInvariants(t *testing.T) {
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
	total := map[string]int{}
	for seed := 1; seed <= seeds; seed++ {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			for k, v := range runBookInvariants(t, uint64(seed), steps) {
				total[k] += v
			}
		})
	}
	// The sequences together must have exercised every interesting outcome.
	if seeds*steps >= 450 {
		for _, must := range []string{"open", "buy", "buy-soldout", "reveal-paid", "reveal-queued", "reveal-miss", "reveal-early",
			"reveal-late", "reveal-again", "reveal-forged", "reveal-closed", "payqueue", "claim", "close", "close-refused", "topup"} {
			if total[must] == 0 {
				t.Errorf("%d seeds of %d steps never produced %q", seeds, steps, must)
			}
		}
	}
}

type mTicket struct {
	buyer   int
	binding [32]byte
	bought  uint64
	state   uint8
}

type mBook struct {
	id        [32]byte
	vals      bookValues
	owner     int
	agent     int
	stake     *big.Int
	bounty    *big.Int
	window    uint64
	status    uint8
	pool      *big.Int
	reserve   *big.Int
	lastBuy   uint64
	tickets   []*mTicket
	queue     []int // ticket indices waiting, oldest first
	reserveIn *big.Int
	stakesIn  *big.Int
	payouts   int
	returned  *big.Int
}

func (b *mBook) owed() *big.Int { return new(big.Int).Mul(b.stake, big.NewInt(2)) }

type bookModel struct {
	bt      *bookTester
	rng     *rand.Rand
	books   []*mBook
	credits map[common.Address]*big.Int
	touched map[*mBook]bool
	counts  map[string]int
	nbooks  int
	// revealers[book][ticket] revealed a queued ticket (the bounty's payee).
	revealers map[[32]byte]map[int]int
}

func runBookInvariants(t *testing.T, seed uint64, steps int) map[string]int {
	bt := newBookTester(t, 2, 3)
	m := &bookModel{bt: bt, rng: rand.New(rand.NewPCG(seed, 0x7469636b6574)), credits: map[common.Address]*big.Int{},
		touched: map[*mBook]bool{}, counts: map[string]int{}, revealers: map[[32]byte]map[int]int{}}
	for step := 0; step < steps; step++ {
		var what string
		switch r := m.rng.IntN(100); {
		case r < 7 || len(m.books) == 0:
			what = m.stepOpen()
		case r < 30:
			what = m.stepBuy()
		case r < 66:
			what = m.stepReveal()
		case r < 69:
			what = m.stepRecordSeed()
		case r < 71:
			what = m.stepTopUp()
		case r < 76:
			what = m.stepPayQueue()
		case r < 82:
			what = m.stepClaim()
		case r < 85:
			what = m.stepRetire()
		case r < 89:
			what = m.stepClose()
		default:
			what = m.stepMine()
		}
		m.counts[what]++
		m.check(fmt.Sprintf("step %d (%s)", step, what), step%25 == 24 || step == steps-1)
		m.touched = map[*mBook]bool{}
	}
	t.Logf("seed %d: %d books, steps %v", seed, len(m.books), m.counts)
	return m.counts
}

func (m *bookModel) someBook() *mBook { return m.books[m.rng.IntN(len(m.books))] }

func (m *bookModel) credit(a common.Address) *big.Int {
	if c, ok := m.credits[a]; ok {
		return c
	}
	c := new(big.Int)
	m.credits[a] = c
	return c
}

// expectErr runs data from `from` and checks the outcome against want (nil: success).
func (m *bookModel) expect(from int, data []byte, value *big.Int, want any) {
	bt := m.bt
	bt.t.Helper()
	if want == nil {
		bt.bookOK(from, data, value)
		return
	}
	wantErr(bt.t, bt.bookFails(from, data, value), want)
}

func (m *bookModel) stepOpen() string {
	bt := m.bt
	m.nbooks++
	owner := []int{bOwner, bStranger}[m.rng.IntN(2)]
	leaves := 1 + m.rng.IntN(16)
	stake := gweis(int64(1_000_000 * (1 + m.rng.IntN(3))))
	bounty := new(big.Int)
	if m.rng.IntN(2) == 0 {
		bounty.Div(stake, big.NewInt(16)) // the largest the contract allows
	}
	window := []uint64{8, 40, 120}[m.rng.IntN(3)]
	reserve := new(big.Int).Mul(stake, big.NewInt(int64(max(0, m.rng.IntN(6)-4))))
	vals := newValues(fmt.Sprintf("inv %d", m.nbooks), leaves)
	id := bt.openBook(owner, vals, stake, bounty, uint32(window), bAgent, reserve)
	b := &mBook{id: id, vals: vals, owner: owner, agent: bAgent, stake: stake, bounty: bounty, window: window,
		status: bsOpen, pool: new(big.Int).Set(reserve), reserve: new(big.Int).Set(reserve),
		reserveIn: new(big.Int).Set(reserve), stakesIn: new(big.Int), returned: new(big.Int)}
	m.books = append(m.books, b)
	m.touched[b] = true
	return "open"
}

func (m *bookModel) pay(b *mBook, tk *mTicket) {
	owed := b.owed()
	b.pool.Sub(b.pool, owed)
	buyer := m.bt.accts[tk.buyer].addr
	m.credit(buyer).Add(m.credit(buyer), new(big.Int).Sub(owed, b.bounty))
	tk.state = tsPaid
	b.payouts++
}

func (m *bookModel) stepBuy() string {
	bt := m.bt
	b := m.someBook()
	for _, c := range m.books { // mostly an open book with room
		if c.status == bsOpen && len(c.tickets) < c.vals.n() && m.rng.IntN(3) > 0 {
			b = c
			break
		}
	}
	m.touched[b] = true
	buyer := []int{bBuyer, bBuyer2}[m.rng.IntN(2)]
	n := 1 + m.rng.IntN(3)
	bindings := make([][32]byte, n)
	for i := range bindings {
		bindings[i] = bindingOf(fmt.Sprintf("inv %x", b.id[:4]), len(b.tickets)+i+m.rng.IntN(1000)*100)
	}
	price := new(big.Int).Mul(b.stake, big.NewInt(int64(n)))
	var data []byte
	if n == 1 && m.rng.IntN(2) == 0 {
		data = bt.b.PackBuy(b.id, bindings[0])
	} else {
		data = bt.b.PackBuyBatch(b.id, bindings)
	}
	switch {
	case b.status != bsOpen:
		m.expect(buyer, data, price, &TicketBookBookNotOpen{Id: b.id, Status: b.status})
		return "buy-closed"
	case len(b.tickets)+n > b.vals.n():
		m.expect(buyer, data, price, &TicketBookBookSoldOut{Id: b.id, Sold: bigs(len(b.tickets)), Leaves: bigs(b.vals.n()), Wanted: bigs(n)})
		return "buy-soldout"
	}
	if m.rng.IntN(10) == 0 {
		wrong := new(big.Int).Add(price, big.NewInt(1))
		m.expect(buyer, data, wrong, &TicketBookWrongPayment{Sent: wrong, Price: price})
		return "buy-wrong-price"
	}
	blk := bt.number() + 1
	m.expect(buyer, data, price, nil)
	for _, bd := range bindings {
		b.tickets = append(b.tickets, &mTicket{buyer: buyer, binding: bd, bought: blk, state: tsBought})
	}
	b.pool.Add(b.pool, price)
	b.stakesIn.Add(b.stakesIn, price)
	b.lastBuy = blk
	if len(b.queue) > 0 {
		m.drainWith(b, 4)
	}
	return "buy"
}

func (m *bookModel) drainWith(b *mBook, max int) {
	for paid := 0; len(b.queue) > 0 && paid < max && b.pool.Cmp(b.owed()) >= 0; paid++ {
		i := b.queue[0]
		b.queue = b.queue[1:]
		tk := b.tickets[i]
		m.pay(b, tk)
		if b.bounty.Sign() != 0 {
			rv := m.bt.accts[m.revealers[b.id][i]].addr
			m.credit(rv).Add(m.credit(rv), b.bounty)
		}
	}
}

func (m *bookModel) stepReveal() string {
	bt := m.bt
	var cands []*mBook
	for _, b := range m.books {
		if len(b.tickets) > 0 {
			cands = append(cands, b)
		}
	}
	if len(cands) == 0 {
		return m.stepBuy()
	}
	b := cands[m.rng.IntN(len(cands))]
	m.touched[b] = true
	i := m.rng.IntN(len(b.tickets))
	tk := b.tickets[i]
	next := bt.number() + 1
	rb := bt.rblock(tk.bought)
	// Mostly pick a ticket inside its window whose coin matches (so that
	// payouts and queues happen), of any book; sometimes one that misses,
	// or one whose randomness block is not sealed yet.
	pref := m.rng.IntN(7)
	if pref == 4 {
		for k, c := range b.tickets {
			if c.state == tsBought && next <= bt.rblock(c.bought) {
				i, tk, rb = k, c, bt.rblock(c.bought)
				break
			}
		}
	}
	if pref < 4 {
		start := m.rng.IntN(len(cands))
	search:
		for n := range cands {
			cb := cands[(start+n)%len(cands)]
			if cb.status == bsClosed {
				continue
			}
			for k, c := range cb.tickets {
				crb := bt.rblock(c.bought)
				if c.state == tsBought && next > crb && next <= crb+cb.window && matches(cb.vals.secrets[k], bt.blockHash(crb)) == (pref < 3) {
					b, i, tk, rb = cb, k, c, crb
					m.touched[b] = true
					break search
				}
			}
		}
	}
	req := bt.req(b.id, b.vals, i, tk.buyer, tk.binding)
	from := b.agent
	forged := m.rng.IntN(12)
	switch forged {
	case 0:
		from = bStranger
	case 1:
		req.Buyer = bt.accts[bStranger].addr
	case 2:
		req.Value = b.vals.secrets[(i+1)%b.vals.n()]
	case 3, 4:
		// A relay with the agent's signature.
		from = bRelay
		req.Signature = signDigest(bt.t, bt.accts[b.agent].key, bt.digest(b.id, i, bt.accts[bRelay].addr))
	}
	var data []byte
	if m.rng.IntN(2) == 0 {
		data = bt.b.PackReveal(req)
	} else {
		data = bt.b.PackRevealBatch([]TicketBookRevealRequest{req})
	}
	var want any
	what := ""
	switch {
	case b.status == bsClosed:
		want, what = &TicketBookBookIsClosed{Id: b.id}, "reveal-closed"
	case tk.state != tsBought:
		want, what = &TicketBookTicketAlreadyRevealed{Id: b.id, Index: bigs(i)}, "reveal-again"
	case forged == 1:
		want, what = &TicketBookWrongCommitment{Id: b.id, Index: bigs(i)}, "reveal-forged"
	case forged == 0:
		want, what = &TicketBookNotAuthorized{Id: b.id, Index: bigs(i), Submitter: bt.accts[bStranger].addr}, "reveal-forged"
	case next <= rb:
		want, what = &TicketBookTooEarly{Id: b.id, Index: bigs(i), RandomnessBlock: new(big.Int).SetUint64(rb)}, "reveal-early"
	case next > rb+b.window:
		want, what = &TicketBookRevealWindowClosed{Id: b.id, Index: bigs(i), Deadline: new(big.Int).SetUint64(rb + b.window)}, "reveal-late"
	case forged == 2 && b.vals.n() > 1:
		want, what = &TicketBookInvalidProof{Id: b.id, Index: bigs(i)}, "reveal-forged"
	case !matches(req.Value, bt.blockHash(rb)):
		want, what = &TicketBookParityMismatch{Id: b.id, Index: bigs(i)}, "reveal-miss"
	}
	if want != nil {
		m.expect(from, data, nil, want)
		return what
	}
	before := bt.balance(bt.accts[from].addr)
	r := bt.bookOK(from, data, nil)
	got := received(before, bt.balance(bt.accts[from].addr), nil, r)
	if len(b.queue) == 0 && b.pool.Cmp(b.owed()) >= 0 {
		m.pay(b, tk)
		if got.Cmp(b.bounty) != 0 {
			bt.t.Fatalf("revealer received %s, want the bounty %s", got, b.bounty)
		}
		return "reveal-paid"
	}
	if got.Sign() != 0 {
		bt.t.Fatalf("a queued reveal paid its revealer %s", got)
	}
	tk.state = tsQueued
	b.queue = append(b.queue, i)
	if m.revealers[b.id] == nil {
		m.revealers[b.id] = map[int]int{}
	}
	m.revealers[b.id][i] = from
	m.drainWith(b, 4)
	return "reveal-queued"
}

func (m *bookModel) stepRecordSeed() string {
	bt := m.bt
	n := bt.number()
	back := uint64(m.rng.IntN(5))
	if back > n {
		back = 0
	}
	target := n - back + uint64(m.rng.IntN(2)) // sometimes the next block: not yet sealed
	if target >= n+1 {
		m.expect(bStranger, bt.b.PackRecordSeed(new(big.Int).SetUint64(target)), nil, &TicketBookSeedUnavailable{BlockNumber: new(big.Int).SetUint64(target)})
		return "seed-future"
	}
	m.expect(bStranger, bt.b.PackRecordSeed(new(big.Int).SetUint64(target)), nil, nil)
	return "seed"
}

func (m *bookModel) stepTopUp() string {
	b := m.someBook()
	m.touched[b] = true
	v := new(big.Int).Mul(b.stake, big.NewInt(int64(1+m.rng.IntN(3))))
	if b.status == bsClosed {
		m.expect(bStranger, m.bt.b.PackTopUp(b.id), v, &TicketBookBookIsClosed{Id: b.id})
		return "topup-closed"
	}
	m.expect(bStranger, m.bt.b.PackTopUp(b.id), v, nil)
	b.pool.Add(b.pool, v)
	b.reserve.Add(b.reserve, v)
	b.reserveIn.Add(b.reserveIn, v)
	m.drainWith(b, 32)
	return "topup"
}

func (m *bookModel) stepPayQueue() string {
	b := m.someBook()
	m.touched[b] = true
	max := 1 + m.rng.IntN(3)
	m.expect(bStranger, m.bt.b.PackPayQueue(b.id, bigs(max)), nil, nil)
	m.drainWith(b, max)
	return "payqueue"
}

func (m *bookModel) stepClaim() string {
	bt := m.bt
	a := []int{bBuyer, bBuyer2, bAgent, bRelay}[m.rng.IntN(4)]
	addr := bt.accts[a].addr
	c := new(big.Int).Set(m.credit(addr))
	if c.Sign() == 0 {
		m.expect(a, bt.b.PackClaim(), nil, &TicketBookNothingToClaim{Account: addr})
		return "claim-nothing"
	}
	before := bt.balance(addr)
	r := bt.bookOK(a, bt.b.PackClaim(), nil)
	if got := received(before, bt.balance(addr), nil, r); got.Cmp(c) != 0 {
		bt.t.Fatalf("claim paid %s, want %s", got, c)
	}
	m.credit(addr).SetInt64(0)
	return "claim"
}

func (m *bookModel) stepRetire() string {
	b := m.someBook()
	m.touched[b] = true
	from := b.owner
	if m.rng.IntN(4) == 0 && b.owner != bBuyer {
		from = bBuyer
		m.expect(from, m.bt.b.PackRetire(b.id), nil, &TicketBookNotOwner{Id: b.id, Caller: m.bt.accts[bBuyer].addr, Owner: m.bt.accts[b.owner].addr})
		return "retire-notowner"
	}
	if b.status != bsOpen {
		m.expect(from, m.bt.b.PackRetire(b.id), nil, &TicketBookBookNotOpen{Id: b.id, Status: b.status})
		return "retire-again"
	}
	m.expect(from, m.bt.b.PackRetire(b.id), nil, nil)
	b.status = bsRetired
	return "retire"
}

func (m *bookModel) stepClose() string {
	bt := m.bt
	// Prefer a retired book.
	b := m.someBook()
	for _, c := range m.books {
		if c.status == bsRetired && m.rng.IntN(2) == 0 {
			b = c
			break
		}
	}
	m.touched[b] = true
	next := bt.number() + 1
	deadline := uint64(0)
	if len(b.tickets) > 0 {
		deadline = bt.rblock(b.lastBuy) + b.window
	}
	var want any
	switch {
	case b.status != bsRetired:
		want = &TicketBookBookNotRetired{Id: b.id, Status: b.status}
	case len(b.tickets) > 0 && next <= deadline:
		want = &TicketBookBookStillRevealing{Id: b.id, Deadline: new(big.Int).SetUint64(deadline)}
	case len(b.queue) > 0:
		want = &TicketBookQueueNotEmpty{Id: b.id, Waiting: bigs(len(b.queue))}
	}
	if want != nil {
		m.expect(b.owner, bt.b.PackClose(b.id), nil, want)
		return "close-refused"
	}
	amount := new(big.Int).Set(b.pool)
	if amount.Cmp(b.reserve) > 0 {
		amount.Set(b.reserve)
	}
	before := bt.balance(bt.accts[b.owner].addr)
	r := bt.bookOK(b.owner, bt.b.PackClose(b.id), nil)
	if got := received(before, bt.balance(bt.accts[b.owner].addr), nil, r); got.Cmp(amount) != 0 {
		bt.t.Fatalf("close paid %s, want min(pool, reserve) = %s", got, amount)
	}
	b.pool.Sub(b.pool, amount)
	b.reserve.SetInt64(0)
	b.returned.Add(b.returned, amount)
	b.status = bsClosed
	return "close"
}

func (m *bookModel) stepMine() string {
	if m.rng.IntN(6) == 0 {
		m.bt.mine(uint64(15 + m.rng.IntN(30)))
		return "mine-far"
	}
	m.bt.mine(uint64(1 + m.rng.IntN(4)))
	return "mine"
}

func (m *bookModel) check(where string, all bool) {
	bt := m.bt
	bt.t.Helper()
	total := new(big.Int)
	for _, b := range m.books {
		total.Add(total, b.pool)
		// pool == reserve in + stakes in - 2s per payout - returned
		acc := new(big.Int).Add(b.reserveIn, b.stakesIn)
		acc.Sub(acc, new(big.Int).Mul(b.owed(), big.NewInt(int64(b.payouts))))
		acc.Sub(acc, b.returned)
		if acc.Cmp(b.pool) != 0 {
			bt.t.Fatalf("%s: book %x: model pool %s != reserve+stakes-payouts-returned %s", where, b.id[:4], b.pool, acc)
		}
		if !all && !m.touched[b] {
			continue
		}
		got := bt.getBook(b.id)
		head := got.QueueHead
		if got.Status != b.status || got.Pool.Cmp(b.pool) != 0 || got.Reserve.Cmp(b.reserve) != 0 ||
			int(got.Sold) != len(b.tickets) || int(got.QueueTail-head) != len(b.queue) {
			bt.t.Fatalf("%s: book %x reads %+v; model: status %d pool %s reserve %s sold %d queue %d",
				where, b.id[:4], got, b.status, b.pool, b.reserve, len(b.tickets), len(b.queue))
		}
		for i, tk := range b.tickets {
			if st := bt.getTicket(b.id, i).State; st != tk.state {
				bt.t.Fatalf("%s: book %x ticket %d state %d, model %d", where, b.id[:4], i, st, tk.state)
			}
		}
	}
	for a, c := range m.credits {
		total.Add(total, c)
		if got := bt.creditAt(a); got.Cmp(c) != 0 {
			bt.t.Fatalf("%s: credit of %s is %s, model %s", where, a, got, c)
		}
	}
	if got := bt.balance(bt.book); got.Cmp(total) != 0 {
		bt.t.Fatalf("%s: contract holds %s, pools + credits = %s", where, got, total)
	}
}
