// Package redis is the spent store shared by several MX hosts: work stamps
// live in Redis as keys set with SET NX and a TTL, so of concurrent spends
// of one stamp, from any number of milters on any number of hosts, exactly
// one succeeds (Redis runs each command atomically), and Redis forgets a
// stamp by itself when it expires.
//
// Durability is Redis's: a server that restarts without persistence
// forgets the stamps it held, and those stamps could be replayed until they
// expire. Run Redis with appendonly yes (fsync everysec or always) when
// that matters.
package redis

import (
	"context"
	"errors"
	"fmt"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/postage-mail/postage"
)

// DefaultPrefix starts every key the store writes, so postage can share a
// Redis database with other users.
const DefaultPrefix = "postage:spent:"

// Options tune Open. The zero value is fine.
type Options struct {
	// Prefix of the keys (default DefaultPrefix). Every milter sharing
	// the store must use the same one.
	Prefix string
}

// Store is a postage.SpentStore on Redis.
type Store struct {
	client *goredis.Client
	prefix string
	addr   string
}

var _ postage.SpentStore = (*Store)(nil)

// Open returns a store on the server the URL names
// (redis://[user:password@]host:port/db or unix:///path?db=N; go-redis
// options as query parameters, e.g. ?dial_timeout=2s). It does not
// connect: a server that is down at start makes Spend fail (the checker
// then says temperror) until it is back. Ping checks it now.
func Open(url string, opts *Options) (*Store, error) {
	o, err := goredis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("redis spent store: url %q: %w", url, err)
	}
	if opts == nil {
		opts = &Options{}
	}
	prefix := opts.Prefix
	if prefix == "" {
		prefix = DefaultPrefix
	}
	// CLIENT SETINFO is refused by Redis < 7.2 and by some proxies; postage
	// has nothing to tell the server about itself.
	o.DisableIdentity = true
	return &Store{client: goredis.NewClient(o), prefix: prefix, addr: o.Addr}, nil
}

// Ping checks that the server answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis spent store at %s: %w", s.addr, err)
	}
	return nil
}

// Spend implements postage.SpentStore with one SET key 1 NX PX ttl. A
// stamp whose expiry has already passed is not recorded: the checker
// refuses an expired stamp before it asks the store.
func (s *Store) Spend(ctx context.Context, stamp string, expires time.Time) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("spend: %w", err)
	}
	if stamp == "" {
		return errors.New("spend: empty stamp")
	}
	var ttl time.Duration // 0: no expiry
	if !expires.IsZero() {
		ttl = time.Until(expires)
		if ttl <= 0 {
			return nil
		}
		// Redis counts milliseconds; never round a live stamp down to
		// "no expiry" (0) or to an already-expired key.
		ttl = max(ttl.Round(time.Millisecond), time.Millisecond)
	}
	ok, err := s.client.SetNX(ctx, s.prefix+stamp, 1, ttl).Result()
	if err != nil {
		return fmt.Errorf("spend in redis at %s: %w", s.addr, err)
	}
	if !ok {
		return postage.ErrSpent
	}
	return nil
}

// Purge implements postage.SpentStore. It has nothing to do and reports 0:
// every key carries its stamp's expiry as a TTL, and Redis deletes expired
// keys by itself.
func (s *Store) Purge(ctx context.Context, now time.Time) (int, error) { return 0, nil }

// Close closes the connections.
func (s *Store) Close() error { return s.client.Close() }
