package send

import (
	"fmt"
	"math"
	"strings"
)

// Economics is the parameter table of docs/economics.md: what postage
// costs a legitimate sender and a spammer. Every field is a measured
// figure (its command in Source), a cited source, or a stated assumption;
// the doc's tables are computed from it (TestEconomicsTables), the
// measured figures are checked against BENCHMARKS.md, and the defaults in
// config/default.toml are checked against it (config's
// TestDefaultsFollowEconomics).
type Economics struct {
	// Gas per message over a deposit's whole lifecycle (makeDeposit,
	// startWithdrawal(s), withdraw/withdrawMany), from BENCHMARKS.md's
	// amortized table: a lone message with single calls, a lone message
	// with its withdrawal batched with 9 others, and messages batched 10,
	// 100 and 1000 to a deposit.
	GasSingleCalls, GasLone, GasBatch10, GasBatch100, GasBatch1000 float64
	// BurnGas is the dearest single burn (depth 10, first burn in a bitmap
	// word), BENCHMARKS.md's gas table: what a relay risks on a request.
	BurnGas float64

	// Gas prices, gwei, and the ETH price, USD.
	MainnetGwei, RollupGwei, ETHUSD float64

	// The default stake: each leaf's share and bounty (ETH), the policy's
	// minimum (share less bounty), hold and delay (days), padding (leaves
	// per recipient: a lone recipient, and deposits of 10, 100, 1000).
	Share, Bounty, MinPerLeaf    float64
	HoldDays, DelayDays          float64
	LeavesLone, Leaves10         float64
	Leaves100, Leaves1000        float64
	CapitalRate                  float64 // a year: the opportunity cost of locked ETH
	WorkBits                     int     // send.bits and policy.work.bits
	CoreHs, PhoneHs              float64 // SHA-1 per second: postage on one core; a phone core
	RTX4090Hs, H100Hs, RTX5090Hs float64
	RTX4090USDh, H100USDh        float64 // rental, USD per GPU-hour
	RTX5090USDh                  float64

	// Punish rates: a spam run's (the share of its recipients who burn);
	// a legitimate sender's false punishments: person-to-person mail
	// (IronPort Bonded Sender's threshold), bulk mail at Gmail's
	// recommended rate and at its ceiling.
	SpamPunish, LegitP2P, BulkRecommended, BulkCeiling float64

	// Relay work price: relay.bits at fees up to RelayBitsFeeGwei, one bit
	// more per doubling, at most RelayMaxBits.
	RelayBits, RelayMaxBits int
	RelayBitsFeeGwei        float64
	// RelayMargin: a relay sends a burn only while the bounty covers its
	// gas times 1 + RelayMargin (relay.bounty_margin).
	RelayMargin float64
}

// Econ is the table. Change a figure here and the doc's tables, the ratio
// test and the defaults' test follow.
var Econ = Economics{
	GasSingleCalls: 139097, GasLone: 94638, GasBatch10: 9464, GasBatch100: 947, GasBatch1000: 95,
	BurnGas:     65175,
	MainnetGwei: 10, RollupGwei: 0.01, ETHUSD: 3000,
	Share: 0.0011, Bounty: 0.0001, MinPerLeaf: 0.001,
	HoldDays: 7, DelayDays: 3,
	LeavesLone: 4, Leaves10: 1.6, Leaves100: 1.28, Leaves1000: 1.024,
	CapitalRate: 0.03,
	WorkBits:    20,
	CoreHs:      172.5e6, PhoneHs: 30e6,
	RTX4090Hs: 50.6e9, H100Hs: 37.3e9, RTX5090Hs: 70.2e9,
	RTX4090USDh: 0.40, H100USDh: 2.50, RTX5090USDh: 0.70,
	SpamPunish: 0.10, LegitP2P: 1e-6, BulkRecommended: 0.001, BulkCeiling: 0.003,
	RelayBits: 20, RelayMaxBits: 32, RelayBitsFeeGwei: 1, RelayMargin: 0.5,
}

// Param is one row of the parameter table.
type Param struct{ Name, Value, Source string }

// Params is the doc's parameter table.
func (e Economics) Params() []Param {
	g := func(v float64) string { return trimFloat(v) }
	return []Param{
		{"gas per message, lifecycle", fmt.Sprintf("%s (lone, single calls) / %s (lone) / %s / %s / %s (batches of 10 / 100 / 1000)", g(e.GasSingleCalls), g(e.GasLone), g(e.GasBatch10), g(e.GasBatch100), g(e.GasBatch1000)),
			"measured: `go test ./contracts -run TestAmortizedGasTable` (BENCHMARKS.md, \"Amortized over the lifecycle\")"},
		{"gas of the dearest burn", g(e.BurnGas), "measured: `go test ./contracts -run TestGasTable` (BENCHMARKS.md, burn at depth 10, first in a bitmap word)"},
		{"gas price, Ethereum mainnet", g(e.MainnetGwei) + " gwei", "assumption: a middling day (2025 ranged from under 1 to over 100 gwei)"},
		{"gas price, rollup (L2 execution)", g(e.RollupGwei) + " gwei", "assumption: Arbitrum One's L2 base-fee floor; OP-stack chains (Base, OP Mainnet) are often lower. The L1 data fee is in its own section below"},
		{"ETH price", "$" + g(e.ETHUSD), "assumption"},
		{"share per leaf / bounty / policy minimum", fmt.Sprintf("%s / %s / %s ETH", g(e.Share), g(e.Bounty), g(e.MinPerLeaf)), "defaults: `send.stake_per_recipient`, `send.bounty`, `policy.stake.min_per_leaf` (config/default.toml)"},
		{"hold + delay", fmt.Sprintf("%s + %s days", g(e.HoldDays), g(e.DelayDays)), "defaults: `send.hold`, `policy.stake.min_delay`"},
		{"leaves per recipient (padding)", fmt.Sprintf("%s alone, %s / %s / %s in deposits of 10 / 100 / 1000", g(e.LeavesLone), g(e.Leaves10), g(e.Leaves100), g(e.Leaves1000)), "`go test ./send -run TestPaddingTable` (BENCHMARKS.md, \"Padding\"), `send.min_leaves` = 4"},
		{"opportunity cost of locked ETH", g(e.CapitalRate*100) + "% a year", "assumption: about Ethereum's staking yield"},
		{"SHA-1 rate, one core (postage)", g(e.CoreHs/1e6) + " MH/s", "measured: `go test -run '^$' -bench MintRate -cpu 1 ./hashcash` (BENCHMARKS.md, Zen 4, avx512 kernel)"},
		{"SHA-1 rate, phone-class core", g(e.PhoneHs/1e6) + " MH/s", "**estimate**, not measured: one ARMv8 core with SHA-1 instructions"},
		{"SHA-1 rate, RTX 4090 / H100 SXM / RTX 5090", fmt.Sprintf("%s / %s / %s GH/s", g(e.RTX4090Hs/1e9), g(e.H100Hs/1e9), g(e.RTX5090Hs/1e9)), "hashcat 6.2.6 published benchmarks, mode 100 (SHA1), one GPU"},
		{"GPU rental", fmt.Sprintf("$%s / $%s / $%s an hour", g(e.RTX4090USDh), g(e.H100USDh), g(e.RTX5090USDh)), "assumption: typical 2025 marketplace prices (vast.ai, RunPod class)"},
		{"spam run punish rate", g(e.SpamPunish*100) + "%", "assumption: one recipient in ten burns (moves it to Junk and keeps it there past the undo window)"},
		{"false punishments, person-to-person mail", g(e.LegitP2P*1e6) + " per million", "IronPort Bonded Sender's debit threshold, 1 complaint per million (bonds debited $500–$4,000 a month above it; legitimate mailers exceeded it in 35% of an industry test). Person-to-person mail is taken to stay under it: an assumption, it is a bulk-mail figure"},
		{"false punishments, bulk mail", fmt.Sprintf("%s%% recommended, %s%% ceiling", g(e.BulkRecommended*100), g(e.BulkCeiling*100)), "Gmail's 2024 bulk-sender rules: reported spam rate below 0.3%, 0.1% recommended"},
		{"relay work price", fmt.Sprintf("%d bits up to %s gwei, +1 bit per doubling, at most %d; bounty margin %s%%", e.RelayBits, g(e.RelayBitsFeeGwei), e.RelayMaxBits, g(e.RelayMargin*100)), "defaults: `relay.bits`, `relay.bits_fee`, `relay.max_bits`, `relay.bounty_margin` (relay/price.go)"},
	}
}

func trimFloat(v float64) string { return strings.TrimSuffix(fmt.Sprintf("%g", v), ".0") }

// GasUSD is gas at gwei per gas, in USD.
func (e Economics) GasUSD(gas, gwei float64) float64 { return gas * gwei * 1e-9 * e.ETHUSD }

// WorkUSD is what 2^bits SHA-1 cost on a rented GPU at hs hashes a
// second and usdh an hour.
func WorkUSD(bits int, hs, usdh float64) float64 {
	return math.Pow(2, float64(bits)) / hs * usdh / 3600
}

// A Profile is a sender of the ratio: gas per delivered message (rollup), its punish
// rate, what one burn of its leaves costs it (ETH) and its leaves per
// message (for the capital it locks).
type Profile struct {
	Name        string
	Gas         float64
	Punish      float64
	LossPerBurn float64
	Leaves      float64
	// WorkBits is the work stamp it mints, on an RTX 4090 (spammer) or
	// not counted (0: a person's own core, idle otherwise).
	WorkBits int
}

// Spammer under the default policy: work alone is no pass, so it stakes;
// it batches 1000 recipients a deposit, and it burns its own punished
// leaves first when it can, keeping the bounty: a burn costs it the share
// less the bounty, the policy's minimum.
func (e Economics) Spammer() Profile {
	return Profile{Name: "spam run, 1000 a deposit", Gas: e.GasBatch1000, Punish: e.SpamPunish, LossPerBurn: e.Share - e.Bounty, Leaves: e.Leaves1000, WorkBits: e.WorkBits}
}

// Legit is the reference legitimate sender of the test: person-to-person
// mail, 10 recipients a deposit (one message to ten, or ten messages
// within send.batch_wait at a host running serve: the issue's "batches of
// 10 or more"), false punishments at IronPort's 1 per million (a mistaken
// move to Junk undone within punish.delay, 4h, burns nothing, so only
// punishments the recipient stands by count), losing the whole share.
func (e Economics) Legit() Profile {
	return Profile{Name: "person-to-person, 10 a deposit", Gas: e.GasBatch10, Punish: e.LegitP2P, LossPerBurn: e.Share, Leaves: e.Leaves10}
}

// Senders are every legitimate sender the doc compares.
func (e Economics) Senders() []Profile {
	return []Profile{
		e.Legit(),
		{Name: "person-to-person, alone", Gas: e.GasLone, Punish: e.LegitP2P, LossPerBurn: e.Share, Leaves: e.LeavesLone},
		{Name: "person-to-person, 100 a deposit", Gas: e.GasBatch100, Punish: e.LegitP2P, LossPerBurn: e.Share, Leaves: e.Leaves100},
		{Name: "bulk, 1000 a deposit, 0.1% (Gmail recommended)", Gas: e.GasBatch1000, Punish: e.BulkRecommended, LossPerBurn: e.Share, Leaves: e.Leaves1000},
		{Name: "bulk, 1000 a deposit, 0.3% (Gmail ceiling)", Gas: e.GasBatch1000, Punish: e.BulkCeiling, LossPerBurn: e.Share, Leaves: e.Leaves1000},
	}
}

// Spent is what s pays per delivered message, USD: gas on the rollup,
// burns, and (for a spammer) its work on a rented RTX 4090. Staked ETH
// that comes back is not spent; CapitalCost is its opportunity cost.
func (e Economics) Spent(s Profile) float64 {
	c := e.GasUSD(s.Gas, e.RollupGwei) + s.Punish*s.LossPerBurn*e.ETHUSD
	if s.WorkBits > 0 {
		c += WorkUSD(s.WorkBits, e.RTX4090Hs, e.RTX4090USDh)
	}
	return c
}

// CapitalCost is the opportunity cost of the stake s locks per message
// for hold + delay, USD.
func (e Economics) CapitalCost(s Profile) float64 {
	return s.Leaves * e.Share * e.ETHUSD * e.CapitalRate * (e.HoldDays + e.DelayDays) / 365
}

// SpamOverLegit is the spammer's spent cost per delivered message over the
// reference legitimate sender's, under the default policy.
func (e Economics) SpamOverLegit() float64 { return e.Spent(e.Spammer()) / e.Spent(e.Legit()) }

// WorkAlonePasses reports whether the numbers allow a work stamp alone to
// pass by default: only if a rented GPU pays at least $0.0001 a stamp at
// the default bits while a phone core mints it within 10 seconds. They do
// not (docs/economics.md, "the seed's problem (ii)").
func (e Economics) WorkAlonePasses() bool {
	gpu := WorkUSD(e.WorkBits, e.RTX4090Hs, e.RTX4090USDh)
	phone := math.Pow(2, float64(e.WorkBits)) / e.PhoneHs
	return gpu >= 1e-4 && phone <= 10
}

// RelayBitsAt is the relay's work price at fee gwei per gas.
func (e Economics) RelayBitsAt(feeGwei float64) int {
	if feeGwei <= e.RelayBitsFeeGwei {
		return e.RelayBits
	}
	return min(e.RelayBits+int(math.Ceil(math.Log2(feeGwei/e.RelayBitsFeeGwei)-1e-9)), e.RelayMaxBits)
}
