package main

import (
	"fmt"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/store/bolt"
	"github.com/postage-mail/postage/store/redis"
)

// verifyLockWait bounds how long a one-message process (postage verify)
// waits for the bbolt file another process (postage serve, milter) holds:
// past it the message is checked without a store, temperror
// (work=no-spent-store, stake=no-spent-store), at once rather than after
// the daemon's 30 s.
const verifyLockWait = 2 * time.Second

// openSpent opens the configured spent store: the bbolt file (creating the
// data directory on first use; waiting at most lockWait for another
// process's lock, 0: bolt's default) or Redis (store.kind = "redis"),
// which is not contacted until the first stamp.
func openSpent(cfg *config.Config, lockWait time.Duration) (postage.SpentStore, error) {
	switch cfg.Store.Kind {
	case "redis":
		return redis.Open(cfg.Store.RedisURL, nil)
	case "bolt":
		if _, err := ensureDataDir(); err != nil {
			return nil, err
		}
		return bolt.Open(cfg.SpentPath(), &bolt.Options{LockTimeout: lockWait})
	}
	return nil, fmt.Errorf("config: store.kind %q: want bolt or redis", cfg.Store.Kind)
}
