package book

import (
	"fmt"
	"math"
	"math/big"
)

// The pool of a book is a random walk. Measured in stakes s, every ticket
// adds s when it is sold and, if its coin matches and the recipient
// reveals it, takes 2s when it is paid: one step of +1 (a miss, or a
// punished match) or -1 (a paid match). An honest recipient reveals every
// match, so the walk has no drift: P(-1) = P(+1) = 1/2. A recipient that
// punishes a fraction q of the messages (all of whose matches it keeps)
// gives P(-1) = (1-q)/2.
//
// A payout is delayed (queued) when the pool holds less than 2s at its
// reveal. Counting conservatively, as if each ticket were sold just before
// its own reveal (in practice stakes of tickets still in their decision
// delay sit in the pool too), a pool that starts with a reserve of m
// stakes first delays a payout at the first k with S_k <= -(m+1), where
// S_k is the walk after k tickets.

// DelayProbability is the probability that an honest book with a reserve
// of m stakes delays at least one payout within its first n tickets:
// P(min_{k<=n} S_k <= -(m+1)) for a symmetric ±1 walk, which by the
// reflection principle is P(S_n >= a) + P(S_n >= a+1) with a = m+1.
// It is exact (binomial tails, no normal approximation).
func DelayProbability(n, m int) float64 {
	if n <= 0 || m < 0 {
		return 0
	}
	t := newTails(n)
	return t.delay(m)
}

// Reserve is the smallest reserve, in stakes, that keeps the probability
// of any delayed payout within n tickets of an honest book at or below
// eps (0 < eps < 1).
func Reserve(n int, eps float64) (int, error) {
	if n <= 0 {
		return 0, fmt.Errorf("reserve for %d tickets: want at least one", n)
	}
	if !(eps > 0 && eps < 1) {
		return 0, fmt.Errorf("reserve for delay probability %v: want 0 < eps < 1", eps)
	}
	t := newTails(n)
	lo, hi := 0, n // a reserve of n-1 stakes never delays within n tickets
	for lo < hi {
		mid := (lo + hi) / 2
		if t.delay(mid) <= eps {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, nil
}

// DelayProbabilityForever is the probability that a book whose recipient
// punishes a fraction q (0 < q <= 1) of its messages ever delays a payout,
// over an unbounded number of tickets, with a reserve of m stakes: the
// gambler's-ruin probability ((1-q)/(1+q))^(m+1) of a walk with P(+1) =
// (1+q)/2 ever reaching -(m+1). With q = 0 it is 1: an honest book without
// end eventually delays, whatever its reserve (hence DelayProbability's
// horizon).
func DelayProbabilityForever(q float64, m int) float64 {
	if q <= 0 {
		return 1
	}
	if q >= 1 {
		return 0
	}
	return math.Pow((1-q)/(1+q), float64(m+1))
}

// tails holds P(B >= k) for B ~ Binomial(n, 1/2), k = 0..n+1.
type tails struct {
	n int
	p []float64
}

func newTails(n int) *tails {
	t := &tails{n: n, p: make([]float64, n+2)}
	lgN, _ := math.Lgamma(float64(n + 1))
	logHalfN := float64(n) * math.Log(0.5)
	sum := 0.0
	// From the smallest terms up, for accuracy.
	for k := n; k >= 0; k-- {
		lk, _ := math.Lgamma(float64(k + 1))
		lnk, _ := math.Lgamma(float64(n - k + 1))
		sum += math.Exp(lgN - lk - lnk + logHalfN)
		t.p[k] = math.Min(sum, 1)
	}
	return t
}

// atLeast is P(S_n >= a) with S_n = 2B - n.
func (t *tails) atLeast(a int) float64 {
	// 2B - n >= a  <=>  B >= ceil((n + a) / 2)
	k := (t.n + a + 1) / 2
	switch {
	case k <= 0:
		return 1
	case k > t.n:
		return 0
	}
	return t.p[k]
}

func (t *tails) delay(m int) float64 {
	a := m + 1
	return math.Min(1, t.atLeast(a)+t.atLeast(a+1))
}

// ReserveWei is the reserve, in wei and in stakes (m), that keeps the
// chance of any delayed payout within a book of values tickets at stake
// stakeWei at most p (Reserve; docs/deniable.md, "Solvency").
func ReserveWei(values int, p float64, stakeWei *big.Int) (*big.Int, int, error) {
	m, err := Reserve(values, p)
	if err != nil {
		return nil, 0, err
	}
	return new(big.Int).Mul(stakeWei, big.NewInt(int64(m))), m, nil
}
