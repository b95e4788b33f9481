package send

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage/stake"
)

// hungStake is a chain that never mines: Stake waits for its context.
type hungStake struct{}

func (hungStake) Stake(ctx context.Context, msg MessageInfo, rcpts []stake.Recipient) (*StakeResult, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// A deposit that is never mined (the chain died after taking it) fails the
// message whole within StakeTimeout, as a temporary failure, naming the
// timeout; nothing is handed to the MTA.
func TestSendStakeTimeout(t *testing.T) {
	tr := &memTransport{}
	s := &Sender{Bits: 8, Stake: hungStake{}, Transport: tr, Mint: cheapMint, StakeTimeout: 200 * time.Millisecond}
	start := time.Now()
	_, err := s.Send(context.Background(), strings.NewReader(msg), Envelope{FromHeaders: true})
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("Send took %v with a 200ms stake timeout", took)
	}
	if !errors.Is(err, ErrTemp) || !strings.Contains(err.Error(), "no stake stamps within 200ms") {
		t.Fatalf("error %v, want ErrTemp naming the timeout", err)
	}
	if len(tr.copies) != 0 {
		t.Errorf("%d copies sent although no deposit was mined", len(tr.copies))
	}
	if DefaultStakeTimeout <= 0 || DefaultStakeTimeout > 5*time.Minute {
		t.Errorf("DefaultStakeTimeout %v: want a bound of minutes", DefaultStakeTimeout)
	}
}
