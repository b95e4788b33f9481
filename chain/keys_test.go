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
	"golang.org/x/term"
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

const hexKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

// A hex key given as an argument is refused, unless a file has that name.
func TestLooksLikeKey(t *testing.T) {
	for s, want := range map[string]bool{
		hexKey: true, "0x" + hexKey: true, "0X" + strings.ToUpper(hexKey): true,
		hexKey[:63]: false, hexKey + "0": false, "g" + hexKey[1:]: false, "key.hex": false, "-": false,
	} {
		if got := LooksLikeKey(s); got != want {
			t.Errorf("LooksLikeKey(%q) = %v, want %v", s, got, want)
		}
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile(hexKey, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if LooksLikeKey(hexKey) {
		t.Error("a file named like a key is a file")
	}
}

// A key is read from a file or stdin, whole, up to 256 bytes.
func TestReadKey(t *testing.T) {
	got, err := ReadKey("-", strings.NewReader("0x"+hexKey+"\n"))
	if err != nil || string(got) != "0x"+hexKey+"\n" {
		t.Fatalf("stdin: %q, %v", got, err)
	}
	p := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(p, []byte(hexKey), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadKey(p, nil); err != nil || string(got) != hexKey {
		t.Fatalf("file: %q, %v", got, err)
	}
	if got, err := ReadKey("-", strings.NewReader(strings.Repeat("a", 256))); err != nil || len(got) != 256 {
		t.Fatalf("256 bytes: %d, %v", len(got), err)
	}
	if _, err := ReadKey("-", strings.NewReader(strings.Repeat("a", 257))); err == nil || !strings.Contains(err.Error(), "more than 256 bytes") {
		t.Fatalf("257 bytes: %v", err)
	}
	if _, err := ReadKey(p+".missing", nil); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
}

// The passphrase comes from the file given, else $POSTAGE_PASSWORD_FILE,
// else $POSTAGE_PASSWORD; a file's first line is it, and an empty one is
// refused.
func TestReadPassphrase(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	given, env, empty := write("given", "first\r\nsecond\n"), write("env", "from env\n"), write("empty", "\nx\n")
	t.Setenv("POSTAGE_PASSWORD_FILE", env)
	t.Setenv("POSTAGE_PASSWORD", "plain")
	if p, err := ReadPassphrase(given, true); err != nil || p != "first" {
		t.Fatalf("given file: %q, %v", p, err)
	}
	if p, err := ReadPassphrase("", true); err != nil || p != "from env" {
		t.Fatalf("$POSTAGE_PASSWORD_FILE: %q, %v", p, err)
	}
	if _, err := ReadPassphrase(empty, false); err == nil || err.Error() != "passphrase file "+empty+" is empty" {
		t.Fatalf("empty first line: %v", err)
	}
	if _, err := ReadPassphrase(filepath.Join(dir, "missing"), false); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
	t.Setenv("POSTAGE_PASSWORD_FILE", "")
	if p, err := ReadPassphrase("", false); err != nil || p != "plain" {
		t.Fatalf("$POSTAGE_PASSWORD: %q, %v", p, err)
	}
	t.Setenv("POSTAGE_PASSWORD", "")
	if tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0); err == nil {
		isTerm := term.IsTerminal(int(tty.Fd()))
		tty.Close()
		if isTerm {
			return // a terminal would be asked
		}
	}
	if _, err := ReadPassphrase("", false); !errors.Is(err, ErrNoPassphrase) {
		t.Fatalf("nothing set, no terminal: %v", err)
	}
}

// Listing shows each account with its key file and marks the developer
// account; an empty keystore says how to make one.
func TestKeystoreListing(t *testing.T) {
	dir := t.TempDir()
	ks := OpenKeystoreLight(dir)
	if got, want := ks.Listing(common.Address{}), "no accounts in "+dir+" (create one with `postage account new`)\n"; got != want {
		t.Fatalf("empty: %q, want %q", got, want)
	}
	a, err := ks.New("one")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ks.New("two")
	if err != nil {
		t.Fatal(err)
	}
	want := ""
	for _, acct := range ks.Accounts() { // in key file order
		want += acct.Address.Hex() + "  " + acct.URL.Path
		if acct.Address == b.Address {
			want += "  (embedded chain's developer account)"
		}
		want += "\n"
	}
	if got := ks.Listing(b.Address); got != want || !strings.Contains(got, a.Address.Hex()+"  "+a.URL.Path+"\n") {
		t.Fatalf("listing %q, want %q", got, want)
	}
}
