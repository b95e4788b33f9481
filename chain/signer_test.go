package chain

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// CapFees lowers a transaction's fee cap and tip to the network's before
// it is signed, and leaves lower ones alone; legacy transactions and
// options without caps pass untouched.
func TestCapFees(t *testing.T) {
	var signed *types.Transaction
	sign := func(_ common.Address, tx *types.Transaction) (*types.Transaction, error) {
		signed = tx
		return tx, nil
	}
	opts := &bind.TransactOpts{Signer: sign}
	CapFees(opts, big.NewInt(100), big.NewInt(10))
	to := common.HexToAddress("0xaa")
	for _, c := range []struct{ tip, fee, wantTip, wantFee int64 }{
		{50, 500, 10, 100},
		{5, 50, 5, 50},
		{5, 500, 5, 100},
	} {
		tx := types.NewTx(&types.DynamicFeeTx{ChainID: big.NewInt(1), Nonce: 3, GasTipCap: big.NewInt(c.tip), GasFeeCap: big.NewInt(c.fee), Gas: 21000, To: &to, Value: big.NewInt(7), Data: []byte{1}})
		if _, err := opts.Signer(common.Address{}, tx); err != nil {
			t.Fatal(err)
		}
		if signed.GasTipCap().Int64() != c.wantTip || signed.GasFeeCap().Int64() != c.wantFee || signed.Nonce() != 3 || signed.Gas() != 21000 || signed.Value().Int64() != 7 || *signed.To() != to || len(signed.Data()) != 1 {
			t.Errorf("tip %d fee %d: signed tip %v fee %v (%+v)", c.tip, c.fee, signed.GasTipCap(), signed.GasFeeCap(), signed)
		}
	}
	// A tip cap above the fee cap is lowered to it.
	opts = &bind.TransactOpts{Signer: sign}
	CapFees(opts, big.NewInt(20), nil)
	if _, err := opts.Signer(common.Address{}, types.NewTx(&types.DynamicFeeTx{ChainID: big.NewInt(1), GasTipCap: big.NewInt(30), GasFeeCap: big.NewInt(90), To: &to})); err != nil {
		t.Fatal(err)
	}
	if signed.GasTipCap().Int64() != 20 || signed.GasFeeCap().Int64() != 20 {
		t.Errorf("max fee 20 over tip 30 fee 90: signed tip %v fee %v, want 20 and 20", signed.GasTipCap(), signed.GasFeeCap())
	}
	legacy := types.NewTx(&types.LegacyTx{GasPrice: big.NewInt(500), To: &to})
	if _, err := opts.Signer(common.Address{}, legacy); err != nil {
		t.Fatal(err)
	}
	if signed != legacy {
		t.Errorf("a legacy transaction was rewritten: gas price %v", signed.GasPrice())
	}
	opts = &bind.TransactOpts{Signer: sign}
	CapFees(opts, nil, nil)
	if opts.Signer == nil {
		t.Fatal("no caps: the signer is gone")
	}
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: big.NewInt(1), GasTipCap: big.NewInt(50), GasFeeCap: big.NewInt(500), To: &to})
	if _, err := opts.Signer(common.Address{}, tx); err != nil || signed != tx {
		t.Errorf("no caps: the transaction was rewritten (%v)", err)
	}
}
