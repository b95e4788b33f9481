package agent

import (
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	bbolt "go.etcd.io/bbolt"

	"github.com/postage-mail/postage/book"
)

// putTestBook writes a book into the agent's state file the way the agent
// records it (no chain needed to name a book).
func putTestBook(t *testing.T, dir string, r BookRecord) {
	t.Helper()
	db, err := bbolt.Open(filepath.Join(dir, "agent.db"), 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("books"))
		if err != nil {
			return err
		}
		return b.Put(r.ID[:], raw)
	}); err != nil {
		t.Fatal(err)
	}
}

func TestAdvertsNameTheNewestOpenBook(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ads := NewAdverts(dir, []string{"example.org"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ads.now = func() time.Time { return now }

	if v := ads.Value("example.org"); v != "" {
		t.Fatalf("no book yet, header %q", v)
	}
	contract := common.HexToAddress("0xaa")
	putTestBook(t, dir, BookRecord{ID: common.Hash{1}, ChainID: 1337, Contract: contract, Created: now.Add(-3 * time.Hour), State: BookOpen})
	putTestBook(t, dir, BookRecord{ID: common.Hash{2}, ChainID: 1337, Contract: contract, Created: now.Add(-2 * time.Hour), State: BookOpen})
	putTestBook(t, dir, BookRecord{ID: common.Hash{3}, ChainID: 1337, Contract: contract, Created: now.Add(-1 * time.Hour), State: "retired"})

	// Within the TTL the old answer stands; after it the newest open book.
	if v := ads.Value("example.org"); v != "" {
		t.Fatalf("within the TTL, header %q", v)
	}
	now = now.Add(AdvertTTL)
	v := ads.Value("example.org")
	a, err := book.ParseAdvert(v)
	if err != nil {
		t.Fatalf("header %q: %v", v, err)
	}
	if a.Domain != "example.org" || a.ChainID != 1337 || a.Book != [32]byte(common.Hash{2}) {
		t.Fatalf("advert %+v, want book 0x02.. of example.org on chain 1337", a)
	}
	if common.Address(a.Contract) != contract {
		t.Fatalf("contract %s, want %s", a.Contract, contract)
	}
	// Only book.domains are advertised.
	if v := ads.Value("example.net"); v != "" {
		t.Fatalf("example.net is not in book.domains, header %q", v)
	}
}
