package submit

import (
	"context"
	"sync"

	"github.com/postage-mail/postage/send"
)

// Opener gives a Sender that is made on first use (connecting to the
// chain, finding the batcher) and kept: a failure is returned to that
// message (a temporary refusal) and tried again for the next.
type Opener struct {
	Open func(ctx context.Context) (send.Sender, error)
	mu   sync.Mutex
	s    *send.Sender
}

// Sender implements Config.Stamper.
func (o *Opener) Sender(ctx context.Context) (send.Sender, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.s != nil {
		return *o.s, nil
	}
	s, err := o.Open(ctx)
	if err != nil {
		return send.Sender{}, err
	}
	o.s = &s
	return s, nil
}
