package postage

import (
	"context"
	"fmt"
	"math/big"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/stake"
)

// TicketVerifier checks tickets of the deniable stake mode (package book,
// docs/deniable.md): Postage-Stamp headers of kind "ticket" that name a
// ticket the sender bought in one of the receiver's own ticket books. The
// recipient's agent implements it.
type TicketVerifier interface {
	// VerifyTicket checks one ticket header for rcpt and, when it is good,
	// records the ticket as claimed by this message (msg, its identity:
	// Postage.Message), so that a ticket backs one message (like a work
	// stamp): the same message again passes, another is "reused". An error
	// means the ticket could not be checked now: the verdict is temperror,
	// never a pass.
	VerifyTicket(ctx context.Context, header, msg string, rcpt stake.Recipient) (TicketVerdict, error)
}

// TicketVerdict is a TicketVerifier's answer.
type TicketVerdict struct {
	Valid bool
	// Reason is a single token: "pass", or why not ("malformed",
	// "not-for-recipient", "unknown-book", "not-sold", "bad-binding",
	// "revealed", "expiring", "reused", ...).
	Reason string
	Value  *big.Int   // the ticket's stake in wei, when valid
	Book   stake.Hash // the book, when known
}

// splitTickets separates ticket headers from v1 stake stamps.
func splitTickets(headers []string) (stakes, tickets []string) {
	for _, h := range headers {
		if book.IsTicket(h) {
			tickets = append(tickets, h)
		} else {
			stakes = append(stakes, h)
		}
	}
	return stakes, tickets
}

func (c *Checker) checkTickets(ctx context.Context, headers []string, msg string, rcpt stake.Recipient) (outcome, []Reason) {
	if len(headers) == 0 {
		return absent, nil
	}
	if c.Tickets == nil {
		// No agent here: a ticket is only worth something to the agent
		// that holds the book's values. Say so, and let the rest decide.
		return absent, []Reason{{"ticket", "no-agent"}}
	}
	// The ticket for this recipient; tickets for others are not ours to
	// claim (they are checked for their own recipient). A malformed one is
	// passed on so the verifier names what is wrong.
	var mine, malformed string
	sawOther := false
	for _, h := range headers {
		t, err := book.Parse(h)
		switch {
		case err != nil:
			if malformed == "" {
				malformed = h
			}
		case t.Recipient == rcpt:
			mine = h
		default:
			sawOther = true
		}
		if mine != "" {
			break
		}
	}
	if mine == "" {
		if malformed == "" && sawOther {
			// For someone else (forwarded, a list's copy): ignored.
			return absent, []Reason{{"ticket", "not-for-recipient"}}
		}
		mine = malformed
	}
	v, err := c.Tickets.VerifyTicket(ctx, mine, msg, rcpt)
	if err != nil {
		return unknown, []Reason{{"ticket", "chain-unavailable"}}
	}
	bookReason := Reason{"book", fmt.Sprintf("%x", v.Book[:6])}
	if !v.Valid {
		reason := v.Reason
		if reason == "" {
			reason = "invalid"
		}
		if v.Book == (stake.Hash{}) {
			return bad, []Reason{{"ticket", reason}}
		}
		return bad, []Reason{{"ticket", reason}, bookReason}
	}
	rs := []Reason{{"ticket", "pass"}}
	if v.Value != nil {
		rs = append(rs, Reason{"ticket.value", v.Value.String() + "wei"})
	}
	return good, append(rs, bookReason)
}
