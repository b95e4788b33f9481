package main

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/stake"
)

// TestSendE2EBatchedLifecycle is issue 13's acceptance test. On the
// embedded chain with a 3s delay, with postage serve running for the
// sender, 20 messages (two recipients each) go through postage sendmail at
// once. Then: they share fewer deposits than messages, every copy's stamp
// verifies for its recipient; one recipient burns its leaf; with no manual
// command serve withdraws every deposit after hold + delay; the sender's
// balance is what it was less the gas of its transactions and the burned
// share; and postage status names every leaf's recipient and the one burn.
func TestSendE2EBatchedLifecycle(t *testing.T) {
	const messages = 20
	dir := t.TempDir()
	senderHome, mxHome, out := filepath.Join(dir, "sender"), filepath.Join(dir, "mx"), filepath.Join(dir, "out")
	for _, d := range []string{senderHome, mxHome, out} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c := startShortChain(ctx, t, dir, 3*time.Second)
	client := c.Client()

	// The sender's own account, funded by the developer account.
	fs := fundSender(ctx, t, c, senderHome, new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether)))
	dev, err := c.DevTransactor()
	if err != nil {
		t.Fatal(err)
	}

	writeSenderConfig(t, c, senderHome, fs, dir, out, "25s", "2s", "unix:"+filepath.Join(dir, "milter.sock"))
	chainCfg := fmt.Sprintf("[chain]\nrpc = %q\ncontract = %q\n", c.Endpoint(), c.Deployment().Contract.Hex())
	writeConfig(t, mxHome, "postage.toml", chainCfg+"\n[policy.work]\nbits = 8\n\n[policy.stake]\nmin_delay = \"1s\"\n")

	serve := startDaemon(t, senderHome, "serve", "--no-relay")
	waitSendSock(t, serve, senderHome)

	run := func(home string, stdin []byte, args ...string) (string, string, error) {
		cmd := exec.CommandContext(ctx, os.Args[0], args...)
		cmd.Env = append(os.Environ(), "POSTAGE_TEST_AS_MAIN=1", "POSTAGE_HOME="+home)
		var o, e bytes.Buffer
		cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(stdin), &o, &e
		err := cmd.Run()
		return o.String(), e.String(), err
	}

	// 20 messages at once, each to a To and a Bcc recipient.
	rcpt := func(i int, who string) string { return fmt.Sprintf("%s%d@example.com", who, i) }
	var wg sync.WaitGroup
	logs := make([]string, messages)
	start := time.Now()
	for i := range messages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			msg := fmt.Sprintf("From: s@example.net\nTo: %s\nBcc: %s\nMessage-ID: <m%d@example.net>\nSubject: note %d\n\nhello %d\n", rcpt(i, "to"), rcpt(i, "bcc"), i, i, i)
			_, e, err := run(senderHome, []byte(msg), "sendmail", "-t", "-f", "s@example.net")
			if err != nil {
				t.Errorf("sendmail %d: %v\n%s", i, err, e)
			}
			logs[i] = e
		}()
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	t.Logf("20 messages sent in %v", time.Since(start).Round(time.Millisecond))
	ids := map[string]int{}
	re := regexp.MustCompile(`deposit (0x[0-9a-f]{64}) for 2 recipients \(([0-9]+) leaves\)`)
	for i, l := range logs {
		m := re.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("sendmail %d said: %s", i, l)
		}
		ids[m[1]]++
	}
	t.Logf("%d deposits for %d messages: %v", len(ids), messages, ids)
	if len(ids) >= messages {
		t.Fatalf("%d deposits for %d messages: not batched", len(ids), messages)
	}

	// Every copy verifies for its recipient, the Bcc recipient's too.
	var vwg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i := range messages {
		for _, who := range []string{"to", "bcc"} {
			vwg.Add(1)
			go func() {
				defer vwg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				r := rcpt(i, who)
				cp, err := os.ReadFile(filepath.Join(out, r+".eml"))
				if err != nil {
					t.Errorf("no copy for %s: %v", r, err)
					return
				}
				if who == "to" && strings.Contains(string(cp), rcpt(i, "bcc")) {
					t.Errorf("the To copy of message %d names the Bcc recipient", i)
				}
				_, e, err := run(mxHome, cp, "verify", "--rcpt", r)
				if err != nil || !strings.Contains(e, "pass rcpt="+r+" stake=pass") {
					t.Errorf("verify %s: %v: %s", r, err, e)
				}
			}()
		}
	}
	vwg.Wait()
	if t.Failed() {
		t.FailNow()
	}

	// One recipient burns its leaf (from another account: the developer's).
	burnedRcpt := rcpt(7, "bcc")
	cp, err := os.ReadFile(filepath.Join(out, burnedRcpt+".eml"))
	if err != nil {
		t.Fatal(err)
	}
	hdr := regexp.MustCompile(`(?m)^Postage-Stamp: (.*(?:\n[ \t].*)*)`).FindStringSubmatch(string(cp))
	if hdr == nil {
		t.Fatalf("no stake stamp in %s's copy", burnedRcpt)
	}
	st, err := stake.Parse(hdr[1])
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := st.Check(stake.MustParseRecipient(burnedRcpt))
	if err != nil {
		t.Fatal(err)
	}
	proof := make([]common.Hash, len(st.Proof))
	for i, p := range st.Proof {
		proof[i] = common.Hash(p)
	}
	contract := chain.NewContract(client, c.Deployment().Contract)
	burn, err := chain.NewWriter(contract, dev).Burn(ctx, common.Hash(st.DepositID()), common.Hash(secret), uint64(st.Index), proof)
	if err != nil {
		t.Fatal(err)
	}
	share := new(big.Int).Add(burn.Burned, burn.Bounty)

	// With no command, serve withdraws every deposit after hold + delay.
	for deadline := time.Now().Add(2 * time.Minute); ; {
		done := 0
		for id := range ids {
			d, err := contract.ReadDeposit(ctx, common.HexToHash(id), nil)
			if err != nil {
				t.Fatal(err)
			}
			if d.Status == chain.StatusWithdrawn {
				done++
			}
		}
		if done == len(ids) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d deposits withdrawn after 2 minutes:\n%s", done, len(ids), serve.out.String())
		}
		time.Sleep(time.Second)
	}
	t.Logf("all withdrawn %v after the first message", time.Since(start).Round(time.Second))

	// The balance is back, less the gas of the sender's transactions and
	// the burned share.
	spent := fs.costs(ctx, t, c)
	after, gas, txs, gasUsed, before := spent.after, spent.wei, spent.txs, spent.gasUsed, fs.before
	want := new(big.Int).Sub(before, gas)
	want.Sub(want, share)
	if after.Cmp(want) != 0 {
		t.Errorf("balance %s after, want %s = %s before - %s gas (%d transactions) - %s burned", after, want, before, gas, txs, share)
	}
	// One deposit, one startWithdrawals and one withdrawMany per run at
	// most: fewer transactions than three per message.
	t.Logf("%d sender transactions for %d messages: %d gas in all, %d per message (dev-chain forks), %s wei", txs, messages, gasUsed, gasUsed/messages, gas)
	if txs > 3*len(ids) {
		t.Errorf("%d transactions for %d deposits", txs, len(ids))
	}

	// status names every leaf's recipient and shows the one burn.
	o, e, err := run(senderHome, nil, "status")
	if err != nil {
		t.Fatalf("status: %v: %s", err, e)
	}
	for i := range messages {
		for _, who := range []string{"to", "bcc"} {
			r := rcpt(i, who)
			want := "unburned"
			if r == burnedRcpt {
				want = "burned"
			}
			if !regexp.MustCompile(`(?m)^  [0-9]+ +` + regexp.QuoteMeta(r) + ` +<m` + fmt.Sprint(i) + `@example.net> +` + want + `$`).MatchString(o) {
				t.Errorf("status does not show %s's leaf as %s:\n%s", r, want, o)
			}
		}
	}
	if n := strings.Count(o, " burned\n"); n != 1 {
		t.Errorf("%d burned leaves in status, want 1", n)
	}
	if n := strings.Count(o, " withdrawn "); n != len(ids) {
		t.Errorf("%d withdrawn deposits in status, want %d:\n%s", n, len(ids), o)
	}
	recs, err := (&send.Store{Dir: filepath.Join(senderHome, "deposits")}).List()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.State != send.StateWithdrawn {
			t.Errorf("record %s is %s", r.ID.Hex(), r.State)
		}
	}
}
