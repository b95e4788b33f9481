package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
)

// Status is a deposit's lifecycle state, as the contract numbers it.
type Status uint8

// Deposit lifecycle states.
const (
	StatusNone        Status = iota // the id was never used
	StatusActive                    // deposited, burnable, not withdrawing
	StatusWithdrawing               // withdrawal started; still burnable until withdrawn
	StatusWithdrawn                 // closed for good
)

func (s Status) String() string {
	switch s {
	case StatusNone:
		return "none"
	case StatusActive:
		return "active"
	case StatusWithdrawing:
		return "withdrawing"
	case StatusWithdrawn:
		return "withdrawn"
	}
	return fmt.Sprintf("status(%d)", uint8(s))
}

// MarshalText writes the status name (for JSON output).
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Deposit is a deposit's state on chain. Amounts are in wei; the *big.Int
// values belong to the caller (copies of the cache's).
type Deposit struct {
	ID            common.Hash    `json:"id"`
	Creator       common.Address `json:"creator"`
	Value         *big.Int       `json:"value"`
	Leaves        uint32         `json:"leaves"`
	BountyPerLeaf *big.Int       `json:"bountyPerLeaf"`
	CreatedAt     time.Time      `json:"createdAt"`
	// WithdrawalStartedAt is zero until the creator starts the withdrawal.
	WithdrawalStartedAt time.Time `json:"withdrawalStartedAt,omitzero"`
	// UnlockAt is WithdrawalStartedAt + delay (zero if not started):
	// withdraw succeeds only in a block whose timestamp is after it.
	UnlockAt     time.Time `json:"unlockAt,omitzero"`
	BurnedLeaves uint32    `json:"burnedLeaves"`
	// Share is Value / Leaves, what one burn takes from the deposit.
	Share *big.Int `json:"share"`
	// Remaining is what withdraw pays (0 once withdrawn).
	Remaining *big.Int `json:"remaining"`
	Status    Status   `json:"status"`
}

// Exists reports whether the id has ever been used.
func (d Deposit) Exists() bool { return d.Status != StatusNone }

func (d Deposit) clone() Deposit {
	d.Value = bigOrZero(d.Value)
	d.BountyPerLeaf = bigOrZero(d.BountyPerLeaf)
	d.Share = bigOrZero(d.Share)
	d.Remaining = bigOrZero(d.Remaining)
	return d
}

// CacheStats counts the Reader's cache use (exported as Prometheus metrics
// by the milter).
type CacheStats struct {
	Hits          uint64 // reads answered from the cache
	Misses        uint64 // reads that went to the chain
	Invalidations uint64 // contract events that dropped a cached deposit
	// Updates counts contract events applied to the cache in place: a
	// deposit made while the watcher ran is known from its Deposited
	// event, and its burns and withdrawal from theirs, without a read.
	Updates uint64
	// Refreshes counts reads that missed, had the watcher poll at once,
	// and were then answered from the cache.
	Refreshes uint64
	// Live is true while the event watcher is current, the only time the
	// cache is used at all. It drops at once when a call to the chain
	// fails.
	Live bool
	// Down is true while the chain is known to be down (a call failed, no
	// poll has succeeded since).
	Down bool
	// Head is the last block whose events the watcher has processed.
	Head uint64
	// LastError is the error of the last call that marked the chain
	// down ("" if none did).
	LastError string
}

// entry is what the cache knows of one deposit.
type entry struct {
	dep Deposit
	has bool // dep is the deposit's state (else only burned/floor are known)
	// block: the deposit exists in this block (its Deposited event's, or
	// one a read found it in), so it has head-block+1 confirmations; 0:
	// not known.
	block uint64
	// complete: the watcher applied the deposit's Deposited event and
	// every event since, so dep is exact and burned is the full set.
	complete bool
	// burned holds leaves known burned (from events or reads) and, for
	// reads, known unburned.
	burned map[uint64]bool
	// floor is the furthest status events have shown; a read that reports
	// less comes from a node behind the watcher and is not believed.
	floor Status
}

// Reader reads deposit state. Every cold read is one eth_call (one RPC
// round trip). Results are cached only while Watch runs: the watcher reads
// the contract's events once per new block and applies them to the cache
// (a deposit made meanwhile is known from its Deposited event, a burn or
// withdrawal changes the cached state at once), and a reorganisation
// drops the cache, so a cached answer is never staler than the watcher's
// last poll. Without Watch (or while the watcher cannot reach the chain)
// every read goes to the chain.
type Reader struct {
	c *Contract

	mu      sync.Mutex
	entries map[common.Hash]*entry
	// gens[id] changes whenever an event for id is processed; a read stores
	// its result only if the generation (and epoch) it started under still
	// hold, so a read racing an event never stores stale state.
	gens      map[common.Hash]uint64
	epoch     uint64
	liveUntil time.Time
	delay     time.Duration // 0 until read; immutable on chain
	headN     uint64        // the watcher's head, as entries know it
	// timeOf is the last block timestamp read for confirmations.
	timeOf struct {
		epoch, n uint64
		t        time.Time
	}

	// Polls: a read that misses while the watcher runs kicks it and waits
	// for the next poll (many misses share it) before going to the chain.
	kick        chan struct{}
	pollStarted uint64
	pollDone    uint64
	polled      chan struct{} // closed when a poll ends, then replaced
	missWait    time.Duration // 0: misses do not wait (no watcher)

	hits, misses, invalidations, updates, refreshes atomic.Uint64
	head                                            atomic.Uint64
	// down: a call to the chain failed (or timed out) and no poll has
	// succeeded since. While the watcher runs, reads then fail at once
	// (ErrChainDown) instead of each waiting for its own timeout, and the
	// cache answers nothing: it cannot be re-checked.
	down     atomic.Bool
	watching atomic.Bool
	lastErr  atomic.Value // string: the last failed call's error

	// MaxEntries bounds the cache; past it the cache is emptied. Default 100000.
	MaxEntries int
	// RPCTimeout bounds each call to the chain (default DefaultRPCTimeout),
	// so that a hung endpoint makes a verdict temperror well inside an
	// MTA's milter timeout.
	RPCTimeout time.Duration
	// Now is the clock (tests); default time.Now.
	Now func() time.Time
}

// DefaultRPCTimeout bounds one call to the chain.
const DefaultRPCTimeout = 2 * time.Second

// ErrChainDown is returned, while the watcher runs, by reads made after a
// call to the chain failed and before a poll succeeded again.
var ErrChainDown = errors.New("chain known to be down (the last call failed; waiting for the watcher to reach it)")

// ErrLaggingNode is returned when a read reports a deposit state older
// than the events the watcher has already seen: the endpoint answered
// from a node behind the chain.
var ErrLaggingNode = errors.New("the endpoint answered with state older than events already seen (a lagging node)")

func (r *Reader) rpc(ctx context.Context) (context.Context, context.CancelFunc) {
	t := r.RPCTimeout
	if t <= 0 {
		t = DefaultRPCTimeout
	}
	return context.WithTimeout(ctx, t)
}

// failed records a failed call: unless the contract refused (a revert is
// an answer) or the caller gave up, the chain is down until the watcher
// reaches it again, and the cache is not trusted meanwhile.
func (r *Reader) failed(ctx context.Context, err error) {
	if errors.Is(err, ErrReverted) || ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return
	}
	r.down.Store(true)
	r.lastErr.Store(err.Error())
	r.setLive(time.Time{})
}

// checkDown fails a read at once while the chain is known to be down and
// the watcher is there to notice its return.
func (r *Reader) checkDown() error {
	if r.watching.Load() && r.down.Load() {
		return ErrChainDown
	}
	return nil
}

// Down reports whether the chain is known to be down: the last call
// failed, and no poll has succeeded since.
func (r *Reader) Down() bool { return r.down.Load() }

// NewReader returns a Reader of the contract.
func NewReader(c *Contract) *Reader {
	return &Reader{
		c:          c,
		entries:    make(map[common.Hash]*entry),
		gens:       make(map[common.Hash]uint64),
		kick:       make(chan struct{}, 1),
		polled:     make(chan struct{}),
		MaxEntries: 100_000,
		Now:        time.Now,
	}
}

// Contract is the contract the Reader reads.
func (r *Reader) Contract() *Contract { return r.c }

// Stats returns the cache counters.
func (r *Reader) Stats() CacheStats {
	r.mu.Lock()
	live := r.liveLocked()
	r.mu.Unlock()
	st := CacheStats{
		Hits: r.hits.Load(), Misses: r.misses.Load(), Invalidations: r.invalidations.Load(),
		Updates: r.updates.Load(), Refreshes: r.refreshes.Load(),
		Live: live, Down: r.down.Load(), Head: r.head.Load(),
	}
	if e, ok := r.lastErr.Load().(string); ok {
		st.LastError = e
	}
	return st
}

func (r *Reader) liveLocked() bool { return r.Now().Before(r.liveUntil) }

// DepositOf reads the deposit creator made under root.
func (r *Reader) DepositOf(ctx context.Context, creator common.Address, root common.Hash) (Deposit, error) {
	return r.Deposit(ctx, DepositID(creator, root))
}

// Deposit reads a deposit's state; an unused id gives StatusNone, not an
// error.
func (r *Reader) Deposit(ctx context.Context, id common.Hash) (Deposit, error) {
	d, _, err := r.deposit(ctx, id)
	return d, err
}

// seen is what the watcher knows of a deposit's confirmations: n blocks
// hold it, up to the watcher's head; exact when n is the full count there
// (the block of its Deposited event is known), else a lower bound (0: not
// known).
type seen struct {
	n     uint64
	exact bool
}

// cachedLocked is the cached state of id, if the cache may answer.
func (r *Reader) cachedLocked(id common.Hash) (*entry, bool) {
	if !r.liveLocked() {
		return nil, false
	}
	e := r.entries[id]
	return e, e != nil && e.has
}

// deposit reads a deposit's state and what the watcher has seen of its
// confirmations.
func (r *Reader) deposit(ctx context.Context, id common.Hash) (Deposit, seen, error) {
	r.mu.Lock()
	if e, ok := r.cachedLocked(id); ok {
		d, conf := e.dep.clone(), r.confirmationsLocked(e)
		r.mu.Unlock()
		r.hits.Add(1)
		return d, conf, nil
	}
	r.mu.Unlock()
	// A deposit made in a block the watcher has not read yet: have it poll
	// now (one poll answers every read waiting for it).
	if r.awaitPoll(ctx) {
		r.mu.Lock()
		if e, ok := r.cachedLocked(id); ok {
			d, conf := e.dep.clone(), r.confirmationsLocked(e)
			r.mu.Unlock()
			r.refreshes.Add(1)
			return d, conf, nil
		}
		r.mu.Unlock()
	}
	r.mu.Lock()
	gen, epoch := r.gens[id], r.epoch
	r.mu.Unlock()
	if err := r.checkDown(); err != nil {
		return Deposit{}, seen{}, fmt.Errorf("read deposit %s: %w", id, err)
	}
	r.misses.Add(1)

	cctx, cancel := r.rpc(ctx)
	d, err := r.c.ReadDeposit(cctx, id, nil)
	cancel()
	if err != nil {
		r.failed(ctx, err)
		return Deposit{}, seen{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.entries[id]
	if e != nil && d.Status < e.floor {
		return Deposit{}, seen{}, fmt.Errorf("read deposit %s: %s, but the watcher saw it %s: %w", id, d.Status, e.floor, ErrLaggingNode)
	}
	if r.liveLocked() && r.gens[id] == gen && r.epoch == epoch {
		e = r.entryLocked(id)
		e.dep, e.has = d.clone(), true
	}
	return d, seen{}, nil
}

// entryLocked returns id's entry, making room and creating it if needed.
func (r *Reader) entryLocked(id common.Hash) *entry {
	if e := r.entries[id]; e != nil {
		return e
	}
	r.makeRoomLocked()
	e := &entry{burned: make(map[uint64]bool)}
	r.entries[id] = e
	return e
}

func (r *Reader) confirmationsLocked(e *entry) seen {
	if e.block == 0 || r.headN < e.block {
		return seen{}
	}
	return seen{n: r.headN - e.block + 1, exact: e.complete}
}

// noteBlock records that id's deposit exists in block (a read at that
// block found it), unless the cache was dropped since epoch.
func (r *Reader) noteBlock(id common.Hash, epoch, block uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e := r.entries[id]; e != nil && e.has && r.epoch == epoch && (e.block == 0 || block < e.block) {
		e.block = block
	}
}

// blockTime is the timestamp of block n, read once per cache epoch (a
// reorganisation changes the epoch) while the watcher is live.
func (r *Reader) blockTime(ctx context.Context, epoch, n uint64) (time.Time, error) {
	r.mu.Lock()
	if r.liveLocked() && r.timeOf.epoch == epoch && r.timeOf.n == n && !r.timeOf.t.IsZero() {
		t := r.timeOf.t
		r.mu.Unlock()
		return t, nil
	}
	r.mu.Unlock()
	h, err := r.header(ctx, new(big.Int).SetUint64(n))
	if err != nil {
		return time.Time{}, err
	}
	t := unixTime(h.Time)
	r.mu.Lock()
	if r.liveLocked() && r.epoch == epoch {
		r.timeOf.epoch, r.timeOf.n, r.timeOf.t = epoch, n, t
	}
	r.mu.Unlock()
	return t, nil
}

// IsBurned reports whether leaf index of deposit id is burned. An unknown
// deposit or an index out of range is an error (ErrUnknownDeposit,
// ErrIndexOutOfRange), never false.
func (r *Reader) IsBurned(ctx context.Context, id common.Hash, index uint64) (bool, error) {
	r.mu.Lock()
	if r.liveLocked() {
		if e := r.entries[id]; e != nil {
			if b, ok := e.burned[index]; ok {
				r.mu.Unlock()
				r.hits.Add(1)
				return b, nil
			}
			// A deposit known whole (from its events), or read with no
			// leaf burned (and no Burned event since, which would have
			// dropped the read): every other leaf is unburned.
			if e.has && e.dep.Exists() && index < uint64(e.dep.Leaves) && (e.complete || e.dep.BurnedLeaves == 0) {
				r.mu.Unlock()
				r.hits.Add(1)
				return false, nil
			}
		}
	}
	gen, epoch := r.gens[id], r.epoch
	r.mu.Unlock()
	if err := r.checkDown(); err != nil {
		return false, fmt.Errorf("read leaf %d of deposit %s: %w", index, id, err)
	}
	r.misses.Add(1)

	cctx, cancel := r.rpc(ctx)
	out, err := r.c.call(cctx, r.c.binding.PackIsBurned(id, new(big.Int).SetUint64(index)), nil)
	cancel()
	if err != nil {
		r.failed(ctx, err)
		return false, fmt.Errorf("read leaf %d of deposit %s: %w", index, id, err)
	}
	burned, err := r.c.binding.UnpackIsBurned(out)
	if err != nil {
		return false, fmt.Errorf("read leaf %d of deposit %s: decode: %w", index, id, err)
	}
	r.mu.Lock()
	if r.liveLocked() && r.gens[id] == gen && r.epoch == epoch {
		r.entryLocked(id).burned[index] = burned
	}
	r.mu.Unlock()
	return burned, nil
}

// Delay reads the contract's withdrawal delay (immutable, so read once).
func (r *Reader) Delay(ctx context.Context) (time.Duration, error) {
	r.mu.Lock()
	d := r.delay
	r.mu.Unlock()
	if d != 0 {
		r.hits.Add(1)
		return d, nil
	}
	if err := r.checkDown(); err != nil {
		return 0, fmt.Errorf("read delay: %w", err)
	}
	r.misses.Add(1)
	cctx, cancel := r.rpc(ctx)
	d, err := r.c.ReadDelay(cctx)
	cancel()
	if err != nil {
		r.failed(ctx, err)
		return 0, err
	}
	r.mu.Lock()
	r.delay = d
	r.mu.Unlock()
	return d, nil
}

func (r *Reader) makeRoomLocked() {
	max := r.MaxEntries
	if max <= 0 {
		max = 100_000
	}
	if len(r.entries) < max && len(r.gens) < max {
		return
	}
	// Dropping everything is crude but keeps memory bounded without an LRU;
	// the epoch bump stops in-flight reads from storing into the new maps.
	r.flushLocked()
}

// flushLocked drops the whole cache (reorg, watcher restart, overflow).
func (r *Reader) flushLocked() {
	r.entries = make(map[common.Hash]*entry)
	r.gens = make(map[common.Hash]uint64)
	r.epoch++
}

func (r *Reader) setLive(until time.Time) {
	r.mu.Lock()
	r.liveUntil = until
	r.mu.Unlock()
}

// ReadDeposit reads a deposit with one eth_call at block (nil: latest),
// bypassing any cache.
func (c *Contract) ReadDeposit(ctx context.Context, id common.Hash, block *big.Int) (Deposit, error) {
	out, err := c.call(ctx, c.binding.PackGetDeposit(id), block)
	if err != nil {
		return Deposit{}, fmt.Errorf("read deposit %s: %w", id, err)
	}
	info, err := c.binding.UnpackGetDeposit(out)
	if err != nil {
		return Deposit{}, fmt.Errorf("read deposit %s: decode: %w", id, err)
	}
	return Deposit{
		ID:                  id,
		Creator:             info.Creator,
		Value:               bigOrZero(info.Value),
		Leaves:              info.Leaves,
		BountyPerLeaf:       bigOrZero(info.BountyPerLeaf),
		CreatedAt:           unixTime(info.CreatedAt),
		WithdrawalStartedAt: unixTime(info.WithdrawalStartedAt),
		UnlockAt:            unixTime(info.UnlockAt),
		BurnedLeaves:        info.BurnedLeaves,
		Share:               bigOrZero(info.Share),
		Remaining:           bigOrZero(info.Remaining),
		Status:              Status(info.Status),
	}, nil
}

// ReadDelay reads the contract's withdrawal delay with one eth_call.
func (c *Contract) ReadDelay(ctx context.Context) (time.Duration, error) {
	out, err := c.call(ctx, c.binding.PackDelay(), nil)
	if err != nil {
		return 0, fmt.Errorf("read delay: %w", err)
	}
	s, err := c.binding.UnpackDelay(out)
	if err != nil {
		return 0, fmt.Errorf("read delay: decode: %w", err)
	}
	if s > uint64(1<<63-1)/uint64(time.Second) {
		return 0, fmt.Errorf("read delay: %d seconds does not fit a duration", s)
	}
	return time.Duration(s) * time.Second, nil
}

// DepositsOf lists the ids of the deposits the creators made, from the
// contract's Deposited events in blocks from..latest, oldest first, in
// chunks of maxRange blocks (0: 10000) since providers cap eth_getLogs.
func (c *Contract) DepositsOf(ctx context.Context, creators []common.Address, from uint64, maxRange uint64) ([]common.Hash, error) {
	if len(creators) == 0 {
		return nil, nil
	}
	if maxRange == 0 {
		maxRange = 10_000
	}
	latest, err := c.backend.BlockNumber(ctx)
	if err != nil {
		return nil, fmt.Errorf("list deposits: %w", err)
	}
	who := make([]common.Hash, len(creators))
	for i, a := range creators {
		who[i] = common.BytesToHash(a[:])
	}
	topic := c.abi.Events["Deposited"].ID
	var ids []common.Hash
	for from <= latest {
		end := min(latest, from+maxRange-1)
		logs, err := c.backend.FilterLogs(ctx, ethereum.FilterQuery{
			FromBlock: new(big.Int).SetUint64(from),
			ToBlock:   new(big.Int).SetUint64(end),
			Addresses: []common.Address{c.address},
			Topics:    [][]common.Hash{{topic}, nil, who},
		})
		if err != nil {
			return nil, fmt.Errorf("list deposits in blocks %d..%d: %w", from, end, err)
		}
		for _, l := range logs {
			if len(l.Topics) >= 2 {
				ids = append(ids, l.Topics[1])
			}
		}
		from = end + 1
	}
	return ids, nil
}
