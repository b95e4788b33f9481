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
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/canonical"
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
			if !errors.Is(err, chain.ErrNoContract) {
				return fmt.Errorf("recorded contract: %w", err)
			}
			// A crash lost the deployment's block (a chain created before
			// postage's chain was crash-safe, or a lost disk write).
			// Deploy again, at the same address if the developer
			// account's nonce allows it, so that configs naming it work.
			return c.redeploy(ctx, chainID, d)
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
	d, err = c.deployCanonical(ctx, chainID, opts, c.cfg.Delay)
	if err != nil {
		return err
	}
	if err := c.recordDeployment(d); err != nil {
		return err
	}
	c.log.Info("deployed deposit contract", "address", d.Contract, "delay", c.cfg.Delay, "block", d.Block)
	return nil
}

func (c *Chain) deploy(ctx context.Context, chainID *big.Int, opts *bind.TransactOpts, delay time.Duration) (Deployment, error) {
	addr, txHash, err := chain.Deploy(ctx, c.client, opts, delay)
	if err != nil {
		return Deployment{}, err
	}
	rcpt, err := c.client.TransactionReceipt(ctx, txHash)
	if err != nil {
		return Deployment{}, fmt.Errorf("deployment receipt: %w", err)
	}
	return Deployment{
		ChainID:  chainID.Uint64(),
		Contract: addr,
		Delay:    uint64(delay / time.Second),
		Block:    rcpt.BlockNumber.Uint64(),
		TxHash:   txHash,
		Creator:  c.dev.Account.Address,
	}, nil
}

// deployCanonical deploys the contract at its canonical address for delay
// (chain/canonical: CREATE2 through the deterministic deployment proxy,
// installed first if this chain's genesis predates it), so the embedded
// chain's contract has the address every other chain has.
func (c *Chain) deployCanonical(ctx context.Context, chainID *big.Int, opts *bind.TransactOpts, delay time.Duration) (Deployment, error) {
	dep, err := canonical.Deploy(ctx, c.client, opts, delay)
	if err != nil {
		return Deployment{}, err
	}
	d := Deployment{
		ChainID:  chainID.Uint64(),
		Contract: dep.Address,
		Delay:    uint64(delay / time.Second),
		TxHash:   dep.Tx,
		Creator:  c.dev.Account.Address,
	}
	if dep.Tx != (common.Hash{}) {
		rcpt, err := c.client.TransactionReceipt(ctx, dep.Tx)
		if err != nil {
			return Deployment{}, fmt.Errorf("deployment receipt: %w", err)
		}
		d.Block = rcpt.BlockNumber.Uint64()
	}
	return d, nil
}

// maxNonceGap bounds how many filler transactions redeploy sends to reach
// the nonce that recreates the recorded address.
const maxNonceGap = 256

// redeploy replaces a recorded contract that has no code on the chain. The
// address of a contract is fixed by its creator's nonce: when the
// developer account's nonce is at most maxNonceGap below the one that
// created the recorded address, empty transfers to itself bring it there
// and the new deployment lands at the recorded address. Otherwise the
// contract gets a new address, recorded in deployment.json.
func (c *Chain) redeploy(ctx context.Context, chainID *big.Int, old Deployment) error {
	opts, err := DevTransactor(c.cfg.DataDir, c.cfg.KeystoreDir, chainID)
	if err != nil {
		return err
	}
	delay := time.Duration(old.Delay) * time.Second
	if delay == 0 {
		delay = c.cfg.Delay
	}
	if canon, err := canonical.CanonicalAddress(delay); err == nil && canon == old.Contract {
		// CREATE2 recreates the canonical address whatever the nonce.
		d, err := c.deployCanonical(ctx, chainID, opts, delay)
		if err != nil {
			return fmt.Errorf("redeploy the lost contract: %w", err)
		}
		if err := c.recordDeployment(d); err != nil {
			return err
		}
		c.log.Error("the recorded deposit contract was lost in a crash and has been deployed again at the same address; deposits made on it before the crash are gone",
			"address", d.Contract, "block", d.Block)
		return nil
	}
	nonce, err := c.client.NonceAt(ctx, opts.From, nil)
	if err != nil {
		return fmt.Errorf("redeploy: read developer nonce: %w", err)
	}
	target := uint64(0)
	found := false
	for n := nonce; n < nonce+maxNonceGap; n++ {
		if crypto.CreateAddress(opts.From, n) == old.Contract {
			target, found = n, true
			break
		}
	}
	if found {
		for n := nonce; n < target; n++ {
			if err := c.transfer(ctx, opts, n, opts.From, new(big.Int)); err != nil {
				return fmt.Errorf("redeploy: filler transaction %d: %w", n, err)
			}
		}
	}
	d, err := c.deploy(ctx, chainID, opts, delay)
	if err != nil {
		return fmt.Errorf("redeploy the lost contract: %w", err)
	}
	if err := c.recordDeployment(d); err != nil {
		return err
	}
	if d.Contract == old.Contract {
		c.log.Error("the recorded deposit contract was lost in a crash and has been deployed again at the same address; deposits made on it before the crash are gone",
			"address", d.Contract, "block", d.Block)
	} else {
		c.log.Error("the recorded deposit contract was lost in a crash; a new one was deployed at a NEW address (update chain.contract wherever the old one is configured); deposits made on the old one are gone",
			"old", old.Contract, "new", d.Contract, "block", d.Block)
		c.warnings = append(c.warnings, fmt.Sprintf("the deposit contract moved from %s to %s after a crash", old.Contract, d.Contract))
	}
	return nil
}

// transfer sends value from opts' account to to with the given nonce and
// waits for it to be mined.
func (c *Chain) transfer(ctx context.Context, opts *bind.TransactOpts, nonce uint64, to common.Address, value *big.Int) error {
	tip := big.NewInt(1)
	head, err := c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return err
	}
	feeCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip)
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: big.NewInt(int64(ChainID)), Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: 21000, To: &to, Value: value})
	signed, err := opts.Signer(opts.From, tx)
	if err != nil {
		return err
	}
	if err := c.client.SendTransaction(ctx, signed); err != nil {
		return err
	}
	_, err = bind.WaitMined(ctx, c.client, signed.Hash())
	return err
}

func (c *Chain) recordDeployment(d Deployment) error {
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(c.cfg.DataDir, deploymentFile), append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("record deployment: %w", err)
	}
	c.deployment = d
	return nil
}

// DevTransactor unlocks the developer account recorded in dataDir (its key
// in keystoreDir, "" for dataDir/keystore) for signing on chainID. Another
// postage process uses it to sign with the embedded chain's funded account.
func DevTransactor(dataDir, keystoreDir string, chainID *big.Int) (*bind.TransactOpts, error) {
	s, err := DevSigner(dataDir, keystoreDir)
	if err != nil {
		return nil, err
	}
	return s.Transactor(chainID), nil
}

// DevSigner unlocks the developer account recorded in dataDir (its key in
// keystoreDir, "" for dataDir/keystore) with its recorded passphrase.
func DevSigner(dataDir, keystoreDir string) (*chain.Signer, error) {
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
	s, err := ks.Unlock(acct, strings.TrimRight(string(pass), "\r\n"))
	if err != nil {
		return nil, fmt.Errorf("developer account: %w", err)
	}
	return s, nil
}
