// Package milter is postage for Postfix and Sendmail: a milter that checks
// the postage of every message an MTA receives, or adds work stamps to the
// mail it sends. It speaks the milter protocol itself (protocol.go: version
// 6, no reply per event, oversized fields skipped rather than the
// connection dropped), reusing emersion/go-milter's protocol constants and
// its client in tests.
//
// Receiving: the milter collects the envelope recipients and the headers
// that carry postage, asks a postage.Checker for a verdict per recipient
// and writes them all into one Postage-Result header (a milter sees one
// message for all of its recipients), after deleting every Postage-Result
// the message arrived with. In receive mode the body streams through
// and is hashed for the message's identity, never kept. The
// worst verdict decides the action: tag (deliver with the header), tempfail
// (451) or reject (550 5.7.1 with the reason). A chain or store that cannot
// be reached gives temperror, which by default only tags: the milter fails
// open and never loses or alters a message beyond its headers.
//
// Sending (a submission listener): the milter adds an X-Hashcash work
// stamp for every To and Cc recipient that has none. Stake stamps need one
// copy per recipient, which a milter cannot make; `postage sendmail` does.
package milter

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/postage-mail/postage"
)

// Mode is what the milter does with mail.
type Mode string

const (
	// Receive checks postage and writes Postage-Result.
	Receive Mode = "receive"
	// Send adds work stamps.
	Send Mode = "send"
)

// Action is what happens to a message whose verdict calls for one.
type Action string

const (
	// Tag delivers the message with its Postage-Result header.
	Tag Action = "tag"
	// TempFail asks the client to retry later (451).
	TempFail Action = "tempfail"
	// Reject refuses the message (550 5.7.1) with the verdict as reason.
	Reject Action = "reject"
)

// Config is what the milter does and with what.
type Config struct {
	Mode Mode
	// Checker returns the checker for one message (receive mode), given
	// its stamps and the context bounding its check. It is called for
	// every message, so what stands behind it (a chain connection) may come
	// and go; it may wait, within ctx, for what the stamps need.
	Checker func(ctx context.Context, p postage.Stamps) *postage.Checker
	// Action applies to messages whose worst verdict is in ActOn.
	Action Action
	// ActOn lists the results Action applies to; default fail and neutral.
	ActOn []postage.Result
	// TempError is the action for a temperror verdict (chain or store
	// unavailable): Tag (fail open, the default) or TempFail.
	TempError Action
	// Timeout bounds checking one message (store and chain calls);
	// default 20s. Past it the verdict is temperror.
	Timeout time.Duration
	// IdleTimeout closes a connection on which the MTA has sent nothing
	// for that long, between messages or within one (a half-open
	// connection); default 10m, above Postfix's smtpd_timeout (300s) and
	// milter_content_timeout (300s), so a live SMTP session keeps its
	// milter connection. Negative: never.
	IdleTimeout time.Duration

	// WorkBits is the value of the work stamps Send mode mints.
	WorkBits int
	// MaxStamps bounds the recipients one message gets stamps for (Send
	// mode); default 50. The rest are logged.
	MaxStamps int
	// Advert returns the Postage-Book header value naming this host's
	// ticket book for a mail domain, "" for none (Send mode; nil: never).
	// It is called with the domain of the message's From address, so
	// correspondents learn the book (postage book learn) only for the
	// domain they see the mail come from.
	Advert func(domain string) string

	// Logger gets one line per message; default slog.Default().
	Logger *slog.Logger
	// Observer hears about every message (metrics); may be nil.
	Observer Observer
}

// DefaultIdleTimeout is Config.IdleTimeout's default.
const DefaultIdleTimeout = 10 * time.Minute

// Report is what happened to one message.
type Report struct {
	Mode    Mode
	QueueID string
	// Verdicts per envelope recipient (Receive mode).
	Verdicts []postage.Verdict
	// Result is the worst verdict (Receive mode).
	Result postage.Result
	Action Action
	// Removed counts the Postage-Result headers the message arrived with.
	Removed int
	// Stamped counts the work stamps added (Send mode).
	Stamped int
	// Elapsed is the time spent checking or stamping.
	Elapsed time.Duration
}

// Observer hears about every message the milter finishes.
type Observer interface {
	Observe(Report)
}

func (c *Config) withDefaults() (Config, error) {
	cfg := *c
	if cfg.Mode == "" {
		cfg.Mode = Receive
	}
	if cfg.Action == "" {
		cfg.Action = Tag
	}
	if cfg.ActOn == nil {
		cfg.ActOn = []postage.Result{postage.Fail, postage.Neutral}
	}
	if cfg.TempError == "" {
		cfg.TempError = Tag
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 20 * time.Second
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	} else if cfg.IdleTimeout < 0 {
		cfg.IdleTimeout = 0
	}
	if cfg.MaxStamps <= 0 {
		cfg.MaxStamps = 50
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	switch cfg.Mode {
	case Receive:
		if cfg.Checker == nil {
			return cfg, errors.New("milter: receive mode needs a checker")
		}
	case Send:
		if cfg.WorkBits < 0 || cfg.WorkBits > 40 {
			return cfg, fmt.Errorf("milter: work bits %d: want 0..40", cfg.WorkBits)
		}
	default:
		return cfg, fmt.Errorf("milter: mode %q: want receive or send", cfg.Mode)
	}
	switch cfg.Action {
	case Tag, TempFail, Reject:
	default:
		return cfg, fmt.Errorf("milter: action %q: want tag, tempfail or reject", cfg.Action)
	}
	switch cfg.TempError {
	case Tag, TempFail:
	default:
		return cfg, fmt.Errorf("milter: temperror action %q: want tag or tempfail", cfg.TempError)
	}
	for _, r := range cfg.ActOn {
		if r != postage.Fail && r != postage.Neutral {
			return cfg, fmt.Errorf("milter: act on %q: want fail or neutral", r)
		}
	}
	return cfg, nil
}

// decide maps the worst verdict to an action and, unless tagging, the
// SMTP reply.
func (c *Config) decide(worst postage.Verdict) (Action, string) {
	switch {
	case worst.Result == postage.TempError && c.TempError == TempFail:
		return TempFail, "451 4.3.0 postage could not be checked now, try again later: " + replyText(worst)
	case worst.Result == postage.TempError, !slices.Contains(c.ActOn, worst.Result):
		return Tag, ""
	case c.Action == Reject:
		return Reject, "550 5.7.1 postage refused: " + replyText(worst)
	case c.Action == TempFail:
		return TempFail, "451 4.7.1 postage refused, try again later: " + replyText(worst)
	}
	return Tag, ""
}

// replyText is a verdict fit for an SMTP reply: printable ASCII, no '%'
// (an MTA may read it as a format), at most 300 bytes.
func replyText(v postage.Verdict) string {
	s := strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' || r == '%' {
			return '_'
		}
		return r
	}, v.String())
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}
