package main

import (
	"context"

	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/punish"
)

// punishTicket handles a message that carries a ticket for this recipient
// (punish.FindTicket): the book agent erases it. ok is false when it
// carries none (the caller goes on with stake stamps).
func punishTicket(ctx context.Context, cfg *config.Config, m *mail.Message, rcptFlag string, logf func(string, ...any)) (int, bool) {
	header, rcpt, st, ok := punish.FindTicket(m, rcptFlag, logf)
	switch {
	case !ok:
		return 0, false
	case st == punish.Usage:
		return exitUsage, true
	case !cfg.Book.Enabled:
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
