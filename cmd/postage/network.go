package main

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/networks"
	"github.com/postage-mail/postage/chain/rollup"
	"github.com/postage-mail/postage/config"
)

// checkChainID refuses an endpoint whose chain is not the one chain.network
// (or chain.chain_id) names.
func checkChainID(cfg *config.Config, url string, id *big.Int) error {
	want := cfg.Chain.ChainID
	if want == 0 || id.Uint64() == want {
		return nil
	}
	name := "chain.chain_id"
	if n, ok := cfg.Network(); ok {
		name = "chain.network " + n.Name
	}
	return fmt.Errorf("the node at %s is on chain %d, but %s is chain %d", url, id, name, want)
}

// transactor unlocks the signing account (unlock) and caps its fees with
// the network's fee strategy.
func (c *chainConn) transactor() (*bind.TransactOpts, error) {
	opts, err := c.unlock()
	if err != nil {
		return nil, err
	}
	if n, ok := c.cfg.Network(); ok {
		capFees(opts, n.Fees)
	}
	return opts, nil
}

// capFees makes every EIP-1559 transaction opts signs offer at most
// f.MaxFee per gas and a tip of at most f.MaxTip: bind's own suggestion
// (twice the base fee plus the node's tip) is lowered to the caps before
// signing. When the base fee exceeds the cap, the node refuses or holds
// the transaction rather than the sender paying more than it allowed.
func capFees(opts *bind.TransactOpts, f networks.Fees) {
	if f.MaxFee == nil && f.MaxTip == nil {
		return
	}
	sign := opts.Signer
	opts.Signer = func(from common.Address, tx *types.Transaction) (*types.Transaction, error) {
		if tx.Type() != types.DynamicFeeTxType {
			return sign(from, tx)
		}
		tip, feeCap := tx.GasTipCap(), tx.GasFeeCap()
		if f.MaxTip != nil && tip.Cmp(f.MaxTip) > 0 {
			tip = f.MaxTip
		}
		if f.MaxFee != nil && feeCap.Cmp(f.MaxFee) > 0 {
			feeCap = f.MaxFee
		}
		if tip.Cmp(feeCap) > 0 {
			tip = feeCap
		}
		capped := types.NewTx(&types.DynamicFeeTx{ChainID: tx.ChainId(), Nonce: tx.Nonce(), GasTipCap: tip, GasFeeCap: feeCap,
			Gas: tx.Gas(), To: tx.To(), Value: tx.Value(), Data: tx.Data(), AccessList: tx.AccessList()})
		return sign(from, capped)
	}
}

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
