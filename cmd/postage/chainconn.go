package main

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/stake"
)

// chainDir is the embedded chain's data directory.
func chainDir(cfg *config.Config) string { return filepath.Join(cfg.DataDir, "chain") }

// chainConn is a connection to the deposit contract, shared by every
// command that touches the chain.
type chainConn struct {
	cfg      *config.Config
	url      string
	embedded bool // the embedded chain (no --rpc, no chain.rpc)
	client   *ethclient.Client
	chainID  *big.Int
	contract *chain.Contract
	reader   *chain.Reader
}

// dialChain connects to --rpc (rpc), else chain.rpc, else the embedded
// chain running on this machine, without looking for a contract.
func dialChain(ctx context.Context, cfg *config.Config, rpc string) (*chainConn, error) {
	c := &chainConn{cfg: cfg, url: rpc}
	if c.url == "" {
		c.url = cfg.Chain.RPC
	}
	if c.url == "" {
		c.embedded = true
		u, err := devnet.ReadEndpoint(chainDir(cfg))
		if err != nil {
			u = cfg.ChainEndpoint()
		}
		c.url = u
	}
	client, id, err := chain.Dial(ctx, c.url, nil)
	if err != nil {
		if c.embedded && errors.Is(err, chain.ErrUnreachable) {
			return nil, fmt.Errorf("no chain at %s: start `postage chain` (or `postage serve`), or pass --rpc URL", strings.TrimPrefix(c.url, "http://"))
		}
		return nil, fmt.Errorf("chain at %s: %w", c.url, err)
	}
	if err := checkChainID(cfg, c.url, id); err != nil {
		client.Close()
		return nil, err
	}
	c.client, c.chainID = client, id
	return c, nil
}

// connectChain dials --rpc (rpc), else chain.rpc, else the embedded chain
// running on this machine, and finds the deposit contract: chain.contract,
// else the embedded chain's deployment.
func connectChain(ctx context.Context, cfg *config.Config, rpc string) (*chainConn, error) {
	c, err := dialChain(ctx, cfg, rpc)
	if err != nil {
		return nil, err
	}
	client, id := c.client, c.chainID
	var addr common.Address
	switch {
	case cfg.Chain.Contract != "":
		if !common.IsHexAddress(cfg.Chain.Contract) {
			client.Close()
			return nil, fmt.Errorf("config: chain.contract %q is not an address", cfg.Chain.Contract)
		}
		addr = common.HexToAddress(cfg.Chain.Contract)
	case c.embedded:
		dep, err := devnet.ReadDeployment(chainDir(cfg))
		if err != nil {
			client.Close()
			return nil, fmt.Errorf("embedded chain has no deployment record: %w", err)
		}
		if dep.ChainID != id.Uint64() {
			client.Close()
			return nil, fmt.Errorf("the chain at %s has id %d, but the embedded deployment is on %d", c.url, id, dep.ChainID)
		}
		addr = dep.Contract
	default:
		// --rpc naming the embedded chain (another port, another process):
		// its deployment record applies when the chain id matches.
		dep, err := devnet.ReadDeployment(chainDir(cfg))
		if err != nil || dep.ChainID != id.Uint64() {
			client.Close()
			return nil, fmt.Errorf("chain %s: no deposit contract configured: set chain.contract in the config or pass --contract", c.url)
		}
		addr = dep.Contract
	}
	c.contract = chain.NewContract(client, addr)
	// Follow only a genuine build of the deposit contract (chain/canonical:
	// the runtime code is this build's or a listed release's); no code at
	// all is Check's ErrNoContract.
	if err := verifyBuild(ctx, client, addr); err != nil {
		client.Close()
		return nil, fmt.Errorf("deposit contract %s on chain %d: %w", addr, id, err)
	}
	if err := c.contract.Check(ctx); err != nil {
		client.Close()
		return nil, fmt.Errorf("deposit contract %s on chain %d: %w", addr, id, err)
	}
	c.reader = chain.NewReader(c.contract)
	return c, nil
}

func (c *chainConn) Close() { c.client.Close() }

// ref is this contract as the receiver policy names it.
func (c *chainConn) ref() postage.ContractRef {
	return postage.ContractRef{ChainID: c.chainID.Uint64(), Address: stake.Address(c.contract.Address())}
}

// deposits adapts the reader for the checker.
func (c *chainConn) deposits(confirmations uint64) *chain.Deposits {
	return &chain.Deposits{Reader: c.reader, ChainID: c.chainID.Uint64(), Confirmations: confirmations}
}

// unlock unlocks the account that signs: chain.account (or the first
// account) in the keystore, with the passphrase from chain.password_file or
// $POSTAGE_PASSWORD_FILE. On the embedded chain with no keystore account,
// the chain's funded developer account signs.
func (c *chainConn) unlock() (*bind.TransactOpts, error) {
	ks := chain.OpenKeystoreLight(c.cfg.KeystoreDir())
	accts := ks.Accounts()
	if len(accts) == 0 || (c.embedded && c.cfg.Chain.Account == "" && passwordFile(c.cfg) == "") {
		if c.embedded {
			// The developer key lives in the user's keystore when `postage
			// chain` put it there, else in the chain's own directory.
			opts, err := devnet.DevTransactor(chainDir(c.cfg), c.cfg.KeystoreDir(), c.chainID)
			if err != nil {
				opts, err = devnet.DevTransactor(chainDir(c.cfg), "", c.chainID)
			}
			if err == nil {
				return opts, nil
			}
			if len(accts) == 0 {
				return nil, fmt.Errorf("no account: the embedded chain's developer account: %v; or create one with `postage account new`", err)
			}
		} else {
			return nil, fmt.Errorf("no account in %s: create one with `postage account new` or import one with `postage account import`", ks.Dir())
		}
	}
	acct := accts[0]
	if a := c.cfg.Chain.Account; a != "" {
		if !common.IsHexAddress(a) {
			return nil, fmt.Errorf("config: chain.account %q is not an address", a)
		}
		found, err := ks.Find(common.HexToAddress(a))
		if err != nil {
			return nil, err
		}
		acct = found
	}
	pf := passwordFile(c.cfg)
	if pf == "" {
		return nil, fmt.Errorf("account %s is locked: set chain.password_file or POSTAGE_PASSWORD_FILE to a file holding its passphrase", acct.Address)
	}
	pass, err := os.ReadFile(pf)
	if err != nil {
		return nil, fmt.Errorf("read passphrase: %w", err)
	}
	return ks.Transactor(acct, strings.TrimRight(string(pass), "\r\n"), c.chainID)
}

func passwordFile(cfg *config.Config) string {
	if p := os.Getenv("POSTAGE_PASSWORD_FILE"); p != "" {
		return p
	}
	if cfg.Chain.PasswordFile != "" {
		return cfg.Path(cfg.Chain.PasswordFile)
	}
	return ""
}

// writer signs and sends contract transactions.
func (c *chainConn) writer() (*chain.Writer, error) {
	opts, err := c.transactor()
	if err != nil {
		return nil, err
	}
	return chain.NewWriter(c.contract, opts), nil
}

// verifyBuild refuses a contract whose code is not an accepted build of the
// deposit contract (canonical.VerifyBuild); an address without code passes
// here for Contract.Check to report.
func verifyBuild(ctx context.Context, client *ethclient.Client, addr common.Address) error {
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
