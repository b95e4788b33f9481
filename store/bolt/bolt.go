// Package bolt is the embedded spent store: a bbolt file on local disk, the
// default for a single host. Concurrent Spend calls in one process share a
// transaction and its fsyncs (group commit): a Spend that finds no commit
// running commits at once, and the Spends that arrive while a commit runs
// share the next one, so durability does not cost throughput and a lone
// message waits for one commit only. bbolt locks the file, so processes on
// one host take turns; several MX hosts share a Redis store instead.
package bolt

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"

	bbolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/postage-mail/postage"
)

var (
	spentBucket  = []byte("spent")  // key -> expiry (8 bytes, unix seconds; 0 = never) ‖ message identity
	expiryBucket = []byte("expiry") // expiry(8) ‖ key -> nothing, to purge in order
)

// ErrDamaged marks a spent store file that bbolt could not read or write
// without failing inside (a truncated or corrupted file).
var ErrDamaged = errors.New("spent store damaged")

// Options tune Open. The zero value is fine.
type Options struct {
	// LockTimeout bounds the wait for another process holding the file
	// (default 30 s).
	LockTimeout time.Duration
	// BatchDelay, when set, makes every Spend wait up to this long for
	// others to share its commit (bbolt's Batch) instead of committing at
	// once. It batches a little more under load and adds the delay to every
	// message's latency; the default (0) is the group commit, whose batches
	// are the Spends that arrive during a commit.
	BatchDelay time.Duration
}

// maxGroup bounds the Spends of one commit, so that one transaction stays
// small however deep the queue.
const maxGroup = 512

// Store is a postage.SpentStore on a bbolt file.
type Store struct {
	db         *bbolt.DB
	path       string
	batchDelay time.Duration

	mu      sync.Mutex
	queue   []*spendReq // waiting for the next commit
	leader  bool        // a Spend is committing (or about to)
	commits int         // group commits so far (tests)
}

// spendReq is one Spend waiting in the group commit.
type spendReq struct {
	key   []byte
	msg   string
	exp   uint64
	spent bool
	err   error
	// wake says "lead" (true: commit the queue, this one in it) or "done"
	// (false: spent and err are set).
	wake chan bool
}

var _ postage.SpentStore = (*Store)(nil)

// Open opens or creates the store at path.
func Open(path string, opts *Options) (*Store, error) {
	if opts == nil {
		opts = &Options{}
	}
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: timeout, FreelistType: bbolt.FreelistMapType})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("open spent store %s: still locked by another process after %v", path, timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("open spent store %s: %w", path, err)
	}
	if opts.BatchDelay > 0 {
		db.MaxBatchDelay = opts.BatchDelay
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		for _, b := range [][]byte{spentBucket, expiryBucket} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("init spent store %s: %w", path, err)
	}
	return &Store{db: db, path: path, batchDelay: opts.BatchDelay}, nil
}

func unix(t time.Time) uint64 {
	if t.IsZero() || t.Unix() <= 0 {
		return 0
	}
	return uint64(t.Unix())
}

// Spend implements postage.SpentStore. The key's value holds its expiry
// and the identity of the message it was spent for; a key recorded by an
// older version (expiry only) matches no message.
func (s *Store) Spend(ctx context.Context, key, msg string, expires time.Time) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("spend: %w", err)
	}
	if key == "" || len(key) > bbolt.MaxKeySize-8 {
		return fmt.Errorf("spend: key of %d bytes cannot be stored", len(key))
	}
	if len(msg) > 1024 {
		return fmt.Errorf("spend: message identity of %d bytes is too long", len(msg))
	}
	r := &spendReq{key: []byte(key), msg: msg, exp: unix(expires)}
	var err error
	if s.batchDelay > 0 {
		// Batch may run the function more than once; the outcome of the
		// run that committed is the one left in r.
		err = s.db.Batch(func(tx *bbolt.Tx) error { return r.apply(tx) })
	} else {
		err = s.group(r)
	}
	if err != nil {
		return fmt.Errorf("spend in %s: %w", s.path, err)
	}
	if r.spent {
		return postage.ErrSpent
	}
	return nil
}

// apply records r in tx, or finds it spent. A double spend returns nil, so
// that it does not roll back the other stamps of its transaction.
func (r *spendReq) apply(tx *bbolt.Tx) error {
	r.spent = false
	b := tx.Bucket(spentBucket)
	if had := b.Get(r.key); had != nil {
		r.spent = len(had) < 8 || !postage.SameSpend(string(had[8:]), r.msg)
		return nil
	}
	v := make([]byte, 8, 8+len(r.msg))
	binary.BigEndian.PutUint64(v, r.exp)
	if err := b.Put(r.key, append(v, r.msg...)); err != nil {
		return err
	}
	if r.exp == 0 {
		return nil
	}
	return tx.Bucket(expiryBucket).Put(append(v[:8:8], r.key...), nil)
}

// group queues r for a commit and returns once a commit holding r has
// ended. The Spend that finds no commit running leads: it commits the
// queue, itself in it, reports to the others, and hands the lead to the
// first Spend queued meanwhile, which commits the next group. No goroutine
// of the store's own runs, and no Spend waits for more than the commit
// running when it arrived and its own.
func (s *Store) group(r *spendReq) error {
	r.wake = make(chan bool, 1)
	s.mu.Lock()
	s.queue = append(s.queue, r)
	lead := !s.leader
	s.leader = true
	s.mu.Unlock()
	if !lead && !<-r.wake {
		return r.err
	}
	s.mu.Lock()
	n := min(len(s.queue), maxGroup)
	batch := s.queue[:n:n]
	s.queue = append([]*spendReq(nil), s.queue[n:]...)
	s.mu.Unlock()
	err := s.commit(batch)
	for _, q := range batch {
		q.err = err
		if q != r {
			q.wake <- false
		}
	}
	s.mu.Lock()
	s.commits++
	if len(s.queue) > 0 {
		s.queue[0].wake <- true
	} else {
		s.leader = false
	}
	s.mu.Unlock()
	return r.err
}

// commit records batch in one transaction. A panic in bbolt (a damaged
// file) becomes the batch's error: the queue behind it must still get its
// turn, and the caller a temperror rather than a crash.
func (s *Store) commit(batch []*spendReq) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v", ErrDamaged, p)
		}
	}()
	return s.db.Update(func(tx *bbolt.Tx) error {
		for _, q := range batch {
			if err := q.apply(tx); err != nil {
				return err
			}
		}
		return nil
	})
}

// Purge implements postage.SpentStore.
func (s *Store) Purge(ctx context.Context, now time.Time) (int, error) {
	n := 0
	limit := unix(now)
	err := s.db.Update(func(tx *bbolt.Tx) error {
		n = 0
		spent, idx := tx.Bucket(spentBucket), tx.Bucket(expiryBucket)
		c := idx.Cursor()
		for k, _ := c.First(); k != nil && binary.BigEndian.Uint64(k) <= limit; k, _ = c.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := spent.Delete(k[8:]); err != nil {
				return err
			}
			if err := c.Delete(); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("purge %s: %w", s.path, err)
	}
	return n, nil
}

// Len reports how many stamps the store holds.
func (s *Store) Len() (int, error) {
	n := 0
	err := s.db.View(func(tx *bbolt.Tx) error {
		n = tx.Bucket(spentBucket).Stats().KeyN
		return nil
	})
	return n, err
}

// Close releases the file.
func (s *Store) Close() error { return s.db.Close() }
