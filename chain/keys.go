package chain

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Keystore errors callers branch on.
var (
	ErrNoAccount        = errors.New("no account in keystore")
	ErrAmbiguousAccount = errors.New("several accounts in keystore")
	ErrBadPassphrase    = errors.New("wrong passphrase")
	ErrBadKey           = errors.New("bad private key")
)

// Keystore is a directory of go-ethereum encrypted key files (the same
// format geth, clef and most wallets import). Keys never leave it
// unencrypted; signing unlocks a key in memory for this process only.
type Keystore struct {
	ks  *keystore.KeyStore
	dir string
}

// OpenKeystore opens (creating on first write) the keystore in dir. New keys
// use go-ethereum's standard scrypt parameters (256 MB, about a second).
func OpenKeystore(dir string) *Keystore {
	return &Keystore{ks: keystore.NewKeyStore(dir, keystore.StandardScryptN, keystore.StandardScryptP), dir: dir}
}

// Dir is the keystore directory.
func (k *Keystore) Dir() string { return k.dir }

// Accounts lists the keystore's accounts, sorted by file name (creation time).
func (k *Keystore) Accounts() []accounts.Account { return k.ks.Accounts() }

// New creates an account encrypted with passphrase.
func (k *Keystore) New(passphrase string) (accounts.Account, error) {
	if passphrase == "" {
		return accounts.Account{}, errors.New("new account: empty passphrase")
	}
	a, err := k.ks.NewAccount(passphrase)
	if err != nil {
		return a, fmt.Errorf("new account: %w", err)
	}
	return a, nil
}

// ImportHex imports a private key written as hex (optional 0x, surrounding
// whitespace ignored) and encrypts it with passphrase. The caller should
// wipe hexKey afterwards; this function does not keep it.
func (k *Keystore) ImportHex(hexKey []byte, passphrase string) (accounts.Account, error) {
	if passphrase == "" {
		return accounts.Account{}, errors.New("import key: empty passphrase")
	}
	s := bytes.TrimSpace(hexKey)
	s = bytes.TrimPrefix(bytes.TrimPrefix(s, []byte("0x")), []byte("0X"))
	if len(s) != 64 {
		return accounts.Account{}, fmt.Errorf("import key: %w: want 64 hex digits, got %d characters", ErrBadKey, len(s))
	}
	raw := make([]byte, 32)
	defer clear(raw)
	if _, err := hex.Decode(raw, s); err != nil {
		return accounts.Account{}, fmt.Errorf("import key: %w: not hex", ErrBadKey)
	}
	key, err := crypto.ToECDSA(raw)
	if err != nil {
		// The error text never includes the key.
		return accounts.Account{}, fmt.Errorf("import key: %w: %v", ErrBadKey, err)
	}
	a, err := k.ks.ImportECDSA(key, passphrase)
	if err != nil {
		if errors.Is(err, keystore.ErrAccountAlreadyExists) {
			return a, fmt.Errorf("import key: account %s is already in %s: %w", a.Address, k.dir, err)
		}
		return a, fmt.Errorf("import key: %w", err)
	}
	return a, nil
}

// Find returns the account with address addr, or when addr is the zero
// address the keystore's only account (ErrNoAccount or ErrAmbiguousAccount
// otherwise).
func (k *Keystore) Find(addr common.Address) (accounts.Account, error) {
	if addr != (common.Address{}) {
		a, err := k.ks.Find(accounts.Account{Address: addr})
		if err != nil {
			return a, fmt.Errorf("account %s in %s: %w", addr, k.dir, ErrNoAccount)
		}
		return a, nil
	}
	all := k.ks.Accounts()
	switch len(all) {
	case 0:
		return accounts.Account{}, fmt.Errorf("%w %s (create one with `postage account new`)", ErrNoAccount, k.dir)
	case 1:
		return all[0], nil
	default:
		list := make([]string, len(all))
		for i, a := range all {
			list[i] = a.Address.Hex()
		}
		return accounts.Account{}, fmt.Errorf("%w %s: choose one with --from (%s)", ErrAmbiguousAccount, k.dir, strings.Join(list, ", "))
	}
}

// OpenKeystoreLight opens a keystore whose new keys use light scrypt
// parameters; for keys whose passphrase is stored next to them anyway (the
// embedded chain's developer account) and for tests.
func OpenKeystoreLight(dir string) *Keystore {
	return &Keystore{ks: keystore.NewKeyStore(dir, keystore.LightScryptN, keystore.LightScryptP), dir: dir}
}

// Listing is `postage account list`: each account's address and key file,
// the embedded chain's developer account dev (zero: none) marked, or how
// to create one when there is none.
func (k *Keystore) Listing(dev common.Address) string {
	accts := k.Accounts()
	if len(accts) == 0 {
		return fmt.Sprintf("no accounts in %s (create one with `postage account new`)\n", k.dir)
	}
	var b strings.Builder
	for _, a := range accts {
		note := ""
		if a.Address == dev {
			note = "  (embedded chain's developer account)"
		}
		fmt.Fprintf(&b, "%s  %s%s\n", a.Address.Hex(), a.URL.Path, note)
	}
	return b.String()
}
