package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/bookdns/dnstest"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/mail"
)

// bookE2E is a receiving host and a sender around a real chain (the
// embedded one, blocks every second), a real DNS server on loopback and
// the fake MTA of the testscripts, for the Go tests of the ticket books
// (TestBookAgentRelay); the flow end to end is testdata/book_e2e.txtar.
type bookE2E struct {
	t       *testing.T
	dir     string
	home    string // the receiving host's POSTAGE_HOME (agent, books)
	sender  string // the sender's POSTAGE_HOME
	out     string // the fake MTA's spool
	chain   *devnet.Chain
	dns     *dnstest.Server
	account common.Address // the sender's
}

// postage runs the postage binary (this test binary as main) with a home
// and stdin; it returns stdout, stderr and the exit code.
func (e *bookE2E) postage(home string, stdin []byte, args ...string) (string, string, int) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "POSTAGE_TEST_AS_MAIN=1", "POSTAGE_HOME="+home)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(stdin), &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		e.t.Fatalf("postage %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), errb.String(), code
}

func (e *bookE2E) ok(home string, stdin []byte, args ...string) (string, string) {
	e.t.Helper()
	o, s, code := e.postage(home, stdin, args...)
	if code != 0 {
		e.t.Fatalf("postage %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, o, s)
	}
	return o, s
}

func newBookE2E(t *testing.T) *bookE2E {
	e := &bookE2E{t: t, dir: t.TempDir()}
	e.home, e.sender, e.out = filepath.Join(e.dir, "mx"), filepath.Join(e.dir, "sender"), filepath.Join(e.dir, "out")
	for _, d := range []string{e.home, e.sender, e.out} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := devnet.Start(ctx, devnet.Config{DataDir: filepath.Join(e.dir, "chain"), Addr: "127.0.0.1:0", Period: time.Second, Delay: 3 * time.Second})
	if err != nil {
		t.Fatalf("start embedded chain: %v", err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c.Stop(sctx)
	})
	e.chain = c
	e.dns = dnstest.Start(t)

	// The sender has an account of its own, funded by the developer account.
	pass := filepath.Join(e.sender, "pass")
	if err := os.WriteFile(pass, []byte("sender passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	acct, err := chain.OpenKeystoreLight(filepath.Join(e.sender, "keystore")).New("sender passphrase")
	if err != nil {
		t.Fatal(err)
	}
	e.account = acct.Address
	client, id, err := chain.Dial(ctx, c.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	dev, err := devnet.DevTransactor(filepath.Join(e.dir, "chain"), "", id)
	if err != nil {
		t.Fatal(err)
	}
	nonce, err := client.PendingNonceAt(ctx, dev.From)
	if err != nil {
		t.Fatal(err)
	}
	to := acct.Address
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: id, Nonce: nonce, GasTipCap: big.NewInt(params.GWei), GasFeeCap: big.NewInt(10 * params.GWei),
		Gas: 21000, To: &to, Value: new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether))})
	signed, err := dev.Signer(dev.From, tx)
	if err != nil {
		t.Fatal(err)
	}
	if err := client.SendTransaction(ctx, signed); err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, client, signed.Hash()); err != nil {
		t.Fatal(err)
	}

	sendmail := filepath.Join(e.dir, "sendmail")
	script := "#!/bin/sh\nfor a; do last=$a; done\ncat > " + e.out + "/$last.eml\n"
	if err := os.WriteFile(sendmail, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	devAcct := c.DevAccount()
	common := fmt.Sprintf(`[chain]
rpc = %q
contract = %q
`, c.Endpoint(), c.Deployment().Contract.Hex())
	// The receiving host: the agent of example.org, deciding after 4 seconds.
	mx := common + fmt.Sprintf(`keystore = %q
account = %q
password_file = %q

[policy]
# Work stamps are under test: count them (the default does not).
accept = ["allowlist", "stake", "work"]
[policy.work]
bits = 8

[policy.stake]
min_delay = "1s"

[book]
enabled = true
domains = ["example.org"]
values = 64
stake = "0.001eth"
window = "600s"
decision_delay = "4s"
margin = "1s"
randomness_delay = 1
epoch = 1
tick = "1s"
`, filepath.Join(e.dir, "chain", "keystore"), devAcct.Account.Address.Hex(), devAcct.PassphraseFile)
	// The sender, with its own account, resolving through the test's DNS.
	snd := common + fmt.Sprintf(`keystore = %q
account = %q
password_file = %q

[policy.stake]
min_delay = "1s"

[send]
bits = 8
# These tests are about deposits: stake for every recipient (the default,
# "auto", stakes only where the domain publishes a stake policy).
stake = "always"
sendmail = %q
resolver = %q
`, filepath.Join(e.sender, "keystore"), e.account.Hex(), pass, sendmail, e.dns.Addr)
	if err := os.WriteFile(filepath.Join(e.home, "postage.toml"), []byte(mx), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(e.sender, "postage.toml"), []byte(snd), 0o600); err != nil {
		t.Fatal(err)
	}
	return e
}

// agent is the receiving host's agent, with the vault passphrase, for the
// test to look at coins before the agent decides (as only it could).
func (e *bookE2E) agent(ctx context.Context) (*agent.Agent, *ticketbook.Contract, func()) {
	e.t.Helper()
	t := e.t
	t.Setenv("POSTAGE_HOME", e.home)
	cfg, err := config.Load("")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := host.ConnectBook(ctx, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := conn.Agent(true, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a, conn.Book.Book, conn.Close
}

// readMessage parses a stored copy's header.
func readMessage(raw []byte) (*mail.Message, error) { return mail.Read(bytes.NewReader(raw)) }
