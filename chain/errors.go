package chain

import (
	"errors"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/rpc"
)

// ErrReverted matches every contract refusal (errors.Is), decoded or not:
// a revert with empty data, a custom error this package does not know, or a
// transaction that reverted on chain.
var ErrReverted = errors.New("contract call reverted")

// Sentinels for the deposit contract's custom errors, one per error in the
// ABI. A *RevertError matches its own sentinel and ErrReverted.
var (
	ErrInvalidDelay             = errors.New("invalid delay")
	ErrZeroValue                = errors.New("deposit without value")
	ErrValueTooLarge            = errors.New("deposit value too large")
	ErrInvalidLeafCount         = errors.New("invalid leaf count")
	ErrZeroShare                = errors.New("value per leaf is zero")
	ErrBountyTooLarge           = errors.New("bounty larger than the share per leaf")
	ErrDepositExists            = errors.New("deposit id already used")
	ErrUnknownDeposit           = errors.New("unknown deposit")
	ErrNotCreator               = errors.New("not the deposit's creator")
	ErrWithdrawalAlreadyStarted = errors.New("withdrawal already started")
	ErrWithdrawalNotStarted     = errors.New("withdrawal not started")
	ErrWithdrawalLocked         = errors.New("withdrawal locked")
	ErrDepositWithdrawn         = errors.New("deposit already withdrawn")
	ErrIndexOutOfRange          = errors.New("leaf index out of range")
	ErrProofLengthMismatch      = errors.New("proof length does not match the tree")
	ErrInvalidProof             = errors.New("invalid proof")
	ErrLeafAlreadyBurned        = errors.New("leaf already burned")
	ErrEmptyBatch               = errors.New("empty burn batch")
	ErrTransferFailed           = errors.New("payout transfer failed")
)

var sentinels = map[string]error{
	"InvalidDelay":             ErrInvalidDelay,
	"ZeroValue":                ErrZeroValue,
	"ValueTooLarge":            ErrValueTooLarge,
	"InvalidLeafCount":         ErrInvalidLeafCount,
	"ZeroShare":                ErrZeroShare,
	"BountyTooLarge":           ErrBountyTooLarge,
	"DepositExists":            ErrDepositExists,
	"UnknownDeposit":           ErrUnknownDeposit,
	"NotCreator":               ErrNotCreator,
	"WithdrawalAlreadyStarted": ErrWithdrawalAlreadyStarted,
	"WithdrawalNotStarted":     ErrWithdrawalNotStarted,
	"WithdrawalLocked":         ErrWithdrawalLocked,
	"DepositWithdrawn":         ErrDepositWithdrawn,
	"IndexOutOfRange":          ErrIndexOutOfRange,
	"ProofLengthMismatch":      ErrProofLengthMismatch,
	"InvalidProof":             ErrInvalidProof,
	"LeafAlreadyBurned":        ErrLeafAlreadyBurned,
	"EmptyBatch":               ErrEmptyBatch,
	"TransferFailed":           ErrTransferFailed,
}

// RevertError is a contract refusal decoded from revert data.
type RevertError struct {
	// Name is the custom error's name, "Error" for a require(…, "reason"),
	// "Panic" for a Solidity panic, "" when the data is empty or unknown.
	Name string
	// Args are the error's arguments by ABI name (positional names "arg0"…
	// when the ABI has none).
	Args map[string]any
	// Data is the raw revert data (possibly empty).
	Data []byte
	// Tx is the hash of a transaction that reverted on chain, if any.
	Tx common.Hash
}

func (e *RevertError) Error() string {
	var b strings.Builder
	b.WriteString("contract reverted")
	switch {
	case e.Name != "":
		b.WriteString(": ")
		b.WriteString(e.Name)
		if len(e.Args) > 0 {
			b.WriteString("(")
			b.WriteString(formatArgs(e.Args))
			b.WriteString(")")
		}
	case len(e.Data) == 0:
		b.WriteString(" without reason")
	default:
		fmt.Fprintf(&b, " with unknown data %s", hexutil.Encode(e.Data))
	}
	if e.Tx != (common.Hash{}) {
		fmt.Fprintf(&b, " (tx %s)", e.Tx)
	}
	return b.String()
}

// Unwrap lets errors.Is match both the specific sentinel and ErrReverted.
func (e *RevertError) Unwrap() []error {
	if s, ok := sentinels[e.Name]; ok {
		return []error{s, ErrReverted}
	}
	return []error{ErrReverted}
}

func formatArgs(args map[string]any) string {
	// The order of the ABI is lost in a map; sort by name for a stable text.
	keys := slices.Sorted(maps.Keys(args))
	parts := make([]string, len(keys))
	for i, k := range keys {
		v := args[k]
		switch x := v.(type) {
		case [32]byte:
			v = common.Hash(x).Hex()
		case common.Address:
			v = x.Hex()
		}
		parts[i] = fmt.Sprintf("%s=%v", k, v)
	}
	return strings.Join(parts, ", ")
}

// LockedError is a withdrawal attempted before its unlock time, either
// refused by the contract (WithdrawalLocked) or caught before sending.
// It matches ErrWithdrawalLocked and ErrReverted with errors.Is.
type LockedError struct {
	ID common.Hash
	// UnlockAt is the unlock time: withdraw succeeds only in a block whose
	// timestamp is after it.
	UnlockAt time.Time
	// Now is the time the refusal was judged against (the block's or the
	// local clock's).
	Now time.Time
}

func (e *LockedError) Error() string {
	wait := e.UnlockAt.Sub(e.Now).Truncate(time.Second)
	if wait < 0 {
		wait = 0
	}
	return fmt.Sprintf("withdrawal of deposit %s is locked until %s (%s from now)",
		e.ID.Hex(), e.UnlockAt.UTC().Format(time.RFC3339), wait)
}

// Unwrap lets errors.Is match ErrWithdrawalLocked and ErrReverted.
func (e *LockedError) Unwrap() []error { return []error{ErrWithdrawalLocked, ErrReverted} }

// RevertData extracts revert data from a JSON-RPC error. ok is false when
// err is not a revert at all (a network error, say). A revert whose data
// is missing or empty gives ok with empty data. Clients of other postage
// contracts (the relay, the ticket book) use it too.
func RevertData(err error) (data []byte, ok bool) {
	var de rpc.DataError
	if errors.As(err, &de) {
		if s, isStr := de.ErrorData().(string); isStr {
			if b, decErr := hexutil.Decode(s); decErr == nil {
				return b, true
			}
		}
	}
	var ec rpc.Error
	if errors.As(err, &ec) && ec.ErrorCode() == 3 {
		return nil, true
	}
	// Nodes differ in how they report a revert without data; the message
	// is the only common ground.
	if err != nil && strings.Contains(err.Error(), "execution reverted") {
		return nil, true
	}
	return nil, false
}

// DecodeRevert turns revert data into a *RevertError (or *LockedError) using
// the contract ABI. Empty, short or unknown data gives a *RevertError that
// matches only ErrReverted; it never panics.
func DecodeRevert(contractABI *abi.ABI, data []byte) error {
	e := &RevertError{Data: append([]byte(nil), data...)}
	if len(data) < 4 {
		return e
	}
	var sel [4]byte
	copy(sel[:], data[:4])
	for name, ae := range contractABI.Errors {
		if [4]byte(ae.ID[:4]) != sel {
			continue
		}
		vals, err := ae.Inputs.Unpack(data[4:])
		if err != nil {
			// The selector matches but the arguments do not decode: this
			// did not come from the contract as built; claim nothing.
			return e
		}
		e.Name = name
		e.Args = make(map[string]any, len(vals))
		for i, v := range vals {
			key := ae.Inputs[i].Name
			if key == "" {
				key = fmt.Sprintf("arg%d", i)
			}
			e.Args[strings.TrimSuffix(key, "_")] = v
		}
		if name == "WithdrawalLocked" {
			return lockedFromArgs(e)
		}
		return e
	}
	if reason, err := abi.UnpackRevert(data); err == nil {
		e.Name = "Error"
		e.Args = map[string]any{"reason": reason}
		if sel == panicSelector {
			e.Name = "Panic"
		}
	}
	return e
}

var panicSelector = [4]byte{0x4e, 0x48, 0x7b, 0x71}

func lockedFromArgs(e *RevertError) error {
	id, _ := e.Args["id"].([32]byte)
	unlock, _ := e.Args["unlockAt"].(uint64)
	now, _ := e.Args["now"].(uint64)
	return &LockedError{ID: id, UnlockAt: unixTime(unlock), Now: unixTime(now)}
}

func unixTime(s uint64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	if s > 1<<62 {
		s = 1 << 62
	}
	return time.Unix(int64(s), 0).UTC()
}

// asRevert converts an RPC error into a decoded revert when it is one, and
// otherwise returns err unchanged.
func asRevert(contractABI *abi.ABI, err error) error {
	if err == nil {
		return nil
	}
	data, ok := RevertData(err)
	if !ok {
		return err
	}
	return DecodeRevert(contractABI, data)
}

// bigOrZero never returns nil.
func bigOrZero(v *big.Int) *big.Int {
	if v == nil {
		return new(big.Int)
	}
	return new(big.Int).Set(v)
}

// Refused reports whether err is a refusal that retrying will not help:
// the contract reverted, the value or the account is wrong, the
// passphrase does not open the key. A locked withdrawal is not one (it
// succeeds later), nor is an unreachable chain or a timeout.
func Refused(err error) bool {
	var le *LockedError
	if errors.As(err, &le) {
		return false
	}
	return errors.Is(err, ErrReverted) || errors.Is(err, ErrBadPassphrase) || errors.Is(err, ErrNoAccount) ||
		errors.Is(err, ErrAmbiguousAccount) || errors.Is(err, ErrBadValue)
}
