// Package redis is the spent store shared by several MX hosts: each spent
// key (a work stamp, a stake leaf) lives in Redis with the identity of the
// message it was spent for as its value and the stamp's expiry as its TTL.
// One Lua script reads and sets it, so of concurrent spends of one key for
// different messages, from any number of milters on any number of hosts,
// exactly one succeeds (Redis runs a script atomically), the same message
// again succeeds too, and Redis forgets a stamp by itself when it expires.
//
// Every call is bounded (Options.Timeout, default 2 s): a server that is
// down or hung makes Spend fail at once, and the checker says temperror. A
// spend that reaches a hung server late is harmless: it records the same
// message, whose retry still passes.
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
	// Timeout bounds each call (default DefaultTimeout).
	Timeout time.Duration
}

// DefaultTimeout bounds one call to the server.
const DefaultTimeout = 2 * time.Second

// Store is a postage.SpentStore on Redis.
type Store struct {
	client  *goredis.Client
	prefix  string
	addr    string
	timeout time.Duration
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
	// Network deadlines follow the context's, so Timeout bounds a call to
	// a hung server, retries included.
	o.ContextTimeoutEnabled = true
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Store{client: goredis.NewClient(o), prefix: prefix, addr: o.Addr, timeout: timeout}, nil
}

// Ping checks that the server answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if err := s.client.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis spent store at %s: %w", s.addr, err)
	}
	return nil
}

// spendScript sets KEYS[1] to ARGV[1] (the message) with a TTL of ARGV[2]
// milliseconds (0: none) unless it exists, and answers 1 for a new key, 2
// for a key already spent for the same message, 0 for another message.
var spendScript = goredis.NewScript(`
local had = redis.call('GET', KEYS[1])
if had == false then
	if ARGV[2] == '0' then
		redis.call('SET', KEYS[1], ARGV[1])
	else
		redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
	end
	return 1
end
if ARGV[1] ~= '' and had == ARGV[1] then
	return 2
end
return 0
`)

// Spend implements postage.SpentStore with one script (GET, then SET with
// a TTL). A stamp whose expiry has already passed is not recorded: the
// checker refuses an expired stamp before it asks the store.
func (s *Store) Spend(ctx context.Context, key, msg string, expires time.Time) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("spend: %w", err)
	}
	if key == "" {
		return errors.New("spend: empty key")
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
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	n, err := spendScript.Run(ctx, s.client, []string{s.prefix + key}, msg, ttl.Milliseconds()).Int()
	if err != nil {
		return fmt.Errorf("spend in redis at %s: %w", s.addr, err)
	}
	if n == 0 {
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
