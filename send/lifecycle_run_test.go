package send

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// Run withdraws on its first tick (at once) with no command given, logs
// what it did, and returns when its context ends.
func TestLifecycleRun(t *testing.T) {
	c := newFakeChain()
	st := newStaker(c, t.TempDir())
	lc := &Lifecycle{Records: st.Records, Account: acct, Chain: chainReader{c}, Withdrawer: c, Hold: 0, Now: c.clock}
	ctx, cancel := context.WithCancel(context.Background())
	d, err := Alone{st}.Stake(ctx, MessageInfo{}, rcpts(t, "a@x.org"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	done := make(chan struct{})
	go func() {
		lc.Run(ctx, 10*time.Millisecond, slog.New(slog.NewTextHandler(&buf, nil)))
		close(done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rec, err := st.Records.Load(d.ID)
		if err == nil && rec.State == StateWithdrawing {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Run did not start the withdrawal: %+v, %v", rec, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return when its context ended")
	}
	if !strings.Contains(buf.String(), "deposit lifecycle") || !strings.Contains(buf.String(), "started=1") {
		t.Errorf("log: %s", buf.String())
	}
}
