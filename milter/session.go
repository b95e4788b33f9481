package milter

import (
	"context"
	"log/slog"
	"net"
	"net/textproto"
	"strings"
	"time"

	msgtextproto "github.com/emersion/go-message/textproto"
	gomilter "github.com/emersion/go-milter"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/mail"
)

// maxHeader bounds the header bytes a session keeps (the MTA has its own,
// smaller limit: Postfix's header_size_limit is 100 KiB).
const maxHeader = mail.MaxHeader

// field is one header field the milter cares about.
type field struct{ name, value string }

// session is the milter's state for one MTA connection. The MTA may send
// several messages over one connection; MailFrom starts each afresh.
type session struct {
	srv  *Server
	conn *trackedConn // nil if go-milter made this session without an Accept

	client string // the SMTP client's address, for the log

	// The current message.
	started  bool
	queueID  string
	sender   string
	rcpts    []string
	fields   []field
	results  int // Postage-Result fields the message arrived with
	hdrBytes int
	body     *mail.BodyHash // receive mode: the body, for the message identity
}

var _ gomilter.Milter = (*session)(nil)

func (s *session) reset() {
	s.started = false
	s.queueID, s.sender = "", ""
	s.rcpts, s.fields = s.rcpts[:0], s.fields[:0]
	s.results, s.hdrBytes = 0, 0
	s.body = mail.NewBodyHash()
}

// begin marks the connection busy with a message until end: a draining
// server closes only idle connections.
func (s *session) begin() {
	s.reset()
	s.started = true
	if s.conn != nil {
		s.conn.setBusy(true)
	}
}

func (s *session) end() {
	s.started = false
	if s.conn != nil {
		s.conn.setBusy(false)
	}
}

func (s *session) Connect(host string, family string, port uint16, addr net.IP, m *gomilter.Modifier) (gomilter.Response, error) {
	if addr != nil {
		s.client = addr.String()
	} else {
		s.client = host
	}
	return gomilter.RespContinue, nil
}

func (s *session) Helo(name string, m *gomilter.Modifier) (gomilter.Response, error) {
	return gomilter.RespContinue, nil
}

func (s *session) MailFrom(from string, m *gomilter.Modifier) (gomilter.Response, error) {
	s.begin()
	s.sender = from
	// go-milter keeps only the current stage's macros: read them here.
	s.queueID = m.Macros["i"]
	return gomilter.RespContinue, nil
}

func (s *session) RcptTo(rcptTo string, m *gomilter.Modifier) (gomilter.Response, error) {
	if !s.started { // an MTA that skips MAIL (not Postfix or Sendmail)
		s.begin()
	}
	r := strings.TrimSpace(rcptTo)
	for _, have := range s.rcpts {
		if strings.EqualFold(have, r) {
			// Checked once: a second check would find its stamp spent.
			return gomilter.RespContinue, nil
		}
	}
	s.rcpts = append(s.rcpts, r)
	return gomilter.RespContinue, nil
}

// wanted reports whether the milter keeps a header field.
func (s *session) wanted(name string) bool {
	switch strings.ToLower(name) {
	case "x-hashcash", "postage-stamp", "from", "sender", "return-path":
		return true
	case "to", "cc", "postage-book":
		return s.srv.cfg.Mode == Send || mail.IsIdentityField(name)
	}
	return s.srv.cfg.Mode == Receive && mail.IsIdentityField(name)
}

func (s *session) Header(name string, value string, m *gomilter.Modifier) (gomilter.Response, error) {
	if !s.started {
		s.begin()
	}
	if strings.EqualFold(name, postage.ResultHeader) {
		s.results++
		return gomilter.RespContinue, nil
	}
	if !s.wanted(name) {
		return gomilter.RespContinue, nil
	}
	s.hdrBytes += len(name) + len(value)
	if s.hdrBytes > maxHeader {
		return gomilter.RespContinue, nil
	}
	// Unfold: the MTA passes continuation lines as they came.
	value = strings.NewReplacer("\r", "", "\n", "").Replace(value)
	s.fields = append(s.fields, field{name, value})
	return gomilter.RespContinue, nil
}

func (s *session) Headers(h textproto.MIMEHeader, m *gomilter.Modifier) (gomilter.Response, error) {
	return gomilter.RespContinue, nil
}

// BodyChunk: in receive mode the body is hashed for the message identity
// and not kept; in send mode the milter asks the MTA not to send it.
func (s *session) BodyChunk(chunk []byte, m *gomilter.Modifier) (gomilter.Response, error) {
	if s.srv.cfg.Mode == Receive && s.body != nil {
		s.body.Write(chunk)
	}
	return gomilter.RespContinue, nil
}

// message is the collected header as a mail.Message, in arrival order.
func (s *session) message() *mail.Message {
	var h msgtextproto.Header
	for i := len(s.fields) - 1; i >= 0; i-- { // Add puts a field first
		h.Add(s.fields[i].name, s.fields[i].value)
	}
	return &mail.Message{Header: h}
}

// Body is the end of the message: check or stamp it, then answer.
func (s *session) Body(m *gomilter.Modifier) (gomilter.Response, error) {
	defer s.end()
	if q := m.Macros["i"]; q != "" {
		s.queueID = q
	}
	if s.srv.cfg.Mode == Send {
		return s.stamp(m)
	}
	return s.check(m)
}

func (s *session) Abort(m *gomilter.Modifier) error {
	if s.started {
		s.srv.cfg.Logger.Debug("message aborted by the MTA", "queue_id", s.queueID, "client", s.client)
	}
	s.end()
	return nil
}

func (s *session) check(m *gomilter.Modifier) (gomilter.Response, error) {
	cfg := &s.srv.cfg
	start := time.Now()
	ctx, cancel := context.WithTimeout(s.srv.ctx, cfg.Timeout)
	defer cancel()

	msg := s.message()
	p := msg.Postage()
	p.Message = mail.Identity(msg.Header, s.body)
	// The envelope sender is what Return-Path becomes at delivery, which
	// `postage verify` reads; a bounce (<>) falls back to the header.
	if s.sender != "" {
		p.Sender = s.sender
	}
	checker := cfg.Checker()
	verdicts := make([]postage.Verdict, 0, len(s.rcpts))
	for _, r := range s.rcpts {
		verdicts = append(verdicts, checker.Check(ctx, p, r))
	}
	elapsed := time.Since(start)
	worst := postage.Worst(verdicts)
	action, reply := cfg.decide(worst)

	// Forged verdicts go first, from the last: deleting the first would
	// renumber the rest on MTAs that count only the fields still there.
	for i := s.results; i >= 1; i-- {
		if err := m.ChangeHeader(i, postage.ResultHeader, ""); err != nil {
			return nil, err
		}
	}
	if len(verdicts) > 0 {
		if err := m.AddHeader(postage.ResultHeader, postage.HeaderValue(verdicts)); err != nil {
			return nil, err
		}
	}
	rep := Report{Mode: Receive, QueueID: s.queueID, Verdicts: verdicts, Result: worst.Result,
		Action: action, Removed: s.results, Elapsed: elapsed}
	s.srv.report(rep, s.client, s.sender)
	if reply != "" {
		return replyResponse(reply), nil
	}
	return gomilter.RespContinue, nil
}

func (s *session) stamp(m *gomilter.Modifier) (gomilter.Response, error) {
	cfg := &s.srv.cfg
	start := time.Now()
	ctx, cancel := context.WithTimeout(s.srv.ctx, cfg.Timeout)
	defer cancel()
	log := cfg.Logger.With("queue_id", s.queueID)

	msg := s.message()
	rcpts, err := msg.Recipients("To", "Cc")
	if err != nil {
		// Never lose the message over its stamps: send it as it is.
		log.Warn("not stamping: unreadable To or Cc", "err", err)
	}
	if len(rcpts) > cfg.MaxStamps {
		log.Warn("stamping only the first recipients", "recipients", len(rcpts), "max_stamps", cfg.MaxStamps)
		rcpts = rcpts[:cfg.MaxStamps]
	}
	n := 0
	for _, r := range rcpts {
		if msg.HasWorkFor(r) {
			continue
		}
		st, err := hashcash.Mint(ctx, r, cfg.WorkBits, nil)
		if err != nil {
			log.Warn("no work stamp", "rcpt", r, "err", err)
			continue
		}
		if err := m.AddHeader(mail.WorkHeader, st.String()); err != nil {
			return nil, err
		}
		n++
	}
	if err := s.advertise(m, msg, log); err != nil {
		return nil, err
	}
	s.srv.report(Report{Mode: Send, QueueID: s.queueID, Action: Tag, Stamped: n, Elapsed: time.Since(start)}, s.client, s.sender)
	return gomilter.RespContinue, nil
}

// advertise adds a Postage-Book header naming the book of the From
// domain, unless the message already has one (the user's client wrote
// it: never two) or From is not one address.
func (s *session) advertise(m *gomilter.Modifier, msg *mail.Message, log *slog.Logger) error {
	if s.srv.cfg.Advert == nil || msg.Header.Has(book.AdvertHeader) {
		return nil
	}
	from, err := msg.Recipients("From")
	if err != nil || len(from) != 1 {
		log.Debug("no Postage-Book header: From is not one address", "err", err)
		return nil
	}
	v := s.srv.cfg.Advert(from[0][strings.LastIndexByte(from[0], '@')+1:])
	if v == "" {
		return nil
	}
	return m.AddHeader(book.AdvertHeader, v)
}
