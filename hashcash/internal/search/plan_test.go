package search

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// planKernels returns the kernels of the plan this machine runs: the
// assembly ones and the pure-Go one behind Generic.
func planKernels() []*planKernel {
	var ks []*planKernel
	for _, k := range All() {
		switch k := k.(type) {
		case *planKernel:
			ks = append(ks, k)
		case Generic:
			ks = append(ks, goKernel)
		}
	}
	return ks
}

// firstWordsRef hashes the 64 stamps prefix‖counter for counters n&^63..n|63
// with crypto/sha1 and returns each digest's first word.
func firstWordsRef(prefix []byte, width int, n uint64) (out [64]uint32) {
	stamp := make([]byte, len(prefix)+width)
	copy(stamp, prefix)
	for d := range uint64(64) {
		PutCounter(stamp[len(prefix):], n&^63|d, width)
		sum := sha1.Sum(stamp)
		out[d] = binary.BigEndian.Uint32(sum[:])
	}
	return out
}

// randomCounter picks a counter, often near the points where digits other
// than the last roll over, and sometimes beyond what the width holds (the
// digits then wrap, as PutCounter writes them).
func randomCounter(r *rand.Rand, width int) uint64 {
	switch r.IntN(4) {
	case 0:
		return r.Uint64()
	case 1:
		return uint64(1)<<(6*min(width, 10))*uint64(r.IntN(3)) - uint64(r.IntN(128))
	default:
		return r.Uint64N(1 << (6 * min(width, 10)))
	}
}

// Every candidate's first state word, hit or not, against crypto/sha1.
func TestFirstWordsMatchCryptoSHA1(t *testing.T) {
	ks := planKernels()
	jobs := 16384 // 64 candidates each: about a million per kernel
	if testing.Short() {
		jobs = 600
	}
	for _, k := range ks {
		t.Run(k.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(5, uint64(len(k.name))))
			checked := 0
			for range jobs {
				prefixLen, width := randomLayout(r)
				j, prefix := newJob(r, prefixLen, width, 1+r.IntN(160))
				n := randomCounter(r, width)
				got := k.firstWords(j, n)
				want := firstWordsRef(prefix, width, n)
				if got != want {
					for d := range got {
						if got[d] != want[d] {
							t.Fatalf("prefix %d bytes, width %d, counter %d: first word %08x, crypto/sha1 %08x",
								prefixLen, width, n&^63|uint64(d), got[d], want[d])
						}
					}
				}
				checked += 64
			}
			t.Logf("%d candidates checked", checked)
		})
	}
}

// Candidates whose first word passes but whose digest falls short must not
// be reported, and the search must go on past them. Such candidates cannot
// be made on purpose (that would take 2^32 tries), so the test clears the
// kernel's mask: every candidate then passes the first-word test and Go's
// confirmation alone decides.
func TestConfirmRejectsFirstWordPasses(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for _, k := range planKernels() {
		for _, bits := range []int{8, 12, 40} {
			prefixLen, width := randomLayout(r)
			j, prefix := newJob(r, prefixLen, width, bits)
			start, count := r.Uint64N(1<<20), uint64(3000)
			wantN, wantOK := firstHitRef(prefix, width, bits, start, count)
			run := newRunner(k, j)
			run.a.mask = 0
			n, ok := run.search(start, count)
			if n != wantN || ok != wantOK {
				t.Errorf("%s, %d bits, counters %d+%d: got (%d, %v), crypto/sha1 (%d, %v)",
					k.name, bits, start, count, n, ok, wantN, wantOK)
			}
		}
	}
}

// checkFirstWords compares every candidate's first word for the run of
// counters around n with crypto/sha1, for each assembly kernel.
func checkFirstWords(t *testing.T, prefix []byte, width int, n uint64) {
	t.Helper()
	want := firstWordsRef(prefix, width, n)
	for _, k := range planKernels() {
		if got := k.firstWords(jobFor(prefix, width, 1), n); got != want {
			t.Fatalf("%s: prefix %q, width %d, counters around %d: first words\n%08x\ncrypto/sha1\n%08x", k.name, prefix, width, n, got, want)
		}
	}
}

// The committed kernels must be what gen.go writes: a kernel edited by hand
// or a generator change not regenerated would otherwise go unnoticed.
func TestGeneratedCode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the generator")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "gen.go", "-out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run gen.go: %v\n%s", err, out)
	}
	for _, name := range []string{"shani_amd64.s", "avx512_amd64.s", "avx2_amd64.s", "avx512v1_amd64.s", "avx2v1_amd64.s", "generic_rounds.go"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what gen.go writes: run go generate", name)
		}
	}
}

// Every position of the last digit in the block, with one, two and more
// digits: the group kernels have one copy of their code per word of the
// last digit, and another for a second-to-last digit in the word before
// it (gen.go: splitWords), so each copy is checked here by name rather
// than left to the random layouts above.
func TestFirstWordsEveryDigitPosition(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for _, k := range planKernels() {
		t.Run(k.name, func(t *testing.T) {
			for last := range 55 {
				for _, width := range []int{1, 2, 3, 7} {
					if last+1 < width {
						continue
					}
					prefixLen := 64*r.IntN(2) + last + 1 - width
					j, prefix := newJob(r, prefixLen, width, 1+r.IntN(40))
					for range 3 {
						n := randomCounter(r, width)
						if got, want := k.firstWords(j, n), firstWordsRef(prefix, width, n); got != want {
							t.Fatalf("last digit at byte %d, width %d, counter %d: first words\n%08x\ncrypto/sha1\n%08x", last, width, n, got, want)
						}
					}
				}
			}
		})
	}
}

// The group kernels loop over the groups of a block themselves, and the
// split AVX-512 one prepares each group's table while the group before it
// runs: every candidate of whole blocks, and of calls that start or end
// in the middle of a group, against crypto/sha1.
func TestGroupKernelsWholeBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for _, k := range planKernels() {
		if !k.group {
			continue
		}
		t.Run(k.name, func(t *testing.T) {
			for i := range 24 {
				width := 2 + r.IntN(6)
				last := 52 // the split copy, where the minter puts the last digit
				if i%3 == 2 {
					last = width - 1 + r.IntN(55-width+1)
				}
				prefixLen := 64*r.IntN(2) + last + 1 - width
				j, prefix := newJob(r, prefixLen, width, 1+r.IntN(40))
				n := randomCounter(r, width) &^ 4095
				d0, d1 := uint64(0), uint64(4096)
				if i%2 == 1 {
					d0 = uint64(r.IntN(128)) * uint64(k.lanes) % 4096
					d1 = d0 + uint64(k.lanes)*uint64(1+r.IntN(4096/k.lanes-int(d0)/k.lanes))
				}
				run := newRunner(k, j)
				run.prepare(n)
				got := k.blockWords(run, d0, d1)
				stamp := make([]byte, len(prefix)+width)
				copy(stamp, prefix)
				for d := d0; d < d1; d++ {
					PutCounter(stamp[len(prefix):], n+d, width)
					sum := sha1.Sum(stamp)
					if want := binary.BigEndian.Uint32(sum[:]); got[d] != want {
						t.Fatalf("last digit at byte %d, width %d, block %d, counters %d..%d: counter %d: first word %08x, crypto/sha1 %08x",
							last, width, n, d0, d1, n+d, got[d], want)
					}
				}
			}
		})
	}
}
