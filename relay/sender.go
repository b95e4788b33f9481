package relay

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/postage-mail/postage/chain"
)

// Run sends queued burns until ctx ends (it then returns nil). Before
// anything new it settles the transactions a previous run left in flight.
// Serve runs it; call it directly only to send without serving.
func (r *Relay) Run(ctx context.Context) error {
	if !r.runMu.TryLock() {
		return errors.New("relay: Run is already running")
	}
	defer r.runMu.Unlock()
	r.purge()
	// Whatever a previous run saw mined may have been lost since (a
	// chain that rewound after a crash, a reorganisation while stopped).
	r.recheck(ctx, "start")
	purge := time.NewTicker(time.Hour)
	defer purge.Stop()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-purge.C:
			r.purge()
			continue
		case <-r.wake:
		case <-timer.C:
		}
		wait := r.step(ctx)
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(wait)
	}
}

func (r *Relay) purge() {
	now := r.opts.Now()
	stamps, reqs, err := r.store.purge(now, now.Add(-r.opts.Keep))
	if err != nil {
		r.log.Error("purge queue", "err", err)
		return
	}
	if stamps+reqs > 0 {
		r.log.Info("purged queue", "stamps", stamps, "requests", reqs)
	}
}

// step does one round of the sender's work and returns how long to wait
// before the next: settle what is in flight, else send one batch of due
// requests. One transaction is in flight at a time, so nonces follow in
// order and a leaf is never in two transactions.
func (r *Relay) step(ctx context.Context) time.Duration {
	r.watchHead(ctx)
	flights, err := r.store.inFlight()
	if err != nil {
		r.log.Error("read queue", "err", err)
		return r.opts.PollInterval
	}
	if len(flights) > 0 {
		for _, t := range flights {
			r.reconcile(ctx, t)
		}
		return r.opts.PollInterval
	}
	now := r.opts.Now()
	recs, next, err := r.store.due(now, r.opts.BatchMax)
	if err != nil {
		r.log.Error("read queue", "err", err)
		return r.opts.PollInterval
	}
	if r.pending != nil && (len(recs) > 0 || now.Sub(r.pending.lastPoll) > keepAlive) {
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		r.pending.poll(pctx, now)
		cancel()
	}
	recs = sameBatch(recs)
	if len(recs) == 0 {
		if next.IsZero() {
			return r.opts.PollInterval
		}
		return min(max(next.Sub(now), time.Millisecond), r.opts.PollInterval)
	}
	if r.sendBatch(ctx, recs) {
		return r.opts.PollInterval
	}
	return time.Millisecond // more may be due
}

// sameBatch keeps the requests that may share the first one's
// transaction: one transaction goes to one contract (burns or reveals),
// and a request split out of a transaction that reverted goes only with
// the other requests of its half (its Group), never with fresh ones, so
// that a request which keeps sinking batches is isolated in a few rounds.
// The others stay due and go in the next transaction.
func sameBatch(recs []*record) []*record {
	if len(recs) == 0 {
		return recs
	}
	out := recs[:0:0]
	for _, rec := range recs {
		if rec.Kind == recs[0].Kind && rec.Group == recs[0].Group {
			out = append(out, rec)
		}
	}
	return out
}

// backoff is the wait before attempt n+1 after n failures.
func (r *Relay) backoff(n int) time.Duration {
	d := r.opts.RetryMin
	for i := 1; i < n && d < r.opts.RetryMax; i++ {
		d *= 2
	}
	return min(d, r.opts.RetryMax)
}

// retry counts a failed attempt: the request is queued again after a
// backoff, or given up after MaxAttempts.
func (r *Relay) retry(reason string) func(*record) {
	now := r.opts.Now()
	return func(rec *record) {
		rec.Attempts++
		rec.Updated = now
		rec.Tx = common.Hash{}
		if rec.Attempts >= r.opts.MaxAttempts {
			rec.State = StateFailed
			rec.Error = fmt.Sprintf("gave up after %d attempts: %s", rec.Attempts, reason)
			r.log.Warn("burn request failed", "id", rec.ID, "err", rec.Error)
			return
		}
		rec.State = StateQueued
		rec.Next = now.Add(r.backoff(rec.Attempts))
		rec.Error = reason
	}
}

func ids(recs []*record) []string {
	out := make([]string, len(recs))
	for i, rec := range recs {
		out[i] = rec.ID
	}
	return out
}

func (r *Relay) retryAll(recs []*record, reason string) {
	if err := r.store.update(ids(recs), r.retry(reason)); err != nil {
		r.log.Error("write queue", "err", err)
	}
}

// sendBatch checks the due requests against the pending state, signs one
// transaction for those that would burn, writes it to the queue and only
// then broadcasts it. It reports whether a transaction went out.
func (r *Relay) sendBatch(ctx context.Context, recs []*record) bool {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	now := r.opts.Now()

	// Each burn is simulated on its own so each gets its own answer; the
	// pending state includes burns other relays have broadcast.
	var ok []*record
	for _, rec := range recs {
		var err error
		if rec.Kind == kindReveal {
			err = r.chain.simulateReveals(ctx, []Reveal{rec.reveal()})
		} else {
			err = r.chain.simulate(ctx, []Burn{rec.burn()})
		}
		if err == nil {
			if r.pending != nil && rec.Kind != kindReveal {
				if tx, seen := r.pending.pendingBurn(rec.DepositID, rec.Index, now); seen {
					// Wait for it rather than pay for a revert; not a
					// failed attempt.
					r.log.Info("burn of this leaf pending from another account: waiting", "id", rec.ID, "tx", tx)
					if err := r.store.update([]string{rec.ID}, func(x *record) {
						x.Next, x.Error, x.Updated = now.Add(r.opts.RetryMin), pendingElsewhere(tx), now
					}); err != nil {
						r.log.Error("write queue", "err", err)
						return false
					}
					continue
				}
			}
			ok = append(ok, rec)
			continue
		}
		var code, state, msg string
		var final bool
		if rec.Kind == kindReveal {
			code, final = revealRefusal(err)
			state, msg = StateFailed, revealRefusalMsg(rec.reveal(), err)
			if code == CodeAlreadyRevealed {
				state, msg = StateAlreadyRevealed, ""
			}
		} else {
			code, final = refusal(err)
			state, msg = StateFailed, burnRefusal(rec.burn(), err)
			if code == CodeAlreadyBurned {
				state, msg = StateAlreadyBurned, ""
			}
		}
		if !final {
			r.log.Warn("simulate requests", "err", err)
			r.retryAll(recs, err.Error())
			return false
		}
		if err := r.store.update([]string{rec.ID}, func(x *record) {
			x.State, x.Error, x.Updated = state, msg, now
		}); err != nil {
			r.log.Error("write queue", "err", err)
			return false
		}
		r.log.Info("burn request settled without sending", "id", rec.ID, "state", state, "reason", msg)
	}
	if len(ok) == 0 {
		return false
	}

	reveals := ok[0].Kind == kindReveal
	bounty := new(big.Int)
	perDeposit := make(map[common.Hash]*big.Int) // deposit or book
	for _, rec := range ok {
		key := rec.DepositID
		if reveals {
			key = rec.Book
		}
		b, seen := perDeposit[key]
		if !seen {
			var err error
			if b, err = r.bountyOf(ctx, rec); err != nil {
				r.retryAll(ok, err.Error())
				return false
			}
			perDeposit[key] = b
		}
		bounty.Add(bounty, b)
	}
	var (
		gas  uint64
		err  error
		data []byte
		to   = r.chain.contract
	)
	if reveals {
		rs := make([]Reveal, len(ok))
		for i, rec := range ok {
			rs[i] = rec.reveal()
		}
		gas, err = r.chain.estimateReveals(ctx, rs)
		data, to = r.chain.revealMsg(rs)
	} else {
		burns := make([]Burn, len(ok))
		for i, rec := range ok {
			burns[i] = rec.burn()
		}
		gas, err = r.chain.estimate(ctx, burns)
		data = r.chain.burnData(burns)
	}
	if err != nil {
		// The simulation passed a moment ago: the state moved (or the
		// node is away). Look again later; a batch that each request's
		// own simulation passed but that fails as a whole is split, and
		// costs none of its requests an attempt.
		if code, _ := refusal(err); code != CodeChainUnavailable && len(ok) > 1 {
			r.log.Warn("batch fails as a whole: splitting it", "burns", len(ok), "err", err)
			r.split(ids(ok), groupOf(ok), "estimate gas: "+err.Error())
			return false
		}
		r.retryAll(ok, "estimate gas: "+err.Error())
		return false
	}
	base, tip, err := r.chain.price(ctx)
	if err != nil {
		r.retryAll(ok, err.Error())
		return false
	}
	price := new(big.Int).Add(base, tip)
	if !covers(bounty, gas, price, r.opts.MarginPercent) {
		r.retryAll(ok, fmt.Sprintf("gas price %s wei: the bounty of %s wei does not cover %d gas plus %d%%", price, bounty, gas, r.opts.MarginPercent))
		return false
	}
	// Pay up to twice the base fee, but never so much that the bounty
	// stops covering the gas with the margin.
	feeCap := new(big.Int).Add(new(big.Int).Mul(base, big.NewInt(2)), tip)
	if afford := affordableFeeCap(bounty, gas, r.opts.MarginPercent); afford.Cmp(feeCap) < 0 {
		feeCap = afford
	}
	if tip.Cmp(feeCap) > 0 {
		tip = new(big.Int).Set(feeCap)
	}
	nonce, err := r.chain.b.PendingNonceAt(ctx, r.chain.from)
	if err != nil {
		r.retryAll(ok, fmt.Sprintf("%v: read nonce: %v", errChain, err))
		return false
	}
	tx := types.NewTx(&types.DynamicFeeTx{
		ChainID:   r.chain.chainID,
		Nonce:     nonce,
		GasTipCap: tip,
		GasFeeCap: feeCap,
		Gas:       gas + gas/5,
		To:        &to,
		Data:      data,
	})
	signed, err := r.sign(r.chain.from, tx)
	if err != nil {
		r.log.Error("sign burn transaction", "err", err)
		r.retryAll(ok, "sign: "+err.Error())
		return false
	}
	raw, err := signed.MarshalBinary()
	if err != nil {
		r.retryAll(ok, "encode transaction: "+err.Error())
		return false
	}
	t := &txRecord{Hash: signed.Hash(), Raw: raw, Nonce: nonce, IDs: ids(ok), Created: now}
	if err := r.store.markSent(t, now); err != nil {
		// Nothing was broadcast: the requests stay queued.
		r.log.Error("write queue", "err", err)
		return false
	}
	if r.afterPersist != nil && !r.afterPersist(t) {
		return true
	}
	r.broadcast(ctx, t, signed)
	return true
}

// bountyOf is what a request pays the relay: its deposit's bounty per
// leaf, or its book's bounty per reveal.
func (r *Relay) bountyOf(ctx context.Context, rec *record) (*big.Int, error) {
	if rec.Kind == kindReveal {
		return r.chain.bookBounty(ctx, rec.Book)
	}
	info, err := r.chain.deposit(ctx, rec.DepositID)
	if err != nil {
		return nil, err
	}
	if info.BountyPerLeaf == nil {
		return new(big.Int), nil
	}
	return info.BountyPerLeaf, nil
}

// broadcast sends a signed transaction; failures are left to reconcile,
// which rebroadcasts or gives the requests back to the queue.
func (r *Relay) broadcast(ctx context.Context, t *txRecord, tx *types.Transaction) {
	err := r.chain.b.SendTransaction(ctx, tx)
	if err != nil && !isKnownTx(err) {
		r.log.Warn("broadcast burn transaction", "tx", t.Hash, "err", err)
	} else {
		r.log.Info("burn transaction sent", "tx", t.Hash, "nonce", t.Nonce, "burns", len(t.IDs))
	}
	r.lastBroadcast[t.Hash] = r.opts.Now()
	if r.afterBroadcast != nil {
		r.afterBroadcast(t)
	}
}

// reconcile settles an in-flight transaction: mined (burned, or reverted
// and back to the queue), dead (its nonce taken by another transaction:
// back to the queue), or still pending (rebroadcast when it has waited
// too long, or at once after a restart).
func (r *Relay) reconcile(ctx context.Context, t *txRecord) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	rcpt, err := r.chain.b.TransactionReceipt(ctx, t.Hash)
	if err == nil && rcpt != nil {
		r.settle(t, rcpt)
		return
	}
	if err != nil && !errors.Is(err, ethereum.NotFound) {
		r.log.Warn("read receipt", "tx", t.Hash, "err", err)
		return
	}
	mined, err := r.chain.b.NonceAt(ctx, r.chain.from, nil)
	if err != nil {
		r.log.Warn("read nonce", "err", err)
		return
	}
	if mined > t.Nonce {
		// Another transaction of this account took the nonce, so this one
		// can never be mined. (Read the receipt again: it may have been
		// mined between the two reads.)
		if rcpt, err := r.chain.b.TransactionReceipt(ctx, t.Hash); err == nil && rcpt != nil {
			r.settle(t, rcpt)
			return
		}
		r.log.Warn("burn transaction dropped: its nonce was used by another transaction", "tx", t.Hash, "nonce", t.Nonce)
		if err := r.store.settle(t, r.retry(fmt.Sprintf("transaction %s was dropped (nonce %d used by another transaction)", t.Hash, t.Nonce))); err != nil {
			r.log.Error("write queue", "err", err)
		}
		delete(r.lastBroadcast, t.Hash)
		return
	}
	if last, ok := r.lastBroadcast[t.Hash]; ok && r.opts.Now().Sub(last) < r.opts.Rebroadcast {
		return
	}
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(t.Raw); err != nil {
		r.log.Error("decode queued transaction", "tx", t.Hash, "err", err)
		return
	}
	r.broadcast(ctx, t, tx)
}

// settle records a mined transaction's outcome for its requests.
func (r *Relay) settle(t *txRecord, rcpt *types.Receipt) {
	delete(r.lastBroadcast, t.Hash)
	now := r.opts.Now()
	if rcpt.Status != types.ReceiptStatusSuccessful {
		// Something burned one of the leaves between the simulation and
		// the block (another relay's transaction in the same block, or
		// the deposit's creator front-running the burn of its own leaf).
		// A lone request counts a failed attempt; a batch is split
		// instead, and costs none of its requests an attempt: the next
		// round simulates each again (a leaf burned meanwhile is settled
		// as already burned) and sends the rest apart from fresh requests.
		r.log.Warn("burn transaction reverted", "tx", t.Hash, "block", rcpt.BlockNumber, "burns", len(t.IDs))
		reason := fmt.Sprintf("transaction %s reverted", t.Hash)
		if len(t.IDs) == 1 {
			if err := r.store.settle(t, r.retry(reason)); err != nil {
				r.log.Error("write queue", "err", err)
			}
			return
		}
		recs, err := r.store.records(t.IDs)
		if err != nil {
			r.log.Error("read queue", "err", err)
			return
		}
		groups := r.splitGroups(t.IDs, groupOf(recs))
		if err := r.store.settle(t, func(rec *record) {
			rec.State, rec.Tx, rec.Error, rec.Updated = StateQueued, common.Hash{}, reason, now
			rec.Group, rec.Next = groups[rec.ID], now.Add(r.opts.RetryMin)
		}); err != nil {
			r.log.Error("write queue", "err", err)
		}
		return
	}
	type leaf struct {
		id    common.Hash
		index uint64
	}
	bounties := make(map[leaf]*big.Int)
	revealed := make(map[leaf]bool) // ticket -> payout queued
	for _, l := range rcpt.Logs {
		switch {
		case l.Address == r.chain.contract && r.chain.contract != (common.Address{}):
			if ev, err := r.chain.binding.UnpackBurnedEvent(l); err == nil && ev.Index.IsUint64() {
				bounties[leaf{ev.Id, ev.Index.Uint64()}] = ev.Bounty
			}
		case l.Address == r.chain.ticketBook && r.chain.ticketBook != (common.Address{}):
			if ev, err := r.chain.tb.UnpackRevealedEvent(l); err == nil && ev.Revealer == r.chain.from {
				revealed[leaf{ev.Id, uint64(ev.Index)}] = ev.Queued
			}
		}
	}
	block := rcpt.BlockNumber.Uint64()
	skipped := r.skippedLeaves(t, rcpt, func(id common.Hash, index uint32) bool {
		_, ok := bounties[leaf{id, uint64(index)}]
		return ok
	})
	// Told before the requests read burned, so whoever waits for that
	// (postage punish) finds serve's milter cache already knowing.
	if r.opts.OnBurned != nil {
		for l := range bounties {
			r.opts.OnBurned(l.id, l.index)
		}
	}
	mined := *t
	mined.Block, mined.BlockHash, mined.Settled = block, rcpt.BlockHash, now
	err := r.store.settleMined(&mined, func(rec *record) {
		rec.Updated = now
		if rec.Kind == kindReveal {
			queued, ok := revealed[leaf{rec.Book, uint64(rec.Index)}]
			if !ok {
				r.retry(fmt.Sprintf("transaction %s succeeded without revealing this ticket", t.Hash))(rec)
				return
			}
			// A queued payout pays its bounty later, as a credit the
			// relay's account claims from the contract.
			rec.State, rec.Tx, rec.Block, rec.Queued, rec.Error = StateRevealed, t.Hash, block, queued, ""
			rec.Bounty = rec.BookBounty
			if queued {
				rec.Bounty = "0"
			}
			return
		}
		b, ok := bounties[leaf{rec.DepositID, uint64(rec.Index)}]
		if !ok {
			// The contract skipped this leaf: burned by someone else
			// first, or its deposit withdrawn. Neither is this request's
			// failure nor a burn of ours.
			if st, ok := skipped[rec.ID]; ok {
				rec.State, rec.Tx, rec.Error, rec.Group = st.state, common.Hash{}, st.msg, ""
				return
			}
			r.retry(fmt.Sprintf("transaction %s succeeded without burning this leaf", t.Hash))(rec)
			return
		}
		rec.State, rec.Tx, rec.Block, rec.Bounty, rec.Error, rec.Group = StateBurned, t.Hash, block, b.String(), "", ""
	})
	if err != nil {
		r.log.Error("write queue", "err", err)
		return
	}
	r.log.Info("burns mined", "tx", t.Hash, "block", block, "burns", len(t.IDs), "gas", rcpt.GasUsed)
}

// groupOf is the Group the requests share, or "" when they are not all
// of one group.
func groupOf(recs []*record) string {
	if len(recs) == 0 {
		return ""
	}
	g := recs[0].Group
	for _, rec := range recs[1:] {
		if rec.Group != g {
			return ""
		}
	}
	return g
}

// splitGroups assigns the requests of a batch that failed as a whole to
// new groups. A batch of fresh requests becomes one group: its requests
// are simulated again and sent together but apart from newcomers, which
// is all a front-run leaf needs (its simulation now fails and it drops
// out). A group that fails again is halved (bisection), so a request
// that keeps sinking its batch ends alone in a few rounds, where its
// failure is its own.
func (r *Relay) splitGroups(ids []string, group string) map[string]string {
	out := make(map[string]string, len(ids))
	seq := r.opts.Now().UnixNano()
	if group == "" {
		g := fmt.Sprintf("g%x", seq)
		for _, id := range ids {
			out[id] = g
		}
		return out
	}
	a, b := fmt.Sprintf("g%xa", seq), fmt.Sprintf("g%xb", seq)
	for i, id := range ids {
		if i < (len(ids)+1)/2 {
			out[id] = a
		} else {
			out[id] = b
		}
	}
	return out
}

// split queues the requests again in new groups (splitGroups), without
// counting an attempt.
func (r *Relay) split(ids []string, group, reason string) {
	now := r.opts.Now()
	groups := r.splitGroups(ids, group)
	if err := r.store.update(ids, func(rec *record) {
		rec.State, rec.Tx, rec.Error, rec.Updated = StateQueued, common.Hash{}, reason, now
		rec.Group, rec.Next = groups[rec.ID], now.Add(r.opts.RetryMin)
	}); err != nil {
		r.log.Error("write queue", "err", err)
	}
}

type skipState struct{ state, msg string }

// skippedLeaves finds, for a successful burn transaction, the requests
// the contract skipped (its BurnSkipped events, chain.ParseBurnBatch;
// burned reports those it burned), and reads why from the chain at that
// block: the leaf is burned (by someone else first) or the deposit is
// withdrawn. Requests whose reason cannot be read are left out of the
// answer and retried.
func (r *Relay) skippedLeaves(t *txRecord, rcpt *types.Receipt, burned func(common.Hash, uint32) bool) map[string]skipState {
	recs, err := r.store.records(t.IDs)
	if err != nil {
		r.log.Error("read queue", "err", err)
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The contract names the requests it skipped (BurnSkipped), in
	// request order: chain.ParseBurnBatch reads them. Only those are
	// looked at, for the reason.
	skipped := make(map[string]bool)
	if len(recs) == len(t.IDs) && len(recs) > 0 && recs[0].Kind != kindReveal {
		reqs := make([]chain.BurnRequest, len(recs))
		for i, rec := range recs {
			reqs[i] = chain.BurnRequest{ID: rec.DepositID, Index: uint64(rec.Index)}
		}
		res, err := chain.ParseBurnBatch(rcpt, r.chain.contract, reqs)
		if err != nil {
			r.log.Warn("read burn transaction's events", "tx", t.Hash, "err", err)
		}
		for _, k := range res.Skipped {
			skipped[recs[k].ID] = true
		}
	}
	out := make(map[string]skipState)
	for _, rec := range recs {
		if rec.Kind == kindReveal || burned(rec.DepositID, rec.Index) || !skipped[rec.ID] {
			continue
		}
		isBurned, err := r.chain.isBurned(ctx, rec.DepositID, rec.Index, rcpt.BlockNumber)
		if err != nil {
			r.log.Warn("read leaf", "id", rec.ID, "err", err)
			continue
		}
		if isBurned {
			r.log.Info("leaf burned by someone else first: skipped", "id", rec.ID, "tx", t.Hash)
			out[rec.ID] = skipState{StateAlreadyBurned, ""}
			continue
		}
		info, err := r.chain.depositAt(ctx, rec.DepositID, rcpt.BlockNumber)
		if err != nil {
			r.log.Warn("read deposit", "id", rec.ID, "err", err)
			continue
		}
		if info.Status == depositWithdrawn {
			out[rec.ID] = skipState{StateFailed, fmt.Sprintf("deposit %s was withdrawn before the burn", rec.DepositID)}
		}
	}
	return out
}

// recheckEvery is how often the relay re-checks every mined transaction
// it keeps, whatever the head did: a rewind deeper than the head's
// memory, or one while the node was unreachable, is still noticed.
const recheckEvery = 5 * time.Minute

// watchHead follows the chain's head and re-checks what the relay
// recorded as mined when the chain went back (a lower head, or a block
// the relay saw replaced): a reorganisation, or a node that lost blocks
// in a crash.
func (r *Relay) watchHead(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	h, err := r.chain.b.HeaderByNumber(ctx, nil)
	if err != nil {
		return // the sender's own reads will say so
	}
	prev := r.head
	r.head = h
	now := r.opts.Now()
	switch {
	case prev == nil, h.Hash() == prev.Hash():
	case h.Number.Cmp(prev.Number) < 0:
		r.recheck(ctx, fmt.Sprintf("the head went back from block %d to %d", prev.Number, h.Number))
		return
	case h.Number.Cmp(prev.Number) == 0:
		r.recheck(ctx, fmt.Sprintf("block %d was replaced", prev.Number))
		return
	case h.Number.Uint64() == prev.Number.Uint64()+1:
		if h.ParentHash != prev.Hash() {
			r.recheck(ctx, fmt.Sprintf("block %d was replaced", prev.Number))
			return
		}
	default:
		if old, err := r.chain.b.HeaderByNumber(ctx, prev.Number); err == nil && old.Hash() != prev.Hash() {
			r.recheck(ctx, fmt.Sprintf("block %d was replaced", prev.Number))
			return
		}
	}
	if now.Sub(r.lastRecheck) > recheckEvery {
		r.recheck(ctx, "periodic")
	}
}

// recheck compares every transaction the relay recorded as mined with
// the chain. One the chain no longer has is put back in flight, the same
// signed bytes: the sender broadcasts it again (a burn is never sent in
// a second transaction while the first can still be mined; only if its
// nonce is taken by another transaction do its requests go back to the
// queue). One mined again in another block is settled again from its new
// receipt. Reveals are checked the same way.
func (r *Relay) recheck(ctx context.Context, why string) {
	r.lastRecheck = r.opts.Now()
	txs, err := r.store.mined()
	if err != nil {
		r.log.Error("read queue", "err", err)
		return
	}
	lost := 0
	for _, t := range txs {
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		rcpt, err := r.chain.b.TransactionReceipt(cctx, t.Hash)
		cancel()
		switch {
		case err == nil && rcpt != nil && rcpt.BlockHash == t.BlockHash:
			continue
		case err == nil && rcpt != nil:
			r.log.Warn("burn transaction moved to another block: settling it again", "tx", t.Hash, "was_block", t.Block, "block", rcpt.BlockNumber)
		case errors.Is(err, ethereum.NotFound):
			r.log.Warn("burn transaction recorded as mined is gone from the chain: sending the same transaction again", "tx", t.Hash, "was_block", t.Block, "nonce", t.Nonce, "reason", why)
		default:
			r.log.Warn("re-check mined transaction", "tx", t.Hash, "err", err)
			continue
		}
		if err := r.store.unmine(t, r.opts.Now()); err != nil {
			r.log.Error("write queue", "err", err)
			continue
		}
		delete(r.lastBroadcast, t.Hash)
		lost++
	}
	if lost > 0 {
		r.log.Warn("chain rewind: transactions back in flight", "transactions", lost, "reason", why)
		r.notify()
	} else {
		r.log.Debug("re-checked mined transactions", "transactions", len(txs), "reason", why)
	}
}
