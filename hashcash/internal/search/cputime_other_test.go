//go:build !linux

package search

import "time"

// threadCPU is not measured outside Linux; benchmarks then report only the
// wall-clock rate.
func threadCPU() (time.Duration, bool) { return 0, false }

func processCPU() (time.Duration, bool) { return 0, false }
