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

// amd64Kernels lists the assembly kernels this CPU runs, fastest first.
// The SHA-NI kernel also uses AVX2 for its bookkeeping.
func amd64Kernels() []Kernel {
	var ks []Kernel
	if hasSHA() && cpu.X86.HasAVX2 {
		ks = append(ks, shaniKernel)
	}
	return ks
}

func init() {
	available = append(amd64Kernels(), available...)
}
