package punish

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/relay"
	"github.com/postage-mail/postage/stake"
)

// logs collects what a Punisher reports.
type logs struct{ lines []string }

func (l *logs) logf(format string, a ...any) { l.lines = append(l.lines, fmt.Sprintf(format, a...)) }

func (l *logs) has(t *testing.T, sub string) {
	t.Helper()
	for _, s := range l.lines {
		if strings.Contains(s, sub) {
			return
		}
	}
	t.Errorf("no line says %q; got %q", sub, l.lines)
}

func testPunisher(t *testing.T, l *logs, connect func(context.Context) (*Chain, error)) *Punisher {
	dir := t.TempDir()
	var out strings.Builder
	return &Punisher{Delay: time.Hour, RelayTimeout: time.Minute, Confirmations: 1, MaxDelayFraction: 0.5,
		QueuePath: filepath.Join(dir, QueueFile), KeyPath: filepath.Join(dir, KeyFile),
		Connect: connect, Logf: l.logf, Out: &out}
}

func testBurn(i uint32) relay.Burn {
	return relay.Burn{ChainID: 1337, Contract: common.Address{1}, DepositID: common.Hash{2}, Secret: common.Hash{3}, Index: i}
}

// Without a chain and without relays nothing can be sent or queued: a
// temporary failure, saying why; a chain on another contract adds the
// hint to pass --rpc. The chain is dialled once.
func TestPunishWithoutChain(t *testing.T) {
	ctx := context.Background()
	var dials atomic.Int32
	l := &logs{}
	p := testPunisher(t, l, func(context.Context) (*Chain, error) {
		dials.Add(1)
		return nil, errors.New("no chain at 127.0.0.1:1")
	})
	if st := p.Punish(ctx, testBurn(0), false, false, time.Second); st != TempFail {
		t.Errorf("punish without a chain: %v, want TempFail", st)
	}
	if st := p.Punish(ctx, testBurn(1), true, false, time.Second); st != TempFail {
		t.Errorf("punish --now without a chain: %v, want TempFail", st)
	}
	l.has(t, "no chain at 127.0.0.1:1")
	if n := dials.Load(); n != 1 {
		t.Errorf("dialled %d times, want once", n)
	}

	l = &logs{}
	p = testPunisher(t, l, func(context.Context) (*Chain, error) {
		return nil, errors.New("the deposit is on chain 1, contract 0x01; connected to chain 2, contract 0x02")
	})
	if st := p.Punish(ctx, testBurn(0), false, false, time.Second); st != TempFail {
		t.Errorf("punish on another chain: %v, want TempFail", st)
	}
	l.has(t, "pass --rpc for that chain")
}

// A cancel follows the entry's state: nothing queued, waiting (cancelled,
// and it stays so), already cancelled, sent (too late), failed.
func TestCancelStates(t *testing.T) {
	ctx := context.Background()
	l := &logs{}
	p := testPunisher(t, l, nil)
	if st := p.Cancel(ctx, testBurn(0)); st != OK {
		t.Errorf("cancel of nothing: %v, want OK", st)
	}
	l.has(t, "nothing to cancel")

	now := time.Now()
	for i, state := range []string{Waiting, Cancelled, Sending, Burned, Failed} {
		b := testBurn(uint32(10 + i))
		if err := p.withQueue(func(q *Queue) error {
			_, _, err := q.Add(&Entry{ID: b.ID(), Burn: b, Due: now.Add(time.Hour), State: state, Next: now.Add(time.Hour), Created: now, Updated: now})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]Status{Waiting: OK, Cancelled: OK, Sending: Invalid, Burned: Invalid, Failed: OK}
	for i, state := range []string{Waiting, Cancelled, Sending, Burned, Failed} {
		b := testBurn(uint32(10 + i))
		l.lines = nil
		if st := p.Cancel(ctx, b); st != want[state] {
			t.Errorf("cancel of a %s entry: %v, want %v (%q)", state, st, want[state], l.lines)
		}
	}
	var e *Entry
	if err := p.withQueue(func(q *Queue) error {
		var err error
		e, err = q.Get(testBurn(10).ID())
		return err
	}); err != nil || e == nil || e.State != Cancelled {
		t.Fatalf("the waiting entry after its cancel: %+v, %v; want cancelled", e, err)
	}
	// Cancelled entries are not due: a pass over the queue has nothing to do.
	l.lines = nil
	if st := p.RunDue(ctx); st != OK {
		t.Errorf("--due: %v", st)
	}
	l.has(t, "0 queued punishment(s) handled")
}

// A queued local burn that falls due and cannot reach the chain is
// retried later, with a growing backoff, not lost.
func TestDueRetriesWithoutChain(t *testing.T) {
	ctx := context.Background()
	l := &logs{}
	p := testPunisher(t, l, func(context.Context) (*Chain, error) { return nil, errors.New("chain down") })
	b := testBurn(0)
	past := time.Now().Add(-time.Minute)
	if err := p.withQueue(func(q *Queue) error {
		_, _, err := q.Add(&Entry{ID: b.ID(), Burn: b, Due: past, State: Waiting, Next: past, Created: past, Updated: past})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n, err := p.Work(ctx); err != nil || n != 1 {
		t.Fatalf("work: %d, %v; want 1 entry", n, err)
	}
	var e *Entry
	if err := p.withQueue(func(q *Queue) error { var err error; e, err = q.Get(b.ID()); return err }); err != nil {
		t.Fatal(err)
	}
	if e.State != Waiting || e.Attempts != 1 || e.Error != "chain down" || time.Until(e.Next) < 50*time.Second {
		t.Errorf("after a failed send: %+v; want waiting, 1 attempt, retried in a minute", e)
	}
	for attempts, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 4: 8 * time.Minute, 20: time.Hour} {
		if got := backoff(attempts); got != want {
			t.Errorf("backoff(%d) = %v, want %v", attempts, got, want)
		}
	}
}

// Serve works the queue while it exists, with a fresh punisher each pass,
// and stops with its context.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	queue := filepath.Join(dir, QueueFile)
	ctx, cancel := context.WithCancel(context.Background())
	var passes atomic.Int32
	newP := func() *Punisher {
		passes.Add(1)
		return &Punisher{QueuePath: queue, KeyPath: filepath.Join(dir, KeyFile), Logf: func(string, ...any) {}}
	}
	done := Serve(ctx, queue, 4*time.Second, newP, func(err error) { t.Error(err) })
	time.Sleep(100 * time.Millisecond)
	if n := passes.Load(); n != 0 {
		t.Errorf("%d passes without a queue file, want 0", n)
	}
	q, err := OpenQueue(queue, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	q.Close()
	deadline := time.Now().Add(10 * time.Second)
	for passes.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if passes.Load() == 0 {
		t.Error("no pass over an existing queue within 10 s (every second expected)")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not stop with its context")
	}
}

func testStamps(t *testing.T, rcpts ...string) []*stake.Stamp {
	t.Helper()
	rs := make([]stake.Recipient, len(rcpts))
	for i, s := range rcpts {
		rs[i] = stake.MustParseRecipient(s)
	}
	b, err := stake.NewBatch(rs, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*stake.Stamp, len(rs))
	for i := range rs {
		if out[i], err = b.Stamp(uint32(i), 1337, stake.Address{1}, stake.Address{2}); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func message(t *testing.T, header string) *mail.Message {
	t.Helper()
	m, err := mail.Read(strings.NewReader(header + "\r\nbody\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// FindBurn takes the recipient from --rcpt or the delivery agent's
// Delivered-To (never from the stamps), burns only that recipient's leaf,
// and says why when it cannot.
func TestFindBurn(t *testing.T) {
	st := testStamps(t, "alice@example.org", "bob@example.org")
	var hdr strings.Builder
	for _, s := range st {
		v, err := s.Format()
		if err != nil {
			t.Fatal(err)
		}
		hdr.WriteString("Postage-Stamp: " + v + "\r\n")
	}
	stamps := hdr.String() + "Postage-Stamp: v=1; garbage\r\n"
	received := "Received: from a by b; Wed, 2 Dec 2026 02:00:00 +0000\r\n"

	for _, tc := range []struct {
		name, header, rcpt string
		want               Status
		index              uint32
		says               string
	}{
		{"no stamps", "Delivered-To: alice@example.org\r\n" + received + "Subject: x\r\n", "", NoStake, 0, "no stake stamp in this message"},
		{"delivered to alice", "Delivered-To: alice@example.org\r\n" + received + stamps, "", OK, 0, "ignoring a malformed Postage-Stamp"},
		{"--rcpt bob", received + stamps, "bob@example.org", OK, 1, ""},
		{"Delivered-To below Received", received + "Delivered-To: alice@example.org\r\n" + stamps, "", Usage, 0, "no recipient: pass --rcpt"},
		{"bad --rcpt", stamps, "not an address", Usage, 0, "recipient \"not an address\""},
		{"for others only", stamps, "carol@example.org", NoStake, 0, "no stake stamp for carol@example.org"},
	} {
		l := &logs{}
		b, got := FindBurn(message(t, tc.header), tc.rcpt, l.logf)
		if got != tc.want {
			t.Errorf("%s: %v, want %v (%q)", tc.name, got, tc.want, l.lines)
			continue
		}
		if tc.says != "" {
			l.has(t, tc.says)
		}
		if got != OK {
			continue
		}
		s := st[tc.index]
		secret, _, err := s.Check(s.Recipient)
		if err != nil {
			t.Fatal(err)
		}
		if b.Index != tc.index || b.Secret != common.Hash(secret) || b.DepositID != common.Hash(s.DepositID()) || b.ChainID != 1337 || len(b.Proof) != len(s.Proof) {
			t.Errorf("%s: burn %+v, want leaf %d with its secret and proof", tc.name, b, tc.index)
		}
	}
}
