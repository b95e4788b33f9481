package send

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/stake"
)

// Kinds of failure, for exit codes: errors.Is(err, ErrUsage) and so on.
var (
	ErrUsage = errors.New("usage")              // no recipients
	ErrData  = errors.New("unreadable message") // the input is not a message
	ErrTemp  = errors.New("temporary failure")  // chain, tickets, hand-over: try again
	ErrIO    = errors.New("local i/o failure")  // spool file
)

type kindError struct {
	kind error
	err  error
}

func (e *kindError) Error() string               { return e.err.Error() }
func (e *kindError) Unwrap() []error             { return []error{e.kind, e.err} }
func fail(kind, err error) error                 { return &kindError{kind: kind, err: err} }
func failf(kind error, f string, a ...any) error { return fail(kind, fmt.Errorf(f, a...)) }

// Transport hands one copy to whatever delivers it (the MTA's sendmail,
// an SMTP relay).
type Transport interface {
	Deliver(ctx context.Context, sender, rcpt string, msg io.Reader) error
}

// StakeResult is the stake stamps of one message.
type StakeResult struct {
	ID      common.Hash       // the deposit
	Leaves  uint32            // its padded leaf count
	Headers map[string]string // canonical recipient -> Postage-Stamp value
}

// StakeSource makes the stake stamps of one message's recipients: a
// deposit of its own (Alone) or a share of a batch (Batcher, or the batch
// socket of a running postage serve).
type StakeSource interface {
	Stake(ctx context.Context, msg MessageInfo, rcpts []stake.Recipient) (*StakeResult, error)
}

// Alone deposits for each message on its own.
type Alone struct{ Staker *Staker }

// Stake makes one deposit for this message.
func (a Alone) Stake(ctx context.Context, msg MessageInfo, rcpts []stake.Recipient) (*StakeResult, error) {
	st, err := a.Staker.Deposit(ctx, []Group{{Message: msg, Rcpts: rcpts}})
	if err != nil {
		return nil, err
	}
	return &StakeResult{ID: st.ID, Leaves: st.Leaves, Headers: st.Headers[0]}, nil
}

// TicketBuyer buys deniable-stake tickets (docs/deniable.md) for the
// recipients whose domain publishes a usable book, and returns their
// Postage-Stamp headers and the recipients left for a deposit.
type TicketBuyer interface {
	BuyTickets(ctx context.Context, rcpts []string) (tickets map[string]string, rest []string, err error)
}

// Envelope is who a message goes to.
type Envelope struct {
	Sender string   // envelope sender (-f); "" for the MTA's default
	Rcpts  []string // envelope recipients
	// FromHeaders adds the To, Cc and Bcc recipients (sendmail -t).
	FromHeaders bool
}

// Result is what Send did.
type Result struct {
	Rcpts   []string
	Deposit *StakeResult // nil without a deposit
	Tickets int
	Sent    []string
	Failed  map[string]error
}

// Sender is the sending pipeline shared by postage sendmail and stamp.
type Sender struct {
	// Bits of each work stamp; NoWork adds none.
	Bits   int
	NoWork bool
	// Stake makes deposits; nil sends work stamps only.
	Stake StakeSource
	// Tickets, if set, is tried before a deposit.
	Tickets TicketBuyer
	// Choose, if set, picks the recipients that get a stake stamp (Auto);
	// the others get work stamps only.
	Choose    func(ctx context.Context, rcpts []string) ([]string, error)
	Transport Transport
	// Logf reports progress (deposits, tickets); nil for silence.
	Logf func(format string, args ...any)
	// Mint mints a work stamp (hashcash.Mint when nil).
	Mint func(ctx context.Context, rcpt string, bits int) (string, error)
	// StakeTimeout bounds getting the stake stamps (tickets and the
	// deposit, mined): past it the message fails whole, a temporary
	// failure, and nothing is sent. 0: DefaultStakeTimeout; negative: no
	// bound. A deposit mined later stays recorded and is withdrawn by
	// the lifecycle like any other.
	StakeTimeout time.Duration
}

// DefaultStakeTimeout is Sender.StakeTimeout's default: a deposit waits
// for about ten blocks of a 12-second chain; a chain gone dead (every RPC
// call refused) fails the message rather than holding the mail client.
const DefaultStakeTimeout = 2 * time.Minute

func (s *Sender) logf(format string, args ...any) {
	if s.Logf != nil {
		s.Logf(format, args...)
	}
}

func (s *Sender) mint(ctx context.Context, rcpt string) (string, error) {
	if s.Mint != nil {
		return s.Mint(ctx, rcpt, s.Bits)
	}
	st, err := hashcash.Mint(ctx, rcpt, s.Bits, nil)
	if err != nil {
		return "", err
	}
	return st.String(), nil
}

// addWork mints an X-Hashcash stamp for each recipient that has none yet.
func (s *Sender) addWork(ctx context.Context, m *mail.Message, rcpts []string) error {
	if s.NoWork {
		return nil
	}
	for _, r := range rcpts {
		if m.HasWorkFor(r) {
			continue
		}
		st, err := s.mint(ctx, r)
		if err != nil {
			return fmt.Errorf("mint work stamp for %s: %w", r, err)
		}
		m.Header.Add(mail.WorkHeader, st)
	}
	return nil
}

// Info is the record's view of m.
func Info(m *mail.Message) MessageInfo {
	return NewMessageInfo(m.Header.Get("Message-Id"), m.Header.Get("Subject"))
}

// stakes gets every recipient's stake stamp: tickets first, then one
// deposit for the rest. Nothing is returned unless all succeeded.
func (s *Sender) stakes(ctx context.Context, m *mail.Message, rcpts []string, res *Result) (map[string]string, error) {
	out := map[string]string{}
	if s.Stake == nil {
		return out, nil
	}
	if d := cmp.Or(s.StakeTimeout, DefaultStakeTimeout); d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, d, fmt.Errorf("no stake stamps within %v (send timeout): the chain did not take the deposit", d))
		defer cancel()
	}
	rest := rcpts
	if s.Tickets != nil {
		tickets, r, err := s.Tickets.BuyTickets(ctx, rcpts)
		if err != nil {
			return nil, fail(ErrTemp, withCause(ctx, err))
		}
		for k, v := range tickets {
			out[k] = v
		}
		res.Tickets, rest = len(tickets), r
	}
	if s.Choose != nil && len(rest) > 0 {
		chosen, err := s.Choose(ctx, rest)
		if err != nil {
			return nil, fail(ErrTemp, err)
		}
		rest = chosen
	}
	if len(rest) == 0 {
		return out, nil
	}
	srs, err := Recipients(rest)
	if err != nil {
		return nil, fail(ErrData, err)
	}
	canon := make(map[string]string, len(rest))
	for _, r := range rest {
		sr, _ := stake.ParseRecipient(r) // parsed by Recipients
		canon[r] = sr.String()
	}
	sr, err := s.Stake.Stake(ctx, Info(m), srs)
	if err != nil {
		if errors.Is(err, ErrPolicy) {
			return nil, fail(ErrUsage, err)
		}
		return nil, fail(ErrTemp, withCause(ctx, err))
	}
	res.Deposit = sr
	s.logf("deposit %s for %d recipients (%d leaves)", sr.ID.Hex(), len(srs), sr.Leaves)
	for _, r := range rest {
		h, ok := sr.Headers[canon[r]]
		if !ok {
			return nil, failf(ErrTemp, "the deposit has no leaf for %s", r)
		}
		out[r] = h
	}
	return out, nil
}

// withCause names why ctx ended, when it did for a reason of its own
// (the stake timeout), before err.
func withCause(ctx context.Context, err error) error {
	if c := context.Cause(ctx); c != nil && c != ctx.Err() {
		return fmt.Errorf("%v: %w", c, err)
	}
	return err
}

// Send reads a message from r and sends one copy per recipient through
// the transport: every copy has the To and Cc recipients' work stamps, and
// only its own recipient's stake stamp; a Bcc recipient's work stamp is
// only in its own copy and the Bcc header in none. The stake stamps (one
// deposit for all, or tickets) exist before any copy is handed over: when
// the chain fails, nothing is sent.
func (s *Sender) Send(ctx context.Context, r io.Reader, env Envelope) (*Result, error) {
	m, err := mail.Read(r)
	if err != nil {
		return nil, fail(ErrData, err)
	}
	// The body goes to a temporary file, not memory: each copy re-reads it.
	body, err := os.CreateTemp("", "postage-body-*")
	if err != nil {
		return nil, fail(ErrIO, err)
	}
	defer os.Remove(body.Name())
	defer body.Close()
	if _, err := io.Copy(body, m.Body); err != nil {
		return nil, failf(ErrIO, "spool body: %w", err)
	}
	visible, err := m.Recipients("To", "Cc")
	if err != nil {
		return nil, fail(ErrData, err)
	}
	var rcpts []string
	for _, r := range lower(env.Rcpts) {
		if !slices.Contains(rcpts, r) {
			rcpts = append(rcpts, r)
		}
	}
	if env.FromHeaders {
		hidden, err := m.Recipients("Bcc")
		if err != nil {
			return nil, fail(ErrData, err)
		}
		for _, r := range append(append([]string(nil), visible...), hidden...) {
			if !slices.Contains(rcpts, r) {
				rcpts = append(rcpts, r)
			}
		}
	}
	if len(rcpts) == 0 {
		return nil, failf(ErrUsage, "no recipients (give them as arguments, or -t)")
	}
	m.Header.Del("Bcc")
	res := &Result{Rcpts: rcpts, Failed: map[string]error{}}
	if err := s.addWork(ctx, m, visible); err != nil {
		return nil, fail(ErrData, err)
	}
	// Bcc recipients' own work stamps, minted before the deposit so that
	// a failure here costs no gas.
	own := map[string]string{}
	for _, r := range rcpts {
		if s.NoWork || slices.Contains(visible, r) || m.HasWorkFor(r) {
			continue
		}
		st, err := s.mint(ctx, r)
		if err != nil {
			return nil, failf(ErrData, "mint work stamp for %s: %w", r, err)
		}
		own[r] = st
	}
	stakes, err := s.stakes(ctx, m, rcpts, res)
	if err != nil {
		return res, err
	}
	for _, r := range rcpts {
		cp := &mail.Message{Header: m.Header.Copy()}
		cp.SetLineEnding(m)
		if w, ok := own[r]; ok {
			cp.Header.Add(mail.WorkHeader, w)
		}
		if h, ok := stakes[r]; ok {
			cp.Header.Del(mail.StakeHeader)
			cp.Header.Add(mail.StakeHeader, h)
		}
		if err := s.deliver(ctx, env.Sender, r, cp, body); err != nil {
			res.Failed[r] = err
			continue
		}
		res.Sent = append(res.Sent, r)
	}
	if len(res.Failed) > 0 {
		var names []string
		for _, r := range rcpts {
			if res.Failed[r] != nil {
				names = append(names, r)
			}
		}
		return res, failf(ErrTemp, "not sent to: %s", strings.Join(names, ", "))
	}
	return res, nil
}

func (s *Sender) deliver(ctx context.Context, sender, rcpt string, cp *mail.Message, body *os.File) error {
	if _, err := body.Seek(0, io.SeekStart); err != nil {
		return err
	}
	cp.Body = body
	pr, pw := io.Pipe()
	go func() {
		_, err := cp.WriteTo(pw)
		pw.CloseWithError(err)
	}()
	err := s.Transport.Deliver(ctx, sender, rcpt, pr)
	pr.CloseWithError(io.ErrClosedPipe) // stop the writer if the transport did not read it all
	return err
}

// Stamp reads a message from r and writes it with postage to w. Without
// rcpt: a work stamp for every To and Cc recipient. With rcpt: that
// recipient's own copy (its work stamp too if it is a Bcc recipient, no
// Bcc header) with, when s.Stake is set, its stake stamp from a fresh
// deposit.
func (s *Sender) Stamp(ctx context.Context, r io.Reader, w io.Writer, rcpt string) (*Result, error) {
	m, err := mail.Read(r)
	if err != nil {
		return nil, fail(ErrData, err)
	}
	visible, err := m.Recipients("To", "Cc")
	if err != nil {
		return nil, fail(ErrData, err)
	}
	work := visible
	res := &Result{Failed: map[string]error{}}
	if rcpt != "" {
		rl := lower([]string{rcpt})[0]
		if !slices.Contains(work, rl) {
			work = append(work, rl)
		}
		m.Header.Del("Bcc")
		res.Rcpts = []string{rl}
	}
	if err := s.addWork(ctx, m, work); err != nil {
		return nil, fail(ErrData, err)
	}
	if rcpt != "" {
		stakes, err := s.stakes(ctx, m, res.Rcpts, res)
		if err != nil {
			return res, err
		}
		if h, ok := stakes[res.Rcpts[0]]; ok {
			m.Header.Del(mail.StakeHeader)
			m.Header.Add(mail.StakeHeader, h)
		}
	}
	if _, err := m.WriteTo(w); err != nil {
		return res, fail(ErrIO, err)
	}
	return res, nil
}

func lower(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = strings.ToLower(strings.Trim(strings.TrimSpace(s), "<>")); s != "" {
			out = append(out, s)
		}
	}
	return out
}
