package stake

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
)

// Nonce is the 32 random bytes that, with the recipient's address, make a
// secret. It is the only unguessable input: whoever learns it (and guesses
// the address) can burn the leaf.
type Nonce [32]byte

// NonceLen is the length of a nonce in base64url without padding.
const NonceLen = 43

var nonceEncoding = base64.RawURLEncoding.Strict()

// NewNonce reads 32 bytes from r, or from crypto/rand when r is nil.
func NewNonce(r io.Reader) (Nonce, error) {
	if r == nil {
		r = rand.Reader
	}
	var n Nonce
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return Nonce{}, fmt.Errorf("read nonce: %w", err)
	}
	return n, nil
}

// String returns the nonce in base64url without padding (43 characters).
func (n Nonce) String() string { return nonceEncoding.EncodeToString(n[:]) }

// ParseNonce parses exactly 43 base64url characters without padding whose
// unused low bits are zero, so every nonce has exactly one spelling.
func ParseNonce(s string) (Nonce, error) {
	var n Nonce
	if len(s) != NonceLen {
		return Nonce{}, fmt.Errorf("%w: nonce: want %d base64url characters, have %d", ErrBadEncoding, NonceLen, len(s))
	}
	m, err := nonceEncoding.Decode(n[:], []byte(s))
	if err != nil || m != len(n) {
		return Nonce{}, fmt.Errorf("%w: nonce %q: not canonical base64url: %v", ErrBadEncoding, s, err)
	}
	return n, nil
}

// Secret returns keccak256("postage-v1" ‖ rcpt ‖ nonce), where rcpt is the
// canonical address in UTF-8. Publishing it on chain burns the leaf; it
// reveals neither the address nor the nonce.
func Secret(rcpt Recipient, nonce Nonce) Hash {
	return keccak([]byte(secretDomain), []byte(rcpt.addr), nonce[:])
}
