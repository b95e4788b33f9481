package chain

import (
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

func TestKeystore(t *testing.T) {
	dir := t.TempDir()
	ks := OpenKeystoreLight(dir)
	if _, err := ks.Find(common.Address{}); !errors.Is(err, ErrNoAccount) {
		t.Fatalf("Find in an empty keystore: %v", err)
	}
	if _, err := ks.New(""); err == nil {
		t.Fatal("New with an empty passphrase succeeded")
	}
	a, err := ks.New("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ks.Find(common.Address{}); err != nil || got.Address != a.Address {
		t.Fatalf("Find the only account: %v, %v", got, err)
	}

	// Import: the key file is encrypted, never holds the key in clear.
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	hexKey := common.Bytes2Hex(crypto.FromECDSA(key))
	b, err := ks.ImportHex([]byte("  0x"+hexKey+"\n"), "battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if b.Address != crypto.PubkeyToAddress(key.PublicKey) {
		t.Fatalf("imported %s, want %s", b.Address, crypto.PubkeyToAddress(key.PublicKey))
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		if strings.Contains(strings.ToLower(string(data)), hexKey) {
			t.Fatalf("%s holds the private key in clear", f)
		}
	}
	if _, err := ks.ImportHex([]byte(hexKey), "again"); err == nil || !strings.Contains(err.Error(), "already") {
		t.Fatalf("second import: %v", err)
	}
	if _, err := ks.Find(common.Address{}); !errors.Is(err, ErrAmbiguousAccount) {
		t.Fatalf("Find with two accounts: %v", err)
	}
	if _, err := ks.Find(common.HexToAddress("0x01")); !errors.Is(err, ErrNoAccount) {
		t.Fatalf("Find a missing address: %v", err)
	}
	for _, bad := range []string{"", "0x", "zz" + hexKey[2:], hexKey[:62], hexKey + "00", strings.Repeat("0", 64)} {
		_, err := ks.ImportHex([]byte(bad), "p")
		if !errors.Is(err, ErrBadKey) {
			t.Errorf("ImportHex(%q): %v", bad, err)
		}
		if err != nil && len(bad) >= 8 && strings.Contains(err.Error(), bad[2:10]) {
			t.Errorf("error %q repeats the key", err)
		}
	}

	// Signing needs the right passphrase.
	chainID := big.NewInt(1337)
	if _, err := ks.Transactor(b, "wrong", chainID); !errors.Is(err, ErrBadPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	opts, err := ks.Transactor(b, "battery staple", chainID)
	if err != nil {
		t.Fatal(err)
	}
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: chainID, Nonce: 1, Gas: 21000, GasFeeCap: big.NewInt(1), GasTipCap: big.NewInt(1)})
	signed, err := opts.Signer(b.Address, tx)
	if err != nil {
		t.Fatal(err)
	}
	from, err := types.Sender(types.LatestSignerForChainID(chainID), signed)
	if err != nil || from != b.Address {
		t.Fatalf("signed by %s, %v", from, err)
	}
}
