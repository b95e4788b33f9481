package search

import "golang.org/x/sys/cpu"

//go:generate go run gen.go

// hasSHA reports the SHA extensions (CPUID leaf 7, EBX bit 29), which
// golang.org/x/sys/cpu does not expose on x86.
func hasSHA() bool { return cpuid7ebx()&(1<<29) != 0 }

func cpuid7ebx() uint32

//go:noescape
func shaniRun(a *runArgs, d0, d1 uint64) uint64

// shaniKernel interleaves four candidates through the SHA instructions.
// SHA1RNDS4 does four rounds in one instruction but takes six cycles before
// its result can be used; with four independent candidates the unit starts a
// new one every other cycle instead of waiting. Rounds advance four at a time,
// so the shared prefix ends at the group of four words holding the last digit.
var shaniKernel = &asmKernel{
	name:  "sha-ni",
	lanes: 4,
	rev:   true,
	start: func(pos int) int { return 4 * (pos / 16) },
	run:   shaniRun,
}

//go:noescape
func avx512Run(a *runArgs, d0, d1 uint64) uint64

//go:noescape
func avx2Run(a *runArgs, d0, d1 uint64) uint64

// The multi-message kernels run one candidate per 32-bit lane. Each round
// of SHA-1 is a handful of vector instructions, so 16 (or 8) candidates take
// little more time than one; the rounds before the last digit's word are
// shared, the round granularity is one word.
var avx512Kernel = &asmKernel{
	name:  "avx512",
	lanes: 16,
	start: func(pos int) int { return pos / 4 },
	run:   avx512Run,
}

var avx2Kernel = &asmKernel{
	name:  "avx2",
	lanes: 8,
	start: func(pos int) int { return pos / 4 },
	run:   avx2Run,
}

// amd64Kernels lists the assembly kernels this CPU runs, fastest first.
// The SHA-NI kernel also uses AVX2 for its bookkeeping.
func amd64Kernels() []Kernel {
	var ks []Kernel
	if hasSHA() && cpu.X86.HasAVX2 {
		ks = append(ks, shaniKernel)
	}
	if cpu.X86.HasAVX512F {
		ks = append(ks, avx512Kernel)
	}
	if cpu.X86.HasAVX2 {
		ks = append(ks, avx2Kernel)
	}
	return ks
}

func init() {
	available = append(amd64Kernels(), available...)
}
