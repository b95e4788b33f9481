package contracts

import (
	"context"
	"crypto/ecdsa"
	"encoding/binary"
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
)

// Roles of the test accounts in the ticket book tests.
const (
	bOwner    = 0 // opens books, takes the reserve back
	bAgent    = 1 // holds the values, reveals
	bBuyer    = 2 // a sender
	bBuyer2   = 3 // another sender
	bRelay    = 4 // submits reveals with the agent's signature
	bStranger = 5
)

// Ticket and book states as the contract numbers them.
const (
	tsNone uint8 = iota
	tsBought
	tsPaid
	tsQueued
)

const (
	bsNone uint8 = iota
	bsOpen
	bsRetired
	bsClosed
)

// bookTester is a simulated chain (Osaka schedule) with the TicketBook
// contract deployed next to Postage.
type bookTester struct {
	*tester
	b     *TicketBook
	book  common.Address
	k, e  uint64
	chain *big.Int
}

func newBookTester(t testing.TB, k, e uint32) *bookTester {
	t.Helper()
	return newBookTesterConfig(t, osakaConfig(), k, e)
}

// bookEpochTime is where the ticket book tests' chains start: far ahead of
// any wall clock, so that every block is exactly one second after its
// parent. Block hashes (and so every coin) still differ between runs: the
// simulated beacon draws each block's prevrandao at random. Tests that need
// a matching or missing ticket therefore search for one, within a bound.
const bookEpochTime = 4_000_000_000

func newBookTesterConfig(t testing.TB, cfg *params.ChainConfig, k, e uint32) *bookTester {
	t.Helper()
	alloc := types.GenesisAlloc{}
	var accts []account
	for i := range testAccounts {
		a := testAccount(i)
		accts = append(accts, a)
		alloc[a.addr] = types.Account{Balance: eth(1_000_000)}
	}
	sim := simulated.NewBackend(alloc, func(_ *node.Config, ec *ethconfig.Config) { ec.Genesis.Config = cfg })
	t.Cleanup(func() { _ = sim.Close() })
	tt := &tester{t: t, ctx: context.Background(), sim: sim, cl: sim.Client(), chainID: cfg.ChainID, accts: accts, p: NewPostage()}
	tt.travel(bookEpochTime)
	bt := &bookTester{tester: tt, b: NewTicketBook(), k: uint64(k), e: uint64(e), chain: tt.chainID}
	// Deployment needs more than txGas: about 14 kB of code at 200 gas a byte.
	o := tt.opts(bOwner, nil)
	o.GasLimit = 8_000_000
	addr, tx, err := bind.DeployContract(o, common.FromHex(TicketBookMetaData.Bin), tt.cl, bt.b.PackConstructor(k, e))
	if err != nil {
		t.Fatalf("deploy TicketBook: %v", err)
	}
	tt.sim.Commit()
	r := tt.receipt(tx)
	if r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("deploy TicketBook(%d, %d) failed", k, e)
	}
	bt.book = addr
	return bt
}

// bookValues is a book's committed values and their tree.
type bookValues struct {
	*tree
}

func newValues(label string, n int) bookValues { return bookValues{newTree("book "+label, n)} }

func (bt *bookTester) number() uint64 { return bt.header().Number.Uint64() }

// mine seals n empty blocks.
func (bt *bookTester) mine(n uint64) {
	for range n {
		bt.sim.Commit()
	}
}

// mineTo seals empty blocks until the latest block is n.
func (bt *bookTester) mineTo(n uint64) {
	bt.t.Helper()
	cur := bt.number()
	if cur > n {
		bt.t.Fatalf("mineTo(%d): already at %d", n, cur)
	}
	bt.mine(n - cur)
}

func (bt *bookTester) blockHash(n uint64) common.Hash {
	bt.t.Helper()
	h, err := bt.cl.HeaderByNumber(bt.ctx, new(big.Int).SetUint64(n))
	if err != nil {
		bt.t.Fatalf("header %d: %v", n, err)
	}
	return h.Hash()
}

// rblock is the contract's randomnessBlock, computed by the rule.
func (bt *bookTester) rblock(bought uint64) uint64 {
	return (bought + bt.k + bt.e - 1) / bt.e * bt.e
}

// matches is the contract's coin: low bit of keccak256(value ‖ seed) is 0.
func matches(value, seed [32]byte) bool {
	return crypto.Keccak256(value[:], seed[:])[31]&1 == 0
}

func commitOf(buyer common.Address, binding [32]byte) [26]byte {
	return [26]byte(crypto.Keccak256(buyer[:], binding[:])[:26])
}

func bindingOf(label string, i int) [32]byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(i))
	return crypto.Keccak256Hash([]byte("binding "+label), b[:])
}

func (bt *bookTester) openBook(owner int, vals bookValues, stake, bounty *big.Int, window uint32, agent int, reserve *big.Int) [32]byte {
	bt.t.Helper()
	r := bt.ok(owner, bt.book, bt.b.PackOpenBook(vals.root(), uint32(vals.n()), stake, bounty, window, bt.accts[agent].addr), reserve)
	for _, l := range r.Logs {
		if ev, err := bt.b.UnpackBookOpenedEvent(l); err == nil {
			return ev.Id
		}
	}
	bt.t.Fatal("openBook logged no BookOpened")
	return [32]byte{}
}

func (bt *bookTester) getBook(id [32]byte) TicketBookBookInfo {
	bt.t.Helper()
	return callAt(bt.tester, bt.book, bt.b.PackGetBook(id), bt.b.UnpackGetBook)
}

func (bt *bookTester) getTicket(id [32]byte, index int) TicketBookTicketInfo {
	bt.t.Helper()
	return callAt(bt.tester, bt.book, bt.b.PackGetTicket(id, bigs(index)), bt.b.UnpackGetTicket)
}

func (bt *bookTester) credit(a int) *big.Int {
	bt.t.Helper()
	return callAt(bt.tester, bt.book, bt.b.PackCreditOf(bt.accts[a].addr), bt.b.UnpackCreditOf)
}

func (bt *bookTester) creditAt(a common.Address) *big.Int {
	bt.t.Helper()
	return callAt(bt.tester, bt.book, bt.b.PackCreditOf(a), bt.b.UnpackCreditOf)
}

// buy buys one ticket and returns its index and the block it was bought in.
func (bt *bookTester) buy(buyer int, id [32]byte, binding [32]byte, price *big.Int) (int, uint64) {
	bt.t.Helper()
	r := bt.ok(buyer, bt.book, bt.b.PackBuy(id, binding), price)
	for _, l := range r.Logs {
		if ev, err := bt.b.UnpackTicketsBoughtEvent(l); err == nil {
			if ev.Count != 1 {
				bt.t.Fatalf("buy logged %d tickets", ev.Count)
			}
			return int(ev.First), r.BlockNumber.Uint64()
		}
	}
	bt.t.Fatal("buy logged no TicketsBought")
	return 0, 0
}

// req is the reveal request of ticket index with its true value and proof.
func (bt *bookTester) req(id [32]byte, vals bookValues, index int, buyer int, binding [32]byte) TicketBookRevealRequest {
	return TicketBookRevealRequest{
		BookId: id, Index: uint32(index), Value: vals.secrets[index], Proof: vals.proof(index),
		Buyer: bt.accts[buyer].addr, Binding: binding, Signature: []byte{},
	}
}

// digest is revealDigest by its definition.
func (bt *bookTester) digest(id [32]byte, index int, submitter common.Address) [32]byte {
	var idx, chain [32]byte
	big.NewInt(int64(index)).FillBytes(idx[:])
	bt.chain.FillBytes(chain[:])
	return crypto.Keccak256Hash([]byte{0x19, 0x00}, bt.book[:], chain[:], id[:], idx[:], submitter[:])
}

func signDigest(t testing.TB, key *ecdsa.PrivateKey, d [32]byte) []byte {
	t.Helper()
	sig, err := crypto.Sign(d[:], key)
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

// seedFor is the seed a reveal of a ticket bought in block `bought` uses.
func (bt *bookTester) seedFor(bought uint64) [32]byte { return bt.blockHash(bt.rblock(bought)) }

// revealErr reveals and returns the decoded error (nil on success).
func (bt *bookTester) revealErr(from int, r TicketBookRevealRequest) any {
	bt.t.Helper()
	data := bt.b.PackReveal(r)
	if reverted, _ := bt.simulate(from, bt.book, data, nil); !reverted {
		bt.ok(from, bt.book, data, nil)
		return nil
	}
	return bt.bookFails(from, data, nil)
}

// bookFails is tester.fails for the TicketBook contract's errors.
func (bt *bookTester) bookFails(from int, data []byte, value *big.Int) any {
	bt.t.Helper()
	reverted, rd := bt.simulate(from, bt.book, data, value)
	if !reverted {
		bt.t.Fatalf("call from account %d succeeds, want a revert", from)
	}
	r := bt.exec(from, bt.book, data, value)
	if r.Status != types.ReceiptStatusFailed {
		bt.t.Fatalf("transaction from account %d succeeded on chain though its simulation reverted", from)
	}
	if len(rd) == 0 {
		return nil
	}
	v, err := UnpackTicketBookRevert(rd)
	if err != nil {
		bt.t.Fatalf("revert data %x: %v", rd, err)
	}
	return v
}

// bookOK sends a TicketBook transaction that must succeed.
func (bt *bookTester) bookOK(from int, data []byte, value *big.Int) *types.Receipt {
	bt.t.Helper()
	if reverted, rd := bt.simulate(from, bt.book, data, value); reverted {
		v, err := UnpackTicketBookRevert(rd)
		bt.t.Fatalf("call from account %d reverts: %T%+v (%v)", from, v, v, err)
	}
	r := bt.exec(from, bt.book, data, value)
	if r.Status != types.ReceiptStatusSuccessful {
		bt.t.Fatalf("transaction from account %d failed on chain though its simulation passed", from)
	}
	return r
}

// matchingTickets buys tickets for buyer until it holds `wantMatch`
// matching and `wantMiss` missing ones (the test knows the values), mines
// past their randomness blocks and returns their indices and bindings.
func (bt *bookTester) matchingTickets(id [32]byte, vals bookValues, buyer int, price *big.Int, wantMatch, wantMiss int) (match, miss []int, bindings map[int][32]byte) {
	bt.t.Helper()
	bindings = map[int][32]byte{}
	bought := map[int]uint64{}
	var pending []int
	for tries := 0; len(match) < wantMatch || len(miss) < wantMiss; tries++ {
		if tries > 200 {
			bt.t.Fatalf("no %d matches and %d misses in 200 tickets", wantMatch, wantMiss)
		}
		b := bindingOf(fmt.Sprintf("m%x", id[:4]), tries)
		idx, blk := bt.buy(buyer, id, b, price)
		bindings[idx], bought[idx] = b, blk
		pending = append(pending, idx)
		bt.mineTo(max(bt.number(), bt.rblock(blk)+1))
		for _, i := range pending {
			if matches(vals.secrets[i], bt.seedFor(bought[i])) {
				if len(match) < wantMatch {
					match = append(match, i)
				}
			} else if len(miss) < wantMiss {
				miss = append(miss, i)
			}
		}
		pending = pending[:0]
	}
	return match, miss, bindings
}
