package devnet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"

	"github.com/postage-mail/postage/chain"
)

// ensureDeployment reuses the recorded contract or, on first start, deploys
// one from the developer account and records it.
func (c *Chain) ensureDeployment(ctx context.Context) error {
	chainID, err := c.client.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("read chain id: %w", err)
	}
	d, err := ReadDeployment(c.cfg.DataDir)
	switch {
	case err == nil:
		if d.ChainID != chainID.Uint64() {
			return fmt.Errorf("%s records chain %d but the chain is %d", deploymentFile, d.ChainID, chainID)
		}
		if err := chain.NewContract(c.client, d.Contract).Check(ctx); err != nil {
			return fmt.Errorf("recorded contract: %w", err)
		}
		if want := uint64(c.cfg.Delay / time.Second); c.delaySet && want != d.Delay {
			c.warnings = append(c.warnings, fmt.Sprintf("the contract on this chain has a withdrawal delay of %v; the requested %v applies only to a new data dir",
				time.Duration(d.Delay)*time.Second, c.cfg.Delay))
		}
		c.deployment = d
		return nil
	case !errors.Is(err, os.ErrNotExist):
		return err
	}

	opts, err := DevTransactor(c.cfg.DataDir, c.cfg.KeystoreDir, chainID)
	if err != nil {
		return err
	}
	addr, txHash, err := chain.Deploy(ctx, c.client, opts, c.cfg.Delay)
	if err != nil {
		return err
	}
	rcpt, err := c.client.TransactionReceipt(ctx, txHash)
	if err != nil {
		return fmt.Errorf("deployment receipt: %w", err)
	}
	d = Deployment{
		ChainID:  chainID.Uint64(),
		Contract: addr,
		Delay:    uint64(c.cfg.Delay / time.Second),
		Block:    rcpt.BlockNumber.Uint64(),
		TxHash:   txHash,
		Creator:  c.dev.Account.Address,
	}
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(c.cfg.DataDir, deploymentFile), append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("record deployment: %w", err)
	}
	c.deployment = d
	c.log.Info("deployed deposit contract", "address", addr, "delay", c.cfg.Delay, "block", d.Block)
	return nil
}

// DevTransactor unlocks the developer account recorded in dataDir (its key
// in keystoreDir, "" for dataDir/keystore) for signing on chainID. Another
// postage process uses it to sign with the embedded chain's funded account.
func DevTransactor(dataDir, keystoreDir string, chainID *big.Int) (*bind.TransactOpts, error) {
	if keystoreDir == "" {
		keystoreDir = filepath.Join(dataDir, "keystore")
	}
	dev, err := ReadDevAccount(dataDir)
	if err != nil {
		return nil, err
	}
	pass, err := os.ReadFile(dev.PassphraseFile)
	if err != nil {
		return nil, fmt.Errorf("read developer passphrase: %w", err)
	}
	ks := chain.OpenKeystoreLight(keystoreDir)
	acct, err := ks.Find(dev.Account.Address)
	if err != nil {
		return nil, fmt.Errorf("developer account: %w", err)
	}
	opts, err := ks.Transactor(acct, strings.TrimRight(string(pass), "\r\n"), chainID)
	if err != nil {
		return nil, fmt.Errorf("developer account: %w", err)
	}
	return opts, nil
}
