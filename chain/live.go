package chain

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/internal/backoff"
)

// ErrNotConnected is what Live answers while it has no connection: the
// checker's temperror ("chain-unavailable"), never a pass.
var ErrNotConnected = errors.New("deposit contract not connected")

// Live keeps a deposit contract followed for a long-running process (the
// milter): Run connects in the background, retrying with backoff while the
// chain is down, then watches the contract's events so that deposit reads
// come from the cache. Live is a postage.DepositReader that answers
// ErrNotConnected until connected.
type Live struct {
	// Connect dials the chain and finds the contract (chain/connect).
	Connect func(ctx context.Context) (*Conn, error)
	// Confirmations the receiver policy asks for (Deposits).
	Confirmations uint64
	// Wrap, if set, wraps the connected reader (metrics).
	Wrap func(postage.DepositReader) postage.DepositReader
	// OnConnect and OnError, if set, are told of a connection and of a
	// failed attempt with the wait before the next one (for the log).
	OnConnect func(*Conn)
	OnError   func(err error, retry time.Duration)
	// Backoff between attempts (zero: backoff.Default, 15s an attempt).
	Backoff backoff.Policy
	// Watch is passed to Reader.Watch.
	Watch WatchOptions

	mu  sync.Mutex
	cur *liveConn

	firstOnce sync.Once
	first     chan struct{} // closed when Run's first attempt has ended
	firstDone sync.Once
}

type liveConn struct {
	conn *Conn
	ref  postage.ContractRef
	d    postage.DepositReader
}

var _ postage.DepositReader = (*Live)(nil)

// Run connects, then follows the contract until ctx ends. It returns
// once the connection is closed.
func (l *Live) Run(ctx context.Context) {
	p := l.Backoff
	if p == (backoff.Policy{}) {
		p = backoff.Default
		p.Attempt = 15 * time.Second
	}
	defer l.markTried() // stopped before any attempt ended
	var conn *Conn
	err := p.Retry(ctx, func(actx context.Context) error {
		c, err := l.Connect(actx)
		if err == nil && c.Reader == nil {
			c.Close()
			err = fmt.Errorf("chain at %s: no deposit contract", c.URL)
		}
		if err != nil {
			l.markTried()
		}
		conn = c
		return err
	}, l.OnError)
	if err != nil {
		return
	}
	defer conn.Close()
	var d postage.DepositReader = conn.Deposits(l.Confirmations)
	if l.Wrap != nil {
		d = l.Wrap(d)
	}
	l.set(&liveConn{conn: conn, ref: conn.Ref(), d: d})
	if l.OnConnect != nil {
		l.OnConnect(conn)
	}
	l.markTried()
	// Watch keeps the cache fresh and retries by itself while the chain is
	// unreachable (reads then bypass the cache and fail: temperror).
	conn.Reader.Watch(ctx, l.Watch)
	l.set(nil)
}

func (l *Live) tried() chan struct{} {
	l.firstOnce.Do(func() { l.first = make(chan struct{}) })
	return l.first
}

func (l *Live) markTried() { l.firstDone.Do(func() { close(l.tried()) }) }

// AwaitFirstAttempt returns once Run's first connection attempt has
// ended, connected or failed, or when ctx ends. A milter that has just
// started takes a moment to reach its chain. A message that arrives in
// that moment waits for the answer. It does not get a temperror that only
// says the milter was starting. A later outage does not make anyone wait:
// the first attempt has long ended.
func (l *Live) AwaitFirstAttempt(ctx context.Context) {
	select {
	case <-l.tried():
	case <-ctx.Done():
	}
}

func (l *Live) set(c *liveConn) {
	l.mu.Lock()
	l.cur = c
	l.mu.Unlock()
}

func (l *Live) current() *liveConn {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cur
}

// Ref is the followed contract, once connected.
func (l *Live) Ref() (postage.ContractRef, bool) {
	c := l.current()
	if c == nil {
		return postage.ContractRef{}, false
	}
	return c.ref, true
}

// Deposit implements postage.DepositReader.
func (l *Live) Deposit(ctx context.Context, ref postage.DepositRef) (postage.Deposit, error) {
	c := l.current()
	if c == nil {
		return postage.Deposit{}, ErrNotConnected
	}
	return c.d.Deposit(ctx, ref)
}

// Burned implements postage.DepositReader.
func (l *Live) Burned(ctx context.Context, ref postage.DepositRef, index uint32) (bool, error) {
	c := l.current()
	if c == nil {
		return false, ErrNotConnected
	}
	return c.d.Burned(ctx, ref, index)
}

// Stats is the reader's cache counters, and whether it is connected:
// only while its watcher is current, so a hung or unreachable chain drops
// it at its first failed call, not when the connection is given up.
func (l *Live) Stats() (hits, misses uint64, ok bool) {
	c := l.current()
	if c == nil {
		return 0, 0, false
	}
	cs := c.conn.Reader.Stats()
	return cs.Hits, cs.Misses, cs.Live && !cs.Down
}

// Reader is the connected contract's reader, nil until connected.
func (l *Live) Reader() *Reader {
	c := l.current()
	if c == nil {
		return nil
	}
	return c.conn.Reader
}
