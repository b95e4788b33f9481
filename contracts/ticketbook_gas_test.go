package contracts

import (
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/params/forks"
)

// bookGas runs the fixed ticket book scenario on one chain config and
// returns the gas of each operation by key.
func bookGas(t *testing.T, cfg *params.ChainConfig) map[string]uint64 {
	t.Helper()
	bt := newBookTesterConfig(t, cfg, 2, 8)
	g := map[string]uint64{}
	stake, bounty := gweis(1_000_000), gweis(20_000)
	vals := newValues("gas", 4096)
	if len(vals.proof(0)) != 12 || len(vals.proof(4095)) != 12 {
		t.Fatal("4096-value book: proofs are not 12 deep")
	}
	r := bt.bookOK(bOwner, bt.b.PackOpenBook(vals.root(), 4096, stake, bounty, 50_000, bt.accts[bAgent].addr), eth(1))
	g["open"] = r.GasUsed
	id, _ := bt.b.UnpackBookOpenedEvent(r.Logs[0])

	r = bt.bookOK(bBuyer, bt.b.PackBuy(id.Id, bindingOf("gas", 0)), stake)
	g["buy"] = r.GasUsed
	var batch [][32]byte
	for i := 0; i < 10; i++ {
		batch = append(batch, bindingOf("gas batch", i))
	}
	r = bt.bookOK(bBuyer, bt.b.PackBuyBatch(id.Id, batch), new(big.Int).Mul(stake, bigs(10)))
	g["buy10"] = r.GasUsed

	// Seeds: one record per epoch serves every ticket of that epoch.
	bt.mine(10)
	r = bt.bookOK(bStranger, bt.b.PackRecordSeed(new(big.Int).SetUint64(bt.number()-2)), nil)
	g["seed"] = r.GasUsed

	// Reveals of matching tickets: the agent's own (first credit of a
	// buyer, then a buyer already credited), a relay's with a signature,
	// and a batch of several.
	match, _, bindings := bt.matchingTickets(id.Id, vals, bBuyer, stake, 16, 0)
	reveal := func(from int, i int, sign bool) uint64 {
		req := bt.req(id.Id, vals, i, bBuyer, bindings[i])
		if sign {
			req.Signature = signDigest(t, bt.accts[bAgent].key, bt.digest(id.Id, i, bt.accts[from].addr))
		}
		return bt.bookOK(from, bt.b.PackReveal(req), nil).GasUsed
	}
	g["reveal.fresh"] = reveal(bAgent, match[0], false)
	g["reveal.warm"] = reveal(bAgent, match[1], false)
	g["reveal.relay"] = reveal(bRelay, match[2], true)
	var reqs []TicketBookRevealRequest
	for _, i := range match[3:13] {
		reqs = append(reqs, bt.req(id.Id, vals, i, bBuyer, bindings[i]))
	}
	g["reveal10"] = bt.bookOK(bAgent, bt.b.PackRevealBatch(reqs), nil).GasUsed
	g["claim"] = bt.bookOK(bBuyer, bt.b.PackClaim(), nil).GasUsed

	// The top-up that pays a queued payout.
	qid, _, _, _, _ := bt.queuedBook(stake, bounty, 1)
	r = bt.bookOK(bStranger, bt.b.PackTopUp(qid), new(big.Int).Mul(stake, bigs(2)))
	g["topup.pays1"] = r.GasUsed

	vals2 := newValues("gas close", 2)
	r = bt.bookOK(bOwner, bt.b.PackOpenBook(vals2.root(), 2, stake, bounty, 5, bt.accts[bAgent].addr), eth(1))
	id2, _ := bt.b.UnpackBookOpenedEvent(r.Logs[0])
	bt.bookOK(bBuyer, bt.b.PackBuy(id2.Id, bindingOf("gas close", 0)), stake)
	g["retire"] = bt.bookOK(bOwner, bt.b.PackRetire(id2.Id), nil).GasUsed
	bt.mine(20)
	g["close"] = bt.bookOK(bOwner, bt.b.PackClose(id2.Id), nil).GasUsed

	if got := cfg.LatestFork(bt.now()); cfg.BogotaTime == nil && got != forks.Osaka {
		t.Fatalf("the capped chain runs %v, want Osaka", got)
	}
	return g
}

// TestBookGasTable measures the ticket book's gas on the Osaka schedule
// (and the dev chain's forks for reference) and checks that TICKETBOOK.md
// holds the table (go test ./contracts -run TestBookGasTable -update-gas
// rewrites it).
func TestBookGasTable(t *testing.T) {
	g := bookGas(t, osakaConfig())
	dev := bookGas(t, params.AllDevChainProtocolChanges)
	n := func(v uint64) string { return fmt.Sprintf("%d", v) }
	per := func(v uint64, k uint64) string { return fmt.Sprintf("%d (%d)", v, v/k) }
	rows := [][3]string{
		{"openBook, 4096 values, with reserve", n(g["open"]), n(dev["open"])},
		{"buy, one ticket", n(g["buy"]), n(dev["buy"])},
		{"buyBatch, 10 tickets (per ticket)", per(g["buy10"], 10), per(dev["buy10"], 10)},
		{"recordSeed (one per epoch, for every book)", n(g["seed"]), n(dev["seed"])},
		{"reveal by the agent, proof depth 12, buyer's first credit", n(g["reveal.fresh"]), n(dev["reveal.fresh"])},
		{"reveal by the agent, buyer already credited", n(g["reveal.warm"]), n(dev["reveal.warm"])},
		{"reveal by a relay with the agent's signature", n(g["reveal.relay"]), n(dev["reveal.relay"])},
		{"revealBatch, 10 reveals (per reveal)", per(g["reveal10"], 10), per(dev["reveal10"], 10)},
		{"claim (the buyer's credits)", n(g["claim"]), n(dev["claim"])},
		{"topUp paying one queued payout", n(g["topup.pays1"]), n(dev["topup.pays1"])},
		{"retire", n(g["retire"]), n(dev["retire"])},
		{"close (reserve back to the owner)", n(g["close"]), n(dev["close"])},
	}
	var b strings.Builder
	b.WriteString("| operation | TicketBook (Osaka) | dev-chain forks |\n")
	b.WriteString("|---|--:|--:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", r[0], r[1], r[2])
	}
	table := b.String()
	t.Logf("gas used per transaction (receipt gasUsed):\n%s", table)
	syncTable(t, "TICKETBOOK.md", table)
}
