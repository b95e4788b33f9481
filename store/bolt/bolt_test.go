package bolt

import (
	"context"
	"errors"
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

// Spends that arrive while a commit runs share the next one, and each gets
// its own answer: a stamp spent twice in one group is refused the second
// time, whichever message commits first.
func TestGroupCommitShares(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "spent.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	exp := time.Now().Add(time.Hour)
	const spenders, each = 32, 8
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := map[string]int{}
	errs := make(chan error, spenders*each)
	for g := range spenders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				// Spender g and g^1 race for the same stamps, each for a
				// message of its own.
				key := fmt.Sprintf("1:20:260101:k%d.%d@example.com::r:c", g/2, i)
				switch err := s.Spend(ctx, key, fmt.Sprintf("msg-%d", g), exp); {
				case err == nil:
					mu.Lock()
					won[key]++
					mu.Unlock()
				case !errors.Is(err, postage.ErrSpent):
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(won) != spenders/2*each {
		t.Fatalf("%d stamps accepted, want %d", len(won), spenders/2*each)
	}
	for k, n := range won {
		if n != 1 {
			t.Errorf("%s accepted %d times", k, n)
		}
	}
	if n, _ := s.Len(); n != spenders/2*each {
		t.Errorf("store holds %d stamps, want %d", n, spenders/2*each)
	}
	if s.commits >= spenders*each/2 {
		t.Errorf("%d commits for %d concurrent spends: the group commit does not group", s.commits, spenders*each)
	}
	t.Logf("%d spends in %d commits", spenders*each, s.commits)
}

// A commit that fails fails its whole group with an error, and the Spends
// queued behind it still get their turn (and their error): none hangs.
func TestGroupCommitFailureReachesEveryone(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "spent.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Close() // as if the file went away under the store
	ctx := context.Background()
	errs := make(chan error)
	for i := range 16 {
		go func() {
			errs <- s.Spend(ctx, fmt.Sprintf("stamp-%d", i), "msg", time.Now().Add(time.Hour))
		}()
	}
	timeout := time.After(10 * time.Second)
	for range 16 {
		select {
		case err := <-errs:
			if err == nil || errors.Is(err, postage.ErrSpent) {
				t.Fatalf("spend on a closed file: %v, want an error", err)
			}
		case <-timeout:
			t.Fatal("spends on a closed file did not return")
		}
	}
}

// The two commit modes, side by side in one run: the group commit (the
// default) and bbolt's Batch with the 2 ms window it replaced.
var benchModes = []struct {
	name string
	opts *Options
}{{"group", nil}, {"batch2ms", &Options{BatchDelay: 2 * time.Millisecond}}}

// openBench opens a store for one benchmark, closed at its end.
func openBench(b *testing.B, opts *Options) *Store {
	s, err := Open(filepath.Join(b.TempDir(), "spent.db"), opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkSpend measures accepted stamps per second with 32 concurrent
// spenders per CPU sharing commits, every commit fsynced.
func BenchmarkSpend(b *testing.B) {
	for _, m := range benchModes {
		b.Run(m.name, func(b *testing.B) {
			s := openBench(b, m.opts)
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
		})
	}
}

// BenchmarkSpendAlone measures one spender on its own: each Spend waits for
// its own commit, so ns/op is the latency a lone message sees.
func BenchmarkSpendAlone(b *testing.B) {
	for _, m := range benchModes {
		b.Run(m.name, func(b *testing.B) {
			s := openBench(b, m.opts)
			ctx := context.Background()
			exp := time.Now().Add(time.Hour)
			for i := 0; b.Loop(); i++ {
				if err := s.Spend(ctx, fmt.Sprintf("1:20:260101:alone%d@example.com::r:c", i), "msg", exp); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
