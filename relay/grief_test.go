package relay

import (
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/postage-mail/postage/chain"
)

// The griefer of issue 11 finding 4: a spammer with a deposit whose
// bounty equals its share submits a burn of its own leaf as honest
// requests fall due, then burns that leaf itself right before the
// relay's transaction lands. Every honest burn still lands, none of them
// is charged an attempt, the griefer's request ends as burned by someone
// else, and the relay loses at most one failed transaction. (burnBatch
// now skips the front-run leaf, BurnSkipped, so the batch does not even
// revert; against an all-or-nothing burnBatch the batch reverted once and
// was split, TestRevertedBatchBisects.)
func TestFrontRunningGriefer(t *testing.T) {
	c := getChain(t)
	_, relayOpts := c.account(t)
	r := c.openRelay(t, filepath.Join(t.TempDir(), "relay.db"), relayOpts, testOptions("grief.test"))
	defer r.Close()
	cl := serveHTTP(t, r)

	honest := c.deposit(t, milliEth(10), milliEth(1), "a@example.com", "b@example.com", "c@example.com")
	// bounty == share: burning its own leaf costs the griefer nothing.
	grief := c.deposit(t, milliEth(10), milliEth(10), "sink@example.com")
	var ids []string
	for i := range 3 {
		if _, err := submit(t, cl, r, c.burn(t, honest, i)); err != nil {
			t.Fatalf("submit honest leaf %d: %v", i, err)
		}
		ids = append(ids, c.burn(t, honest, i).ID())
	}
	g := c.burn(t, grief, 0)
	if _, err := submit(t, cl, r, g); err != nil {
		t.Fatalf("submit the griefer's leaf: %v", err)
	}

	frontRun := false
	r.afterPersist = func(tx *txRecord) bool {
		if frontRun {
			return true
		}
		inBatch := false
		for _, id := range tx.IDs {
			inBatch = inBatch || id == g.ID()
		}
		if !inBatch {
			t.Errorf("the first batch %v does not carry the griefer's request", tx.IDs)
			return true
		}
		frontRun = true
		w := chain.NewWriter(chain.NewContract(c.client, c.contract), grief.opts)
		w.PollInterval = 50 * time.Millisecond
		if _, err := w.Burn(ctxFor(t, time.Minute), g.DepositID, g.Secret, uint64(g.Index), g.Proof); err != nil {
			t.Errorf("the griefer's own burn: %v", err)
		}
		return true
	}
	var sent []common.Hash
	r.afterBroadcast = func(tx *txRecord) { sent = append(sent, tx.Hash) }

	before := c.balance(t, relayOpts.From)
	done := func() bool {
		for _, id := range append([]string{g.ID()}, ids...) {
			if !Final(state(t, r, id).State) {
				return false
			}
		}
		return true
	}
	stepUntil(t, r, 2*time.Minute, done)
	if !frontRun {
		t.Fatal("the griefer never front-ran a batch")
	}
	for i, id := range ids {
		rec := state(t, r, id)
		if rec.State != StateBurned || rec.Attempts != 0 {
			t.Errorf("honest leaf %d: state %s, %d attempts (%s); want burned, 0 attempts", i, rec.State, rec.Attempts, rec.Error)
		}
		if !c.isBurned(t, honest.id, uint32(i)) {
			t.Errorf("honest leaf %d is not burned on chain", i)
		}
	}
	if s := state(t, r, g.ID()).State; s != StateAlreadyBurned {
		t.Errorf("the griefer's request: %s, want %s", s, StateAlreadyBurned)
	}
	failed := 0
	seen := map[common.Hash]bool{}
	for _, h := range sent {
		if seen[h] {
			continue
		}
		seen[h] = true
		rcpt, err := c.client.TransactionReceipt(ctxFor(t, time.Minute), h)
		if err != nil {
			t.Fatalf("receipt of %s: %v", h, err)
		}
		if rcpt.Status != types.ReceiptStatusSuccessful {
			failed++
		}
	}
	if failed > 1 {
		t.Errorf("%d of the relay's %d transactions failed; want at most one", failed, len(seen))
	}
	if n := c.nonce(t, relayOpts.From); n != uint64(len(seen)) {
		t.Errorf("relay account nonce %d, %d transactions seen", n, len(seen))
	}
	t.Logf("relay sent %d transactions, %d failed; balance %s -> %s", len(seen), failed, before, c.balance(t, relayOpts.From))
}

// A batch that reverts as a whole (whatever the reason) is split, never
// retried as it was: its requests count no attempt and go out again as
// one group apart from newer requests; a group that reverts again is
// halved; only a lone request's revert counts an attempt, its own.
func TestRevertedBatchBisects(t *testing.T) {
	o, err := testOptions("bisect.test").withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	st, err := openStore(filepath.Join(t.TempDir(), "q.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	r := &Relay{opts: o, log: o.Logger, store: st, lastBroadcast: map[common.Hash]time.Time{}}
	now := time.Now()
	var ids []string
	for _, id := range []string{"a", "b", "c", "d"} {
		if _, _, err := st.accept(&record{ID: id, State: StateQueued, Next: now, Created: now, Updated: now}, Hold{}, 0, 10); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	reverted := &types.Receipt{Status: types.ReceiptStatusFailed, BlockNumber: big.NewInt(1)}
	send := func(ids []string, n byte) {
		t.Helper()
		tx := &txRecord{Hash: common.Hash{n}, IDs: ids, Created: now}
		if err := st.markSent(tx, now); err != nil {
			t.Fatal(err)
		}
		r.settle(tx, reverted)
	}
	groups := func() map[string][]string {
		out := map[string][]string{}
		for _, id := range ids {
			rec := state(t, r, id)
			if rec.State != StateQueued {
				t.Fatalf("%s: %s, want queued", id, rec.State)
			}
			out[rec.Group] = append(out[rec.Group], id)
		}
		return out
	}
	send(ids, 1)
	g := groups()
	if len(g) != 1 || g[""] != nil {
		t.Fatalf("after the first revert: groups %v, want all four in one new group", g)
	}
	for _, id := range ids {
		if a := state(t, r, id).Attempts; a != 0 {
			t.Errorf("%s: %d attempts after its batch reverted, want 0", id, a)
		}
	}
	// A fresh request does not join the group.
	if _, _, err := st.accept(&record{ID: "e", State: StateQueued, Next: now, Created: now, Updated: now}, Hold{}, 0, 10); err != nil {
		t.Fatal(err)
	}
	recs, _, err := st.due(now.Add(time.Hour), 16)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 {
		t.Fatalf("%d requests due, want 5", len(recs))
	}
	batch := sameBatch(recs)
	for _, rec := range batch {
		if rec.Group != batch[0].Group {
			t.Errorf("one batch mixes a fresh request with the reverted batch's group: %s in %q, %s in %q", rec.ID, rec.Group, batch[0].ID, batch[0].Group)
		}
	}
	send(ids, 2)
	g = groups()
	if len(g) != 2 {
		t.Fatalf("after the group reverted again: groups %v, want two halves", g)
	}
	var half []string
	for _, v := range g {
		half = v
	}
	send(half, 3)
	send(half[:1], 4)
	lone := state(t, r, half[0])
	if lone.Attempts != 1 {
		t.Errorf("the lone request after its own revert: %d attempts, want 1", lone.Attempts)
	}
	for _, id := range ids {
		if id != half[0] && state(t, r, id).Attempts != 0 {
			t.Errorf("%s was charged an attempt for another request's revert", id)
		}
	}
}
