package hashcash

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/postage-mail/postage/hashcash/internal/search"
)

func TestMintVerifiesWithEveryKernel(t *testing.T) {
	for _, k := range Kernels() {
		for _, res := range []string{"alice@example.com", "Bob@Example.ORG", strings.Repeat("x", 40) + "@example.com", "a"} {
			st, err := Mint(context.Background(), res, 14, &MintOptions{Kernel: k, Ext: "x=1"})
			if err != nil {
				t.Fatalf("%s: Mint(%q): %v", k, res, err)
			}
			if st.Resource != strings.ToLower(res) {
				t.Errorf("resource %q, want lowercased %q", st.Resource, strings.ToLower(res))
			}
			p := &Policy{Requirements: []Requirement{{Resource: res, Bits: 14}}, Validity: DefaultValidity, Grace: DefaultGrace}
			if _, err := p.Check(st.String()); err != nil {
				t.Errorf("%s: minted %q does not check: %v", k, st, err)
			}
		}
	}
}

// Every resource length must put the counter wholly in the final block, with
// room for the padding, and stay short.
func TestLayoutKeepsCounterInLastBlock(t *testing.T) {
	for n := 1; n < 300; n++ {
		head := "1:20:260101:" + strings.Repeat("r", n) + "::"
		l, err := newLayout(head, 20, strings.NewReader(strings.Repeat("\x00", 200)))
		if err != nil {
			t.Fatal(err)
		}
		stamp := l.stamp(0)
		total := len(stamp)
		ctrStart := len(l.prefix)
		if ctrStart/64 != (total-1)/64 || ctrStart%64+l.job.Width > 55 {
			t.Fatalf("resource len %d: counter [%d,%d) crosses into another block", n, ctrStart, total)
		}
		last := (total - 1) % 64
		pad := len(l.prefix) - len(head) - 1
		// If some random length in 12..19 puts the last digit in word 13,
		// the layout must use one; otherwise it pads no more than needed.
		word13 := false
		for r := randMin; r <= randLen+3; r++ {
			if p := len(head) + r + 1; fits(p, l.job.Width) && (p+l.job.Width-1)%64/4 == 13 {
				word13 = true
			}
		}
		switch {
		case word13 && (last/4 != 13 || pad > randLen+3):
			t.Fatalf("resource len %d: last digit at byte %d (random field %d); a length in %d..%d puts it in word 13", n, last, pad, randMin, randLen+3)
		case !word13 && pad > randLen && fits(len(head)+randLen+1, l.job.Width):
			t.Fatalf("resource len %d: padded random field to %d needlessly", n, pad)
		}
		if pad < randMin {
			t.Fatalf("resource len %d: random field of %d characters", n, pad)
		}
		if total > len(head)+randMax+1+l.job.Width {
			t.Fatalf("resource len %d: stamp length %d", n, total)
		}
	}
}

func TestMintCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := Mint(ctx, "alice@example.com", 60, nil)
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Mint did not stop within 5 s of cancel")
	}
}

func TestMintProgress(t *testing.T) {
	var calls atomic.Int32
	var last atomic.Value
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := Mint(ctx, "alice@example.com", 60, &MintOptions{
		ProgressEvery: 20 * time.Millisecond,
		Progress: func(p Progress) {
			calls.Add(1)
			last.Store(p)
		},
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	if calls.Load() < 3 {
		t.Fatalf("progress called %d times", calls.Load())
	}
	p := last.Load().(Progress)
	if p.Tries == 0 || p.Rate <= 0 || p.Expected < time.Hour || p.Remaining <= 0 {
		t.Errorf("progress %+v: want tries, a rate and a long expected time for 60 bits", p)
	}
}

func TestMintRejectsBadInput(t *testing.T) {
	for _, tc := range []struct {
		res  string
		bits int
		opts *MintOptions
	}{
		{"", 10, nil},
		{"a:b", 10, nil},
		{"a b", 10, nil},
		{"a", -1, nil},
		{"a", 61, nil},
		{"a", 10, &MintOptions{Ext: "x:y"}},
		{"a", 10, &MintOptions{Kernel: "no-such"}},
		{"a", 10, &MintOptions{DateWidth: 8}},
		{strings.Repeat("a", MaxLen), 10, nil},
	} {
		if _, err := Mint(context.Background(), tc.res, tc.bits, tc.opts); err == nil {
			t.Errorf("Mint(%.20q, %d, %+v) succeeded", tc.res, tc.bits, tc.opts)
		}
	}
}

func TestExpectedTime(t *testing.T) {
	if got := ExpectedTime(20, 1<<20); got != time.Second {
		t.Errorf("ExpectedTime(20, 2^20/s) = %v, want 1s", got)
	}
	if got := ExpectedTime(20, 0); got <= 0 {
		t.Errorf("ExpectedTime at rate 0 = %v", got)
	}
}

func TestMeasureRate(t *testing.T) {
	r, err := MeasureRate(context.Background(), 100*time.Millisecond, 1)
	if err != nil || r < 1e5 {
		t.Fatalf("MeasureRate = %v, %v", r, err)
	}
}

var _ = search.Alphabet
