// Package connect finds the chain and the contracts postage uses, from
// plain settings (the command line fills them from the configuration): the
// chain at an RPC URL or the embedded chain on this machine, its deposit
// contract (configured, or the embedded chain's deployment), a trusted
// contract on its own chain, the TicketBook, and the account that signs.
// It refuses a contract whose code is not an accepted build
// (chain/canonical).
package connect

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/devnet"
)

// Options say where the chain is and who signs.
type Options struct {
	// RPC is the JSON-RPC URL (--rpc, else chain.rpc); "" is the embedded
	// chain on this machine.
	RPC string
	// ChainDir is the embedded chain's data directory.
	ChainDir string
	// Endpoint is where the embedded chain listens when it recorded no
	// endpoint of its own (chain.listen).
	Endpoint string
	// Contract is the deposit contract (chain.contract); "" is the
	// embedded chain's deployment.
	Contract string
	// KeystoreDir, Account (chain.account; "" the first, or on the
	// embedded chain its developer account) and PasswordFile (its
	// passphrase; "" none) choose the signing key.
	KeystoreDir  string
	Account      string
	PasswordFile string
	// CheckChain, if set, vets the chain id the node at url reports (the
	// configured network's); its error refuses the connection.
	CheckChain func(url string, id *big.Int) error
}

// Dial connects to the chain without looking for a contract.
func Dial(ctx context.Context, o Options) (*chain.Conn, error) {
	url, embedded := o.RPC, false
	if url == "" {
		embedded = true
		u, err := devnet.ReadEndpoint(o.ChainDir)
		if err != nil {
			u = o.Endpoint
		}
		url = u
	}
	c, err := chain.DialConn(ctx, url)
	if err != nil {
		if embedded && errors.Is(err, chain.ErrUnreachable) {
			return nil, fmt.Errorf("no chain at %s: start `postage chain` (or `postage serve`), or pass --rpc URL", strings.TrimPrefix(url, "http://"))
		}
		return nil, fmt.Errorf("chain at %s: %w", url, err)
	}
	c.Embedded = embedded
	if o.CheckChain != nil {
		if err := o.CheckChain(c.URL, c.ChainID); err != nil {
			c.Close()
			return nil, err
		}
	}
	return c, nil
}

// Deposits connects to the chain and finds the deposit contract:
// o.Contract, else the embedded chain's deployment.
func Deposits(ctx context.Context, o Options) (*chain.Conn, error) {
	c, err := Dial(ctx, o)
	if err != nil {
		return nil, err
	}
	addr, err := depositContract(c, o)
	if err == nil {
		err = attach(ctx, c, addr)
		if err != nil {
			err = fmt.Errorf("deposit contract %s on chain %d: %w", addr, c.ChainID, err)
		}
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func depositContract(c *chain.Conn, o Options) (common.Address, error) {
	id := c.ChainID.Uint64()
	switch {
	case o.Contract != "":
		if !common.IsHexAddress(o.Contract) {
			return common.Address{}, fmt.Errorf("config: chain.contract %q is not an address", o.Contract)
		}
		return common.HexToAddress(o.Contract), nil
	case c.Embedded:
		dep, err := devnet.ReadDeployment(o.ChainDir)
		if err != nil {
			return common.Address{}, fmt.Errorf("embedded chain has no deployment record: %w", err)
		}
		if dep.ChainID != id {
			return common.Address{}, fmt.Errorf("the chain at %s has id %d, but the embedded deployment is on %d", c.URL, id, dep.ChainID)
		}
		return dep.Contract, nil
	default:
		// --rpc naming the embedded chain (another port, another process):
		// its deployment record applies when the chain id matches.
		dep, err := devnet.ReadDeployment(o.ChainDir)
		if err != nil || dep.ChainID != id {
			return common.Address{}, fmt.Errorf("chain %s: no deposit contract configured: set chain.contract in the config or pass --contract", c.URL)
		}
		return dep.Contract, nil
	}
}

// attach follows the deposit contract at addr: only a genuine build
// (VerifyBuild), with the contract's own check passing.
func attach(ctx context.Context, c *chain.Conn, addr common.Address) error {
	if err := VerifyBuild(ctx, c.Client, addr); err != nil {
		return err
	}
	contract := chain.NewContract(c.Client, addr)
	if err := contract.Check(ctx); err != nil {
		return err
	}
	c.Contract, c.Reader = contract, chain.NewReader(contract)
	return nil
}

// Trusted connects to a policy.stake.trusted contract on its own endpoint
// and checks that it is that chain and that the contract is there.
func Trusted(ctx context.Context, rpc string, ref postage.ContractRef) (*chain.Conn, error) {
	c, err := chain.DialConn(ctx, rpc)
	if err != nil {
		return nil, fmt.Errorf("trusted contract %s: chain at %s: %w", ref, rpc, err)
	}
	if id := c.ChainID.Uint64(); id != ref.ChainID {
		c.Close()
		return nil, fmt.Errorf("trusted contract %s: the chain at %s has id %d, not %d", ref, rpc, id, ref.ChainID)
	}
	if err := attach(ctx, c, common.Address(ref.Address)); err != nil {
		c.Close()
		return nil, fmt.Errorf("trusted contract %s at %s: %w", ref, rpc, err)
	}
	return c, nil
}

// VerifyBuild refuses a contract whose code is not an accepted build of the
// deposit contract (canonical.VerifyBuild); an address without code passes
// here for Contract.Check to report.
func VerifyBuild(ctx context.Context, client *ethclient.Client, addr common.Address) error {
	_, err := canonical.VerifyBuild(ctx, client, addr)
	var ve *canonical.VerifyError
	switch {
	case errors.As(err, &ve) && ve.Reason == canonical.NoCode:
		return nil
	case ve != nil:
		return fmt.Errorf("refusing to follow it: %w", err)
	}
	return err
}
