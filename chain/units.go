package chain

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/postage-mail/postage/wei"
)

// ErrBadValue is wei.ErrBadValue.
var ErrBadValue = wei.ErrBadValue

// ParseValue is wei.Parse: an ETH amount such as "0.01eth", "1gwei" or
// "1000wei", exactly in wei. Package wei holds the syntax so that config
// reads amounts without this package (and go-ethereum).
func ParseValue(s string) (*big.Int, error) { return wei.Parse(s) }

// FormatWei is wei.Format: an amount in ETH, exactly, with the unit
// ("0.01 ETH").
func FormatWei(v *big.Int) string { return wei.Format(v) }

// ParseDepositID reads a deposit id as the commands take it: 0x and 64
// hex digits.
func ParseDepositID(s string) (common.Hash, error) {
	b, err := hexutil.Decode(s)
	if err != nil || len(b) != 32 {
		return common.Hash{}, fmt.Errorf("deposit id %q: want 0x and 64 hex digits", s)
	}
	return common.Hash(b), nil
}
