package agent

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	bbolt "go.etcd.io/bbolt"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/chain/ticketbook/tbtest"
	"github.com/postage-mail/postage/stake"
)

const (
	acOwner  = 0 // the MX: owner and agent of the books
	acSender = 1
	acRelay  = 2
	acOther  = 3
)

func testCtx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

func gwei(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e9)) }

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

type fixture struct {
	t     *testing.T
	c     *tbtest.Chain
	a     *Agent
	clock *clock
	book  BookRecord
}

// newFixture is an agent (account 0, paying its own gas) with one book of
// n values on a fresh simulated chain.
func newFixture(t *testing.T, n int, decision time.Duration, window uint32) *fixture {
	t.Helper()
	c := tbtest.New(t, 2, 4)
	clk := &clock{t: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	a := &Agent{
		Dir: t.TempDir(), Contract: c.Contract, ChainID: c.ChainID.Uint64(), Params: c.Params,
		Passphrase: "agent passphrase", Sender: c.Writer(acOwner), Decision: decision, BlockTime: time.Second,
		History: 8191, Margin: 5 * time.Second, Scrypt: LightScrypt, Now: clk.now,
	}
	rec, err := a.CreateBook(testCtx(t), c.Writer(acOwner), BookOptions{Values: n, Stake: gwei(1_000_000), Bounty: gwei(0),
		Window: window, Reserve: gwei(50_000_000), Agent: c.Addr(acOwner)})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, c: c, a: a, clock: clk, book: rec}
}

// sent is one message's ticket, as the sender made it.
type sent struct {
	index  uint32
	header string
	rcpt   stake.Recipient
	bought uint64
}

// send buys a ticket for rcpt from account `from` and returns its header.
func (f *fixture) send(from int, rcpt string) sent {
	f.t.Helper()
	r, err := stake.ParseRecipient(rcpt)
	if err != nil {
		f.t.Fatal(err)
	}
	nonce, err := stake.NewNonce(nil)
	if err != nil {
		f.t.Fatal(err)
	}
	p, err := f.c.Writer(from).Buy(testCtx(f.t), f.book.ID, []common.Hash{common.Hash(book.Binding(r, nonce))})
	if err != nil {
		f.t.Fatal(err)
	}
	tk := &book.Ticket{ChainID: f.a.ChainID, Contract: stake.Address(f.c.Contract.Address()), Book: stake.Hash(f.book.ID),
		Index: p.First, Recipient: r, Nonce: nonce, Buyer: stake.Address(f.c.Addr(from))}
	h, err := tk.Format()
	if err != nil {
		f.t.Fatal(err)
	}
	return sent{index: p.First, header: h, rcpt: r, bought: p.Block}
}

// coin reads a ticket's value from the vault (as only the agent can) and
// says whether it matches; the randomness block must be sealed.
func (f *fixture) coin(index uint32) bool {
	f.t.Helper()
	v, err := openVault(f.a.vaultPath(f.book.ID), f.a.Passphrase)
	if err != nil {
		f.t.Fatal(err)
	}
	defer v.close()
	val, err := v.value(index)
	if err != nil {
		f.t.Fatal(err)
	}
	tk, err := f.c.Contract.Ticket(testCtx(f.t), f.book.ID, index)
	if err != nil {
		f.t.Fatal(err)
	}
	f.c.MineTo(tk.RandomnessBlock + 1)
	seed, _, err := f.c.Contract.Seed(testCtx(f.t), tk.RandomnessBlock)
	if err != nil {
		f.t.Fatal(err)
	}
	return book.Matches(val, stake.Hash(seed))
}

func (f *fixture) verify(s sent) string {
	f.t.Helper()
	v, err := f.a.VerifyTicket(testCtx(f.t), s.header, "", s.rcpt)
	if err != nil {
		f.t.Fatal(err)
	}
	if v.Valid != (v.Reason == "pass") {
		f.t.Fatalf("verdict %+v", v)
	}
	return v.Reason
}

func (f *fixture) state(index uint32) ticketbook.TicketState {
	f.t.Helper()
	tk, err := f.c.Contract.Ticket(testCtx(f.t), f.book.ID, index)
	if err != nil {
		f.t.Fatal(err)
	}
	return tk.State
}

// allValues reads every value still in the vault (a test's x-ray).
func (f *fixture) allValues() [][32]byte {
	v, err := openVault(f.a.vaultPath(f.book.ID), f.a.Passphrase)
	if err != nil {
		f.t.Fatal(err)
	}
	defer v.close()
	var out [][32]byte
	for i := uint32(0); i < v.count; i++ {
		if val, err := v.value(i); err == nil {
			out = append(out, val)
		}
	}
	return out
}

// Verification: a ticket of this agent's book, bought for this recipient,
// passes once; everything else is refused with its reason.
func TestVerifyTicket(t *testing.T) {
	f := newFixture(t, 16, 0, 200)
	s := f.send(acSender, "alice@example.com")
	if got := f.verify(s); got != "pass" {
		t.Fatalf("first presentation: %s", got)
	}
	if got := f.verify(s); got != "reused" {
		t.Fatalf("second presentation: %s", got)
	}
	// With the message's identity: the same message again (a retry, a
	// second MX) passes, another message with the ticket does not.
	s1 := f.send(acSender, "alice@example.com")
	for i, want := range []string{"pass", "pass", "reused", "reused"} {
		msg := []string{"m1", "m1", "m2", ""}[i]
		v, err := f.a.VerifyTicket(testCtx(t), s1.header, msg, s1.rcpt)
		if err != nil || v.Reason != want {
			t.Fatalf("presentation %d (message %q): %+v, %v; want %s", i+1, msg, v, err, want)
		}
	}
	bob, _ := stake.ParseRecipient("bob@example.com")
	s2 := f.send(acSender, "alice@example.com")
	if v, _ := f.a.VerifyTicket(testCtx(t), s2.header, "", bob); v.Reason != "not-for-recipient" {
		t.Fatalf("for another recipient: %+v", v)
	}
	// Someone who saw the purchase on chain but not the mail: a header with
	// another nonce has another binding.
	forged := s2
	tk, _ := book.Parse(s2.header)
	tk.Nonce[0] ^= 1
	forged.header, _ = tk.Format()
	if got := f.verify(forged); got != "bad-binding" {
		t.Fatalf("forged nonce: %s", got)
	}
	tk.Nonce[0] ^= 1
	tk.Buyer = stake.Address(f.c.Addr(acOther))
	forged.header, _ = tk.Format()
	if got := f.verify(forged); got != "bad-binding" {
		t.Fatalf("other buyer: %s", got)
	}
	tk, _ = book.Parse(s2.header)
	tk.Index = 15 // not sold yet
	forged.header, _ = tk.Format()
	if got := f.verify(forged); got != "not-sold" {
		t.Fatalf("unsold index: %s", got)
	}
	tk, _ = book.Parse(s2.header)
	tk.Book = stake.Hash{1}
	forged.header, _ = tk.Format()
	if got := f.verify(forged); got != "unknown-book" {
		t.Fatalf("another book: %s", got)
	}
	tk, _ = book.Parse(s2.header)
	tk.ChainID++
	forged.header, _ = tk.Format()
	if got := f.verify(forged); got != "unknown-book" {
		t.Fatalf("another chain: %s", got)
	}
	// An agent that has no books (a fresh directory) knows none of them.
	other := &Agent{Dir: filepath.Join(t.TempDir(), "none"), Contract: f.c.Contract, ChainID: f.a.ChainID, Params: f.c.Params}
	if v, err := other.VerifyTicket(testCtx(t), s2.header, "", s2.rcpt); err != nil || v.Reason != "unknown-book" {
		t.Fatalf("an agent without books: %+v, %v", v, err)
	}
	forged.header = "v=1; kind=ticket; chain=1"
	if got := f.verify(forged); got != "malformed" {
		t.Fatalf("malformed: %s", got)
	}
	if got := f.verify(s2); got != "pass" {
		t.Fatalf("s2: %s", got)
	}
	// A ticket close to its deadline leaves no time to decide.
	late := f.send(acSender, "alice@example.com")
	tkc, _ := f.c.Contract.Ticket(testCtx(t), f.book.ID, late.index)
	f.c.MineTo(tkc.Deadline - 3)
	if got := f.verify(late); got != "expiring" {
		t.Fatalf("near the deadline: %s", got)
	}
}

// The honest path with the spam action: matches are revealed after the
// decision delay unless punished; misses and punished tickets are never
// revealed; every decided value is erased, and the state says only "done".
func TestDecide(t *testing.T) {
	f := newFixture(t, 64, time.Hour, 5_000)
	var tickets []sent
	for i := 0; i < 24; i++ {
		s := f.send(acSender, "alice@example.com")
		if got := f.verify(s); got != "pass" {
			t.Fatalf("ticket %d: %s", s.index, got)
		}
		tickets = append(tickets, s)
	}
	// The test knows the coins; the agent does not look before deciding.
	match := map[uint32]bool{}
	var matches []uint32
	for _, s := range tickets {
		if f.coin(s.index) {
			match[s.index] = true
			matches = append(matches, s.index)
		}
	}
	if len(matches) < 3 || len(matches) == len(tickets) {
		t.Fatalf("%d matches of %d: the test needs matches and misses", len(matches), len(tickets))
	}
	values := f.allValues()

	// The user marks two messages as spam: one whose ticket matches, one
	// whose ticket does not (the agent cannot tell, and does not look).
	punishMatch, punishMiss := matches[0], uint32(0)
	for _, s := range tickets {
		if !match[s.index] {
			punishMiss = s.index
			break
		}
	}
	for _, s := range tickets {
		if s.index == punishMatch || s.index == punishMiss {
			res, err := f.a.Punish(testCtx(t), s.header, s.rcpt)
			if err != nil || res != Punished {
				t.Fatalf("punish %d: %v, %v", s.index, res, err)
			}
			if res, _ := f.a.Punish(testCtx(t), s.header, s.rcpt); res != AlreadyDecided {
				t.Fatalf("second punish of %d: %v", s.index, res)
			}
		}
	}

	// Before the decision delay: misses are erased, matches wait.
	rep, err := f.a.Tick(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Revealed != 0 || rep.Pending != len(matches)-1 {
		t.Fatalf("tick before the delay: %+v (want %d pending matches)", rep, len(matches)-1)
	}
	for _, s := range tickets {
		if f.state(s.index) != ticketbook.TicketBought {
			t.Fatalf("ticket %d revealed before the decision delay", s.index)
		}
	}
	// After it: every unpunished match is revealed; nothing else.
	f.clock.t = f.clock.t.Add(time.Hour + time.Second)
	before, _ := f.c.Contract.Credit(testCtx(t), f.c.Addr(acSender))
	rep, err = f.a.Tick(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Revealed != len(matches)-1 || rep.Pending != 0 {
		t.Fatalf("tick after the delay: %+v, want %d revealed", rep, len(matches)-1)
	}
	for _, s := range tickets {
		want := ticketbook.TicketBought
		if match[s.index] && s.index != punishMatch {
			want = ticketbook.TicketPaid
		}
		if got := f.state(s.index); got != want {
			t.Fatalf("ticket %d (match %v): %v, want %v", s.index, match[s.index], got, want)
		}
	}
	after, _ := f.c.Contract.Credit(testCtx(t), f.c.Addr(acSender))
	if paid := new(big.Int).Sub(after, before); paid.Cmp(new(big.Int).Mul(gwei(2_000_000), big.NewInt(int64(len(matches)-1)))) != 0 {
		t.Fatalf("sender credited %s for %d reveals", paid, len(matches)-1)
	}
	if n, _ := f.a.Pending(); n != 0 {
		t.Fatalf("%d tickets still pending", n)
	}
	// Nothing left to show how any ticket ended: no value of a sold ticket
	// in any file of the agent, and every ticket record the same.
	var files [][]byte
	filepath.Walk(f.a.Dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			b, _ := os.ReadFile(p)
			files = append(files, b)
		}
		return nil
	})
	remaining := f.allValues()
	if len(remaining) != len(values)-len(tickets) {
		t.Fatalf("%d values left of %d, want the %d unsold", len(remaining), len(values), len(values)-len(tickets))
	}
	still := map[[32]byte]bool{}
	for _, v := range remaining {
		still[v] = true
	}
	for _, v := range values {
		if still[v] {
			continue
		}
		for _, b := range files {
			if bytes.Contains(b, v[:]) {
				t.Fatal("a decided ticket's value is still in the agent's files")
			}
		}
	}
	err = f.a.withDB(func(db *bbolt.DB) error {
		return db.View(func(tx *bbolt.Tx) error {
			return tx.Bucket(ticketsBucket).ForEach(func(k, v []byte) error {
				if string(v) != `{"done":true}` {
					t.Errorf("ticket record %x = %s, want only done", k, v)
				}
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	// Punishing after the reveal is too late, and said so.
	for _, s := range tickets {
		if s.index == matches[1] {
			if res, _ := f.a.Punish(testCtx(t), s.header, s.rcpt); res != AlreadyDecided {
				t.Fatalf("punish after the reveal: %v", res)
			}
		}
	}
}

// A wrong passphrase stops the tick before it erases anything: it must
// never read as "every value erased", which would punish every sender.
func TestWrongPassphrase(t *testing.T) {
	f := newFixture(t, 8, 0, 200)
	s := f.send(acSender, "alice@example.com")
	f.verify(s)
	f.coin(s.index)
	f.a.Passphrase = "not it"
	if _, err := f.a.Tick(testCtx(t)); !errors.Is(err, ErrPassphrase) {
		t.Fatalf("tick with a wrong passphrase: %v", err)
	}
	if n, _ := f.a.Pending(); n != 1 {
		t.Fatalf("%d pending after a failed tick, want 1", n)
	}
	f.a.Passphrase = "agent passphrase"
	if _, err := f.a.Tick(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.a.Pending(); n != 0 {
		t.Fatalf("%d pending after the tick", n)
	}
}

// A recipient without ETH: another account (a relay's) submits the
// reveals with the agent's signature and earns the bounty; the agent's
// account pays nothing.
func TestSignedReveals(t *testing.T) {
	c := tbtest.New(t, 2, 4)
	agentKey := c.Keys[acOther] // an agent account that holds no role but signing
	relay := c.Writer(acRelay)
	a := &Agent{Dir: t.TempDir(), Contract: c.Contract, ChainID: c.ChainID.Uint64(), Params: c.Params, Passphrase: "p",
		Sender: Signed{W: relay, ChainID: c.ChainID, Sign: KeySigner(agentKey)}, BlockTime: time.Second, History: 8191, Scrypt: LightScrypt}
	bounty := gwei(50_000)
	rec, err := a.CreateBook(testCtx(t), c.Writer(acOwner), BookOptions{Values: 32, Stake: gwei(1_000_000), Bounty: bounty, Window: 1000,
		Reserve: gwei(40_000_000), Agent: c.Addr(acOther)})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, c: c, a: a, clock: &clock{}, book: rec}
	agentBalance := c.Balance(c.Addr(acOther))
	var revealed int
	for k := 0; k < 12; k++ {
		s := f.send(acSender, "carol@example.com")
		f.verify(s)
		if f.coin(s.index) {
			revealed++
		}
	}
	relayBefore := c.Balance(c.Addr(acRelay))
	rep, err := a.Tick(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Revealed != revealed || revealed == 0 {
		t.Fatalf("revealed %d, want %d (matches)", rep.Revealed, revealed)
	}
	if c.Balance(c.Addr(acOther)).Cmp(agentBalance) != 0 {
		t.Fatal("the agent's account paid for something")
	}
	// The relay paid gas and got the bounties; on this chain the fee is
	// small against 50,000 gwei a reveal.
	gain := new(big.Int).Sub(c.Balance(c.Addr(acRelay)), relayBefore)
	if gain.Sign() <= 0 {
		t.Fatalf("relay's balance changed by %s for %d bounties", gain, revealed)
	}
}

// Seeds that must outlive the chain's block-hash window are recorded
// half-way through it, whatever the tickets' coins.
func TestSeedsRecorded(t *testing.T) {
	f := newFixture(t, 8, 0, 200)
	f.a.History = 40 // pretend the chain serves only 40 blocks of hashes
	f.a.Decision = 100 * time.Second
	s := f.send(acSender, "alice@example.com")
	if got := f.verify(s); got != "pass" {
		t.Fatal(got)
	}
	tk, _ := f.c.Contract.Ticket(testCtx(t), f.book.ID, s.index)
	f.c.MineTo(tk.RandomnessBlock + 25)
	rep, err := f.a.Tick(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if rep.SeedsRecorded != 1 {
		t.Fatalf("tick report %+v, want one seed recorded", rep)
	}
	if _, recorded, _ := f.c.Contract.Seed(testCtx(t), tk.RandomnessBlock); !recorded {
		t.Fatal("seed not recorded on chain")
	}
	if rep, _ := f.a.Tick(testCtx(t)); rep.SeedsRecorded != 0 {
		t.Fatal("recorded the same seed twice")
	}
}

// Retiring erases the values never sold; closing destroys the vault once
// every window is over.
func TestRetireAndClose(t *testing.T) {
	f := newFixture(t, 10, 0, 200)
	s := f.send(acSender, "alice@example.com")
	f.verify(s)
	n, err := f.a.RetireBook(testCtx(t), f.c.Writer(acOwner), f.book.ID)
	if err != nil || n != 9 {
		t.Fatalf("retire erased %d unsold values (%v), want 9", n, err)
	}
	if got := len(f.allValues()); got != 1 {
		t.Fatalf("%d values left, want the sold one", got)
	}
	if _, err := f.a.Tick(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.a.CloseBook(testCtx(t), f.c.Writer(acOwner), f.book.ID); !errors.Is(err, ticketbook.ErrBookStillRevealing) {
		t.Fatalf("close before the window ends: %v", err)
	}
	tk, _ := f.c.Contract.Ticket(testCtx(t), f.book.ID, s.index)
	f.c.MineTo(tk.Deadline + 1)
	if _, err := f.a.Tick(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	got, err := f.a.CloseBook(testCtx(t), f.c.Writer(acOwner), f.book.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Sign() <= 0 {
		t.Fatalf("close returned %s", got)
	}
	entries, _ := os.ReadDir(f.a.vaultDir())
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), f.book.ID.Hex()[2:]) {
			t.Fatalf("%s left after close", e.Name())
		}
	}
	if r, _, _ := f.a.Book(f.book.ID); r.State != BookClosed {
		t.Fatalf("book state %s", r.State)
	}
}

// A window too short for the decision delay is refused before anything
// is spent.
func TestCreateBookChecksWindow(t *testing.T) {
	c := tbtest.New(t, 2, 4)
	a := &Agent{Dir: t.TempDir(), Contract: c.Contract, ChainID: c.ChainID.Uint64(), Params: c.Params, Passphrase: "p",
		Decision: time.Hour, BlockTime: 12 * time.Second, Scrypt: LightScrypt}
	_, err := a.CreateBook(testCtx(t), c.Writer(0), BookOptions{Values: 4, Stake: gwei(1), Window: 100, Agent: c.Addr(0)})
	if err == nil || !strings.Contains(err.Error(), "shorter than the decision delay") {
		t.Fatalf("short window: %v", err)
	}
	if entries, _ := os.ReadDir(a.vaultDir()); len(entries) != 0 {
		t.Fatal("a vault was written for a refused book")
	}
}
