package chain

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// WatchOptions tunes Watch.
type WatchOptions struct {
	// Interval between polls for new blocks. Default 2s.
	Interval time.Duration
	// MaxRange is the most blocks one eth_getLogs covers (providers cap
	// it). Default 1000.
	MaxRange uint64
	// Stale is how long after the last successful poll the cache is still
	// trusted. Default 3 × Interval.
	Stale time.Duration
	// MinGap is the least time between two polls, those that reads which
	// missed the cache ask for included: however much mail arrives for
	// deposits the watcher has not seen yet, it polls at most once per
	// MinGap. Default Interval / 4.
	MinGap time.Duration
}

// Watch follows the contract's events and keeps the cache fresh until ctx
// ends (it then returns ctx's error). It polls eth_getLogs, which every
// endpoint supports, HTTP included: per poll one header read, and when
// blocks arrived one eth_getLogs per MaxRange blocks, plus one more header
// read when more than one block arrived (the reorganisation check: in the
// common case of one new block its parent hash answers it). The events
// are applied to the cache: a deposit made while the watcher runs is
// cached from its Deposited event, with its block (for confirmations), and
// its burns and withdrawal change the cached state at once. A read that
// misses has the watcher poll at once (at most once per MinGap; every
// read waiting shares the poll) before it goes to the chain, so mail that
// overtakes the watcher costs no read of its own. A reorganisation (the
// block last processed is no longer canonical) drops the whole cache and
// re-reads the last 64 blocks' events. Poll errors are retried at the
// next interval; meanwhile the cache is bypassed once it is older than
// Stale.
func (r *Reader) Watch(ctx context.Context, opt WatchOptions) error {
	if opt.Interval <= 0 {
		opt.Interval = 2 * time.Second
	}
	if opt.MaxRange == 0 {
		opt.MaxRange = 1000
	}
	if opt.Stale <= 0 {
		opt.Stale = 3 * opt.Interval
	}
	if opt.MinGap <= 0 {
		opt.MinGap = opt.Interval / 4
	}
	defer r.setLive(time.Time{})
	r.watching.Store(true)
	defer r.watching.Store(false)
	timeout := r.RPCTimeout
	if timeout <= 0 {
		timeout = DefaultRPCTimeout
	}
	r.mu.Lock()
	r.missWait = opt.MinGap + 2*timeout
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		r.missWait = 0
		r.mu.Unlock()
	}()

	var (
		head     uint64
		headHash common.Hash
		started  bool
	)
	ticker := time.NewTicker(opt.Interval)
	defer ticker.Stop()
	for {
		began := time.Now()
		r.beginPoll()
		var err error
		if !started {
			var h *types.Header
			if h, err = r.header(ctx, nil); err == nil {
				// Everything cached before now is unverified: start clean.
				r.mu.Lock()
				r.flushLocked()
				r.headN = h.Number.Uint64()
				r.mu.Unlock()
				head, headHash, started = h.Number.Uint64(), h.Hash(), true
			}
		} else {
			head, headHash, err = r.poll(ctx, head, headHash, opt.MaxRange)
		}
		if err == nil {
			r.head.Store(head)
			r.down.Store(false)
			r.setLive(r.Now().Add(opt.Stale))
		} else {
			// Known down: no cached answer until a poll succeeds.
			r.failed(ctx, err)
		}
		r.endPoll()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
		case <-r.kick:
		}
		if wait := opt.MinGap - time.Since(began); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
		}
	}
}

func (r *Reader) beginPoll() {
	r.mu.Lock()
	r.pollStarted++
	r.mu.Unlock()
}

func (r *Reader) endPoll() {
	r.mu.Lock()
	r.pollDone = r.pollStarted
	close(r.polled)
	r.polled = make(chan struct{})
	r.mu.Unlock()
}

// awaitPoll asks the watcher for a poll and waits until one that started
// after the call has ended. False: no watcher, or it did not poll in time.
func (r *Reader) awaitPoll(ctx context.Context) bool {
	r.mu.Lock()
	wait := r.missWait
	if wait == 0 || !r.liveLocked() {
		r.mu.Unlock()
		return false
	}
	target, ch := r.pollStarted+1, r.polled
	r.mu.Unlock()
	select {
	case r.kick <- struct{}{}:
	default: // a poll is asked for already
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			return false
		case <-ch:
		}
		r.mu.Lock()
		done := r.pollDone >= target
		ch = r.polled
		r.mu.Unlock()
		if done {
			return true
		}
	}
}

func (r *Reader) header(ctx context.Context, n *big.Int) (*types.Header, error) {
	hctx, cancel := r.rpc(ctx)
	defer cancel()
	h, err := r.c.backend.HeaderByNumber(hctx, n)
	if err != nil {
		if n == nil {
			return nil, fmt.Errorf("read the head block: %w", err)
		}
		return nil, fmt.Errorf("read block %d: %w", n, err)
	}
	return h, nil
}

// reorgDepth is how far back the watcher re-reads logs after a reorg.
const reorgDepth = 64

// poll processes the logs of blocks after head up to the latest block and
// returns the new head.
func (r *Reader) poll(ctx context.Context, head uint64, headHash common.Hash, maxRange uint64) (uint64, common.Hash, error) {
	latest, err := r.header(ctx, nil)
	if err != nil {
		return head, headHash, err
	}
	n := latest.Number.Uint64()
	if n == head && latest.Hash() == headHash {
		return head, headHash, nil
	}
	// Is the block we processed last still canonical? With one new block
	// its parent hash says so; otherwise read it.
	reorg := n <= head
	if !reorg && !(n == head+1 && latest.ParentHash == headHash) {
		h, err := r.header(ctx, new(big.Int).SetUint64(head))
		if err != nil {
			return head, headHash, err
		}
		reorg = h.Hash() != headHash
	}
	from := head + 1
	if reorg {
		// Whatever we cached may come from dropped blocks: drop it all
		// and re-read recent logs.
		from = 0
		if n > reorgDepth {
			from = n - reorgDepth
		}
	}
	logs, err := r.logs(ctx, from, n, maxRange)
	if err != nil {
		return head, headHash, err
	}
	for i := range logs {
		if logs[i].BlockNumber == n && logs[i].BlockHash != latest.Hash() {
			// The chain moved between the two reads: try again next poll.
			return head, headHash, nil
		}
	}
	times, err := r.blockTimes(ctx, logs, latest)
	if err != nil {
		return head, headHash, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if reorg {
		r.flushLocked()
	}
	for i := range logs {
		r.applyLocked(&logs[i], times[logs[i].BlockNumber])
	}
	r.headN = n
	return n, latest.Hash(), nil
}

func (r *Reader) logs(ctx context.Context, from, to uint64, maxRange uint64) ([]types.Log, error) {
	var all []types.Log
	for from <= to {
		end := min(to, from+maxRange-1)
		lctx, cancel := r.rpc(ctx)
		logs, err := r.c.backend.FilterLogs(lctx, ethereum.FilterQuery{
			FromBlock: new(big.Int).SetUint64(from),
			ToBlock:   new(big.Int).SetUint64(end),
			Addresses: []common.Address{r.c.address},
		})
		cancel()
		if err != nil {
			return nil, fmt.Errorf("contract logs %d..%d: %w", from, end, err)
		}
		all = append(all, logs...)
		from = end + 1
	}
	return all, nil
}

// blockTimes gives the timestamps of the logs' blocks: from the logs
// (blockTimestamp, which geth and most providers return), else from the
// blocks' headers.
func (r *Reader) blockTimes(ctx context.Context, logs []types.Log, latest *types.Header) (map[uint64]time.Time, error) {
	times := map[uint64]time.Time{latest.Number.Uint64(): unixTime(latest.Time)}
	for i := range logs {
		l := &logs[i]
		if _, ok := times[l.BlockNumber]; ok {
			continue
		}
		if l.BlockTimestamp != 0 {
			times[l.BlockNumber] = unixTime(l.BlockTimestamp)
			continue
		}
		h, err := r.header(ctx, new(big.Int).SetUint64(l.BlockNumber))
		if err != nil {
			return nil, err
		}
		times[l.BlockNumber] = unixTime(h.Time)
	}
	return times, nil
}

// applyLocked applies one contract event to the cache. A deposit known
// whole (its Deposited event applied) is updated in place; of another,
// the cached state is dropped but what the event proves is kept: a
// burned leaf, a withdrawal started or done.
func (r *Reader) applyLocked(l *types.Log, at time.Time) {
	// Every event of the contract has the deposit id as its first indexed
	// topic.
	if len(l.Topics) < 2 || l.Removed {
		return
	}
	id := l.Topics[1]
	r.gens[id]++
	b, events := r.c.binding, r.c.abi.Events
	e := r.entries[id]
	whole := e != nil && e.complete
	switch l.Topics[0] {
	case events["Deposited"].ID:
		ev, err := b.UnpackDepositedEvent(l)
		if err != nil || ev.Leaves == 0 {
			r.dropLocked(id)
			return
		}
		value := bigOrZero(ev.Value)
		e = r.entryLocked(id)
		*e = entry{
			dep: Deposit{
				ID: id, Creator: ev.Creator, Value: value, Leaves: ev.Leaves,
				BountyPerLeaf: bigOrZero(ev.BountyPerLeaf), CreatedAt: at,
				Share:     new(big.Int).Div(value, big.NewInt(int64(ev.Leaves))),
				Remaining: new(big.Int).Set(value), Status: StatusActive,
			},
			has: true, block: l.BlockNumber, complete: true, burned: make(map[uint64]bool),
		}
		r.updates.Add(1)
	case events["Burned"].ID:
		ev, err := b.UnpackBurnedEvent(l)
		if err != nil || !ev.Index.IsUint64() {
			r.dropLocked(id)
			return
		}
		if r.burnLocked(id, ev.Index.Uint64()) {
			r.updates.Add(1)
		}
	case events["BurnSkipped"].ID:
		// Nothing changed.
	case events["WithdrawalStarted"].ID:
		ev, err := b.UnpackWithdrawalStartedEvent(l)
		if err != nil {
			r.dropLocked(id)
			return
		}
		if whole {
			e.dep.Status, e.dep.WithdrawalStartedAt, e.dep.UnlockAt = StatusWithdrawing, at, unixTime(ev.UnlockAt)
			r.updates.Add(1)
			return
		}
		r.dropLocked(id)
		e = r.entryLocked(id)
		e.floor = max(e.floor, StatusWithdrawing)
	case events["Withdrawn"].ID:
		if whole {
			e.dep.Status, e.dep.Remaining = StatusWithdrawn, new(big.Int)
			r.updates.Add(1)
			return
		}
		r.dropLocked(id)
		r.entryLocked(id).floor = StatusWithdrawn
	default:
		r.dropLocked(id)
	}
}

// NoteBurned records that leaf index of deposit id was burned in a mined
// transaction this process saw (its own relay's), before the watcher's
// next poll shows the event. It is applied as that Burned event will be
// (in place, once, for a deposit known whole; else by dropping the
// deposit's cached state and keeping the leaf burned). A reorganisation
// that removes the burn flushes the cache, as it does for events.
func (r *Reader) NoteBurned(id common.Hash, index uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gens[id]++
	r.burnLocked(id, index)
}

// burnLocked applies a burn of leaf i of deposit id: in place for a
// deposit known whole (and only once, however often the burn is told),
// else by dropping its cached state and keeping the leaf burned. It
// reports whether the burn was applied in place.
func (r *Reader) burnLocked(id common.Hash, i uint64) bool {
	if e := r.entries[id]; e != nil && e.complete {
		if !e.burned[i] {
			e.burned[i] = true
			e.dep.BurnedLeaves++
			e.dep.Remaining = new(big.Int).Sub(e.dep.Value, new(big.Int).Mul(e.dep.Share, big.NewInt(int64(e.dep.BurnedLeaves))))
		}
		return true
	}
	r.dropLocked(id)
	r.entryLocked(id).burned[i] = true
	return false
}

// dropLocked forgets id's cached state (not the burned leaves or status
// floor events showed).
func (r *Reader) dropLocked(id common.Hash) {
	e := r.entries[id]
	if e == nil {
		return
	}
	if e.has || len(e.burned) > 0 {
		r.invalidations.Add(1)
	}
	e.has, e.complete, e.block = false, false, 0
	for i, b := range e.burned {
		if !b {
			delete(e.burned, i) // unburned then, maybe not now
		}
	}
}
