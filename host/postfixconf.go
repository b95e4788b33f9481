package host

import (
	"context"
	"net"
	"time"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/milter"
)

// PostfixConfig is the main.cf text for cfg's milter
// (milter.PostfixConfig), with rspamd's milter after postage's, and a
// hint saying so, when milter.after is empty and rspamd answers on its
// default port here.
func PostfixConfig(ctx context.Context, cfg *config.Config) (string, error) {
	a, err := cfg.MilterAddress()
	if err != nil {
		return "", err
	}
	after, err := cfg.MilterAfter()
	if err != nil {
		return "", err
	}
	mode := milter.Mode(cfg.Milter.Mode)
	detected := len(after) == 0 && mode == milter.Receive && rspamdAnswers(ctx)
	if detected {
		after = []string{"inet:" + milter.RspamdAddr}
	}
	out := milter.PostfixConfig(a, mode, after)
	if detected {
		out += milter.RspamdHint
	}
	return out, nil
}

// rspamdAnswers tells whether something accepts connections on rspamd's
// default milter port.
func rspamdAnswers(ctx context.Context) bool {
	d := net.Dialer{Timeout: 300 * time.Millisecond}
	c, err := d.DialContext(ctx, "tcp", milter.RspamdAddr)
	if err != nil {
		return false
	}
	c.Close()
	return true
}
