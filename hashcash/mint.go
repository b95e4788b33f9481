package hashcash

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/postage-mail/postage/hashcash/internal/search"
)

// MintOptions tune Mint. The zero value mints a YYMMDD-dated stamp with no
// extension on every core.
type MintOptions struct {
	Ext       string    // extension field; may not contain ':'
	Date      time.Time // zero: now
	DateWidth int       // 6 (default), 10 or 12
	Workers   int       // 0: runtime.GOMAXPROCS
	// Progress, when set, is called about every ProgressEvery (default 1 s)
	// from a goroutine of Mint's, never after Mint returns.
	Progress      func(Progress)
	ProgressEvery time.Duration
	// Kernel forces a search kernel by name (tests, benchmarks); empty picks
	// the fastest this CPU runs.
	Kernel string
	Rand   io.Reader // nil: crypto/rand
}

// Progress reports a running mint.
type Progress struct {
	Tries   uint64
	Elapsed time.Duration
	Rate    float64 // tries per second so far
	// Expected is the mean time a stamp of these bits takes at Rate. The
	// search is memoryless, so Remaining is a guide, not a promise.
	Expected  time.Duration
	Remaining time.Duration
}

// ErrBadResource is returned when a resource cannot go into a stamp.
var ErrBadResource = errors.New("bad resource")

// KernelName is the search kernel Mint uses on this machine.
func KernelName() string { return search.Best().Name() }

// Kernels lists the search kernels this machine runs, fastest first.
func Kernels() []string {
	var names []string
	for _, k := range search.All() {
		names = append(names, k.Name())
	}
	return names
}

// CanonicalResource is what goes into a minted stamp: hashcash lowercases
// resources when minting, and so do we.
func CanonicalResource(r string) (string, error) {
	if r == "" {
		return "", fmt.Errorf("%w: empty", ErrBadResource)
	}
	for i := 0; i < len(r); i++ {
		if c := r[i]; c <= ' ' || c >= 0x7f || c == ':' {
			return "", fmt.Errorf("%w: %q has byte %#02x", ErrBadResource, r, c)
		}
	}
	return strings.ToLower(r), nil
}

// Mint makes a version 1 stamp for resource worth bits, using every core
// (or opts.Workers). It returns ctx.Err() if cancelled first.
func Mint(ctx context.Context, resource string, bits int, opts *MintOptions) (Stamp, error) {
	if opts == nil {
		opts = &MintOptions{}
	}
	if bits < 0 || bits > 60 {
		return Stamp{}, fmt.Errorf("mint %d bits: want 0..60", bits)
	}
	res, err := CanonicalResource(resource)
	if err != nil {
		return Stamp{}, err
	}
	if strings.ContainsAny(opts.Ext, ": \t\r\n") {
		return Stamp{}, fmt.Errorf("extension %q: may not contain ':' or whitespace", opts.Ext)
	}
	kernel := search.Best()
	if opts.Kernel != "" {
		k, ok := search.ByName(opts.Kernel)
		if !ok {
			return Stamp{}, fmt.Errorf("kernel %q does not run here (have %s)", opts.Kernel, strings.Join(Kernels(), ", "))
		}
		kernel = k
	}
	date := opts.Date
	if date.IsZero() {
		date = time.Now()
	}
	width := opts.DateWidth
	if width == 0 {
		width = 6
	}
	ds, err := FormatDate(date, width)
	if err != nil {
		return Stamp{}, err
	}
	rnd := opts.Rand
	if rnd == nil {
		rnd = rand.Reader
	}
	head := "1:" + strconv.Itoa(bits) + ":" + ds + ":" + res + ":" + opts.Ext + ":"
	if len(head)+randMax+1+search.MaxWidth > MaxLen {
		return Stamp{}, fmt.Errorf("%w: stamp for %q would exceed %d bytes", ErrBadResource, res, MaxLen)
	}
	m := &minter{kernel: kernel, bits: bits, opts: opts}
	m.workers = opts.Workers
	if m.workers <= 0 {
		m.workers = runtime.GOMAXPROCS(0)
	}
	// The counter space (6 bits a digit) is sized to make running out
	// astronomically unlikely; if it happens, a new random field starts a
	// fresh space.
	for {
		l, err := newLayout(head, bits, rnd)
		if err != nil {
			return Stamp{}, err
		}
		counter, found, err := m.run(ctx, l)
		if err != nil {
			return Stamp{}, err
		}
		if found {
			return Parse(l.stamp(counter))
		}
	}
}

const (
	randLen = 16 // 96 bits, as hashcash 1.22
	randMin = 12 // 72 bits: still never repeats
	randMax = randLen + 63
)

// layout fixes the stamp text around the counter so the counter lies in
// the last SHA-1 block together with the padding: the prefix blocks are
// hashed once, and each try costs one compression.
type layout struct {
	prefix string // everything before the counter
	job    search.Job
	space  uint64 // number of counter values
}

func newLayout(head string, bits int, rnd io.Reader) (*layout, error) {
	width := (bits + 16 + 5) / 6
	width = max(width, 2)
	width = min(width, search.MaxWidth)
	// Prefer a random length near the usual one (12..19 characters, 72
	// bits or more) that puts the last counter digit in word 13 of the
	// block (bytes 52..54, byte 52 first): the search kernels share the
	// most rounds there (search.BenchmarkKernelLayout). Else the usual
	// length; else a shorter one that keeps the counter in one block; else
	// pad the random field to start the counter on a block boundary.
	n := -1
	for _, last := range []int{52, 53, 54} {
		for _, r := range []int{16, 17, 18, 19, 15, 14, 13, 12} {
			if p := len(head) + r + 1; fits(p, width) && (p+width-1)%64 == last {
				n = r
				break
			}
		}
		if n >= 0 {
			break
		}
	}
	for _, r := range []int{16, 15, 14, 13, 12} {
		if n < 0 && fits(len(head)+r+1, width) {
			n = r
		}
	}
	if n < 0 {
		for r := randLen + 1; r <= randMax; r++ {
			if fits(len(head)+r+1, width) {
				n = r
				break
			}
		}
	}
	raw := make([]byte, n)
	if _, err := io.ReadFull(rnd, raw); err != nil {
		return nil, fmt.Errorf("random field: %w", err)
	}
	for i, b := range raw {
		raw[i] = search.Alphabet[b&63]
	}
	prefix := head + string(raw) + ":"
	l := &layout{prefix: prefix, space: 1 << (6 * uint(width))}
	if width == search.MaxWidth {
		l.space = 1 << 60
	}
	j := &l.job
	j.Mid = [5]uint32{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0}
	full := len(prefix) / 64 * 64
	for off := 0; off < full; off += 64 {
		search.Compress(&j.Mid, (*[64]byte)([]byte(prefix[off:off+64])))
	}
	j.Off = copy(j.Block[:], prefix[full:])
	j.Width = width
	j.Bits = bits
	j.Block[j.Off+width] = 0x80
	binary.BigEndian.PutUint64(j.Block[56:], uint64(len(prefix)+width)*8)
	return l, nil
}

func fits(prefixLen, width int) bool { return prefixLen%64+width <= 55 }

func (l *layout) stamp(counter uint64) string {
	b := make([]byte, l.job.Width)
	search.PutCounter(b, counter, l.job.Width)
	return l.prefix + string(b)
}

type minter struct {
	kernel  search.Kernel
	bits    int
	workers int
	opts    *MintOptions
	tries   atomic.Uint64
	start   time.Time
}

// chunk is the counters a worker takes at a time: small enough that a
// cancel is seen within milliseconds, large enough to amortise the atomic.
const chunk = 1 << 15

func (m *minter) run(ctx context.Context, l *layout) (uint64, bool, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if m.start.IsZero() {
		m.start = time.Now()
	}
	var next atomic.Uint64
	var (
		once   sync.Once
		result uint64
		found  bool
	)
	var wg sync.WaitGroup
	for w := 0; w < m.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				start := next.Add(chunk) - chunk
				if start >= l.space {
					return
				}
				n := min(uint64(chunk), l.space-start)
				c, ok := m.kernel.Search(&l.job, start, n)
				m.tries.Add(n)
				if ok {
					once.Do(func() { result, found = c, true })
					cancel()
					return
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	if m.opts.Progress != nil {
		every := m.opts.ProgressEvery
		if every <= 0 {
			every = time.Second
		}
		t := time.NewTicker(every)
		defer t.Stop()
	loop:
		for {
			select {
			case <-done:
				break loop
			case <-t.C:
				m.opts.Progress(m.progress())
			}
		}
	}
	<-done
	if found {
		return result, true, nil
	}
	return 0, false, ctx.Err()
}

func (m *minter) progress() Progress {
	p := Progress{Tries: m.tries.Load(), Elapsed: time.Since(m.start)}
	if s := p.Elapsed.Seconds(); s > 0 {
		p.Rate = float64(p.Tries) / s
	}
	p.Expected = ExpectedTime(m.bits, p.Rate)
	p.Remaining = max(p.Expected-p.Elapsed, 0)
	return p
}

// ExpectedTime is the mean time to mint a stamp of bits at rate tries per
// second: 2^bits tries on average.
func ExpectedTime(bits int, rate float64) time.Duration {
	if rate <= 0 {
		return time.Duration(math.MaxInt64)
	}
	s := math.Ldexp(1, bits) / rate
	if s > float64(math.MaxInt64/int64(time.Second)) {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(s * float64(time.Second))
}

// MeasureRate runs the search kernel on workers goroutines (0: every core)
// for about d and returns tries per second in total. `postage mint
// --estimate` reports it, as `hashcash -s` does.
func MeasureRate(ctx context.Context, d time.Duration, workers int) (float64, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// The layout of a typical stamp (20 bits, a short address), so the
	// rate is the one minting sees; the job wants all 160 bits, so nothing
	// is ever found and every try is counted.
	l, err := newLayout("1:20:260101:rate@example.com::", 20, rand.Reader)
	if err != nil {
		return 0, err
	}
	l.job.Bits = MaxBits
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	kernel := search.Best()
	var tries atomic.Uint64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			base := uint64(w) << 40
			for n := uint64(0); ctx.Err() == nil; n += chunk {
				kernel.Search(&l.job, base+n, chunk)
				tries.Add(chunk)
			}
		}(w)
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return 0, err
	}
	return float64(tries.Load()) / time.Since(start).Seconds(), nil
}
