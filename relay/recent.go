package relay

import (
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"

	bbolt "go.etcd.io/bbolt"
)

// Refusal is a request the relay did not take: when, its code and why.
type Refusal struct {
	At      time.Time
	Code    string
	Message string
}

// refusalLog keeps the last refusals in memory (the dashboard shows them).
type refusalLog struct {
	mu   sync.Mutex
	last []Refusal
}

const maxRefusals = 50

func (l *refusalLog) add(code, msg string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.last) == maxRefusals {
		l.last = append(l.last[:0], l.last[1:]...)
	}
	l.last = append(l.last, Refusal{At: time.Now(), Code: code, Message: msg})
}

// Refusals are the most recent refusals since the relay started, newest
// first.
func (r *Relay) Refusals() []Refusal {
	r.refusals.mu.Lock()
	defer r.refusals.mu.Unlock()
	out := make([]Refusal, len(r.refusals.last))
	for i, f := range r.refusals.last {
		out[len(out)-1-i] = f
	}
	return out
}

// Recent is the status of the n requests updated last, newest first. A
// status carries no secret.
func (r *Relay) Recent(n int) ([]Status, error) {
	var recs []*record
	err := r.store.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(requestsBucket).ForEach(func(k, v []byte) error {
			rec := new(record)
			if err := json.Unmarshal(v, rec); err != nil {
				return fmt.Errorf("relay request %s: %w", k, err)
			}
			recs = append(recs, rec)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].Updated.After(recs[j].Updated) })
	out := make([]Status, 0, min(n, len(recs)))
	for _, rec := range recs[:min(n, len(recs))] {
		out = append(out, rec.status())
	}
	return out, nil
}
