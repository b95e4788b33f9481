package main

import (
	"context"
	"math/big"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/connect"
	"github.com/postage-mail/postage/config"
)

// chainDir is the embedded chain's data directory.
func chainDir(cfg *config.Config) string { return filepath.Join(cfg.DataDir, "chain") }

// chainOptions are the connection settings of cfg, with --rpc (rpc) over
// chain.rpc.
func chainOptions(cfg *config.Config, rpc string) connect.Options {
	if rpc == "" {
		rpc = cfg.Chain.RPC
	}
	return connect.Options{
		RPC: rpc, ChainDir: chainDir(cfg), Endpoint: cfg.ChainEndpoint(), Contract: cfg.Chain.Contract,
		KeystoreDir: cfg.KeystoreDir(), Account: cfg.Chain.Account, PasswordFile: passwordFile(cfg),
		CheckChain: func(url string, id *big.Int) error { return checkChainID(cfg, url, id) },
	}
}

// passwordFile is the signing account's passphrase file:
// $POSTAGE_PASSWORD_FILE, else chain.password_file.
func passwordFile(cfg *config.Config) string {
	if p := os.Getenv("POSTAGE_PASSWORD_FILE"); p != "" {
		return p
	}
	if cfg.Chain.PasswordFile != "" {
		return cfg.Path(cfg.Chain.PasswordFile)
	}
	return ""
}

// chainConn is a chain.Conn (chain/connect) with the configuration its
// signer comes from, its parts under the names the commands use.
type chainConn struct {
	*chain.Conn
	cfg      *config.Config
	url      string
	embedded bool
	client   *ethclient.Client
	chainID  *big.Int
	contract *chain.Contract
	reader   *chain.Reader
	// minConfirmations floors what deposits asks (a trusted network's
	// finality).
	minConfirmations uint64
}

func wrapConn(cfg *config.Config, c *chain.Conn, err error) (*chainConn, error) {
	if err != nil {
		return nil, err
	}
	return &chainConn{Conn: c, cfg: cfg, url: c.URL, embedded: c.Embedded, client: c.Client, chainID: c.ChainID, contract: c.Contract, reader: c.Reader}, nil
}

// dialChain connects to --rpc (rpc), else chain.rpc, else the embedded
// chain running on this machine, without looking for a contract.
func dialChain(ctx context.Context, cfg *config.Config, rpc string) (*chainConn, error) {
	c, err := connect.Dial(ctx, chainOptions(cfg, rpc))
	return wrapConn(cfg, c, err)
}

// connectChain is dialChain finding the deposit contract too:
// chain.contract, else the embedded chain's deployment.
func connectChain(ctx context.Context, cfg *config.Config, rpc string) (*chainConn, error) {
	c, err := connect.Deposits(ctx, chainOptions(cfg, rpc))
	return wrapConn(cfg, c, err)
}

// ref is this contract as the receiver policy names it.
func (c *chainConn) ref() postage.ContractRef { return c.Ref() }

// deposits adapts the reader for the checker.
func (c *chainConn) deposits(confirmations uint64) *chain.Deposits {
	return c.Deposits(max(confirmations, c.minConfirmations))
}

// signer unlocks the signing account (connect.Signer).
func (c *chainConn) signer() (*chain.Signer, error) {
	return connect.Signer(chainOptions(c.cfg, ""), c.Conn)
}

// unlock is the signing account's transaction options (transactor, in
// network.go, caps their fees).
func (c *chainConn) unlock() (*bind.TransactOpts, error) {
	s, err := c.signer()
	if err != nil {
		return nil, err
	}
	return s.Transactor(c.chainID), nil
}

// writer signs and sends contract transactions.
func (c *chainConn) writer() (*chain.Writer, error) {
	opts, err := c.transactor()
	if err != nil {
		return nil, err
	}
	return chain.NewWriter(c.contract, opts), nil
}
