//go:build !amd64

package search

import "testing"

// Only amd64 has assembly kernels; the portable ones are checked through
// Search.
func checkAsmFirstWords(t *testing.T, prefix []byte, width int, n uint64) {}
