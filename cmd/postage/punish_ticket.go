package main

import (
	"context"

	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/stake"
)

// punishTicket handles a message that carries a ticket for this recipient:
// ok is false when it carries none (the caller goes on with stake stamps).
func punishTicket(ctx context.Context, cfg *config.Config, m *mail.Message, rcptFlag string, logf func(string, ...any)) (int, bool) {
	var tickets []*book.Ticket
	var headers []string
	for _, h := range m.Stamps().Stake {
		if !book.IsTicket(h) {
			continue
		}
		t, err := book.Parse(h)
		if err != nil {
			logf("ignoring a malformed ticket: %v", err)
			continue
		}
		tickets, headers = append(tickets, t), append(headers, h)
	}
	if len(tickets) == 0 {
		return 0, false
	}
	addr := rcptFlag
	if addr == "" {
		// Only what the local delivery agent recorded; never a guess.
		a, err := m.DeliveredTo()
		if err != nil {
			logf("no recipient: pass --rcpt: %v", err)
			return exitUsage, true
		}
		addr = a
	}
	rcpt, err := stake.ParseRecipient(addr)
	if err != nil {
		logf("recipient %q: %v", addr, err)
		return exitUsage, true
	}
	header := ""
	for i, t := range tickets {
		if t.Recipient == rcpt {
			header = headers[i]
		}
	}
	if header == "" {
		return 0, false // tickets for others only: maybe a stake stamp is ours
	}
	if !cfg.Book.Enabled {
		logf("the message carries a ticket, but book.enabled is false on this host: nothing to do")
		return exitUnsure, true
	}
	a, err := bookAgentForPunish(cfg)
	if err != nil {
		logf("%v", err)
		return exitUsage, true
	}
	res, err := a.Punish(ctx, header, rcpt)
	if err != nil {
		logf("%v", err)
		return exitIOErr, true
	}
	switch res {
	case agent.Punished:
		logf("ticket erased: it will never be revealed")
	case agent.AlreadyDecided:
		logf("ticket already decided (too late if it was revealed): nothing to do")
	case agent.NotAccepted:
		logf("this host never accepted that ticket: nothing to do")
		return exitUnsure, true
	}
	return exitOK, true
}
