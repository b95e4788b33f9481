// Package search runs the inner loop of hashcash minting: it tries
// counter values in the last SHA-1 block of a stamp until one gives a digest
// with enough leading zero bits.
//
// The minter lays a stamp out so that every byte before the counter's block
// is fixed; that prefix is hashed once (Job.Mid) and only the final, already
// padded 64-byte block is hashed per try. Kernels differ only in how fast they
// do that, so they are interchangeable and each is tested against
// crypto/sha1. The package is internal because a Job is only meaningful with
// the minter's layout rules; outside callers use hashcash.Mint.
//
// On amd64 the assembly kernels (AVX-512, SHA-NI, AVX2; plan.go
// explains what they share, gen.go writes them) are chosen by CPU features
// at start; everywhere else, and for comparison, crypto/sha1 (Stdlib) and
// pure Go (Generic, on the same plan) run from the same midstate. The counter's last digit is
// best placed late in the block (bytes 48..54): the rounds before its word
// are done once per 64 counters.
package search

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// Alphabet is hashcash's base64 alphabet. Counter digit values index it.
const Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// MaxWidth is the widest counter a Job may have: 10 digits carry 60 bits,
// far beyond any stamp anyone will mint, and keep counters in a uint64.
const MaxWidth = 10

// Job is one search. Block is the final SHA-1 block of the stamp with the
// padding and length already in place; the counter occupies
// Block[Off:Off+Width] and is written as Width base64 digits, most
// significant first: digit k from the right is Alphabet[(n>>(6*k))&63].
type Job struct {
	Mid   [5]uint32 // SHA-1 state after every block before Block
	Block [64]byte  // final block, padded; counter bytes are overwritten
	Off   int       // first counter byte within Block
	Width int       // counter digits, 1..MaxWidth, Off+Width <= 55
	Bits  int       // leading zero bits required, 0..160
}

// Validate reports whether the counter fits the block with room for the
// padding, and whether Bits is possible.
func (j *Job) Validate() error {
	switch {
	case j.Width < 1 || j.Width > MaxWidth:
		return fmt.Errorf("counter width %d outside 1..%d", j.Width, MaxWidth)
	case j.Off < 0 || j.Off+j.Width > 55:
		return fmt.Errorf("counter at bytes %d..%d of the final block, want within 0..54", j.Off, j.Off+j.Width-1)
	case j.Bits < 0 || j.Bits > 160:
		return fmt.Errorf("%d bits wanted, want 0..160", j.Bits)
	}
	return nil
}

// Kernel is one implementation of the search loop.
type Kernel interface {
	// Name identifies the kernel in benchmarks, tests and `mint --estimate`.
	Name() string
	// Lanes is how many candidates the kernel hashes side by side; callers
	// give it ranges that are multiples of Lanes for best speed.
	Lanes() int
	// Search tries counters start, start+1, ..., start+count-1 (in any
	// order, skipping none) and reports one that meets j.Bits, if any.
	// It never writes to j. The kernels of this package all report the
	// first such counter, so every kernel mints the same stamp. Setting up
	// costs a few microseconds, so give each call thousands of counters.
	Search(j *Job, start, count uint64) (n uint64, ok bool)
}

// PutCounter writes counter n into b as width base64 digits.
func PutCounter(b []byte, n uint64, width int) {
	for k := width - 1; k >= 0; k-- {
		b[k] = Alphabet[n&63]
		n >>= 6
	}
}

// LeadingZeros counts the leading zero bits of a SHA-1 state read as the
// big-endian digest.
func LeadingZeros(h *[5]uint32) int {
	n := 0
	for _, w := range h {
		if w != 0 {
			return n + bits.LeadingZeros32(w)
		}
		n += 32
	}
	return n
}

// Meets reports whether state h has at least want leading zero bits. It
// compares the first word before anything else: almost every candidate fails
// there.
func Meets(h *[5]uint32, want int) bool {
	if want <= 32 {
		return want == 0 || h[0]>>(32-want) == 0
	}
	return LeadingZeros(h) >= want
}

// Digest returns the SHA-1 digest bytes of a state.
func Digest(h *[5]uint32) [20]byte {
	var d [20]byte
	for i, w := range h {
		binary.BigEndian.PutUint32(d[4*i:], w)
	}
	return d
}
