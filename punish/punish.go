// Package punish is the recipient's side of punishing spam: the undo
// window. A punishment (the burn of one stake leaf) is not sent at once:
// it waits for a delay, during which moving the message out of Junk
// cancels it, because mail clients move mail to Junk on their own.
//
// The waiting happens in one of two places. Without a relay, the burn
// waits in a durable local queue (a bbolt file in the data directory)
// that `postage serve`, or `postage punish --due` from cron, executes.
// With relays, the request goes to a relay at once carrying a not-before
// time and the SHA-256 of a cancel token (relay.Hold); the local queue
// remembers which relay has it, so that a cancel reaches it and a relay
// that does not land the burn in time is replaced by the next.
//
// The cancel token is HMAC-SHA256 over the request id under a key that
// never leaves this host (punish.key in the data directory). The deposit's
// creator, who knows every secret of its deposit, cannot compute it, so it
// cannot cancel a recipient's punishment at a relay.
package punish

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// KeyFile is the name of the cancel-token key in the data directory.
const KeyFile = "punish.key"

// LoadKey reads the 32-byte key at path, creating it (mode 0600, random)
// when it does not exist yet.
func LoadKey(path string) ([32]byte, error) {
	var key [32]byte
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, err := rand.Read(key[:]); err != nil {
			return key, fmt.Errorf("punish key: %w", err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return key, fmt.Errorf("punish key: %w", err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return LoadKey(path) // another process made it first
		}
		if err != nil {
			return key, fmt.Errorf("create punish key: %w", err)
		}
		if _, err := f.Write(key[:]); err != nil {
			f.Close()
			os.Remove(path)
			return key, fmt.Errorf("write punish key %s: %w", path, err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return key, fmt.Errorf("write punish key %s: %w", path, err)
		}
		return key, f.Close()
	}
	if err != nil {
		return key, fmt.Errorf("read punish key: %w", err)
	}
	if len(b) != len(key) {
		return key, fmt.Errorf("punish key %s: %d bytes, want %d (delete it to make a new one; pending cancels are then lost)", path, len(b), len(key))
	}
	copy(key[:], b)
	return key, nil
}

// CancelToken is the cancel token of request id under key:
// HMAC-SHA256(key, "postage-punish-cancel-v1\n" + id).
func CancelToken(key [32]byte, id string) [32]byte {
	m := hmac.New(sha256.New, key[:])
	m.Write([]byte("postage-punish-cancel-v1\n" + id))
	var t [32]byte
	copy(t[:], m.Sum(nil))
	return t
}
