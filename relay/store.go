package relay

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	bbolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// The queue file's buckets.
var (
	requestsBucket = []byte("requests") // id -> record (JSON)
	dueBucket      = []byte("due")      // next attempt (8 bytes, unix ns) ‖ id -> nothing; queued requests only
	txsBucket      = []byte("txs")      // tx hash -> txRecord (JSON); signed, maybe broadcast, not settled
	stampsBucket   = []byte("stamps")   // work stamp -> expiry (8 bytes, unix s)
	stampExpBucket = []byte("stampexp") // expiry ‖ stamp -> nothing, to purge in order
	minedBucket    = []byte("mined")    // tx hash -> txRecord (JSON) of a mined, settled transaction, kept to re-check it
)

// errReplayed: the work stamp was spent before.
var errReplayed = errors.New("work stamp already used")

// record is one request (one leaf) in the queue. It holds the secret
// until the leaf is burned; the file is the relay's own (mode 0600).
type record struct {
	ID string `json:"id"`
	// Kind is kindReveal for a ticket reveal, "" for a burn (the queue
	// files of relays before reveals hold burns only).
	Kind      string         `json:"kind,omitempty"`
	ChainID   uint64         `json:"chainId"`
	Contract  common.Address `json:"contract"`
	DepositID common.Hash    `json:"depositId"`
	Secret    common.Hash    `json:"secret"`
	Index     uint32         `json:"index"`
	Proof     []common.Hash  `json:"proof"`
	State     string         `json:"state"`
	Attempts  int            `json:"attempts"`
	Next      time.Time      `json:"next"`
	Error     string         `json:"error,omitempty"`
	Tx        common.Hash    `json:"tx"`
	Block     uint64         `json:"block,omitempty"`
	Bounty    string         `json:"bounty,omitempty"`
	// A reveal's ticket (Index is its index) and what the contract needs.
	Book      common.Hash    `json:"book,omitempty"`
	Value     common.Hash    `json:"value,omitempty"`
	Buyer     common.Address `json:"buyer,omitempty"`
	Binding   common.Hash    `json:"binding,omitempty"`
	Signature hexutil.Bytes  `json:"signature,omitempty"`
	// BookBounty is the book's bounty per reveal, read when accepted.
	BookBounty string `json:"bookBounty,omitempty"`
	// Queued: the reveal's payout waits in the book's queue.
	Queued bool `json:"queued,omitempty"`
	// Group: the request came out of a transaction that failed as a
	// whole, and shares transactions only with its group.
	Group string `json:"group,omitempty"`
	// Holds are the submissions that asked for the burn with a cancel
	// hash (the recipient's undo window), each with its not-before time.
	// Firm is set once any submission asked without one (it cannot be
	// cancelled), FirmAt the earliest not-before among those. Held is the
	// earliest time any submission lets the burn go. Records written
	// before holds existed have none and count as firm.
	Holds   []holdRec `json:"holds,omitempty"`
	Firm    bool      `json:"firm,omitempty"`
	FirmAt  time.Time `json:"firmAt,omitzero"`
	Held    time.Time `json:"held,omitzero"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// holdRec is one cancellable submission of a burn.
type holdRec struct {
	CancelHash common.Hash `json:"cancelHash"`
	NotBefore  time.Time   `json:"notBefore,omitzero"`
}

// cancellable reports whether a cancel can still withdraw the request:
// every submission so far carried a cancel hash.
func (r *record) cancellable() bool { return len(r.Holds) > 0 && !r.Firm }

// addHold records one more submission's hold and recomputes Held.
func (r *record) addHold(h Hold) {
	if h.Cancellable() {
		for i, x := range r.Holds {
			if x.CancelHash == h.CancelHash {
				if h.NotBefore.Before(x.NotBefore) {
					r.Holds[i].NotBefore = h.NotBefore
				}
				r.recomputeHeld()
				return
			}
		}
		r.Holds = append(r.Holds, holdRec{CancelHash: h.CancelHash, NotBefore: h.NotBefore})
	} else if !r.Firm || h.NotBefore.Before(r.FirmAt) {
		r.Firm, r.FirmAt = true, h.NotBefore
	}
	r.recomputeHeld()
}

func (r *record) recomputeHeld() {
	first := true
	var t time.Time
	consider := func(x time.Time) {
		if first || x.Before(t) {
			t, first = x, false
		}
	}
	if r.Firm {
		consider(r.FirmAt)
	}
	for _, h := range r.Holds {
		consider(h.NotBefore)
	}
	r.Held = t
}

// schedule sets when a queued request that was never attempted goes:
// after its batch window and not before it is held to.
func (r *record) schedule(batchWait time.Duration) {
	if r.Attempts > 0 {
		if r.Next.Before(r.Held) {
			r.Next = r.Held
		}
		return
	}
	r.Next = r.Created.Add(batchWait)
	if r.Next.Before(r.Held) {
		r.Next = r.Held
	}
}

func (r *record) burn() Burn {
	return Burn{ChainID: r.ChainID, Contract: r.Contract, DepositID: r.DepositID, Secret: r.Secret, Index: r.Index, Proof: r.Proof}
}

func (r *record) status() Status {
	s := Status{
		ID: r.ID, Status: r.State, Kind: "burn", ChainID: r.ChainID, Contract: r.Contract.Hex(),
		Index: r.Index, Attempts: r.Attempts, Error: r.Error,
		Block: r.Block, Bounty: r.Bounty, Queued: r.Queued, CreatedAt: r.Created, UpdatedAt: r.Updated,
	}
	if r.Kind == kindReveal {
		s.Kind, s.Book = kindReveal, r.Book.Hex()
	} else {
		s.DepositID = r.DepositID.Hex()
	}
	if r.State == StateQueued {
		next := r.Next
		s.NextAttempt = &next
	}
	if !r.Held.IsZero() {
		held := r.Held
		s.NotBefore = &held
	}
	s.Cancellable = r.cancellable()
	if r.Tx != (common.Hash{}) {
		s.Tx = r.Tx.Hex()
	}
	return s
}

// txRecord is a signed transaction written before it is broadcast, so a
// restart rebroadcasts exactly it instead of signing another.
type txRecord struct {
	Hash    common.Hash   `json:"hash"`
	Raw     hexutil.Bytes `json:"raw"`
	Nonce   uint64        `json:"nonce"`
	IDs     []string      `json:"ids"`
	Created time.Time     `json:"created"`
	// Block and BlockHash: where the transaction was mined (mined
	// transactions only), and Settled when the relay read its receipt.
	Block     uint64      `json:"block,omitempty"`
	BlockHash common.Hash `json:"blockHash,omitempty"`
	Settled   time.Time   `json:"settled,omitzero"`
}

// store is the relay's bbolt file: the request queue, the transactions in
// flight and the spent work stamps. bbolt syncs every commit, so whatever
// a call returned survives a crash.
type store struct {
	db *bbolt.DB
}

func openStore(path string, lockTimeout time.Duration) (*store, error) {
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: lockTimeout, FreelistType: bbolt.FreelistMapType})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("open relay queue %s: locked by another process (another relay on the same file?)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("open relay queue %s: %w", path, err)
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		for _, b := range [][]byte{requestsBucket, dueBucket, txsBucket, stampsBucket, stampExpBucket, minedBucket} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("init relay queue %s: %w", path, err)
	}
	return &store{db: db}, nil
}

func (s *store) close() error { return s.db.Close() }

func be64(v uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	return b[:]
}

func unixSec(t time.Time) uint64 {
	if t.Unix() <= 0 {
		return 0
	}
	return uint64(t.Unix())
}

func dueKey(next time.Time, id string) []byte {
	ns := next.UnixNano()
	if ns < 0 {
		ns = 0
	}
	return append(be64(uint64(ns)), id...)
}

// spendStamp records a work stamp until it expires; errReplayed if it is
// there already.
func (s *store) spendStamp(stamp string, expires time.Time) error {
	if len(stamp) == 0 || len(stamp) > bbolt.MaxKeySize-8 {
		return fmt.Errorf("work stamp of %d bytes cannot be stored", len(stamp))
	}
	exp := be64(unixSec(expires))
	return s.db.Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(stampsBucket)
		if b.Get([]byte(stamp)) != nil {
			return errReplayed
		}
		if err := b.Put([]byte(stamp), exp); err != nil {
			return err
		}
		return tx.Bucket(stampExpBucket).Put(append(exp, stamp...), nil)
	})
}

// unspendStamp forgets a stamp whose request got no answer (the chain
// could not be read), so the client may retry with the same work.
func (s *store) unspendStamp(stamp string) error {
	return s.db.Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(stampsBucket)
		v := b.Get([]byte(stamp))
		if v == nil {
			return nil
		}
		if err := tx.Bucket(stampExpBucket).Delete(append(append([]byte(nil), v...), stamp...)); err != nil {
			return err
		}
		return b.Delete([]byte(stamp))
	})
}

func getRecord(tx *bbolt.Tx, id string) (*record, error) {
	v := tx.Bucket(requestsBucket).Get([]byte(id))
	if v == nil {
		return nil, nil
	}
	r := new(record)
	if err := json.Unmarshal(v, r); err != nil {
		return nil, fmt.Errorf("request %s in queue: %w", id, err)
	}
	return r, nil
}

// putRecord writes r and keeps the due index in step with its state: a
// queued request has exactly one due key, any other none.
func putRecord(tx *bbolt.Tx, old, r *record) error {
	due := tx.Bucket(dueBucket)
	if old != nil && old.State == StateQueued {
		if err := due.Delete(dueKey(old.Next, old.ID)); err != nil {
			return err
		}
	}
	if r.State == StateQueued {
		if err := due.Put(dueKey(r.Next, r.ID), nil); err != nil {
			return err
		}
	}
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return tx.Bucket(requestsBucket).Put([]byte(r.ID), v)
}

func (s *store) get(id string) (*record, error) {
	var r *record
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		r, err = getRecord(tx, id)
		return err
	})
	return r, err
}

// errQueueFull: maxQueued requests are waiting already.
var errQueueFull = errors.New("queue full")

// accept queues r unless its leaf is already asked for: then it returns
// the existing request and dup. A request that failed before is replaced
// (the new one passed the checks again).
func (s *store) accept(r *record, h Hold, batchWait time.Duration, maxQueued int) (out *record, dup bool, err error) {
	err = s.db.Update(func(tx *bbolt.Tx) error {
		old, err := getRecord(tx, r.ID)
		if err != nil {
			return err
		}
		if old != nil && old.State != StateFailed && old.State != StateCancelled {
			out, dup = old, true
			if old.State != StateQueued {
				return nil
			}
			// Another submitter asks for the same leaf: its hold joins
			// (a creator's own request, which it may cancel, never
			// cancels the recipient's).
			m := *old
			m.Holds = append([]holdRec(nil), old.Holds...)
			if len(m.Holds) == 0 && !m.Firm {
				m.Firm = true // a record from before holds
			}
			m.addHold(h)
			m.schedule(batchWait)
			out = &m
			return putRecord(tx, old, &m)
		}
		r.addHold(h)
		if r.Next.Before(r.Held) {
			r.Next = r.Held
		}
		if maxQueued > 0 && tx.Bucket(dueBucket).Stats().KeyN >= maxQueued {
			return errQueueFull
		}
		out, dup = r, false
		return putRecord(tx, old, r)
	})
	return out, dup, err
}

// due returns up to max queued requests whose next attempt is not after
// now, oldest first, and the time of the earliest one not yet due (zero
// if none). When some are due, requests still in their batch window (never
// attempted) join them, so that they share the transaction.
func (s *store) due(now time.Time, max int) (recs []*record, next time.Time, err error) {
	err = s.db.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket(dueBucket).Cursor()
		limit := uint64(now.UnixNano())
		scanned := 0
		for k, _ := c.First(); k != nil && len(recs) < max; k, _ = c.Next() {
			if len(k) < 8 {
				continue
			}
			at := binary.BigEndian.Uint64(k[:8])
			if at > limit {
				if len(recs) == 0 {
					next = time.Unix(0, int64(at))
					return nil
				}
				// Look a little way ahead for fresh requests only.
				if scanned++; scanned > 4*max {
					return nil
				}
			}
			r, err := getRecord(tx, string(k[8:]))
			if err != nil {
				return err
			}
			if r == nil || (at > limit && (r.Attempts > 0 || r.Held.After(now))) {
				continue
			}
			recs = append(recs, r)
		}
		return nil
	})
	return recs, next, err
}

// Cancel outcomes besides a changed record.
var (
	errNotFound      = errors.New("no such request")
	errTooLate       = errors.New("the request is no longer waiting")
	errNotAuthorized = errors.New("the token matches no cancellable submission of this request")
)

// cancel withdraws the submission whose cancel hash is hash from a
// queued request. The request is cancelled when no submission that
// wants it remains; otherwise it waits for the remaining ones.
func (s *store) cancel(id string, hash common.Hash, batchWait time.Duration, now time.Time) (*record, error) {
	var out *record
	err := s.db.Update(func(tx *bbolt.Tx) error {
		old, err := getRecord(tx, id)
		if err != nil {
			return err
		}
		if old == nil {
			return errNotFound
		}
		out = old
		i := -1
		for k, h := range old.Holds {
			if h.CancelHash == hash {
				i = k
			}
		}
		switch {
		case old.State == StateCancelled && i >= 0:
			return nil // cancelled already: the same answer again
		case i < 0:
			return errNotAuthorized
		case old.State != StateQueued:
			return errTooLate
		}
		r := *old
		r.Holds = append(append([]holdRec(nil), old.Holds[:i]...), old.Holds[i+1:]...)
		r.Updated = now
		if len(r.Holds) == 0 && !r.Firm {
			r.State, r.Error = StateCancelled, ""
			r.Holds = old.Holds[i : i+1] // remember who cancelled, to answer a repeat
		} else {
			r.recomputeHeld()
			r.schedule(batchWait)
		}
		out = &r
		return putRecord(tx, old, &r)
	})
	return out, err
}

// records reads the requests with these ids (those still there).
func (s *store) records(ids []string) ([]*record, error) {
	var out []*record
	err := s.db.View(func(tx *bbolt.Tx) error {
		for _, id := range ids {
			r, err := getRecord(tx, id)
			if err != nil {
				return err
			}
			if r != nil {
				out = append(out, r)
			}
		}
		return nil
	})
	return out, err
}

// update applies fn to each request in one transaction.
func (s *store) update(ids []string, fn func(*record)) error {
	return s.db.Update(func(tx *bbolt.Tx) error { return applyTo(tx, ids, fn) })
}

// markSent records a signed transaction and moves its requests to sent, in
// one commit, before anything is broadcast.
func (s *store) markSent(t *txRecord, now time.Time) error {
	v, err := json.Marshal(t)
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *bbolt.Tx) error {
		if err := tx.Bucket(txsBucket).Put(t.Hash[:], v); err != nil {
			return err
		}
		for _, id := range t.IDs {
			old, err := getRecord(tx, id)
			if err != nil {
				return err
			}
			if old == nil {
				return fmt.Errorf("request %s vanished from the queue", id)
			}
			r := *old
			r.State, r.Tx, r.Error, r.Updated = StateSent, t.Hash, "", now
			if err := putRecord(tx, old, &r); err != nil {
				return err
			}
		}
		return nil
	})
}

// settle forgets a transaction and applies fn to each of its requests, in
// one commit.
func (s *store) settle(t *txRecord, fn func(*record)) error {
	return s.db.Update(func(tx *bbolt.Tx) error {
		if err := tx.Bucket(txsBucket).Delete(t.Hash[:]); err != nil {
			return err
		}
		return applyTo(tx, t.IDs, fn)
	})
}

// applyTo applies fn to each of the requests ids that still exist, in tx.
func applyTo(tx *bbolt.Tx, ids []string, fn func(*record)) error {
	for _, id := range ids {
		old, err := getRecord(tx, id)
		if err != nil {
			return err
		}
		if old == nil {
			continue
		}
		r := *old
		fn(&r)
		if err := putRecord(tx, old, &r); err != nil {
			return err
		}
	}
	return nil
}

// settleMined is settle for a transaction that was mined: it is kept in
// the mined bucket, so that a chain rewind that loses it can be noticed
// and the very same transaction sent again.
func (s *store) settleMined(t *txRecord, fn func(*record)) error {
	v, err := json.Marshal(t)
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *bbolt.Tx) error {
		if err := tx.Bucket(minedBucket).Put(t.Hash[:], v); err != nil {
			return err
		}
		if err := tx.Bucket(txsBucket).Delete(t.Hash[:]); err != nil {
			return err
		}
		return applyTo(tx, t.IDs, fn)
	})
}

// mined lists the mined transactions kept for re-checking.
func (s *store) mined() ([]*txRecord, error) { return s.txRecords(minedBucket, "mined transaction") }

// unmine puts a mined transaction that the chain no longer has (or has
// in another block) back in flight, with the same signed bytes, and its
// requests that it settled back to sent: the sender then settles it
// again from its new receipt, or broadcasts it again. Requests settled
// since by something else (Tx differs) are left alone.
func (s *store) unmine(t *txRecord, now time.Time) error {
	t2 := *t
	t2.Block, t2.BlockHash, t2.Settled = 0, common.Hash{}, time.Time{}
	v, err := json.Marshal(&t2)
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *bbolt.Tx) error {
		if err := tx.Bucket(minedBucket).Delete(t.Hash[:]); err != nil {
			return err
		}
		if err := tx.Bucket(txsBucket).Put(t.Hash[:], v); err != nil {
			return err
		}
		for _, id := range t.IDs {
			old, err := getRecord(tx, id)
			if err != nil {
				return err
			}
			if old == nil || (old.Tx != t.Hash && old.Tx != (common.Hash{})) || !Final(old.State) {
				continue
			}
			if old.Tx == (common.Hash{}) && old.State != StateAlreadyBurned && old.State != StateAlreadyRevealed {
				continue
			}
			r := *old
			r.State, r.Tx, r.Block, r.Bounty, r.Queued, r.Error, r.Updated = StateSent, t.Hash, 0, "", false, "", now
			if err := putRecord(tx, old, &r); err != nil {
				return err
			}
		}
		return nil
	})
}

// inFlight lists the transactions signed and not yet settled.
func (s *store) inFlight() ([]*txRecord, error) { return s.txRecords(txsBucket, "transaction") }

// txRecords lists the transactions in bucket (what names them in errors).
func (s *store) txRecords(bucket []byte, what string) ([]*txRecord, error) {
	var out []*txRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucket).ForEach(func(_, v []byte) error {
			t := new(txRecord)
			if err := json.Unmarshal(v, t); err != nil {
				return fmt.Errorf("%s in queue: %w", what, err)
			}
			out = append(out, t)
			return nil
		})
	})
	return out, err
}

// counts returns how many requests are queued and how many are in flight.
func (s *store) counts() (queued, inFlight int, err error) {
	err = s.db.View(func(tx *bbolt.Tx) error {
		queued = tx.Bucket(dueBucket).Stats().KeyN
		return tx.Bucket(txsBucket).ForEach(func(_, v []byte) error {
			var t txRecord
			if err := json.Unmarshal(v, &t); err != nil {
				return err
			}
			inFlight += len(t.IDs)
			return nil
		})
	})
	return queued, inFlight, err
}

// purge deletes expired stamps and final requests last changed before
// keepBefore.
func (s *store) purge(now, keepBefore time.Time) (stamps, requests int, err error) {
	err = s.db.Update(func(tx *bbolt.Tx) error {
		stamps, requests = 0, 0
		// Keys are collected first: deleting under a moving cursor can
		// skip entries.
		var expired [][]byte
		limit := unixSec(now)
		c := tx.Bucket(stampExpBucket).Cursor()
		for k, _ := c.First(); len(k) >= 8 && binary.BigEndian.Uint64(k[:8]) <= limit; k, _ = c.Next() {
			expired = append(expired, append([]byte(nil), k...))
		}
		for _, k := range expired {
			if err := tx.Bucket(stampsBucket).Delete(k[8:]); err != nil {
				return err
			}
			if err := tx.Bucket(stampExpBucket).Delete(k); err != nil {
				return err
			}
		}
		stamps = len(expired)
		var err error
		requests, err = deleteWhere(tx.Bucket(requestsBucket), func(v []byte) (bool, error) {
			var r record
			if err := json.Unmarshal(v, &r); err != nil {
				return false, err
			}
			return Final(r.State) && r.Updated.Before(keepBefore), nil
		})
		if err != nil {
			return err
		}
		_, err = deleteWhere(tx.Bucket(minedBucket), func(v []byte) (bool, error) {
			var t txRecord
			if err := json.Unmarshal(v, &t); err != nil {
				return false, err
			}
			return t.Settled.Before(keepBefore), nil
		})
		if err != nil {
			return err
		}
		return nil
	})
	return stamps, requests, err
}

// deleteWhere deletes the entries of b whose value drop selects, and
// says how many (the keys are gathered first: bbolt forbids deleting
// while iterating).
func deleteWhere(b *bbolt.Bucket, drop func(v []byte) (bool, error)) (int, error) {
	var keys [][]byte
	err := b.ForEach(func(k, v []byte) error {
		ok, err := drop(v)
		if ok {
			keys = append(keys, append([]byte(nil), k...))
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}
