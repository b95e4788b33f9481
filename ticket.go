package postage

import (
	"context"
	"fmt"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/stake"
)

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
	found := book.Find(headers)
	_, mine := found.For(rcpt)
	if mine == "" {
		if len(found.Bad) == 0 {
			// For someone else (forwarded, a list's copy): ignored.
			return absent, []Reason{{"ticket", "not-for-recipient"}}
		}
		mine = found.Bad[0]
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
