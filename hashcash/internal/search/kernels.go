package search

// available lists the kernels this build and CPU can run, fastest first.
// Architecture-specific files add theirs in init.
var available = portable()

// portable orders the two kernels that run everywhere. crypto/sha1 wins
// where it uses the CPU's SHA-1 instructions (amd64 with SHA-NI, arm64,
// s390x); elsewhere the plan in Go beats the library's block function and
// its per-try state copies (386 here: 7.8 against 5.3 million a second).
func portable() []Kernel {
	if cryptoSHA1InHardware() {
		return []Kernel{Stdlib{}, Generic{}}
	}
	return []Kernel{Generic{}, Stdlib{}}
}

// All returns every kernel that runs on this machine, fastest first.
func All() []Kernel { return append([]Kernel(nil), available...) }

// Best returns the fastest kernel that runs on this machine.
func Best() Kernel { return available[0] }

// ByName returns the named kernel if it runs on this machine.
func ByName(name string) (Kernel, bool) {
	for _, k := range available {
		if k.Name() == name {
			return k, true
		}
	}
	return nil, false
}
