// Package redistest runs a real redis-server for tests: on a free loopback
// port, with its files in a temporary directory, stopped when the test
// ends. A missing redis-server fails the test with how to install it.
package redistest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// Start runs redis-server for the rest of the test and returns its URL
// (redis://127.0.0.1:PORT/0).
func Start(t testing.TB) string {
	t.Helper()
	return StartServer(t).URL
}

// Server is a running redis-server.
type Server struct {
	URL     string
	Process *os.Process // to stop (SIGSTOP) and resume it in fault tests
}

// StartServer is Start, also giving the process.
func StartServer(t testing.TB) *Server {
	t.Helper()
	return start(t, freePort(t), t.TempDir(), "--save", "", "--appendonly", "no")
}

// FreePort is a loopback port nothing listens on now.
func FreePort(t testing.TB) int { return freePort(t) }

// StartDurable runs redis-server as a durable spent store must be run:
// appendonly with an fsync before every reply. dir and port are the
// caller's, so that a test can kill the server and start it again on
// the same files and address.
func StartDurable(t testing.TB, dir string, port int) *Server {
	t.Helper()
	return start(t, port, dir, "--save", "", "--appendonly", "yes", "--appendfsync", "always")
}

func start(t testing.TB, port int, dir string, persistence ...string) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatal("redis-server is not installed; install it with: apt-get install redis-server (.ci/setup does)")
	}
	var out bytes.Buffer
	args := append([]string{"--bind", "127.0.0.1", "--port", strconv.Itoa(port)}, persistence...)
	args = append(args, "--dir", dir, "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning")
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start redis-server: %v", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		resume(cmd.Process) // a test may leave it stopped
		cmd.Process.Signal(interrupt)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		if ping(addr) {
			return &Server{URL: fmt.Sprintf("redis://%s/0", addr), Process: cmd.Process}
		}
		select {
		case <-done:
			t.Fatalf("redis-server exited at start: %s", out.String())
		case <-ctx.Done():
			t.Fatalf("redis-server did not answer on %s within 10s: %s", addr, out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// ping sends an inline PING and waits for +PONG.
func ping(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return false
	}
	buf := make([]byte, 7)
	n, _ := c.Read(buf)
	return string(buf[:n]) == "+PONG\r\n"
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
