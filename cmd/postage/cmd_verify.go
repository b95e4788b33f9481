package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
)

func init() {
	register(&command{
		name:  "verify",
		args:  "[--rcpt ADDRESS]... [--filter] [--config FILE] < message",
		short: "check a message's postage and add Postage-Result (a delivery filter)",
		long: `Reads a message on stdin and writes it to stdout with a Postage-Result
header giving the verdict for each recipient: pass, fail, neutral (no
postage) or temperror (could not check now). Any Postage-Result already in
the message is removed first, so a sender cannot forge one.

The recipient is --rcpt (repeatable), else the envelope headers the local
delivery agent added: Delivered-To, X-Original-To or Envelope-To.

What passes is the configured policy (see: postage config): by default an
allowlisted sender, a good stake stamp or a good work stamp. Work stamps
are recorded in the spent store, so each passes once. The chain is only
contacted for messages that carry a stake stamp.

Exit status follows the verdict (for all recipients, the worst one):
  0 pass, 1 fail, 2 neutral, 75 temperror; 64 usage; 65 unreadable message
(passed through unchanged). With --filter the exit status is always 0 and
the message is always written, for procmail and maildrop, which discard a
filter's output when it exits non-zero:
  :0 fw
  | postage verify --filter`,
		flags: verifyFlags,
	})
}

func verifyFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	var rcpts multiFlag
	fs.Var(&rcpts, "rcpt", "envelope recipient `address` (repeatable)")
	filter := fs.Bool("filter", false, "always exit 0 and write the message (procmail/maildrop)")
	cfgPath := fs.String("config", "", "configuration `file` (default <data dir>/postage.toml)")
	rpc := fs.String("rpc", "", "Ethereum JSON-RPC `URL` (default: chain.rpc, else the embedded chain)")
	return func(ctx context.Context, args []string) int {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "postage verify: unexpected argument %q (the message comes on stdin)\n", args[0])
			return exitUsage
		}
		code := runVerify(ctx, *cfgPath, *rpc, rcpts)
		if *filter {
			return exitOK
		}
		return code
	}
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// headTee copies what is read into buf until stopped: if the header cannot
// be parsed, what was read is written out unchanged, then the rest.
type headTee struct {
	r    io.Reader
	buf  bytes.Buffer
	stop bool
}

func (t *headTee) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if !t.stop {
		t.buf.Write(p[:n])
	}
	return n, err
}

func runVerify(ctx context.Context, cfgPath, rpc string, rcpts []string) int {
	tee := &headTee{r: stdin}
	m, err := mail.Read(tee)
	if err != nil {
		fmt.Fprintf(stderr, "postage verify: %v; message passed through unchanged\n", err)
		stdout.Write(tee.buf.Bytes())
		io.Copy(stdout, stdin)
		return exitDataErr
	}
	tee.stop = true
	tee.buf = bytes.Buffer{}

	write := func() bool {
		if _, err := m.WriteTo(stdout); err != nil {
			fmt.Fprintf(stderr, "postage verify: %v\n", err)
			return false
		}
		return true
	}
	if len(rcpts) == 0 {
		for _, k := range []string{"Delivered-To", "X-Original-To", "Envelope-To"} {
			if v := strings.TrimSpace(m.Header.Get(k)); v != "" {
				rcpts = []string{strings.Trim(v, "<>")}
				break
			}
		}
	}
	cfg, err := config.Load(cfgPath)
	if err != nil || len(rcpts) == 0 {
		if err == nil {
			err = errors.New("no recipient: pass --rcpt, or deliver with Delivered-To or X-Original-To")
		}
		fmt.Fprintf(stderr, "postage verify: %v\n", err)
		// Say so in the message too: never pass, never lose it.
		m.SetVerdicts([]postage.Verdict{{Result: postage.TempError, Reasons: []postage.Reason{{Name: "error", Value: "config"}}}})
		write()
		return exitUsage
	}
	pol, err := cfg.ReceiverPolicy(nil)
	if err != nil {
		fmt.Fprintf(stderr, "postage verify: %v\n", err)
		m.SetVerdicts([]postage.Verdict{{Result: postage.TempError, Reasons: []postage.Reason{{Name: "error", Value: "config"}}}})
		write()
		return exitUsage
	}
	p := m.Postage()
	checker := &postage.Checker{Policy: pol}
	if len(p.Work) > 0 {
		s, err := openSpent(cfg)
		if err != nil {
			fmt.Fprintf(stderr, "postage verify: %v\n", err)
		} else {
			defer s.Close()
			checker.Spent = s
		}
	}
	if len(p.Stake) > 0 && pol.Accepts(postage.AcceptStake) {
		conn, err := connectChain(ctx, cfg, rpc)
		if err != nil {
			fmt.Fprintf(stderr, "postage verify: %v\n", err)
		} else {
			defer conn.Close()
			pol.Contracts = append(pol.Contracts, conn.ref())
			checker.Deposits = conn.deposits(pol.StakeConfirmations)
		}
		if cfg.Book.Enabled {
			// Tickets of this host's books (deniable stake): the agent checks them.
			tv, closeBook := ticketVerifier(ctx, cfg, rpc, p.Stake)
			defer closeBook()
			checker.Tickets = tv
		}
	}
	var verdicts []postage.Verdict
	for _, r := range rcpts {
		verdicts = append(verdicts, checker.Check(ctx, p, r))
	}
	m.SetVerdicts(verdicts)
	if !write() {
		return exitIOErr
	}
	for _, v := range verdicts {
		fmt.Fprintf(stderr, "postage verify: %s\n", v)
	}
	return verdictCode(postage.Worst(verdicts).Result)
}

func verdictCode(r postage.Result) int {
	switch r {
	case postage.Pass:
		return exitOK
	case postage.Fail:
		return exitInvalid
	case postage.Neutral:
		return exitUnsure
	}
	return exitTempFail
}
