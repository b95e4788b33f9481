//go:build linux

package milter_test

import (
	"bufio"
	"io"
	"net"
	"testing"
	"time"

	"github.com/postage-mail/postage/milter"
)

// TestQuickAckSparesNagleWait is the MTA's pattern: two small writes (a
// command the milter does not answer, then one it does) with Nagle's
// algorithm on, as Postfix's milter sockets have it. The second write waits
// until the first is acknowledged; a receiver that delays its ACK makes
// every such exchange take 40 ms. Through QuickAckReader it takes far less
// (the fastest of several rounds, so that a busy machine does not decide).
func TestQuickAckSparesNagleWait(t *testing.T) {
	fastest := nagleRounds(t, milter.QuickAckReader)
	if fastest > 20*time.Millisecond {
		t.Fatalf("the fastest write-write-read exchange took %v: the milter's ACK was delayed", fastest)
	}
	t.Logf("fastest exchange %v", fastest)
}

// nagleRounds runs exchanges over one loopback connection whose server
// reads through wrap, and returns the fastest.
func nagleRounds(t *testing.T, wrap func(net.Conn) io.Reader) time.Duration {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		r := bufio.NewReader(wrap(c))
		var b [2]byte
		for {
			// Two one-byte commands, then one reply.
			if _, err := io.ReadFull(r, b[:]); err != nil {
				return
			}
			if _, err := c.Write([]byte{'c'}); err != nil {
				return
			}
		}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.(*net.TCPConn).SetNoDelay(false); err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(30 * time.Second))
	fastest := time.Hour
	var reply [1]byte
	for i := range 24 {
		t0 := time.Now()
		if _, err := c.Write([]byte{'a'}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Write([]byte{'b'}); err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadFull(c, reply[:]); err != nil {
			t.Fatal(err)
		}
		// The first exchanges of a connection are acknowledged at
		// once anyway (the kernel's initial quick-ACK mode).
		if d := time.Since(t0); i >= 16 && d < fastest {
			fastest = d
		}
	}
	return fastest
}
