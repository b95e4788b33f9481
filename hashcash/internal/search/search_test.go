package search

import (
	"crypto/sha1"
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"sync"
	"testing"
)

// newJob lays out a random prefix of n bytes so that the counter sits in the
// last block, hashes the whole blocks into Mid, and pads Block.
func newJob(r *rand.Rand, prefixLen, width, bits int) (*Job, []byte) {
	prefix := make([]byte, prefixLen)
	for i := range prefix {
		prefix[i] = Alphabet[r.IntN(64)]
	}
	return jobFor(prefix, width, bits), prefix
}

// jobFor builds the Job for stamps prefix‖counter.
func jobFor(prefix []byte, width, bits int) *Job {
	prefixLen := len(prefix)
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
	return j
}

// firstHitRef scans counters start, start+1, ... with crypto/sha1 over the
// whole stamp and returns the first that has want leading zero bits.
func firstHitRef(prefix []byte, width, want int, start, count uint64) (uint64, bool) {
	stamp := make([]byte, len(prefix)+width)
	copy(stamp, prefix)
	for i := uint64(0); i < count; i++ {
		PutCounter(stamp[len(prefix):], start+i, width)
		if leadingZeroBits(sha1.Sum(stamp)) >= want {
			return start + i, true
		}
	}
	return 0, false
}

func leadingZeroBits(sum [20]byte) int {
	n := 0
	for _, b := range sum {
		if b != 0 {
			return n + bits.LeadingZeros8(b)
		}
		n += 8
	}
	return n
}

// checkSearch runs one search with kernel k and compares it with crypto/sha1.
// All kernels here report the first hit in counter order, so the answer is
// compared exactly.
func checkSearch(t testing.TB, k Kernel, prefix []byte, width, want int, start, count uint64) {
	t.Helper()
	j := jobFor(prefix, width, want)
	n, ok := k.Search(j, start, count)
	wantN, wantOK := firstHitRef(prefix, width, want, start, count)
	if n != wantN || ok != wantOK {
		t.Fatalf("%s: prefix %q, width %d, %d bits, counters %d+%d: got (%d, %v), crypto/sha1 (%d, %v)",
			k.Name(), prefix, width, want, start, count, n, ok, wantN, wantOK)
	}
}

func TestKernelsMatchCryptoSHA1(t *testing.T) {
	for _, k := range All() {
		t.Run(k.Name(), func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(1, 2))
			for range 300 {
				width := 1 + r.IntN(MaxWidth)
				tail := r.IntN(55 - width + 1)
				prefixLen := 64*r.IntN(4) + tail
				_, prefix := newJob(r, prefixLen, width, 0)
				start := r.Uint64N(1 << (6 * min(width, 6)))
				checkSearch(t, k, prefix, width, r.IntN(14), start, 1+r.Uint64N(1<<14))
			}
		})
	}
}

// Edge cases of Bits: none wanted (every counter passes), the first-word
// mask at both ends, one bit past the first word, and all of the digest.
func TestKernelsBitsEdges(t *testing.T) {
	for _, k := range All() {
		t.Run(k.Name(), func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(11, 12))
			for _, want := range []int{0, 1, 31, 32, 33, 160} {
				for range 3 {
					prefixLen, width := 64+r.IntN(50), 2+r.IntN(4)
					_, prefix := newJob(r, prefixLen, width, 0)
					start := r.Uint64N(1 << 20)
					checkSearch(t, k, prefix, width, want, start, 1+r.Uint64N(3000))
				}
			}
			// No counters: nothing found, even when every counter would pass.
			j, _ := newJob(r, 30, 3, 0)
			if n, ok := k.Search(j, 5, 0); ok {
				t.Errorf("empty range: found %d", n)
			}
		})
	}
}

// The hardest hit in a range: Bits set to the most leading zeros any counter
// in it has, so exactly the counters at that record pass.
func TestKernelsFindTheRecord(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	type job struct {
		prefix      []byte
		width, best int
		start       uint64
	}
	const count = 1 << 15
	var jobs []job
	for range 4 {
		prefixLen, width := 64*r.IntN(3)+r.IntN(46), 3+r.IntN(6)
		_, prefix := newJob(r, prefixLen, width, 0)
		start := r.Uint64N(1 << 30)
		stamp := make([]byte, len(prefix)+width)
		copy(stamp, prefix)
		best := 0
		for c := start; c < start+count; c++ {
			PutCounter(stamp[len(prefix):], c, width)
			best = max(best, leadingZeroBits(sha1.Sum(stamp)))
		}
		jobs = append(jobs, job{prefix, width, best, start})
	}
	for _, k := range All() {
		t.Run(k.Name(), func(t *testing.T) {
			for _, jb := range jobs {
				checkSearch(t, k, jb.prefix, jb.width, jb.best, jb.start, count)
			}
		})
	}
}

// Kernels are shared by every minting goroutine.
func TestKernelsConcurrent(t *testing.T) {
	for _, k := range All() {
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				r := rand.New(rand.NewPCG(uint64(g), 15))
				for range 20 {
					prefixLen, width := randomLayout(r)
					_, prefix := newJob(r, prefixLen, width, 0)
					checkSearch(t, k, prefix, width, 9, r.Uint64N(1<<24), 4000)
				}
			})
		}
		wg.Wait()
	}
}

// randomLayout picks a stamp layout with the counter anywhere a Job allows.
func randomLayout(r *rand.Rand) (prefixLen, width int) {
	width = 1 + r.IntN(MaxWidth)
	return 64*r.IntN(3) + r.IntN(55-width+1), width
}

func TestJobValidate(t *testing.T) {
	ok := Job{Off: 40, Width: 8, Bits: 20}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid job refused: %v", err)
	}
	for _, j := range []Job{
		{Off: 40, Width: 0, Bits: 20},
		{Off: 40, Width: MaxWidth + 1, Bits: 20},
		{Off: -1, Width: 4, Bits: 20},
		{Off: 52, Width: 4, Bits: 20},
		{Off: 0, Width: 4, Bits: -1},
		{Off: 0, Width: 4, Bits: 161},
	} {
		if j.Validate() == nil {
			t.Errorf("Off %d Width %d Bits %d accepted", j.Off, j.Width, j.Bits)
		}
	}
}

// FuzzKernels compares every kernel with crypto/sha1 on arbitrary prefixes
// (any bytes, not only stamp characters), widths and counters.
func FuzzKernels(f *testing.F) {
	f.Add([]byte("1:20:251121:alice@example.org::c2FsdHNhbHQ:"), uint8(6), uint64(0), uint8(8))
	f.Add([]byte("1:24:2511211200:bob@example.com:ext=x;y=1,2:Zm9vYmFyYmF6cXV4cXV1eA:"), uint8(10), uint64(1<<59), uint8(10))
	f.Fuzz(func(t *testing.T, prefix []byte, width uint8, start uint64, want uint8) {
		w := 1 + int(width)%MaxWidth
		prefix = prefix[:min(len(prefix), 300)]
		if over := len(prefix)%64 + w - 55; over > 0 {
			prefix = prefix[:len(prefix)-over] // the counter must fit before the padding
		}
		for _, k := range All() {
			checkSearch(t, k, prefix, w, int(want)%13, start, 300)
		}
		checkAsmFirstWords(t, prefix, w, start)
	})
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
