//go:build !linux

package agent

import "os"

func noCOW(*os.File) {}

func fdatasync(f *os.File) error { return f.Sync() }
