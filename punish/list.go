package punish

import (
	"encoding/json"
	"fmt"
	"sort"

	bbolt "go.etcd.io/bbolt"
)

// All lists every entry, newest first (the dashboard's Punishments page).
func (q *Queue) All() ([]*Entry, error) {
	var out []*Entry
	err := q.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucket).ForEach(func(k, v []byte) error {
			e := new(Entry)
			if err := json.Unmarshal(v, e); err != nil {
				return fmt.Errorf("punish queue entry %s: %w", k, err)
			}
			out = append(out, e)
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Created.After(out[j].Created) })
	return out, err
}
