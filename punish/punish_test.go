package punish

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/relay"
)

// The key is made once (0600) and read back the same; tokens differ per
// request and per key; a damaged key file is an error, never a new key.
func TestKeyAndToken(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", KeyFile)
	k1, err := LoadKey(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v; want 0600", err, fi.Mode())
	}
	k2, err := LoadKey(path)
	if err != nil || k2 != k1 {
		t.Fatalf("second load: %x, %v; want the same key", k2, err)
	}
	if k1 == ([32]byte{}) {
		t.Fatal("zero key")
	}
	a, b := CancelToken(k1, "aa"), CancelToken(k1, "bb")
	if a == b || a != CancelToken(k1, "aa") {
		t.Error("tokens are not per request, or not deterministic")
	}
	other, err := LoadKey(filepath.Join(dir, "other.key"))
	if err != nil {
		t.Fatal(err)
	}
	if CancelToken(other, "aa") == a {
		t.Error("two keys give the same token")
	}
	if err := os.WriteFile(path, []byte("short"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKey(path); err == nil {
		t.Error("a 5-byte key file was accepted")
	}
}

// The queue keeps one pending punishment per leaf, lists those due, and
// replaces a cancelled one; final entries are purged after a while.
func TestQueue(t *testing.T) {
	path := filepath.Join(t.TempDir(), QueueFile)
	q, err := OpenQueue(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	// A second opener waits for the lock, then says so.
	if _, err := OpenQueue(path, 100*time.Millisecond); err == nil {
		t.Error("a second process opened the locked queue")
	}
	now := time.Unix(1_800_000_000, 0)
	b := relay.Burn{ChainID: 1, Contract: common.Address{1}, DepositID: common.Hash{2}, Index: 3, Secret: common.Hash{4}}
	e := &Entry{ID: b.ID(), Burn: b, Due: now.Add(time.Hour), State: Waiting, Next: now.Add(time.Hour), Created: now, Updated: now}
	if _, dup, err := q.Add(e); err != nil || dup {
		t.Fatal(dup, err)
	}
	again := *e
	again.Due = now.Add(2 * time.Hour)
	if out, dup, err := q.Add(&again); err != nil || !dup || !out.Due.Equal(e.Due) {
		t.Fatalf("second Add: %+v, dup %v, %v; want the first entry", out, dup, err)
	}
	if due, err := q.Pending(now); err != nil || len(due) != 0 {
		t.Fatalf("pending before due: %d, %v", len(due), err)
	}
	if due, err := q.Pending(now.Add(time.Hour)); err != nil || len(due) != 1 || due[0].Burn.Secret != b.Secret {
		t.Fatalf("pending when due: %v, %v", due, err)
	}
	if _, err := q.Update(e.ID, func(x *Entry) error { x.State, x.Updated = Cancelled, now; return nil }); err != nil {
		t.Fatal(err)
	}
	if due, _ := q.Pending(now.Add(time.Hour)); len(due) != 0 {
		t.Error("a cancelled entry is still pending")
	}
	if out, dup, err := q.Add(&again); err != nil || dup || !out.Due.Equal(again.Due) {
		t.Fatalf("Add after cancel: %+v, dup %v, %v; want the new entry", out, dup, err)
	}
	if _, err := q.Update(e.ID, func(x *Entry) error { x.State, x.Updated = Burned, now; return nil }); err != nil {
		t.Fatal(err)
	}
	if n, err := q.Purge(now); err != nil || n != 0 {
		t.Errorf("purge of entries not older than the limit: %d, %v", n, err)
	}
	if n, err := q.Purge(now.Add(time.Second)); err != nil || n != 1 {
		t.Errorf("purge: %d, %v; want 1", n, err)
	}
	if got, err := q.Get(e.ID); err != nil || got != nil {
		t.Errorf("after purge: %+v, %v", got, err)
	}
}
