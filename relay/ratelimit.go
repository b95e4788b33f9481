package relay

import (
	"math"
	"sync"
	"time"
)

// maxClients bounds the limiter's memory; past it, idle clients are
// forgotten, and if none is idle new clients wait.
const maxClients = 65_536

// limiter is a token bucket per client: rate tokens a second, at most
// burst saved up.
type limiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	now     func() time.Time
	clients map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(perSecond float64, burst int, now func() time.Time) *limiter {
	return &limiter{rate: perSecond, burst: float64(max(burst, 1)), now: now, clients: make(map[string]*bucket)}
}

// allow takes a token for client, or says how long until one is there.
func (l *limiter) allow(client string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.clients[client]
	if !ok {
		if len(l.clients) >= maxClients {
			l.sweep(now)
			if len(l.clients) >= maxClients {
				return false, time.Second
			}
		}
		b = &bucket{tokens: l.burst, last: now}
		l.clients[client] = b
	}
	b.refill(now, l.rate, l.burst)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	if l.rate <= 0 {
		return false, time.Hour
	}
	wait := time.Duration(math.Ceil((1 - b.tokens) / l.rate * float64(time.Second)))
	return false, wait
}

func (b *bucket) refill(now time.Time, rate, burst float64) {
	if dt := now.Sub(b.last).Seconds(); dt > 0 {
		b.tokens = math.Min(burst, b.tokens+dt*rate)
	}
	b.last = now
}

// sweep forgets clients whose bucket is full again: they are
// indistinguishable from new ones.
func (l *limiter) sweep(now time.Time) {
	for k, b := range l.clients {
		b.refill(now, l.rate, l.burst)
		if b.tokens >= l.burst {
			delete(l.clients, k)
		}
	}
}
