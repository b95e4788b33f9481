package search

// available lists the kernels this build and CPU can run, fastest first.
// Architecture-specific files add theirs in init.
var available = []Kernel{Stdlib{}, Generic{}}

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
