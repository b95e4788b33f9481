package host

import (
	"context"
	"math/big"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/sendchain"
)

// Without ids and without a scan, status lists the records of this
// chain and contract: every creator's, or --from's alone.
func TestStatusLocalDepositsFromRecords(t *testing.T) {
	cfg := loadChainConfig(t, "")
	contract := common.HexToAddress("0xc0")
	a, b := common.HexToAddress("0xa"), common.HexToAddress("0xb")
	store := sendchain.Records(cfg)
	for _, r := range []*send.Record{
		{ChainID: 1337, Contract: contract, Creator: a, ID: common.HexToHash("0x1")},
		{ChainID: 1337, Contract: contract, Creator: b, ID: common.HexToHash("0x2")},
		{ChainID: 1, Contract: contract, Creator: a, ID: common.HexToHash("0x3")},
		{ChainID: 1337, Contract: common.HexToAddress("0xc1"), Creator: a, ID: common.HexToHash("0x4")},
	} {
		if err := store.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	c := NewChain(cfg, &chain.Conn{ChainID: big.NewInt(1337), Contract: chain.NewContract(nil, contract)})
	for _, tc := range []struct {
		from string
		want []common.Hash
	}{
		{"", []common.Hash{common.HexToHash("0x1"), common.HexToHash("0x2")}},
		{a.Hex(), []common.Hash{common.HexToHash("0x1")}},
		{common.HexToAddress("0xd").Hex(), nil},
	} {
		got, err := statusLocalDeposits(context.Background(), c, StatusScan{From: tc.from})
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(got, func(x, y common.Hash) int { return x.Cmp(y) })
		if !slices.Equal(got, tc.want) {
			t.Errorf("from %q: got %v, want %v", tc.from, got, tc.want)
		}
	}
}
