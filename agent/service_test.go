package agent

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/postage-mail/postage/internal/backoff"
	"github.com/postage-mail/postage/stake"
)

func TestServiceTemperrorUntilConnectedThenStops(t *testing.T) {
	var attempts atomic.Int64
	up := make(chan struct{})
	var closed atomic.Bool
	s := &Service{
		Connect: func(ctx context.Context) (*Agent, func(), error) {
			attempts.Add(1)
			select {
			case <-up:
				return &Agent{Dir: t.TempDir()}, func() { closed.Store(true) }, nil
			default:
				return nil, nil, errors.New("chain down")
			}
		},
		Backoff: backoff.Policy{Min: time.Millisecond, Max: 2 * time.Millisecond},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); s.Run(ctx) }()
	wait := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	wait("three failed attempts", func() bool { return attempts.Load() >= 3 })
	var rcpt stake.Recipient
	if _, err := s.VerifyTicket(ctx, "garbage", "", rcpt); !errors.Is(err, ErrNotConnected) {
		t.Fatalf("VerifyTicket before connecting = %v, want ErrNotConnected", err)
	}
	close(up)
	wait("the agent", func() bool { return s.Agent() != nil })
	v, err := s.VerifyTicket(ctx, "garbage", "", rcpt)
	if err != nil || v.Valid || v.Reason != "malformed" {
		t.Fatalf("VerifyTicket once connected = %+v, %v; want the agent's refusal (malformed)", v, err)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
	if !closed.Load() {
		t.Fatal("the connection was not closed when Run returned")
	}
	if _, err := s.VerifyTicket(context.Background(), "garbage", "", rcpt); !errors.Is(err, ErrNotConnected) {
		t.Fatalf("VerifyTicket after stop = %v, want ErrNotConnected", err)
	}
}

func TestServiceStopsWhileRetrying(t *testing.T) {
	s := &Service{
		Connect: func(context.Context) (*Agent, func(), error) { return nil, nil, errors.New("chain down") },
		Backoff: backoff.Policy{Min: time.Hour, Max: time.Hour},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); s.Run(ctx) }()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return while waiting to retry")
	}
}
