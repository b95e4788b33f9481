package search

import (
	"crypto/sha1"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// newJob lays out a random prefix of n bytes so that the counter sits in the
// last block, hashes the whole blocks into Mid, and pads Block.
func newJob(r *rand.Rand, prefixLen, width, bits int) (*Job, []byte) {
	prefix := make([]byte, prefixLen)
	for i := range prefix {
		prefix[i] = Alphabet[r.IntN(64)]
	}
	full := prefixLen / 64 * 64
	j := &Job{Mid: [5]uint32{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0}, Width: width, Bits: bits}
	for off := 0; off < full; off += 64 {
		Compress(&j.Mid, (*[64]byte)(prefix[off:off+64]))
	}
	tail := prefix[full:]
	copy(j.Block[:], tail)
	j.Off = len(tail)
	total := prefixLen + width
	j.Block[j.Off+width] = 0x80
	binary.BigEndian.PutUint64(j.Block[56:], uint64(total)*8)
	return j, prefix
}

func TestKernelsMatchCryptoSHA1(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, k := range All() {
		t.Run(k.Name(), func(t *testing.T) {
			for iter := 0; iter < 200; iter++ {
				width := 1 + r.IntN(MaxWidth)
				tail := r.IntN(55 - width + 1)
				prefixLen := 64*r.IntN(4) + tail
				bits := r.IntN(12)
				j, prefix := newJob(r, prefixLen, width, bits)
				start := r.Uint64N(1 << (6 * min(width, 6)))
				n, ok := k.Search(j, start, 1<<14)
				// Reference: first counter crypto/sha1 accepts, in order.
				stamp := append([]byte(nil), prefix...)
				stamp = append(stamp, make([]byte, width)...)
				found := false
				for c := start; c < start+1<<14; c++ {
					PutCounter(stamp[prefixLen:], c, width)
					sum := sha1.Sum(stamp)
					var h [5]uint32
					for i := range h {
						h[i] = binary.BigEndian.Uint32(sum[4*i:])
					}
					if Meets(&h, bits) {
						found = true
						if !ok {
							t.Fatalf("kernel missed counter %d (bits %d)", c, bits)
						}
						break
					}
				}
				if !found && ok {
					t.Fatalf("kernel found %d where crypto/sha1 finds none", n)
				}
				if ok {
					PutCounter(stamp[prefixLen:], n, width)
					sum := sha1.Sum(stamp)
					var h [5]uint32
					for i := range h {
						h[i] = binary.BigEndian.Uint32(sum[4*i:])
					}
					if !Meets(&h, bits) || n < start || n >= start+1<<14 {
						t.Fatalf("kernel answer %d does not verify", n)
					}
				}
			}
		})
	}
}

func BenchmarkKernel(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, k := range All() {
		b.Run(k.Name(), func(b *testing.B) {
			j, _ := newJob(r, 40, 8, 160)
			const chunk = 1 << 12
			b.ResetTimer()
			var n uint64
			for b.Loop() {
				k.Search(j, n, chunk)
				n += chunk
			}
			b.ReportMetric(float64(b.N)*chunk/b.Elapsed().Seconds()/1e6, "MH/s")
		})
	}
}
