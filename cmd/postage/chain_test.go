package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/postage-mail/postage/chain/devnet"
)

// cmdStartChain is the testscript command `startchain [delay]`: it runs an
// embedded chain (go-ethereum's own node, in this test process, on a free
// loopback port, blocks every second) for the rest of the script and writes
// $POSTAGE_HOME/postage.toml pointing at it, signing with its funded
// developer account. Work stamps are 8 bits to keep scripts fast, and the
// stake policy's minimum delay is 1s so that withdrawals can finish. The
// real MTA is $WORK/bin/sendmail, which files each copy under
// $WORK/out/<recipient>.eml.
func cmdStartChain(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! startchain")
	}
	delay := 3 * time.Second
	if len(args) > 0 {
		d, err := time.ParseDuration(args[0])
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
	work := ts.Getenv("WORK")
	sendmail := filepath.Join(work, "bin", "sendmail")
	ts.Check(os.MkdirAll(filepath.Dir(sendmail), 0o755))
	ts.Check(os.MkdirAll(filepath.Join(work, "out"), 0o755))
	script := "#!/bin/sh\n# fake MTA: file the copy under out/<last argument>.eml, log the arguments\n" +
		"for a; do last=$a; done\necho \"$@\" >> " + filepath.Join(work, "out", "sendmail.log") + "\ncat > " + filepath.Join(work, "out") + "/$last.eml\n"
	ts.Check(os.WriteFile(sendmail, []byte(script), 0o755))
	cfg := fmt.Sprintf(`[chain]
rpc = %q
contract = %q
keystore = %q
account = %q
password_file = %q

[policy.work]
bits = 8

[policy.stake]
min_delay = "1s"

[send]
bits = 8
sendmail = %q
`, c.Endpoint(), c.Deployment().Contract.Hex(), filepath.Join(dir, "keystore"), dev.Account.Address.Hex(), dev.PassphraseFile, sendmail)
	ts.Check(os.MkdirAll(home, 0o700))
	ts.Check(os.WriteFile(filepath.Join(home, "postage.toml"), []byte(cfg), 0o600))
	ts.Setenv("RPC", c.Endpoint())
	ts.Setenv("CONTRACT", c.Deployment().Contract.Hex())
}
