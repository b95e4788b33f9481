package relay

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/chain/ticketbook/tbtest"
	"github.com/postage-mail/postage/stake"
)

// Accounts of the simulated chain in the reveal tests.
const (
	tbOwner = 0 // opens the book
	tbAgent = 1 // the book's agent: signs, and (in one test) reveals itself
	tbBuyer = 2
	tbRelay = 3
	tbOther = 4 // signs what the agent should have
)

// revealEnv is a ticket book with sold tickets whose randomness is sealed,
// and a relay serving reveals for it over HTTP on loopback.
type revealEnv struct {
	t       *testing.T
	c       *tbtest.Chain
	relay   *Relay
	client  *Client
	values  []book.Value
	tree    *stake.Tree
	id      common.Hash
	first   uint32
	seed    stake.Hash
	binding []common.Hash
	stake   *big.Int
	bounty  *big.Int
}

func newRevealEnv(t *testing.T) *revealEnv {
	t.Helper()
	ctx := ctxFor(t, time.Minute)
	c := tbtest.New(t, 2, 4)
	e := &revealEnv{t: t, c: c, stake: big.NewInt(1e16), bounty: big.NewInt(5e14)} // bounty <= stake/16 (the contract's cap)
	var err error
	if e.values, err = book.NewValues(32, nil); err != nil {
		t.Fatal(err)
	}
	if e.tree, err = book.Tree(e.values); err != nil {
		t.Fatal(err)
	}
	e.id, _, err = c.Writer(tbOwner).OpenBook(ctx, common.Hash(e.tree.Root()), 32, e.stake, e.bounty, 1000, c.Addr(tbAgent), big.NewInt(1e18))
	if err != nil {
		t.Fatal(err)
	}
	for range 24 {
		var b common.Hash
		_, _ = rand.Read(b[:])
		e.binding = append(e.binding, b)
	}
	p, err := c.Writer(tbBuyer).Buy(ctx, e.id, e.binding)
	if err != nil {
		t.Fatal(err)
	}
	e.first = p.First
	c.MineTo(p.RandomnessBlock + 1)
	seed, _, err := c.Contract.Seed(ctx, p.RandomnessBlock)
	if err != nil || seed == (common.Hash{}) {
		t.Fatalf("seed of block %d: %x, %v", p.RandomnessBlock, seed, err)
	}
	e.seed = stake.Hash(seed)

	e.relay, err = Open(ctx, filepath.Join(t.TempDir(), "relay.db"), Chain{Backend: c.Client, TicketBook: c.Contract.Address(), Signer: c.Opts(tbRelay)},
		Options{Name: "relay.test", Bits: 8, Burst: 100, PollInterval: 10 * time.Millisecond, RetryMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.relay.Run(runCtx) }()
	srv := httptest.NewServer(e.relay.Handler())
	t.Cleanup(func() {
		srv.Close()
		stop()
		if err := <-done; err != nil {
			t.Error(err)
		}
		_ = e.relay.Close()
	})
	e.client = &Client{URL: srv.URL}
	return e
}

// tickets returns the indices (sold) whose coin matches, and those that miss.
func (e *revealEnv) tickets() (match, miss []uint32) {
	for k := range e.binding {
		i := e.first + uint32(k)
		if book.Matches(e.values[i], e.seed) {
			match = append(match, i)
		} else {
			miss = append(miss, i)
		}
	}
	if len(match) < 2 || len(miss) < 1 {
		e.t.Fatalf("%d matching and %d missing tickets of 24: the test needs 2 and 1", len(match), len(miss))
	}
	return match, miss
}

// reveal is ticket i's reveal, signed by key for submitter.
func (e *revealEnv) reveal(i uint32, key *ecdsa.PrivateKey, submitter common.Address) Reveal {
	e.t.Helper()
	pr, err := e.tree.Proof(i)
	if err != nil {
		e.t.Fatal(err)
	}
	proof := make([]common.Hash, len(pr))
	for k, h := range pr {
		proof[k] = common.Hash(h)
	}
	d := ticketbook.RevealDigest(e.c.Contract.Address(), e.c.ChainID, e.id, i, submitter)
	sig, err := crypto.Sign(d[:], key)
	if err != nil {
		e.t.Fatal(err)
	}
	return Reveal{ChainID: e.c.ChainID.Uint64(), Contract: e.c.Contract.Address(), RevealRequest: ticketbook.RevealRequest{
		Book: e.id, Index: i, Value: common.Hash(e.values[i]), Proof: proof,
		Buyer: e.c.Addr(tbBuyer), Binding: e.binding[i-e.first], Signature: sig,
	}}
}

func (e *revealEnv) mint(rs ...Reveal) string {
	e.t.Helper()
	work, err := MintReveals(ctxFor(e.t, time.Minute), rs, "relay.test", 8)
	if err != nil {
		e.t.Fatal(err)
	}
	return work
}

func (e *revealEnv) submit(rs ...Reveal) (RevealsResponse, error) {
	return e.client.SubmitReveals(ctxFor(e.t, time.Minute), rs, e.mint(rs...))
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code != code {
		t.Fatalf("got %v, want the relay's %s", err, code)
	}
}

// A signed reveal through the relay credits the buyer 2s - bounty and
// pays the relay's account the bounty, net of exactly its gas; asking
// again for the same ticket is the same request, not a second transaction.
func TestRevealThroughRelay(t *testing.T) {
	e := newRevealEnv(t)
	ctx := ctxFor(t, time.Minute)
	match, _ := e.tickets()
	relayAddr := e.c.Addr(tbRelay)

	h, err := e.client.Health(ctx)
	if err != nil || h.TicketBook != e.c.Contract.Address().Hex() || h.Account != relayAddr.Hex() || h.MaxReveals < 1 {
		t.Fatalf("health %+v, %v: want the ticket book and the relay's account", h, err)
	}
	creditBefore, err := e.c.Contract.Credit(ctx, e.c.Addr(tbBuyer))
	if err != nil {
		t.Fatal(err)
	}
	balBefore := e.c.Balance(relayAddr)

	rv := e.reveal(match[0], e.c.Keys[tbAgent], relayAddr)
	out, err := e.submit(rv)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Reveals) != 1 || out.Reveals[0].Duplicate || out.Reveals[0].ID != rv.ID() {
		t.Fatalf("answer %+v, want one new request with id %s", out, rv.ID())
	}
	st, err := e.client.Wait(ctx, rv.ID(), 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != StateRevealed || st.Kind != "reveal" || st.Book != e.id.Hex() || st.Index != match[0] || st.Bounty != e.bounty.String() || st.Queued {
		t.Fatalf("status %+v: want revealed, bounty %s", st, e.bounty)
	}
	tk, err := e.c.Contract.Ticket(ctx, e.id, match[0])
	if err != nil || tk.State != ticketbook.TicketPaid {
		t.Fatalf("ticket %+v, %v: want paid", tk, err)
	}
	credit, err := e.c.Contract.Credit(ctx, e.c.Addr(tbBuyer))
	if err != nil {
		t.Fatal(err)
	}
	owed := new(big.Int).Sub(new(big.Int).Mul(e.stake, big.NewInt(2)), e.bounty)
	if got := new(big.Int).Sub(credit, creditBefore); got.Cmp(owed) != 0 {
		t.Fatalf("buyer credited %s, want 2s - bounty = %s", got, owed)
	}
	rcpt, err := e.c.Client.TransactionReceipt(ctx, common.HexToHash(st.Tx))
	if err != nil {
		t.Fatal(err)
	}
	fee := new(big.Int).Mul(new(big.Int).SetUint64(rcpt.GasUsed), rcpt.EffectiveGasPrice)
	t.Logf("relayed reveal: %d gas at %s wei", rcpt.GasUsed, rcpt.EffectiveGasPrice)
	want := new(big.Int).Add(balBefore, new(big.Int).Sub(e.bounty, fee))
	if got := e.c.Balance(relayAddr); got.Cmp(want) != 0 {
		t.Fatalf("relay balance %s, want %s (bounty %s - gas %s)", got, want, e.bounty, fee)
	}
	nonce, err := e.c.Client.NonceAt(ctx, relayAddr, nil)
	if err != nil {
		t.Fatal(err)
	}

	// The same ticket again, with fresh work: the existing request.
	again, err := e.submit(rv)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Reveals[0].Duplicate || again.Reveals[0].ID != rv.ID() || again.Reveals[0].Status != StateRevealed {
		t.Fatalf("second submission %+v: want the revealed request as a duplicate", again)
	}
	time.Sleep(50 * time.Millisecond) // several sender rounds
	if n, _ := e.c.Client.NonceAt(ctx, relayAddr, nil); n != nonce {
		t.Fatalf("relay sent %d more transactions for a duplicate", n-nonce)
	}
}

// Reveals the contract would refuse are refused at the door, before any
// transaction; a work stamp is good for one request only.
func TestRevealRefusals(t *testing.T) {
	e := newRevealEnv(t)
	ctx := ctxFor(t, time.Minute)
	match, miss := e.tickets()
	relayAddr := e.c.Addr(tbRelay)
	agentKey := e.c.Keys[tbAgent]

	// The agent reveals match[1] itself first.
	direct := e.reveal(match[1], agentKey, e.c.Addr(tbAgent))
	direct.Signature = nil
	if _, err := e.c.Writer(tbAgent).Reveal(ctx, []ticketbook.RevealRequest{direct.RevealRequest}); err != nil {
		t.Fatal(err)
	}
	nonce, err := e.c.Client.NonceAt(ctx, relayAddr, nil)
	if err != nil {
		t.Fatal(err)
	}

	bySomeoneElse := e.reveal(match[0], e.c.Keys[tbOther], relayAddr)
	_, err = e.submit(bySomeoneElse)
	wantCode(t, err, CodeNotAuthorized)

	forOtherSubmitter := e.reveal(match[0], agentKey, e.c.Addr(tbOther))
	_, err = e.submit(forOtherSubmitter)
	wantCode(t, err, CodeNotAuthorized)

	wrongValue := e.reveal(match[0], agentKey, relayAddr)
	wrongValue.Value[0] ^= 1
	_, err = e.submit(wrongValue)
	wantCode(t, err, CodeInvalidProof)

	wrongBuyer := e.reveal(match[0], agentKey, relayAddr)
	wrongBuyer.Buyer = e.c.Addr(tbOther)
	_, err = e.submit(wrongBuyer)
	wantCode(t, err, CodeRevealRefused)

	_, err = e.submit(e.reveal(miss[0], agentKey, relayAddr))
	wantCode(t, err, CodeRevealRefused) // the coin does not match

	_, err = e.submit(e.reveal(match[1], agentKey, relayAddr))
	wantCode(t, err, CodeAlreadyRevealed)

	// One bad reveal sinks the request: the good one is not queued.
	good := e.reveal(match[0], agentKey, relayAddr)
	otherWrong := e.reveal(miss[0], agentKey, relayAddr)
	otherWrong.Value[0] ^= 1
	_, err = e.submit(good, otherWrong)
	wantCode(t, err, CodeInvalidProof)
	if _, err := e.client.Status(ctx, good.ID()); err == nil {
		t.Fatal("a reveal of a refused request was queued")
	}

	// Work bound to another request, then a replayed stamp.
	_, err = e.client.SubmitReveals(ctx, []Reveal{good}, e.mint(wrongValue))
	wantCode(t, err, CodeWorkInvalid)
	work := e.mint(good)
	if _, err := e.client.SubmitReveals(ctx, []Reveal{good}, work); err != nil {
		t.Fatal(err)
	}
	_, err = e.client.SubmitReveals(ctx, []Reveal{good}, work)
	wantCode(t, err, CodeWorkReplayed)
	st, err := e.client.Wait(ctx, good.ID(), 10*time.Millisecond)
	if err != nil || st.Status != StateRevealed {
		t.Fatalf("status %+v, %v: want revealed", st, err)
	}
	if n, _ := e.c.Client.NonceAt(ctx, relayAddr, nil); n != nonce+1 {
		t.Fatalf("relay sent %d transactions, want 1 (refusals cost none)", n-nonce)
	}

	// Malformed input: a clear 400, never a panic.
	short := e.reveal(match[0], agentKey, relayAddr)
	short.Signature = short.Signature[:64]
	_, err = e.submit(short)
	wantCode(t, err, CodeBadRequest)
	_, err = e.submit(good, good)
	wantCode(t, err, CodeBadRequest)
	resp, err := http.Post(e.client.URL+PathReveals, "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("empty body: %d, want 400", resp.StatusCode)
	}
}
