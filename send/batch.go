package send

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/postage-mail/postage/stake"
)

// Batcher collects the recipients of every message handed to it within
// Wait of the first one (up to Max leaves of recipients), makes one padded
// deposit for all of them, and then answers every message with its stamps.
// A message is never held longer than Wait before its deposit is sent; when
// the deposit fails, every message of the batch gets the error, and none
// gets a stamp. It implements StakeSource.
type Batcher struct {
	Staker *Staker
	Wait   time.Duration
	Max    int // recipients per deposit (0: stake.MaxLeaves / 2)

	mu      sync.Mutex
	pending []*batchReq
	count   int
	timer   *time.Timer
	closed  bool
	wg      sync.WaitGroup
	// Deposits counts deposits made (for tests and metrics).
	deposits int
}

type batchReq struct {
	group Group
	reply chan batchReply
}

type batchReply struct {
	res *StakeResult
	err error
}

// ErrClosed is returned to messages handed to a closed Batcher.
var ErrClosed = errors.New("batcher closed")

func (b *Batcher) max() int {
	if b.Max > 0 {
		return b.Max
	}
	return stake.MaxLeaves / 2
}

// Stake implements StakeSource: it joins the current batch and waits for
// its deposit.
func (b *Batcher) Stake(ctx context.Context, msg MessageInfo, rcpts []stake.Recipient) (*StakeResult, error) {
	if len(rcpts) == 0 {
		return nil, fmt.Errorf("no recipients to stake for")
	}
	if err := b.Staker.Check(); err != nil {
		return nil, err // refused before joining: it would sink the batch
	}
	req := &batchReq{group: Group{Message: msg, Rcpts: rcpts}, reply: make(chan batchReply, 1)}
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return nil, ErrClosed
	}
	if b.count > 0 && b.count+len(rcpts) > b.max() {
		b.flushLocked() // this message does not fit: the batch goes now
	}
	b.pending = append(b.pending, req)
	b.count += len(rcpts)
	switch {
	case b.count >= b.max():
		b.flushLocked()
	case len(b.pending) == 1:
		b.timer = time.AfterFunc(b.Wait, b.flush)
	}
	b.mu.Unlock()
	select {
	case r := <-req.reply:
		return r.res, r.err
	case <-ctx.Done():
		// The deposit goes on for the others; this message is not sent.
		return nil, ctx.Err()
	}
}

func (b *Batcher) flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked()
}

// flushLocked sends the pending batch's deposit in its own goroutine: the
// next batch collects meanwhile.
func (b *Batcher) flushLocked() {
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	if len(b.pending) == 0 {
		return
	}
	reqs := b.pending
	b.pending, b.count = nil, 0
	b.deposits++
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		groups := make([]Group, len(reqs))
		for i, r := range reqs {
			groups[i] = r.group
		}
		// The deposit is not tied to one message's context: it serves all.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		st, err := b.Staker.Deposit(ctx, groups)
		for i, r := range reqs {
			if err != nil {
				r.reply <- batchReply{err: err}
				continue
			}
			r.reply <- batchReply{res: &StakeResult{ID: st.ID, Leaves: st.Leaves, Headers: st.Headers[i]}}
		}
	}()
}

// Deposits is the number of deposits the batcher has started.
func (b *Batcher) Deposits() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.deposits
}

// Close sends what is pending at once, refuses new messages and waits for
// the deposits under way.
func (b *Batcher) Close() {
	b.mu.Lock()
	b.closed = true
	b.flushLocked()
	b.mu.Unlock()
	b.wg.Wait()
}
