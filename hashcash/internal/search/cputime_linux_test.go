package search

import (
	"time"

	"golang.org/x/sys/unix"
)

// threadCPU is the CPU time the calling thread has used. On a machine other
// processes share, a benchmark's wall-clock rate drops whenever the
// scheduler runs someone else; its rate per CPU second does not.
func threadCPU() (time.Duration, bool) { return clock(unix.CLOCK_THREAD_CPUTIME_ID) }

// processCPU is the CPU time all the process's threads have used.
func processCPU() (time.Duration, bool) { return clock(unix.CLOCK_PROCESS_CPUTIME_ID) }

func clock(id int32) (time.Duration, bool) {
	var ts unix.Timespec
	if err := unix.ClockGettime(id, &ts); err != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
