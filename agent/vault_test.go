package agent

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/stake"
)

func TestVault(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "b.vault")
	vals, err := book.NewValues(10, nil)
	if err != nil {
		t.Fatal(err)
	}
	id := stake.Hash{7}
	v, err := createVault(path, id, vals, "correct horse", LightScrypt)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	for i, want := range vals {
		if got, err := v.value(uint32(i)); err != nil || got != want {
			t.Fatalf("value %d: %x, %v", i, got, err)
		}
		// Neither a value nor its leaf is ever written in the clear.
		if bytes.Contains(before, want[:]) {
			t.Fatalf("value %d in the clear in the vault", i)
		}
	}
	v.close()
	if _, err := createVault(path, id, vals, "x", LightScrypt); err == nil {
		t.Fatal("created a vault over an existing one")
	}
	if _, err := openVault(path, "wrong"); !errors.Is(err, ErrPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}

	// Erasing needs no passphrase, and leaves neither the value nor its
	// sealed slot anywhere in the file; the other values stay readable.
	e, err := openVault(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.value(0); err == nil {
		t.Fatal("read a value without the passphrase")
	}
	oldSlot := before[vaultHeader+3*slotSize : vaultHeader+4*slotSize]
	if err := e.erase(3); err != nil {
		t.Fatal(err)
	}
	e.close()
	after, _ := os.ReadFile(path)
	if len(after) != len(before) {
		t.Fatal("erasing changed the file's size")
	}
	if bytes.Contains(after, oldSlot) || bytes.Contains(after, oldSlot[24:]) || bytes.Contains(after, vals[3][:]) {
		t.Fatal("the erased value's slot is still in the file")
	}
	v, err = openVault(path, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.value(3); !errors.Is(err, ErrErased) {
		t.Fatalf("erased value: %v", err)
	}
	for _, i := range []uint32{0, 2, 4, 9} {
		if got, err := v.value(i); err != nil || got != vals[i] {
			t.Fatalf("value %d after erasing 3: %v", i, err)
		}
	}
	if _, err := v.value(10); err == nil {
		t.Fatal("read past the end")
	}
	// A slot moved to another index does not open: values are bound to
	// their index (and book).
	raw, _ := os.ReadFile(path)
	copy(raw[vaultHeader+5*slotSize:vaultHeader+6*slotSize], raw[vaultHeader+6*slotSize:vaultHeader+7*slotSize])
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := v.value(5); !errors.Is(err, ErrErased) {
		t.Fatalf("a slot copied to another index opened: %v", err)
	}
	// Destroy leaves nothing.
	if err := v.destroy(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("destroyed vault still there: %v", err)
	}
	// Truncated or foreign files are refused.
	os.WriteFile(filepath.Join(dir, "junk"), []byte("hello"), 0o600)
	if _, err := openVault(filepath.Join(dir, "junk"), ""); err == nil {
		t.Fatal("opened junk as a vault")
	}
	w, _ := createVault(filepath.Join(dir, "c.vault"), id, vals, "p", LightScrypt)
	w.close()
	os.Truncate(filepath.Join(dir, "c.vault"), vaultHeader+slotSize)
	if _, err := openVault(filepath.Join(dir, "c.vault"), ""); err == nil {
		t.Fatal("opened a truncated vault")
	}
}
