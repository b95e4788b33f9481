// Package storetest is the conformance suite every postage.SpentStore
// passes: the bbolt store and the Redis store run the same tests.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/postage-mail/postage"
)

// Open returns a fresh, empty store; reopen (may be nil) returns a new handle
// on the same data after the first is closed, to test durability.
type Open func(t *testing.T) (store postage.SpentStore, reopen func() postage.SpentStore)

// Options describe how a store behaves where stores may differ.
type Options struct {
	// SelfExpiring stores forget a stamp at its expiry by themselves
	// (Redis TTLs): Purge has nothing to do and must report 0.
	SelfExpiring bool
}

// Run runs the suite.
func Run(t *testing.T, open Open) { RunWith(t, open, Options{}) }

// RunWith runs the suite for a store with these options.
func RunWith(t *testing.T, open Open, opts Options) {
	ctx := context.Background()
	future := time.Now().Add(time.Hour).Truncate(time.Second)

	t.Run("SpendOnce", func(t *testing.T) {
		s, _ := open(t)
		defer s.Close()
		if err := s.Spend(ctx, "stamp-a", future); err != nil {
			t.Fatalf("first spend: %v", err)
		}
		if err := s.Spend(ctx, "stamp-a", future); !errors.Is(err, postage.ErrSpent) {
			t.Fatalf("second spend: %v, want ErrSpent", err)
		}
		if err := s.Spend(ctx, "stamp-b", future); err != nil {
			t.Fatalf("other stamp: %v", err)
		}
	})

	t.Run("ConcurrentExactlyOneWins", func(t *testing.T) {
		s, _ := open(t)
		defer s.Close()
		for round := 0; round < 20; round++ {
			stamp := fmt.Sprintf("race-%d", round)
			var wins atomic.Int32
			var wg sync.WaitGroup
			errs := make(chan error, 16)
			for i := 0; i < 16; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					switch err := s.Spend(ctx, stamp, future); {
					case err == nil:
						wins.Add(1)
					case !errors.Is(err, postage.ErrSpent):
						errs <- err
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatalf("spend: %v", err)
			}
			if wins.Load() != 1 {
				t.Fatalf("round %d: %d winners, want exactly 1", round, wins.Load())
			}
		}
	})

	t.Run("DurableAcrossReopen", func(t *testing.T) {
		s, reopen := open(t)
		if reopen == nil {
			s.Close()
			t.Skip("store has no separate handle to reopen")
		}
		if err := s.Spend(ctx, "durable", future); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s = reopen()
		defer s.Close()
		if err := s.Spend(ctx, "durable", future); !errors.Is(err, postage.ErrSpent) {
			t.Fatalf("after reopen: %v, want ErrSpent", err)
		}
	})

	t.Run("PurgeRemovesOnlyExpired", func(t *testing.T) {
		s, _ := open(t)
		defer s.Close()
		now := time.Now().Truncate(time.Second)
		must := func(stamp string, exp time.Time) {
			if err := s.Spend(ctx, stamp, exp); err != nil {
				t.Fatalf("spend %s: %v", stamp, err)
			}
		}
		must("old-1", now.Add(-time.Hour))
		must("old-2", now)
		must("new", now.Add(time.Hour))
		must("forever", time.Time{})
		n, err := s.Purge(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		want := 2
		if opts.SelfExpiring {
			want = 0
		}
		if n != want {
			t.Errorf("purged %d, want %d", n, want)
		}
		for stamp, spent := range map[string]bool{"old-1": false, "old-2": false, "new": true, "forever": true} {
			err := s.Spend(ctx, stamp, now.Add(2*time.Hour))
			if spent != errors.Is(err, postage.ErrSpent) {
				t.Errorf("%s after purge: %v (want spent=%v)", stamp, err, spent)
			}
		}
	})

	t.Run("CancelledContext", func(t *testing.T) {
		s, _ := open(t)
		defer s.Close()
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.Spend(cctx, "cancelled", future); err == nil {
			t.Fatal("spend with a cancelled context succeeded")
		}
		if err := s.Spend(ctx, "cancelled", future); err != nil {
			t.Fatalf("a cancelled spend must not record the stamp: %v", err)
		}
	})

	if opts.SelfExpiring {
		t.Run("ExpiresByItself", func(t *testing.T) {
			s, _ := open(t)
			defer s.Close()
			exp := time.Now().Add(500 * time.Millisecond)
			if err := s.Spend(ctx, "soon", exp); err != nil {
				t.Fatal(err)
			}
			if err := s.Spend(ctx, "soon", exp); !errors.Is(err, postage.ErrSpent) {
				t.Fatalf("before expiry: %v, want ErrSpent", err)
			}
			time.Sleep(time.Until(exp) + 200*time.Millisecond)
			if err := s.Spend(ctx, "soon", time.Now().Add(time.Hour)); err != nil {
				t.Fatalf("after expiry, without Purge: %v, want the stamp forgotten", err)
			}
		})
	}
}
