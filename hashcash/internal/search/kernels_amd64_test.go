package search

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// The generator (gen.go) hard-codes these offsets into the assembly.
func TestRunArgsLayout(t *testing.T) {
	var a runArgs
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"c", unsafe.Offsetof(a.c), 0},
		{"state", unsafe.Offsetof(a.state), 320},
		{"mid0", unsafe.Offsetof(a.mid0), 340},
		{"mask", unsafe.Offsetof(a.mask), 344},
		{"start", unsafe.Offsetof(a.start), 348},
		{"c2", unsafe.Offsetof(a.c2), 352},
		{"t2", unsafe.Offsetof(a.t2), 360},
		{"t1", unsafe.Offsetof(a.t1), 368},
		{"out", unsafe.Offsetof(a.out), 376},
		{"ck", unsafe.Offsetof(a.ck), 384},
		{"ck80", unsafe.Offsetof(a.ck80), 448},
		{"u", unsafe.Offsetof(a.u), 768},
		{"t2tab", unsafe.Offsetof(a.t2tab), 1152},
		{"t2step", unsafe.Offsetof(a.t2step), 1160},
		{"word", unsafe.Offsetof(a.word), 1168},
		{"v", unsafe.Offsetof(a.v), 1172},
		{"gbuf", unsafe.Offsetof(a.gbuf), 5524},
	} {
		if c.got != c.want {
			t.Errorf("runArgs.%s at offset %d, the assembly reads %d", c.name, c.got, c.want)
		}
	}
}

// The kernels offered must match the CPU's features as the kernel (Linux)
// reports them, an independent reading of CPUID.
func TestDetectionMatchesCPUInfo(t *testing.T) {
	info, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Skipf("no /proc/cpuinfo on this system: %v", err)
	}
	var flags []string
	for line := range strings.Lines(string(info)) {
		if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "flags" {
			flags = strings.Fields(value)
			break
		}
	}
	if flags == nil {
		t.Fatal("no flags line in /proc/cpuinfo")
	}
	has := func(f string) bool { return slices.Contains(flags, f) }
	for _, c := range []struct {
		kernel string
		want   bool
	}{
		{"sha-ni", has("sha_ni") && has("avx2")},
		{"avx512", has("avx512f")},
		{"avx512v1", has("avx512f")},
		{"avx2", has("avx2")},
		{"avx2v1", has("avx2")},
		{"stdlib", true},
		{"generic", true},
	} {
		if _, ok := ByName(c.kernel); ok != c.want {
			t.Errorf("kernel %s offered: %v, /proc/cpuinfo says %v", c.kernel, ok, c.want)
		}
	}
}
