// Package networks holds postage's network presets: for each chain a
// receiver or sender can name with chain.network, its chain id, the
// canonical deposit contract address, the confirmations a receiver
// requires for finality, the expected block time and the fee strategy.
//
// A preset is offered only when it ships with a committed fixture
// (fixtures/<name>.json, embedded in the binary) recording its chain id and
// the code hash this build expects at the canonical address; a network
// without one is not offered (Lookup refuses it). The fixtures record what
// the build expects on that chain: the postage authors have not deployed
// the contract on public chains, anyone can (postage contract deploy), and
// every deployment of this build lands at the same address with this code
// hash. TestFixturesMatchBuild keeps the fixtures equal to the build;
// cmd/postage's TestNetworkFixturesReplay replays each against a local
// chain started with its chain id.
//
// The package imports no go-ethereum (config validates names with it):
// addresses and hashes are hex strings.
package networks

import (
	"embed"
	"encoding/json"
	"fmt"
	"math/big"
	"path"
	"sort"
	"strings"
	"time"
)

// Custom is the network name for any other EVM chain: the user gives its
// RPC URL and chain id, the contract is at the canonical address.
const Custom = "custom"

// Embedded is the preset of the embedded chain (`postage chain`).
const Embedded = "embedded"

// CanonicalAddress is the canonical deposit contract (3-day delay) of this
// build on every chain; chain/canonical computes it from the bytecode and
// its tests check this copy.
const CanonicalAddress = "0x9f3cbe08042e996554B1c07BEA12D2413b548461"

// CanonicalDelaySeconds is the canonical contract's withdrawal delay.
const CanonicalDelaySeconds = 259200

// Fees is a preset's fee strategy: EIP-1559 transactions whose fee cap
// (maxFeePerGas) is at most MaxFee, with a priority fee (tip) of at most
// MaxTip. chain.max_fee overrides MaxFee. Zero: no cap (the node's
// suggestion).
type Fees struct {
	MaxFee *big.Int // wei per gas
	MaxTip *big.Int // wei per gas
}

// Network is one preset.
type Network struct {
	Name    string
	ChainID uint64
	// Contract is the canonical deposit contract's address (hex).
	Contract string
	// CodeHash is the keccak256 of the runtime code the fixture records at
	// Contract (hex).
	CodeHash string
	// Confirmations a receiver requires before it counts a deposit: the
	// chain's finality (policy.stake.confirmations can only raise it).
	Confirmations uint64
	// BlockTime is the expected time between blocks.
	BlockTime time.Duration
	Fees      Fees
	// OPStack: transactions also pay an L1 data fee, read from the
	// GasPriceOracle predeploy (L1FeeOracle).
	OPStack bool
	// Public: a public chain (an RPC URL is required).
	Public bool
	// Note is one line for docs and `postage contract networks`.
	Note string
}

// L1FeeOracle is the OP-stack GasPriceOracle predeploy.
const L1FeeOracle = "0x420000000000000000000000000000000000000F"

func gwei(f float64) *big.Int {
	v, _ := new(big.Float).Mul(big.NewFloat(f), big.NewFloat(1e9)).Int(nil)
	return v
}

// params are the presets' settings; a preset is offered only with its
// fixture. Finality: Ethereum finalizes after two epochs (64 slots of 12
// s); an OP-stack or Arbitrum block is final once the L1 batch carrying it
// is, about 20 minutes after it.
var params = map[string]Network{
	Embedded: {Confirmations: 1, BlockTime: time.Second, Fees: Fees{MaxFee: gwei(1000), MaxTip: gwei(1)},
		Note: "the embedded chain of `postage chain` / `postage serve` (one host)"},
	"mainnet": {Confirmations: 64, BlockTime: 12 * time.Second, Fees: Fees{MaxFee: gwei(100), MaxTip: gwei(2)}, Public: true,
		Note: "Ethereum mainnet (finalized after 2 epochs)"},
	"sepolia": {Confirmations: 64, BlockTime: 12 * time.Second, Fees: Fees{MaxFee: gwei(100), MaxTip: gwei(2)}, Public: true,
		Note: "Ethereum's Sepolia testnet (test ETH from a faucet)"},
	"base": {Confirmations: 600, BlockTime: 2 * time.Second, Fees: Fees{MaxFee: gwei(1), MaxTip: gwei(0.001)}, OPStack: true, Public: true,
		Note: "Base (OP stack; pays an L1 data fee)"},
	"optimism": {Confirmations: 600, BlockTime: 2 * time.Second, Fees: Fees{MaxFee: gwei(1), MaxTip: gwei(0.001)}, OPStack: true, Public: true,
		Note: "OP Mainnet (OP stack; pays an L1 data fee)"},
	"arbitrum": {Confirmations: 4800, BlockTime: 250 * time.Millisecond, Fees: Fees{MaxFee: gwei(1), MaxTip: big.NewInt(0)}, Public: true,
		Note: "Arbitrum One (its L1 cost is folded into the gas it charges)"},
}

// Fixture is a committed fixtures/<name>.json.
type Fixture struct {
	Network  string `json:"network"`
	ChainID  uint64 `json:"chainId"`
	Address  string `json:"address"`
	CodeHash string `json:"codeHash"`
	Delay    uint64 `json:"delaySeconds"`
	Note     string `json:"note"`
}

//go:embed fixtures/*.json
var fixtureFS embed.FS

var presets = load()

func load() map[string]Network {
	out := map[string]Network{}
	ents, err := fixtureFS.ReadDir("fixtures")
	if err != nil {
		panic("networks: " + err.Error()) // embedded: cannot happen
	}
	for _, e := range ents {
		f, err := ReadFixture(strings.TrimSuffix(e.Name(), ".json"))
		if err != nil {
			panic("networks: " + err.Error()) // TestFixtures catches it first
		}
		n, ok := params[f.Network]
		if !ok {
			continue // a fixture without settings offers nothing
		}
		n.Name, n.ChainID, n.Contract, n.CodeHash = f.Network, f.ChainID, f.Address, f.CodeHash
		out[n.Name] = n
	}
	return out
}

// ReadFixture decodes the committed fixture of network name.
func ReadFixture(name string) (Fixture, error) {
	var f Fixture
	b, err := fixtureFS.ReadFile(path.Join("fixtures", name+".json"))
	if err != nil {
		return f, fmt.Errorf("network %q has no fixture: %w", name, err)
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return f, fmt.Errorf("fixture %s.json: %w", name, err)
	}
	if f.Network != name || f.ChainID == 0 || len(f.Address) != 42 || len(f.CodeHash) != 66 {
		return f, fmt.Errorf("fixture %s.json: want network %q, a chain id, an address and a code hash", name, name)
	}
	return f, nil
}

// Names lists the offered presets, sorted, and then "custom".
func Names() []string {
	out := make([]string, 0, len(presets)+1)
	for n := range presets {
		out = append(out, n)
	}
	sort.Strings(out)
	return append(out, Custom)
}

// All returns the offered presets, sorted by name.
func All() []Network {
	var out []Network
	for _, n := range Names() {
		if p, ok := presets[n]; ok {
			out = append(out, p)
		}
	}
	return out
}

// Lookup returns preset name. "custom" is not a preset (Resolve).
func Lookup(name string) (Network, error) {
	if p, ok := presets[name]; ok {
		return p, nil
	}
	return Network{}, fmt.Errorf("unknown network %q: want one of %s (a network ships only with a committed fixture)", name, strings.Join(Names(), ", "))
}

// ByChainID returns the preset for chain id, if one is offered.
func ByChainID(id uint64) (Network, bool) {
	for _, p := range presets {
		if p.ChainID == id {
			return p, true
		}
	}
	return Network{}, false
}

// Resolve returns the network name names; for "custom", a network on
// chainID with the canonical address, policy.stake.confirmations as they
// are (Confirmations 0: postage cannot know the chain's finality), no
// expected block time and no fee cap unless maxFee is set.
// maxFee (wei per gas, nil: the preset's) overrides the fee cap.
func Resolve(name string, chainID uint64, maxFee *big.Int) (Network, error) {
	var n Network
	switch name {
	case Custom:
		if chainID == 0 {
			return n, fmt.Errorf("network custom needs chain.chain_id")
		}
		n = Network{Name: Custom, ChainID: chainID, Contract: CanonicalAddress, Public: true, Note: "any other EVM chain"}
	default:
		p, err := Lookup(name)
		if err != nil {
			return n, err
		}
		if chainID != 0 && chainID != p.ChainID {
			return n, fmt.Errorf("network %s is chain %d, but chain.chain_id is %d", name, p.ChainID, chainID)
		}
		n = p
	}
	if maxFee != nil {
		n.Fees.MaxFee = maxFee
		if n.Fees.MaxTip != nil && n.Fees.MaxTip.Cmp(maxFee) > 0 {
			n.Fees.MaxTip = maxFee
		}
	}
	return n, nil
}
