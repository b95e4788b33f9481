package stake

import (
	"encoding/hex"
	"fmt"
)

// Address is a 20-byte Ethereum account or contract address. The package
// keeps its own type so that it needs nothing from go-ethereum; it converts
// to common.Address with a plain type conversion.
type Address [20]byte

// String returns the EIP-55 mixed-case checksummed form, 0x + 40 hex digits.
func (a Address) String() string {
	var lower [40]byte
	hex.Encode(lower[:], a[:])
	sum := keccak(lower[:])
	out := make([]byte, 2+40)
	out[0], out[1] = '0', 'x'
	for i, c := range lower {
		// EIP-55: a letter is upper case when the matching nibble of
		// keccak256(lowercase hex) is >= 8.
		nibble := sum[i/2] >> 4
		if i%2 == 1 {
			nibble = sum[i/2] & 0x0f
		}
		if c >= 'a' && nibble >= 8 {
			c -= 'a' - 'A'
		}
		out[2+i] = c
	}
	return string(out)
}

// IsZero reports whether a is the all-zero address, which no one controls.
func (a Address) IsZero() bool { return a == Address{} }

// ParseAddress parses 0x followed by 40 hex digits. Digits in a single case
// (all lower or all upper) are accepted as they are; mixed case must be a
// correct EIP-55 checksum, since a wrong one means a mistyped address.
func ParseAddress(s string) (Address, error) {
	var a Address
	if err := parseHex(s, a[:]); err != nil {
		return Address{}, fmt.Errorf("%w: %q: %w", ErrBadAddress, clip(s), err)
	}
	digits := s[2:]
	var hasLower, hasUpper bool
	for i := 0; i < len(digits); i++ {
		switch c := digits[i]; {
		case c >= 'a' && c <= 'f':
			hasLower = true
		case c >= 'A' && c <= 'F':
			hasUpper = true
		}
	}
	if hasLower && hasUpper && a.String()[2:] != digits {
		return Address{}, fmt.Errorf("%w: %q: EIP-55 checksum mismatch (want %s)", ErrBadAddress, s, a)
	}
	return a, nil
}
