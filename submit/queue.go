package submit

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A Copy is one recipient's copy of a message in the queue: its file in
// the spool and what is needed to deliver it. A copy is in the queue until
// the upstream accepted it (then it is removed in the same step that
// records the acceptance) or refused it for good (then a bounce to its
// sender takes its place).
type Copy struct {
	ID      uint64    `json:"id"`
	User    string    `json:"user,omitempty"` // whose upstream login delivers it ("" in filter mode)
	Sender  string    `json:"sender"`         // envelope sender; "" for a bounce
	Rcpt    string    `json:"rcpt"`
	File    string    `json:"file"` // name in the spool directory
	Message string    `json:"message,omitempty"`
	Created time.Time `json:"created"`
	// Attempts and the last temporary error; Next is when to try again.
	Attempts int       `json:"attempts"`
	Next     time.Time `json:"next"`
	Error    string    `json:"error,omitempty"`
	// Bounce marks a delivery status notification postage made itself:
	// its refusal makes no further bounce.
	Bounce bool `json:"bounce,omitempty"`
}

var bucketCopies = []byte("copies")

// Queue is the durable queue of per-recipient copies: a bbolt database
// (queue.db) of Copy records and a spool directory of their files, both in
// Dir. A copy is in the queue once Commit returned: its file and its
// record are on disk (fsynced).
type Queue struct {
	dir   string
	spool string
	db    *bolt.DB
	mu    sync.Mutex
	seq   uint64 // spool file names
	kick  chan struct{}
}

// OpenQueue opens (creating) the queue in dir, private to this user. Spool
// files without a record (a message whose copies were written but never
// committed, because postage stopped before it answered 250) are removed:
// their client did not get 250 and sends the message again.
func OpenQueue(dir string) (*Queue, error) {
	spool := filepath.Join(dir, "spool")
	if err := os.MkdirAll(spool, 0o700); err != nil {
		return nil, fmt.Errorf("submit queue: %w", err)
	}
	db, err := bolt.Open(filepath.Join(dir, "queue.db"), 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("submit queue %s: %w", dir, err)
	}
	q := &Queue{dir: dir, spool: spool, db: db, kick: make(chan struct{}, 1)}
	if err := db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketCopies)
		return err
	}); err != nil {
		db.Close()
		return nil, fmt.Errorf("submit queue: %w", err)
	}
	if err := q.removeOrphans(); err != nil {
		db.Close()
		return nil, err
	}
	return q, nil
}

// Close closes the database.
func (q *Queue) Close() error { return q.db.Close() }

func (q *Queue) removeOrphans() error {
	known := map[string]bool{}
	copies, err := q.List()
	if err != nil {
		return err
	}
	for _, c := range copies {
		known[c.File] = true
	}
	ents, err := os.ReadDir(q.spool)
	if err != nil {
		return fmt.Errorf("submit queue: %w", err)
	}
	for _, e := range ents {
		if !known[e.Name()] {
			if err := os.Remove(filepath.Join(q.spool, e.Name())); err != nil {
				return fmt.Errorf("submit queue: remove unqueued %s: %w", e.Name(), err)
			}
		}
	}
	return nil
}

// Batch is the copies of one message being written; nothing of it is in
// the queue until Commit.
type Batch struct {
	q      *Queue
	copies []*Copy
	done   bool
}

// NewBatch starts the copies of one message.
func (q *Queue) NewBatch() *Batch { return &Batch{q: q} }

func (q *Queue) newFile() (*os.File, string, error) {
	q.mu.Lock()
	q.seq++
	name := fmt.Sprintf("%d-%d-%d", time.Now().UnixNano(), os.Getpid(), q.seq)
	q.mu.Unlock()
	f, err := os.OpenFile(filepath.Join(q.spool, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	return f, name, err
}

// Add writes one copy's content from r into the spool (fsynced).
func (b *Batch) Add(c Copy, r io.Reader) error {
	if b.done {
		return errors.New("submit queue: batch already committed")
	}
	f, name, err := b.q.newFile()
	if err != nil {
		return fmt.Errorf("submit queue: spool file: %w", err)
	}
	c.File = name
	b.copies = append(b.copies, &c) // removed by Abort even if the write fails
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return fmt.Errorf("submit queue: spool copy for %s: %w", c.Rcpt, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("submit queue: sync copy for %s: %w", c.Rcpt, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("submit queue: close copy for %s: %w", c.Rcpt, err)
	}
	return nil
}

// Len is the number of copies added.
func (b *Batch) Len() int { return len(b.copies) }

// Commit puts every copy in the queue at once (one fsynced transaction):
// after it returns nil, the message may be acknowledged.
func (b *Batch) Commit() error {
	if b.done {
		return errors.New("submit queue: batch already committed")
	}
	if err := syncDir(b.q.spool); err != nil {
		return err
	}
	now := time.Now().UTC()
	err := b.q.db.Update(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucketCopies)
		for _, c := range b.copies {
			id, err := bk.NextSequence()
			if err != nil {
				return err
			}
			c.ID, c.Created, c.Next = id, now, now
			v, err := json.Marshal(c)
			if err != nil {
				return err
			}
			if err := bk.Put(key(id), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("submit queue: commit %d copies: %w", len(b.copies), err)
	}
	b.done = true
	b.q.Kick()
	return nil
}

// Abort removes the files of an uncommitted batch.
func (b *Batch) Abort() {
	if b.done {
		return
	}
	b.done = true
	for _, c := range b.copies {
		os.Remove(filepath.Join(b.q.spool, c.File))
	}
}

// Kick wakes the deliverer.
func (q *Queue) Kick() {
	select {
	case q.kick <- struct{}{}:
	default:
	}
}

// Open opens a queued copy's content.
func (q *Queue) Open(c *Copy) (*os.File, error) {
	if strings.ContainsAny(c.File, `/\`) || c.File == "" || c.File == "." || c.File == ".." {
		return nil, fmt.Errorf("submit queue: bad spool name %q", c.File)
	}
	return os.Open(filepath.Join(q.spool, c.File))
}

// List is every queued copy, oldest first.
func (q *Queue) List() ([]*Copy, error) {
	var out []*Copy
	err := q.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCopies).ForEach(func(k, v []byte) error {
			c := &Copy{}
			if err := json.Unmarshal(v, c); err != nil {
				return fmt.Errorf("queue record %x: %w", k, err)
			}
			out = append(out, c)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("submit queue: %w", err)
	}
	return out, nil
}

// Delivered removes a copy the upstream accepted: its record first (the
// step that makes sure it is never sent again), then its file.
func (q *Queue) Delivered(c *Copy) error {
	return q.replace(c, nil)
}

// Retry records a temporary failure and when to try again.
func (q *Queue) Retry(c *Copy, err error, next time.Time) error {
	c.Attempts++
	c.Error = err.Error()
	c.Next = next.UTC()
	return q.db.Update(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucketCopies)
		if bk.Get(key(c.ID)) == nil {
			return fmt.Errorf("submit queue: copy %d is gone", c.ID)
		}
		v, err := json.Marshal(c)
		if err != nil {
			return err
		}
		return bk.Put(key(c.ID), v)
	})
}

// Bounced removes a copy refused for good and, in the same transaction,
// queues its bounce (nil for none) whose content is in the spool file
// bounceFile.
func (q *Queue) Bounced(c *Copy, bounce *Copy) error {
	return q.replace(c, bounce)
}

// SpoolBounce writes a bounce's content into the spool and returns its
// file name, for Bounced.
func (q *Queue) SpoolBounce(content []byte) (string, error) {
	f, name, err := q.newFile()
	if err != nil {
		return "", fmt.Errorf("submit queue: spool bounce: %w", err)
	}
	if _, err := f.Write(content); err != nil {
		f.Close()
		return "", fmt.Errorf("submit queue: spool bounce: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return "", fmt.Errorf("submit queue: spool bounce: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return name, syncDir(q.spool)
}

func (q *Queue) replace(c *Copy, add *Copy) error {
	err := q.db.Update(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucketCopies)
		if err := bk.Delete(key(c.ID)); err != nil {
			return err
		}
		if add == nil {
			return nil
		}
		id, err := bk.NextSequence()
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		add.ID, add.Created, add.Next = id, now, now
		v, err := json.Marshal(add)
		if err != nil {
			return err
		}
		return bk.Put(key(id), v)
	})
	if err != nil {
		return fmt.Errorf("submit queue: copy %d for %s: %w", c.ID, c.Rcpt, err)
	}
	if add != nil {
		q.Kick()
	}
	if err := os.Remove(filepath.Join(q.spool, c.File)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("submit queue: remove delivered copy: %w", err)
	}
	return nil
}

func key(id uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], id)
	return k[:]
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("submit queue: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("submit queue: sync %s: %w", dir, err)
	}
	return nil
}
