package host

import (
	"context"
	"io"
	"time"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/punish"
)

// PunishRequest is one `postage punish`: what to do (Mode), for which
// recipient (--rcpt; empty: the message's), how long to wait for a
// relay's burn (Wait), and the message (not read for Due).
type PunishRequest struct {
	Mode    punish.Mode
	Rcpt    string
	Timeout time.Duration
	Message io.Reader
}

// RunPunish does r with p: the due punishments, or the message's ticket
// (deniable stake: punishing is never revealing it, at once; a cancel
// never touches tickets), else its stake leaf, burned after the undo
// window, burned now, or its pending burn cancelled. p has said why for
// any status but OK. The error is a message that could not be read.
func RunPunish(ctx context.Context, p *punish.Punisher, cfg *config.Config, r PunishRequest) (punish.Status, error) {
	if r.Mode.Due {
		return p.RunDue(ctx), nil
	}
	m, err := mail.Read(r.Message)
	if err != nil {
		return punish.Invalid, err
	}
	if !r.Mode.Cancel {
		if st, ok := PunishTicket(ctx, cfg, m, r.Rcpt, p.Logf); ok {
			return st, nil
		}
	}
	b, st := punish.FindBurn(m, r.Rcpt, p.Logf)
	switch {
	case st != punish.OK:
		return st, nil
	case r.Mode.Cancel:
		return p.Cancel(ctx, b), nil
	}
	return p.Punish(ctx, b, r.Mode.Now, r.Mode.Wait, r.Timeout), nil
}
