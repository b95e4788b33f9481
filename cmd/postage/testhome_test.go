package main

import (
	"net"
	"os"
	"testing"
	"time"
)

// Set-up shared by the tests that run real daemons beside postage.

// dcFreePort is a loopback port nothing listens on now.
var dcFreePort = freePort

// dcWriteFile writes a file with exactly mode (whatever the umask).
func dcWriteFile(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// dcWaitListening waits (at most within) until addr accepts connections.
func dcWaitListening(t *testing.T, addr string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("nothing listens on %s after %v: %v", addr, within, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
