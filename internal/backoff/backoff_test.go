package backoff

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestRetryDoublesUpToMax(t *testing.T) {
	p := Policy{Min: time.Millisecond, Max: 4 * time.Millisecond}
	var waits []time.Duration
	n := 0
	err := p.Retry(context.Background(), func(context.Context) error {
		n++
		if n < 5 {
			return errors.New("down")
		}
		return nil
	}, func(_ error, w time.Duration) { waits = append(waits, w) })
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{1, 2, 4, 4}
	if len(waits) != len(want) {
		t.Fatalf("waits %v, want %v ms", waits, want)
	}
	for i := range want {
		if waits[i] != want[i]*time.Millisecond {
			t.Fatalf("waits %v, want %v ms", waits, want)
		}
	}
}

func TestRetryStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p := Policy{Min: time.Hour}
	done := make(chan error)
	go func() {
		done <- p.Retry(ctx, func(context.Context) error { return errors.New("down") }, nil)
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Retry = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Retry did not stop when its context ended")
	}
}

func TestRetryBoundsEachAttempt(t *testing.T) {
	p := Policy{Min: time.Millisecond, Attempt: 20 * time.Millisecond}
	n := 0
	err := p.Retry(context.Background(), func(ctx context.Context) error {
		n++
		if n == 1 {
			<-ctx.Done() // a hung attempt ends at its bound
			return ctx.Err()
		}
		return nil
	}, nil)
	if err != nil || n != 2 {
		t.Fatalf("Retry = %v after %d attempts, want nil after 2", err, n)
	}
}
