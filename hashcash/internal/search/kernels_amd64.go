package search

import "golang.org/x/sys/cpu"

//go:generate go run gen.go

// hasSHA reports the SHA extensions (CPUID leaf 7, EBX bit 29), which
// golang.org/x/sys/cpu does not expose on x86. They use the XMM registers,
// which every amd64 operating system saves.
func hasSHA() bool {
	if maxLeaf, _, _, _ := cpuid(0, 0); maxLeaf < 7 {
		return false
	}
	_, b, _, _ := cpuid(7, 0)
	return b&(1<<29) != 0
}

func cpuid(leaf, sub uint32) (a, b, c, d uint32)

// cryptoSHA1InHardware reports whether crypto/sha1 uses SHA-NI here.
func cryptoSHA1InHardware() bool { return hasSHA() }

//go:noescape
func shaniRun(a *runArgs, d0, d1 uint64) uint64

// shaniKernel interleaves four candidates through the SHA instructions.
// SHA1RNDS4 does four rounds in one instruction but takes six cycles before
// its result can be used; with four independent candidates the unit starts a
// new one every other cycle instead of waiting. Rounds advance four at a time,
// so the shared prefix ends at a group boundary.
var shaniKernel = &planKernel{
	name:   "sha-ni",
	lanes:  4,
	layout: layoutRev,
	start:  func(pos int) int { return 4 * (pos / 16) },
	run:    shaniRun,
}

//go:noescape
func avx512Run(a *runArgs, d0, d1 uint64) uint64

//go:noescape
func avx2Run(a *runArgs, d0, d1 uint64) uint64

//go:noescape
func avx512v1Run(a *runArgs, d0, d1 uint64) uint64

//go:noescape
func avx2v1Run(a *runArgs, d0, d1 uint64) uint64

// The multi-message kernels run one candidate per 32-bit lane: one stream
// of vector instructions hashes 16 (or 8) candidates side by side. Rounds go
// one at a time, so the shared prefix can end at any word.
//
// avx512 and avx2 are the group kernels (gen.go, grouped): the loop over
// the groups of 64 is in assembly, the code is specialised for the word
// of the last digit (rounds whose word does not depend on it take one
// shared word), the rounds before the digit reaches every working
// variable run once per group, and AVX-512 keeps two batches of 16 in
// flight. avx512v1 and avx2v1 are the kernels before that, one batch and
// one call per group of 64, kept to measure the difference.
var avx512Kernel = &planKernel{
	name:   "avx512",
	lanes:  32,
	layout: layoutTr,
	start:  func(pos int) int { return pos / 4 },
	run:    avx512Run,
	group:  true,
}

var avx2Kernel = &planKernel{
	name:   "avx2",
	lanes:  8,
	layout: layoutTr,
	start:  func(pos int) int { return pos / 4 },
	run:    avx2Run,
	group:  true,
}

var avx512v1Kernel = &planKernel{
	name:   "avx512v1",
	lanes:  16,
	layout: layoutTr,
	start:  func(pos int) int { return pos / 4 },
	run:    avx512v1Run,
}

var avx2v1Kernel = &planKernel{
	name:   "avx2v1",
	lanes:  8,
	layout: layoutTr,
	start:  func(pos int) int { return pos / 4 },
	run:    avx2v1Run,
}

// amd64Kernels lists the assembly kernels this CPU runs, fastest first.
//
// The order is measured, not assumed (BenchmarkKernel, MH/s-cpu, on an AMD
// EPYC Zen 4): AVX-512 about 170 million hashes a second per core, SHA-NI
// about 92, AVX2 about 100, crypto/sha1 17, pure Go 10.5. SHA-NI would win if SHA1RNDS4
// were cheap, but it occupies its unit for two cycles per four rounds,
// while 16 lanes of VPROLD/VPTERNLOGD/VPADDD do 16 rounds in about five.
// SHA-NI stays ahead of AVX2, its equal here, because on CPUs without
// AVX-512 the SHA unit is usually the stronger part. The SHA-NI kernel also
// uses AVX2 instructions for its bookkeeping, so it needs both.
func amd64Kernels() []Kernel {
	var ks []Kernel
	if cpu.X86.HasAVX512F {
		ks = append(ks, avx512Kernel, avx512v1Kernel)
	}
	if hasSHA() && cpu.X86.HasAVX2 {
		ks = append(ks, shaniKernel)
	}
	if cpu.X86.HasAVX2 {
		ks = append(ks, avx2Kernel, avx2v1Kernel)
	}
	return ks
}

func init() {
	available = append(amd64Kernels(), available...)
}
