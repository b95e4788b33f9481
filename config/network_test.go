package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postage-mail/postage/chain/networks"
)

func loadString(t *testing.T, s string) (*Config, error) {
	t.Helper()
	t.Setenv("POSTAGE_HOME", t.TempDir())
	p := filepath.Join(t.TempDir(), "postage.toml")
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return Load(p)
}

// chain.network fixes the chain id, the contract, the finality
// confirmations and the fee cap; a public one needs an RPC URL, custom a
// chain id; unknown names and mismatched ids are refused.
func TestChainNetwork(t *testing.T) {
	c, err := loadString(t, "[chain]\nnetwork = \"base\"\nrpc = \"http://127.0.0.1:1\"\n")
	if err != nil {
		t.Fatal(err)
	}
	n, ok := c.Network()
	if !ok || n.Name != "base" || c.Chain.ChainID != 8453 || c.Chain.Contract != networks.CanonicalAddress || c.Policy.Stake.Confirmations != 600 || !n.OPStack {
		t.Fatalf("base: %+v chain %+v confirmations %d", n, c.Chain, c.Policy.Stake.Confirmations)
	}
	c, err = loadString(t, "[chain]\nnetwork = \"custom\"\nchain_id = 1337\nrpc = \"http://127.0.0.1:1\"\nmax_fee = \"3gwei\"\n[policy.stake]\nconfirmations = 2\n")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := c.Network(); c.Chain.ChainID != 1337 || c.Chain.Contract != networks.CanonicalAddress || c.Policy.Stake.Confirmations != 2 || n.Fees.MaxFee.String() != "3000000000" {
		t.Fatalf("custom: %+v %+v", c.Chain, n.Fees)
	}
	if c, err := loadString(t, "[chain]\nrpc = \"http://x\"\ncontract = \"0x00000000000000000000000000000000000000aa\"\n"); err != nil || c.Chain.ChainID != 0 {
		t.Fatalf("no network: %v", err)
	} else if _, ok := c.Network(); ok {
		t.Fatal("no network set, one resolved")
	}
	for _, bad := range []struct{ toml, want string }{
		{"[chain]\nnetwork = \"polygon\"\nrpc = \"http://x\"\n", `unknown network "polygon"`},
		{"[chain]\nnetwork = \"sepolia\"\n", "needs chain.rpc"},
		{"[chain]\nnetwork = \"custom\"\nrpc = \"http://x\"\n", "chain_id"},
		{"[chain]\nnetwork = \"mainnet\"\nchain_id = 5\nrpc = \"http://x\"\n", "is chain 1"},
		{"[chain]\nnetwork = \"mainnet\"\nrpc = \"http://x\"\nmax_fee = \"lots\"\n", "chain.max_fee"},
		{"[chain]\nmax_fee = \"1gwei\"\n", "needs chain.network"},
	} {
		if _, err := loadString(t, bad.toml); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: %v, want an error with %q", bad.toml, err, bad.want)
		}
	}
}

// policy.stake.trusted may name networks: their canonical contracts, each
// on the endpoint under its name.
func TestTrustedNetworks(t *testing.T) {
	c, err := loadString(t, "[policy.stake]\ntrusted = [\"base\", \"optimism\"]\n[policy.stake.rpc]\nbase = \"http://b\"\n10 = \"http://o\"\n")
	if err != nil {
		t.Fatal(err)
	}
	tc, err := c.TrustedContracts()
	if err != nil || len(tc) != 2 || tc[0].Ref.ChainID != 8453 || tc[0].RPC != "http://b" || tc[1].Ref.ChainID != 10 || tc[1].RPC != "http://o" || tc[0].Confirmations != 600 {
		t.Fatalf("%+v, %v", tc, err)
	}
	if _, err := loadString(t, "[policy.stake]\ntrusted = [\"arbitrum\"]\n"); err == nil || !strings.Contains(err.Error(), "policy.stake.rpc.arbitrum") {
		t.Fatalf("arbitrum without an endpoint: %v", err)
	}
}
