package punish

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bbolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/postage-mail/postage/relay"
)

// QueueFile is the name of the local punishment queue in the data
// directory.
const QueueFile = "punish.db"

// Entry states.
const (
	// Waiting: in the local queue until Due, to be burned with this
	// host's own ETH.
	Waiting = "waiting"
	// AtRelay: handed to Relays[len-1] with a hold until Due; the runner
	// checks the chain after Due and asks the next relay if the burn did
	// not land.
	AtRelay = "at_relay"
	// Sending: claimed by a runner that is sending the burn with own ETH
	// (a cancel is too late).
	Sending = "sending"
	// Burned: the leaf is burned (by us, a relay, or someone else).
	Burned = "burned"
	// Cancelled: the message left Junk before the burn was sent.
	Cancelled = "cancelled"
	// Failed: given up; Error says why.
	Failed = "failed"
)

// Final reports whether an entry's state never changes again.
func Final(state string) bool { return state == Burned || state == Cancelled || state == Failed }

// Submission is one relay that was asked for the burn.
type Submission struct {
	URL       string    `json:"url"`
	RequestID string    `json:"requestId"`
	At        time.Time `json:"at"`
}

// Entry is one punishment: the burn of one leaf. It holds the leaf's
// secret until the leaf is burned; the file is mode 0600.
type Entry struct {
	ID   string     `json:"id"` // relay.Burn.ID()
	Burn relay.Burn `json:"burn"`
	// Due is when the burn may go (the end of the undo window).
	Due   time.Time `json:"due"`
	State string    `json:"state"`
	// UseRelays are the relays to try, in order, as configured when the
	// punishment was queued; empty: the burn is paid with own ETH.
	// Relays are the ones asked so far, in order.
	UseRelays []string     `json:"useRelays,omitempty"`
	Relays    []Submission `json:"relays,omitempty"`
	// CancelWanted: the message left Junk, and a relay holding the burn
	// could not be told yet.
	CancelWanted bool `json:"cancelWanted,omitempty"`
	Attempts     int  `json:"attempts,omitempty"`
	// Next is when the runner looks at the entry again.
	Next    time.Time `json:"next"`
	Tx      string    `json:"tx,omitempty"`
	Error   string    `json:"error,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

var bucket = []byte("punish")

// Queue is the local punishment queue (a bbolt file). Commands open it
// for one operation and close it, so that several (the Dovecot pipe, cron
// and serve) can share it.
type Queue struct{ db *bbolt.DB }

// OpenQueue opens (or creates) the queue at path, waiting up to timeout
// for another process's lock.
func OpenQueue(path string, timeout time.Duration) (*Queue, error) {
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: timeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("open punish queue %s: still locked by another process after %v", path, timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("open punish queue %s: %w", path, err)
	}
	if err := db.Update(func(tx *bbolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucket)
		return err
	}); err != nil {
		db.Close()
		return nil, fmt.Errorf("init punish queue %s: %w", path, err)
	}
	return &Queue{db: db}, nil
}

// Close releases the file.
func (q *Queue) Close() error { return q.db.Close() }

func get(tx *bbolt.Tx, id string) (*Entry, error) {
	v := tx.Bucket(bucket).Get([]byte(id))
	if v == nil {
		return nil, nil
	}
	e := new(Entry)
	if err := json.Unmarshal(v, e); err != nil {
		return nil, fmt.Errorf("punish queue entry %s: %w", id, err)
	}
	return e, nil
}

func put(tx *bbolt.Tx, e *Entry) error {
	v, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return tx.Bucket(bucket).Put([]byte(e.ID), v)
}

// Get reads an entry (nil if there is none).
func (q *Queue) Get(id string) (*Entry, error) {
	var e *Entry
	err := q.db.View(func(tx *bbolt.Tx) error {
		var err error
		e, err = get(tx, id)
		return err
	})
	return e, err
}

// Add records a punishment unless one for the leaf is pending already:
// then it returns that one and dup. A cancelled or failed one is replaced
// (the message went to Junk again).
func (q *Queue) Add(e *Entry) (out *Entry, dup bool, err error) {
	err = q.db.Update(func(tx *bbolt.Tx) error {
		old, err := get(tx, e.ID)
		if err != nil {
			return err
		}
		if old != nil && !(old.State == Cancelled || old.State == Failed) {
			out, dup = old, true
			return nil
		}
		out = e
		return put(tx, e)
	})
	return out, dup, err
}

// Put writes an entry.
func (q *Queue) Put(e *Entry) error {
	return q.db.Update(func(tx *bbolt.Tx) error { return put(tx, e) })
}

// Update applies fn to the entry id in one transaction; fn returning an
// error aborts. It returns the entry after fn (nil if there is none).
func (q *Queue) Update(id string, fn func(*Entry) error) (*Entry, error) {
	var out *Entry
	err := q.db.Update(func(tx *bbolt.Tx) error {
		e, err := get(tx, id)
		if err != nil || e == nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
		out = e
		return put(tx, e)
	})
	return out, err
}

// Pending lists the entries that are not final and whose Next is not
// after now.
func (q *Queue) Pending(now time.Time) ([]*Entry, error) {
	var out []*Entry
	err := q.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucket).ForEach(func(k, v []byte) error {
			e := new(Entry)
			if err := json.Unmarshal(v, e); err != nil {
				return fmt.Errorf("punish queue entry %s: %w", k, err)
			}
			if !Final(e.State) && !e.Next.After(now) {
				out = append(out, e)
			}
			return nil
		})
	})
	return out, err
}

// Purge deletes final entries last changed before keepBefore.
func (q *Queue) Purge(keepBefore time.Time) (int, error) {
	n := 0
	err := q.db.Update(func(tx *bbolt.Tx) error {
		var done [][]byte
		err := tx.Bucket(bucket).ForEach(func(k, v []byte) error {
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			if Final(e.State) && e.Updated.Before(keepBefore) {
				done = append(done, append([]byte(nil), k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range done {
			if err := tx.Bucket(bucket).Delete(k); err != nil {
				return err
			}
		}
		n = len(done)
		return nil
	})
	return n, err
}
