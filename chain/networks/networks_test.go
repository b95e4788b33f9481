package networks_test

import (
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/chain/networks"
)

// Every fixture records this build's canonical address, its runtime
// code's hash and the canonical delay; the package's copy of the address
// is the computed one.
func TestFixturesMatchBuild(t *testing.T) {
	addr, err := canonical.CanonicalAddress(canonical.CanonicalDelay)
	if err != nil {
		t.Fatal(err)
	}
	ic, _ := canonical.PostageInitCode(canonical.CanonicalDelay)
	rc, err := canonical.RuntimeCode(ic)
	if err != nil {
		t.Fatal(err)
	}
	hash := crypto.Keccak256Hash(rc)
	if common.HexToAddress(networks.CanonicalAddress) != addr || networks.CanonicalAddress != addr.Hex() {
		t.Fatalf("networks.CanonicalAddress %s, the build's %s", networks.CanonicalAddress, addr.Hex())
	}
	if networks.CanonicalDelaySeconds*1e9 != int64(canonical.CanonicalDelay) {
		t.Fatalf("CanonicalDelaySeconds %d", networks.CanonicalDelaySeconds)
	}
	all := networks.All()
	if len(all) != 6 {
		t.Fatalf("%d presets offered, want embedded, mainnet, sepolia, base, optimism, arbitrum", len(all))
	}
	ids := map[uint64]string{}
	for _, n := range all {
		f, err := networks.ReadFixture(n.Name)
		if err != nil {
			t.Fatal(err)
		}
		if common.HexToAddress(f.Address) != addr || common.HexToHash(f.CodeHash) != hash || f.Delay != networks.CanonicalDelaySeconds {
			t.Errorf("fixture %s: address %s code hash %s delay %d; the build: %s %s %d", n.Name, f.Address, f.CodeHash, f.Delay, addr, hash, networks.CanonicalDelaySeconds)
		}
		if n.ChainID != f.ChainID || n.Contract != f.Address || n.CodeHash != f.CodeHash {
			t.Errorf("preset %s differs from its fixture", n.Name)
		}
		if o, dup := ids[n.ChainID]; dup {
			t.Errorf("%s and %s share chain id %d", n.Name, o, n.ChainID)
		}
		ids[n.ChainID] = n.Name
		if n.Fees.MaxFee == nil || n.Fees.MaxTip == nil || n.Fees.MaxTip.Cmp(n.Fees.MaxFee) > 0 || n.BlockTime <= 0 || n.Confirmations == 0 {
			t.Errorf("preset %s: incomplete settings %+v", n.Name, n)
		}
	}
	for name, id := range map[string]uint64{"embedded": devnet.ChainID, "mainnet": 1, "sepolia": 11155111, "base": 8453, "optimism": 10, "arbitrum": 42161} {
		if n, err := networks.Lookup(name); err != nil || n.ChainID != id {
			t.Errorf("Lookup(%s) = chain %d, %v; want %d", name, n.ChainID, err, id)
		}
	}
	if b, _ := networks.Lookup("base"); !b.OPStack {
		t.Error("base is an OP-stack chain")
	}
}

// A network without a fixture is not offered; custom needs a chain id; a
// preset refuses another chain id; a max fee caps the tip too.
func TestLookupAndResolve(t *testing.T) {
	_, err := networks.Lookup("polygon")
	if err == nil || !strings.Contains(err.Error(), "custom") {
		t.Fatalf("Lookup(polygon): %v", err)
	}
	if _, err := networks.Lookup(networks.Custom); err == nil {
		t.Fatal("custom is no preset")
	}
	if _, err := networks.Resolve("custom", 0, nil); err == nil {
		t.Fatal("custom without a chain id resolved")
	}
	c, err := networks.Resolve("custom", 1337, nil)
	if err != nil || c.ChainID != 1337 || c.Contract != networks.CanonicalAddress || c.Confirmations != 0 || c.Fees.MaxFee != nil {
		t.Fatalf("custom: %+v, %v", c, err)
	}
	if _, err := networks.Resolve("sepolia", 1, nil); err == nil || !strings.Contains(err.Error(), "11155111") {
		t.Fatalf("sepolia on chain 1: %v", err)
	}
	m, err := networks.Resolve("mainnet", 1, big.NewInt(1e9))
	if err != nil || m.Fees.MaxFee.Int64() != 1e9 || m.Fees.MaxTip.Int64() != 1e9 {
		t.Fatalf("mainnet capped at 1 gwei: %+v, %v", m.Fees, err)
	}
	if n, ok := networks.ByChainID(8453); !ok || n.Name != "base" {
		t.Fatalf("ByChainID(8453) = %v %v", n.Name, ok)
	}
	if got := networks.Names(); got[len(got)-1] != "custom" || len(got) != 7 {
		t.Fatalf("Names() = %v", got)
	}
}

// Table lists every preset with its fee cap in gwei, then custom.
func TestTable(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(networks.Table(), "\n"), "\n")
	if len(lines) != len(networks.All())+2 || !strings.HasPrefix(lines[0], "network     chain id confirmations") || !strings.HasPrefix(lines[len(lines)-1], "custom      chain_id        policy") {
		t.Fatalf("table:\n%s", strings.Join(lines, "\n"))
	}
	want := "base            8453           600         2s       1 gwei  Base (OP stack; pays an L1 data fee)"
	if !slices.Contains(lines, want) {
		t.Fatalf("no line %q in\n%s", want, strings.Join(lines, "\n"))
	}
}
