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
	"github.com/ethereum/go-ethereum/core/types"
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

// CacheStats counts the Reader's cache use (a later issue exports them as
// Prometheus metrics).
type CacheStats struct {
	Hits          uint64 // reads answered from the cache
	Misses        uint64 // reads that went to the chain
	Invalidations uint64 // contract events that dropped a cached deposit
	// Live is true while the event watcher is current, the only time the
	// cache is used at all. It drops at once when a call to the chain
	// fails.
	Live bool
	// Down is true while the chain is known to be down (a call failed, no
	// poll has succeeded since).
	Down bool
	// Head is the last block whose events the watcher has processed.
	Head uint64
}

// Reader reads deposit state. Every cold read is one eth_call (one RPC
// round trip). Results are cached only while Watch runs: the watcher
// follows the contract's events and drops the cached state of every deposit
// an event names, so a cached answer is never staler than the watcher's
// last poll. Without Watch (or while the watcher cannot reach the chain)
// every read goes to the chain.
type Reader struct {
	c *Contract

	mu       sync.Mutex
	deposits map[common.Hash]Deposit
	burned   map[common.Hash]map[uint64]bool
	// gens[id] changes whenever an event for id is processed; a read stores
	// its result only if the generation (and epoch) it started under still
	// hold, so a read racing an invalidation never stores stale state.
	gens      map[common.Hash]uint64
	epoch     uint64
	liveUntil time.Time
	delay     time.Duration // 0 until read; immutable on chain

	hits, misses, invalidations atomic.Uint64
	head                        atomic.Uint64
	// down: a call to the chain failed (or timed out) and no poll has
	// succeeded since. While the watcher runs, reads then fail at once
	// (ErrChainDown) instead of each waiting for its own timeout, and the
	// cache answers nothing: it cannot be re-checked.
	down     atomic.Bool
	watching atomic.Bool

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
		deposits:   make(map[common.Hash]Deposit),
		burned:     make(map[common.Hash]map[uint64]bool),
		gens:       make(map[common.Hash]uint64),
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
	return CacheStats{Hits: r.hits.Load(), Misses: r.misses.Load(), Invalidations: r.invalidations.Load(), Live: live, Down: r.down.Load(), Head: r.head.Load()}
}

func (r *Reader) liveLocked() bool { return r.Now().Before(r.liveUntil) }

// DepositOf reads the deposit creator made under root.
func (r *Reader) DepositOf(ctx context.Context, creator common.Address, root common.Hash) (Deposit, error) {
	return r.Deposit(ctx, DepositID(creator, root))
}

// Deposit reads a deposit's state; an unused id gives StatusNone, not an
// error.
func (r *Reader) Deposit(ctx context.Context, id common.Hash) (Deposit, error) {
	r.mu.Lock()
	if r.liveLocked() {
		if d, ok := r.deposits[id]; ok {
			r.mu.Unlock()
			r.hits.Add(1)
			return d.clone(), nil
		}
	}
	gen, epoch := r.gens[id], r.epoch
	r.mu.Unlock()
	if err := r.checkDown(); err != nil {
		return Deposit{}, fmt.Errorf("read deposit %s: %w", id, err)
	}
	r.misses.Add(1)

	cctx, cancel := r.rpc(ctx)
	d, err := r.c.ReadDeposit(cctx, id, nil)
	cancel()
	if err != nil {
		r.failed(ctx, err)
		return Deposit{}, err
	}
	r.mu.Lock()
	if r.liveLocked() && r.gens[id] == gen && r.epoch == epoch {
		r.makeRoomLocked()
		r.deposits[id] = d.clone()
	}
	r.mu.Unlock()
	return d, nil
}

// IsBurned reports whether leaf index of deposit id is burned. An unknown
// deposit or an index out of range is an error (ErrUnknownDeposit,
// ErrIndexOutOfRange), never false.
func (r *Reader) IsBurned(ctx context.Context, id common.Hash, index uint64) (bool, error) {
	r.mu.Lock()
	if r.liveLocked() {
		if b, ok := r.burned[id][index]; ok {
			r.mu.Unlock()
			r.hits.Add(1)
			return b, nil
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
		r.makeRoomLocked()
		m := r.burned[id]
		if m == nil {
			m = make(map[uint64]bool)
			r.burned[id] = m
		}
		m[index] = burned
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
	if len(r.deposits)+len(r.burned) < max && len(r.gens) < max {
		return
	}
	// Dropping everything is crude but keeps memory bounded without an LRU;
	// the epoch bump stops in-flight reads from storing into the new maps.
	r.deposits = make(map[common.Hash]Deposit)
	r.burned = make(map[common.Hash]map[uint64]bool)
	r.gens = make(map[common.Hash]uint64)
	r.epoch++
}

// invalidate drops what is cached about id.
func (r *Reader) invalidate(id common.Hash) {
	r.mu.Lock()
	_, had := r.deposits[id]
	_, hadLeaves := r.burned[id]
	delete(r.deposits, id)
	delete(r.burned, id)
	r.gens[id]++
	r.mu.Unlock()
	if had || hadLeaves {
		r.invalidations.Add(1)
	}
}

// flush drops the whole cache (reorg, watcher restart).
func (r *Reader) flush() {
	r.mu.Lock()
	r.deposits = make(map[common.Hash]Deposit)
	r.burned = make(map[common.Hash]map[uint64]bool)
	r.gens = make(map[common.Hash]uint64)
	r.epoch++
	r.mu.Unlock()
}

func (r *Reader) setLive(until time.Time) {
	r.mu.Lock()
	r.liveUntil = until
	r.mu.Unlock()
}

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
}

// Watch follows the contract's events and keeps the cache fresh until ctx
// ends (it then returns ctx's error). It polls eth_getLogs, which every
// endpoint supports, HTTP included: per poll one header read, and when
// blocks arrived one more header read (reorg check) and one eth_getLogs per
// MaxRange blocks. Poll errors are retried at the next interval; meanwhile
// the cache is bypassed once it is older than Stale.
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
	defer r.setLive(time.Time{})
	r.watching.Store(true)
	defer r.watching.Store(false)

	var (
		head     uint64
		headHash common.Hash
		started  bool
	)
	ticker := time.NewTicker(opt.Interval)
	defer ticker.Stop()
	for {
		if !started {
			hctx, cancel := r.rpc(ctx)
			h, err := r.c.backend.HeaderByNumber(hctx, nil)
			cancel()
			if err == nil {
				// Everything cached before now is unverified: start clean.
				r.flush()
				head, headHash, started = h.Number.Uint64(), h.Hash(), true
				r.head.Store(head)
				r.down.Store(false)
				r.setLive(r.Now().Add(opt.Stale))
			} else {
				r.failed(ctx, err)
			}
		} else {
			nh, nhash, err := r.poll(ctx, head, headHash, opt.MaxRange)
			if err == nil {
				head, headHash = nh, nhash
				r.head.Store(head)
				r.down.Store(false)
				r.setLive(r.Now().Add(opt.Stale))
			} else {
				// Known down: no cached answer until a poll succeeds.
				r.failed(ctx, err)
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
		}
	}
}

// reorgDepth is how far back the watcher re-reads logs after a reorg.
const reorgDepth = 64

// poll processes the logs of blocks after head up to the latest block and
// returns the new head.
func (r *Reader) poll(ctx context.Context, head uint64, headHash common.Hash, maxRange uint64) (uint64, common.Hash, error) {
	hctx, cancel := r.rpc(ctx)
	latest, err := r.c.backend.HeaderByNumber(hctx, nil)
	cancel()
	if err != nil {
		return head, headHash, err
	}
	n := latest.Number.Uint64()
	if n == head && latest.Hash() == headHash {
		return head, headHash, nil
	}
	if n > head {
		// Is the block we processed last still canonical?
		hctx, cancel := r.rpc(ctx)
		h, err := r.c.backend.HeaderByNumber(hctx, new(big.Int).SetUint64(head))
		cancel()
		if err != nil {
			return head, headHash, err
		}
		if h.Hash() != headHash {
			n = 0 // fall through to the reorg handling below
		}
	}
	if n <= head {
		// The chain changed under us: whatever we cached may come from
		// dropped blocks. Drop it all and re-read recent logs.
		r.flush()
		from := uint64(0)
		if latest.Number.Uint64() > reorgDepth {
			from = latest.Number.Uint64() - reorgDepth
		}
		if err := r.processLogs(ctx, from, latest.Number.Uint64(), maxRange); err != nil {
			return head, headHash, err
		}
		return latest.Number.Uint64(), latest.Hash(), nil
	}
	if err := r.processLogs(ctx, head+1, n, maxRange); err != nil {
		return head, headHash, err
	}
	return n, latest.Hash(), nil
}

func (r *Reader) processLogs(ctx context.Context, from, to uint64, maxRange uint64) error {
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
			return fmt.Errorf("contract logs %d..%d: %w", from, end, err)
		}
		for i := range logs {
			r.handleLog(&logs[i])
		}
		from = end + 1
	}
	return nil
}

func (r *Reader) handleLog(l *types.Log) {
	// Every event of the contract has the deposit id as its first indexed
	// topic; whichever it is, the deposit's cached state is out of date.
	if len(l.Topics) < 2 {
		return
	}
	r.invalidate(l.Topics[1])
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
