package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/devnet"
)

// gethDevKeyHex is the key `geth --dev` funds (go-ethereum's cmd/utils
// DeveloperKey), public test money only.
const gethDevKeyHex = "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291"

// TestContractCLIOnGethDev: `postage contract deploy --rpc` on a real geth
// --dev puts both contracts at the addresses `postage contract address`
// prints offline (the embedded chain's, contract.txtar), a second deploy
// finds them, and `verify` exits 0 there and 1 for an address with no code
// and for one holding another contract. Beside it the embedded chain: the
// same deploy command there finds the deposit contract at the same
// address (the chain deployed it canonically), puts the TicketBook at the
// same address as on geth, and verify passes on both.
func TestContractCLIOnGethDev(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	url := startGethDev(ctx, t)

	home := t.TempDir()
	acct, err := chain.OpenKeystore(filepath.Join(home, "keystore")).ImportHex([]byte(gethDevKeyHex), "pw")
	if err != nil {
		t.Fatal(err)
	}
	pw := filepath.Join(home, "pw")
	if err := os.WriteFile(pw, []byte("pw\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf("[chain]\nrpc = %q\naccount = %q\npassword_file = %q\n", url, acct.Address.Hex(), pw)
	if err := os.WriteFile(filepath.Join(home, "postage.toml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}

	want, _ := canonical.CanonicalAddress(canonical.CanonicalDelay)
	wantBook := canonical.TicketBookAddress(canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
	addrOut := runPostage(ctx, t, home, nil, "contract", "address")
	for _, a := range []string{want.Hex(), wantBook.Hex()} {
		if !bytes.Contains(addrOut, []byte(a)) {
			t.Fatalf("contract address printed\n%s\nwithout %s", addrOut, a)
		}
	}
	out := runPostage(ctx, t, home, nil, "contract", "deploy")
	for _, re := range []string{
		`(?m)^Postage     ` + want.Hex() + `  deployed in tx 0x[0-9a-f]{64}$`,
		`(?m)^TicketBook  ` + wantBook.Hex() + `  deployed in tx 0x[0-9a-f]{64}$`,
	} {
		if !regexp.MustCompile(re).Match(out) {
			t.Fatalf("deploy on geth --dev printed\n%s\nwant a line matching %s", out, re)
		}
	}
	out = runPostage(ctx, t, home, nil, "contract", "deploy")
	if !regexp.MustCompile(`(?m)^Postage     ` + want.Hex() + `  already deployed$`).Match(out) {
		t.Fatalf("second deploy printed\n%s", out)
	}
	if out := runPostage(ctx, t, home, nil, "contract", "verify"); string(out) != "ok "+want.Hex()+"\n" {
		t.Fatalf("verify printed %q", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"contract", "verify", "0x00000000000000000000000000000000000000aa"}, "no-code "},
		{[]string{"contract", "verify", wantBook.Hex()}, "other-code "},
		{[]string{"contract", "verify", "--delay", "1h", want.Hex()}, "other-delay "},
	} {
		cmd := postageCmd(ctx, c.args...)
		cmd.Env = append(cmd.Env, "POSTAGE_HOME="+home)
		out, err := cmd.Output()
		if code := procExitCode(err); code != exitInvalid || !bytes.HasPrefix(out, []byte(c.want)) {
			t.Errorf("postage %v: exit %d, stdout %q; want exit 1 and %q", c.args, code, out, c.want)
		}
	}

	// Side by side: the embedded chain (go-ethereum's node in this
	// process) gets the same addresses from the same command, and verify
	// passes there too.
	dir := t.TempDir()
	c, err := devnet.Start(ctx, devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second, Delay: canonical.CanonicalDelay})
	if err != nil {
		t.Fatalf("start the embedded chain: %v", err)
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c.Stop(sctx)
	}()
	dev := c.DevAccount()
	embedded := t.TempDir()
	cfg = fmt.Sprintf("[chain]\nrpc = %q\nkeystore = %q\naccount = %q\npassword_file = %q\n", c.Endpoint(), filepath.Join(dir, "keystore"), dev.Account.Address.Hex(), dev.PassphraseFile)
	if err := os.WriteFile(filepath.Join(embedded, "postage.toml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	out = runPostage(ctx, t, embedded, nil, "contract", "deploy")
	for _, re := range []string{
		`(?m)^Postage     ` + want.Hex() + `  already deployed$`,
		`(?m)^TicketBook  ` + wantBook.Hex() + `  deployed in tx 0x[0-9a-f]{64}$`,
	} {
		if !regexp.MustCompile(re).Match(out) {
			t.Fatalf("deploy on the embedded chain printed\n%s\nwant a line matching %s", out, re)
		}
	}
	if out := runPostage(ctx, t, embedded, nil, "contract", "verify"); string(out) != "ok "+want.Hex()+"\n" {
		t.Fatalf("verify on the embedded chain printed %q", out)
	}
	if out := runPostage(ctx, t, embedded, nil, "contract", "verify", "--book", wantBook.Hex()); string(out) != "ok "+wantBook.Hex()+"\n" {
		t.Fatalf("verify --book on the embedded chain printed %q", out)
	}
}

// startGethDev runs `geth --dev` (blocks every second, its developer
// account funded with gethDevKeyHex) on a free loopback port until the
// test ends, and returns its JSON-RPC URL.
func startGethDev(ctx context.Context, t *testing.T) string {
	t.Helper()
	bin := os.Getenv("POSTAGE_GETH")
	if bin == "" {
		p, err := exec.LookPath("geth")
		if err != nil {
			t.Fatal("geth not found (set POSTAGE_GETH or put it on PATH); install it with .ci/geth.sh or: GOBIN=$HOME/go/bin go install github.com/ethereum/go-ethereum/cmd/geth@v1.17.8")
		}
		bin = p
	}
	port := freePort(t)
	var gethOut lockedBuffer
	g := exec.Command(bin, "--dev", "--dev.period", "1", "--datadir", t.TempDir(),
		"--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(port), "--http.api", "eth,net,web3",
		"--ipcdisable", "--nodiscover", "--maxpeers", "0", "--port", "0",
		"--authrpc.addr", "127.0.0.1", "--authrpc.port", strconv.Itoa(freePort(t)), "--verbosity", "2")
	g.Stdout, g.Stderr = &gethOut, &gethOut
	if err := g.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	go func() { _ = g.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = g.Process.Signal(syscall.SIGINT)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = g.Process.Kill()
			<-exited
		}
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	for {
		ec, _, err := chain.Dial(ctx, url, nil)
		if err == nil {
			ec.Close()
			break
		}
		select {
		case <-exited:
			t.Fatalf("geth exited:\n%s", gethOut.String())
		case <-ctx.Done():
			t.Fatalf("geth did not answer at %s: %v\n%s", url, err, gethOut.String())
		case <-time.After(200 * time.Millisecond):
		}
	}

	return url
}
