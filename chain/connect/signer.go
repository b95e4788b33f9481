package connect

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
)

// Signer unlocks the account that signs: o.Account (or the first account)
// in the keystore, with the passphrase in o.PasswordFile. On the embedded
// chain with no keystore account (or none chosen and no passphrase), the
// chain's funded developer account signs. Transactions and the digests a
// relay submits are both signed with it.
func Signer(o Options, c *chain.Conn) (*chain.Signer, error) {
	ks := chain.OpenKeystoreLight(o.KeystoreDir)
	accts := ks.Accounts()
	if len(accts) == 0 || (c.Embedded && o.Account == "" && o.PasswordFile == "") {
		if !c.Embedded {
			return nil, fmt.Errorf("no account in %s: create one with `postage account new` or import one with `postage account import`", ks.Dir())
		}
		// The developer key lives in the user's keystore when `postage
		// chain` put it there, else in the chain's own directory.
		s, err := devnet.DevSigner(o.ChainDir, o.KeystoreDir)
		if err != nil {
			s, err = devnet.DevSigner(o.ChainDir, "")
		}
		if err == nil {
			return s, nil
		}
		if len(accts) == 0 {
			return nil, fmt.Errorf("no account: the embedded chain's developer account: %v; or create one with `postage account new`", err)
		}
	}
	acct := accts[0]
	if a := o.Account; a != "" {
		if !common.IsHexAddress(a) {
			return nil, fmt.Errorf("config: chain.account %q is not an address", a)
		}
		found, err := ks.Find(common.HexToAddress(a))
		if err != nil {
			return nil, err
		}
		acct = found
	}
	if o.PasswordFile == "" {
		return nil, fmt.Errorf("account %s is locked: set chain.password_file or POSTAGE_PASSWORD_FILE to a file holding its passphrase", acct.Address)
	}
	pass, err := os.ReadFile(o.PasswordFile)
	if err != nil {
		return nil, fmt.Errorf("read passphrase: %w", err)
	}
	return ks.Unlock(acct, strings.TrimRight(string(pass), "\r\n"))
}

// VaultPassphrase is the passphrase the ticket vaults are sealed with: the
// keystore passphrase of the signing account (o.PasswordFile), else the
// embedded chain's developer account's.
func VaultPassphrase(o Options) (string, error) {
	path := o.PasswordFile
	if path == "" {
		if dev, err := devnet.ReadDevAccount(o.ChainDir); err == nil {
			path = dev.PassphraseFile
		}
	}
	if path == "" {
		return "", errors.New("no passphrase for the ticket vaults: set chain.password_file or POSTAGE_PASSWORD_FILE")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read passphrase: %w", err)
	}
	p := strings.TrimRight(string(raw), "\r\n")
	if p == "" {
		return "", fmt.Errorf("passphrase file %s is empty", path)
	}
	return p, nil
}
