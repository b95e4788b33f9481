package relay

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// The relay stops twice at the worst moments: once after writing a signed
// transaction but before broadcasting it, once after broadcasting another
// but before its receipt. Every burn still happens, each exactly once, and
// the relay's account sends exactly two transactions, both successful.
func TestRestartMidQueue(t *testing.T) {
	c := getChain(t)
	_, relayOpts := c.account(t)
	path := filepath.Join(t.TempDir(), "relay.db")
	o := testOptions("restart.test")
	d := c.deposit(t, milliEth(10), milliEth(1), "a@example.com", "b@example.com", "c@example.com", "d@example.com")
	id := func(i int) string { return c.burn(t, d, i).ID() }

	// Run 1: leaves 0 and 1 go into one signed transaction, written to the
	// queue; the relay "crashes" before broadcasting it. Leaf 2 arrives
	// while that transaction is in flight and waits.
	r1 := c.openRelay(t, path, relayOpts, o)
	cl := serveHTTP(t, r1)
	for i := range 2 {
		if _, err := submit(t, cl, r1, c.burn(t, d, i)); err != nil {
			t.Fatal(err)
		}
	}
	var first *txRecord
	r1.afterPersist = func(tx *txRecord) bool { first = tx; return false }
	stepUntil(t, r1, 30*time.Second, func() bool { return first != nil })
	if _, err := submit(t, cl, r1, c.burn(t, d, 2)); err != nil {
		t.Fatal(err)
	}
	r1.step(ctxFor(t, time.Minute)) // in flight: settles nothing, sends nothing
	if s := state(t, r1, id(0)).State; s != StateSent {
		t.Fatalf("leaf 0 after the first run: %s, want sent", s)
	}
	if s := state(t, r1, id(2)).State; s != StateQueued {
		t.Fatalf("leaf 2 after the first run: %s, want queued", s)
	}
	if err := r1.Close(); err != nil {
		t.Fatal(err)
	}
	if n := c.nonce(t, relayOpts.From); n != 0 || c.isBurned(t, d.id, 0) {
		t.Fatalf("the crashed run reached the chain (nonce %d)", n)
	}

	// Run 2: the very same signed transaction is broadcast; then leaf 2's
	// transaction is broadcast and the relay stops before its receipt.
	r2 := c.openRelay(t, path, relayOpts, o)
	var second *txRecord
	var broadcasts []common.Hash
	r2.afterBroadcast = func(tx *txRecord) {
		broadcasts = append(broadcasts, tx.Hash)
		if tx.Hash != first.Hash {
			second = tx
		}
	}
	stepUntil(t, r2, time.Minute, func() bool { return second != nil })
	if broadcasts[0] != first.Hash {
		t.Fatalf("after the restart the relay broadcast %s first, not the transaction it had written (%s)", broadcasts[0], first.Hash)
	}
	if s := state(t, r2, id(0)); s.State != StateBurned || s.Tx != first.Hash {
		t.Fatalf("leaf 0: %s in %s, want burned in %s", s.State, s.Tx, first.Hash)
	}
	if err := r2.Close(); err != nil {
		t.Fatal(err)
	}

	// Run 3: settles leaf 2 from the receipt and sends nothing new.
	r3 := c.openRelay(t, path, relayOpts, o)
	defer r3.Close()
	r3.afterBroadcast = func(tx *txRecord) {
		if tx.Hash != second.Hash {
			t.Errorf("run 3 broadcast a new transaction %s", tx.Hash)
		}
	}
	stepUntil(t, r3, time.Minute, func() bool { return state(t, r3, id(2)).State == StateBurned })
	for i, want := range []common.Hash{first.Hash, first.Hash, second.Hash} {
		if s := state(t, r3, id(i)); s.State != StateBurned || s.Tx != want || s.Attempts != 0 {
			t.Errorf("leaf %d: %s in %s after %d attempts, want burned in %s", i, s.State, s.Tx, s.Attempts, want)
		}
		if !c.isBurned(t, d.id, uint32(i)) {
			t.Errorf("leaf %d not burned on chain", i)
		}
	}
	if c.isBurned(t, d.id, 3) {
		t.Error("leaf 3 burned without a request")
	}
	if n := c.nonce(t, relayOpts.From); n != 2 {
		t.Errorf("relay account sent %d transactions, want 2", n)
	}
	for _, h := range []common.Hash{first.Hash, second.Hash} {
		rcpt, err := c.client.TransactionReceipt(ctxFor(t, time.Minute), h)
		if err != nil || rcpt.Status != types.ReceiptStatusSuccessful {
			t.Errorf("transaction %s: %v, %v", h, rcpt, err)
		}
	}
	if fl, err := r3.store.inFlight(); err != nil || len(fl) != 0 {
		t.Errorf("in flight after settling: %d, %v", len(fl), err)
	}
}

// A transaction whose nonce another transaction of the same account takes
// can never be mined: its requests go back to the queue and burn in a new
// transaction, once.
func TestDroppedTransaction(t *testing.T) {
	c := getChain(t)
	_, relayOpts := c.account(t)
	path := filepath.Join(t.TempDir(), "relay.db")
	d := c.deposit(t, milliEth(10), milliEth(1), "a@example.com")
	r := c.openRelay(t, path, relayOpts, testOptions("drop.test"))
	defer r.Close()
	cl := serveHTTP(t, r)
	res, err := submit(t, cl, r, c.burn(t, d, 0))
	if err != nil {
		t.Fatal(err)
	}
	var written *txRecord
	r.afterPersist = func(tx *txRecord) bool { written = tx; return false }
	stepUntil(t, r, 30*time.Second, func() bool { return written != nil })
	r.afterPersist = nil

	// Someone else uses the account (against advice): a plain transfer
	// takes the nonce.
	c.sendFrom(t, relayOpts, written.Nonce)

	stepUntil(t, r, time.Minute, func() bool { return state(t, r, res.ID).State == StateBurned })
	s := state(t, r, res.ID)
	if s.Tx == written.Hash || s.Attempts != 1 {
		t.Errorf("burned in %s after %d attempts; want a new transaction after 1 failed attempt", s.Tx, s.Attempts)
	}
	if n := c.nonce(t, relayOpts.From); n != written.Nonce+2 {
		t.Errorf("account nonce %d, want %d (the transfer and one burn)", n, written.Nonce+2)
	}
	st, err := cl.Status(ctxFor(t, time.Minute), res.ID)
	if err != nil || st.Status != StateBurned {
		t.Errorf("status %+v, %v", st, err)
	}
	if _, err := c.client.TransactionReceipt(ctxFor(t, time.Minute), written.Hash); err == nil {
		t.Error("the dropped transaction was mined")
	}
}
