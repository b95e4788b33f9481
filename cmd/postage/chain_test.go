package main

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
)

// cmdStartChain is the testscript command `startchain [delay] [own-account]`:
// it runs an
// embedded chain (go-ethereum's own node, in this test process, on a free
// loopback port, blocks every second) for the rest of the script and writes
// $POSTAGE_HOME/postage.toml pointing at it, signing with its funded
// developer account. Work stamps are 8 bits to keep scripts fast, and the
// stake policy's minimum delay is 1s so that withdrawals can finish. The
// real MTA is $WORK/bin/sendmail, which files each copy under
// $WORK/out/<recipient>.eml. With own-account the config names no
// account: the script creates one with `postage account new` and funds it
// with `fund`, as a new user would.
func cmdStartChain(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! startchain")
	}
	delay := 3 * time.Second
	ownAccount := false
	for _, a := range args {
		if a == "own-account" {
			ownAccount = true
			continue
		}
		d, err := time.ParseDuration(a)
		ts.Check(err)
		delay = d
	}
	home := ts.Getenv("POSTAGE_HOME")
	dir := filepath.Join(home, "testchain")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := devnet.Start(ctx, devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second, Delay: delay})
	if err != nil {
		ts.Fatalf("start embedded chain: %v", err)
	}
	ts.Defer(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c.Stop(sctx)
	})
	dev := c.DevAccount()
	testChainsMu.Lock()
	testChains[ts] = c
	testChainsMu.Unlock()
	ts.Defer(func() {
		testChainsMu.Lock()
		delete(testChains, ts)
		testChainsMu.Unlock()
	})
	work := ts.Getenv("WORK")
	sendmail := filepath.Join(work, "bin", "sendmail")
	ts.Check(os.MkdirAll(filepath.Dir(sendmail), 0o755))
	ts.Check(os.MkdirAll(filepath.Join(work, "out"), 0o755))
	script := "#!/bin/sh\n# fake MTA: file the copy under out/<last argument>.eml, log the arguments\n" +
		"for a; do last=$a; done\necho \"$@\" >> " + filepath.Join(work, "out", "sendmail.log") + "\ncat > " + filepath.Join(work, "out") + "/$last.eml\n"
	ts.Check(os.WriteFile(sendmail, []byte(script), 0o755))
	account := fmt.Sprintf(`keystore = %q
account = %q
password_file = %q
`, filepath.Join(dir, "keystore"), dev.Account.Address.Hex(), dev.PassphraseFile)
	if ownAccount {
		account = ""
	}
	cfg := fmt.Sprintf(`[chain]
rpc = %q
contract = %q
%s
[policy.work]
bits = 8

[policy.stake]
min_delay = "1s"

[send]
bits = 8
# These tests are about deposits: stake for every recipient (the default,
# "auto", stakes only where the domain publishes a stake policy).
stake = "always"
sendmail = %q
`, c.Endpoint(), c.Deployment().Contract.Hex(), account, sendmail)
	ts.Check(os.MkdirAll(home, 0o700))
	ts.Check(os.WriteFile(filepath.Join(home, "postage.toml"), []byte(cfg), 0o600))
	ts.Setenv("RPC", c.Endpoint())
	ts.Setenv("CONTRACT", c.Deployment().Contract.Hex())
}

// testChains are the chains started by startchain, by script (scripts run
// in parallel).
var (
	testChainsMu sync.Mutex
	testChains   = map[*testscript.TestScript]*devnet.Chain{}
)

// cmdFund is the testscript command `fund ETH`: the embedded chain's
// developer account (a faucet, as on any dev chain) sends ETH to every
// account in $POSTAGE_HOME/keystore.
func cmdFund(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: fund ETH")
	}
	testChainsMu.Lock()
	c := testChains[ts]
	testChainsMu.Unlock()
	if c == nil {
		ts.Fatalf("fund: no startchain in this script")
	}
	value, err := chain.ParseValue(args[0])
	ts.Check(err)
	opts, err := c.DevTransactor()
	ts.Check(err)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ks := chain.OpenKeystoreLight(filepath.Join(ts.Getenv("POSTAGE_HOME"), "keystore"))
	client := c.Client()
	for _, a := range ks.Accounts() {
		nonce, err := client.PendingNonceAt(ctx, opts.From)
		ts.Check(err)
		tip, err := client.SuggestGasTipCap(ctx)
		ts.Check(err)
		head, err := client.HeaderByNumber(ctx, nil)
		ts.Check(err)
		feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
		tx := types.NewTx(&types.DynamicFeeTx{ChainID: new(big.Int).SetUint64(c.Deployment().ChainID), Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: 21000, To: &a.Address, Value: value})
		signed, err := opts.Signer(opts.From, tx)
		ts.Check(err)
		ts.Check(client.SendTransaction(ctx, signed))
		if _, err := bind.WaitMined(ctx, client, signed.Hash()); err != nil {
			ts.Fatalf("fund %s: %v", a.Address, err)
		}
		ts.Logf("funded %s with %s", a.Address, chain.FormatWei(value))
	}
}
