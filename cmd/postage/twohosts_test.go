package main

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/canonical"
)

// TestTwoHosts: two hosts on one public chain (geth --dev stands in),
// each with its own data directory and processes, each configured only
// with chain.network = custom, the chain's RPC URL and its chain id (host
// A also names its MTA). The canonical contract is deployed with `postage
// contract deploy`; A sends through `postage sendmail`; B verifies with
// `postage verify` and punishes through a relay that is not its own (a
// third `postage relay` process with its own account); then A's `postage
// status` names the burned leaf.
func TestTwoHosts(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	url := startGethDev(ctx, t)
	chainSection := fmt.Sprintf("[chain]\nnetwork = \"custom\"\nrpc = %q\nchain_id = 1337\n", url)
	writeHome := func(extra string) string {
		home := t.TempDir()
		if err := os.WriteFile(filepath.Join(home, "postage.toml"), []byte(chainSection+extra), 0o600); err != nil {
			t.Fatal(err)
		}
		return home
	}
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("a passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(home string, stdin []byte, args ...string) ([]byte, string, int) {
		cmd := postageCmd(ctx, args...)
		cmd.Env = append(cmd.Env, "POSTAGE_HOME="+home, "POSTAGE_PASSWORD_FILE="+pw)
		cmd.Stdin = bytes.NewReader(stdin)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		return out, stderr.String(), procExitCode(err)
	}
	must := func(home string, stdin []byte, args ...string) ([]byte, string) {
		t.Helper()
		out, errOut, code := run(home, stdin, args...)
		if code != 0 {
			t.Fatalf("postage %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
		}
		return out, errOut
	}

	// Anyone deploys the canonical contract (here with geth's funded key).
	deployer := writeHome("")
	if _, err := chain.OpenKeystore(filepath.Join(deployer, "keystore")).ImportHex([]byte(gethDevKeyHex), "a passphrase"); err != nil {
		t.Fatal(err)
	}
	want, _ := canonical.CanonicalAddress(canonical.CanonicalDelay)
	if out, _ := must(deployer, nil, "contract", "deploy"); !bytes.Contains(out, []byte("Postage     "+want.Hex())) {
		t.Fatalf("deploy printed %s", out)
	}
	if out, _ := must(deployer, nil, "contract", "verify"); string(out) != "ok "+want.Hex()+"\n" {
		t.Fatalf("verify printed %q", out)
	}

	// Host A: a new account, funded by the chain's faucet; its MTA files
	// each copy under out/<recipient>.eml.
	work := t.TempDir()
	mta := filepath.Join(work, "sendmail")
	if err := os.WriteFile(mta, []byte("#!/bin/sh\nfor a; do last=$a; done\ncat > "+work+"/$last.eml\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	// b.example publishes no _postage policy here (no DNS in the test):
	// A stakes for it anyway, as a sender who knows B checks stake would.
	hostA := writeHome(fmt.Sprintf("[send]\nsendmail = %q\nstake = \"always\"\n", mta))
	accountA := newFundedAccount(ctx, t, hostA, pw, url, run)

	// The relay: a third process with its own account and data directory.
	relayHome := writeHome("")
	newFundedAccount(ctx, t, relayHome, pw, url, run)
	relayPort := freePort(t)
	relayURL := fmt.Sprintf("http://127.0.0.1:%d", relayPort)
	stopRelay := startHostDaemon(ctx, t, relayHome, pw, "relay", "--listen", loopback(relayPort), "--name", "relay.test", "--bits", "8")
	defer stopRelay()
	waitRelayHealth(ctx, t, relayURL)

	msg := []byte("From: Alice <alice@a.example>\nTo: bob@b.example\nSubject: hello from A\nMessage-ID: <two-hosts@a.example>\n\nHi Bob.\n")
	_, errOut := must(hostA, msg, "sendmail", "-t", "-f", "alice@a.example")
	if !regexp.MustCompile(`deposit 0x[0-9a-f]{64} for 1 recipient`).MatchString(errOut) {
		t.Fatalf("sendmail on A said:\n%s", errOut)
	}
	copyB, err := os.ReadFile(filepath.Join(work, "bob@b.example.eml"))
	if err != nil {
		t.Fatalf("A's MTA got no copy for bob: %v", err)
	}

	// Host B: only the chain settings; no account.
	hostB := writeHome("")
	out, errOut := must(hostB, copyB, "verify", "--rcpt", "bob@b.example")
	if !bytes.HasPrefix(out, []byte("Postage-Result: pass rcpt=bob@b.example")) || !strings.Contains(errOut, "stake=pass") {
		t.Fatalf("B's verify: %s%s", out, errOut)
	}
	_, errOut = must(hostB, copyB, "punish", "--now", "--wait", "--relay", relayURL, "--rcpt", "bob@b.example")
	if !strings.Contains(errOut, "queued at relay "+relayURL) || !strings.Contains(errOut, "burned on chain") {
		t.Fatalf("B's punish through the relay: %s", errOut)
	}
	if ks := filepath.Join(hostB, "keystore"); dirHasFiles(ks) {
		t.Fatalf("B has a keystore (%s): it should punish without an account", ks)
	}
	out, _, code := run(hostB, copyB, "verify", "--rcpt", "bob@b.example")
	if code != exitInvalid || !bytes.HasPrefix(out, []byte("Postage-Result: fail rcpt=bob@b.example")) {
		t.Fatalf("B's verify after the burn: exit %d %s", code, out)
	}

	// A's status names the burned leaf: bob's, backing this message.
	out, _ = must(hostA, nil, "status")
	if !regexp.MustCompile(`(?m)^  [0-9]+ +bob@b\.example +<two-hosts@a\.example> +burned$`).Match(out) {
		t.Fatalf("A (%s) status does not name bob's burned leaf:\n%s", accountA.Hex(), out)
	}
}

func dirHasFiles(dir string) bool {
	ents, err := os.ReadDir(dir)
	return err == nil && len(ents) > 0
}

// newFundedAccount creates an account in home with `postage account new`
// and sends it 1 ETH from geth --dev's developer account.
func newFundedAccount(ctx context.Context, t *testing.T, home, pw, url string, run func(string, []byte, ...string) ([]byte, string, int)) common.Address {
	t.Helper()
	out, errOut, code := run(home, nil, "account", "new", "--password-file", pw)
	m := regexp.MustCompile(`new account (0x[0-9a-fA-F]{40})`).FindSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("account new: exit %d %s%s", code, out, errOut)
	}
	to := common.HexToAddress(string(m[1]))
	client, id, err := chain.Dial(ctx, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	key, _ := crypto.HexToECDSA(gethDevKeyHex)
	from := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := client.PendingNonceAt(ctx, from)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := types.SignNewTx(key, types.LatestSignerForChainID(id), &types.DynamicFeeTx{ChainID: id, Nonce: nonce,
		GasTipCap: big.NewInt(params.GWei), GasFeeCap: big.NewInt(100 * params.GWei), Gas: 21000, To: &to, Value: big.NewInt(params.Ether)})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.SendTransaction(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if _, err := chain.WaitMined(ctx, client, tx.Hash(), 200*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	return to
}

// startHostDaemon runs `postage ARGS` in home until the returned stop.
func startHostDaemon(ctx context.Context, t *testing.T, home, pw string, args ...string) func() {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "POSTAGE_TEST_AS_MAIN=1", "POSTAGE_HOME="+home, "POSTAGE_PASSWORD_FILE="+pw)
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	return func() {
		_ = cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		t.Logf("postage %s:\n%s", strings.Join(args, " "), out.String())
	}
}

// waitRelayHealth waits until the relay at url answers its health check.
func waitRelayHealth(ctx context.Context, t *testing.T, url string) {
	t.Helper()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/v1/health", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("relay at %s not healthy: %v", url, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}
