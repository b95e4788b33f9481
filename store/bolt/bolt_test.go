package bolt

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (postage.SpentStore, func() postage.SpentStore) {
		path := filepath.Join(t.TempDir(), "spent.db")
		s, err := Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		return s, func() postage.SpentStore {
			s, err := Open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
	})
}

func TestOpenLockedTimesOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spent.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := Open(path, &Options{LockTimeout: 100 * time.Millisecond}); err == nil {
		t.Fatal("second open of a locked store succeeded")
	}
}

func TestOpenBadPath(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "no", "such", "dir", "spent.db"), nil); err == nil {
		t.Fatal("open in a missing directory succeeded")
	}
}

// BenchmarkSpend measures accepted stamps per second with 64 concurrent
// spenders sharing group commits, every commit fsynced.
func BenchmarkSpend(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "spent.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	exp := time.Now().Add(time.Hour)
	var mu sync.Mutex
	next := 0
	b.SetParallelism(32)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			n := next
			next++
			mu.Unlock()
			if err := s.Spend(ctx, fmt.Sprintf("1:20:260101:bench%d@example.com::r:c", n), "msg", exp); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "spends/s")
}
