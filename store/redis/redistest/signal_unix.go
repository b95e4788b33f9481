//go:build unix

package redistest

import (
	"os"
	"syscall"
)

// interrupt makes redis-server shut down cleanly.
var interrupt = syscall.SIGTERM

// resume continues a stopped process.
func resume(p *os.Process) { p.Signal(syscall.SIGCONT) }
