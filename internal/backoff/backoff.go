// Package backoff retries a connection attempt with a doubling wait, for
// the supervisors that keep postage connected to a chain (chain.Live,
// agent.Service): an unreachable chain is retried after 1s, 2s, 4s … up to
// 30s, for as long as the process runs.
package backoff

import (
	"context"
	"time"
)

// Policy is how long to wait between attempts and how long one may take.
// The zero Policy is Default.
type Policy struct {
	Min, Max time.Duration // first wait, and the most it grows to
	Attempt  time.Duration // bound on one attempt (0: none)
}

// Default waits 1s, doubling up to 30s.
var Default = Policy{Min: time.Second, Max: 30 * time.Second}

func (p Policy) orDefault() Policy {
	if p.Min <= 0 {
		p.Min = Default.Min
	}
	if p.Max < p.Min {
		p.Max = max(Default.Max, p.Min)
	}
	return p
}

// Retry calls try until it succeeds or ctx ends, and returns nil or
// ctx's error. Each attempt gets a context bounded by p.Attempt; after a
// failure, failed (if not nil) is told the error and the wait before the
// next attempt.
func (p Policy) Retry(ctx context.Context, try func(context.Context) error, failed func(err error, wait time.Duration)) error {
	p = p.orDefault()
	wait := p.Min
	for {
		actx, cancel := ctx, context.CancelFunc(func() {})
		if p.Attempt > 0 {
			actx, cancel = context.WithTimeout(ctx, p.Attempt)
		}
		err := try(actx)
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if failed != nil {
			failed(err, wait)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait = min(2*wait, p.Max)
	}
}
