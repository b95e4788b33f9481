package config

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/networks"
	"github.com/postage-mail/postage/wei"
)

// applyNetwork resolves chain.network (chain/networks presets, or custom)
// into the settings it fixes: the chain id the RPC endpoint must report
// (chain.chain_id), the deposit contract (chain.contract, unless set), and
// at least the preset's confirmations for finality
// (policy.stake.confirmations). Empty: nothing is fixed, chain.rpc and
// chain.contract are used as given (and chain.chain_id, if set, is
// checked).
func (c *Config) applyNetwork() error {
	var maxFee *big.Int
	if s := strings.TrimSpace(c.Chain.MaxFee); s != "" {
		v, err := wei.Parse(s)
		if err != nil || v.Sign() <= 0 {
			return fmt.Errorf("config: chain.max_fee %q: want a fee per gas such as 50gwei", s)
		}
		maxFee = v
	}
	name := strings.TrimSpace(c.Chain.Network)
	if name == "" {
		if maxFee != nil {
			return fmt.Errorf("config: chain.max_fee needs chain.network (the preset's fee strategy it caps)")
		}
		return nil
	}
	n, err := networks.Resolve(name, c.Chain.ChainID, maxFee)
	if err != nil {
		return fmt.Errorf("config: chain.network: %w", err)
	}
	if n.Public && strings.TrimSpace(c.Chain.RPC) == "" {
		return fmt.Errorf("config: chain.network = %q needs chain.rpc, the JSON-RPC URL of a node of that chain (chain id %d)", name, n.ChainID)
	}
	c.net = &n
	c.Chain.ChainID = n.ChainID
	if c.Chain.Contract == "" && name != networks.Embedded {
		c.Chain.Contract = n.Contract
	}
	if n.Confirmations > c.Policy.Stake.Confirmations {
		c.Policy.Stake.Confirmations = n.Confirmations
	}
	return nil
}

// Network is the resolved chain.network, false when none is set.
func (c *Config) Network() (networks.Network, bool) {
	if c.net == nil {
		return networks.Network{}, false
	}
	return *c.net, true
}

// trustedNetwork reads a policy.stake.trusted entry that names a network
// preset ("base"): its canonical contract, with the endpoint from
// policy.stake.rpc under the network's name or its chain id.
func (c *Config) trustedNetwork(t string) (TrustedContract, bool, error) {
	n, err := networks.Lookup(t)
	if err != nil {
		return TrustedContract{}, false, nil
	}
	ref, err := ParseContractRef(strconv.FormatUint(n.ChainID, 10) + ":" + n.Contract)
	if err != nil {
		return TrustedContract{}, true, err
	}
	rpc := strings.TrimSpace(c.Policy.Stake.RPC[t])
	if rpc == "" {
		rpc = strings.TrimSpace(c.Policy.Stake.RPC[strconv.FormatUint(n.ChainID, 10)])
	}
	if rpc == "" {
		return TrustedContract{}, true, fmt.Errorf("config: policy.stake.trusted %q: no endpoint: set policy.stake.rpc.%s = \"URL\" (each trusted network is followed by its own reader)", t, t)
	}
	return TrustedContract{Ref: ref, RPC: rpc, Confirmations: n.Confirmations}, true, nil
}

// CheckChainID refuses an endpoint at url whose chain (id) is not the one
// chain.network (or chain.chain_id) names; any chain passes when neither
// is set.
func (c *Config) CheckChainID(url string, id *big.Int) error {
	want := c.Chain.ChainID
	if want == 0 || id.Uint64() == want {
		return nil
	}
	name := "chain.chain_id"
	if n, ok := c.Network(); ok {
		name = "chain.network " + n.Name
	}
	return fmt.Errorf("the node at %s is on chain %d, but %s is chain %d", url, id, name, want)
}

// SetContract sets chain.contract to addr, a command's --contract; ""
// keeps the configured one.
func (c *Config) SetContract(addr string) error { return setAddress(&c.Chain.Contract, addr) }

// SetAccount sets chain.account to addr, a command's --from; "" keeps the
// configured one.
func (c *Config) SetAccount(addr string) error { return setAddress(&c.Chain.Account, addr) }

func setAddress(dst *string, addr string) error {
	if addr == "" {
		return nil
	}
	if !common.IsHexAddress(addr) {
		return fmt.Errorf("%q is not an address", addr)
	}
	*dst = addr
	return nil
}
