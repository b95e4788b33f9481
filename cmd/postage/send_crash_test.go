package main

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/send"
)

// TestSendE2EKillServeMidDeposit: serve is killed (SIGKILL) right after it
// recorded a batch's deposit as pending, while the deposit is being sent.
// sendmail fails the message as a whole (75, no copy handed over). A new
// serve picks the record up: if the deposit reached the chain it is
// withdrawn, once; if not, nothing is locked. Either way the sender's
// balance ends as it began, less the gas of its transactions.
func TestSendE2EKillServeMidDeposit(t *testing.T) {
	// At once (usually before the transaction is broadcast) and 500ms
	// later (usually broadcast, not yet mined: blocks come every second).
	for _, after := range []time.Duration{0, 500 * time.Millisecond} {
		t.Run(after.String(), func(t *testing.T) { killServeMidDeposit(t, after) })
	}
}

func killServeMidDeposit(t *testing.T, killAfter time.Duration) {
	dir := t.TempDir()
	home, out := filepath.Join(dir, "sender"), filepath.Join(dir, "out")
	for _, d := range []string{home, out} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	c := startShortChain(ctx, t, dir, 2*time.Second)
	client := c.Client()
	fs := fundSender(ctx, t, c, home, big.NewInt(params.Ether))
	writeSenderConfig(t, c, home, fs, dir, out, "0s", "1s", fmt.Sprintf("inet:127.0.0.1:%d", freePort(t)))

	serve := startDaemon(t, home, "serve", "--no-relay")
	waitSendSock(t, serve, home)

	cmd := exec.CommandContext(ctx, os.Args[0], "sendmail", "-t")
	cmd.Env = append(os.Environ(), "POSTAGE_TEST_AS_MAIN=1", "POSTAGE_HOME="+home)
	cmd.Stdin = bytes.NewReader([]byte("From: s@example.net\nTo: a@example.com\nSubject: x\n\nhello\n"))
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill serve as soon as the pending record is on disk.
	store := &send.Store{Dir: filepath.Join(home, "deposits")}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		recs, _ := store.List()
		if len(recs) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no deposit record within 30s:\n%s", serve.out.String())
		}
	}
	time.Sleep(killAfter)
	serve.kill9()
	err := cmd.Wait()
	if procExitCode(err) != exitTempFail {
		t.Fatalf("sendmail after serve died: %v (want exit 75)\n%s", err, errb.String())
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("%d copies handed over although the deposit did not complete", len(ents))
	}

	// A new serve reconciles the record and withdraws what is on chain.
	serve2 := startDaemon(t, home, "serve", "--no-relay")
	waitSendSock(t, serve2, home)
	recs, err := store.List()
	if err != nil || len(recs) != 1 {
		t.Fatalf("records: %d, %v", len(recs), err)
	}
	id := recs[0].ID
	contract := chain.NewContract(client, c.Deployment().Contract)
	var final chain.Status
	for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(time.Second) {
		d, err := contract.ReadDeposit(ctx, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := store.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status == chain.StatusWithdrawn && r.State == send.StateWithdrawn {
			final = d.Status
			break
		}
		if !d.Exists() && r.State == send.StatePending {
			// Not broadcast before the kill: nothing is locked. Wait a few
			// blocks to be sure no transaction is still coming.
			if time.Now().After(deadline.Add(-80 * time.Second)) {
				final = d.Status
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("deposit %s is %s on chain, %s in its record, 90s after the restart:\n%s", id.Hex(), d.Status, r.State, serve2.out.String())
		}
	}
	t.Logf("deposit %s after the kill: %s", id.Hex(), final)
	spent := fs.costs(ctx, t, c)
	after, gas := spent.after, spent.wei
	before := fs.before
	if want := new(big.Int).Sub(before, gas); after.Cmp(want) != 0 {
		t.Errorf("balance %s, want %s (before %s less gas %s): money is stuck", after, want, before, gas)
	}
}
