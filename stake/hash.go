package stake

import (
	"encoding/hex"
	"fmt"
	"hash"

	"golang.org/x/crypto/sha3"
)

// Hash is a 32-byte Keccak-256 output: a secret, leaf, node, root or
// deposit id.
type Hash [32]byte

// String returns 0x followed by 64 lowercase hex digits.
func (h Hash) String() string {
	var buf [2 + 64]byte
	buf[0], buf[1] = '0', 'x'
	hex.Encode(buf[2:], h[:])
	return string(buf[:])
}

// ParseHash parses 0x followed by exactly 64 hex digits (either case).
func ParseHash(s string) (Hash, error) {
	var h Hash
	if err := parseHex(s, h[:]); err != nil {
		return Hash{}, fmt.Errorf("%w: hash %q: %w", ErrBadEncoding, clip(s), err)
	}
	return h, nil
}

// parseHex decodes "0x" + exactly 2*len(dst) hex digits into dst.
func parseHex(s string, dst []byte) error {
	if len(s) < 2 || s[0] != '0' || s[1] != 'x' {
		return fmt.Errorf("missing 0x prefix")
	}
	s = s[2:]
	if len(s) != 2*len(dst) {
		return fmt.Errorf("want %d hex digits, have %d", 2*len(dst), len(s))
	}
	if _, err := hex.Decode(dst, []byte(s)); err != nil {
		return err
	}
	return nil
}

// clip shortens attacker-supplied text before it goes into an error message.
func clip(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}

// Domain-separation prefixes: a leaf hashes 33 bytes starting 0x00, an inner
// node 65 bytes starting 0x01, so neither can be passed off as the other.
const (
	leafPrefix = 0x00
	nodePrefix = 0x01
)

// secretDomain is prepended to the secret derivation input.
const secretDomain = "postage-v1"

func keccak(parts ...[]byte) Hash {
	k := sha3.NewLegacyKeccak256()
	for _, p := range parts {
		k.Write(p)
	}
	var h Hash
	k.Sum(h[:0])
	return h
}

// Leaf returns keccak256(0x00 ‖ secret): what the deposit's tree commits to.
func Leaf(secret Hash) Hash {
	return keccak([]byte{leafPrefix}, secret[:])
}

// Node returns keccak256(0x01 ‖ left ‖ right): an inner node of the tree.
func Node(left, right Hash) Hash {
	return keccak([]byte{nodePrefix}, left[:], right[:])
}

// nodeHasher reuses one Keccak state for the many nodes of a big tree.
type nodeHasher struct {
	k   hash.Hash
	buf [65]byte
}

func newNodeHasher() *nodeHasher {
	n := &nodeHasher{k: sha3.NewLegacyKeccak256()}
	n.buf[0] = nodePrefix
	return n
}

func (n *nodeHasher) node(left, right *Hash) Hash {
	copy(n.buf[1:33], left[:])
	copy(n.buf[33:], right[:])
	n.k.Reset()
	n.k.Write(n.buf[:])
	var h Hash
	n.k.Sum(h[:0])
	return h
}

// DepositID returns keccak256(creator ‖ root) (20 + 32 bytes), the id the
// deposit contract files a deposit under: namespacing by creator stops
// anyone from squatting another sender's root.
func DepositID(creator Address, root Hash) Hash {
	return keccak(creator[:], root[:])
}
