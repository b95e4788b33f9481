//go:build unix

package redis

import (
	"context"
	"errors"
	"syscall"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/store/redis/redistest"
)

// Issue 12: Redis hung (SIGSTOP), then resumed. A spend to the hung server
// fails within the bound (the checker says temperror at once), the late
// write the server applies when it resumes records the same message, so
// that message's retry passes; another message with the stamp does not.
func TestHungServerBoundedAndLateWriteHarmless(t *testing.T) {
	srv := redistest.StartServer(t)
	s, err := Open(srv.URL, &Options{Prefix: "hang:", Timeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	exp := time.Now().Add(time.Hour)
	if err := s.Spend(ctx, "warm", "m0", exp); err != nil { // a pooled connection
		t.Fatal(err)
	}
	if err := srv.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	stopped := true
	defer func() {
		if stopped {
			srv.Process.Signal(syscall.SIGCONT)
		}
	}()
	start := time.Now()
	err = s.Spend(ctx, "stamp", "m1", exp)
	took := time.Since(start)
	if err == nil || errors.Is(err, postage.ErrSpent) {
		t.Fatalf("spend to a stopped server: %v, want an error", err)
	}
	if took > 2*time.Second {
		t.Fatalf("spend to a stopped server took %v, want about the 500ms timeout", took)
	}
	t.Logf("spend to a stopped server failed after %v: %v", took.Round(time.Millisecond), err)
	// The default bound is what the milter and verify use.
	d, _ := Open(srv.URL, &Options{Prefix: "hang:"})
	defer d.Close()
	start = time.Now()
	if err := d.Spend(ctx, "stamp-default", "m1", exp); err == nil {
		t.Fatal("spend to a stopped server succeeded")
	}
	if took := time.Since(start); took > DefaultTimeout+time.Second {
		t.Fatalf("default bound: spend took %v, want at most %v", took, DefaultTimeout)
	}

	if err := srv.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	stopped = false
	// The resumed server runs what was queued; wait until it answers.
	deadline := time.Now().Add(5 * time.Second)
	for s.Ping(ctx) != nil {
		if time.Now().After(deadline) {
			t.Fatal("redis did not answer after SIGCONT")
		}
		time.Sleep(50 * time.Millisecond)
	}
	late, _ := s.client.Get(ctx, "hang:stamp").Result()
	t.Logf("after resume the key holds %q (the late write, if the server ran it)", late)
	// The MTA retries the message that got temperror: it passes.
	if err := s.Spend(ctx, "stamp", "m1", exp); err != nil {
		t.Fatalf("retry of the same message after resume: %v, want nil", err)
	}
	if err := s.Spend(ctx, "stamp", "m2", exp); !errors.Is(err, postage.ErrSpent) {
		t.Fatalf("another message with the stamp: %v, want ErrSpent", err)
	}
}
