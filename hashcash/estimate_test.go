package hashcash

import (
	"slices"
	"strconv"
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

func TestParseTime(t *testing.T) {
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	hours := func(s string) (time.Duration, error) {
		n, err := strconv.Atoi(s)
		return time.Duration(n) * time.Hour, err
	}
	for in, want := range map[string]time.Time{
		"+2":         now.Add(2 * time.Hour),
		"-3":         now.Add(-3 * time.Hour),
		"260101":     time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		"2601011230": time.Date(2026, 1, 1, 12, 30, 0, 0, time.UTC),
	} {
		if got, err := ParseTime(in, now, hours); err != nil || !got.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseTime("+x", now, hours); err == nil {
		t.Error("+x accepted")
	}
	if _, err := ParseTime("2601", now, hours); err != nil {
		t.Errorf("YYMM: %v", err)
	}
	if _, err := ParseTime("26010", now, hours); err == nil || err.Error() != `time "26010": want YYMMDD[hhmm[ss]] in UTC, or +/-period` {
		t.Errorf("bad date: %v", err)
	}
}
