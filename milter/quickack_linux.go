//go:build linux

package milter

import (
	"io"
	"net"
	"syscall"
)

// QuickAckReader reads c and, on TCP, acknowledges what it read at once
// (TCP_QUICKACK), instead of letting the kernel delay the ACK for up to
// 40 ms in the hope of a reply to carry it.
//
// The MTA sends most milter commands without waiting for a reply (the
// SMFIP_NR_* flags and the skipped events), so the milter often has
// nothing to send back, and Postfix's milter sockets use Nagle's
// algorithm: its next small write waits until the previous one is
// acknowledged. Without this, each message can wait for a delayed ACK
// (smtpd's envelope macros, then cleanup's header and end of message),
// which costs Postfix throughput without costing anyone CPU. The kernel
// leaves quick-ACK mode again by itself, so it is set after every read
// that returned data. Unix sockets have no such delay.
func QuickAckReader(c net.Conn) io.Reader {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return c
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return c
	}
	return &quickAckReader{c: tc, rc: rc}
}

type quickAckReader struct {
	c  *net.TCPConn
	rc syscall.RawConn
}

func (q *quickAckReader) Read(p []byte) (int, error) {
	n, err := q.c.Read(p)
	if n > 0 {
		q.rc.Control(func(fd uintptr) {
			// Best effort: without it the ACK is only later.
			_ = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_QUICKACK, 1)
		})
	}
	return n, err
}
