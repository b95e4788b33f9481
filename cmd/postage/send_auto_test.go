package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage/bookdns/dnstest"
)

// TestSendAutoStake: a receiving host prints its stake policy with serve
// --print-dns; with send.stake = "auto" the sender stakes for the domain
// that publishes it, and sends work stamps only to one that does not, or
// whose policy asks more than the sender's deposits hold.
func TestSendAutoStake(t *testing.T) {
	dir := t.TempDir()
	home, mx, out := filepath.Join(dir, "sender"), filepath.Join(dir, "mx"), filepath.Join(dir, "out")
	for _, d := range []string{home, mx, out} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	c := startShortChain(ctx, t, dir, 3*time.Second)
	dev := c.DevAccount()
	chainCfg := fmt.Sprintf("[chain]\nrpc = %q\ncontract = %q\nkeystore = %q\naccount = %q\npassword_file = %q\n",
		c.Endpoint(), c.Deployment().Contract.Hex(), filepath.Join(dir, "chain", "keystore"), dev.Account.Address.Hex(), dev.PassphraseFile)
	run := func(home string, stdin []byte, args ...string) (string, string, error) {
		cmd := exec.CommandContext(ctx, os.Args[0], args...)
		cmd.Env = append(os.Environ(), "POSTAGE_TEST_AS_MAIN=1", "POSTAGE_HOME="+home)
		var o, e bytes.Buffer
		cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(stdin), &o, &e
		err := cmd.Run()
		return o.String(), e.String(), err
	}

	// The receiving hosts: checks.example asks the default 0.001 ETH a leaf
	// (with a 1s delay), dear.example 1 ETH.
	writeConfig(t, mx, "postage.toml", chainCfg+"[policy.stake]\nmin_delay = \"1s\"\n[book]\ndomains = [\"checks.example\"]\n")
	printed, e, err := run(mx, nil, "serve", "--print-dns")
	if err != nil {
		t.Fatalf("serve --print-dns: %v: %s", err, e)
	}
	var record string
	for _, l := range strings.Split(printed, "\n") {
		if strings.HasPrefix(l, "_postage.checks.example. IN TXT ") {
			record = strings.Trim(strings.TrimPrefix(l, "_postage.checks.example. IN TXT "), `"`)
		}
	}
	if !strings.Contains(record, "v=postage-policy1; chain=") || !strings.Contains(record, "; min=1000000000000000; delay=1") {
		t.Fatalf("serve --print-dns printed:\n%s", printed)
	}
	dns := dnstest.Start(t)
	dns.SetTXT("_postage.checks.example.", record)
	dns.SetTXT("_postage.dear.example.", strings.Replace(record, "min=1000000000000000", "min=1000000000000000000", 1))

	sendmail := filepath.Join(dir, "sendmail")
	if err := os.WriteFile(sendmail, []byte("#!/bin/sh\nfor a; do last=$a; done\ncat > "+out+"/$last.eml\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeConfig(t, home, "postage.toml", chainCfg+fmt.Sprintf("[policy.stake]\nmin_delay = \"1s\"\n[send]\nbits = 8\nstake = \"auto\"\nsendmail = %q\nresolver = %q\ntickets = false\n", sendmail, dns.Addr))
	msg := "From: s@example.net\nTo: a@checks.example, b@dear.example, c@plain.example\nSubject: hi\n\nhello\n"
	_, e, err = run(home, []byte(msg), "sendmail", "-t")
	if err != nil {
		t.Fatalf("sendmail: %v: %s", err, e)
	}
	if !strings.Contains(e, "deposit 0x") || !strings.Contains(e, "for 1 recipients (4 leaves)") {
		t.Errorf("sendmail said: %s", e)
	}
	if !strings.Contains(e, "dear.example: work stamps only (it asks 1 ETH a leaf") || !strings.Contains(e, "plain.example: work stamps only (it publishes no stake policy)") {
		t.Errorf("sendmail does not say why it did not stake: %s", e)
	}
	for r, staked := range map[string]bool{"a@checks.example": true, "b@dear.example": false, "c@plain.example": false} {
		cp, err := os.ReadFile(filepath.Join(out, r+".eml"))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(cp), "Postage-Stamp:"); got != staked {
			t.Errorf("%s: staked %v, want %v", r, got, staked)
		}
		if !strings.Contains(string(cp), ":"+r+":") {
			t.Errorf("%s's copy has no work stamp", r)
		}
	}
}
