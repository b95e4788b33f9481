//go:build fault

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	gomilter "github.com/emersion/go-milter"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/milter/miltertest"
	"github.com/postage-mail/postage/relay"
)

// faultHome is serveHome with the fault tests' configuration: the MTA's
// command line has "-C <out>" first, metrics on a free port, extra
// sections added.
type faultHome = serveHome

func newFaultHome(t *testing.T, extra string) *faultHome {
	t.Helper()
	return newFaultHomeAt(t, t.TempDir(), extra)
}

func newFaultHomeAt(t *testing.T, home, extra string) *faultHome {
	t.Helper()
	h := newServeHome(t, home, true)
	h.writeConfig(t, h.sendmail()+" -C "+h.out, "", loopback(freePort(t)), extra)
	return h
}

var burnLine = regexp.MustCompile(`burned leaf \d+ of deposit (0x[0-9a-f]{64})`)

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
// reported mined (under serve, a second burn through serve's relay; every
// third round a withdrawal started) and while another deposit is in
// flight. After every
// restart the chain starts, and every deposit and burn a command reported
// as mined is on chain; no start reports lost blocks; and at the end the
// relay's records of its burns match the chain.
func TestKill9Rounds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	h := newFaultHome(t, "")
	deposits := map[common.Hash]bool{}    // id -> a burn of it was reported
	burns := map[common.Hash]uint32{}     // id -> leaves reported burned
	withdrawing := map[common.Hash]bool{} // id -> withdraw start reported
	var relayed []string                  // serve's relay's request ids, reported burned
	wantStatus := func(id common.Hash) chain.Status {
		if withdrawing[id] {
			return chain.StatusWithdrawing
		}
		return chain.StatusActive
	}
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
		if strings.Contains(d.out.String(), "lost blocks in a crash") {
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
			if err != nil || got.Status != wantStatus(id) {
				t.Fatalf("round %d: deposit %s reported mined is not on chain after restart: %+v, %v", round, id, got, err)
			}
			if burned && got.BurnedLeaves != burns[id] {
				t.Fatalf("round %d: burns of deposit %s reported mined: %d, on chain after restart: %d", round, id, burns[id], got.BurnedLeaves)
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
		r = h.run(ctx, string(copyMsg), "punish", "--now", "--rcpt", rcpt)
		b := burnLine.FindStringSubmatch(r.stderr)
		if r.code != 0 || b == nil || b[1] != m[1] {
			t.Fatalf("round %d: punish exit %d:\n%s", round, r.code, r.stderr)
		}
		deposits[common.HexToHash(b[1])] = true
		burns[common.HexToHash(b[1])] = 1
		if round%2 == 1 {
			// Under serve: bob's leaf burned through serve's relay (its
			// own account), reported mined by punish --wait.
			bobRcpt := fmt.Sprintf("bob%d@example.com", round)
			bobMsg, err := os.ReadFile(filepath.Join(h.out, bobRcpt+".eml"))
			if err != nil {
				t.Fatal(err)
			}
			d.waitLog(`relay running`, time.Minute)
			r = h.run(ctx, string(bobMsg), "punish", "--relay", "http://"+h.relayAddr, "--now", "--wait", "--timeout", "90s", "--rcpt", bobRcpt)
			if r.code != 0 || !strings.Contains(r.stdout+r.stderr, "tx 0x") {
				t.Fatalf("round %d: punish through the relay exit %d:\n%s%s", round, r.code, r.stdout, r.stderr)
			}
			burns[common.HexToHash(b[1])] = 2
			if m := regexp.MustCompile(`(?m)^request ([0-9a-f]+)$`).FindStringSubmatch(r.stdout); m != nil {
				relayed = append(relayed, m[1])
			} else {
				t.Fatalf("round %d: punish through the relay printed no request id:\n%s", round, r.stdout)
			}
		}
		if round%3 == 2 {
			// A withdrawal started and reported mined: still started after
			// the kill (burns stay possible during the delay).
			id := common.HexToHash(m[1])
			r = h.run(ctx, "", "withdraw", "start", id.Hex())
			if r.code != 0 || !strings.Contains(r.stdout+r.stderr, "withdrawal of deposit "+id.Hex()+" started (tx 0x") {
				t.Fatalf("round %d: withdraw start exit %d:\n%s%s", round, r.code, r.stdout, r.stderr)
			}
			withdrawing[id] = true
		}

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
		if err != nil || got.Status != wantStatus(id) || (burned && got.BurnedLeaves != burns[id]) {
			t.Fatalf("deposit %s after the rounds: %+v, %v (burn reported: %v)", id, got, err, burned)
		}
	}
	if len(deposits) < 10 {
		t.Fatalf("only %d deposits reported in 10 rounds", len(deposits))
	}
	if len(withdrawing) < 3 || len(relayed) < 5 {
		t.Fatalf("the rounds started %d withdrawals and relayed %d burns, want 3 and 5", len(withdrawing), len(relayed))
	}
	if code := d.stop(); code != 0 {
		t.Fatalf("clean stop exit %d", code)
	}
	// serve's relay, started on its records once more, reconciles them
	// with the chain: every burn it reported is burned, in a transaction
	// whose receipt the chain holds.
	d = startDaemon(t, h.home, "serve")
	d.waitLog(`relay running`, 2*time.Minute)
	ec2, _, err := chain.Dial(ctx, "http://"+h.chainAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ec2.Close()
	rc := &relay.Client{URL: "http://" + h.relayAddr}
	for _, id := range relayed {
		st, err := rc.Status(ctx, id)
		if err != nil || st.Status != relay.StateBurned || st.Tx == "" {
			t.Fatalf("relay request %s after the rounds: %+v, %v; want burned with its transaction", id, st, err)
		}
		rcpt, err := ec2.TransactionReceipt(ctx, common.HexToHash(st.Tx))
		if err != nil || rcpt.Status != 1 {
			t.Fatalf("relay request %s: its transaction %s is not on chain: %v", id, st.Tx, err)
		}
	}
	if code := d.stop(); code != 0 {
		t.Fatalf("clean stop of serve exit %d", code)
	}
}

// chainAndMilter starts `postage chain` in a new fault home, makes a
// deposit each for alice0 and bob1 (copies: their addresses), and starts
// `postage milter` accepting stake only, with milter.timeout timeout and
// metrics on metrics ("": none).
func chainAndMilter(ctx context.Context, t *testing.T, timeout, metrics string) (h *faultHome, ch, m *daemon, copies []string) {
	t.Helper()
	h = newFaultHome(t, "")
	ch = startDaemon(t, h.home, "chain")
	ch.waitLog(`running: rpc`, 2*time.Minute)
	for i, who := range []string{"alice", "bob"} {
		r := h.run(ctx, stakeMessage(i, who), "sendmail", "-t", "-f", "sender@example.net")
		if r.code != 0 || !depositLine.MatchString(r.stderr) {
			t.Fatalf("sendmail exit %d:\n%s", r.code, r.stderr)
		}
		copies = append(copies, fmt.Sprintf("%s%d@example.com", who, i))
	}
	mcfg := writeConfig(t, h.home, "milter.toml", fmt.Sprintf(`[chain]
listen = %q
[policy]
accept = ["stake"]
[milter]
listen = "inet:%s"
timeout = %q
[metrics]
listen = %q
`, h.chainAddr, h.milterAddr, timeout, metrics))
	m = startDaemon(t, h.home, "milter", "--config", mcfg)
	m.waitListening(h.milterAddr, time.Minute)
	return h, ch, m, copies
}

// checkCopy sends rcpt's copy (out/<rcpt>.eml) through h's milter: the
// Postage-Result fields, the result, and how long the milter took.
func checkCopy(t *testing.T, h *faultHome, rcpt string) (string, *miltertest.Result, time.Duration) {
	t.Helper()
	s, err := miltertest.Dial("tcp", h.milterAddr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	t0 := time.Now()
	res, err := s.Send(emlMessage(t, filepath.Join(h.out, rcpt+".eml"), rcpt))
	if err != nil {
		t.Fatalf("milter: %v", err)
	}
	return strings.Join(res.Added("Postage-Result"), "|"), res, time.Since(t0)
}

// TestFaultChainDownMidFlight: the chain's RPC goes away while the milter
// runs. A stake-stamped message the milter has not seen before gets
// temperror (stake=chain-unavailable) within milter.timeout and is
// accepted (tagged), not rejected or held; once the chain is back the same
// message passes.
func TestFaultChainDownMidFlight(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	h, ch, m, copies := chainAndMilter(ctx, t, "10s", "")
	check := func(rcpt string) (string, *miltertest.Result, time.Duration) {
		t.Helper()
		return checkCopy(t, h, rcpt)
	}
	if v, _, _ := check(copies[0]); !strings.HasPrefix(v, "pass rcpt="+copies[0]+" stake=pass") {
		t.Fatalf("with the chain up: %q, want a stake pass", v)
	}
	ch.kill9()
	v, res, took := check(copies[1])
	if !strings.HasPrefix(v, "temperror rcpt="+copies[1]) || !strings.Contains(v, "stake=chain-unavailable") {
		t.Fatalf("with the chain down: %q, want temperror stake=chain-unavailable", v)
	}
	if res.Action.Code != gomilter.ActContinue && res.Action.Code != gomilter.ActAccept {
		t.Fatalf("with the chain down the message got %v, want it accepted", res.Action.Code)
	}
	if took > 10*time.Second+2*time.Second {
		t.Fatalf("the temperror took %v, past milter.timeout (10s)", took)
	}
	t.Logf("chain down: %q in %v", v, took)
	ch = startDaemon(t, h.home, "chain")
	ch.waitLog(`running: rpc`, 2*time.Minute)
	deadline := time.Now().Add(time.Minute)
	for {
		v, _, _ := check(copies[1])
		if strings.HasPrefix(v, "pass rcpt="+copies[1]+" stake=pass") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a minute after the chain came back: %q, want a stake pass", v)
		}
		time.Sleep(time.Second)
	}
	if code := m.stop(); code != 0 {
		t.Fatalf("milter exit %d after SIGTERM:\n%s", code, m.out.String())
	}
}

func blockNumber(ctx context.Context, t *testing.T, addr string) uint64 {
	t.Helper()
	ec, _, err := chain.Dial(ctx, "http://"+addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	n, err := ec.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFaultFullDisk: serve's data directory on a small tmpfs that fills
// up. serve does not die: the chain pauses block production and says why,
// the milter keeps answering and tags, a stamp it accepts is one it
// recorded (the same stamp in another message is double-spent), and once
// space is freed the chain produces blocks again.
func TestFaultFullDisk(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	mnt := filepath.Join(t.TempDir(), "data")
	if err := os.MkdirAll(mnt, 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=96m,mode=0700", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Fatalf("the full-disk test mounts a tmpfs and must run as root (CI does): mount -t tmpfs: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", mnt).Run() })
	h := newFaultHomeAt(t, mnt, "")
	d := startDaemon(t, h.home, "serve", "--no-relay")
	d.waitLog(`embedded chain running`, 2*time.Minute)
	d.waitListening(h.milterAddr, time.Minute)
	const rcpt = "alice@example.com"
	m, _ := workMessage(t, rcpt, "", "before the disk fills")
	if v, _ := milterVerdict(t, h.milterAddr, m); v != "pass rcpt="+rcpt+" work=8" {
		t.Fatalf("before the disk fills: %q", v)
	}

	// The disk fills: first below chain.min_free (16 MiB), as a disk
	// fills, then to the last byte.
	time.Sleep(3 * time.Second) // the node's start-up indexing is done
	filler := filepath.Join(mnt, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for {
		var st syscall.Statfs_t
		if err := syscall.Statfs(mnt, &st); err != nil {
			t.Fatal(err)
		}
		if int64(st.Bavail)*st.Bsize < 8<<20 {
			break
		}
		if _, err := f.Write(chunk); err != nil {
			t.Fatalf("fill: %v", err)
		}
	}
	d.waitLog(`disk nearly full: block production paused`, 15*time.Second)
	for {
		if _, err := f.Write(chunk[:4096]); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("fill: %v", err)
			}
			break
		}
	}
	f.Close()
	n1 := blockNumber(ctx, t, h.chainAddr)

	// The milter answers and tags; what it accepts, it recorded.
	for i := range 3 {
		m, st := workMessage(t, rcpt, "", fmt.Sprintf("disk full %d", i))
		v, res := milterVerdict(t, h.milterAddr, m)
		switch {
		case v == "pass rcpt="+rcpt+" work=8":
			again, _ := workMessage(t, rcpt, st, fmt.Sprintf("disk full other %d", i))
			if v2, _ := milterVerdict(t, h.milterAddr, again); v2 != "fail rcpt="+rcpt+" work=double-spent" {
				t.Fatalf("a stamp accepted on a full disk was not recorded: the same stamp in another message got %q", v2)
			}
		case strings.HasPrefix(v, "temperror rcpt="+rcpt) && strings.Contains(v, "store-unavailable"):
		default:
			t.Fatalf("on a full disk: %q, want pass (recorded) or temperror work=store-unavailable", v)
		}
		if res.Action.Code != gomilter.ActContinue && res.Action.Code != gomilter.ActAccept {
			t.Fatalf("on a full disk the message got %v, want it accepted and tagged", res.Action.Code)
		}
	}
	time.Sleep(5 * time.Second) // more than two block periods
	if n2 := blockNumber(ctx, t, h.chainAddr); n2 != n1 {
		t.Fatalf("blocks %d -> %d while the disk is full: production did not pause", n1, n2)
	}
	select {
	case <-d.done:
		t.Fatalf("serve died on a full disk (%v):\n%s", d.err, d.out.String())
	default:
	}

	// Space back: production resumes.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	d.waitLog(`block production resumed`, 15*time.Second)
	deadline := time.Now().Add(20 * time.Second)
	for blockNumber(ctx, t, h.chainAddr) <= n1 {
		if time.Now().After(deadline) {
			t.Fatalf("no block 20 s after the disk was freed")
		}
		time.Sleep(500 * time.Millisecond)
	}
	m, _ = workMessage(t, rcpt, "", "after the disk is freed")
	if v, _ := milterVerdict(t, h.milterAddr, m); v != "pass rcpt="+rcpt+" work=8" {
		t.Fatalf("after the disk is freed: %q", v)
	}
	if strings.Contains(d.out.String(), "panic") {
		t.Fatalf("serve's log shows a panic:\n%s", d.out.String())
	}
	if code := d.stop(); code != 0 {
		t.Fatalf("serve exit %d after SIGTERM:\n%s", code, d.out.String())
	}
}
