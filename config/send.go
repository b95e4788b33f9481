package config

import (
	"fmt"
	"time"

	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/stake"
)

// StakeMode is send.stake: "always" (true), "never" (false), or "auto":
// stake only for recipients whose domain publishes a stake policy
// (TXT _postage.<domain>, book.Policy) the sender's deposits meet.
type StakeMode string

// Stake modes.
const (
	StakeAlways StakeMode = "always"
	StakeNever  StakeMode = "never"
	StakeAuto   StakeMode = "auto"
)

// UnmarshalTOML takes true, false, "always", "never" or "auto".
func (m *StakeMode) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case bool:
		*m = StakeNever
		if v {
			*m = StakeAlways
		}
		return nil
	case string:
		switch StakeMode(v) {
		case StakeAlways, StakeNever, StakeAuto:
			*m = StakeMode(v)
			return nil
		}
	}
	return fmt.Errorf("send.stake %v: want true, false, \"always\", \"never\" or \"auto\"", v)
}

// On reports whether stake stamps are made at all.
func (m StakeMode) On() bool { return m != StakeNever && m != "" }

// SendSettings are the [send] settings of the sender's deposits.
type SendSettings struct {
	MinLeaves     int
	Hold          time.Duration
	LifecycleTick time.Duration
	BatchWait     time.Duration
	BatchMax      int
	Book          send.TicketLimits
	// Limits is what the receivers' policy (this config's [policy.stake],
	// by default the default policy) requires of a deposit.
	Limits send.Limits
}

// SendSettings checks and resolves the sender's deposit settings.
func (c *Config) SendSettings() (SendSettings, error) {
	s := c.Send
	out := SendSettings{MinLeaves: s.MinLeaves, BatchMax: s.BatchMax}
	bad := func(key, format string, a ...any) (SendSettings, error) {
		return out, fmt.Errorf("config: send.%s: %s", key, fmt.Sprintf(format, a...))
	}
	if s.MinLeaves < 1 || s.MinLeaves > stake.MaxLeaves {
		return bad("min_leaves", "%d: want 1..%d", s.MinLeaves, stake.MaxLeaves)
	}
	var err error
	if out.Hold, err = ParsePeriod(s.Hold); err != nil {
		return bad("hold", "%v", err)
	}
	if out.LifecycleTick, err = ParsePeriod(s.LifecycleTick); err != nil || out.LifecycleTick <= 0 {
		return bad("lifecycle_tick", "%q: want a period above 0", s.LifecycleTick)
	}
	if out.BatchWait, err = ParsePeriod(s.BatchWait); err != nil {
		return bad("batch_wait", "%v", err)
	}
	if s.BatchMax < 1 || s.BatchMax > stake.MaxLeaves/2 {
		return bad("batch_max", "%d: want 1..%d", s.BatchMax, stake.MaxLeaves/2)
	}
	if s.BookMaxBounty < 0 || s.BookMaxBounty > 100 {
		return bad("book_max_bounty", "%d: want a percentage 0..100", s.BookMaxBounty)
	}
	if s.BookMinReserve < 0 {
		return bad("book_min_reserve", "%d: want 0 or more ticket prices", s.BookMinReserve)
	}
	w, err := ParsePeriod(s.BookMaxWindow)
	if err != nil {
		return bad("book_max_window", "%v", err)
	}
	st, err := c.SenderTickets()
	if err != nil {
		return out, err
	}
	out.Book = send.TicketLimits{MaxPrice: st.MaxTicket, MaxBountyPercent: s.BookMaxBounty, MinReserve: s.BookMinReserve, MaxQueue: s.BookMaxQueue, MaxWindow: w}
	p, err := c.basePolicy()
	if err != nil {
		return out, err
	}
	out.Limits = send.Limits{MinPerLeaf: p.StakeMinPerLeaf, MinDelay: p.StakeMinDelay}
	return out, nil
}
