package devnet

// SetFreeSpace replaces the free-space probe until restore is called; call
// it before Start (the chain's goroutines read it).
func SetFreeSpace(f func(dir string) (int64, error)) (restore func()) {
	old := freeSpaceOf
	freeSpaceOf = f
	return func() { freeSpaceOf = old }
}
