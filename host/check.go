package host

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/store/bolt"
)

// Verify's failures, by what the caller does about them (postage verify's
// exit status). Each has been logged, and the message written, with a
// temperror verdict when it could be read.
var (
	ErrVerifyMessage = errors.New("unreadable message") // passed through unchanged
	ErrVerifySetup   = errors.New("verify setup")       // configuration or recipient
	ErrVerifyIO      = errors.New("verify i/o")         // the body spool or the output
)

// VerifyOptions are what postage verify checks a message with.
type VerifyOptions struct {
	Rcpts      []string // empty: the delivery agent's recipient (Delivered-To)
	ConfigPath string
	RPC        string // --rpc, over chain.rpc
	Logf       func(format string, a ...any)
	// BookLogf reports what the ticket agent could not do.
	BookLogf func(format string, a ...any)
}

// Verify reads a message from in, checks its postage for each recipient
// and writes it to out with its Postage-Result. Whatever fails, the
// message is written. It returns the verdicts, or an error wrapping one
// of the ErrVerify values.
func Verify(ctx context.Context, in io.Reader, out io.Writer, o VerifyOptions) ([]postage.Verdict, error) {
	m, kept, err := mail.ReadKeep(in)
	if err != nil {
		o.Logf("%v; message passed through unchanged", err)
		out.Write(kept)
		io.Copy(out, in)
		return nil, fmt.Errorf("%w: %v", ErrVerifyMessage, err)
	}
	// tempError says why in the message too: never pass, never lose it.
	tempError := func(kind error, reason string, err error) ([]postage.Verdict, error) {
		o.Logf("%v", err)
		m.SetVerdicts([]postage.Verdict{{Result: postage.TempError, Reasons: []postage.Reason{{Name: "error", Value: reason}}}})
		writeVerified(m, out, o.Logf)
		return nil, fmt.Errorf("%w: %v", kind, err)
	}
	rcpts, cfg, pol, reason, err := verifySetup(m, o)
	if err != nil {
		return tempError(ErrVerifySetup, reason, err)
	}
	p := m.Stamps()
	if len(p.Work) > 0 || len(p.Stake) > 0 {
		// Stamps are spent for this message: its identity covers the body,
		// which is read (and spooled) before the verdict is written.
		if p.Message, err = m.SpoolIdentity(); err != nil {
			return tempError(ErrVerifyIO, "spool", err)
		}
	}
	checker, closeAll := verifyChecker(ctx, cfg, pol, p, o)
	defer closeAll()
	var verdicts []postage.Verdict
	for _, r := range rcpts {
		verdicts = append(verdicts, checker.Check(ctx, p, r))
	}
	m.SetVerdicts(verdicts)
	if !writeVerified(m, out, o.Logf) {
		return nil, ErrVerifyIO
	}
	for _, v := range verdicts {
		o.Logf("%s", v)
	}
	if err := SpoolVerdicts(cfg, verdicts); err != nil { // for serve's dashboard
		o.Logf("dashboard: %v", err)
	}
	return verdicts, nil
}

func writeVerified(m *mail.Message, out io.Writer, logf func(string, ...any)) bool {
	if _, err := m.WriteTo(out); err != nil {
		logf("%v", err)
		return false
	}
	return true
}

// verifySetup finds the recipients (o.Rcpts, else the delivery agent's)
// and reads the configuration and the policy; on error, reason is the
// verdict's error token.
func verifySetup(m *mail.Message, o VerifyOptions) (rcpts []string, cfg *config.Config, pol *postage.Policy, reason string, err error) {
	var rcptErr error
	rcpts = o.Rcpts
	if len(rcpts) == 0 {
		r, err := m.DeliveredTo()
		if err != nil {
			rcptErr = fmt.Errorf("no recipient: pass --rcpt: %w", err)
		} else {
			rcpts = []string{r}
		}
	}
	cfg, err = config.Load(o.ConfigPath)
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

// verifyChecker wires the checker for stamps p: the spent store (shared
// with a running serve), and for stake the chains (this host's and the
// trusted contracts p names) and this host's ticket agent. What cannot be
// reached is reported and left out: its stamps are temperror. closeAll
// closes what it opened.
func verifyChecker(ctx context.Context, cfg *config.Config, pol *postage.Policy, p postage.Stamps, o VerifyOptions) (*postage.Checker, func()) {
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
		if s, err := OpenSpentShared(ctx, cfg, ""); err != nil {
			o.Logf("%v", err)
		} else {
			closers = append(closers, func() { s.Close() })
			checker.Spent = s
		}
	}
	if !stake {
		return checker, closeAll
	}
	checker.Deposits = verifyReaders(ctx, cfg, pol, p, o, checker, &closers)
	if cfg.Book.Enabled {
		// Tickets of this host's books (deniable stake): the agent checks them.
		tv, closeBook := TicketVerifier(ctx, cfg, o.RPC, p.Stake, o.BookLogf)
		closers = append(closers, closeBook)
		checker.Tickets = tv
	}
	return checker, closeAll
}

// verifyReaders follow this host's deposit contract (added to the policy)
// and each trusted contract the stamps name, on its own endpoint.
func verifyReaders(ctx context.Context, cfg *config.Config, pol *postage.Policy, p postage.Stamps, o VerifyOptions, checker *postage.Checker, closers *[]func()) postage.Readers {
	readers := postage.Readers{}
	conn, err := ConnectChain(ctx, cfg, o.RPC)
	if err != nil {
		o.Logf("%v", err)
		checker.OwnContractUnknown = true
	} else {
		*closers = append(*closers, conn.Close)
		pol.Contracts = append(pol.Contracts, conn.Ref())
		readers[conn.Ref()] = conn.Deposits(pol.StakeConfirmations)
	}
	trusted, err := cfg.TrustedContracts()
	if err != nil {
		o.Logf("%v", err)
	}
	named := NamedContracts(p.Stake)
	for _, t := range trusted {
		if _, have := readers[t.Ref]; have || !named[t.Ref] {
			continue
		}
		tc, err := ConnectTrusted(ctx, cfg, t)
		if err != nil {
			o.Logf("%v", err)
			continue
		}
		*closers = append(*closers, tc.Close)
		readers[t.Ref] = tc.Deposits(pol.StakeConfirmations)
	}
	return readers
}

// OpenCheckStore opens postage check's spent store -d path: over the
// socket of a postage serve (or milter) that serves that file, else the
// file (waiting at most VerifyLockWait for another process's lock).
func OpenCheckStore(ctx context.Context, path string) (postage.SpentStore, error) {
	cfg, err := config.Load("")
	if err != nil {
		return bolt.Open(path, &bolt.Options{LockTimeout: VerifyLockWait})
	}
	return OpenSpentShared(ctx, cfg, path)
}

// PurgeCheckStore is postage check --purge: the expired stamps leave the
// spent store at path, which must exist. It reports how many it removed.
// A zero now is the clock.
func PurgeCheckStore(ctx context.Context, path string, now time.Time) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("spent store %s: %w", filepath.Clean(path), err)
	}
	s, err := OpenCheckStore(ctx, path)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	if now.IsZero() {
		now = time.Now()
	}
	return s.Purge(ctx, now)
}
