// Package bolt is the embedded spent store: a bbolt file on local disk, the
// default for a single host. Concurrent Spend calls in one process share a
// transaction and one fsync (group commit), so durability does not cost
// throughput. bbolt locks the file, so processes on one host take turns;
// several MX hosts share a Redis store instead.
package bolt

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	bbolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/postage-mail/postage"
)

var (
	spentBucket  = []byte("spent")  // key -> expiry (8 bytes, unix seconds; 0 = never) ‖ message identity
	expiryBucket = []byte("expiry") // expiry(8) ‖ key -> nothing, to purge in order
)

// Options tune Open. The zero value is fine.
type Options struct {
	// LockTimeout bounds the wait for another process holding the file
	// (default 30 s).
	LockTimeout time.Duration
	// BatchDelay is how long a Spend waits for others to share its commit
	// (default 2 ms). Larger batches more under load; one caller alone pays
	// the delay once.
	BatchDelay time.Duration
}

// Store is a postage.SpentStore on a bbolt file.
type Store struct {
	db   *bbolt.DB
	path string
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
	db.MaxBatchDelay = opts.BatchDelay
	if db.MaxBatchDelay <= 0 {
		db.MaxBatchDelay = 2 * time.Millisecond
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
	return &Store{db: db, path: path}, nil
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
	exp := unix(expires)
	var spent bool
	// Batch may run the function more than once; the outcome of the run
	// that committed is the one left in spent. Returning nil for a double
	// spend keeps the batch from rolling back everyone else's stamps.
	err := s.db.Batch(func(tx *bbolt.Tx) error {
		spent = false
		b := tx.Bucket(spentBucket)
		k := []byte(key)
		if had := b.Get(k); had != nil {
			spent = len(had) < 8 || !postage.SameSpend(string(had[8:]), msg)
			return nil
		}
		v := make([]byte, 8, 8+len(msg))
		binary.BigEndian.PutUint64(v, exp)
		if err := b.Put(k, append(v, msg...)); err != nil {
			return err
		}
		if exp == 0 {
			return nil
		}
		return tx.Bucket(expiryBucket).Put(append(v[:8:8], k...), nil)
	})
	if err != nil {
		return fmt.Errorf("spend in %s: %w", s.path, err)
	}
	if spent {
		return postage.ErrSpent
	}
	return nil
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
