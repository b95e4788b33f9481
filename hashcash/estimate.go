package hashcash

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"iter"
	"runtime"
	"strings"
	"time"
)

// Resources are what hashcash -m mints for: args, or without any the
// lines of r (trimmed, blank ones skipped). readErr is the error reading
// r, once the sequence is done.
func Resources(args []string, r io.Reader) (seq iter.Seq[string], readErr func() error) {
	if len(args) > 0 {
		return func(yield func(string) bool) {
			for _, a := range args {
				if !yield(a) {
					return
				}
			}
		}, func() error { return nil }
	}
	sc := bufio.NewScanner(r)
	return func(yield func(string) bool) {
		for sc.Scan() {
			if res := strings.TrimSpace(sc.Text()); res != "" && !yield(res) {
				return
			}
		}
	}, sc.Err
}

// Estimate is this machine's minting rate and what a stamp costs at it.
type Estimate struct {
	Kernel  string
	Workers int
	Rate    float64 // hashes per second
	Bits    int
	Time    time.Duration // the expected time of a stamp of Bits
}

// MeasureEstimate measures the rate for a second on workers cores (0:
// all) and the expected time of a stamp of bits.
func MeasureEstimate(ctx context.Context, bits, workers int) (Estimate, error) {
	rate, err := MeasureRate(ctx, time.Second, workers)
	if err != nil {
		return Estimate{}, err
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return Estimate{Kernel: KernelName(), Workers: workers, Rate: rate, Bits: bits, Time: ExpectedTime(bits, rate)}, nil
}

// String is the report of postage mint --estimate.
func (e Estimate) String() string {
	return fmt.Sprintf("kernel: %s\ncores: %d\nrate: %.1f million hashes/s\n%d bits: %s on average (%.3g s)\n",
		e.Kernel, e.Workers, e.Rate/1e6, e.Bits, RoundDuration(e.Time), e.Time.Seconds())
}

// RoundDuration rounds d for people: to the minute over an hour, the
// second over a minute, the tenth of a second over a second, else the
// millisecond.
func RoundDuration(d time.Duration) time.Duration {
	switch {
	case d > time.Hour:
		return d.Round(time.Minute)
	case d > time.Minute:
		return d.Round(time.Second)
	case d > time.Second:
		return d.Round(100 * time.Millisecond)
	default:
		return d.Round(time.Millisecond)
	}
}
