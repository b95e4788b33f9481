package hashcash

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestResourcesFromArgsOrLines(t *testing.T) {
	seq, readErr := Resources([]string{"a", " b "}, strings.NewReader("ignored\n"))
	if got := slices.Collect(seq); !slices.Equal(got, []string{"a", " b "}) || readErr() != nil {
		t.Errorf("args: %q", got)
	}
	seq, readErr = Resources(nil, strings.NewReader("  alice@example.com \n\n\t\nbob@example.com"))
	if got := slices.Collect(seq); !slices.Equal(got, []string{"alice@example.com", "bob@example.com"}) || readErr() != nil {
		t.Errorf("lines: %q", got)
	}
}

func TestRoundDuration(t *testing.T) {
	for in, want := range map[time.Duration]time.Duration{
		2*time.Hour + 31*time.Second:          2*time.Hour + time.Minute,
		90*time.Second + 600*time.Millisecond: 91 * time.Second,
		1234 * time.Millisecond:               1200 * time.Millisecond,
		1234567 * time.Microsecond / 10:       123 * time.Millisecond,
	} {
		if got := RoundDuration(in); got != want {
			t.Errorf("RoundDuration(%v) = %v, want %v", in, got, want)
		}
	}
}

func TestEstimateReport(t *testing.T) {
	e := Estimate{Kernel: "avx2", Workers: 4, Rate: 12.34e6, Bits: 20, Time: 85 * time.Millisecond}
	want := "kernel: avx2\ncores: 4\nrate: 12.3 million hashes/s\n20 bits: 85ms on average (0.085 s)\n"
	if e.String() != want {
		t.Errorf("got %q, want %q", e.String(), want)
	}
}
