package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
)

// faultHome is a data directory for the fault tests: the embedded chain in
// <home>/chain on free loopback ports, 8-bit work stamps, and a fake MTA
// that files each copy under <home>/out/<recipient>.eml.
type faultHome struct {
	home, out, chainAddr, relayAddr, milterAddr string
}

func newFaultHome(t *testing.T, extra string) *faultHome {
	t.Helper()
	h := &faultHome{home: t.TempDir()}
	h.out = filepath.Join(h.home, "out")
	if err := os.MkdirAll(h.out, 0o700); err != nil {
		t.Fatal(err)
	}
	sendmail := filepath.Join(h.home, "fake-sendmail")
	// send.sendmail is a command line: the MTA gets "-C <dir>" first.
	script := "#!/bin/sh\n[ \"$1 $2\" = \"-C " + h.out + "\" ] || { echo \"want -C first: $*\" >&2; exit 1; }\n" +
		"for a; do last=$a; done\ncat > " + h.out + "/$last.eml\n"
	if err := os.WriteFile(sendmail, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	h.chainAddr = loopback(freePort(t))
	h.relayAddr = loopback(freePort(t))
	h.milterAddr = loopback(freePort(t))
	writeConfig(t, h.home, "postage.toml", fmt.Sprintf(`[chain]
listen = %q
[policy.work]
bits = 8
[send]
bits = 8
sendmail = %q
[milter]
listen = "inet:%s"
[metrics]
listen = %q
[relay]
listen = %q
bits = 8
%s`, h.chainAddr, sendmail+" -C "+h.out, h.milterAddr, loopback(freePort(t)), h.relayAddr, extra))
	return h
}

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

// runResult is a postage command's outcome.
type runResult struct {
	code           int
	stdout, stderr string
}

func (h *faultHome) run(ctx context.Context, stdin string, args ...string) runResult {
	cmd := postageCmd(ctx, args...)
	cmd.Env = append(cmd.Env, "POSTAGE_HOME="+h.home)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return runResult{exitCode(err), out.String(), errb.String()}
}

var (
	depositLine = regexp.MustCompile(`deposit (0x[0-9a-f]{64}) for \d+ recipients`)
	burnLine    = regexp.MustCompile(`burned leaf \d+ of deposit (0x[0-9a-f]{64})`)
)

func stakeMessage(round int, who ...string) string {
	var to []string
	for _, w := range who {
		to = append(to, fmt.Sprintf("%s%d@example.com", w, round))
	}
	return fmt.Sprintf("From: sender@example.net\nTo: %s\nSubject: round %d\nMessage-ID: <r%d.%s@example.net>\n\nhello\n",
		strings.Join(to, ", "), round, round, who[0])
}

// TestKill9Rounds: ten rounds of kill -9, alternately of `postage chain`
// and of `postage serve`, each right after a deposit and a burn were
// reported mined and while another deposit is in flight. After every
// restart the chain starts, and every deposit and burn a command reported
// as mined is on chain; no start reports lost blocks.
func TestKill9Rounds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	h := newFaultHome(t, "")
	deposits := map[common.Hash]bool{} // id -> a burn of it was reported
	var contract common.Address
	for round := range 10 {
		var d *daemon
		if round%2 == 0 {
			d = startDaemon(t, h.home, "chain")
			d.waitLog(`running: rpc`, 2*time.Minute)
		} else {
			d = startDaemon(t, h.home, "serve")
			d.waitLog(`embedded chain running`, 2*time.Minute)
		}
		if strings.Contains(d.out.String(), "lost blocks") {
			t.Fatalf("round %d: the chain reports lost blocks:\n%s", round, d.out.String())
		}
		dep, err := devnet.ReadDeployment(filepath.Join(h.home, "chain"))
		if err != nil {
			t.Fatal(err)
		}
		if round == 0 {
			contract = dep.Contract
		} else if dep.Contract != contract {
			t.Fatalf("round %d: contract moved from %s to %s", round, contract, dep.Contract)
		}
		ec, _, err := chain.Dial(ctx, "http://"+h.chainAddr, nil)
		if err != nil {
			t.Fatal(err)
		}
		c := chain.NewContract(ec, contract)
		for id, burned := range deposits {
			got, err := c.ReadDeposit(ctx, id, nil)
			if err != nil || got.Status != chain.StatusActive {
				t.Fatalf("round %d: deposit %s reported mined is not on chain after restart: %+v, %v", round, id, got, err)
			}
			if burned && got.BurnedLeaves != 1 {
				t.Fatalf("round %d: the burn of deposit %s reported mined is not on chain after restart: %d burned leaves", round, id, got.BurnedLeaves)
			}
		}
		ec.Close()

		// A deposit and a burn, reported mined.
		r := h.run(ctx, stakeMessage(round, "alice", "bob"), "sendmail", "-t", "-f", "sender@example.net")
		m := depositLine.FindStringSubmatch(r.stderr)
		if r.code != 0 || m == nil {
			t.Fatalf("round %d: sendmail exit %d:\n%s", round, r.code, r.stderr)
		}
		deposits[common.HexToHash(m[1])] = false
		rcpt := fmt.Sprintf("alice%d@example.com", round)
		copyMsg, err := os.ReadFile(filepath.Join(h.out, rcpt+".eml"))
		if err != nil {
			t.Fatal(err)
		}
		r = h.run(ctx, string(copyMsg), "punish", "--rcpt", rcpt)
		b := burnLine.FindStringSubmatch(r.stderr)
		if r.code != 0 || b == nil || b[1] != m[1] {
			t.Fatalf("round %d: punish exit %d:\n%s", round, r.code, r.stderr)
		}
		deposits[common.HexToHash(b[1])] = true

		// Another deposit in flight when the process dies: kept only if
		// its command reported it.
		// (A command whose transaction died with the chain waits for its
		// receipt until its own timeout: it is stopped 10 s after the kill,
		// never having reported.)
		inflight := make(chan runResult, 1)
		fctx, fcancel := context.WithCancel(ctx)
		go func() {
			inflight <- h.run(fctx, stakeMessage(round, "carol"), "sendmail", "-t", "-f", "sender@example.net")
		}()
		time.Sleep(time.Duration(300*(round%5)) * time.Millisecond)
		d.kill9()
		select {
		case r := <-inflight:
			if m := depositLine.FindStringSubmatch(r.stderr); r.code == 0 && m != nil {
				deposits[common.HexToHash(m[1])] = false
			}
		case <-time.After(10 * time.Second):
			fcancel()
			<-inflight
		}
		fcancel()
	}
	// A last clean start: everything is there.
	d := startDaemon(t, h.home, "chain")
	d.waitLog(`running: rpc`, 2*time.Minute)
	ec, _, err := chain.Dial(ctx, "http://"+h.chainAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	for id, burned := range deposits {
		got, err := chain.NewContract(ec, contract).ReadDeposit(ctx, id, nil)
		if err != nil || got.Status != chain.StatusActive || (burned && got.BurnedLeaves != 1) {
			t.Fatalf("deposit %s after the rounds: %+v, %v (burn reported: %v)", id, got, err, burned)
		}
	}
	if len(deposits) < 10 {
		t.Fatalf("only %d deposits reported in 10 rounds", len(deposits))
	}
	if code := d.stop(); code != 0 {
		t.Fatalf("clean stop exit %d", code)
	}
}
