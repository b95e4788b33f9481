package send

import (
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/postage-mail/postage/wei"
)

// Limits are what the receivers' default policy requires of a deposit
// (policy.stake.min_per_leaf and min_delay): a deposit below them would
// be locked, cost gas, and pass nowhere.
type Limits struct {
	MinPerLeaf *big.Int
	MinDelay   time.Duration
}

// ErrPolicy is wrapped by refusals to make a deposit receivers would not
// accept.
var ErrPolicy = errors.New("the receivers' policy would not accept this deposit")

// CheckDeposit refuses a deposit whose leaves would not pass: a burn costs
// the creator share - bounty (the bounty goes back to whoever submits the
// burn, and a creator can submit its own), and the contract's withdrawal
// delay must give recipients min_delay to act.
func CheckDeposit(share, bounty *big.Int, delay time.Duration, l Limits) error {
	if bounty == nil {
		bounty = new(big.Int)
	}
	if bounty.Cmp(share) > 0 {
		return fmt.Errorf("%w: the bounty %s is more than a leaf's share %s", ErrPolicy, FormatWei(bounty), FormatWei(share))
	}
	eff := new(big.Int).Sub(share, bounty)
	if l.MinPerLeaf != nil && eff.Cmp(l.MinPerLeaf) < 0 {
		return fmt.Errorf("%w: a burn would cost %s (share %s minus bounty %s), below policy.stake.min_per_leaf %s; raise send.stake_per_recipient (or --value) or lower send.bounty",
			ErrPolicy, FormatWei(eff), FormatWei(share), FormatWei(bounty), FormatWei(l.MinPerLeaf))
	}
	if delay < l.MinDelay {
		return fmt.Errorf("%w: the contract's withdrawal delay %s is shorter than policy.stake.min_delay %s; use a contract with a longer delay", ErrPolicy, delay, l.MinDelay)
	}
	return nil
}

// FormatWei writes an amount in ETH ("0.0011 ETH"), exactly: wei.Format.
func FormatWei(v *big.Int) string { return wei.Format(v) }
