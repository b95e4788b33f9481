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
	// Shared stores can be open in several processes at once (Redis): the
	// suite then spends concurrently through two handles, as two milters
	// on two hosts would.
	Shared bool
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
		if err := s.Spend(ctx, "stamp-a", "msg-1", future); err != nil {
			t.Fatalf("first spend: %v", err)
		}
		if err := s.Spend(ctx, "stamp-a", "msg-2", future); !errors.Is(err, postage.ErrSpent) {
			t.Fatalf("second spend for another message: %v, want ErrSpent", err)
		}
		if err := s.Spend(ctx, "stamp-b", "msg-2", future); err != nil {
			t.Fatalf("other stamp: %v", err)
		}
	})

	t.Run("SameMessageAgainIsNotASpend", func(t *testing.T) {
		s, _ := open(t)
		defer s.Close()
		for i := 0; i < 3; i++ { // a retry, a second MX, a late retry
			if err := s.Spend(ctx, "stamp-r", "msg-1", future); err != nil {
				t.Fatalf("spend %d for the same message: %v, want nil", i+1, err)
			}
		}
		if err := s.Spend(ctx, "stamp-r", "msg-2", future); !errors.Is(err, postage.ErrSpent) {
			t.Fatalf("spend for another message: %v, want ErrSpent", err)
		}
		// Still the first message's after the refusal.
		if err := s.Spend(ctx, "stamp-r", "msg-1", future); err != nil {
			t.Fatalf("same message after a refused other: %v", err)
		}
		// A stake leaf, kept forever.
		if err := s.Spend(ctx, "stake:1337:0xc0:ab:2", "msg-1", time.Time{}); err != nil {
			t.Fatal(err)
		}
		if err := s.Spend(ctx, "stake:1337:0xc0:ab:2", "msg-1", time.Time{}); err != nil {
			t.Fatalf("leaf again for the same message: %v", err)
		}
		if err := s.Spend(ctx, "stake:1337:0xc0:ab:2", "msg-3", time.Time{}); !errors.Is(err, postage.ErrSpent) {
			t.Fatalf("leaf for another message: %v, want ErrSpent", err)
		}
	})

	t.Run("EmptyIdentityMatchesNothing", func(t *testing.T) {
		s, _ := open(t)
		defer s.Close()
		if err := s.Spend(ctx, "anon", "", future); err != nil {
			t.Fatal(err)
		}
		for _, msg := range []string{"", "msg-1"} {
			if err := s.Spend(ctx, "anon", msg, future); !errors.Is(err, postage.ErrSpent) {
				t.Fatalf("spend %q of a key spent without identity: %v, want ErrSpent", msg, err)
			}
		}
		if err := s.Spend(ctx, "named", "msg-1", future); err != nil {
			t.Fatal(err)
		}
		if err := s.Spend(ctx, "named", "", future); !errors.Is(err, postage.ErrSpent) {
			t.Fatalf("spend without identity of a key spent for a message: %v, want ErrSpent", err)
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
					switch err := s.Spend(ctx, stamp, fmt.Sprintf("msg-%d", i), future); {
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
		if err := s.Spend(ctx, "durable", "msg-1", future); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s = reopen()
		defer s.Close()
		if err := s.Spend(ctx, "durable", "msg-2", future); !errors.Is(err, postage.ErrSpent) {
			t.Fatalf("after reopen: %v, want ErrSpent", err)
		}
		if err := s.Spend(ctx, "durable", "msg-1", future); err != nil {
			t.Fatalf("same message after reopen: %v, want nil", err)
		}
	})

	t.Run("PurgeRemovesOnlyExpired", func(t *testing.T) {
		s, _ := open(t)
		defer s.Close()
		now := time.Now().Truncate(time.Second)
		must := func(stamp string, exp time.Time) {
			if err := s.Spend(ctx, stamp, "msg-1", exp); err != nil {
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
			err := s.Spend(ctx, stamp, "msg-2", now.Add(2*time.Hour))
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
		if err := s.Spend(cctx, "cancelled", "msg-1", future); err == nil {
			t.Fatal("spend with a cancelled context succeeded")
		}
		if err := s.Spend(ctx, "cancelled", "msg-2", future); err != nil {
			t.Fatalf("a cancelled spend must not record the stamp: %v", err)
		}
	})

	if opts.Shared {
		t.Run("ConcurrentAcrossHandles", func(t *testing.T) {
			a, reopen := open(t)
			defer a.Close()
			b := reopen()
			defer b.Close()
			for round := 0; round < 50; round++ {
				key := fmt.Sprintf("shared-%d", round)
				// Different messages: exactly one handle wins. The same
				// message (a second MX): both do.
				for _, same := range []bool{false, true} {
					if same {
						key += "-same"
					}
					var wg sync.WaitGroup
					errs := make([]error, 8)
					for i := range errs {
						wg.Add(1)
						go func() {
							defer wg.Done()
							h, msg := a, fmt.Sprintf("msg-%d", i)
							if i%2 == 1 {
								h = b
							}
							if same {
								msg = "msg-same"
							}
							errs[i] = h.Spend(ctx, key, msg, future)
						}()
					}
					wg.Wait()
					wins := 0
					for _, err := range errs {
						switch {
						case err == nil:
							wins++
						case !errors.Is(err, postage.ErrSpent):
							t.Fatalf("spend: %v", err)
						}
					}
					if want := map[bool]int{false: 1, true: len(errs)}[same]; wins != want {
						t.Fatalf("round %d same=%v: %d winners, want %d", round, same, wins, want)
					}
				}
			}
		})
	}

	if opts.SelfExpiring {
		t.Run("ExpiresByItself", func(t *testing.T) {
			s, _ := open(t)
			defer s.Close()
			exp := time.Now().Add(500 * time.Millisecond)
			if err := s.Spend(ctx, "soon", "msg-1", exp); err != nil {
				t.Fatal(err)
			}
			if err := s.Spend(ctx, "soon", "msg-2", exp); !errors.Is(err, postage.ErrSpent) {
				t.Fatalf("before expiry: %v, want ErrSpent", err)
			}
			time.Sleep(time.Until(exp) + 200*time.Millisecond)
			if err := s.Spend(ctx, "soon", "msg-2", time.Now().Add(time.Hour)); err != nil {
				t.Fatalf("after expiry, without Purge: %v, want the stamp forgotten", err)
			}
		})
	}
}
