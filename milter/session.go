package milter

import (
	"context"
	"log/slog"
	"strings"
	"time"

	msgtextproto "github.com/emersion/go-message/textproto"

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
	conn *trackedConn

	client string // the SMTP client's address, for the log

	// The current message.
	started  bool
	queueID  string
	sender   string
	rcpts    []string
	fields   []field
	results  int // Postage-Result fields the message arrived with
	hdrBytes int
	skipped  int            // header fields not kept: over the limits, malformed
	body     *mail.BodyHash // receive mode: the body, for the message identity
}

func (s *session) reset() {
	s.started = false
	s.queueID, s.sender = "", ""
	s.rcpts, s.fields = s.rcpts[:0], s.fields[:0]
	s.results, s.hdrBytes = 0, 0
	s.skipped = 0
	s.body = nil
	if s.srv.cfg.Mode == Receive {
		s.body = mail.NewBodyHash()
	}
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

func (s *session) connect(host, addr string) {
	if addr != "" {
		s.client = addr
	} else {
		s.client = host
	}
}

func (s *session) mailFrom(from, queueID string) {
	s.begin()
	s.sender = from
	s.queueID = queueID
}

func (s *session) rcptTo(rcpt string) {
	if !s.started { // an MTA that skips MAIL (not Postfix or Sendmail)
		s.begin()
	}
	r := strings.TrimSpace(rcpt)
	for _, have := range s.rcpts {
		if strings.EqualFold(have, r) {
			// Checked once: a second check would find its stamp spent.
			return
		}
	}
	s.rcpts = append(s.rcpts, r)
}

// wanted reports whether the milter keeps a header field. It is asked of
// every field of every message: no allocation.
func (s *session) wanted(name string) bool {
	switch len(name) {
	case 4:
		return strings.EqualFold(name, "from")
	case 6:
		return strings.EqualFold(name, "sender")
	case 10:
		return strings.EqualFold(name, "x-hashcash")
	case 11:
		return strings.EqualFold(name, "return-path")
	case 13:
		return strings.EqualFold(name, "postage-stamp")
	}
	if s.srv.cfg.Mode == Send {
		return strings.EqualFold(name, "to") || strings.EqualFold(name, "cc") || strings.EqualFold(name, "postage-book")
	}
	// The originator fields the message identity covers.
	return mail.IsIdentityField(name)
}

// header records one field, if postage reads it; value is only valid
// during the call.
func (s *session) header(name string, value []byte) {
	if !s.started {
		s.begin()
	}
	if len(name) == len(postage.ResultHeader) && strings.EqualFold(name, postage.ResultHeader) {
		s.results++
		return
	}
	if !s.wanted(name) {
		return
	}
	s.hdrBytes += len(name) + len(value)
	if s.hdrBytes > maxHeader {
		s.skipped++
		return
	}
	// Unfold: the MTA passes continuation lines as they came.
	v := string(value)
	if strings.ContainsAny(v, "\r\n") {
		v = strings.NewReplacer("\r", "", "\n", "").Replace(v)
	}
	s.fields = append(s.fields, field{name, v})
}

// oversizedHeader is a field longer than a milter packet the milter keeps
// (MaxPacket): it is skipped and logged, and the message gets its verdict
// from the rest. (Postfix never sends one: its header_size_limit is 100
// KiB unless raised.)
func (s *session) oversizedHeader(name string, size int) {
	if !s.started {
		s.begin()
	}
	s.skipped++
	if len(name) > 64 {
		name = name[:64] + "..."
	}
	s.srv.cfg.Logger.LogAttrs(s.srv.ctx, slog.LevelWarn, "milter: header field too large to check, skipped",
		append(s.logAttrs(), slog.String("field", sanitize(name)), slog.Int("bytes", size), slog.Int("max", MaxPacket))...)
}

// malformedHeader is a header packet with no name.
func (s *session) malformedHeader() {
	if !s.started {
		s.begin()
	}
	s.skipped++
}

// bodyChunk: in receive mode the body is hashed for the message identity
// and not kept; in send mode the milter asks the MTA not to send it.
func (s *session) bodyChunk(chunk []byte) {
	if s.body != nil {
		s.body.Write(chunk)
	}
}

// sanitize makes an MTA-supplied string safe for the log.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}

// message is the collected header as a mail.Message, in arrival order.
func (s *session) message() *mail.Message {
	var h msgtextproto.Header
	for i := len(s.fields) - 1; i >= 0; i-- { // Add puts a field first
		h.Add(s.fields[i].name, s.fields[i].value)
	}
	return &mail.Message{Header: h}
}

// eom is the end of the message: check or stamp it, and return the SMTP
// reply for the MTA ("" to accept it as modified).
func (s *session) eom(m *Modifier, queueID string) (string, error) {
	defer s.end()
	if queueID != "" {
		s.queueID = queueID
	}
	if s.skipped > 0 {
		s.srv.cfg.Logger.LogAttrs(s.srv.ctx, slog.LevelWarn, "milter: checked a message without header fields it could not keep",
			append(s.logAttrs(), slog.Int("skipped", s.skipped))...)
	}
	if s.srv.cfg.Mode == Send {
		return s.stamp(m)
	}
	return s.check(m)
}

func (s *session) abort() {
	if s.started {
		s.srv.cfg.Logger.Debug("message aborted by the MTA", "queue_id", s.queueID, "client", s.client)
	}
	s.end()
}

func (s *session) check(m *Modifier) (string, error) {
	cfg := &s.srv.cfg
	start := time.Now()
	ctx, cancel := context.WithTimeout(s.srv.ctx, cfg.Timeout)
	defer cancel()

	msg := s.message()
	p := msg.Stamps()
	p.Message = mail.Identity(msg.Header, s.body)
	// The envelope sender is what Return-Path becomes at delivery, which
	// `postage verify` reads; a bounce (<>) falls back to the header.
	if s.sender != "" {
		p.Sender = s.sender
	}
	checker, spentErr := watchSpent(cfg.Checker(ctx, p))
	verdicts := make([]postage.Verdict, 0, len(s.rcpts))
	for _, r := range s.rcpts {
		verdicts = append(verdicts, checker.Check(ctx, p, r))
	}
	elapsed := time.Since(start)
	if err := spentErr.first(); err != nil {
		s.logStoreError(err)
	}
	worst := postage.Worst(verdicts)
	action, reply := cfg.decide(worst)

	// Forged verdicts go first, from the last: deleting the first would
	// renumber the rest on MTAs that count only the fields still there.
	for i := s.results; i >= 1; i-- {
		if err := m.ChangeHeader(i, postage.ResultHeader, ""); err != nil {
			return "", err
		}
	}
	if len(verdicts) > 0 {
		if err := m.AddHeader(postage.ResultHeader, postage.HeaderValue(verdicts)); err != nil {
			return "", err
		}
	}
	rep := Report{Mode: Receive, QueueID: s.queueID, Verdicts: verdicts, Result: worst.Result,
		Action: action, Removed: s.results, Elapsed: elapsed}
	s.srv.report(rep, s.client, s.sender)
	return reply, nil
}

func (s *session) stamp(m *Modifier) (string, error) {
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
			return "", err
		}
		n++
	}
	if err := s.advertise(m, msg, log); err != nil {
		return "", err
	}
	s.srv.report(Report{Mode: Send, QueueID: s.queueID, Action: Tag, Stamped: n, Elapsed: time.Since(start)}, s.client, s.sender)
	return "", nil
}

// advertise adds a Postage-Book header naming the book of the From
// domain, unless the message already has one (the user's client wrote
// it: never two) or From is not one address.
func (s *session) advertise(m *Modifier, msg *mail.Message, log *slog.Logger) error {
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
