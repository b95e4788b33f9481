package config

import (
	"math/big"
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

// CheckChainID passes the chain chain.network or chain.chain_id names,
// refuses another naming the setting, and passes any chain without one.
func TestCheckChainID(t *testing.T) {
	c, err := loadString(t, "[chain]\nnetwork = \"base\"\nrpc = \"http://127.0.0.1:1\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckChainID("http://n", big.NewInt(8453)); err != nil {
		t.Fatalf("base on 8453: %v", err)
	}
	want := "the node at http://n is on chain 1, but chain.network base is chain 8453"
	if err := c.CheckChainID("http://n", big.NewInt(1)); err == nil || err.Error() != want {
		t.Fatalf("base on 1: %v, want %q", err, want)
	}
	c, err = loadString(t, "[chain]\nchain_id = 7\n")
	if err != nil {
		t.Fatal(err)
	}
	want = "the node at u is on chain 8, but chain.chain_id is chain 7"
	if err := c.CheckChainID("u", big.NewInt(8)); err == nil || err.Error() != want {
		t.Fatalf("chain_id 7 on 8: %v, want %q", err, want)
	}
	c, err = loadString(t, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckChainID("u", big.NewInt(8)); err != nil {
		t.Fatalf("no chain id set: %v", err)
	}
}

// The passphrase file is $POSTAGE_PASSWORD_FILE, else chain.password_file
// under the data directory; the embedded chain lives in <data>/chain.
func TestPasswordFileAndChainDir(t *testing.T) {
	t.Setenv("POSTAGE_PASSWORD_FILE", "")
	c, err := loadString(t, "[chain]\npassword_file = \"pw\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.PasswordFile(), filepath.Join(c.DataDir, "pw"); got != want {
		t.Fatalf("password file %q, want %q", got, want)
	}
	if got, want := c.ChainDir(), filepath.Join(c.DataDir, "chain"); got != want {
		t.Fatalf("chain dir %q, want %q", got, want)
	}
	t.Setenv("POSTAGE_PASSWORD_FILE", "/run/pw")
	if got := c.PasswordFile(); got != "/run/pw" {
		t.Fatalf("with $POSTAGE_PASSWORD_FILE: %q", got)
	}
	t.Setenv("POSTAGE_PASSWORD_FILE", "")
	if c, err = loadString(t, ""); err != nil || c.PasswordFile() != "" {
		t.Fatalf("none set: %q, %v", c.PasswordFile(), err)
	}
}

// A command's --contract and --from replace chain.contract and
// chain.account when given, and must be addresses.
func TestSetContractAndAccount(t *testing.T) {
	c, err := loadString(t, "[chain]\ncontract = \"0x00000000000000000000000000000000000000aa\"\naccount = \"0x00000000000000000000000000000000000000bb\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.SetContract("") != nil || c.SetAccount("") != nil || c.Chain.Contract != "0x00000000000000000000000000000000000000aa" || c.Chain.Account != "0x00000000000000000000000000000000000000bb" {
		t.Fatalf("empty flags changed the chain: %+v", c.Chain)
	}
	if err := c.SetContract("0xnope"); err == nil || err.Error() != `"0xnope" is not an address` || c.Chain.Contract != "0x00000000000000000000000000000000000000aa" {
		t.Fatalf("bad contract: %v, %q", err, c.Chain.Contract)
	}
	if err := c.SetAccount("0xnope"); err == nil || err.Error() != `"0xnope" is not an address` || c.Chain.Account != "0x00000000000000000000000000000000000000bb" {
		t.Fatalf("bad account: %v, %q", err, c.Chain.Account)
	}
	if c.SetContract("0x00000000000000000000000000000000000000cc") != nil || c.SetAccount("0x00000000000000000000000000000000000000dd") != nil ||
		c.Chain.Contract != "0x00000000000000000000000000000000000000cc" || c.Chain.Account != "0x00000000000000000000000000000000000000dd" {
		t.Fatalf("set: %+v", c.Chain)
	}
}
