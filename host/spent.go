package host

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/internal/spentsock"
	"github.com/postage-mail/postage/store/bolt"
	"github.com/postage-mail/postage/store/redis"
)

// VerifyLockWait bounds how long a one-message process (postage verify)
// waits for the bbolt file another process (postage serve, milter) holds:
// past it the message is checked without a store, temperror
// (work=no-spent-store, stake=no-spent-store), at once rather than after
// the daemon's 30 s.
const VerifyLockWait = 2 * time.Second

// EnsureDataDir returns the data directory, created with owner-only
// permissions.
func EnsureDataDir() (string, error) {
	d, err := config.DataDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(d, 0o700); err != nil {
		return "", fmt.Errorf("create data directory: %w", err)
	}
	return d, nil
}

// OpenSpent opens the configured spent store: the bbolt file (creating the
// data directory on first use; waiting at most lockWait for another
// process's lock, 0: bolt's default) or Redis (store.kind = "redis"),
// which is not contacted until the first stamp.
func OpenSpent(cfg *config.Config, lockWait time.Duration) (postage.SpentStore, error) {
	switch cfg.Store.Kind {
	case "redis":
		return redis.Open(cfg.Store.RedisURL, nil)
	case "bolt":
		if _, err := EnsureDataDir(); err != nil {
			return nil, err
		}
		return bolt.Open(cfg.SpentPath(), &bolt.Options{LockTimeout: lockWait})
	}
	return nil, fmt.Errorf("config: store.kind %q: want bolt or redis", cfg.Store.Kind)
}

// SpentSocket is where `postage serve` and `postage milter` share their
// bbolt spent store with the host's other postage commands.
func SpentSocket(cfg *config.Config) string { return filepath.Join(cfg.DataDir, "postage.sock") }

// SpentPath is the bbolt file's absolute path: the name the socket
// serves it under.
func SpentPath(cfg *config.Config) string {
	p, err := filepath.Abs(cfg.SpentPath())
	if err != nil {
		return cfg.SpentPath()
	}
	return p
}

// OpenSpentShared opens the spent store for a command beside the milter
// (verify, check): the running milter's store over its socket when one
// serves this file, else the file itself, else (a locked file) an error
// within VerifyLockWait. path "" is the configured store.
func OpenSpentShared(ctx context.Context, cfg *config.Config, path string) (postage.SpentStore, error) {
	if cfg.Store.Kind == "redis" && path == "" {
		return OpenSpent(cfg, 0)
	}
	if path == "" {
		path = SpentPath(cfg)
	} else if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	c, err := spentsock.Dial(ctx, SpentSocket(cfg), path, 500*time.Millisecond)
	if err == nil {
		return c, nil
	}
	if _, err := EnsureDataDir(); err != nil {
		return nil, err
	}
	st, err := bolt.Open(path, &bolt.Options{LockTimeout: VerifyLockWait})
	if err != nil {
		return nil, fmt.Errorf("%w (no postage serve or milter answers on %s)", err, SpentSocket(cfg))
	}
	return st, nil
}
