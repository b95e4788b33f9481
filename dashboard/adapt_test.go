package dashboard

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/send"
)

func TestDueMessageCountsWithPlurals(t *testing.T) {
	one := &send.DueReport{Started: []common.Hash{{1}}, Withdrawn: map[common.Hash]*big.Int{{2}: big.NewInt(1)}, Waiting: 0}
	if got, want := DueMessage(one), "withdraw --due: 1 withdrawal started, 1 deposit paid back, 0 waiting"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	two := &send.DueReport{Started: []common.Hash{{1}, {2}}, Waiting: 3}
	if got, want := DueMessage(two), "withdraw --due: 2 withdrawals started, 0 deposits paid back, 3 waiting"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
