package status

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/sendchain"
)

var (
	t0      = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	idA     = common.HexToHash("0xaa")
	idB     = common.HexToHash("0xbb")
	creator = common.HexToAddress("0x1234")
)

func eth(milli int64) *big.Int { return new(big.Int).Mul(big.NewInt(milli), big.NewInt(1e15)) }

func active() chain.Deposit {
	return chain.Deposit{ID: idA, Creator: creator, Value: eth(40), Leaves: 4, Share: eth(10), BountyPerLeaf: eth(1),
		BurnedLeaves: 1, Remaining: eth(30), CreatedAt: t0, Status: chain.StatusActive}
}

func withdrawing() chain.Deposit {
	d := active()
	d.ID, d.Status, d.BurnedLeaves, d.Remaining = idB, chain.StatusWithdrawing, 0, eth(40)
	d.WithdrawalStartedAt, d.UnlockAt = t0.Add(time.Hour), t0.Add(2*time.Hour)
	return d
}

func leaves() *sendchain.Leaves {
	return &sendchain.Leaves{State: send.StateActive, Leaves: []send.LeafStatus{
		{RecordLeaf: send.RecordLeaf{Index: 0, Recipient: "bob@b.example"}, MessageID: "<m1@a.example>"},
		{RecordLeaf: send.RecordLeaf{Index: 1, Recipient: "carol@c.example", Burned: true}, MessageID: "<m1@a.example>"},
		{RecordLeaf: send.RecordLeaf{Index: 2}},
		{RecordLeaf: send.RecordLeaf{Index: 3, Padding: true}},
	}}
}

func TestWriteDepositsShowsEachFieldAndTheLeaves(t *testing.T) {
	var b bytes.Buffer
	WriteDeposits(&b, []Deposit{{Deposit: active(), Record: leaves()}, {Deposit: withdrawing()}}, 48*time.Hour, t0.Add(90*time.Minute))
	want := `deposit     0x00000000000000000000000000000000000000000000000000000000000000aa
status      active
creator     0x0000000000000000000000000000000000001234
value       0.04 ETH in 4 leaves of 0.01 ETH
bounty      0.001 ETH per burned leaf
burned      1 of 4 leaves
remaining   0.03 ETH
created     2026-03-01T12:00:00Z
withdrawal  not started (delay 48h0m0s)
  LEAF  RECIPIENT        MESSAGE         STATE
  0     bob@b.example    <m1@a.example>  unburned
  1     carol@c.example  <m1@a.example>  burned
  2     (secret)         -               unburned
  3     (padding)        -               unburned

deposit     0x00000000000000000000000000000000000000000000000000000000000000bb
status      withdrawing
creator     0x0000000000000000000000000000000000001234
value       0.04 ETH in 4 leaves of 0.01 ETH
bounty      0.001 ETH per burned leaf
burned      0 of 4 leaves
remaining   0.04 ETH
created     2026-03-01T12:00:00Z
withdrawal  started 2026-03-01T13:00:00Z, unlocks at 2026-03-01T14:00:00Z (in 30m0s)
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}

	b.Reset()
	WriteDeposit(&b, withdrawing(), time.Hour, t0.Add(3*time.Hour))
	if !strings.Contains(b.String(), "(unlocked)\n") {
		t.Errorf("past the unlock time: %s", b.String())
	}
	done := active()
	done.Status = chain.StatusWithdrawn
	b.Reset()
	WriteDeposit(&b, done, time.Hour, t0)
	if !strings.HasSuffix(b.String(), "withdrawal  done\n") {
		t.Errorf("withdrawn: %s", b.String())
	}
}

func TestWriteListingTablesThenRecordedLeaves(t *testing.T) {
	var b bytes.Buffer
	WriteListing(&b, big.NewInt(1337), common.HexToAddress("0xc0"), []Deposit{{Deposit: active(), Record: leaves()}, {Deposit: withdrawing()}})
	want := `ID                                                                  STATUS       VALUE     LEAVES  BURNED  REMAINING  UNLOCKS
0x00000000000000000000000000000000000000000000000000000000000000aa  active       0.04 ETH  4       1       0.03 ETH   -
0x00000000000000000000000000000000000000000000000000000000000000bb  withdrawing  0.04 ETH  4       0       0.04 ETH   2026-03-01T14:00:00Z

deposit 0x00000000000000000000000000000000000000000000000000000000000000aa
  LEAF  RECIPIENT        MESSAGE         STATE
  0     bob@b.example    <m1@a.example>  unburned
  1     carol@c.example  <m1@a.example>  burned
  2     (secret)         -               unburned
  3     (padding)        -               unburned
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	WriteListing(&b, big.NewInt(1337), common.HexToAddress("0xc0"), nil)
	if want := "no deposits on chain 1337 (contract 0x00000000000000000000000000000000000000C0)\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestWriteJSONAmountsAreDecimalStrings(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, []Deposit{{Deposit: withdrawing()}}, true); err != nil {
		t.Fatal(err)
	}
	want := `{
  "id": "0x00000000000000000000000000000000000000000000000000000000000000bb",
  "status": "withdrawing",
  "creator": "0x0000000000000000000000000000000000001234",
  "value": "40000000000000000",
  "leaves": 4,
  "share": "10000000000000000",
  "bountyPerLeaf": "1000000000000000",
  "burnedLeaves": 0,
  "remaining": "40000000000000000",
  "createdAt": "2026-03-01T12:00:00Z",
  "withdrawalStartedAt": "2026-03-01T13:00:00Z",
  "unlockAt": "2026-03-01T14:00:00Z"
}
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}

	b.Reset()
	if err := WriteJSON(&b, []Deposit{{Deposit: active(), Record: leaves()}}, false); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"[\n  {\n", `"record": {`, `"state": "active"`, `"recipient": "carol@c.example"`, `"messageId": "\u003cm1@a.example\u003e"`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("no %s in\n%s", s, b.String())
		}
	}
	b.Reset()
	if err := WriteJSON(&b, nil, true); err != nil || b.Len() != 0 {
		t.Errorf("one of none: %q, %v", b.String(), err)
	}
}

type reader map[common.Hash]chain.Deposit

func (r reader) Deposit(_ context.Context, id common.Hash) (chain.Deposit, error) {
	if id == (common.Hash{}) {
		return chain.Deposit{}, errors.New("rpc down")
	}
	return r[id], nil
}

func TestReadLeavesOutMissingDeposits(t *testing.T) {
	r := reader{idA: active(), idB: withdrawing()}
	missing := common.HexToHash("0x01")
	deps, gone, err := Read(context.Background(), r, []common.Hash{idB, missing, idA})
	if err != nil {
		t.Fatal(err)
	}
	if len(deps) != 2 || deps[0].ID != idB || deps[1].ID != idA || len(gone) != 1 || gone[0] != missing {
		t.Errorf("deps %v, missing %v", deps, gone)
	}
	if _, _, err := Read(context.Background(), r, []common.Hash{idA, {}}); err == nil {
		t.Error("a read error is no error")
	}
}
