//go:build unix

package redis

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/store/redis/redistest"
)

// Issue 12: Redis killed (SIGKILL) in the middle of a run of spends, then
// started again on the same files. Run as docs/milter.md says (appendonly,
// fsync before every reply), every spend that was answered nil is still
// recorded after the restart: another message with that stamp is refused
// (never a double accept) and the same message's retry passes. Spends
// while the server is dead fail at once with an error that is not
// ErrSpent (the checker's temperror), and none of them is answered nil.
func TestKilledServerNeverDoubleAccepts(t *testing.T) {
	dir, port := t.TempDir(), redistest.FreePort(t)
	srv := redistest.StartDurable(t, dir, port)
	s, err := Open(srv.URL, &Options{Prefix: "kill:", Timeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	exp := time.Now().Add(time.Hour)

	type result struct {
		key  string
		err  error
		done time.Time
	}
	var (
		mu       sync.Mutex
		results  []result
		next     atomic.Int64
		stop     = make(chan struct{})
		wg       sync.WaitGroup
		killedAt atomic.Int64 // unix nanoseconds; 0 before the kill
	)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				key := fmt.Sprintf("1:20:260101:k%d@example.com::r:c", next.Add(1))
				err := s.Spend(context.Background(), key, "msg-"+key, exp)
				mu.Lock()
				results = append(results, result{key, err, time.Now()})
				mu.Unlock()
				if err != nil {
					time.Sleep(20 * time.Millisecond)
				}
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	if err := srv.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killedAt.Store(time.Now().UnixNano())
	time.Sleep(time.Second)
	close(stop)
	wg.Wait()

	var accepted, failed []result
	for _, r := range results {
		switch {
		case r.err == nil:
			accepted = append(accepted, r)
		case errors.Is(r.err, postage.ErrSpent):
			t.Errorf("first spend of %s refused as spent: %v", r.key, r.err)
		default:
			failed = append(failed, r)
		}
	}
	// The kill is noticed within the call bound; an answer nil after that
	// would be an accept nothing recorded.
	bound := time.Unix(0, killedAt.Load()).Add(600 * time.Millisecond)
	for _, r := range accepted {
		if r.done.After(bound) {
			t.Errorf("spend of %s answered nil at %v, after the server was killed", r.key, r.done)
		}
	}
	if len(accepted) < 10 || len(failed) == 0 {
		t.Fatalf("the run did not exercise both sides: %d accepted before the kill, %d failed after", len(accepted), len(failed))
	}

	redistest.StartDurable(t, dir, port)
	ctx := context.Background()
	deadline := time.Now().Add(10 * time.Second)
	for s.Ping(ctx) != nil {
		if time.Now().After(deadline) {
			t.Fatal("the restarted server did not answer")
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, r := range accepted {
		if err := s.Spend(ctx, r.key, "another message", exp); !errors.Is(err, postage.ErrSpent) {
			t.Fatalf("after the restart, %s (accepted before the kill) spent by another message: %v, want ErrSpent", r.key, err)
		}
		if err := s.Spend(ctx, r.key, "msg-"+r.key, exp); err != nil {
			t.Fatalf("after the restart, the retry of %s's own message: %v, want nil", r.key, err)
		}
	}
	t.Logf("%d spends accepted before the kill, all recorded after the restart; %d failed while the server was dead", len(accepted), len(failed))
}
