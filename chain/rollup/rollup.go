// Package rollup reads what a transaction costs beyond its gas on a
// rollup. On OP-stack chains (Base, OP Mainnet) every transaction also
// pays an L1 data fee for publishing its bytes on Ethereum; the chain
// exposes it through the GasPriceOracle predeploy at OracleAddress,
// getL1Fee(bytes). L1Fee asks it; on a chain without the oracle (Ethereum,
// the embedded chain, Arbitrum, whose L1 cost is folded into its gas) it
// reports that there is none.
package rollup

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// OracleAddress is the OP-stack GasPriceOracle predeploy.
var OracleAddress = common.HexToAddress("0x420000000000000000000000000000000000000F")

// Caller is what L1Fee needs of an endpoint (*ethclient.Client has it).
type Caller interface {
	CodeAt(ctx context.Context, account common.Address, block *big.Int) ([]byte, error)
	CallContract(ctx context.Context, call ethereum.CallMsg, block *big.Int) ([]byte, error)
}

// ErrNoOracle: the chain has no GasPriceOracle (it is no OP-stack chain),
// so no L1 data fee is charged separately.
var ErrNoOracle = errors.New("no OP-stack GasPriceOracle at " + OracleAddress.Hex() + ": no separate L1 data fee on this chain")

var oracleABI = func() abi.ABI {
	bytesT, _ := abi.NewType("bytes", "", nil)
	uintT, _ := abi.NewType("uint256", "", nil)
	m := abi.NewMethod("getL1Fee", "getL1Fee", abi.Function, "view", false, false,
		abi.Arguments{{Name: "_data", Type: bytesT}}, abi.Arguments{{Type: uintT}})
	return abi.ABI{Methods: map[string]abi.Method{"getL1Fee": m}}
}()

// L1Fee returns the L1 data fee, in wei, the chain charges for a
// transaction whose RLP encoding is rawTx (a signed transaction's
// MarshalBinary: the oracle adds a signature's worth of bytes to what it
// is given, so a signed one is counted slightly high, never low). It
// returns ErrNoOracle where the chain has none.
func L1Fee(ctx context.Context, c Caller, rawTx []byte) (*big.Int, error) {
	code, err := c.CodeAt(ctx, OracleAddress, nil)
	if err != nil {
		return nil, fmt.Errorf("l1 fee: read the gas price oracle's code: %w", err)
	}
	if len(code) == 0 {
		return nil, ErrNoOracle
	}
	data, err := oracleABI.Pack("getL1Fee", rawTx)
	if err != nil {
		return nil, fmt.Errorf("l1 fee: %w", err)
	}
	out, err := c.CallContract(ctx, ethereum.CallMsg{To: &OracleAddress, Data: data}, nil)
	if err != nil {
		return nil, fmt.Errorf("l1 fee: GasPriceOracle.getL1Fee: %w", err)
	}
	vals, err := oracleABI.Unpack("getL1Fee", out)
	if err != nil || len(vals) != 1 {
		return nil, fmt.Errorf("l1 fee: GasPriceOracle.getL1Fee answered %x: %v", out, err)
	}
	return vals[0].(*big.Int), nil
}

// TxL1Fee is L1Fee for tx.
func TxL1Fee(ctx context.Context, c Caller, tx *types.Transaction) (*big.Int, error) {
	raw, err := tx.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("l1 fee: encode tx: %w", err)
	}
	return L1Fee(ctx, c, raw)
}

// TxReader finds a transaction by its hash (an *ethclient.Client does).
type TxReader interface {
	Caller
	TransactionByHash(ctx context.Context, hash common.Hash) (tx *types.Transaction, isPending bool, err error)
}

// L1FeeOf is TxL1Fee for the transaction with hash h (ErrNoOracle on a
// chain without the oracle). A failed lookup is the node's error as it
// is: callers name h already.
func L1FeeOf(ctx context.Context, c TxReader, h common.Hash) (*big.Int, error) {
	tx, _, err := c.TransactionByHash(ctx, h)
	if err != nil {
		return nil, err
	}
	return TxL1Fee(ctx, c, tx)
}
