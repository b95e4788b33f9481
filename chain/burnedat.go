package chain

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// IsBurnedAt reads, uncached, whether leaf index of deposit id is burned
// in the state of block (nil: the latest): `postage punish` asks it at the
// block that has the confirmations it waits for.
func (c *Contract) IsBurnedAt(ctx context.Context, id common.Hash, index uint64, block *big.Int) (bool, error) {
	out, err := c.call(ctx, c.binding.PackIsBurned(id, new(big.Int).SetUint64(index)), block)
	if err != nil {
		return false, fmt.Errorf("read leaf %d of deposit %s: %w", index, id, err)
	}
	return c.binding.UnpackIsBurned(out)
}
