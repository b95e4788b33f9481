package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
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

The recipient is --rcpt (repeatable), else the one the local delivery
agent recorded: of the fields above the topmost Received field, the topmost
Delivered-To, X-Original-To or Envelope-To (a sender can write those
fields too, but only below the receiving MTA's Received). With neither,
verify says so, tags the message temperror and exits 64: it never guesses.

Stamps are spent for this message's identity (a digest of Message-ID,
From, Date, Subject, To, Cc and the other originator fields, and of the
body): the same message verified again (a retry, a second copy) gets the
same verdict; another message with the same work stamp is double-spent,
with the same stake leaf stake=reused. The body is spooled to a temporary
file while it is hashed, only when the message carries postage.

What passes is the configured policy (see: postage config): by default an
allowlisted sender, a good stake stamp or a good work stamp. Work stamps
are recorded in the spent store, so each passes once. The chain is only
contacted for messages that carry a stake stamp.

On a host where postage serve (or postage milter) runs, verify spends in
that process's store, over <data dir>/postage.sock (mode 0600): one spent
store per host, so a stamp the milter accepted is double-spent here and
the other way round. Without it verify opens the bbolt file itself,
waiting at most 2 s for another command holding it; a store it cannot
reach makes work stamps temperror (work=no-spent-store) at once.

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
	var rcptErr error
	if len(rcpts) == 0 {
		r, err := m.DeliveredTo()
		if err != nil {
			rcptErr = fmt.Errorf("no recipient: pass --rcpt: %w", err)
		} else {
			rcpts = []string{r}
		}
	}
	cfg, err := config.Load(cfgPath)
	if err != nil || rcptErr != nil {
		reason := "config"
		if err == nil {
			err, reason = rcptErr, "no-recipient"
		}
		fmt.Fprintf(stderr, "postage verify: %v\n", err)
		// Say so in the message too: never pass, never lose it.
		m.SetVerdicts([]postage.Verdict{{Result: postage.TempError, Reasons: []postage.Reason{{Name: "error", Value: reason}}}})
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
	p := m.Stamps()
	if len(p.Work) > 0 || len(p.Stake) > 0 {
		// Stamps are spent for this message: its identity covers the body,
		// which is read (and spooled) before the verdict is written.
		id, err := spoolIdentity(m)
		if err != nil {
			fmt.Fprintf(stderr, "postage verify: %v\n", err)
			m.SetVerdicts([]postage.Verdict{{Result: postage.TempError, Reasons: []postage.Reason{{Name: "error", Value: "spool"}}}})
			write()
			return exitIOErr
		}
		p.Message = id
	}
	checker := &postage.Checker{Policy: pol}
	if len(p.Work) > 0 || len(p.Stake) > 0 && pol.Accepts(postage.AcceptStake) {
		// Beside a running serve (or milter), its store over the socket:
		// the bbolt file has one writer.
		s, err := openSpentShared(ctx, cfg, "")
		if err != nil {
			fmt.Fprintf(stderr, "postage verify: %v\n", err)
		} else {
			defer s.Close()
			checker.Spent = s
		}
	}
	if len(p.Stake) > 0 && pol.Accepts(postage.AcceptStake) {
		readers := postage.Readers{}
		conn, err := connectChain(ctx, cfg, rpc)
		if err != nil {
			fmt.Fprintf(stderr, "postage verify: %v\n", err)
			checker.OwnContractUnknown = true
		} else {
			defer conn.Close()
			pol.Contracts = append(pol.Contracts, conn.ref())
			readers[conn.ref()] = conn.deposits(pol.StakeConfirmations)
		}
		// Each trusted contract the message names, on its own endpoint.
		trusted, err := cfg.TrustedContracts()
		if err != nil {
			fmt.Fprintf(stderr, "postage verify: %v\n", err)
		}
		named := namedContracts(p.Stake)
		for _, t := range trusted {
			if _, have := readers[t.Ref]; have || !named[t.Ref] {
				continue
			}
			tc, err := connectTrusted(ctx, cfg, t)
			if err != nil {
				fmt.Fprintf(stderr, "postage verify: %v\n", err)
				continue
			}
			defer tc.Close()
			readers[t.Ref] = tc.deposits(pol.StakeConfirmations)
		}
		checker.Deposits = readers
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

// spoolIdentity reads m's body into an unlinked temporary file, hashing
// it, and leaves m.Body reading the copy. A file that cannot be made or
// written (a full disk) is replaced by memory: the message is never lost.
func spoolIdentity(m *mail.Message) (string, error) {
	bh := mail.NewBodyHash()
	if m.Body == nil {
		return mail.Identity(m.Header, bh), nil
	}
	sp := &spool{}
	if f, err := os.CreateTemp("", "postage-verify-*"); err == nil {
		os.Remove(f.Name())
		sp.f = f
	}
	if _, err := io.Copy(io.MultiWriter(sp, bh), m.Body); err != nil {
		// Nothing read is lost: what was read is in the spool.
		m.Body = io.MultiReader(sp.reader(), m.Body)
		return "", fmt.Errorf("read body: %w", err)
	}
	m.Body = sp.reader()
	return mail.Identity(m.Header, bh), nil
}

// spool keeps a body in a file, or in memory once the file fails.
type spool struct {
	f   *os.File // nil: memory only
	n   int64    // bytes in f
	mem bytes.Buffer
}

func (s *spool) Write(p []byte) (int, error) {
	if s.f != nil {
		if _, err := s.f.Write(p); err == nil {
			s.n += int64(len(p))
			return len(p), nil
		}
		// Move what the file holds to memory and go on there.
		if _, err := io.Copy(&s.mem, io.NewSectionReader(s.f, 0, s.n)); err != nil {
			return 0, fmt.Errorf("spool body: %w", err)
		}
		s.f.Close()
		s.f = nil
	}
	return s.mem.Write(p)
}

func (s *spool) reader() io.Reader {
	if s.f != nil {
		return io.NewSectionReader(s.f, 0, s.n)
	}
	return &s.mem
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
