package send

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// A Due run's summary lists the started deposits in their order, the
// withdrawn ones by id (a map has none), and the counts.
func TestDueReportSummary(t *testing.T) {
	a, b, c := common.HexToHash("0x0a"), common.HexToHash("0x0b"), common.HexToHash("0x0c")
	r := &DueReport{
		Started:   []common.Hash{c, a},
		Withdrawn: map[common.Hash]*big.Int{c: big.NewInt(3e15), b: big.NewInt(1e18)},
		Waiting:   2,
	}
	want := "started the withdrawal of deposit " + c.Hex() + "\n" +
		"started the withdrawal of deposit " + a.Hex() + "\n" +
		"withdrew 1 ETH from deposit " + b.Hex() + "\n" +
		"withdrew 0.003 ETH from deposit " + c.Hex() + "\n" +
		"2 started, 2 withdrawn, 2 waiting\n"
	if got := r.Summary(); got != want {
		t.Errorf("summary:\n%s\nwant:\n%s", got, want)
	}
	if got, want := (&DueReport{}).Summary(), "0 started, 0 withdrawn, 0 waiting\n"; got != want {
		t.Errorf("empty run: %q, want %q", got, want)
	}
}

// A deposit made by hand is summed up with its amounts in ETH, and in
// JSON with its amounts in wei and the record's file.
func TestRecordSummary(t *testing.T) {
	r := &Record{
		ID: common.HexToHash("0x01"), ChainID: 1337, Contract: common.HexToAddress("0xcc"), Creator: common.HexToAddress("0xaa"),
		Root: common.HexToHash("0x02"), Leaves: 4, Value: "4000000000000000", BountyPerLeaf: "100000000000000",
		Tx: common.HexToHash("0x03"), Block: 42,
	}
	want := "deposit " + r.ID.Hex() + "\n" +
		"  value    0.004 ETH in 4 leaves (0.001 ETH each, bounty 0.0001 ETH per burned leaf)\n" +
		"  creator  " + r.Creator.Hex() + "\n" +
		"  tx       " + r.Tx.Hex() + " (block 42)\n"
	if got := r.Summary(); got != want {
		t.Errorf("summary:\n%s\nwant:\n%s", got, want)
	}
	j := r.SummaryJSON("/d/x.json")
	if j["share"] != "1000000000000000" || j["value"] != r.Value || j["bountyPerLeaf"] != r.BountyPerLeaf || j["file"] != "/d/x.json" ||
		j["id"] != r.ID || j["block"] != uint64(42) || j["leaves"] != uint32(4) || j["chainId"] != uint64(1337) || len(j) != 12 {
		t.Errorf("json: %v", j)
	}
}
