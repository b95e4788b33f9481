package main

import (
	"fmt"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/store/bolt"
	"github.com/postage-mail/postage/store/redis"
)

// openSpent opens the configured spent store: the bbolt file (creating the
// data directory on first use) or Redis (store.kind = "redis"), which is
// not contacted until the first stamp.
func openSpent(cfg *config.Config) (postage.SpentStore, error) {
	switch cfg.Store.Kind {
	case "redis":
		return redis.Open(cfg.Store.RedisURL, nil)
	case "bolt":
		if _, err := ensureDataDir(); err != nil {
			return nil, err
		}
		return bolt.Open(cfg.SpentPath(), nil)
	}
	return nil, fmt.Errorf("config: store.kind %q: want bolt or redis", cfg.Store.Kind)
}
