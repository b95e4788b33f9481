package ticketbook_test

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/chain/ticketbook/tbtest"
	"github.com/postage-mail/postage/stake"
)

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

func gwei(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e9)) }

// testBook is a book's values, tree and id.
type testBook struct {
	values []book.Value
	tree   *stake.Tree
	id     common.Hash
}

func openTestBook(t *testing.T, c *tbtest.Chain, w *ticketbook.Writer, n int, stakeWei, bounty *big.Int, window uint32, agent common.Address, reserve *big.Int) testBook {
	t.Helper()
	vs, err := book.NewValues(n, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := book.Tree(vs)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := w.OpenBook(ctx(t), common.Hash(tr.Root()), uint32(n), stakeWei, bounty, window, agent, reserve)
	if err != nil {
		t.Fatal(err)
	}
	if want := common.Hash(book.ID(stake.Address(w.From()), tr.Root())); id != want {
		t.Fatalf("book id %s, want %s", id, want)
	}
	return testBook{values: vs, tree: tr, id: id}
}

func (b testBook) request(t *testing.T, i uint32, buyer common.Address, binding common.Hash) ticketbook.RevealRequest {
	t.Helper()
	p, err := b.tree.Proof(i)
	if err != nil {
		t.Fatal(err)
	}
	proof := make([]common.Hash, len(p))
	for k, h := range p {
		proof[k] = common.Hash(h)
	}
	return ticketbook.RevealRequest{Book: b.id, Index: i, Value: common.Hash(b.values[i]), Proof: proof, Buyer: buyer, Binding: binding}
}

// The client's reads agree with the domain package (the coin, the
// commitment, the randomness block, the digest) and every write works;
// refusals match the sentinels.
func TestClient(t *testing.T) {
	c := tbtest.New(t, 2, 4)
	const owner, buyer, relay = 0, 1, 2
	agentKey := c.Keys[3]
	agent := c.Addr(3)
	ow := c.Writer(owner)
	bw := c.Writer(buyer)
	s := gwei(1_000_000)
	tb := openTestBook(t, c, ow, 64, s, gwei(10_000), 500, agent, gwei(5_000_000))

	b, err := c.Contract.Book(ctx(t), tb.id)
	if err != nil || b.Status != ticketbook.BookOpen || b.Stake.Cmp(s) != 0 || b.Agent != agent || b.Leaves != 64 || b.Window != 500 {
		t.Fatalf("book %+v, %v", b, err)
	}

	// Buy tickets bound to recipients; find one that matches.
	rcpt, _ := stake.ParseRecipient("alice@example.com")
	var match, miss = -1, -1
	bindings := map[uint32]common.Hash{}
	for k := 0; (match < 0 || miss < 0) && k < 40; k++ {
		nonce, _ := stake.NewNonce(nil)
		bd := common.Hash(book.Binding(rcpt, nonce))
		p, err := bw.Buy(ctx(t), tb.id, []common.Hash{bd})
		if err != nil {
			t.Fatal(err)
		}
		bindings[p.First] = bd
		if p.RandomnessBlock != c.Params.RandomnessBlock(p.Block) || p.RandomnessBlock != book.RandomnessBlock(p.Block, 2, 4) {
			t.Fatalf("randomness block %d for block %d", p.RandomnessBlock, p.Block)
		}
		tk, err := c.Contract.Ticket(ctx(t), tb.id, p.First)
		if err != nil || tk.State != ticketbook.TicketBought || tk.Commitment != book.Commitment(stake.Address(c.Addr(buyer)), stake.Hash(bd)) {
			t.Fatalf("ticket %+v, %v", tk, err)
		}
		c.MineTo(p.RandomnessBlock + 1)
		seed, recorded, err := c.Contract.Seed(ctx(t), p.RandomnessBlock)
		if err != nil || recorded || seed == (common.Hash{}) {
			t.Fatalf("seed %s recorded %v: %v", seed, recorded, err)
		}
		if book.Matches(tb.values[p.First], stake.Hash(seed)) {
			if match < 0 {
				match = int(p.First)
			}
		} else if miss < 0 {
			miss = int(p.First)
		}
	}
	if match < 0 || miss < 0 {
		t.Fatal("no match and miss in 40 tickets")
	}

	// The contract's coin is the domain's: a miss is refused with ParityMismatch.
	aw := ticketbook.NewWriter(c.Contract, c.Opts(3))
	aw.PollInterval = 5 * time.Millisecond
	req := tb.request(t, uint32(miss), c.Addr(buyer), bindings[uint32(miss)])
	if err := aw.SimulateReveal(ctx(t), req); !errors.Is(err, ticketbook.ErrParityMismatch) || !errors.Is(err, chain.ErrReverted) {
		t.Fatalf("simulated reveal of a miss: %v", err)
	}
	// A relay without the agent's signature is refused; with it, accepted.
	rw := c.Writer(relay)
	req = tb.request(t, uint32(match), c.Addr(buyer), bindings[uint32(match)])
	if _, err := rw.Reveal(ctx(t), []ticketbook.RevealRequest{req}); !errors.Is(err, ticketbook.ErrNotAuthorized) {
		t.Fatalf("unsigned relay reveal: %v", err)
	}
	d := ticketbook.RevealDigest(c.Contract.Address(), c.ChainID, tb.id, uint32(match), c.Addr(relay))
	sig, err := crypto.Sign(d[:], agentKey)
	if err != nil {
		t.Fatal(err)
	}
	req.Signature = sig
	if _, err := rw.Reveal(ctx(t), []ticketbook.RevealRequest{req}); err != nil {
		t.Fatalf("signed relay reveal: %v", err)
	}
	if _, err := aw.Reveal(ctx(t), []ticketbook.RevealRequest{req}); !errors.Is(err, ticketbook.ErrTicketAlreadyRevealed) {
		t.Fatalf("second reveal: %v", err)
	}
	credit, err := c.Contract.Credit(ctx(t), c.Addr(buyer))
	if want := new(big.Int).Sub(new(big.Int).Mul(s, big.NewInt(2)), gwei(10_000)); err != nil || credit.Cmp(want) != 0 {
		t.Fatalf("credit %s, want %s (%v)", credit, want, err)
	}
	got, _, err := bw.Claim(ctx(t))
	if err != nil || got.Cmp(credit) != 0 {
		t.Fatalf("claim %s, %v", got, err)
	}
	if _, _, err := bw.Claim(ctx(t)); !errors.Is(err, ticketbook.ErrNothingToClaim) {
		t.Fatalf("second claim: %v", err)
	}

	// Seeds, top-up, retire, close.
	if _, err := bw.RecordSeeds(ctx(t), []uint64{c.Head() - 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := bw.TopUp(ctx(t), tb.id, gwei(1)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ow.Close(ctx(t), tb.id); err == nil {
		t.Fatal("closed an open book")
	}
	if _, err := ow.Retire(ctx(t), tb.id); err != nil {
		t.Fatal(err)
	}
	if _, err := bw.Buy(ctx(t), tb.id, []common.Hash{{1}}); !errors.Is(err, ticketbook.ErrBookNotOpen) {
		t.Fatalf("buy from a retired book: %v", err)
	}
	if _, _, err := ow.Close(ctx(t), tb.id); !errors.Is(err, ticketbook.ErrBookStillRevealing) {
		t.Fatalf("early close: %v", err)
	}
	if _, err := bw.Buy(ctx(t), common.Hash{9}, []common.Hash{{1}}); !errors.Is(err, ticketbook.ErrUnknownBook) {
		t.Fatalf("buy from an unknown book: %v", err)
	}
}
