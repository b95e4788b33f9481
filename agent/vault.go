package agent

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/scrypt"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/stake"
)

// A vault holds one book's values, each sealed on its own, in a file of
// fixed-size slots so that a value can be erased by overwriting its slot
// in place. It is deliberately not a bbolt file: bbolt is copy-on-write,
// and a deleted key's bytes stay in a free page of the file until bbolt
// happens to reuse it, so "deleted" there would not mean "gone".
//
// Layout (all integers big-endian):
//
//	header, 192 octets: magic "postage-vault\x00\x00\x01" (16), book id
//	  (32), count (4), scrypt N (4), r (4), p (4), salt (32), a check
//	  (nonce 24 ‖ "postage-vault-ok" sealed, 32) that tells a wrong
//	  passphrase from erased values, zero padding
//	slot i at 192 + 72*i: XChaCha20-Poly1305 nonce (24) ‖ sealed value (32
//	  + 16 tag), key scrypt(passphrase, salt), additional data
//	  "postage-vault-v1" ‖ book id ‖ i
//
// Erasing a slot writes 72 random octets over it and syncs: the slot then
// fails authentication, like any damaged one. What that does and does not
// guarantee on a given filesystem is in docs/deniable.md ("Erasure").
type vault struct {
	f     *os.File
	id    stake.Hash
	count uint32
	aead  interface {
		Seal(dst, nonce, plaintext, additionalData []byte) []byte
		Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error)
		NonceSize() int
	}
	key []byte
}

const (
	vaultMagic  = "postage-vault\x00\x00\x01"
	vaultHeader = 192
	vaultCheck  = "postage-vault-ok"
	slotSize    = 24 + 32 + 16
	vaultAD     = "postage-vault-v1"
)

// ErrErased is returned for a value that has been erased (or whose slot is
// damaged: the two cannot be told apart, by design).
var ErrErased = errors.New("value erased")

// ErrPassphrase is returned when a vault is opened with another passphrase
// than it was made with. (Without the header's check a wrong passphrase
// would read as "every value erased", and the agent would never reveal.)
var ErrPassphrase = errors.New("wrong vault passphrase")

// ScryptParams are the key derivation's cost parameters.
type ScryptParams struct{ N, R, P int }

// Scrypt costs: StandardScrypt is go-ethereum's standard keystore cost
// (about a second); LightScrypt its light one, for tests.
var (
	StandardScrypt = ScryptParams{N: 1 << 18, R: 8, P: 1}
	LightScrypt    = ScryptParams{N: 1 << 12, R: 8, P: 6}
)

// createVault writes a new vault with the values at path (which must not
// exist) and returns it open.
func createVault(path string, id stake.Hash, values []book.Value, passphrase string, sp ScryptParams) (*vault, error) {
	if len(values) == 0 || len(values) > book.MaxValues {
		return nil, fmt.Errorf("vault for %d values: want 1..%d", len(values), book.MaxValues)
	}
	var salt [32]byte
	if _, err := io.ReadFull(rand.Reader, salt[:]); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create vault: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(path)
		}
	}()
	// Before anything is written: on btrfs, No_COW takes only on an empty
	// file; elsewhere this does nothing (see docs/deniable.md).
	noCOW(f)
	v := &vault{f: f, id: id, count: uint32(len(values))}
	if err := v.derive(passphrase, salt[:], sp); err != nil {
		return nil, err
	}
	hdr := make([]byte, vaultHeader)
	copy(hdr, vaultMagic)
	copy(hdr[16:], id[:])
	binary.BigEndian.PutUint32(hdr[48:], v.count)
	binary.BigEndian.PutUint32(hdr[52:], uint32(sp.N))
	binary.BigEndian.PutUint32(hdr[56:], uint32(sp.R))
	binary.BigEndian.PutUint32(hdr[60:], uint32(sp.P))
	copy(hdr[64:], salt[:])
	check, err := v.sealCheck()
	if err != nil {
		return nil, err
	}
	copy(hdr[96:], check)
	buf := bytes.NewBuffer(hdr)
	for i, val := range values {
		slot, err := v.seal(uint32(i), val)
		if err != nil {
			return nil, err
		}
		buf.Write(slot)
	}
	if _, err := f.WriteAt(buf.Bytes(), 0); err != nil {
		return nil, fmt.Errorf("write vault: %w", err)
	}
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("sync vault: %w", err)
	}
	ok = true
	return v, nil
}

// openVault opens the vault at path. With passphrase "" it can only erase.
func openVault(path, passphrase string) (*vault, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("open vault: %w", err)
	}
	hdr := make([]byte, vaultHeader)
	if _, err := f.ReadAt(hdr, 0); err != nil {
		f.Close()
		return nil, fmt.Errorf("read vault header %s: %w", path, err)
	}
	if string(hdr[:16]) != vaultMagic {
		f.Close()
		return nil, fmt.Errorf("%s is not a postage vault", path)
	}
	v := &vault{f: f, count: binary.BigEndian.Uint32(hdr[48:])}
	copy(v.id[:], hdr[16:48])
	if v.count == 0 || v.count > book.MaxValues {
		f.Close()
		return nil, fmt.Errorf("vault %s: %d values", path, v.count)
	}
	if st, err := f.Stat(); err != nil || st.Size() != vaultHeader+int64(v.count)*slotSize {
		f.Close()
		return nil, fmt.Errorf("vault %s: size does not match %d values", path, v.count)
	}
	if passphrase != "" {
		sp := ScryptParams{N: int(binary.BigEndian.Uint32(hdr[52:])), R: int(binary.BigEndian.Uint32(hdr[56:])), P: int(binary.BigEndian.Uint32(hdr[60:]))}
		if err := v.derive(passphrase, hdr[64:96], sp); err != nil {
			f.Close()
			return nil, err
		}
		if _, err := v.aead.Open(nil, hdr[96:120], hdr[120:152], v.ad(^uint32(0))); err != nil {
			f.Close()
			return nil, fmt.Errorf("vault %s: %w", path, ErrPassphrase)
		}
	}
	return v, nil
}

func (v *vault) derive(passphrase string, salt []byte, sp ScryptParams) error {
	key, err := scrypt.Key([]byte(passphrase), salt, sp.N, sp.R, sp.P, chacha20poly1305.KeySize)
	if err != nil {
		return fmt.Errorf("vault key: %w", err)
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return err
	}
	v.key, v.aead = key, aead
	return nil
}

func (v *vault) ad(i uint32) []byte {
	ad := make([]byte, 0, len(vaultAD)+32+4)
	ad = append(ad, vaultAD...)
	ad = append(ad, v.id[:]...)
	return binary.BigEndian.AppendUint32(ad, i)
}

func (v *vault) sealCheck() ([]byte, error) {
	out := make([]byte, 24, 24+len(vaultCheck)+16)
	if _, err := io.ReadFull(rand.Reader, out); err != nil {
		return nil, err
	}
	return v.aead.Seal(out, out[:24], []byte(vaultCheck), v.ad(^uint32(0))), nil
}

func (v *vault) seal(i uint32, val book.Value) ([]byte, error) {
	slot := make([]byte, 24, slotSize)
	if _, err := io.ReadFull(rand.Reader, slot); err != nil {
		return nil, err
	}
	return v.aead.Seal(slot, slot[:24], val[:], v.ad(i)), nil
}

// value returns value i, ErrErased if it is gone.
func (v *vault) value(i uint32) (book.Value, error) {
	if v.aead == nil {
		return book.Value{}, errors.New("vault opened without its passphrase")
	}
	if i >= v.count {
		return book.Value{}, fmt.Errorf("vault of %d values has no value %d", v.count, i)
	}
	slot := make([]byte, slotSize)
	if _, err := v.f.ReadAt(slot, vaultHeader+int64(i)*slotSize); err != nil {
		return book.Value{}, fmt.Errorf("read value %d: %w", i, err)
	}
	plain, err := v.aead.Open(nil, slot[:24], slot[24:], v.ad(i))
	if err != nil {
		return book.Value{}, fmt.Errorf("value %d: %w", i, ErrErased)
	}
	return book.Value(plain), nil
}

// erase overwrites slot i with random octets and syncs the data.
func (v *vault) erase(i uint32) error {
	if i >= v.count {
		return fmt.Errorf("vault of %d values has no value %d", v.count, i)
	}
	junk := make([]byte, slotSize)
	if _, err := io.ReadFull(rand.Reader, junk); err != nil {
		return err
	}
	if _, err := v.f.WriteAt(junk, vaultHeader+int64(i)*slotSize); err != nil {
		return fmt.Errorf("erase value %d: %w", i, err)
	}
	if err := fdatasync(v.f); err != nil {
		return fmt.Errorf("erase value %d: sync: %w", i, err)
	}
	return nil
}

// destroy overwrites every slot and the header, syncs and removes the file.
func (v *vault) destroy() error {
	junk := make([]byte, vaultHeader+int64(v.count)*slotSize)
	if _, err := io.ReadFull(rand.Reader, junk); err != nil {
		return err
	}
	if _, err := v.f.WriteAt(junk, 0); err != nil {
		return fmt.Errorf("destroy vault: %w", err)
	}
	if err := v.f.Sync(); err != nil {
		return fmt.Errorf("destroy vault: sync: %w", err)
	}
	name := v.f.Name()
	v.close()
	return os.Remove(name)
}

func (v *vault) close() {
	for i := range v.key {
		v.key[i] = 0
	}
	v.key, v.aead = nil, nil
	v.f.Close()
}
