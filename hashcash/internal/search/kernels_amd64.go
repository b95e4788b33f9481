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

// The multi-message kernels run one candidate per 32-bit lane: one stream
// of vector instructions hashes 16 (or 8) candidates side by side. Rounds go
// one at a time, so the shared prefix can end at any word.
var avx512Kernel = &planKernel{
	name:   "avx512",
	lanes:  16,
	layout: layoutTr,
	start:  func(pos int) int { return pos / 4 },
	run:    avx512Run,
}

var avx2Kernel = &planKernel{
	name:   "avx2",
	lanes:  8,
	layout: layoutTr,
	start:  func(pos int) int { return pos / 4 },
	run:    avx2Run,
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
		ks = append(ks, avx512Kernel)
	}
	if hasSHA() && cpu.X86.HasAVX2 {
		ks = append(ks, shaniKernel)
	}
	if cpu.X86.HasAVX2 {
		ks = append(ks, avx2Kernel)
	}
	return ks
}

func init() {
	available = append(amd64Kernels(), available...)
}
