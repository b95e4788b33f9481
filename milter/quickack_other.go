//go:build !linux

package milter

import (
	"io"
	"net"
)

// QuickAckReader returns c: TCP_QUICKACK is Linux's (see quickack_linux.go).
func QuickAckReader(c net.Conn) io.Reader { return c }
