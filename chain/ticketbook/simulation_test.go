package ticketbook_test

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/chain/ticketbook/tbtest"
	"github.com/postage-mail/postage/contracts"
	"github.com/postage-mail/postage/stake"
)

// simTicket is what the simulation records of one ticket: what the chain
// shows a sender (index, blocks, seed, whether it was paid) and the truth
// only the recipient knows (the coin, whether the user punished).
type simTicket struct {
	index    uint32
	bought   uint64
	seed     common.Hash
	commit   [26]byte
	match    bool // the coin (needs the secret value)
	punished bool // the user marked the message as spam
	paid     bool // a Revealed event for it
}

// simBook is one recipient in the simulation.
type simBook struct {
	name    string
	q       float64 // fraction of messages the user punishes
	buyer   int
	tb      testBook
	tickets []*simTicket
	reserve *big.Int
}

// TestSimulation plays the parity game over 10,000 tickets per recipient
// on the simulated chain (bought in batches of 250, each batch revealed by
// the agent's rule once its seed is sealed) for three recipients: honest
// (reveals every match), punishing everything, and mixed (the user
// punishes a random 30% of messages). It shows:
//
//   - honest: mean payout / stake = 1 within statistical error;
//   - punish-all: mean payout 0, every stake stays in the pool;
//   - mixed: the unpaid tickets that were punished cannot be told from
//     the parity misses by anything the chain shows the sender: a
//     chi-square test of independence between "punished" and each of
//     several features a sender can compute finds nothing, while the same
//     test flags the flaw at once when the coin is taken of something the
//     sender can see (the block hash alone).
//
// POSTAGE_SIM_TICKETS changes the number of tickets per recipient (2,000
// with -short or under the race detector).
func TestSimulation(t *testing.T) {
	n := 10_000
	if testing.Short() || raceBuild {
		n = 2_000
	}
	if v, err := strconv.Atoi(os.Getenv("POSTAGE_SIM_TICKETS")); err == nil && v >= 500 {
		n = v
	}
	const batch = 250
	c := tbtest.New(t, 2, 4)
	owner := c.Writer(0)
	agent := c.Writer(0) // the owner's own address is the agent here
	s := gwei(1_000_000) // the stake, 0.001 ETH
	reserveStakes, err := book.Reserve(n, 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	reserve := new(big.Int).Mul(s, big.NewInt(int64(reserveStakes)))
	window := uint32(10_000)
	rng := rand.New(rand.NewPCG(uint64(n), 0x73696d))
	books := []*simBook{
		{name: "honest", q: 0, buyer: 1},
		{name: "punish-all", q: 1, buyer: 2},
		{name: "mixed", q: 0.3, buyer: 3},
	}
	for _, b := range books {
		b.reserve = reserve
		b.tb = openTestBook(t, c, owner, n, s, new(big.Int), window, c.Addr(0), reserve)
	}
	rcpt, _ := stake.ParseRecipient("user@example.org")
	for start := 0; start < n; start += batch {
		size := min(batch, n-start)
		for _, b := range books {
			bindings := make([]common.Hash, size)
			for i := range bindings {
				var nonce stake.Nonce
				copy(nonce[:], crypto.Keccak256([]byte(b.name), new(big.Int).SetUint64(uint64(start+i)).Bytes()))
				bindings[i] = common.Hash(book.Binding(rcpt, nonce))
			}
			p, err := c.Writer(b.buyer).Buy(ctx(t), b.tb.id, bindings)
			if err != nil {
				t.Fatal(err)
			}
			for i := range size {
				idx := p.First + uint32(i)
				b.tickets = append(b.tickets, &simTicket{index: idx, bought: p.Block, commit: book.Commitment(stake.Address(c.Addr(b.buyer)), stake.Hash(bindings[i])),
					punished: rng.Float64() < b.q})
			}
			c.MineTo(p.RandomnessBlock + 1)
			seed, _, err := c.Contract.Seed(ctx(t), p.RandomnessBlock)
			if err != nil || seed == (common.Hash{}) {
				t.Fatalf("seed of block %d: %s, %v", p.RandomnessBlock, seed, err)
			}
			// The agent's rule: reveal a match unless the user punished.
			var reqs []ticketbook.RevealRequest
			for i := range size {
				tk := b.tickets[start+i]
				tk.seed = seed
				tk.match = book.Matches(b.tb.values[tk.index], stake.Hash(seed))
				if tk.match && !tk.punished {
					reqs = append(reqs, b.tb.request(t, tk.index, c.Addr(b.buyer), bindings[i]))
				}
			}
			for len(reqs) > 0 {
				k := min(len(reqs), 125)
				rc, err := agent.Reveal(ctx(t), reqs[:k])
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range rc.Logs {
					if ev, err := agentBinding.UnpackRevealedEvent(l); err == nil && ev.Id == b.tb.id {
						b.tickets[ev.Index].paid = true
					}
				}
				reqs = reqs[k:]
			}
		}
	}

	for _, b := range books {
		credit, err := c.Contract.Credit(ctx(t), c.Addr(b.buyer))
		if err != nil {
			t.Fatal(err)
		}
		paid := 0
		for _, tk := range b.tickets {
			if tk.paid {
				paid++
				if !tk.match || tk.punished {
					t.Fatalf("%s: ticket %d paid though match=%v punished=%v", b.name, tk.index, tk.match, tk.punished)
				}
			} else if tk.match && !tk.punished {
				t.Fatalf("%s: ticket %d matched, not punished, yet unpaid", b.name, tk.index)
			}
		}
		// Every payout is 2s (no bounty): the credit is the chain's total.
		if want := new(big.Int).Mul(s, big.NewInt(int64(2*paid))); credit.Cmp(want) != 0 {
			t.Fatalf("%s: credit %s, want %s for %d payouts", b.name, credit, want, paid)
		}
		bk, err := c.Contract.Book(ctx(t), b.tb.id)
		if err != nil {
			t.Fatal(err)
		}
		// pool = reserve + n stakes - payouts (nothing queued: the reserve
		// is sized for a 1e-3 chance of any delay over n tickets).
		pool := new(big.Int).Add(b.reserve, new(big.Int).Mul(s, big.NewInt(int64(n))))
		pool.Sub(pool, credit)
		if bk.Queued == 0 && bk.Pool.Cmp(pool) != 0 {
			t.Fatalf("%s: pool %s, want reserve + stakes - payouts = %s", b.name, bk.Pool, pool)
		}
		mean := 2 * float64(paid) / float64(n)
		p := float64(paid) / float64(n)
		se := 2 * math.Sqrt(p*(1-p)/float64(n))
		want := 1 - b.q
		t.Logf("%-10s %d tickets: %d paid; mean payout/stake %.4f, 95%% CI [%.4f, %.4f] (expected %.2f); pool %s ETH, %d queued",
			b.name, n, paid, mean, mean-1.96*se, mean+1.96*se, want, fmtEth(bk.Pool), bk.Queued)
		switch {
		case b.q == 1:
			if paid != 0 || credit.Sign() != 0 {
				t.Fatalf("punish-all paid %d tickets", paid)
			}
		case math.Abs(mean-want) > 5*se:
			t.Fatalf("%s: mean payout/stake %.4f, more than 5 standard errors (%.4f) from %.2f", b.name, mean, se, want)
		}
	}

	// Indistinguishability: among the mixed recipient's unpaid tickets, is
	// "punished" independent of everything the sender can compute?
	mixed := books[2]
	features := senderFeatures(mixed.tb.id)
	unpaid, punished, withheld := 0, 0, 0
	for _, tk := range mixed.tickets {
		if !tk.paid {
			unpaid++
			if tk.punished {
				punished++
			}
			if tk.match {
				withheld++
			}
		}
	}
	t.Logf("mixed: %d unpaid tickets: %d of messages the user punished, %d of them matches the punishment withheld, %d parity misses",
		unpaid, punished, withheld, unpaid-withheld)
	// Two questions a sender may ask of an unpaid ticket: did the user
	// punish this message, and did the punishment cost me the payout?
	labels := []struct {
		name string
		fn   func(*simTicket) bool
	}{
		{"punished", func(tk *simTicket) bool { return tk.punished }},
		{"withheld match", func(tk *simTicket) bool { return tk.match }},
	}
	minP := 1.0
	for _, l := range labels {
		for _, f := range features {
			chi, p := chiSquare(mixed.tickets, func(tk *simTicket) bool { return !tk.paid }, l.fn, f.fn)
			t.Logf("  %-15s vs %-30s chi2 %7.3f  p %.4f", l.name, f.name, chi, p)
			minP = min(minP, p)
		}
	}
	// Family-wise: 14 tests at 1e-6 each: a false alarm about once in
	// 70,000 runs; a leak like the control's below is found at p < 1e-100.
	if minP < 1e-6 {
		t.Fatalf("a feature the sender can compute predicts punishment (p = %g)", minP)
	}

	// Positive control: the same data with the coin taken of what a
	// sender can compute (keccak of the seed and its index). The recipient
	// still reveals only unpunished matches; the test must flag it. (Not
	// the seed's low bit alone: it varies only across seeds, and in one CI
	// run under the race detector it did not vary among the unpaid
	// tickets, so the control gave chi2 0 and proved nothing.)
	leakFeat := features[4]
	leaky := leakFeat.fn
	ctl := make([]*simTicket, len(mixed.tickets))
	for i, tk := range mixed.tickets {
		c := *tk
		c.match = leaky(tk)
		c.paid = c.match && !c.punished
		ctl[i] = &c
	}
	chi, p := chiSquare(ctl, func(tk *simTicket) bool { return !tk.paid }, func(tk *simTicket) bool { return tk.match }, leakFeat.fn)
	t.Logf("positive control (coin = %s): chi2 %.1f p %.3g", leakFeat.name, chi, p)
	if p > 1e-30 {
		t.Fatalf("the test does not detect a coin the sender can compute (p = %g)", p)
	}
}

var agentBinding = contracts.NewTicketBook()

type feature struct {
	name string
	fn   func(tk *simTicket) bool
}

// senderFeatures are bits a sender can compute for its own ticket from
// chain data and what it sent: the seed, the index, the blocks, its
// commitment, the book id.
func senderFeatures(id common.Hash) []feature {
	bit := func(parts ...[]byte) bool { return crypto.Keccak256(parts...)[31]&1 == 0 }
	idx := func(tk *simTicket) []byte { return new(big.Int).SetUint64(uint64(tk.index)).Bytes() }
	return []feature{
		{"low bit of the seed", func(tk *simTicket) bool { return tk.seed[31]&1 == 0 }},
		{"high bit of the seed", func(tk *simTicket) bool { return tk.seed[0]&0x80 != 0 }},
		{"index parity", func(tk *simTicket) bool { return tk.index%2 == 0 }},
		{"batch parity", func(tk *simTicket) bool { return tk.index/250%2 == 0 }},
		{"keccak(seed ‖ index)", func(tk *simTicket) bool { return bit(tk.seed[:], idx(tk)) }},
		{"keccak(seed ‖ commitment)", func(tk *simTicket) bool { return bit(tk.seed[:], tk.commit[:]) }},
		{"keccak(book ‖ index ‖ seed)", func(tk *simTicket) bool { return bit(id[:], idx(tk), tk.seed[:]) }},
	}
}

// chiSquare is Pearson's test of independence (2×2, one degree of
// freedom) between label and feature over the tickets in scope.
func chiSquare(tks []*simTicket, scope, label, feat func(*simTicket) bool) (chi2, p float64) {
	var n [2][2]float64
	for _, tk := range tks {
		if !scope(tk) {
			continue
		}
		a, b := 0, 0
		if label(tk) {
			a = 1
		}
		if feat(tk) {
			b = 1
		}
		n[a][b]++
	}
	total := n[0][0] + n[0][1] + n[1][0] + n[1][1]
	for a := range 2 {
		for b := range 2 {
			e := (n[a][0] + n[a][1]) * (n[0][b] + n[1][b]) / total
			if e > 0 {
				chi2 += (n[a][b] - e) * (n[a][b] - e) / e
			}
		}
	}
	return chi2, math.Erfc(math.Sqrt(chi2 / 2))
}

func fmtEth(wei *big.Int) string {
	f, _ := new(big.Float).Quo(new(big.Float).SetInt(wei), big.NewFloat(1e18)).Float64()
	return fmt.Sprintf("%.3f", f)
}
