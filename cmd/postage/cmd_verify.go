package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/mail"
)

func init() {
	register(&command{
		name:  "verify",
		args:  "[--rcpt ADDRESS]... [--filter] [--config FILE] < message",
		short: "check a message's postage and add Postage-Result (a delivery filter)",
		new:   func() cli { return &verifyCmd{} },
	})
}

type verifyCmd struct {
	rcpts        multiFlag
	filter       bool
	cfgPath, rpc string
}

func (c *verifyCmd) Flags(fs *flag.FlagSet) {
	fs.Var(&c.rcpts, "rcpt", "envelope recipient `address` (repeatable)")
	fs.BoolVar(&c.filter, "filter", false, "always exit 0 and write the message (procmail/maildrop)")
	fs.StringVar(&c.cfgPath, "config", "", "configuration `file` (default <data dir>/postage.toml)")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL` (default: chain.rpc, else the embedded chain)")
}

// Run prints its own messages (a delivery filter's stderr): the exit
// status is silent.
func (c *verifyCmd) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("unexpected argument %q (the message comes on stdin)", args[0])
	}
	code := c.verify(ctx)
	if c.filter {
		return nil
	}
	return silentExit(code)
}

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

func verifyLog(format string, a ...any) { fmt.Fprintf(stderr, "postage verify: "+format+"\n", a...) }

// verify checks the message on stdin, writes it with its verdicts, and
// returns the exit status. Whatever fails, the message is written.
func (c *verifyCmd) verify(ctx context.Context) int {
	tee := &headTee{r: stdin}
	m, err := mail.Read(tee)
	if err != nil {
		verifyLog("%v; message passed through unchanged", err)
		stdout.Write(tee.buf.Bytes())
		io.Copy(stdout, stdin)
		return exitDataErr
	}
	tee.stop = true
	tee.buf = bytes.Buffer{}
	// tempError says why in the message too: never pass, never lose it.
	tempError := func(code int, reason string, err error) int {
		verifyLog("%v", err)
		m.SetVerdicts([]postage.Verdict{{Result: postage.TempError, Reasons: []postage.Reason{{Name: "error", Value: reason}}}})
		writeVerified(m)
		return code
	}
	rcpts, cfg, pol, reason, err := c.setup(m)
	if err != nil {
		return tempError(exitUsage, reason, err)
	}
	p := m.Stamps()
	if len(p.Work) > 0 || len(p.Stake) > 0 {
		// Stamps are spent for this message: its identity covers the body,
		// which is read (and spooled) before the verdict is written.
		if p.Message, err = m.SpoolIdentity(); err != nil {
			return tempError(exitIOErr, "spool", err)
		}
	}
	checker, closeAll := c.checker(ctx, cfg, pol, p)
	defer closeAll()
	var verdicts []postage.Verdict
	for _, r := range rcpts {
		verdicts = append(verdicts, checker.Check(ctx, p, r))
	}
	m.SetVerdicts(verdicts)
	if !writeVerified(m) {
		return exitIOErr
	}
	for _, v := range verdicts {
		verifyLog("%s", v)
	}
	spoolVerdicts(cfg, verdicts) // for serve's dashboard (dashboard_serve.go)
	return verdictCode(postage.Worst(verdicts).Result)
}

func writeVerified(m *mail.Message) bool {
	if _, err := m.WriteTo(stdout); err != nil {
		verifyLog("%v", err)
		return false
	}
	return true
}

// setup finds the recipients (--rcpt, else the delivery agent's) and
// reads the configuration and the policy; on error, reason is the
// verdict's error token.
func (c *verifyCmd) setup(m *mail.Message) (rcpts []string, cfg *config.Config, pol *postage.Policy, reason string, err error) {
	var rcptErr error
	rcpts = c.rcpts
	if len(rcpts) == 0 {
		r, err := m.DeliveredTo()
		if err != nil {
			rcptErr = fmt.Errorf("no recipient: pass --rcpt: %w", err)
		} else {
			rcpts = []string{r}
		}
	}
	cfg, err = config.Load(c.cfgPath)
	switch {
	case err != nil:
		return nil, nil, nil, "config", err
	case rcptErr != nil:
		return nil, nil, nil, "no-recipient", rcptErr
	}
	if pol, err = cfg.ReceiverPolicy(nil); err != nil {
		return nil, nil, nil, "config", err
	}
	return rcpts, cfg, pol, "", nil
}

// checker wires the checker for stamps p: the spent store (shared with a
// running serve), and for stake the chains (this host's and the trusted
// contracts p names) and this host's ticket agent. What cannot be reached
// is reported and left out: its stamps are temperror. closeAll closes
// what it opened.
func (c *verifyCmd) checker(ctx context.Context, cfg *config.Config, pol *postage.Policy, p postage.Stamps) (*postage.Checker, func()) {
	var closers []func()
	closeAll := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	checker := &postage.Checker{Policy: pol}
	stake := len(p.Stake) > 0 && pol.Accepts(postage.AcceptStake)
	if len(p.Work) > 0 || stake {
		// Beside a running serve (or milter), its store over the socket:
		// the bbolt file has one writer.
		if s, err := host.OpenSpentShared(ctx, cfg, ""); err != nil {
			verifyLog("%v", err)
		} else {
			closers = append(closers, func() { s.Close() })
			checker.Spent = s
		}
	}
	if !stake {
		return checker, closeAll
	}
	checker.Deposits = c.readers(ctx, cfg, pol, p, checker, &closers)
	if cfg.Book.Enabled {
		// Tickets of this host's books (deniable stake): the agent checks them.
		tv, closeBook := host.TicketVerifier(ctx, cfg, c.rpc, p.Stake, func(f string, a ...any) { fmt.Fprintf(stderr, "postage: "+f+"\n", a...) })
		closers = append(closers, closeBook)
		checker.Tickets = tv
	}
	return checker, closeAll
}

// readers follow this host's deposit contract (added to the policy) and
// each trusted contract the stamps name, on its own endpoint.
func (c *verifyCmd) readers(ctx context.Context, cfg *config.Config, pol *postage.Policy, p postage.Stamps, checker *postage.Checker, closers *[]func()) postage.Readers {
	readers := postage.Readers{}
	conn, err := host.ConnectChain(ctx, cfg, c.rpc)
	if err != nil {
		verifyLog("%v", err)
		checker.OwnContractUnknown = true
	} else {
		*closers = append(*closers, conn.Close)
		pol.Contracts = append(pol.Contracts, conn.Ref())
		readers[conn.Ref()] = conn.Deposits(pol.StakeConfirmations)
	}
	trusted, err := cfg.TrustedContracts()
	if err != nil {
		verifyLog("%v", err)
	}
	named := host.NamedContracts(p.Stake)
	for _, t := range trusted {
		if _, have := readers[t.Ref]; have || !named[t.Ref] {
			continue
		}
		tc, err := host.ConnectTrusted(ctx, cfg, t)
		if err != nil {
			verifyLog("%v", err)
			continue
		}
		*closers = append(*closers, tc.Close)
		readers[t.Ref] = tc.Deposits(pol.StakeConfirmations)
	}
	return readers
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
