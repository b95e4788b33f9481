//go:build fault

package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFaultChainHung: the chain's process stops answering (SIGSTOP) while
// the milter runs. A message becomes temperror within the reader's bound
// (2 s per call), far under milter.timeout (20 s); postage_chain_connected
// drops at once; a deposit the milter passed from its cache before is not
// passed from the cache once the chain is known down. After SIGCONT the
// messages pass again.
func TestFaultChainHung(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	metricsAddr := loopback(freePort(t))
	h, ch, m, copies := chainAndMilter(ctx, t, "20s", metricsAddr)
	connected := func() string {
		resp, err := http.Get("http://" + metricsAddr + "/metrics")
		if err != nil {
			return "unreachable"
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		for _, line := range strings.Split(string(body), "\n") {
			if strings.HasPrefix(line, "postage_chain_connected ") {
				return strings.TrimPrefix(line, "postage_chain_connected ")
			}
		}
		return "absent"
	}
	check := func(rcpt string) (string, time.Duration) {
		t.Helper()
		v, _, took := checkCopy(t, h, rcpt)
		return v, took
	}
	deadline := time.Now().Add(time.Minute)
	for connected() != "1" {
		if time.Now().After(deadline) {
			t.Fatalf("postage_chain_connected is %s a minute after start", connected())
		}
		time.Sleep(200 * time.Millisecond)
	}
	// alice's deposit is read (and cached) with the chain up.
	if v, _ := check(copies[0]); !strings.HasPrefix(v, "pass rcpt="+copies[0]+" stake=pass") {
		t.Fatalf("with the chain up: %q, want a stake pass", v)
	}

	// The chain hangs.
	if err := ch.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	resumed := false
	defer func() {
		if !resumed {
			ch.cmd.Process.Signal(syscall.SIGCONT)
		}
	}()
	// Wait until the kernel reports it stopped (state T), then a little
	// for answers already written to drain.
	stopBy := time.Now().Add(5 * time.Second)
	for {
		st, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", ch.cmd.Process.Pid))
		if err == nil && strings.Fields(string(st))[2] == "T" {
			break
		}
		if time.Now().After(stopBy) {
			t.Fatalf("the chain process did not stop after SIGSTOP: %s %v", st, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	v, took := check(copies[1])
	if !strings.HasPrefix(v, "temperror rcpt="+copies[1]) || !strings.Contains(v, "stake=chain-unavailable") {
		t.Fatalf("with the chain hung: %q, want temperror stake=chain-unavailable", v)
	}
	if took > 4*time.Second {
		t.Fatalf("the temperror took %v, want within the 2 s bound per call (milter.timeout is 20 s)", took)
	}
	t.Logf("chain hung: %q in %v", v, took.Round(time.Millisecond))
	if c := connected(); c != "0" {
		t.Errorf("postage_chain_connected %s right after a call to the hung chain failed, want 0", c)
	}
	// alice's deposit is in the cache, but the chain is known down: the
	// same message again is not passed from the cache, and answers at once.
	v, took = check(copies[0])
	if strings.HasPrefix(v, "pass") || !strings.Contains(v, "stake=chain-unavailable") {
		t.Fatalf("cached deposit with the chain known down: %q, want temperror", v)
	}
	if took > time.Second {
		t.Errorf("with the chain known down a check took %v, want at once", took)
	}

	if err := ch.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	resumed = true
	deadline = time.Now().Add(time.Minute)
	for {
		v, _ := check(copies[1])
		if strings.HasPrefix(v, "pass rcpt="+copies[1]+" stake=pass") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a minute after SIGCONT: %q, want a stake pass", v)
		}
		time.Sleep(time.Second)
	}
	if c := connected(); c != "1" {
		t.Errorf("postage_chain_connected %s after the chain answered again", c)
	}
	if code := m.stop(); code != 0 {
		t.Fatalf("milter exit %d after SIGTERM:\n%s", code, m.out.String())
	}
}
