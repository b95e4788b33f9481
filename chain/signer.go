package chain

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Signer is one keystore account unlocked for this process: it signs
// transactions (Transactor) and digests (SignHash: a ticket reveal the
// relay submits). Every path that signs gets its key from Unlock.
type Signer struct {
	ks   *keystore.KeyStore
	acct accounts.Account
}

// Unlock unlocks account with passphrase (ErrBadPassphrase if it does
// not open the key).
func (k *Keystore) Unlock(account accounts.Account, passphrase string) (*Signer, error) {
	if err := k.ks.Unlock(account, passphrase); err != nil {
		if errors.Is(err, keystore.ErrDecrypt) {
			return nil, fmt.Errorf("unlock %s: %w", account.Address, ErrBadPassphrase)
		}
		return nil, fmt.Errorf("unlock %s: %w", account.Address, err)
	}
	return &Signer{ks: k.ks, acct: account}, nil
}

// Address is the signing account.
func (s *Signer) Address() common.Address { return s.acct.Address }

// Transactor is signing options for chainID.
func (s *Signer) Transactor(chainID *big.Int) *bind.TransactOpts {
	return bind.NewKeyStoreTransactor(s.ks, s.acct, chainID)
}

// SignHash signs a 32-byte digest (65 bytes, v 0 or 1).
func (s *Signer) SignHash(d common.Hash) ([]byte, error) { return s.ks.SignHash(s.acct, d[:]) }

// Transactor unlocks account with passphrase for this process and returns
// signing options for chainID.
func (k *Keystore) Transactor(account accounts.Account, passphrase string, chainID *big.Int) (*bind.TransactOpts, error) {
	s, err := k.Unlock(account, passphrase)
	if err != nil {
		return nil, err
	}
	return s.Transactor(chainID), nil
}

// CapFees makes every EIP-1559 transaction opts signs offer at most
// maxFee per gas and a tip of at most maxTip (nil: no cap): bind's own
// suggestion (twice the base fee plus the node's tip) is lowered to the
// caps before signing. When the base fee exceeds the cap, the node
// refuses or holds the transaction rather than the sender paying more
// than it allowed.
func CapFees(opts *bind.TransactOpts, maxFee, maxTip *big.Int) {
	if maxFee == nil && maxTip == nil {
		return
	}
	sign := opts.Signer
	opts.Signer = func(from common.Address, tx *types.Transaction) (*types.Transaction, error) {
		if tx.Type() != types.DynamicFeeTxType {
			return sign(from, tx)
		}
		tip, feeCap := tx.GasTipCap(), tx.GasFeeCap()
		if maxTip != nil && tip.Cmp(maxTip) > 0 {
			tip = maxTip
		}
		if maxFee != nil && feeCap.Cmp(maxFee) > 0 {
			feeCap = maxFee
		}
		if tip.Cmp(feeCap) > 0 {
			tip = feeCap
		}
		capped := types.NewTx(&types.DynamicFeeTx{ChainID: tx.ChainId(), Nonce: tx.Nonce(), GasTipCap: tip, GasFeeCap: feeCap,
			Gas: tx.Gas(), To: tx.To(), Value: tx.Value(), Data: tx.Data(), AccessList: tx.AccessList()})
		return sign(from, capped)
	}
}
