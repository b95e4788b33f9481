package agent

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/common"
	bbolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// The agent's state is a bbolt file (agent.db) that every postage process
// on the host opens only for the moment it needs it: the milter recording
// an accepted ticket, `postage punish` erasing a value, the agent's tick.
// It holds no value and no decision: a ticket is either pending (accepted,
// not decided) or done, and "done" says nothing about why (revealed,
// missed, punished or lapsed look the same).
var (
	booksBucket   = []byte("books")   // book id -> BookRecord (JSON)
	ticketsBucket = []byte("tickets") // book id ‖ index (4) -> ticketRecord (JSON)
	seedsBucket   = []byte("seeds")   // randomness block (8) -> nothing: seeds to record
)

// Book states in the agent's store.
const (
	BookOpening = "opening" // vault written, openBook not yet confirmed
	BookOpen    = "open"
	BookRetired = "retired" // no more sales; unsold values erased
	BookClosed  = "closed"  // reserve taken back; vault destroyed
)

// BookRecord is what the agent knows of one of its books.
type BookRecord struct {
	ID       common.Hash    `json:"id"`
	ChainID  uint64         `json:"chainId"`
	Contract common.Address `json:"contract"`
	Owner    common.Address `json:"owner"`
	Agent    common.Address `json:"agent"`
	Root     common.Hash    `json:"root"`
	Leaves   uint32         `json:"leaves"`
	Stake    *big.Int       `json:"stake"`
	Bounty   *big.Int       `json:"bounty"`
	Window   uint32         `json:"window"`
	Created  time.Time      `json:"created"`
	State    string         `json:"state"`
}

// ticketRecord is an accepted ticket. A decided ticket keeps only Done:
// the key must stay (a ticket passes once) but nothing about how it ended.
type ticketRecord struct {
	Done bool `json:"done,omitempty"`
	// Message is the identity of the message the ticket came in (empty:
	// none); the same message again passes while the ticket is undecided.
	Message         string         `json:"message,omitempty"`
	Buyer           common.Address `json:"buyer,omitzero"`
	Binding         common.Hash    `json:"binding,omitzero"`
	Accepted        int64          `json:"accepted,omitempty"` // unix seconds
	DecideAt        int64          `json:"decideAt,omitempty"` // unix seconds
	RandomnessBlock uint64         `json:"randomnessBlock,omitempty"`
	Deadline        uint64         `json:"deadline,omitempty"`
}

func ticketKey(id common.Hash, index uint32) []byte {
	return binary.BigEndian.AppendUint32(append([]byte(nil), id[:]...), index)
}

func splitTicketKey(k []byte) (common.Hash, uint32, bool) {
	if len(k) != 36 {
		return common.Hash{}, 0, false
	}
	return common.BytesToHash(k[:32]), binary.BigEndian.Uint32(k[32:]), true
}

// withDB opens the state file, runs fn and closes it. Processes take turns
// on the file (bbolt's lock); calls in this process are serialised first.
func (a *Agent) withDB(fn func(db *bbolt.DB) error) error {
	a.dbMu.Lock()
	defer a.dbMu.Unlock()
	if err := os.MkdirAll(a.Dir, 0o700); err != nil {
		return fmt.Errorf("agent directory: %w", err)
	}
	db, err := bbolt.Open(a.dbPath(), 0o600, &bbolt.Options{Timeout: a.lockTimeout(), FreelistType: bbolt.FreelistMapType})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("open agent state %s: still locked by another process after %v", a.dbPath(), a.lockTimeout())
	}
	if err != nil {
		return fmt.Errorf("open agent state %s: %w", a.dbPath(), err)
	}
	ferr := db.Update(func(tx *bbolt.Tx) error {
		for _, b := range [][]byte{booksBucket, ticketsBucket, seedsBucket} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if ferr == nil {
		ferr = fn(db)
	}
	if err := db.Close(); err != nil && ferr == nil {
		ferr = fmt.Errorf("close agent state: %w", err)
	}
	return ferr
}

func getJSON[T any](b *bbolt.Bucket, key []byte) (T, bool, error) {
	var v T
	raw := b.Get(key)
	if raw == nil {
		return v, false, nil
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, true, fmt.Errorf("agent state: record %x: %w", key, err)
	}
	return v, true, nil
}

func putJSON(b *bbolt.Bucket, key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, raw)
}

// Books lists the agent's books.
func (a *Agent) Books() ([]BookRecord, error) {
	var out []BookRecord
	err := a.withDB(func(db *bbolt.DB) error {
		return db.View(func(tx *bbolt.Tx) error {
			return tx.Bucket(booksBucket).ForEach(func(k, v []byte) error {
				var r BookRecord
				if err := json.Unmarshal(v, &r); err != nil {
					return fmt.Errorf("agent state: book %x: %w", k, err)
				}
				out = append(out, r)
				return nil
			})
		})
	})
	return out, err
}

// Book is one of the agent's books.
func (a *Agent) Book(id common.Hash) (BookRecord, bool, error) {
	var r BookRecord
	var ok bool
	err := a.withDB(func(db *bbolt.DB) error {
		return db.View(func(tx *bbolt.Tx) error {
			var err error
			r, ok, err = getJSON[BookRecord](tx.Bucket(booksBucket), id[:])
			return err
		})
	})
	return r, ok, err
}

func (a *Agent) putBook(r BookRecord) error {
	return a.withDB(func(db *bbolt.DB) error {
		return db.Update(func(tx *bbolt.Tx) error { return putJSON(tx.Bucket(booksBucket), r.ID[:], r) })
	})
}

// Pending counts the tickets accepted and not yet decided.
func (a *Agent) Pending() (int, error) {
	n := 0
	err := a.withDB(func(db *bbolt.DB) error {
		return db.View(func(tx *bbolt.Tx) error {
			return tx.Bucket(ticketsBucket).ForEach(func(k, v []byte) error {
				var r ticketRecord
				if err := json.Unmarshal(v, &r); err != nil {
					return err
				}
				if !r.Done {
					n++
				}
				return nil
			})
		})
	})
	return n, err
}

// NewestOpen is the newest of books (by Created) that is open and that
// keep accepts (nil: every open one), or nil. An error from keep ends the
// search with it.
func NewestOpen(books []BookRecord, keep func(*BookRecord) (bool, error)) (*BookRecord, error) {
	var newest *BookRecord
	for i := range books {
		b := &books[i]
		if b.State != BookOpen {
			continue
		}
		if keep != nil {
			ok, err := keep(b)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		if newest == nil || b.Created.After(newest.Created) {
			newest = b
		}
	}
	return newest, nil
}
