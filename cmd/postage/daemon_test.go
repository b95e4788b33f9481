package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// freePort returns a loopback port nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// lockedBuffer collects a daemon's output for the test to read while it
// runs.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// daemon is a postage process (this test binary as postage) running in the
// background.
type daemon struct {
	t    *testing.T
	name string
	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan struct{}
	err  error
}

// startDaemon runs postage args with POSTAGE_HOME=home until the test ends
// (or stop).
func startDaemon(t *testing.T, home string, args ...string) *daemon {
	t.Helper()
	d := &daemon{t: t, name: strings.Join(args, " "), out: &lockedBuffer{}, done: make(chan struct{})}
	d.cmd = exec.Command(os.Args[0], args...)
	d.cmd.Env = append(os.Environ(), "POSTAGE_TEST_AS_MAIN=1", "POSTAGE_HOME="+home)
	d.cmd.Stdout, d.cmd.Stderr = d.out, d.out
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("start postage %s: %v", d.name, err)
	}
	go func() { d.err = d.cmd.Wait(); close(d.done) }()
	t.Cleanup(func() {
		select {
		case <-d.done:
			return
		default:
		}
		d.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-d.done:
		case <-time.After(40 * time.Second):
			d.cmd.Process.Kill()
			<-d.done
		}
		if t.Failed() {
			t.Logf("postage %s output:\n%s", d.name, d.out.String())
		}
	})
	return d
}

// waitListening waits (bounded) until addr accepts connections.
func (d *daemon) waitListening(addr string, within time.Duration) {
	d.t.Helper()
	deadline := time.Now().Add(within)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		select {
		case <-d.done:
			d.t.Fatalf("postage %s exited (%v) before listening on %s:\n%s", d.name, d.err, addr, d.out.String())
		default:
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("postage %s not listening on %s after %v:\n%s", d.name, addr, within, d.out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop sends SIGTERM and returns the exit code (bounded wait).
func (d *daemon) stop() int {
	d.t.Helper()
	d.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-d.done:
	case <-time.After(40 * time.Second):
		d.cmd.Process.Kill()
		<-d.done
		d.t.Fatalf("postage %s did not stop within 40s of SIGTERM:\n%s", d.name, d.out.String())
	}
	return procExitCode(d.err)
}

// writeConfig writes a postage.toml under home and returns its path.
func writeConfig(t *testing.T, home, name, body string) string {
	t.Helper()
	if err := os.MkdirAll(home, 0o700); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(home, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// runPostage runs a postage command to completion with POSTAGE_HOME=home.
func runPostage(ctx context.Context, t *testing.T, home string, stdin []byte, args ...string) []byte {
	t.Helper()
	cmd := postageCmd(ctx, args...)
	cmd.Env = append(cmd.Env, "POSTAGE_HOME="+home)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("postage %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out
}

func loopback(port int) string { return fmt.Sprintf("127.0.0.1:%d", port) }

// waitLog waits (bounded) for a line matching re in the daemon's output.
func (d *daemon) waitLog(re string, within time.Duration) {
	d.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(within)
	for !rx.MatchString(d.out.String()) {
		select {
		case <-d.done:
			d.t.Fatalf("postage %s exited (%v) before logging %q:\n%s", d.name, d.err, re, d.out.String())
		default:
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("postage %s did not log %q within %v:\n%s", d.name, re, within, d.out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (d *daemon) kill9() {
	d.t.Helper()
	_ = d.cmd.Process.Signal(syscall.SIGKILL)
	select {
	case <-d.done:
	case <-time.After(20 * time.Second):
		d.t.Fatalf("postage %s did not die of SIGKILL", d.name)
	}
}
