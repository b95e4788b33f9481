package relay

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"sync"
	"time"
)

// The relay's work price. The seed asks that a relay's gas be "proportional
// to the PoW submitted", the rate adjusted over time: a request's work
// stamp must cost its maker in proportion to the gas the relay risks on it
// (the bounty pays a burn that lands; the work bounds what a client can
// make the relay spend on burns that do not). A burn's gas is about fixed
// (BENCHMARKS.md's gas table), so the gas the relay will spend follows the
// fee per gas: each doubling of it above WorkPrice.Ref adds one bit to
// WorkPrice.Bits, up to WorkPrice.MaxBits. docs/economics.md tabulates it.

// WorkPrice is the work a request must carry as a function of the chain's
// fee per gas. The zero Ref means a fixed price of Bits.
type WorkPrice struct {
	// Bits is the work asked at or below the reference fee per gas.
	Bits int
	// Ref is the fee per gas (wei) at which Bits are asked; nil or zero:
	// Bits at any fee.
	Ref *big.Int
	// MaxBits bounds the price (0: Bits + 16). Above it the relay asks
	// less work than its gas, rather than more than a client can mint.
	MaxBits int
}

// At is the work price, in bits, at fee per gas fee (wei): Bits +
// ceil(log2(fee / Ref)), between Bits and MaxBits. So the hashes asked,
// 2^bits, are at least fee / Ref times those asked at Ref, and less than
// twice that.
func (p WorkPrice) At(fee *big.Int) int {
	if p.Ref == nil || p.Ref.Sign() <= 0 || fee == nil || fee.Cmp(p.Ref) <= 0 {
		return p.Bits
	}
	ratio, _ := new(big.Float).Quo(new(big.Float).SetInt(fee), new(big.Float).SetInt(p.Ref)).Float64()
	extra := int(math.Ceil(math.Log2(ratio) - 1e-9))
	return min(p.Bits+extra, p.maxBits())
}

func (p WorkPrice) maxBits() int {
	if p.MaxBits > 0 {
		return max(p.MaxBits, p.Bits)
	}
	return p.Bits + 16
}

// Validate reports a price that cannot work.
func (p WorkPrice) Validate() error {
	if p.Bits < 1 || p.Bits > 60 {
		return fmt.Errorf("relay bits %d: want 1..60", p.Bits)
	}
	if p.MaxBits < 0 || p.MaxBits > 60 || (p.MaxBits > 0 && p.MaxBits < p.Bits) {
		return fmt.Errorf("relay max_bits %d: want bits (%d)..60", p.MaxBits, p.Bits)
	}
	if p.Ref != nil && p.Ref.Sign() < 0 {
		return fmt.Errorf("relay work price reference fee %s: negative", p.Ref)
	}
	return nil
}

// priceCache holds the relay's current work price, read from the chain at
// most once per priceRefresh. A price that cannot be read keeps the last
// one (Bits before any).
type priceCache struct {
	price WorkPrice
	fee   func(ctx context.Context) (*big.Int, error)
	now   func() time.Time

	mu   sync.Mutex
	bits int
	at   time.Time
}

// priceRefresh is how long a read fee per gas is used.
const priceRefresh = 30 * time.Second

func (c *priceCache) current(ctx context.Context) int {
	if c.price.Ref == nil || c.price.Ref.Sign() == 0 {
		return c.price.Bits
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bits != 0 && c.now().Sub(c.at) < priceRefresh {
		return c.bits
	}
	if c.bits == 0 {
		c.bits = c.price.Bits
	}
	fctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	fee, err := c.fee(fctx)
	if err != nil {
		return c.bits
	}
	c.bits, c.at = c.price.At(fee), c.now()
	return c.bits
}

// accepted is the least work a stamp may carry now: the current price
// less one bit, since the fee may have doubled between a client reading
// the price (GET /v1/health) and minting.
func (c *priceCache) accepted(ctx context.Context) int {
	b := c.current(ctx)
	if b > c.price.Bits {
		return b - 1
	}
	return b
}
