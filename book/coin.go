package book

import (
	"golang.org/x/crypto/sha3"

	"github.com/postage-mail/postage/stake"
)

// Matches reports whether a ticket whose value is value matches under
// seed (the hash of its randomness block): the low bit of
// keccak256(value ‖ seed) is 0. The coin depends on the secret value, so
// the buyer, who knows only the leaf and the seed, cannot compute it: an
// unrevealed ticket looks the same whether it missed or was punished. The
// contract's isMatch is the same function.
func Matches(value Value, seed stake.Hash) bool {
	k := sha3.NewLegacyKeccak256()
	k.Write(value[:])
	k.Write(seed[:])
	var h [32]byte
	k.Sum(h[:0])
	return h[31]&1 == 0
}

// RandomnessBlock is the block whose hash decides a ticket bought in block
// bought: the first multiple of epoch at or after bought + delay, as the
// contract's randomnessBlock computes it.
func RandomnessBlock(bought, delay, epoch uint64) uint64 {
	if epoch == 0 {
		epoch = 1
	}
	return (bought + delay + epoch - 1) / epoch * epoch
}
