package connect

import (
	"context"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage/chain"
)

func TestDialEmbeddedNotRunningSaysHowToStartIt(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	o := Options{ChainDir: t.TempDir(), Endpoint: "http://127.0.0.1:1"}
	_, err := Dial(ctx, o)
	if err == nil || !strings.Contains(err.Error(), "no chain at 127.0.0.1:1: start `postage chain` (or `postage serve`), or pass --rpc URL") {
		t.Fatalf("Dial = %v", err)
	}
	o.RPC = "http://127.0.0.1:1"
	_, err = Deposits(ctx, o)
	if !errors.Is(err, chain.ErrUnreachable) || !strings.HasPrefix(err.Error(), "chain at http://127.0.0.1:1: ") {
		t.Fatalf("Deposits with RPC = %v, want ErrUnreachable naming the URL", err)
	}
}

func TestSignerWithoutAccount(t *testing.T) {
	dir := t.TempDir()
	c := &chain.Conn{URL: "http://example.invalid"}
	_, err := Signer(Options{KeystoreDir: filepath.Join(dir, "keystore")}, c)
	if err == nil || !strings.Contains(err.Error(), "no account in "+filepath.Join(dir, "keystore")) {
		t.Fatalf("Signer = %v", err)
	}
	c.Embedded = true
	_, err = Signer(Options{KeystoreDir: filepath.Join(dir, "keystore"), ChainDir: filepath.Join(dir, "chain")}, c)
	if err == nil || !strings.Contains(err.Error(), "no account: the embedded chain's developer account") {
		t.Fatalf("Signer on the embedded chain with no developer account = %v", err)
	}
}

func TestSignerLockedAndWrongPassphrase(t *testing.T) {
	dir := t.TempDir()
	ks := filepath.Join(dir, "keystore")
	acct, err := chain.OpenKeystoreLight(ks).New("right")
	if err != nil {
		t.Fatal(err)
	}
	c := &chain.Conn{URL: "http://example.invalid"}
	if _, err := Signer(Options{KeystoreDir: ks}, c); err == nil || !strings.Contains(err.Error(), "is locked: set chain.password_file") {
		t.Fatalf("Signer without a passphrase = %v", err)
	}
	pf := filepath.Join(dir, "pass")
	if err := os.WriteFile(pf, []byte("wrong\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Signer(Options{KeystoreDir: ks, PasswordFile: pf}, c); !errors.Is(err, chain.ErrBadPassphrase) {
		t.Fatalf("Signer with a wrong passphrase = %v, want ErrBadPassphrase", err)
	}
	if _, err := Signer(Options{KeystoreDir: ks, PasswordFile: pf, Account: "nope"}, c); err == nil || !strings.Contains(err.Error(), `chain.account "nope" is not an address`) {
		t.Fatalf("Signer with a bad account = %v", err)
	}
	if err := os.WriteFile(pf, []byte("right\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Signer(Options{KeystoreDir: ks, PasswordFile: pf, Account: acct.Address.Hex()}, c)
	if err != nil || s.Address() != acct.Address {
		t.Fatalf("Signer = %v, %v; want %s", s, err, acct.Address)
	}
	// The same key signs transactions and digests.
	sig, err := s.SignHash([32]byte{1})
	if err != nil || len(sig) != 65 {
		t.Fatalf("SignHash = %x, %v", sig, err)
	}
	if opts := s.Transactor(big.NewInt(1337)); opts.From != acct.Address {
		t.Fatalf("Transactor from %s, want %s", opts.From, acct.Address)
	}
}

func TestVaultPassphrase(t *testing.T) {
	dir := t.TempDir()
	if _, err := VaultPassphrase(Options{ChainDir: dir}); err == nil || !strings.Contains(err.Error(), "no passphrase for the ticket vaults") {
		t.Fatalf("VaultPassphrase with none = %v", err)
	}
	pf := filepath.Join(dir, "pass")
	if err := os.WriteFile(pf, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := VaultPassphrase(Options{PasswordFile: pf}); err == nil || !strings.Contains(err.Error(), "is empty") {
		t.Fatalf("VaultPassphrase from an empty file = %v", err)
	}
	if err := os.WriteFile(pf, []byte("secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if p, err := VaultPassphrase(Options{PasswordFile: pf}); err != nil || p != "secret" {
		t.Fatalf("VaultPassphrase = %q, %v", p, err)
	}
}
