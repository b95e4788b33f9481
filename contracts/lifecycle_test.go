package contracts

import (
	"testing"
)

func TestLifecycleSmoke(t *testing.T) {
	tt := newTester(t, 3600)
	tr := newTree("smoke", 1)
	id, r := tt.makeDeposit(0, tr, eth(1), gweis(0))
	t.Logf("deposit gas %d", r.GasUsed)
	r = tt.ok(1, tt.addr, tt.burnData(id, tr, 0), nil)
	t.Logf("burn gas %d", r.GasUsed)
	tr2 := newTree("smoke2", 1000)
	id2, r := tt.makeDeposit(0, tr2, eth(1), gweis(0))
	t.Logf("deposit 1000 gas %d", r.GasUsed)
	for _, i := range []int{0, 999, 998, 500} {
		r = tt.ok(1, tt.addr, tt.burnData(id2, tr2, i), nil)
		t.Logf("burn %d (proof %d) gas %d", i, len(tr2.proof(i)), r.GasUsed)
	}
	r = tt.ok(0, tt.addr, tt.p.PackStartWithdrawal(id2), nil)
	t.Logf("start gas %d", r.GasUsed)
	tt.travel(3600)
	r = tt.ok(0, tt.addr, tt.p.PackWithdraw(id2), nil)
	t.Logf("withdraw gas %d", r.GasUsed)
}
