package main

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/chain"

	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/networks"
	"github.com/postage-mail/postage/chain/rollup"
)

// localChain starts a simulated chain with chainID and alloc, serving
// JSON-RPC over HTTP on loopback, and returns its URL.
func localChain(t *testing.T, chainID uint64, alloc types.GenesisAlloc) string {
	t.Helper()
	url, _ := localBackend(t, chainID, alloc)
	return url
}

// localBackend is localChain that also returns the backend (which mines
// only on Commit).
func localBackend(t *testing.T, chainID uint64, alloc types.GenesisAlloc) (string, *simulated.Backend) {
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
	return fmt.Sprintf("http://127.0.0.1:%d", port), b
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

// TestDepositShowsL1Fee: on a chain whose genesis places an OP-stack
// GasPriceOracle at 0x42…0F (chain/rollup/testdata/oracle.hex), `postage
// deposit` prints the deposit's L1 data fee read from it; on the same
// chain without the oracle it prints none.
func TestDepositShowsL1Fee(t *testing.T) {
	hex, err := os.ReadFile("../../chain/rollup/testdata/oracle.hex")
	if err != nil {
		t.Fatal(err)
	}
	for _, withOracle := range []bool{true, false} {
		t.Run(fmt.Sprintf("oracle=%v", withOracle), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			key, _ := crypto.GenerateKey()
			from := crypto.PubkeyToAddress(key.PublicKey)
			alloc := types.GenesisAlloc{
				from:                   {Balance: new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether))},
				canonical.ProxyAddress: {Code: canonical.ProxyCode, Balance: new(big.Int)},
			}
			if withOracle {
				alloc[rollup.OracleAddress] = types.Account{Code: common.FromHex(strings.TrimSpace(string(hex))), Balance: new(big.Int),
					Storage: map[common.Hash]common.Hash{common.BigToHash(big.NewInt(1)): common.BigToHash(big.NewInt(10 * params.GWei))}}
			}
			url, b := localBackend(t, 8453, alloc)
			stop := make(chan struct{})
			mined := make(chan struct{})
			go func() {
				defer close(mined)
				for {
					select {
					case <-stop:
						return
					case <-time.After(100 * time.Millisecond):
						b.Commit()
					}
				}
			}()
			defer func() { close(stop); <-mined }()
			opts := bind.NewKeyedTransactor(key, big.NewInt(8453))
			if _, err := canonical.Deploy(ctx, b.Client(), opts, canonical.CanonicalDelay); err != nil {
				t.Fatal(err)
			}
			home := t.TempDir()
			if _, err := chain.OpenKeystore(filepath.Join(home, "keystore")).ImportHex([]byte(common.Bytes2Hex(crypto.FromECDSA(key))), "pw"); err != nil {
				t.Fatal(err)
			}
			pw := filepath.Join(home, "pw")
			cfg := fmt.Sprintf("[chain]\nnetwork = \"custom\"\nchain_id = 8453\nrpc = %q\npassword_file = %q\n", url, pw)
			if err := os.WriteFile(pw, []byte("pw\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(home, "postage.toml"), []byte(cfg), 0o600); err != nil {
				t.Fatal(err)
			}
			out := string(runPostage(ctx, t, home, nil, "deposit", "--leaves", "4", "--value", "0.0044eth"))
			m := regexp.MustCompile(`(?m)^  tx       (0x[0-9a-f]{64}) `).FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("deposit printed\n%s", out)
			}
			if !withOracle {
				if strings.Contains(out, "l1 fee") {
					t.Fatalf("no oracle, yet deposit printed an L1 fee:\n%s", out)
				}
				return
			}
			tx, _, err := b.Client().TransactionByHash(ctx, common.HexToHash(m[1]))
			if err != nil {
				t.Fatal(err)
			}
			fee, err := rollup.TxL1Fee(ctx, b.Client(), tx)
			if err != nil || fee.Sign() <= 0 {
				t.Fatalf("the oracle's fee: %v, %v", fee, err)
			}
			if want := "  l1 fee   " + chain.FormatWei(fee) + " (OP-stack L1 data fee"; !strings.Contains(out, want) {
				t.Fatalf("deposit printed\n%s\nwithout %q", out, want)
			}
		})
	}
}

// README.md and docs/networks.md show the addresses `postage contract
// address` prints.
func TestDocsShowContractAddress(t *testing.T) {
	out := string(runPostage(context.Background(), t, t.TempDir(), nil, "contract", "address"))
	addrs := regexp.MustCompile(`0x[0-9a-fA-F]{40}`).FindAllString(out, -1)
	if len(addrs) != 2 {
		t.Fatalf("contract address printed %q", out)
	}
	for _, f := range []string{"../../README.md", "../../docs/networks.md"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range addrs {
			if !strings.Contains(string(b), a) {
				t.Errorf("%s does not show %s, which postage contract address prints", f, a)
			}
		}
	}
}
