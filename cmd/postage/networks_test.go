package main

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"

	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/networks"
)

// localChain starts a simulated chain with chainID and alloc, serving
// JSON-RPC over HTTP on loopback, and returns its URL.
func localChain(t *testing.T, chainID uint64, alloc types.GenesisAlloc) string {
	t.Helper()
	port := freePort(t)
	b := simulated.NewBackend(alloc, func(nc *node.Config, ec *ethconfig.Config) {
		cc := *ec.Genesis.Config
		cc.ChainID = new(big.Int).SetUint64(chainID)
		ec.Genesis.Config = &cc
		ec.NetworkId = chainID
		nc.HTTPHost, nc.HTTPPort, nc.HTTPModules = "127.0.0.1", port, []string{"eth", "net", "web3"}
	})
	t.Cleanup(func() { _ = b.Close() })
	return fmt.Sprintf("http://127.0.0.1:%d", port)
}

// contractVerify runs `postage contract verify` and returns its stdout and
// exit status.
func contractVerify(ctx context.Context, t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := postageCmd(ctx, append([]string{"contract", "verify"}, args...)...)
	cmd.Env = append(cmd.Env, "POSTAGE_HOME="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	code := procExitCode(err)
	if code != 0 {
		t.Logf("postage contract verify %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	return string(out), code
}

// TestNetworkFixturesReplay replays every preset's committed fixture
// against a local chain started with the fixture's chain id and this
// build's code at the canonical address: `postage contract verify
// --network X` passes. The same chain under another network's name, and
// a chain of the right id without the code, fail with exit 1.
func TestNetworkFixturesReplay(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ic, err := canonical.PostageInitCode(canonical.CanonicalDelay)
	if err != nil {
		t.Fatal(err)
	}
	code, err := canonical.RuntimeCode(ic)
	if err != nil {
		t.Fatal(err)
	}
	all := networks.All()
	if len(all) < 6 {
		t.Fatalf("%d presets", len(all))
	}
	for i, n := range all {
		f, err := networks.ReadFixture(n.Name)
		if err != nil {
			t.Fatal(err)
		}
		url := localChain(t, f.ChainID, types.GenesisAlloc{common.HexToAddress(f.Address): {Code: code, Balance: new(big.Int)}})
		out, exit := contractVerify(ctx, t, "--network", n.Name, "--rpc", url)
		if exit != 0 || out != "ok "+f.Address+"\n" {
			t.Errorf("verify --network %s on a local chain %d with the build's code: exit %d, %q", n.Name, f.ChainID, exit, out)
		}
		other := all[(i+1)%len(all)].Name
		if out, exit := contractVerify(ctx, t, "--network", other, "--rpc", url); exit != 1 || !strings.HasPrefix(out, "other-chain ") {
			t.Errorf("verify --network %s on chain %d: exit %d, %q; want 1, other-chain", other, f.ChainID, exit, out)
		}
	}
	empty := localChain(t, 8453, nil)
	if out, exit := contractVerify(ctx, t, "--network", "base", "--rpc", empty); exit != 1 || out != "no-code "+networks.CanonicalAddress+"\n" {
		t.Errorf("verify --network base on an empty chain 8453: exit %d, %q", exit, out)
	}
}

// capFees lowers a transaction's fee cap and tip to the network's before
// it is signed, and leaves lower ones alone.
func TestCapFees(t *testing.T) {
	var signed *types.Transaction
	opts := &bind.TransactOpts{Signer: func(_ common.Address, tx *types.Transaction) (*types.Transaction, error) {
		signed = tx
		return tx, nil
	}}
	capFees(opts, networks.Fees{MaxFee: big.NewInt(100), MaxTip: big.NewInt(10)})
	to := common.HexToAddress("0xaa")
	for _, c := range []struct{ tip, fee, wantTip, wantFee int64 }{
		{50, 500, 10, 100},
		{5, 50, 5, 50},
		{5, 500, 5, 100},
	} {
		tx := types.NewTx(&types.DynamicFeeTx{ChainID: big.NewInt(1), Nonce: 3, GasTipCap: big.NewInt(c.tip), GasFeeCap: big.NewInt(c.fee), Gas: 21000, To: &to, Value: big.NewInt(7), Data: []byte{1}})
		if _, err := opts.Signer(common.Address{}, tx); err != nil {
			t.Fatal(err)
		}
		if signed.GasTipCap().Int64() != c.wantTip || signed.GasFeeCap().Int64() != c.wantFee || signed.Nonce() != 3 || signed.Gas() != 21000 || signed.Value().Int64() != 7 || *signed.To() != to || len(signed.Data()) != 1 {
			t.Errorf("tip %d fee %d: signed tip %v fee %v (%+v)", c.tip, c.fee, signed.GasTipCap(), signed.GasFeeCap(), signed)
		}
	}
}
