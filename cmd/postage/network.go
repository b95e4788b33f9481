package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/rollup"
)

// printL1Fee prints the OP-stack L1 data fee of transaction h, read from
// the chain's GasPriceOracle at its current L1 fee parameters; nothing on
// a chain without the oracle (no separate L1 fee there).
func printL1Fee(ctx context.Context, client *ethclient.Client, h common.Hash) {
	fee, err := rollup.L1FeeOf(ctx, client, h)
	switch {
	case err == nil:
		fmt.Fprintf(stdout, "  l1 fee   %s (OP-stack L1 data fee, from the chain's GasPriceOracle)\n", chain.FormatWei(fee))
	case !errors.Is(err, rollup.ErrNoOracle):
		fmt.Fprintf(stderr, "postage: the L1 data fee of %s: %v\n", h, err)
	}
}
