package config

import (
	"math/big"
	"testing"
	"time"

	postage "github.com/postage-mail/postage"
	"github.com/postage-mail/postage/send"
)

// ethWei is v ETH in wei, exactly for the table's few-decimal values.
func ethWei(v float64) *big.Int {
	w, _ := new(big.Float).Mul(big.NewFloat(v), big.NewFloat(1e18)).Int(nil)
	// Round to the nearest gwei: float64 carries no more for these values.
	g := big.NewInt(1e9)
	w.Add(w, new(big.Int).Div(g, big.NewInt(2)))
	return w.Sub(w, new(big.Int).Mod(w, g))
}

// The defaults (config/default.toml, postage.DefaultPolicy) are derived
// from docs/economics.md's table, send.Econ: this fails when one of them
// moves without the other.
func TestDefaultsFollowEconomics(t *testing.T) {
	e := send.Econ
	cfg, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	pol, err := cfg.basePolicy()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*postage.Policy{pol, postage.DefaultPolicy()} {
		if got := p.Accepts(postage.AcceptWork); got != e.WorkAlonePasses() {
			t.Errorf("policy accepts work alone: %v; the economics say %v", got, e.WorkAlonePasses())
		}
		if !p.Accepts(postage.AcceptStake) {
			t.Error("the default policy does not accept stake")
		}
		if p.StakeMinPerLeaf.Cmp(ethWei(e.MinPerLeaf)) != 0 {
			t.Errorf("policy.stake.min_per_leaf %s wei, economics %g ETH", p.StakeMinPerLeaf, e.MinPerLeaf)
		}
		if p.StakeMinDelay != time.Duration(e.DelayDays*24)*time.Hour {
			t.Errorf("policy.stake.min_delay %v, economics %g days", p.StakeMinDelay, e.DelayDays)
		}
		if p.WorkBits != e.WorkBits {
			t.Errorf("policy.work.bits %d, economics %d", p.WorkBits, e.WorkBits)
		}
	}
	if cfg.StakePerRecipient().Cmp(ethWei(e.Share)) != 0 || cfg.Bounty().Cmp(ethWei(e.Bounty)) != 0 {
		t.Errorf("send.stake_per_recipient %s, send.bounty %s wei; economics %g, %g ETH", cfg.StakePerRecipient(), cfg.Bounty(), e.Share, e.Bounty)
	}
	ss, err := cfg.SendSettings()
	if err != nil {
		t.Fatal(err)
	}
	if ss.Hold != time.Duration(e.HoldDays*24)*time.Hour {
		t.Errorf("send.hold %v, economics %g days", ss.Hold, e.HoldDays)
	}
	if cfg.Send.Bits != e.WorkBits {
		t.Errorf("send.bits %d, economics %d", cfg.Send.Bits, e.WorkBits)
	}
	if cfg.Send.Stake != StakeAuto {
		t.Errorf("send.stake %q: the economics (no gas or capital for recipients who never check) say auto", cfg.Send.Stake)
	}
	rs, err := cfg.RelaySettings()
	if err != nil {
		t.Fatal(err)
	}
	if rs.Bits != e.RelayBits || rs.MaxBits != e.RelayMaxBits || rs.BitsFee == nil || rs.BitsFee.Cmp(big.NewInt(int64(e.RelayBitsFeeGwei*1e9))) != 0 {
		t.Errorf("relay bits %d, bits_fee %v wei, max_bits %d; economics %d, %g gwei, %d", rs.Bits, rs.BitsFee, rs.MaxBits, e.RelayBits, e.RelayBitsFeeGwei, e.RelayMaxBits)
	}
	if float64(rs.BountyMargin) != e.RelayMargin*100 {
		t.Errorf("relay.bounty_margin %d%%, economics %g%%", rs.BountyMargin, e.RelayMargin*100)
	}
}
