package stake

import "errors"

// Sentinel errors callers branch on. Every error returned by this package
// wraps one of them (header parse errors may wrap two: ErrMalformed and the
// cause, e.g. ErrBadRecipient).
var (
	// ErrMalformed: a Postage-Stamp header value that does not follow the
	// grammar or whose fields are out of range. A checker treats the stamp
	// as absent or invalid, never as good.
	ErrMalformed = errors.New("stake: malformed stamp")

	// ErrUnsupportedVersion: a well-formed header with a version other than
	// 1. It is not ErrMalformed so a checker can say "neutral: newer stamp"
	// rather than "fail".
	ErrUnsupportedVersion = errors.New("stake: unsupported stamp version")

	// ErrBadRecipient: a mail address outside the canonical form (see
	// ParseRecipient).
	ErrBadRecipient = errors.New("stake: invalid recipient address")

	// ErrBadAddress: an Ethereum address that is not 0x + 40 hex digits or
	// whose mixed-case EIP-55 checksum is wrong.
	ErrBadAddress = errors.New("stake: invalid ethereum address")

	// ErrBadEncoding: a hash or nonce that is not in its exact encoding.
	ErrBadEncoding = errors.New("stake: bad encoding")

	// ErrTreeSize: a leaf count outside 1..MaxLeaves or an index outside
	// the tree.
	ErrTreeSize = errors.New("stake: leaf count or index out of range")

	// ErrInvalidProof: the proof does not lead from the leaf at the index to
	// the root, or has the wrong length for (index, leaves).
	ErrInvalidProof = errors.New("stake: invalid merkle proof")

	// ErrWrongRecipient: a stamp minted for another address was presented
	// for this one.
	ErrWrongRecipient = errors.New("stake: stamp is for another recipient")
)
