//go:build unix

package redistest

import "syscall"

// interrupt makes redis-server shut down cleanly.
var interrupt = syscall.SIGTERM
