package devnet

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/params"
)

// sendGate is the embedded chain's eth_sendRawTransaction. While block
// production is paused for lack of disk space (produce), it refuses new
// transactions with ErrDiskFull: nothing would mine them, and a sender
// that waited on one would hold its mail for nothing. Otherwise it submits
// as go-ethereum's own method does (decode, replay protection unless the
// node allows unprotected transactions, the RPC fee cap, the pool).
type sendGate struct {
	b      *eth.EthAPIBackend
	paused *pausedFlag
}

// errDiskFullTx is what a client sees: the reason and what to do.
var errDiskFullTx = fmt.Errorf("%w: transactions are refused until space is freed (chain.min_free)", ErrDiskFull)

// SendRawTransaction is eth_sendRawTransaction.
func (g *sendGate) SendRawTransaction(ctx context.Context, input hexutil.Bytes) (common.Hash, error) {
	if g.paused.Load() {
		return common.Hash{}, errDiskFullTx
	}
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(input); err != nil {
		return common.Hash{}, err
	}
	if !tx.Protected() && !g.b.UnprotectedAllowed() {
		return common.Hash{}, errors.New("only replay-protected (EIP-155) transactions allowed over RPC")
	}
	if cap := g.b.RPCTxFeeCap(); cap != 0 {
		fee := new(big.Float).Quo(new(big.Float).SetInt(new(big.Int).Mul(tx.GasFeeCap(), new(big.Int).SetUint64(tx.Gas()))), big.NewFloat(params.Ether))
		if f, _ := fee.Float64(); f > cap {
			return common.Hash{}, fmt.Errorf("tx fee (%.2f ether) exceeds the configured cap (%.2f ether)", f, cap)
		}
	}
	if err := g.b.SendTx(ctx, tx); err != nil {
		return common.Hash{}, err
	}
	return tx.Hash(), nil
}
