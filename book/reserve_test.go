package book

import (
	"math"
	"testing"
)

// exactDelay walks the distribution of S_k step by step with an absorbing
// barrier at -(m+1): the probability mass absorbed within n steps.
func exactDelay(n, m int) float64 {
	off := n + 1
	dist := make([]float64, 2*n+3)
	dist[off] = 1
	absorbed := 0.0
	for k := 0; k < n; k++ {
		next := make([]float64, len(dist))
		for s, p := range dist {
			if p == 0 {
				continue
			}
			for _, d := range []int{-1, 1} {
				t := s + d
				if t-off <= -(m + 1) {
					absorbed += p / 2
				} else {
					next[t] += p / 2
				}
			}
		}
		dist = next
	}
	return absorbed
}

func TestDelayProbabilityExact(t *testing.T) {
	for _, n := range []int{1, 2, 3, 10, 37, 64} {
		for _, m := range []int{0, 1, 2, 5, 9, 40} {
			got, want := DelayProbability(n, m), exactDelay(n, m)
			if math.Abs(got-want) > 1e-12 {
				t.Fatalf("DelayProbability(%d, %d) = %.15f, step-by-step %.15f", n, m, got, want)
			}
		}
	}
	// No reserve: the first match delays, unless every ticket before it missed.
	if got := DelayProbability(1, 0); got != 0.5 {
		t.Fatalf("one ticket, no reserve: %v, want 1/2", got)
	}
}

func TestReserve(t *testing.T) {
	for _, c := range []struct {
		n   int
		eps float64
	}{{100, 0.01}, {10_000, 1e-3}, {10_000, 1e-6}, {1_000_000, 1e-3}} {
		m, err := Reserve(c.n, c.eps)
		if err != nil {
			t.Fatal(err)
		}
		if p := DelayProbability(c.n, m); p > c.eps {
			t.Fatalf("Reserve(%d, %g) = %d but delay probability %g", c.n, c.eps, m, p)
		}
		if m > 0 {
			if p := DelayProbability(c.n, m-1); p <= c.eps {
				t.Fatalf("Reserve(%d, %g) = %d is not the smallest: %d gives %g", c.n, c.eps, m, m-1, p)
			}
		}
		// The normal approximation: 2(1 - Phi(a/sqrt n)) = eps.
		z := math.Sqrt2 * math.Erfinv(1-c.eps)
		if approx := z*math.Sqrt(float64(c.n)) - 1; c.n >= 10_000 && math.Abs(float64(m)-approx) > 0.02*approx+2 {
			t.Fatalf("Reserve(%d, %g) = %d, far from the normal approximation %.1f", c.n, c.eps, m, approx)
		}
	}
	if _, err := Reserve(0, 0.1); err == nil {
		t.Fatal("Reserve of 0 tickets accepted")
	}
	if _, err := Reserve(10, 0); err == nil {
		t.Fatal("Reserve with eps 0 accepted")
	}
}

func TestDelayForever(t *testing.T) {
	if DelayProbabilityForever(0, 1000) != 1 {
		t.Fatal("an honest book without end must delay eventually")
	}
	// q = 1/3: ratio 1/2, so m+1 halvings.
	if got := DelayProbabilityForever(1.0/3, 9); math.Abs(got-math.Pow(0.5, 10)) > 1e-15 {
		t.Fatalf("q=1/3, m=9: %v", got)
	}
	if DelayProbabilityForever(1, 0) != 0 {
		t.Fatal("a book that punishes everything never pays, never delays")
	}
}

func BenchmarkReserveMillion(b *testing.B) {
	for b.Loop() {
		if _, err := Reserve(1_000_000, 1e-3); err != nil {
			b.Fatal(err)
		}
	}
}
