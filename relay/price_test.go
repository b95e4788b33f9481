package relay

import (
	"context"
	"errors"
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/postage-mail/postage/hashcash"
)

func gwei(f float64) *big.Int {
	v, _ := new(big.Float).Mul(big.NewFloat(f), big.NewFloat(1e9)).Int(nil)
	return v
}

// The work price follows the fee per gas: one bit per doubling above the
// reference, never below Bits, never above MaxBits.
func TestWorkPriceAt(t *testing.T) {
	p := WorkPrice{Bits: 20, Ref: gwei(1), MaxBits: 32}
	for _, c := range []struct {
		fee  *big.Int
		want int
	}{
		{nil, 20}, {big.NewInt(0), 20}, {gwei(0.01), 20}, {gwei(1), 20},
		{new(big.Int).Add(gwei(1), big.NewInt(1)), 21}, {gwei(2), 21}, {gwei(3), 22}, {gwei(4), 22},
		{gwei(10), 24}, {gwei(100), 27}, {gwei(4096), 32}, {gwei(1e6), 32},
	} {
		if got := p.At(c.fee); got != c.want {
			t.Errorf("At(%v wei) = %d, want %d", c.fee, got, c.want)
		}
		// Proportional: 2^bits is at least fee/ref times 2^Bits.
		if c.fee != nil && c.fee.Cmp(gwei(1)) > 0 && c.want < 32 {
			ratio, _ := new(big.Float).Quo(new(big.Float).SetInt(c.fee), new(big.Float).SetInt(gwei(1))).Float64()
			if float64(uint64(1)<<(c.want-20)) < ratio {
				t.Errorf("At(%v) = %d asks less than fee/ref = %g times the base work", c.fee, c.want, ratio)
			}
		}
	}
	if got := (WorkPrice{Bits: 20}).At(gwei(1e6)); got != 20 {
		t.Errorf("no reference: %d bits, want the fixed 20", got)
	}
	if got := (WorkPrice{Bits: 20, Ref: gwei(1)}).At(gwei(1e12)); got != 36 {
		t.Errorf("default cap: %d bits, want Bits+16 = 36", got)
	}
	for _, bad := range []WorkPrice{{Bits: 0}, {Bits: 61}, {Bits: 20, MaxBits: 19}, {Bits: 20, MaxBits: 61}, {Bits: 20, Ref: big.NewInt(-1)}} {
		if bad.Validate() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// The cache reads the fee at most once per priceRefresh and keeps the
// last price when the chain cannot be read.
func TestPriceCache(t *testing.T) {
	now := time.Unix(1e9, 0)
	fee, reads := gwei(1), 0
	var failing bool
	c := &priceCache{price: WorkPrice{Bits: 10, Ref: gwei(1), MaxBits: 20}, now: func() time.Time { return now },
		fee: func(context.Context) (*big.Int, error) {
			reads++
			if failing {
				return nil, errors.New("down")
			}
			return fee, nil
		}}
	ctx := context.Background()
	if b := c.current(ctx); b != 10 || c.accepted(ctx) != 10 {
		t.Fatalf("at the reference: %d", b)
	}
	fee = gwei(8)
	if b := c.current(ctx); b != 10 || reads != 1 {
		t.Fatalf("within the refresh: %d bits after %d reads", b, reads)
	}
	now = now.Add(priceRefresh)
	if b := c.current(ctx); b != 13 || c.accepted(ctx) != 12 {
		t.Fatalf("8x the reference fee: %d bits (accepted %d), want 13 (12)", b, c.accepted(ctx))
	}
	failing, now = true, now.Add(priceRefresh)
	if b := c.current(ctx); b != 13 {
		t.Fatalf("chain unreadable: %d bits, want the last price 13", b)
	}
}

// A relay whose reference fee is far below the chain's asks its MaxBits:
// health says so, a stamp of the base bits is refused, one of the price
// accepted.
func TestRelayWorkFollowsFee(t *testing.T) {
	c := getChain(t)
	_, relayOpts := c.account(t)
	o := testOptions("price.test")
	o.Bits, o.BitsFee, o.MaxBits = 8, big.NewInt(1), 12
	r := c.openRelay(t, filepath.Join(t.TempDir(), "relay.db"), relayOpts, o)
	defer r.Close()
	cl := serveHTTP(t, r)
	ctx := ctxFor(t, time.Minute)
	h, err := cl.Health(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fee, err := r.chain.feePerGas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := o.MaxBits; fee.Cmp(big.NewInt(1<<10)) < 0 || h.Bits != want {
		t.Fatalf("fee %s wei per gas: health asks %d bits, want %d", fee, h.Bits, want)
	}
	d := c.deposit(t, milliEth(10), milliEth(1), "a@example.com", "b@example.com")
	b := c.burn(t, d, 0)
	cheap, err := hashcash.Mint(ctx, "price.test", 8, &hashcash.MintOptions{Ext: b.Ext()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cl.Submit(ctx, b, cheap.String())
	wantAPIError(t, "8 bits at a 12-bit price", err, 403, CodeWorkInvalid)
	work, err := Mint(ctx, b, h.Name, h.Bits)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := cl.Submit(ctx, b, work); err != nil || res.Status != StateQueued {
		t.Fatalf("a stamp of the price: %+v, %v", res, err)
	}
}
