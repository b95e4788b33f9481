package networks

import (
	"fmt"
	"strings"

	"github.com/postage-mail/postage/wei"
)

// Table is `postage contract networks`: one line per preset (chain id,
// confirmations, block time, fee cap, note), then custom.
func Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-9s %10s %13s %10s %12s  %s\n", "network", "chain id", "confirmations", "block", "max fee", "")
	for _, n := range All() {
		maxFee := "none"
		if n.Fees.MaxFee != nil {
			maxFee = wei.FormatGwei(n.Fees.MaxFee)
		}
		fmt.Fprintf(&b, "%-9s %10d %13d %10s %12s  %s\n", n.Name, n.ChainID, n.Confirmations, n.BlockTime, maxFee, n.Note)
	}
	fmt.Fprintf(&b, "%-9s %10s %13s %10s %12s  %s\n", Custom, "chain_id", "policy", "-", "max_fee", "any other EVM chain: chain.rpc and chain.chain_id")
	return b.String()
}
