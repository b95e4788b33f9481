package devnet

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/chain"
)

const (
	relayAccountFile = "relay-account.json"
	relayPassFile    = "relay-account.pass"
	relayKeystoreDir = "relay-keystore"
)

// Relay account funding: topped up to RelayFunding from the developer
// account whenever its balance is below RelayMinBalance at start.
var (
	RelayFunding    = new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether))
	RelayMinBalance = new(big.Int).Mul(big.NewInt(1), big.NewInt(params.Ether))
)

// RelayAccount returns the burn relay's own account on this chain: a key of
// its own (DataDir/relay-keystore, passphrase in DataDir/relay-account.pass),
// created on first use and funded from the developer account, so that the
// relay's bounties and nonces are not the sender's. The returned transactor
// signs for it.
func (c *Chain) RelayAccount(ctx context.Context) (*bind.TransactOpts, error) {
	ksDir := filepath.Join(c.cfg.DataDir, relayKeystoreDir)
	recPath := filepath.Join(c.cfg.DataDir, relayAccountFile)
	passPath := filepath.Join(c.cfg.DataDir, relayPassFile)
	ks := keystore.NewKeyStore(ksDir, keystore.LightScryptN, keystore.LightScryptP)
	var acct accounts.Account
	data, err := os.ReadFile(recPath)
	switch {
	case err == nil:
		var rec devAccountRecord
		if err := json.Unmarshal(data, &rec); err != nil {
			return nil, fmt.Errorf("read %s: %w", recPath, err)
		}
		if acct, err = ks.Find(accounts.Account{Address: rec.Address}); err != nil {
			return nil, fmt.Errorf("relay account %s is not in %s: %w", rec.Address, ksDir, err)
		}
	case errors.Is(err, os.ErrNotExist):
		var secret [32]byte
		if _, err := rand.Read(secret[:]); err != nil {
			return nil, fmt.Errorf("relay passphrase: %w", err)
		}
		if err := writeFileAtomic(passPath, []byte(hex.EncodeToString(secret[:])+"\n"), 0o600); err != nil {
			return nil, fmt.Errorf("write relay passphrase: %w", err)
		}
		if acct, err = ks.NewAccount(hex.EncodeToString(secret[:])); err != nil {
			return nil, fmt.Errorf("create relay account: %w", err)
		}
		rec, _ := json.Marshal(devAccountRecord{Address: acct.Address})
		if err := writeFileAtomic(recPath, append(rec, '\n'), 0o600); err != nil {
			return nil, fmt.Errorf("write relay account: %w", err)
		}
		c.log.Info("created the relay's account", "address", acct.Address)
	default:
		return nil, fmt.Errorf("read relay account: %w", err)
	}
	pass, err := os.ReadFile(passPath)
	if err != nil {
		return nil, fmt.Errorf("read relay passphrase: %w", err)
	}
	chainID := big.NewInt(int64(c.deployment.ChainID))
	opts, err := chain.OpenKeystoreLight(ksDir).Transactor(acct, strings.TrimRight(string(pass), "\r\n"), chainID)
	if err != nil {
		return nil, fmt.Errorf("relay account: %w", err)
	}
	if err := c.fund(ctx, acct.Address); err != nil {
		return nil, fmt.Errorf("fund the relay's account %s: %w", acct.Address, err)
	}
	return opts, nil
}

// fund tops addr up to RelayFunding from the developer account when its
// balance is below RelayMinBalance, and waits for the transfer to be mined.
func (c *Chain) fund(ctx context.Context, addr common.Address) error {
	bal, err := c.client.BalanceAt(ctx, addr, nil)
	if err != nil {
		return err
	}
	if bal.Cmp(RelayMinBalance) >= 0 {
		return nil
	}
	opts, err := c.DevTransactor()
	if err != nil {
		return err
	}
	nonce, err := c.client.PendingNonceAt(ctx, opts.From)
	if err != nil {
		return err
	}
	value := new(big.Int).Sub(RelayFunding, bal)
	if err := c.transfer(ctx, opts, nonce, common.Address(addr), value); err != nil {
		return err
	}
	c.log.Info("funded the relay's account from the developer account", "address", common.Address(addr), "value_wei", value)
	return nil
}
