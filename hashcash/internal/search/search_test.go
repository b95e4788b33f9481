package search

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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

// Every hit in a long range, in order: with few bits wanted, hits come
// every few counters, so a kernel that got any candidate's leading bits
// wrong would skip or invent one. The search resumes after each hit, as a
// minter does, across runs of 64 and 4096 counters and digit roll-overs.
func TestKernelsHitSequence(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	type job struct {
		prefix      []byte
		width, want int
		start       uint64
		hits        []uint64
	}
	count := uint64(1 << 15)
	if testing.Short() {
		count = 1 << 12
	}
	var jobs []job
	for range 10 {
		prefixLen, width := randomLayout(r)
		_, prefix := newJob(r, prefixLen, width, 0)
		jb := job{prefix: prefix, width: width, want: 1 + r.IntN(4), start: r.Uint64N(1 << (6 * width))}
		stamp := make([]byte, len(prefix)+width)
		copy(stamp, prefix)
		for c := jb.start; c < jb.start+count; c++ {
			PutCounter(stamp[len(prefix):], c, width)
			if leadingZeroBits(sha1.Sum(stamp)) >= jb.want {
				jb.hits = append(jb.hits, c)
			}
		}
		jobs = append(jobs, jb)
	}
	for _, k := range All() {
		t.Run(k.Name(), func(t *testing.T) {
			t.Parallel()
			checked := uint64(0)
			for _, jb := range jobs {
				j := jobFor(jb.prefix, jb.width, jb.want)
				end := jb.start + count
				var got []uint64
				for n := jb.start; n < end; {
					c, ok := k.Search(j, n, end-n)
					if !ok {
						break
					}
					got = append(got, c)
					n = c + 1
				}
				if !slices.Equal(got, jb.hits) {
					t.Fatalf("prefix %q, width %d, %d bits, counters %d+%d: %d hits, crypto/sha1 %d; first difference at %d",
						jb.prefix, jb.width, jb.want, jb.start, count, len(got), len(jb.hits), firstDiff(got, jb.hits))
				}
				checked += count
			}
			t.Logf("%d counters scanned", checked)
		})
	}
}

func firstDiff(a, b []uint64) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
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

// Every kernel can be asked for by name, so tests and `mint --kernel` can
// force one; Best is one of them.
func TestByName(t *testing.T) {
	all := All()
	if len(all) < 2 {
		t.Fatalf("only %d kernels; stdlib and generic run everywhere", len(all))
	}
	for _, k := range all {
		got, ok := ByName(k.Name())
		if !ok || got.Name() != k.Name() {
			t.Errorf("ByName(%q) = %v, %v", k.Name(), got, ok)
		}
	}
	if k, ok := ByName("no-such-kernel"); ok {
		t.Errorf("ByName found %s for an unknown name", k.Name())
	}
	if Best().Name() != all[0].Name() {
		t.Errorf("Best is %s, All starts with %s", Best().Name(), all[0].Name())
	}
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
		checkFirstWords(t, prefix, w, start)
	})
}

// benchJob is a stamp as the minter lays it out for a typical address:
// "1:20:251121:alice@example.org::" (30 bytes), 16 random characters and a
// colon, then a 6-digit counter whose last digit is byte 52 of the block.
func benchJob() *Job {
	return jobFor([]byte("1:20:251121:alice@example.org::c2FsdHNhbHRzYWx0:"), 6, 160)
}

// benchChunk is what the minter hands a kernel at a time.
const benchChunk = 1 << 15

// BenchmarkKernel is one core's rate per kernel, in millions of hashes per
// second (Bits 160: nothing is ever found, every counter is tried).
// MH/s-cpu divides by the thread's CPU time instead of the wall clock, so
// it stays meaningful when other processes share the machine.
func BenchmarkKernel(b *testing.B) {
	for _, k := range All() {
		b.Run(k.Name(), func(b *testing.B) {
			benchOneCore(b, k, benchJob())
		})
	}
}

func benchOneCore(b *testing.B, k Kernel, j *Job) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0, cpuOK := threadCPU()
	var n uint64
	for b.Loop() {
		k.Search(j, n, benchChunk)
		n += benchChunk
	}
	hashes := float64(b.N) * benchChunk
	b.ReportMetric(hashes/b.Elapsed().Seconds()/1e6, "MH/s")
	if cpu1, ok := threadCPU(); cpuOK && ok && cpu1 > cpu0 {
		b.ReportMetric(hashes/(cpu1-cpu0).Seconds()/1e6, "MH/s-cpu")
	}
}

// BenchmarkKernelParallel runs a kernel on GOMAXPROCS goroutines, each on
// its own counters, and reports the total rate: run with -cpu 1,2 to compare
// one core with both. MH/s-cpu is the rate per CPU second of the whole
// process: if two workers slowed each other down (shared caches, clocks),
// it would drop from -cpu 1 to -cpu 2 even on a busy machine.
func BenchmarkKernelParallel(b *testing.B) {
	for _, k := range All() {
		b.Run(k.Name(), func(b *testing.B) {
			j := benchJob()
			var next atomic.Uint64
			cpu0, cpuOK := processCPU()
			b.RunParallel(func(pb *testing.PB) {
				n := next.Add(1 << 40)
				for pb.Next() {
					k.Search(j, n, benchChunk)
					n += benchChunk
				}
			})
			hashes := float64(b.N) * benchChunk
			b.ReportMetric(hashes/b.Elapsed().Seconds()/1e6, "MH/s")
			if cpu1, ok := processCPU(); cpuOK && ok && cpu1 > cpu0 {
				b.ReportMetric(hashes/(cpu1-cpu0).Seconds()/1e6, "MH/s-cpu")
			}
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkKernelLayout shows how the last digit's position in the block
// changes the rate: the rounds before its word are shared by 64 counters.
func BenchmarkKernelLayout(b *testing.B) {
	for _, k := range All() {
		for _, last := range []int{5, 31, 47, 48, 52, 54} {
			b.Run(fmt.Sprintf("%s/last=%d", k.Name(), last), func(b *testing.B) {
				const width = 6
				prefix := bytes.Repeat([]byte("x"), 64+last+1-width)
				benchOneCore(b, k, jobFor(prefix, width, 160))
			})
		}
	}
}

// BenchmarkKernelVersus compares each kernel with the one it replaced
// (avx512 with avx512v1, avx2 with avx2v1) on one thread, alternating them
// every few milliseconds and charging each its own thread CPU time, so
// that load from other processes (clock changes, caches) hits both alike.
// It reports each one's MH/s per CPU second and new/old, their ratio.
func BenchmarkKernelVersus(b *testing.B) {
	for _, pair := range [][2]string{{"avx512", "avx512v1"}, {"avx2", "avx2v1"}} {
		knew, ok1 := ByName(pair[0])
		kold, ok2 := ByName(pair[1])
		if !ok1 || !ok2 {
			continue
		}
		b.Run(pair[0]+"/"+pair[1], func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			j := benchJob()
			var spent [2]time.Duration
			var n [2]uint64
			for b.Loop() {
				for i, k := range []Kernel{knew, kold} {
					c0, ok := threadCPU()
					if !ok {
						b.Skip("no thread CPU clock here")
					}
					for range 8 {
						k.Search(j, n[i], benchChunk)
						n[i] += benchChunk
					}
					c1, _ := threadCPU()
					spent[i] += c1 - c0
				}
			}
			rate := func(i int) float64 { return float64(n[i]) / spent[i].Seconds() / 1e6 }
			b.ReportMetric(rate(0), "MH/s-cpu-new")
			b.ReportMetric(rate(1), "MH/s-cpu-old")
			b.ReportMetric(rate(0)/rate(1), "new/old")
			b.ReportMetric(0, "ns/op")
		})
	}
}
