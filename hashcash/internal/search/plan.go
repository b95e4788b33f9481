package search

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"sync"
	"unsafe"
)

// The kernels share one plan, built on two facts about SHA-1:
//
//  1. The message schedule (W16..W79 from W0..W15) is linear over GF(2):
//     only XORs and rotations. So the schedule of a block equals the XOR of
//     the schedule of the block with its last counter digit zeroed and the
//     schedule of a block that holds only that digit. The second part has
//     only 64 possible values per byte position; they are tabulated once per
//     process (digitTable). A kernel then builds every lane's word with one
//     XOR instead of recomputing the schedule. The second-to-last digit is
//     handled the same way once per 64 counters, so the full schedule is only
//     recomputed every 4096 counters.
//  2. Rounds before the first word that holds the last digit are the same for
//     all 64 counters that share the upper digits; they are run once (in Go)
//     and the kernels start from that state.
//
// The kernels therefore compute only what differs between candidates, and
// compare only the first state word; Go confirms a hit with Compress. The
// assembly kernels (amd64) and the pure-Go one (Generic, every
// architecture) run behind the same driver, planKernel.

// Table layouts: SHA-NI reads four words at a time with the first one in the
// highest lane (rev); the multi-message kernels read one word for 16 lanes
// at a time (tr); Go reads one candidate's 80 words (nat).
type layout int

const (
	layoutNat layout = iota
	layoutRev
	layoutTr
)

type digitTable struct {
	nat [64][80]uint32 // nat[d][t]: schedule word t of Alphabet[d] alone at the byte position
	rev [64][80]uint32 // rev[d][4g+3-i] = nat[d][4g+i]
	tr  [80][64]uint32 // tr[t][d] = nat[d][t]
}

// zeroRow stands in for the second-to-last digit's row when a counter has
// only one digit.
var zeroRow [80]uint32

var digitTables [64]struct {
	once sync.Once
	t    *digitTable
}

// tableFor returns the digit table for byte position pos (0..63) of the final
// block, building it on first use. Tables depend on nothing but the
// position, so every job shares them.
func tableFor(pos int) *digitTable {
	e := &digitTables[pos]
	e.once.Do(func() {
		t := new(digitTable)
		for d := range 64 {
			var blk [64]byte
			blk[pos] = Alphabet[d]
			var w [80]uint32
			loadWords(&w, &blk)
			expand(&w)
			t.nat[d] = w
			t.rev[d] = reverseGroups(&w)
			for i := range 80 {
				t.tr[i][d] = w[i]
			}
		}
		e.t = t
	})
	return e.t
}

func loadWords(w *[80]uint32, blk *[64]byte) {
	for i := range 16 {
		w[i] = binary.BigEndian.Uint32(blk[4*i:])
	}
}

// expand computes the message schedule W16..W79 from W0..W15.
func expand(w *[80]uint32) {
	for i := 16; i < 80; i++ {
		w[i] = bits.RotateLeft32(w[i-3]^w[i-8]^w[i-14]^w[i-16], 1)
	}
}

func reverseGroups(w *[80]uint32) (r [80]uint32) {
	for g := 0; g < 80; g += 4 {
		r[g], r[g+1], r[g+2], r[g+3] = w[g+3], w[g+2], w[g+1], w[g]
	}
	return r
}

// rounds runs SHA-1 rounds from..to-1 on the working variables v (a..e)
// with schedule w and returns them, not added back to any state: the
// kernels continue from them.
func rounds(v [5]uint32, w *[80]uint32, from, to int) [5]uint32 {
	a, b, c, d, e := v[0], v[1], v[2], v[3], v[4]
	i := from
	for ; i < min(to, 20); i++ {
		t := bits.RotateLeft32(a, 5) + (b&c | ^b&d) + e + w[i] + 0x5A827999
		a, b, c, d, e = t, a, bits.RotateLeft32(b, 30), c, d
	}
	for ; i < min(to, 40); i++ {
		t := bits.RotateLeft32(a, 5) + (b ^ c ^ d) + e + w[i] + 0x6ED9EBA1
		a, b, c, d, e = t, a, bits.RotateLeft32(b, 30), c, d
	}
	for ; i < min(to, 60); i++ {
		t := bits.RotateLeft32(a, 5) + (b&c | b&d | c&d) + e + w[i] + 0x8F1BBCDC
		a, b, c, d, e = t, a, bits.RotateLeft32(b, 30), c, d
	}
	for ; i < min(to, 80); i++ {
		t := bits.RotateLeft32(a, 5) + (b ^ c ^ d) + e + w[i] + 0xCA62C1D6
		a, b, c, d, e = t, a, bits.RotateLeft32(b, 30), c, d
	}
	return [5]uint32{a, b, c, d, e}
}

// runArgs is what a kernel reads for one run of 64 counters that share
// every digit but the last. The assembly files hard-code its offsets (on
// amd64); TestRunArgsLayout keeps them honest.
type runArgs struct {
	c     [80]uint32     // scratch: the kernel writes *c2 ^ *t2 here
	state [5]uint32      // a..e after the shared rounds
	mid0  uint32         // first word of the midstate, added to the result
	mask  uint32         // a candidate passes when (mid0+a80)&mask == 0
	start uint32         // first round that differs between candidates
	c2    *[80]uint32    // schedule with the last two digits zeroed
	t2    *[80]uint32    // schedule contribution of the second-to-last digit
	t1    unsafe.Pointer // *[64][80]uint32 (nat, rev) or *[80][64]uint32 (tr)
	out   *[64]uint32    // when non-nil: record mid0+a80 of every candidate, never stop (group kernels: a [4096]uint32, by counter within the block)
	//lint:ignore U1000 written and read by the amd64 assembly only
	ck [16]uint32 // scratch for the v1 multi-message kernels: c[t] + K for rounds 0..15

	// The group kernels (amd64) loop over the groups of a 4096-counter
	// block themselves: they read the second-to-last digit's table and the
	// last digit's word, and keep their per-group values here.
	//lint:ignore U1000 written and read by the amd64 assembly only
	ck80 [80]uint32 // c[t] + K for every round
	//lint:ignore U1000 written and read by the amd64 assembly only
	u      [12][8]uint32  // the values every candidate of a group shares (gen.go: uRoundP...)
	t2tab  unsafe.Pointer // *[64][80]uint32: the second-to-last digit's nat table, or &zeroRow
	t2step uint64         // 320, or 0 when t2tab is &zeroRow
	word   uint32         // schedule word of the last digit (0..13)
	//lint:ignore U1000 written and read by the amd64 assembly only
	v [17][64]uint32 // per call: (c2[t] ^ digit row t) + K for rows that depend on the last digit only (gen.go: vRows)
	//lint:ignore U1000 written and read by the amd64 assembly only
	gbuf [2][176]uint32 // AVX-512: the current group's values and the next one's, computed while the current one runs (gen.go: groupValues)
}

// planKernel drives one kernel of the plan. run scans the batches of lanes
// candidates whose last digit is in [d0, d1) (both multiples of lanes) and
// returns d<<16 | m for the first batch starting at digit d in which the
// candidates whose bits are set in m pass the mask, or 0 if none does.
type planKernel struct {
	name   string
	lanes  int
	layout layout
	start  func(pos int) int                      // first per-candidate round for a last digit at byte pos
	run    func(a *runArgs, d0, d1 uint64) uint64 // assembly, or goRun
	// group kernels take d0, d1 within a block of 4096 counters (one c2),
	// loop over its groups of 64 themselves and return d<<32 | m.
	group bool
}

func (k *planKernel) Name() string { return k.name }
func (k *planKernel) Lanes() int   { return k.lanes }

// runner holds what stays the same from one run of 64 counters to the next.
type runner struct {
	k      *planKernel
	j      *Job
	block  [64]byte
	pos    int // byte of the last digit
	preKey uint64
	preOK  bool
	c2Key  uint64
	c2OK   bool
	t2     *digitTable // nil for one-digit counters
	c2     [80]uint32
	a      runArgs
}

func newRunner(k *planKernel, j *Job) *runner {
	if err := j.Validate(); err != nil {
		panic(fmt.Sprintf("search: %s kernel: %v", k.name, err))
	}
	r := &runner{k: k, j: j, block: j.Block, pos: j.Off + j.Width - 1}
	t1 := tableFor(r.pos)
	switch k.layout {
	case layoutRev:
		r.a.t1 = unsafe.Pointer(&t1.rev)
	case layoutTr:
		r.a.t1 = unsafe.Pointer(&t1.tr)
	default:
		r.a.t1 = unsafe.Pointer(&t1.nat)
	}
	if j.Width >= 2 {
		r.t2 = tableFor(r.pos - 1)
	}
	r.a.mid0 = j.Mid[0]
	r.a.mask = maskFor(j.Bits)
	// The shared rounds end before the word of the last digit, and also
	// before the word of the one before it when that word is an earlier one:
	// otherwise they would have to be redone in Go every 64 counters, which
	// costs more (about 12% for AVX-512) than the round or two given up.
	start := k.start(r.pos)
	if j.Width >= 2 {
		start = min(start, k.start(r.pos-1))
	}
	r.a.start = uint32(start)
	r.a.c2 = &r.c2
	r.a.t2 = &zeroRow
	r.a.word = uint32(r.pos / 4)
	r.a.t2tab = unsafe.Pointer(&zeroRow)
	if r.t2 != nil {
		r.a.t2tab = unsafe.Pointer(&r.t2.nat)
		r.a.t2step = uint64(unsafe.Sizeof(r.t2.nat[0]))
	}
	return r
}

// maskFor gives the bits of the first digest word that must be zero.
func maskFor(bitsWanted int) uint32 {
	if bitsWanted >= 32 {
		return ^uint32(0)
	}
	return ^(^uint32(0) >> bitsWanted)
}

// prepare sets up the run of counters n&^63 .. n|63.
func (r *runner) prepare(n uint64) {
	j := r.j
	start := int(r.a.start)
	// Digit i (0 = last) sits at byte pos-i. Digits from index pre up sit
	// in the words of the shared rounds; they change every 64^pre counters.
	pre := uint(r.pos - 4*start + 1)
	preKey := uint64(0)
	if int(pre) < j.Width {
		preKey = n >> (6 * pre)
	}
	c2Key := uint64(0)
	if j.Width > 2 {
		c2Key = n >> 12
	}
	if !r.preOK || preKey != r.preKey || !r.c2OK || c2Key != r.c2Key {
		ctr := r.block[j.Off : j.Off+j.Width]
		PutCounter(ctr, n, j.Width)
		var w [80]uint32
		if !r.preOK || preKey != r.preKey {
			loadWords(&w, &r.block)
			r.a.state = rounds(j.Mid, &w, 0, start)
			r.preKey, r.preOK = preKey, true
		}
		if !r.c2OK || c2Key != r.c2Key {
			r.block[r.pos] = 0
			if j.Width >= 2 {
				r.block[r.pos-1] = 0
			}
			loadWords(&w, &r.block)
			expand(&w)
			if r.k.layout == layoutRev {
				w = reverseGroups(&w)
			}
			r.c2 = w
			r.c2Key, r.c2OK = c2Key, true
		}
	}
	if r.t2 != nil {
		d1 := (n >> 6) & 63
		if r.k.layout == layoutRev {
			r.a.t2 = &r.t2.rev[d1]
		} else {
			r.a.t2 = &r.t2.nat[d1]
		}
	}
}

// confirm checks candidate n in full.
func (r *runner) confirm(n uint64) bool {
	j := r.j
	blk := j.Block
	PutCounter(blk[j.Off:j.Off+j.Width], n, j.Width)
	h := j.Mid
	Compress(&h, &blk)
	return Meets(&h, j.Bits)
}

func (k *planKernel) Search(j *Job, start, count uint64) (uint64, bool) {
	if count == 0 || j.Bits > 160 {
		return 0, false
	}
	if j.Bits <= 0 {
		return start, true
	}
	return newRunner(k, j).search(start, count)
}

func (r *runner) search(start, count uint64) (uint64, bool) {
	if r.k.group {
		return r.searchBlocks(start, count)
	}
	lanes := uint64(r.k.lanes)
	n, left := start, count
	for left > 0 {
		lo := n & 63
		hi := min(64, lo+left)
		r.prepare(n)
		base := n - lo
		d0, d1 := lo&^(lanes-1), (hi+lanes-1)&^(lanes-1)
		for d0 < d1 {
			res := r.k.run(&r.a, d0, d1)
			m := res & 0xffff
			if m == 0 {
				break
			}
			d := res >> 16
			for l := uint64(0); l < lanes; l++ {
				if m>>l&1 == 1 && d+l >= lo && d+l < hi && r.confirm(base+d+l) {
					return base + d + l, true
				}
			}
			d0 = d + lanes
		}
		n += hi - lo
		left -= hi - lo
	}
	return 0, false
}

// searchBlocks drives a group kernel, one block of 4096 counters (the
// same c2 and shared rounds) per call. The kernel computes whole batches;
// candidates outside [start, start+count) are never reported.
func (r *runner) searchBlocks(start, count uint64) (uint64, bool) {
	lanes := uint64(r.k.lanes)
	n, left := start, count
	for left > 0 {
		lo := n & 4095
		hi := min(4096, lo+left)
		r.prepare(n)
		base := n - lo
		d0, d1 := lo&^(lanes-1), (hi+lanes-1)&^(lanes-1)
		for d0 < d1 {
			res := r.k.run(&r.a, d0, d1)
			m := res & 0xffffffff
			if m == 0 {
				break
			}
			d := res >> 32
			for l := uint64(0); l < lanes; l++ {
				if m>>l&1 == 1 && d+l >= lo && d+l < hi && r.confirm(base+d+l) {
					return base + d + l, true
				}
			}
			d0 = d + lanes
		}
		n += hi - lo
		left -= hi - lo
	}
	return 0, false
}

// firstWords reports, for the 64 counters n&^63 .. n|63, the first word of
// each one's SHA-1 state as computed by the kernel. Tests compare it with
// crypto/sha1 for every candidate, hit or not.
func (k *planKernel) firstWords(j *Job, n uint64) (out [64]uint32) {
	r := newRunner(k, j)
	r.prepare(n)
	if k.group {
		d0 := n & 4095 &^ 63
		block := k.blockWords(r, d0, d0+64)
		copy(out[:], block[d0:])
		return out
	}
	r.a.out = &out
	k.run(&r.a, 0, 64)
	return out
}

// blockWords runs a group kernel over counters d0..d1-1 of the block
// prepared in r (in one call, so its loop over groups runs) and returns
// every candidate's first word, indexed by counter within the block.
func (k *planKernel) blockWords(r *runner, d0, d1 uint64) *[4096]uint32 {
	block := new([4096]uint32)
	r.a.out = (*[64]uint32)(unsafe.Pointer(block))
	k.run(&r.a, d0, d1)
	r.a.out = nil
	return block
}

// goKernel is the plan in pure Go, one candidate at a time: Generic.
var goKernel = &planKernel{
	name:   "generic",
	lanes:  1,
	layout: layoutNat,
	start:  func(pos int) int { return pos / 4 },
	run:    goRun,
}

// goRun is what the assembly kernels do, written in Go.
func goRun(a *runArgs, d0, d1 uint64) uint64 {
	t1 := (*[64][80]uint32)(a.t1)
	for i := range a.c {
		a.c[i] = a.c2[i] ^ a.t2[i]
	}
	start := int(a.start)
	for d := d0; d < d1; d++ {
		h0 := a.mid0 + goA80(&a.state, &a.c, &t1[d], start)
		if a.out != nil {
			a.out[d] = h0
			continue
		}
		if h0&a.mask == 0 {
			return d<<16 | 1
		}
	}
	return 0
}
