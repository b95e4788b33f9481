package relay

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Three relays accept the same leaf. A sends first. B's sender runs the
// moment A's transaction is broadcast, before it is mined; C's runs after
// it is mined. A burns the leaf; B and C report it already burned, and
// neither of them sends a transaction (so neither pays for a revert).
func TestTwoRelaysRace(t *testing.T) {
	c := getChain(t)
	d := c.deposit(t, milliEth(10), milliEth(1), "a@example.com", "b@example.com")
	b := c.burn(t, d, 0)

	relays := make(map[string]*Relay)
	for _, name := range []string{"a", "b", "c"} {
		_, opts := c.account(t)
		o := testOptions(name + ".relay.test")
		o.BatchWait = 0
		r := c.openRelay(t, filepath.Join(t.TempDir(), name+".db"), opts, o)
		defer r.Close()
		if res, err := submit(t, serveHTTP(t, r), r, b); err != nil || res.Status != StateQueued {
			t.Fatalf("relay %s: %+v, %v", name, res, err)
		}
		relays[name] = r
	}
	A, B, C := relays["a"], relays["b"], relays["c"]
	balB, balC := c.balance(t, B.Account()), c.balance(t, C.Account())

	var minedBeforeB bool
	var bFirst record
	A.afterBroadcast = func(tx *txRecord) {
		// B's round right now: A's burn is in the node's pool only.
		B.step(ctxFor(t, time.Minute))
		bFirst = *state(t, B, b.ID())
		_, err := c.client.TransactionReceipt(ctxFor(t, time.Minute), tx.Hash)
		minedBeforeB = err == nil
	}
	stepUntil(t, A, time.Minute, func() bool { return state(t, A, b.ID()).State == StateBurned })
	if bFirst.State == "" {
		t.Fatal("relay A never broadcast")
	}
	if minedBeforeB {
		t.Log("A's transaction was mined before B's round ended; B decided on the latest block")
	} else if bFirst.State != StateAlreadyBurned && !(bFirst.State == StateQueued && strings.Contains(bFirst.Error, errPendingElsewhere.Error())) {
		t.Errorf("B while A's burn was pending: %s (%s); want it to wait for A's transaction", bFirst.State, bFirst.Error)
	}
	stepUntil(t, B, time.Minute, func() bool { return Final(state(t, B, b.ID()).State) })
	stepUntil(t, C, time.Minute, func() bool { return Final(state(t, C, b.ID()).State) })

	if s := state(t, A, b.ID()); s.State != StateBurned {
		t.Errorf("A: %s", s.State)
	}
	for name, r := range map[string]*Relay{"B": B, "C": C} {
		s := state(t, r, b.ID())
		if s.State != StateAlreadyBurned || s.Attempts != 0 {
			t.Errorf("%s: %s after %d attempts (%s), want already_burned without failed attempts", name, s.State, s.Attempts, s.Error)
		}
		if n := c.nonce(t, r.Account()); n != 0 {
			t.Errorf("%s sent %d transactions", name, n)
		}
	}
	if c.balance(t, B.Account()).Cmp(balB) != 0 || c.balance(t, C.Account()).Cmp(balC) != 0 {
		t.Error("a losing relay paid gas")
	}
	if n := c.nonce(t, A.Account()); n != 1 {
		t.Errorf("A sent %d transactions, want 1", n)
	}
	if !c.isBurned(t, d.id, 0) || c.isBurned(t, d.id, 1) {
		t.Error("wrong leaves burned on chain")
	}
}

// Without a pending-transaction filter (many public providers offer
// none), a relay that signs while another's burn is pending pays for a
// revert; it still reports the leaf already burned, after one failed
// attempt, and sends nothing more.
func TestRaceWithoutPendingFilter(t *testing.T) {
	c := getChain(t)
	d := c.deposit(t, milliEth(10), milliEth(1), "a@example.com")
	b := c.burn(t, d, 0)
	var rs []*Relay
	for _, name := range []string{"a", "b"} {
		_, opts := c.account(t)
		o := testOptions(name + ".nofilter.test")
		o.BatchWait = 0
		r := c.openRelay(t, filepath.Join(t.TempDir(), name+".db"), opts, o)
		defer r.Close()
		r.pending = nil
		if _, err := submit(t, serveHTTP(t, r), r, b); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	A, B := rs[0], rs[1]
	var bTx []*txRecord
	B.afterBroadcast = func(tx *txRecord) { bTx = append(bTx, tx) }
	A.afterBroadcast = func(*txRecord) { B.step(ctxFor(t, time.Minute)) }
	stepUntil(t, A, time.Minute, func() bool { return state(t, A, b.ID()).State == StateBurned })
	stepUntil(t, B, time.Minute, func() bool { return Final(state(t, B, b.ID()).State) })
	s := state(t, B, b.ID())
	if s.State != StateAlreadyBurned {
		t.Fatalf("B: %s (%s), want already_burned", s.State, s.Error)
	}
	if n := c.nonce(t, B.Account()); n > 1 || (n == 1) != (s.Attempts == 1) {
		t.Errorf("B sent %d transactions and counted %d failed attempts", n, s.Attempts)
	}
	if len(bTx) == 1 {
		rcpt, err := c.client.TransactionReceipt(ctxFor(t, time.Minute), bTx[0].Hash)
		if err != nil || rcpt.Status != 0 {
			t.Fatalf("B's transaction: %+v, %v; want a revert", rcpt, err)
		}
		t.Logf("B paid for one reverted transaction (%d gas), as expected without a filter", rcpt.GasUsed)
	}
}
