package contracts

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// Each test here is one rule of src/TicketBook.sol (see TICKETBOOK.md).

func TestBookConstructorBounds(t *testing.T) {
	bt := newBookTester(t, 2, 4)
	for _, c := range []struct {
		k, e uint32
		want any
	}{
		{0, 4, &TicketBookInvalidParameter{Name: "randomnessDelay", Value: big.NewInt(0)}},
		{1025, 4, &TicketBookInvalidParameter{Name: "randomnessDelay", Value: big.NewInt(1025)}},
		{2, 0, &TicketBookInvalidParameter{Name: "epoch", Value: big.NewInt(0)}},
		{2, 1025, &TicketBookInvalidParameter{Name: "epoch", Value: big.NewInt(1025)}},
	} {
		data := append(common.FromHex(TicketBookMetaData.Bin), bt.b.PackConstructor(c.k, c.e)...)
		reverted, rd := bt.simulateAt(bOwner, nil, data, nil)
		if !reverted {
			t.Fatalf("TicketBook(%d, %d) deploys", c.k, c.e)
		}
		v, err := UnpackTicketBookRevert(rd)
		if err != nil {
			t.Fatal(err)
		}
		wantErr(t, v, c.want)
	}
	k := callAt(bt.tester, bt.book, bt.b.PackRandomnessDelay(), bt.b.UnpackRandomnessDelay)
	e := callAt(bt.tester, bt.book, bt.b.PackEpoch(), bt.b.UnpackEpoch)
	if k != 2 || e != 4 {
		t.Fatalf("randomnessDelay %d epoch %d, want 2 and 4", k, e)
	}
}

// Opening: parameters are checked, ids are namespaced by owner and never
// reused, and the view says what was opened.
func TestBookOpen(t *testing.T) {
	bt := newBookTester(t, 2, 4)
	vals := newValues("open", 10)
	stake, bounty := gweis(1_000_000), gweis(50_000)
	open := func(leaves uint32, stake, bounty *big.Int, window uint32, agent common.Address) []byte {
		return bt.b.PackOpenBook(vals.root(), leaves, stake, bounty, window, agent)
	}
	agent := bt.accts[bAgent].addr
	wantErr(t, bt.bookFails(bOwner, open(0, stake, bounty, 100, agent), nil), &TicketBookInvalidLeafCount{Leaves: bigs(0), MaxLeaves: bigs(1 << 20)})
	wantErr(t, bt.bookFails(bOwner, open(1<<20+1, stake, bounty, 100, agent), nil), &TicketBookInvalidLeafCount{Leaves: bigs(1<<20 + 1), MaxLeaves: bigs(1 << 20)})
	wantErr(t, bt.bookFails(bOwner, open(10, big.NewInt(0), big.NewInt(0), 100, agent), nil), &TicketBookZeroStake{})
	maxBounty := new(big.Int).Div(stake, big.NewInt(16))
	for _, b := range []*big.Int{new(big.Int).Add(maxBounty, big.NewInt(1)), stake} {
		wantErr(t, bt.bookFails(bOwner, open(10, stake, b, 100, agent), nil), &TicketBookBountyTooLarge{Bounty: b, MaxBounty: maxBounty})
	}
	wantErr(t, bt.bookFails(bOwner, open(10, stake, bounty, 0, agent), nil), &TicketBookZeroWindow{})
	wantErr(t, bt.bookFails(bOwner, open(10, stake, bounty, 100, common.Address{}), nil), &TicketBookZeroAgent{})

	id := bt.openBook(bOwner, vals, stake, bounty, 100, bAgent, eth(1))
	created := bt.number()
	if want := idOf(bt.accts[bOwner].addr, vals.root()); id != want {
		t.Fatalf("book id %x, want keccak256(owner ‖ root) %x", id, want)
	}
	got := bt.getBook(id)
	want := TicketBookBookInfo{
		Owner: bt.accts[bOwner].addr, Agent: agent, Stake: stake, Bounty: bounty, Leaves: 10, Window: 100,
		CreatedBlock: created, Status: bsOpen, Pool: eth(1), Reserve: eth(1),
	}
	if !equalJSON(got, want) {
		t.Fatalf("new book reads %+v, want %+v", got, want)
	}
	wantErr(t, bt.bookFails(bOwner, open(10, stake, bounty, 100, agent), nil), &TicketBookBookExists{Id: id})
	// Someone else registering the same root gets a different book, which
	// the agent (who only accepts tickets of its own ids) ignores.
	other := bt.openBook(bStranger, vals, stake, bounty, 100, bStranger, nil)
	if other == id {
		t.Fatal("a second owner got the same book id for the same root")
	}
	if b := bt.getBook(other); b.Pool.Sign() != 0 || b.Owner != bt.accts[bStranger].addr {
		t.Fatalf("zero-reserve book reads %+v", b)
	}
	if b := bt.getBook([32]byte{1}); b.Status != bsNone || b.Owner != (common.Address{}) {
		t.Fatalf("unknown book reads %+v", b)
	}
}

// Tickets are sold in index order at exactly the price; each stores its
// buyer and binding as a 26-byte commitment; the randomness block is
// epoch-aligned at least randomnessDelay blocks after the purchase.
func TestBookBuy(t *testing.T) {
	bt := newBookTester(t, 2, 4)
	vals := newValues("buy", 5)
	stake := gweis(1_000_000)
	id := bt.openBook(bOwner, vals, stake, gweis(0), 100, bAgent, nil)

	wantErr(t, bt.bookFails(bBuyer, bt.b.PackBuy([32]byte{9}, bindingOf("b", 0)), stake), &TicketBookUnknownBook{Id: [32]byte{9}})
	wantErr(t, bt.bookFails(bBuyer, bt.b.PackBuy(id, [32]byte{}), stake), &TicketBookZeroBinding{})
	wantErr(t, bt.bookFails(bBuyer, bt.b.PackBuy(id, bindingOf("b", 0)), new(big.Int).Sub(stake, big.NewInt(1))),
		&TicketBookWrongPayment{Sent: new(big.Int).Sub(stake, big.NewInt(1)), Price: stake})
	wantErr(t, bt.bookFails(bBuyer, bt.b.PackBuy(id, bindingOf("b", 0)), new(big.Int).Add(stake, big.NewInt(1))),
		&TicketBookWrongPayment{Sent: new(big.Int).Add(stake, big.NewInt(1)), Price: stake})
	wantErr(t, bt.bookFails(bBuyer, bt.b.PackBuyBatch(id, nil), nil), &TicketBookEmptyBatch{})

	for i := 0; i < 2; i++ {
		b := bindingOf("b", i)
		idx, blk := bt.buy(bBuyer, id, b, stake)
		if idx != i {
			t.Fatalf("ticket %d got index %d: sales must go in index order", i, idx)
		}
		tk := bt.getTicket(id, idx)
		rb := bt.rblock(blk)
		if rb%4 != 0 || rb < blk+2 || rb >= blk+2+4 {
			t.Fatalf("randomness block %d for a purchase in %d: want the first multiple of 4 from %d", rb, blk, blk+2)
		}
		want := TicketBookTicketInfo{State: tsBought, BoughtBlock: blk, RandomnessBlock: rb, Deadline: rb + 100, Commitment: commitOf(bt.accts[bBuyer].addr, b)}
		if !equalJSON(tk, want) {
			t.Fatalf("ticket %d reads %+v, want %+v", idx, tk, want)
		}
		onChain := callAt(bt.tester, bt.book, bt.b.PackRandomnessBlock(bigs(int(blk))), bt.b.UnpackRandomnessBlock)
		if onChain.Uint64() != rb {
			t.Fatalf("randomnessBlock(%d) = %d, want %d", blk, onChain, rb)
		}
	}
	// A batch takes the next consecutive indices; one zero binding refuses it all.
	bad := [][32]byte{bindingOf("c", 0), {}}
	wantErr(t, bt.bookFails(bBuyer2, bt.b.PackBuyBatch(id, bad), new(big.Int).Mul(stake, bigs(2))), &TicketBookZeroBinding{})
	wantErr(t, bt.bookFails(bBuyer2, bt.b.PackBuyBatch(id, [][32]byte{bindingOf("c", 0), bindingOf("c", 1), bindingOf("c", 2), bindingOf("c", 3)}), new(big.Int).Mul(stake, bigs(4))),
		&TicketBookBookSoldOut{Id: id, Sold: bigs(2), Leaves: bigs(5), Wanted: bigs(4)})
	r := bt.bookOK(bBuyer2, bt.b.PackBuyBatch(id, [][32]byte{bindingOf("c", 0), bindingOf("c", 1)}), new(big.Int).Mul(stake, bigs(2)))
	ev, err := bt.b.UnpackTicketsBoughtEvent(r.Logs[0])
	if err != nil || ev.First != 2 || ev.Count != 2 || ev.Buyer != bt.accts[bBuyer2].addr || ev.RandomnessBlock != bt.rblock(r.BlockNumber.Uint64()) {
		t.Fatalf("batch event %+v (%v)", ev, err)
	}
	if tk := bt.getTicket(id, 3); tk.Commitment != commitOf(bt.accts[bBuyer2].addr, bindingOf("c", 1)) {
		t.Fatal("batch ticket 3 does not commit to its own binding")
	}
	if b := bt.getBook(id); b.Sold != 4 || b.Pool.Cmp(new(big.Int).Mul(stake, bigs(4))) != 0 || b.LastBuyBlock != r.BlockNumber.Uint64() || b.Reserve.Sign() != 0 {
		t.Fatalf("book after 4 sales: %+v", b)
	}
	bt.buy(bBuyer, id, bindingOf("b", 9), stake)
	wantErr(t, bt.bookFails(bBuyer, bt.b.PackBuy(id, bindingOf("b", 10)), stake), &TicketBookBookSoldOut{Id: id, Sold: bigs(5), Leaves: bigs(5), Wanted: bigs(1)})
	if tk := bt.getTicket(id, 5); tk.State != tsNone || tk.RandomnessBlock != 0 {
		t.Fatalf("unsold index reads %+v", tk)
	}

	// A retired book sells nothing.
	id2 := bt.openBook(bOwner, newValues("buy2", 3), stake, gweis(0), 100, bAgent, nil)
	wantErr(t, bt.bookFails(bStranger, bt.b.PackRetire(id2), nil), &TicketBookNotOwner{Id: id2, Caller: bt.accts[bStranger].addr, Owner: bt.accts[bOwner].addr})
	bt.bookOK(bOwner, bt.b.PackRetire(id2), nil)
	wantErr(t, bt.bookFails(bBuyer, bt.b.PackBuy(id2, bindingOf("x", 0)), stake), &TicketBookBookNotOpen{Id: id2, Status: bsRetired})
	wantErr(t, bt.bookFails(bOwner, bt.b.PackRetire(id2), nil), &TicketBookBookNotOpen{Id: id2, Status: bsRetired})
}

// A matching ticket revealed by the agent credits the buyer 2s - bounty
// and pays the agent the bounty; the pool gives 2s.
func TestBookRevealPays(t *testing.T) {
	bt := newBookTester(t, 2, 4)
	vals := newValues("pays", 40)
	stake, bounty := gweis(1_000_000), gweis(30_000)
	id := bt.openBook(bOwner, vals, stake, bounty, 200, bAgent, eth(1))
	match, _, bindings := bt.matchingTickets(id, vals, bBuyer, stake, 1, 0)
	i := match[0]

	pool := bt.getBook(id).Pool
	before := bt.balance(bt.accts[bAgent].addr)
	r := bt.bookOK(bAgent, bt.b.PackReveal(bt.req(id, vals, i, bBuyer, bindings[i])), nil)
	if got := received(before, bt.balance(bt.accts[bAgent].addr), nil, r); got.Cmp(bounty) != 0 {
		t.Fatalf("agent received %s, want the bounty %s", got, bounty)
	}
	owed := new(big.Int).Mul(stake, bigs(2))
	if got := bt.credit(bBuyer); got.Cmp(new(big.Int).Sub(owed, bounty)) != 0 {
		t.Fatalf("buyer credited %s, want 2s - bounty", got)
	}
	if got := bt.getBook(id).Pool; new(big.Int).Sub(pool, got).Cmp(owed) != 0 {
		t.Fatalf("pool went from %s to %s, want down by 2s", pool, got)
	}
	if tk := bt.getTicket(id, i); tk.State != tsPaid {
		t.Fatalf("revealed ticket state %d", tk.State)
	}
	ev, err := bt.b.UnpackRevealedEvent(r.Logs[0])
	if err != nil || ev.Index != uint32(i) || ev.Value != vals.secrets[i] || ev.Buyer != bt.accts[bBuyer].addr || ev.Revealer != bt.accts[bAgent].addr || ev.Queued {
		t.Fatalf("Revealed event %+v (%v)", ev, err)
	}
	// Paid once only.
	wantErr(t, bt.revealErr(bAgent, bt.req(id, vals, i, bBuyer, bindings[i])), &TicketBookTicketAlreadyRevealed{Id: id, Index: bigs(i)})

	// The buyer claims its credit.
	before = bt.balance(bt.accts[bBuyer].addr)
	r = bt.bookOK(bBuyer, bt.b.PackClaim(), nil)
	if got := received(before, bt.balance(bt.accts[bBuyer].addr), nil, r); got.Cmp(new(big.Int).Sub(owed, bounty)) != 0 {
		t.Fatalf("claim paid %s", got)
	}
	wantErr(t, bt.bookFails(bBuyer, bt.b.PackClaim(), nil), &TicketBookNothingToClaim{Account: bt.accts[bBuyer].addr})
}

// Every refusal of a reveal, each in its own case, on tickets whose coin
// the test knows.
func TestBookRevealRefusals(t *testing.T) {
	bt := newBookTester(t, 2, 4)
	vals := newValues("refusals", 60)
	stake := gweis(1_000_000)
	const window = 400
	id := bt.openBook(bOwner, vals, stake, gweis(10_000), window, bAgent, eth(1))
	match, miss, bindings := bt.matchingTickets(id, vals, bBuyer, stake, 3, 1)
	m := match[0]
	req := func() TicketBookRevealRequest { return bt.req(id, vals, m, bBuyer, bindings[m]) }

	r := req()
	r.BookId = [32]byte{7}
	wantErr(t, bt.revealErr(bAgent, r), &TicketBookUnknownBook{Id: [32]byte{7}})
	sold := int(bt.getBook(id).Sold)
	r = bt.req(id, vals, sold, bBuyer, bindings[m])
	wantErr(t, bt.revealErr(bAgent, r), &TicketBookTicketNotSold{Id: id, Index: bigs(sold)})
	// The buyer and binding must be the ticket's: the payout cannot be redirected.
	r = req()
	r.Buyer = bt.accts[bStranger].addr
	wantErr(t, bt.revealErr(bAgent, r), &TicketBookWrongCommitment{Id: id, Index: bigs(m)})
	r = req()
	r.Binding = bindingOf("other", 0)
	wantErr(t, bt.revealErr(bAgent, r), &TicketBookWrongCommitment{Id: id, Index: bigs(m)})
	// Only the agent, or a holder of the agent's signature naming itself.
	wantErr(t, bt.revealErr(bStranger, req()), &TicketBookNotAuthorized{Id: id, Index: bigs(m), Submitter: bt.accts[bStranger].addr})
	r = req()
	r.Signature = signDigest(t, bt.accts[bAgent].key, bt.digest(id, m, bt.accts[bRelay].addr))
	// A front-runner copying the relay's request (signature included) is refused.
	wantErr(t, bt.revealErr(bStranger, r), &TicketBookNotAuthorized{Id: id, Index: bigs(m), Submitter: bt.accts[bStranger].addr})
	// A signature by someone else than the agent, or a malformed one, is refused.
	bad := req()
	bad.Signature = signDigest(t, bt.accts[bStranger].key, bt.digest(id, m, bt.accts[bRelay].addr))
	wantErr(t, bt.revealErr(bRelay, bad), &TicketBookNotAuthorized{Id: id, Index: bigs(m), Submitter: bt.accts[bRelay].addr})
	bad.Signature = r.Signature[:64]
	wantErr(t, bt.revealErr(bRelay, bad), &TicketBookNotAuthorized{Id: id, Index: bigs(m), Submitter: bt.accts[bRelay].addr})
	// The value, index and proof must lead to the book's root.
	r2 := req()
	r2.Value = vals.secrets[m+1]
	wantErr(t, bt.revealErr(bAgent, r2), &TicketBookInvalidProof{Id: id, Index: bigs(m)})
	r2 = req()
	r2.Proof = r2.Proof[:len(r2.Proof)-1]
	wantErr(t, bt.revealErr(bAgent, r2), &TicketBookProofLengthMismatch{Index: bigs(m), Leaves: bigs(60), ProofLength: bigs(len(r2.Proof))})
	// A miss cannot be revealed.
	x := miss[0]
	wantErr(t, bt.revealErr(bAgent, bt.req(id, vals, x, bBuyer, bindings[x])), &TicketBookParityMismatch{Id: id, Index: bigs(x)})

	// The relay, with the agent's signature for itself, reveals and earns the bounty.
	before := bt.balance(bt.accts[bRelay].addr)
	rc := bt.bookOK(bRelay, bt.b.PackReveal(r), nil)
	if got := received(before, bt.balance(bt.accts[bRelay].addr), nil, rc); got.Cmp(gweis(10_000)) != 0 {
		t.Fatalf("relay received %s, want the bounty", got)
	}

	// Too early: a fresh ticket before its randomness block is sealed.
	b := bindingOf("early", 0)
	idx, blk := bt.buy(bBuyer, id, b, stake)
	rb := bt.rblock(blk)
	bt.mineTo(rb - 1) // the reveal would be mined in block rb: not after it
	wantErr(t, bt.revealErr(bAgent, bt.req(id, vals, idx, bBuyer, b)), &TicketBookTooEarly{Id: id, Index: bigs(idx), RandomnessBlock: bigs(int(rb))})

	// Too late: the window ends at rb + window, inclusive.
	late := match[1]
	tk := bt.getTicket(id, late)
	bt.mineTo(tk.Deadline - 1) // next block is the deadline: still accepted
	if err := bt.revealErr(bAgent, bt.req(id, vals, late, bBuyer, bindings[late])); err != nil {
		t.Fatalf("reveal in the deadline block refused: %T%+v", err, err)
	}
	last := match[2]
	tk = bt.getTicket(id, last)
	bt.mineTo(max(bt.number(), tk.Deadline))
	wantErr(t, bt.revealErr(bAgent, bt.req(id, vals, last, bBuyer, bindings[last])),
		&TicketBookRevealWindowClosed{Id: id, Index: bigs(last), Deadline: bigs(int(tk.Deadline))})
	if bt.getTicket(id, last).State != tsBought {
		t.Fatal("an expired ticket changed state")
	}
}

// Seeds: unavailable for the current and future blocks, readable live for
// 8191 blocks (BLOCKHASH, then the EIP-2935 history contract), recordable by
// anyone while readable, and once recorded good for as long as the window.
// There is no prevrandao fallback: an unrecorded seed past 8191 blocks
// makes the ticket unrevealable.
func TestBookSeedHistory(t *testing.T) {
	bt := newBookTester(t, 1, 1)
	vals := newValues("history", 200)
	stake := gweis(1_000_000)
	id := bt.openBook(bOwner, vals, stake, gweis(0), 10_000, bAgent, eth(1))
	match, _, bindings := bt.matchingTickets(id, vals, bBuyer, stake, 2, 0)
	kept, lost := match[0], match[1]
	keptSeed := bt.getTicket(id, kept).RandomnessBlock
	lostSeed := bt.getTicket(id, lost).RandomnessBlock

	seedOf := func(n uint64) SeedOfOutput {
		return callAt(bt.tester, bt.book, bt.b.PackSeedOf(new(big.Int).SetUint64(n)), bt.b.UnpackSeedOf)
	}
	// A future block: nothing yet, and recordSeed refuses.
	next := bt.number() + 1
	wantErr(t, bt.bookFails(bStranger, bt.b.PackRecordSeed(new(big.Int).SetUint64(next+5)), nil), &TicketBookSeedUnavailable{BlockNumber: new(big.Int).SetUint64(next + 5)})
	if s := seedOf(bt.number()); s.Seed != ([32]byte{}) {
		t.Fatal("seedOf(latest) is not 0 in a call on the latest block")
	}
	// Anyone records; the seed is the block hash; a second record is a no-op.
	r := bt.bookOK(bStranger, bt.b.PackRecordSeed(new(big.Int).SetUint64(keptSeed)), nil)
	ev, err := bt.b.UnpackSeedRecordedEvent(r.Logs[0])
	if err != nil || ev.Seed != bt.blockHash(keptSeed) {
		t.Fatalf("SeedRecorded %+v (%v), want the block hash", ev, err)
	}
	if r := bt.bookOK(bStranger, bt.b.PackRecordSeed(new(big.Int).SetUint64(keptSeed)), nil); len(r.Logs) != 0 {
		t.Fatal("recording a recorded seed logged again")
	}
	wantErr(t, bt.bookFails(bStranger, bt.b.PackRecordSeeds(nil), nil), &TicketBookEmptyBatch{})
	if s := seedOf(keptSeed); !s.Recorded || s.Seed != bt.blockHash(keptSeed) {
		t.Fatalf("seedOf(recorded) = %+v", s)
	}

	// 300 blocks on: BLOCKHASH no longer reaches, EIP-2935 does.
	bt.mineTo(lostSeed + 300)
	if s := seedOf(lostSeed); s.Recorded || s.Seed != bt.blockHash(lostSeed) {
		t.Fatalf("seedOf 300 blocks back = %+v, want the live hash from the history contract", s)
	}
	// The history contract's edge: in a block numbered N, block N-8191 is
	// readable and N-8192 is not (a call runs in the latest block's context).
	bt.mineTo(lostSeed + 8191 - 1)
	n := bt.number()
	if s := seedOf(n - 8191); s.Seed != bt.blockHash(n-8191) {
		t.Fatalf("seed 8191 blocks back = %x, want the block hash %x", s.Seed, bt.blockHash(n-8191))
	}
	if s := seedOf(n - 8192); s.Seed != ([32]byte{}) {
		t.Fatal("a seed 8192 blocks back is still readable")
	}
	bt.mineTo(lostSeed + 8191)
	wantErr(t, bt.revealErr(bAgent, bt.req(id, vals, lost, bBuyer, bindings[lost])), &TicketBookSeedUnavailable{BlockNumber: new(big.Int).SetUint64(lostSeed)})
	if bt.number() != lostSeed+8192 {
		t.Fatalf("at block %d", bt.number())
	}
	// The recorded seed still works far beyond the EVM's reach.
	if err := bt.revealErr(bAgent, bt.req(id, vals, kept, bBuyer, bindings[kept])); err != nil {
		t.Fatalf("reveal with a recorded seed refused: %T%+v", err, err)
	}
	// And recordSeed refuses what it can no longer read.
	wantErr(t, bt.bookFails(bStranger, bt.b.PackRecordSeed(new(big.Int).SetUint64(lostSeed)), nil), &TicketBookSeedUnavailable{BlockNumber: new(big.Int).SetUint64(lostSeed)})
}

// queuedBook opens books without reserve, sells each 8 tickets in one
// batch (a pool of 8s, one shared seed) until one has at least 4+minQueued
// matches, and reveals them all in index order: the first four are paid
// from the pool, the rest queue. It returns the book and the revealed
// indices in order.
func (bt *bookTester) queuedBook(stake, bounty *big.Int, minQueued int) (id [32]byte, vals bookValues, paid, queued []int, bindings [][32]byte) {
	bt.t.Helper()
	const n = 8
	for attempt := 0; attempt < 200; attempt++ {
		vals = newValues(fmt.Sprintf("queue %d", attempt), n)
		id = bt.openBook(bOwner, vals, stake, bounty, 200, bAgent, nil)
		bindings = make([][32]byte, n)
		for i := range bindings {
			bindings[i] = bindingOf(fmt.Sprintf("queue %d", attempt), i)
		}
		r := bt.bookOK(bBuyer, bt.b.PackBuyBatch(id, bindings), new(big.Int).Mul(stake, bigs(n)))
		blk := r.BlockNumber.Uint64()
		bt.mineTo(bt.rblock(blk) + 1)
		var m []int
		for i := 0; i < n; i++ {
			if matches(vals.secrets[i], bt.seedFor(blk)) {
				m = append(m, i)
			}
		}
		if len(m)-n/2 < minQueued {
			continue
		}
		for k, i := range m {
			bt.bookOK(bAgent, bt.b.PackReveal(bt.req(id, vals, i, bBuyer, bindings[i])), nil)
			want := tsPaid
			if k >= n/2 {
				want = tsQueued
				queued = append(queued, i)
			} else {
				paid = append(paid, i)
			}
			if st := bt.getTicket(id, i).State; st != want {
				bt.t.Fatalf("reveal %d of %d (pool %s): state %d, want %d", k+1, len(m), bt.getBook(id).Pool, st, want)
			}
		}
		return id, vals, paid, queued, bindings
	}
	bt.t.Fatalf("no book of 8 tickets with %d matches in 200", n/2+minQueued)
	return
}

// When the pool cannot cover 2s, payouts wait in a FIFO queue; top-ups and
// payQueue pay them oldest first; none is lost; the book cannot close
// while they wait.
func TestBookQueue(t *testing.T) {
	bt := newBookTester(t, 1, 1)
	stake, bounty := gweis(1_000_000), gweis(50_000)
	owed := new(big.Int).Mul(stake, bigs(2))
	id, _, paid, queued, _ := bt.queuedBook(stake, bounty, 2)
	b := bt.getBook(id)
	if int(b.QueueTail-b.QueueHead) != len(queued) || b.Pool.Sign() != 0 {
		t.Fatalf("book %+v with %d queued", b, len(queued))
	}
	for k, i := range queued {
		if q := bt.callQueued(id, int(b.QueueHead)+k); int(q.Index) != i || q.Buyer != bt.accts[bBuyer].addr || q.Revealer != bt.accts[bAgent].addr {
			t.Fatalf("queue position %d holds %+v, want ticket %d", k, q, i)
		}
	}
	buyerCredit := bt.credit(bBuyer)
	if want := new(big.Int).Mul(new(big.Int).Sub(owed, bounty), bigs(len(paid))); buyerCredit.Cmp(want) != 0 {
		t.Fatalf("buyer credit %s before the queue pays, want %s", buyerCredit, want)
	}
	// The owner cannot close while payouts wait.
	bt.bookOK(bOwner, bt.b.PackRetire(id), nil)
	bt.mineTo(bt.getTicket(id, 7).Deadline + 1)
	wantErr(t, bt.bookFails(bOwner, bt.b.PackClose(id), nil), &TicketBookQueueNotEmpty{Id: id, Waiting: bigs(len(queued))})

	// payQueue with an empty pool pays nothing; a top-up pays in order.
	if r := bt.bookOK(bStranger, bt.b.PackPayQueue(id, bigs(10)), nil); len(r.Logs) != 0 {
		t.Fatal("payQueue paid without funds")
	}
	released := func(r *types.Receipt) []int {
		var out []int
		for _, l := range r.Logs {
			if ev, err := bt.b.UnpackPayoutReleasedEvent(l); err == nil {
				out = append(out, int(ev.Index))
			}
		}
		return out
	}
	// Just short of one payout: nothing; then enough for one: the oldest.
	r := bt.bookOK(bStranger, bt.b.PackTopUp(id), new(big.Int).Sub(owed, big.NewInt(1)))
	if got := released(r); len(got) != 0 {
		t.Fatalf("a top-up short of 2s released %v", got)
	}
	r = bt.bookOK(bStranger, bt.b.PackTopUp(id), big.NewInt(1))
	if got := released(r); len(got) != 1 || got[0] != queued[0] {
		t.Fatalf("top-up for one payout released %v, want [%d] (the oldest)", got, queued[0])
	}
	if bt.getTicket(id, queued[0]).State != tsPaid || bt.getTicket(id, queued[1]).State != tsQueued {
		t.Fatal("queue order broken")
	}
	// The rest arrives as pool, then anyone's payQueue pays one at a time.
	rest := new(big.Int).Mul(owed, bigs(len(queued)-1))
	bt.bookOK(bOwner, bt.b.PackTopUp(id), new(big.Int).Set(rest)) // pays everything left (no limit in topUp)
	if b := bt.getBook(id); b.QueueHead != b.QueueTail {
		t.Fatalf("after topping up the whole debt: %+v", b)
	}
	wantCredit := new(big.Int).Add(buyerCredit, new(big.Int).Mul(new(big.Int).Sub(owed, bounty), bigs(len(queued))))
	if got := bt.credit(bBuyer); got.Cmp(wantCredit) != 0 {
		t.Fatalf("buyer credit %s, want %s: a queued payout was lost", got, wantCredit)
	}
	// The agent's bounties for queued reveals are credits, not pushes.
	if got := bt.credit(bAgent); got.Cmp(new(big.Int).Mul(bounty, bigs(len(queued)))) != 0 {
		t.Fatalf("agent credit %s, want a bounty per queued reveal", got)
	}
	if b := bt.getBook(id); b.Pool.Sign() != 0 {
		t.Fatalf("book after paying the queue: %+v", b)
	}
	// Now the book closes; the owner gets min(pool, reserve) = 0.
	r = bt.bookOK(bOwner, bt.b.PackClose(id), nil)
	ev, err := bt.b.UnpackBookClosedEvent(r.Logs[0])
	if err != nil || ev.Returned.Sign() != 0 || ev.Locked.Sign() != 0 {
		t.Fatalf("BookClosed %+v (%v)", ev, err)
	}
}

// Pools are per book: another book's stakes never pay this one's queue; a
// top-up pays as many queued payouts as it covers, oldest first.
func TestBookQueuePerBook(t *testing.T) {
	bt := newBookTester(t, 1, 1)
	stake := gweis(1_000_000)
	id, _, _, queued, _ := bt.queuedBook(stake, gweis(0), 2)
	head := bt.getBook(id).QueueHead
	// A second book's sales do not pay this one's queue: pools are per book.
	other := bt.openBook(bOwner, newValues("other pool", 4), stake, gweis(0), 100, bAgent, nil)
	bt.buy(bBuyer2, other, bindingOf("other", 0), stake)
	bt.buy(bBuyer2, other, bindingOf("other", 1), stake)
	if bt.getBook(id).QueueHead != head {
		t.Fatal("another book's stakes paid this book's queue")
	}
	bt.bookOK(bOwner, bt.b.PackTopUp(id), new(big.Int).Mul(stake, bigs(4)))
	if got := bt.getBook(id).QueueHead; int(got-head) != min(2, len(queued)) {
		t.Fatalf("top-up of 4s paid %d queued payouts, want 2", got-head)
	}
	if bt.getTicket(id, queued[0]).State != tsPaid || bt.getTicket(id, queued[1]).State != tsPaid {
		t.Fatal("the oldest queued payouts were not the ones paid")
	}
	if q := bt.callQueued(id, int(head)); q.Buyer != (common.Address{}) {
		t.Fatal("a paid queue entry is still stored")
	}
}

// A sale pays the oldest queued payout once the pool covers it.
func TestBookSalePaysQueue(t *testing.T) {
	bt := newBookTester(t, 1, 1)
	stake := gweis(1_000_000)
	// Eight tickets sold in one batch of a book of twelve: room for sales.
	const n = 12
	for attempt := 0; attempt < 200; attempt++ {
		vals := newValues(fmt.Sprintf("sale queue %d", attempt), n)
		id := bt.openBook(bOwner, vals, stake, gweis(0), 5_000, bAgent, nil)
		bindings := make([][32]byte, 8)
		for i := range bindings {
			bindings[i] = bindingOf(fmt.Sprintf("sale queue %d", attempt), i)
		}
		r := bt.bookOK(bBuyer, bt.b.PackBuyBatch(id, bindings), new(big.Int).Mul(stake, bigs(8)))
		blk := r.BlockNumber.Uint64()
		bt.mineTo(bt.rblock(blk) + 1)
		var m []int
		for i := 0; i < 8; i++ {
			if matches(vals.secrets[i], bt.seedFor(blk)) {
				m = append(m, i)
			}
		}
		if len(m) < 5 {
			continue
		}
		for _, i := range m {
			bt.bookOK(bAgent, bt.b.PackReveal(bt.req(id, vals, i, bBuyer, bindings[i])), nil)
		}
		head := bt.getBook(id).QueueHead
		oldest := bt.callQueued(id, int(head))
		bt.buy(bBuyer2, id, bindingOf("sale", 0), stake)
		if bt.getBook(id).QueueHead != head {
			t.Fatal("one sale (s) paid a payout of 2s")
		}
		bt.buy(bBuyer2, id, bindingOf("sale", 1), stake)
		if got := bt.getBook(id).QueueHead; got != head+1 {
			t.Fatalf("queue head %d after two sales, want %d", got, head+1)
		}
		if bt.getTicket(id, int(oldest.Index)).State != tsPaid {
			t.Fatal("the oldest queued payout was not the one paid")
		}
		return
	}
	t.Fatal("no book with 5 matches of 8 in 200")
}

func (bt *bookTester) callQueued(id [32]byte, pos int) TicketBookQueuedPayout {
	bt.t.Helper()
	return callAt(bt.tester, bt.book, bt.b.PackQueuedPayout(id, bigs(pos)), bt.b.UnpackQueuedPayout)
}

// Closing: owner only, retired only, after the last window, returns
// min(pool, reserve); the surplus stays locked; a closed book is final.
func TestBookClose(t *testing.T) {
	bt := newBookTester(t, 1, 1)
	vals := newValues("close", 30)
	stake := gweis(1_000_000)
	reserve := gweis(5_000_000)
	const window = 300
	id := bt.openBook(bOwner, vals, stake, gweis(0), window, bAgent, reserve)
	wantErr(t, bt.bookFails(bStranger, bt.b.PackClose(id), nil), &TicketBookNotOwner{Id: id, Caller: bt.accts[bStranger].addr, Owner: bt.accts[bOwner].addr})
	wantErr(t, bt.bookFails(bOwner, bt.b.PackClose(id), nil), &TicketBookBookNotRetired{Id: id, Status: bsOpen})
	wantErr(t, bt.bookFails(bOwner, bt.b.PackClose([32]byte{3}), nil), &TicketBookUnknownBook{Id: [32]byte{3}})
	// Ten tickets, nothing revealed (a recipient that punishes everything).
	for i := 0; i < 10; i++ {
		bt.buy(bBuyer, id, bindingOf("close", i), stake)
	}
	bt.bookOK(bOwner, bt.b.PackRetire(id), nil)
	b := bt.getBook(id)
	deadline := bt.rblock(b.LastBuyBlock) + window
	if bt.number()+1 <= deadline {
		wantErr(t, bt.bookFails(bOwner, bt.b.PackClose(id), nil), &TicketBookBookStillRevealing{Id: id, Deadline: new(big.Int).SetUint64(deadline)})
	}
	bt.mineTo(deadline)
	before := bt.balance(bt.accts[bOwner].addr)
	r := bt.bookOK(bOwner, bt.b.PackClose(id), nil)
	if got := received(before, bt.balance(bt.accts[bOwner].addr), nil, r); got.Cmp(reserve) != 0 {
		t.Fatalf("owner got %s back, want exactly its reserve %s: punishing must not pay", got, reserve)
	}
	locked := new(big.Int).Mul(stake, bigs(10))
	if b := bt.getBook(id); b.Status != bsClosed || b.Pool.Cmp(locked) != 0 || b.Reserve.Sign() != 0 {
		t.Fatalf("closed book %+v, want the 10 stakes locked", b)
	}
	if got := bt.balance(bt.book); got.Cmp(locked) != 0 {
		t.Fatalf("contract holds %s, want the locked %s", got, locked)
	}
	wantErr(t, bt.bookFails(bOwner, bt.b.PackClose(id), nil), &TicketBookBookNotRetired{Id: id, Status: bsClosed})
	wantErr(t, bt.bookFails(bStranger, bt.b.PackTopUp(id), eth(1)), &TicketBookBookIsClosed{Id: id})
	wantErr(t, bt.bookFails(bBuyer, bt.b.PackBuy(id, bindingOf("closed", 0)), stake), &TicketBookBookNotOpen{Id: id, Status: bsClosed})
	wantErr(t, bt.revealErr(bAgent, bt.req(id, vals, 0, bBuyer, bindingOf("close", 0))), &TicketBookBookIsClosed{Id: id})

	// A book that lost: the owner gets what is left, less than the reserve.
	vals2 := newValues("close deficit", 60)
	id2 := bt.openBook(bOwner, vals2, stake, gweis(0), window, bAgent, reserve)
	match, _, bindings := bt.matchingTickets(id2, vals2, bBuyer, stake, 3, 0)
	for _, i := range match {
		bt.bookOK(bAgent, bt.b.PackReveal(bt.req(id2, vals2, i, bBuyer, bindings[i])), nil)
	}
	bt.bookOK(bOwner, bt.b.PackRetire(id2), nil)
	b = bt.getBook(id2)
	bt.mineTo(max(bt.number(), bt.rblock(b.LastBuyBlock)+window))
	pool := bt.getBook(id2).Pool
	before = bt.balance(bt.accts[bOwner].addr)
	r = bt.bookOK(bOwner, bt.b.PackClose(id2), nil)
	got := received(before, bt.balance(bt.accts[bOwner].addr), nil, r)
	want := pool
	if pool.Cmp(reserve) > 0 {
		want = reserve
	}
	if got.Cmp(want) != 0 {
		t.Fatalf("owner got %s from a pool of %s with reserve %s", got, pool, reserve)
	}
	// A retired book with no sales closes at once.
	id3 := bt.openBook(bOwner, newValues("close empty", 2), stake, gweis(0), window, bAgent, reserve)
	bt.bookOK(bOwner, bt.b.PackRetire(id3), nil)
	bt.bookOK(bOwner, bt.b.PackClose(id3), nil)
}

// Top-ups add to pool and reserve; zero and unknown books are refused.
func TestBookTopUp(t *testing.T) {
	bt := newBookTester(t, 1, 1)
	id := bt.openBook(bOwner, newValues("topup", 4), gweis(1000), gweis(0), 10, bAgent, gweis(5))
	wantErr(t, bt.bookFails(bStranger, bt.b.PackTopUp(id), nil), &TicketBookZeroValue{})
	wantErr(t, bt.bookFails(bStranger, bt.b.PackTopUp([32]byte{4}), gweis(1)), &TicketBookUnknownBook{Id: [32]byte{4}})
	r := bt.bookOK(bStranger, bt.b.PackTopUp(id), gweis(7))
	ev, err := bt.b.UnpackToppedUpEvent(r.Logs[0])
	if err != nil || ev.Amount.Cmp(gweis(7)) != 0 || ev.From != bt.accts[bStranger].addr {
		t.Fatalf("ToppedUp %+v (%v)", ev, err)
	}
	if b := bt.getBook(id); b.Pool.Cmp(gweis(12)) != 0 || b.Reserve.Cmp(gweis(12)) != 0 {
		t.Fatalf("after top-up: %+v", b)
	}
	wantErr(t, bt.bookFails(bStranger, bt.b.PackPayQueue([32]byte{4}, bigs(1)), nil), &TicketBookUnknownBook{Id: [32]byte{4}})
}

// claim survives a re-entering or refusing receiver: the credit is zeroed
// before the call, and a refused payment reverts everything.
func TestBookClaimReceivers(t *testing.T) {
	bt := newBookTester(t, 1, 1)
	vals := newValues("claim wallet", 80)
	stake := gweis(1_000_000)
	id := bt.openBook(bOwner, vals, stake, gweis(0), 5000, bAgent, eth(1))
	wb := NewBookBuyer()
	waddr, rc := bt.deploy(bBuyer, common.FromHex(BookBuyerMetaData.Bin), wb.PackConstructor(bt.book))
	if rc.Status != 1 {
		t.Fatal("deploy BookBuyer")
	}
	// The wallet buys tickets until one matches.
	var idx int
	var binding [32]byte
	for k := 0; ; k++ {
		if k > 60 {
			t.Fatal("no matching ticket in 60")
		}
		binding = bindingOf("wallet", k)
		r := bt.ok(bBuyer, waddr, wb.PackBuy(id, binding), stake)
		blk := r.BlockNumber.Uint64()
		idx = int(bt.getBook(id).Sold) - 1
		bt.mineTo(bt.rblock(blk) + 1)
		if matches(vals.secrets[idx], bt.seedFor(blk)) {
			break
		}
	}
	req := bt.req(id, vals, idx, bBuyer, binding)
	req.Buyer = waddr
	bt.bookOK(bAgent, bt.b.PackReveal(req), nil)
	credit := bt.creditAt(waddr)
	if credit.Cmp(new(big.Int).Mul(stake, bigs(2))) != 0 {
		t.Fatalf("wallet credited %s", credit)
	}
	// Refusing receiver: claim reverts, the credit stays.
	bt.ok(bBuyer, waddr, wb.PackSetMode(2), nil)
	r := bt.exec(bBuyer, waddr, wb.PackClaim(), nil)
	if r.Status != types.ReceiptStatusFailed || bt.creditAt(waddr).Cmp(credit) != 0 {
		t.Fatal("a refused claim changed the credit")
	}
	// Re-entering receiver: the inner claim finds nothing; the outer pays once.
	bt.ok(bBuyer, waddr, wb.PackSetMode(1), nil)
	bt.ok(bBuyer, waddr, wb.PackClaim(), nil)
	got := callAt(bt.tester, waddr, wb.PackReceived(), wb.UnpackReceived)
	attempts := callAt(bt.tester, waddr, wb.PackReentryAttempts(), wb.UnpackReentryAttempts)
	successes := callAt(bt.tester, waddr, wb.PackReentrySuccesses(), wb.UnpackReentrySuccesses)
	if got.Cmp(credit) != 0 || attempts.Int64() != 1 || successes.Sign() != 0 || bt.creditAt(waddr).Sign() != 0 {
		t.Fatalf("re-entering claim: received %s (want %s), %s attempts, %s successes", got, credit, attempts, successes)
	}
}

// ETH sent outside the payable functions is refused.
func TestBookRefusesStrayETH(t *testing.T) {
	bt := newBookTester(t, 1, 1)
	_, err := bt.cl.EstimateGas(bt.ctx, ethereum.CallMsg{From: bt.accts[bStranger].addr, To: &bt.book, Value: gweis(1)})
	if err == nil {
		t.Fatal("a plain transfer to TicketBook would succeed")
	}
}

// The contract's pure helpers agree with this package's implementation of
// the rules: the coin, the commitment, the digest, ids and the tree.
func TestBookHelpersAgree(t *testing.T) {
	bt := newBookTester(t, 3, 8)
	for i := 0; i < 20; i++ {
		v := crypto.Keccak256Hash([]byte{byte(i)})
		s := crypto.Keccak256Hash([]byte{byte(i), 1})
		if got := callAt(bt.tester, bt.book, bt.b.PackIsMatch(v, s), bt.b.UnpackIsMatch); got != matches(v, s) {
			t.Fatalf("isMatch(%x, %x) = %v on chain", v, s, got)
		}
	}
	buyer, binding := bt.accts[bBuyer].addr, bindingOf("agree", 1)
	if got := callAt(bt.tester, bt.book, bt.b.PackCommitment(buyer, binding), bt.b.UnpackCommitment); got != commitOf(buyer, binding) {
		t.Fatal("commitment disagrees")
	}
	id := [32]byte{0xaa}
	if got := callAt(bt.tester, bt.book, bt.b.PackRevealDigest(id, bigs(77), buyer), bt.b.UnpackRevealDigest); got != bt.digest(id, 77, buyer) {
		t.Fatal("revealDigest disagrees")
	}
	root := [32]byte{0xbb}
	if got := callAt(bt.tester, bt.book, bt.b.PackBookId(buyer, root), bt.b.UnpackBookId); got != idOf(buyer, root) {
		t.Fatal("bookId disagrees")
	}
	for _, n := range []int{1, 2, 3, 7, 33} {
		tr := newValues("agree", n)
		for i := 0; i < n; i++ {
			got := callAt(bt.tester, bt.book, bt.b.PackComputeRoot(tr.leaf(i), bigs(i), bigs(n), tr.proof(i)), bt.b.UnpackComputeRoot)
			if got != tr.root() {
				t.Fatalf("computeRoot of leaf %d of %d disagrees", i, n)
			}
		}
	}
	wantErr(t, bt.bookFailsCall(bt.b.PackComputeRoot([32]byte{}, bigs(3), bigs(3), nil)), &TicketBookIndexOutOfRange{Index: bigs(3), Leaves: bigs(3)})
	for blk := uint64(0); blk < 40; blk++ {
		got := callAt(bt.tester, bt.book, bt.b.PackRandomnessBlock(new(big.Int).SetUint64(blk)), bt.b.UnpackRandomnessBlock)
		if got.Uint64() != bt.rblock(blk) || got.Uint64()%8 != 0 || got.Uint64() < blk+3 {
			t.Fatalf("randomnessBlock(%d) = %s", blk, got)
		}
	}
}

// bookFailsCall runs a view that must revert and decodes its error.
func (bt *bookTester) bookFailsCall(data []byte) any {
	bt.t.Helper()
	reverted, rd := bt.simulate(bStranger, bt.book, data, nil)
	if !reverted {
		bt.t.Fatal("call succeeds, want a revert")
	}
	v, err := UnpackTicketBookRevert(rd)
	if err != nil {
		bt.t.Fatal(err)
	}
	return v
}

// Issue 11, finding 5: with bounty = stake, an owner that revealed every
// match honestly (its agent submitting, paid the bounty) turned each
// sender's refundable stake into a fee of s/2 and took its reserve back at
// close. The contract now refuses any bounty above stake/16, and a book
// run at that cap, revealed honestly to the end, pays the owner (its own
// account and its agent's together) exactly the bounties of the reveals:
// at most stake/16 per revealed ticket, as docs/deniable.md says, with the
// reserve back and nothing more.
func TestBookOwnerCannotProfit(t *testing.T) {
	bt := newBookTester(t, 1, 1)
	stake := gweis(1_000_000)
	maxBounty := new(big.Int).Div(stake, big.NewInt(16))
	reserve := new(big.Int).Mul(stake, bigs(20))
	const window = 400
	vals := newValues("owner profit", 80)
	// The attack's book is refused outright.
	wantErr(t, bt.bookFails(bOwner, bt.b.PackOpenBook(vals.root(), 80, stake, stake, window, bt.accts[bAgent].addr), reserve),
		&TicketBookBountyTooLarge{Bounty: stake, MaxBounty: maxBounty})

	ownerBefore, agentBefore := bt.balance(bt.accts[bOwner].addr), bt.balance(bt.accts[bAgent].addr)
	var ownerFees, agentFees = new(big.Int), new(big.Int)
	r := bt.bookOK(bOwner, bt.b.PackOpenBook(vals.root(), 80, stake, maxBounty, window, bt.accts[bAgent].addr), reserve)
	ownerFees.Add(ownerFees, fee(r))
	id := idOf(bt.accts[bOwner].addr, vals.root())

	match, miss, bindings := bt.matchingTickets(id, vals, bBuyer, stake, 15, 15)
	sold := int(bt.getBook(id).Sold)
	for _, i := range match {
		r := bt.bookOK(bAgent, bt.b.PackReveal(bt.req(id, vals, i, bBuyer, bindings[i])), nil)
		agentFees.Add(agentFees, fee(r))
	}
	r = bt.bookOK(bOwner, bt.b.PackRetire(id), nil)
	ownerFees.Add(ownerFees, fee(r))
	bt.mineTo(max(bt.number(), bt.rblock(bt.getBook(id).LastBuyBlock)+window))
	r = bt.bookOK(bOwner, bt.b.PackClose(id), nil)
	ownerFees.Add(ownerFees, fee(r))

	// Revenue before gas: what the owner's two accounts hold more than
	// before, plus the gas they paid.
	revenue := new(big.Int).Sub(bt.balance(bt.accts[bOwner].addr), ownerBefore)
	revenue.Add(revenue, ownerFees)
	revenue.Add(revenue, new(big.Int).Sub(bt.balance(bt.accts[bAgent].addr), agentBefore))
	revenue.Add(revenue, agentFees)
	bounties := new(big.Int).Mul(maxBounty, bigs(len(match)))
	if revenue.Cmp(bounties) > 0 {
		t.Fatalf("the owner made %s from %d reveals of %d tickets sold, more than their bounties %s", revenue, len(match), sold, bounties)
	}
	if limit := new(big.Int).Div(new(big.Int).Mul(stake, bigs(len(match))), big.NewInt(16)); revenue.Cmp(limit) > 0 {
		t.Fatalf("the owner made %s, over stake/16 per revealed ticket (%s)", revenue, limit)
	}
	// The sender got 2s - bounty for every match: on these tickets it lost
	// only the bounties (and the stakes of the misses, to the locked pool,
	// never to the owner).
	if got, want := bt.credit(bBuyer), new(big.Int).Mul(new(big.Int).Sub(new(big.Int).Mul(stake, bigs(2)), maxBounty), bigs(len(match))); got.Cmp(want) != 0 {
		t.Fatalf("buyer credited %s, want %s", got, want)
	}
	t.Logf("%d tickets sold, %d revealed, %d missed: owner revenue %s wei (bounties %s), %.4f of the stakes sold",
		sold, len(match), len(miss), revenue, bounties, new(big.Float).Quo(new(big.Float).SetInt(revenue), new(big.Float).SetInt(new(big.Int).Mul(stake, bigs(sold)))))
}
