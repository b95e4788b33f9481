package chain

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/postage-mail/postage/contracts"
)

func postageABI(t *testing.T) *abi.ABI {
	t.Helper()
	a := contracts.NewPostage().GetABI()
	return &a
}

// Every custom error in the ABI has a sentinel, so no refusal is left
// untyped when the contract grows an error.
func TestEverySentinelMatchesTheABI(t *testing.T) {
	a := postageABI(t)
	for name := range a.Errors {
		if _, ok := sentinels[name]; !ok {
			t.Errorf("contract error %s has no sentinel", name)
		}
	}
	for name := range sentinels {
		if _, ok := a.Errors[name]; !ok {
			t.Errorf("sentinel for %s, which the contract does not have", name)
		}
	}
}

func TestDecodeRevert(t *testing.T) {
	a := postageABI(t)
	id := common.HexToHash("0x01")
	pack := func(name string, args ...any) []byte {
		e := a.Errors[name]
		data, err := e.Inputs.Pack(args...)
		if err != nil {
			t.Fatal(err)
		}
		return append(append([]byte(nil), e.ID[:4]...), data...)
	}
	caller, creator := common.HexToAddress("0xaa"), common.HexToAddress("0xbb")

	err := DecodeRevert(a, pack("NotCreator", id, caller, creator))
	var re *RevertError
	if !errors.Is(err, ErrNotCreator) || !errors.Is(err, ErrReverted) || errors.Is(err, ErrUnknownDeposit) ||
		!errors.As(err, &re) || re.Args["caller"] != caller || re.Args["creator"] != creator {
		t.Fatalf("NotCreator decoded as %v", err)
	}
	if !strings.Contains(err.Error(), "NotCreator") || !strings.Contains(err.Error(), caller.Hex()) {
		t.Fatalf("message %q", err)
	}
	if err := DecodeRevert(a, pack("ZeroValue")); !errors.Is(err, ErrZeroValue) {
		t.Fatalf("ZeroValue decoded as %v", err)
	}

	err = DecodeRevert(a, pack("WithdrawalLocked", id, uint64(1_900_000_000), uint64(1_899_999_000)))
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrWithdrawalLocked) || !errors.Is(err, ErrReverted) {
		t.Fatalf("WithdrawalLocked decoded as %#v", err)
	}
	if le.ID != id || !le.UnlockAt.Equal(time.Unix(1_900_000_000, 0)) || !le.Now.Equal(time.Unix(1_899_999_000, 0)) {
		t.Fatalf("locked error %+v", le)
	}
	if want := "locked until 2030-03-17T17:46:40Z (16m40s from now)"; !strings.Contains(err.Error(), want) {
		t.Fatalf("message %q lacks %q", err, want)
	}

	// Data that is not a known custom error never panics and matches only
	// ErrReverted.
	for _, data := range [][]byte{
		nil,
		{},
		{0x01},
		{0x01, 0x02, 0x03},
		{0xde, 0xad, 0xbe, 0xef},
		{0xde, 0xad, 0xbe, 0xef, 0x00},
		pack("NotCreator", id, caller, creator)[:20], // known selector, truncated arguments
	} {
		err := DecodeRevert(a, data)
		if !errors.Is(err, ErrReverted) || errors.Is(err, ErrNotCreator) || err.Error() == "" {
			t.Errorf("DecodeRevert(%x) = %v", data, err)
		}
	}
	// require(…, "reason") and panics from other code are named.
	reason := append(hexutil.MustDecode("0x08c379a0"), mustPack(t, "string", "no")...)
	if err := DecodeRevert(a, reason); !errors.As(err, &re) || re.Name != "Error" || re.Args["reason"] != "no" {
		t.Fatalf("Error(string) decoded as %v", err)
	}
	panicData := append(hexutil.MustDecode("0x4e487b71"), mustPack(t, "uint256", big.NewInt(0x11))...)
	if err := DecodeRevert(a, panicData); !errors.As(err, &re) || re.Name != "Panic" {
		t.Fatalf("Panic(uint256) decoded as %v", err)
	}
}

func mustPack(t *testing.T, typ string, v any) []byte {
	ty, err := abi.NewType(typ, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := abi.Arguments{{Type: ty}}.Pack(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type dataErr struct {
	msg  string
	code int
	data any
}

func (e dataErr) Error() string  { return e.msg }
func (e dataErr) ErrorCode() int { return e.code }
func (e dataErr) ErrorData() any { return e.data }

func TestRevertDataFromRPCErrors(t *testing.T) {
	a := postageABI(t)
	id := a.Errors["ZeroValue"].ID
	sel := id[:4]
	for _, tc := range []struct {
		name    string
		err     error
		revert  bool
		wantErr error
	}{
		{"geth revert with data", dataErr{"execution reverted", 3, hexutil.Encode(sel)}, true, ErrZeroValue},
		{"wrapped", fmt.Errorf("estimate: %w", dataErr{"execution reverted", 3, hexutil.Encode(sel)}), true, ErrZeroValue},
		{"empty data", dataErr{"execution reverted", 3, "0x"}, true, ErrReverted},
		{"no data field", dataErr{"execution reverted", 3, nil}, true, ErrReverted},
		{"other node's wording", errors.New("execution reverted: "), true, ErrReverted},
		{"garbage data", dataErr{"execution reverted", 3, "0xzz"}, true, ErrReverted},
		{"network error", errors.New("dial tcp 127.0.0.1:1: connect: connection refused"), false, nil},
	} {
		got := asRevert(a, tc.err)
		if !tc.revert {
			if got != tc.err {
				t.Errorf("%s: %v was turned into %v", tc.name, tc.err, got)
			}
			continue
		}
		if !errors.Is(got, tc.wantErr) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.wantErr)
		}
	}
}

// Refused: the contract's and the request's refusals, wrapped or not; a
// locked withdrawal (a revert, but one that passes later) and the
// network's failures are not.
func TestRefused(t *testing.T) {
	for _, err := range []error{ErrReverted, ErrBadPassphrase, ErrNoAccount, ErrAmbiguousAccount, ErrBadValue,
		fmt.Errorf("deposit: %w", ErrReverted), fmt.Errorf("unlock: %w", ErrBadPassphrase)} {
		if !Refused(err) {
			t.Errorf("%v is not a refusal", err)
		}
	}
	locked := &LockedError{UnlockAt: time.Unix(100, 0), Now: time.Unix(50, 0)}
	for _, err := range []error{nil, errors.New("dial tcp: connection refused"), locked, fmt.Errorf("withdraw: %w", locked)} {
		if Refused(err) {
			t.Errorf("%v is a refusal", err)
		}
	}
}
