//go:build !amd64

package search

import "golang.org/x/sys/cpu"

// cryptoSHA1InHardware reports whether crypto/sha1 uses SHA-1 instructions
// on this CPU (it does on arm64 and s390x when they have them).
func cryptoSHA1InHardware() bool { return cpu.ARM64.HasSHA1 || cpu.S390X.HasSHA1 }
