package contracts

import (
	"fmt"
	"strings"
	"testing"
)

// Amortized gas targets from issue 13: what one message costs over the
// whole stake lifecycle (makeDeposit, startWithdrawal, withdraw), shared
// among the messages of a deposit and the deposits of a batched withdrawal.
const (
	targetLoneMessage    = 100_000 // one recipient, withdrawals batched
	targetBatchedMessage = 15_000  // batches of 10 messages or more
)

// amortizedWithdrawBatch is how many deposits share one startWithdrawals
// and one withdrawMany in the per-batch rows.
const amortizedWithdrawBatch = 10

// nextPow2 is the padded leaf count: the least power of two >= n (issue 11:
// the leaf count must not reveal Bcc recipients).
func nextPow2(n int) int {
	p := 1
	for p < n {
		p <<= 1
	}
	return p
}

// perMessage is ceil(total / messages): never flatter than the truth.
func perMessage(total uint64, messages int) uint64 {
	return (total + uint64(messages) - 1) / uint64(messages)
}

// TestAmortizedGasTable measures, on the Osaka schedule, the gas of every
// transaction of a deposit's lifecycle and computes the gas per message:
// for a lone message (a one-leaf deposit) with single or batched
// withdrawals, and for 1, 10, 100 and 1000 messages of one recipient each
// in one deposit, unpadded and padded to a power of two. It asserts the
// issue's targets and checks that GAS.md, README.md and BENCHMARKS.md hold
// the table (-update-gas rewrites them).
func TestAmortizedGasTable(t *testing.T) {
	tt := newTester(t, 3600)
	creator := 0
	bounty := gweis(50_000) // a relay-paying bounty; the deposit's gas does not depend on it beyond calldata

	// makeDeposit by leaf count (its gas does not grow with the leaves:
	// only the root is stored).
	dep := map[int]uint64{}
	for _, m := range []int{1, 10, 100, 1000} {
		for _, leaves := range []int{m, nextPow2(m)} {
			if _, ok := dep[leaves]; ok {
				continue
			}
			_, r := tt.makeDeposit(creator, newTree(fmt.Sprintf("amortized %d", leaves), leaves), eth(int64(leaves)), bounty)
			dep[leaves] = r.GasUsed
		}
	}
	// Single calls.
	idw, _ := tt.makeDeposit(creator, newTree("amortized single", 1), eth(1), bounty)
	start1 := tt.ok(creator, tt.addr, tt.p.PackStartWithdrawal(idw), nil).GasUsed
	tt.travel(tt.delay + 1)
	withdraw1 := tt.ok(creator, tt.addr, tt.p.PackWithdraw(idw), nil).GasUsed
	// Batched withdrawals over k deposits.
	type batched struct{ start, withdraw uint64 }
	wb := map[int]batched{}
	for _, k := range []int{1, 10, 50} {
		s, w := batchedWithdrawals(tt, creator, k, "amortized")
		wb[k] = batched{s, w}
	}
	share := func(k int) uint64 { return perMessage(wb[k].start+wb[k].withdraw, k) } // per deposit

	var b strings.Builder
	b.WriteString("Lone message (one recipient, one deposit):\n\n")
	b.WriteString("| withdrawals | makeDeposit | start + withdraw per deposit | per message | target |\n")
	b.WriteString("|---|--:|--:|--:|--:|\n")
	lone := map[string]uint64{}
	fmt.Fprintf(&b, "| single calls (startWithdrawal, withdraw) | %d | %d | %d |  |\n", dep[1], start1+withdraw1, dep[1]+start1+withdraw1)
	for _, k := range []int{1, 10, 50} {
		per := dep[1] + share(k)
		lone[fmt.Sprint(k)] = per
		target := ""
		if k >= 10 {
			target = fmt.Sprintf("≤ %d", targetLoneMessage)
		}
		fmt.Fprintf(&b, "| batched over %d deposits (startWithdrawals, withdrawMany) | %d | %d | %d | %s |\n", k, dep[1], share(k), per, target)
	}

	b.WriteString("\nMessages batched into one deposit (one recipient each), the deposit's withdrawal batched with ")
	fmt.Fprintf(&b, "%d others' (%d gas per deposit):\n\n", amortizedWithdrawBatch-1, share(amortizedWithdrawBatch))
	b.WriteString("| messages | leaves | makeDeposit | per message | padded leaves | makeDeposit, padded | per message, padded | capital locked, padded / unpadded | target |\n")
	b.WriteString("|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	type row struct{ m, per, perPadded uint64 }
	var rows []row
	for _, m := range []int{1, 10, 100, 1000} {
		p := nextPow2(m)
		per := perMessage(dep[m]+share(amortizedWithdrawBatch), m)
		perPadded := perMessage(dep[p]+share(amortizedWithdrawBatch), m)
		rows = append(rows, row{uint64(m), per, perPadded})
		target := ""
		if m >= 10 {
			target = fmt.Sprintf("≤ %d", targetBatchedMessage)
		}
		fmt.Fprintf(&b, "| %d | %d | %d | %d | %d | %d | %d | %.2f× | %s |\n", m, m, dep[m], per, p, dep[p], perPadded, float64(p)/float64(m), target)
	}
	b.WriteString("\nPadding costs no gas (a deposit stores only its root; the leaf count is one calldata word) but locks ")
	b.WriteString("`padded / messages` times the stake: the padding leaves carry a share each, returned at withdraw.\n")
	table := b.String()
	t.Logf("amortized gas per message (Osaka schedule):\n%s", table)

	for _, k := range []string{"10", "50"} {
		if lone[k] > targetLoneMessage {
			t.Errorf("lone message, withdrawals batched over %s deposits: %d gas, target <= %d", k, lone[k], targetLoneMessage)
		}
	}
	for _, r := range rows {
		if r.m >= 10 && (r.per > targetBatchedMessage || r.perPadded > targetBatchedMessage) {
			t.Errorf("%d messages in one deposit: %d gas per message (padded %d), target <= %d", r.m, r.per, r.perPadded, targetBatchedMessage)
		}
	}
	// Withdrawing batched must cost less per deposit than the single calls.
	if share(10) >= start1+withdraw1 {
		t.Errorf("batched withdrawals cost %d per deposit, single calls %d", share(10), start1+withdraw1)
	}
	for _, file := range []string{"GAS.md", "README.md", "../BENCHMARKS.md"} {
		syncSection(t, file, "amortized-gas", "TestAmortizedGasTable", table)
	}
}
