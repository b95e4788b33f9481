package agent

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/internal/backoff"
	"github.com/postage-mail/postage/stake"
)

// ErrNotConnected is what Service answers while its agent has not reached
// the TicketBook: the ticket's temperror, never a pass.
var ErrNotConnected = errors.New("ticket book contract not reached yet")

// Service runs the agent inside a long-running process (the milter): Run
// connects in the background, retrying with backoff while the chain is
// down, then verifies tickets and, when the agent has a Sender, decides
// them every Tick. Service is a postage.TicketVerifier that answers
// ErrNotConnected until connected.
type Service struct {
	// Connect reaches the TicketBook and returns the agent (Sender nil if
	// it may only verify here) and what closes its connection.
	Connect func(ctx context.Context) (*Agent, func(), error)
	// Tick is how often the agent decides tickets.
	Tick time.Duration
	// Logger gets the connection's progress (nil: slog.Default()).
	Logger *slog.Logger
	// Backoff between attempts (zero: backoff.Default, 30s an attempt).
	Backoff backoff.Policy

	mu sync.Mutex
	a  *Agent
}

var _ postage.TicketVerifier = (*Service)(nil)

func (s *Service) log() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

// Run connects, then runs the agent until ctx ends.
func (s *Service) Run(ctx context.Context) {
	p := s.Backoff
	if p == (backoff.Policy{}) {
		p = backoff.Default
		p.Attempt = 30 * time.Second
	}
	var a *Agent
	var closeConn func()
	err := p.Retry(ctx, func(actx context.Context) error {
		var err error
		a, closeConn, err = s.Connect(actx)
		return err
	}, func(err error, wait time.Duration) {
		s.log().Warn("ticket book contract unreachable; tickets are temperror until it answers", "err", err, "retry_in", wait)
	})
	if err != nil {
		return
	}
	defer closeConn()
	s.mu.Lock()
	s.a = a
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.a = nil
		s.mu.Unlock()
	}()
	var contract any
	if a.Contract != nil {
		contract = a.Contract.Address()
	}
	s.log().Info("ticket book agent", "contract", contract, "chain_id", a.ChainID, "deciding", a.Sender != nil)
	if a.Sender == nil {
		<-ctx.Done()
		return
	}
	a.Run(ctx, s.Tick)
}

// Agent is the connected agent, nil until then.
func (s *Service) Agent() *Agent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.a
}

// VerifyTicket implements postage.TicketVerifier.
func (s *Service) VerifyTicket(ctx context.Context, header, msg string, rcpt stake.Recipient) (postage.TicketVerdict, error) {
	a := s.Agent()
	if a == nil {
		return postage.TicketVerdict{}, ErrNotConnected
	}
	return a.VerifyTicket(ctx, header, msg, rcpt)
}
