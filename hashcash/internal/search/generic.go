package search

import (
	"encoding/binary"
	"math/bits"
)

// Generic is the portable pure-Go kernel: one candidate at a time, from the
// plan's shared rounds and tabulated schedule (plan.go). It runs on every
// architecture.
type Generic struct{}

func (Generic) Name() string { return goKernel.Name() }
func (Generic) Lanes() int   { return goKernel.Lanes() }

func (Generic) Search(j *Job, start, count uint64) (uint64, bool) {
	return goKernel.Search(j, start, count)
}

// Compress applies the SHA-1 compression function to one block: the
// minter's midstate, and the full check of every hit a kernel reports.
func Compress(h *[5]uint32, p *[64]byte) {
	const (
		k0 = 0x5A827999
		k1 = 0x6ED9EBA1
		k2 = 0x8F1BBCDC
		k3 = 0xCA62C1D6
	)
	var w [16]uint32
	for i := range w {
		w[i] = binary.BigEndian.Uint32(p[4*i:])
	}
	a, b, c, d, e := h[0], h[1], h[2], h[3], h[4]
	for i := 0; i < 80; i++ {
		if i >= 16 {
			t := w[(i-3)&15] ^ w[(i-8)&15] ^ w[(i-14)&15] ^ w[i&15]
			w[i&15] = bits.RotateLeft32(t, 1)
		}
		var f, k uint32
		switch {
		case i < 20:
			f, k = b&c|^b&d, k0
		case i < 40:
			f, k = b^c^d, k1
		case i < 60:
			f, k = (b&c)|(b&d)|(c&d), k2
		default:
			f, k = b^c^d, k3
		}
		t := bits.RotateLeft32(a, 5) + f + e + w[i&15] + k
		a, b, c, d, e = t, a, bits.RotateLeft32(b, 30), c, d
	}
	h[0] += a
	h[1] += b
	h[2] += c
	h[3] += d
	h[4] += e
}
