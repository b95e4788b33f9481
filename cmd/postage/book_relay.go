package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/relay"
)

// relayedSender is the agent's Sender when book.relay is set: reveals go
// to the relay, signed with the agent's key (the configured account, or
// the embedded chain's developer account) for the relay's account; seeds
// are still recorded by the agent's account, which needs ETH only for
// that.
func (b *bookConn) relayedSender(passphrase string) (*relay.Revealer, error) {
	w, err := b.bookWriter()
	if err != nil {
		return nil, err
	}
	sign, err := digestSigner(b, w.From(), passphrase)
	if err != nil {
		return nil, err
	}
	return &relay.Revealer{
		Relay: &relay.Client{URL: b.settings.Relay}, Contract: b.book, ChainID: b.chainID,
		Sign: sign, Seeds: w,
	}, nil
}

// digestSigner unlocks account's key in the keystore that holds it (the
// configured one, else the embedded chain's) with the vault passphrase,
// which is that account's keystore passphrase.
func digestSigner(b *bookConn, account common.Address, passphrase string) (func(common.Hash) ([]byte, error), error) {
	dirs := []string{b.cfg.KeystoreDir(), filepath.Join(chainDir(b.cfg), "keystore")}
	for _, dir := range dirs {
		ks := keystore.NewKeyStore(dir, keystore.LightScryptN, keystore.LightScryptP)
		acct, err := ks.Find(accounts.Account{Address: account})
		if err != nil {
			continue
		}
		if err := ks.Unlock(acct, passphrase); err != nil {
			if errors.Is(err, keystore.ErrDecrypt) {
				continue
			}
			return nil, fmt.Errorf("unlock %s for signing reveals: %w", account, err)
		}
		return func(d common.Hash) ([]byte, error) { return ks.SignHash(acct, d[:]) }, nil
	}
	return nil, fmt.Errorf("sign reveals for the relay: no key of %s opens with the vault passphrase in %v", account, dirs)
}
