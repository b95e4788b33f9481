package send

import (
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

var updateEconomics = flag.Bool("update-economics", false, "rewrite the computed tables in docs/economics.md")

// Parameters of docs/economics.md. Measured figures name their command;
// the rest are stated assumptions or cited sources (see the doc).
var econ = struct {
	// Gas per message over the whole lifecycle, from BENCHMARKS.md's
	// amortized table (go test ./contracts -run TestAmortizedGasTable).
	gasSingleCalls, gasLone, gasBatch10, gasBatch100, gasBatch1000 float64
	// Gas prices (gwei) and the ETH price (USD): stated assumptions.
	mainnetGwei, rollupGwei, ethUSD float64
	// Stake: the default share less bounty (ETH), hold + delay (days).
	stakeETH, lockedDays float64
	// Work: hashes per second. postage on one core: BENCHMARKS.md
	// (bench/compare.sh, avx512 kernel); GPUs: hashcat 6.2.6 SHA-1
	// published benchmarks; phone: an estimate.
	coreHs, phoneHs, rtx4090Hs, h100Hs, rtx5090Hs float64
	// GPU rental, USD per GPU-hour: stated assumptions.
	rtx4090USDh, h100USDh, rtx5090USDh float64
	// Punish rates: a spam run's (stated assumption) and a legitimate
	// bulk sender's false complaints (Gmail's 2024 bulk-sender ceiling).
	spamPunish, legitPunish float64
}{
	gasSingleCalls: 139097, gasLone: 94638, gasBatch10: 9464, gasBatch100: 947, gasBatch1000: 95,
	mainnetGwei: 10, rollupGwei: 0.01, ethUSD: 3000,
	stakeETH: 0.001, lockedDays: 10,
	coreHs: 175e6, phoneHs: 30e6, rtx4090Hs: 50.6e9, h100Hs: 37.3e9, rtx5090Hs: 70.2e9,
	rtx4090USDh: 0.40, h100USDh: 2.50, rtx5090USDh: 0.70,
	spamPunish: 0.10, legitPunish: 0.003,
}

func usd(v float64) string {
	switch {
	case v >= 1:
		return fmt.Sprintf("$%.2f", v)
	case v >= 0.001:
		return fmt.Sprintf("$%.4f", v)
	}
	return fmt.Sprintf("$%.2g", v)
}

func gasUSD(gas, gwei float64) float64 { return gas * gwei * 1e-9 * econ.ethUSD }

// spamOverLegit is the spammer's cost per delivered message over a
// legitimate sender's, both staking (batched by 1000 on the rollup): the
// spammer loses its stake at its punish rate, the legitimate sender at the
// false-complaint rate.
func spamOverLegit() float64 {
	gas := gasUSD(econ.gasBatch1000, econ.rollupGwei)
	stake := econ.stakeETH * econ.ethUSD
	return (gas + econ.spamPunish*stake) / (gas + econ.legitPunish*stake)
}

func economicsTables() string {
	var b strings.Builder
	b.WriteString("Gas per message over the lifecycle (deposit, start, withdraw) and its price at " +
		fmt.Sprintf("%g gwei on mainnet and %g gwei on a rollup, ETH at $%g:\n\n", econ.mainnetGwei, econ.rollupGwei, econ.ethUSD))
	b.WriteString("| messages per deposit | gas per message | mainnet | rollup |\n|---|--:|--:|--:|\n")
	for _, r := range []struct {
		name string
		gas  float64
	}{{"1, single withdrawal calls", econ.gasSingleCalls}, {"1, withdrawals batched by 10", econ.gasLone}, {"10", econ.gasBatch10}, {"100", econ.gasBatch100}, {"1000", econ.gasBatch1000}} {
		fmt.Fprintf(&b, "| %s | %.0f | %s | %s |\n", r.name, r.gas, usd(gasUSD(r.gas, econ.mainnetGwei)), usd(gasUSD(r.gas, econ.rollupGwei)))
	}
	b.WriteString("\nCapital locked = messages a day × leaves per message × share × (hold + delay); ")
	fmt.Fprintf(&b, "at a %.4g ETH share and %g days (7d hold + 3d delay):\n\n", econ.stakeETH*1.1, econ.lockedDays)
	b.WriteString("| messages a day | one recipient, alone (4 leaves) | batched (1.6 leaves per recipient) |\n|--:|--:|--:|\n")
	for _, n := range []float64{10, 100, 1000, 10000} {
		alone := n * 4 * econ.stakeETH * 1.1 * econ.lockedDays
		batched := n * 1.6 * econ.stakeETH * 1.1 * econ.lockedDays
		fmt.Fprintf(&b, "| %.0f | %.4g ETH (%s) | %.4g ETH (%s) |\n", n, alone, usd(alone*econ.ethUSD), batched, usd(batched*econ.ethUSD))
	}
	b.WriteString("\nWork stamp cost per message (2^bits SHA-1 on average):\n\n")
	b.WriteString("| bits | one core (postage) | phone core (estimate) | RTX 4090 cost | H100 cost | RTX 5090 cost | 1M spam on RTX 4090 |\n|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, bits := range []int{16, 20, 24, 28, 32, 36, 40} {
		h := math.Pow(2, float64(bits))
		per := func(hs, usdh float64) float64 { return h / hs * usdh / 3600 }
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s |\n", bits, dur(h/econ.coreHs), dur(h/econ.phoneHs),
			usd(per(econ.rtx4090Hs, econ.rtx4090USDh)), usd(per(econ.h100Hs, econ.h100USDh)), usd(per(econ.rtx5090Hs, econ.rtx5090USDh)), usd(1e6*per(econ.rtx4090Hs, econ.rtx4090USDh)))
	}
	// The bits at which an RTX 4090 spammer pays $0.001 a message.
	bits := math.Log2(0.001 * 3600 / econ.rtx4090USDh * econ.rtx4090Hs)
	fmt.Fprintf(&b, "\nFor a GPU spammer to pay $0.001 a message takes %.1f bits; a person's core needs %s for one such stamp, a phone %s.\n",
		bits, dur(math.Pow(2, bits)/econ.coreHs), dur(math.Pow(2, bits)/econ.phoneHs))
	stake := econ.stakeETH * econ.ethUSD
	fmt.Fprintf(&b, "\nStake, per delivered message, batched by 1000 on the rollup: a spam run punished at %g%% loses %s a message; a legitimate sender with %g%% false complaints loses %s. Spammer / legitimate sender: **%.0f×**.\n",
		econ.spamPunish*100, usd(gasUSD(econ.gasBatch1000, econ.rollupGwei)+econ.spamPunish*stake), econ.legitPunish*100,
		usd(gasUSD(econ.gasBatch1000, econ.rollupGwei)+econ.legitPunish*stake), spamOverLegit())
	return b.String()
}

func dur(s float64) string {
	switch {
	case s < 1:
		return fmt.Sprintf("%.3g ms", s*1000)
	case s < 3600:
		return fmt.Sprintf("%.3g s", s)
	case s < 86400*2:
		return fmt.Sprintf("%.3g h", s/3600)
	}
	return fmt.Sprintf("%.3g days", s/86400)
}

// TestEconomicsTables fails when docs/economics.md's computed tables no
// longer match these parameters (-update-economics rewrites them).
func TestEconomicsTables(t *testing.T) {
	const path = "../docs/economics.md"
	const begin, end = "<!-- economics:begin -->\n", "<!-- economics:end -->"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q ... %q section", path, begin, end)
	}
	want := economicsTables()
	if got := doc[i+len(begin) : j]; got != want {
		if *updateEconomics {
			if err := os.WriteFile(path, []byte(doc[:i+len(begin)]+want+doc[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s is stale (go test ./send -run TestEconomicsTables -update-economics):\n%s", path, want)
	}
}
