package main

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/rollup"
)

// printL1Fee prints the OP-stack L1 data fee of transaction h, read from
// the chain's GasPriceOracle at its current L1 fee parameters; nothing on
// a chain without the oracle (no separate L1 fee there).
func printL1Fee(ctx context.Context, client *ethclient.Client, h common.Hash) {
	tx, _, err := client.TransactionByHash(ctx, h)
	if err == nil {
		var fee *big.Int
		if fee, err = rollup.TxL1Fee(ctx, client, tx); err == nil {
			fmt.Fprintf(stdout, "  l1 fee   %s (OP-stack L1 data fee, from the chain's GasPriceOracle)\n", chain.FormatWei(fee))
			return
		}
	}
	if !errors.Is(err, rollup.ErrNoOracle) {
		fmt.Fprintf(stderr, "postage: the L1 data fee of %s: %v\n", h, err)
	}
}
