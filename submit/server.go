// Package submit is postage's SMTP door for mail clients and outbound
// MTAs. As a submission proxy it takes the client's login, logs in with it
// at the user's real submission server first (the client gets that
// server's answer), checks the envelope there too, stamps each message
// with send/ (Bcc split, work stamps, stake, one copy per recipient,
// batched deposits), and answers 250 only once every copy is in its own
// durable queue. A Deliverer then delivers each copy upstream with
// retries. As a Postfix after-queue content filter it does the same
// without logins, reinjecting each copy into Postfix.
package submit

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/postage-mail/postage/send"
)

// Config is a submit server's wiring.
type Config struct {
	Queue    *Queue
	Upstream *Upstream
	// Sender stamps each message; its Transport is replaced by the queue.
	Sender send.Sender
	// Stamper, if set, gives the Sender for each message instead (it may
	// connect to the chain on first use); its error is chain trouble: 4xx.
	Stamper func(ctx context.Context) (send.Sender, error)
	// Logins holds the users' credentials for the deliverer (proxy mode).
	// nil is filter mode: no AUTH, every client on the listener may send.
	Logins *Logins
	// TLS, if set, is offered to clients with STARTTLS.
	TLS *tls.Config
	// InsecureAuth allows AUTH without TLS (a loopback listener).
	InsecureAuth bool
	Hostname     string
	MaxSize      int64         // bytes per message (50 MiB when 0)
	StampTimeout time.Duration // per message, deposit included (10 min when 0)
	Log          *slog.Logger
}

// Server is the SMTP server.
type Server struct {
	cfg    Config
	srv    *smtp.Server
	ctx    context.Context
	cancel context.CancelFunc
	mu     sync.Mutex
	count  int // messages accepted
}

// NewServer makes a server; Serve runs it.
func NewServer(cfg Config) *Server {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxSize == 0 {
		cfg.MaxSize = 50 << 20
	}
	if cfg.StampTimeout == 0 {
		cfg.StampTimeout = 10 * time.Minute
	}
	if cfg.Hostname == "" {
		cfg.Hostname = "localhost"
	}
	s := &Server{cfg: cfg}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	srv := smtp.NewServer(s)
	srv.Domain = cfg.Hostname
	srv.MaxMessageBytes = cfg.MaxSize
	srv.MaxRecipients = 500
	srv.ReadTimeout = 10 * time.Minute
	srv.WriteTimeout = 10 * time.Minute
	srv.AllowInsecureAuth = cfg.InsecureAuth
	srv.TLSConfig = cfg.TLS
	s.srv = srv
	return s
}

// Serve answers clients on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	err := s.srv.Serve(l)
	if errors.Is(err, smtp.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops listening and waits (bounded by ctx) for open sessions;
// stamping under way is cancelled when ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	stop := context.AfterFunc(ctx, s.cancel)
	defer stop()
	err := s.srv.Shutdown(ctx)
	s.cancel()
	return err
}

// Accepted is the number of messages answered 250.
func (s *Server) Accepted() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count
}

// NewSession implements smtp.Backend.
func (s *Server) NewSession(c *smtp.Conn) (smtp.Session, error) {
	base := &session{s: s}
	if s.cfg.Logins == nil {
		return base, nil
	}
	return &authSession{session: base}, nil
}

// session is one client connection.
type session struct {
	s       *Server
	up      *smtp.Client // upstream connection: logged in (proxy), checks the envelope
	login   *Login
	release func()
	from    string
	rcpts   []string
}

type authSession struct{ *session }

var errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required: log in with your mail provider's user name and password"}

func (a *authSession) AuthMechanisms() []string { return []string{sasl.Plain, "LOGIN"} }

func (a *authSession) Auth(mech string) (sasl.Server, error) {
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(identity, user, pass string) error {
			return a.authenticate(Login{Identity: identity, Username: user, Password: pass})
		}), nil
	case "LOGIN":
		return &loginServer{auth: func(user, pass string) error {
			return a.authenticate(Login{Username: user, Password: pass})
		}}, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

// authenticate logs in upstream first; the client gets the upstream's
// answer. The password is kept in memory only (Logins).
func (a *authSession) authenticate(l Login) error {
	ctx, cancel := context.WithTimeout(a.s.ctx, 2*time.Minute)
	defer cancel()
	c, err := a.s.cfg.Upstream.Authenticate(ctx, &l)
	if err != nil {
		var se *smtp.SMTPError
		if errors.As(err, &se) {
			a.s.cfg.Log.Info("login refused upstream", "user", l.Username, "code", se.Code)
			return Reply(err, "login")
		}
		a.s.cfg.Log.Warn("login: upstream unreachable", "user", l.Username, "err", err)
		return &smtp.SMTPError{Code: 454, EnhancedCode: smtp.EnhancedCode{4, 7, 0}, Message: "upstream unreachable, try again later"}
	}
	a.closeUp()
	a.up, a.login = c, &l
	if a.release != nil {
		a.release()
	}
	a.release = a.s.cfg.Logins.Hold(l)
	a.s.cfg.Log.Info("login", "user", l.Username)
	return nil
}

func (s *session) closeUp() {
	if s.up != nil {
		s.up.Close()
		s.up = nil
	}
}

// upstream is the session's upstream connection, (re)opened as needed.
func (s *session) upstream() (*smtp.Client, error) {
	if s.up != nil {
		if err := s.up.Noop(); err == nil {
			return s.up, nil
		}
		s.closeUp()
	}
	ctx, cancel := context.WithTimeout(s.s.ctx, 2*time.Minute)
	defer cancel()
	c, err := s.s.cfg.Upstream.Authenticate(ctx, s.login)
	if err != nil {
		return nil, err
	}
	s.up = c
	return c, nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.s.cfg.Logins != nil && s.login == nil {
		return errAuthRequired
	}
	c, err := s.upstream()
	if err != nil {
		return Reply(err, "sender")
	}
	// The upstream checks the envelope (sender allowed for this login,
	// recipients relayed) before postage spends anything on stamps.
	if err := c.Mail(from, nil); err != nil {
		if _, ok := err.(*smtp.SMTPError); !ok {
			s.closeUp()
		}
		return Reply(err, "sender")
	}
	s.from, s.rcpts = from, nil
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.up == nil {
		return &smtp.SMTPError{Code: 503, EnhancedCode: smtp.EnhancedCode{5, 5, 1}, Message: "MAIL first"}
	}
	if err := s.up.Rcpt(to, nil); err != nil {
		if _, ok := err.(*smtp.SMTPError); !ok {
			s.closeUp()
		}
		return Reply(err, "recipient")
	}
	s.rcpts = append(s.rcpts, to)
	return nil
}

// Data stamps the message and queues one copy per recipient; it returns
// (and the client gets 250) only once every copy is durable.
func (s *session) Data(r io.Reader) error {
	defer io.Copy(io.Discard, r)
	if s.up != nil {
		if err := s.up.Reset(); err != nil {
			s.closeUp() // end of the envelope check; reopened for the next one
		}
	}
	if len(s.rcpts) == 0 {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 5, 1}, Message: "no valid recipients"}
	}
	user := ""
	if s.login != nil {
		user = s.login.Username
	}
	ctx, cancel := context.WithTimeout(s.s.ctx, s.s.cfg.StampTimeout)
	defer cancel()
	batch := s.s.cfg.Queue.NewBatch()
	snd := s.s.cfg.Sender
	if s.s.cfg.Stamper != nil {
		var err error
		if snd, err = s.s.cfg.Stamper(ctx); err != nil {
			batch.Abort()
			s.s.cfg.Log.Warn("message not accepted: no stamps", "user", user, "err", err)
			return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 4, 3}, Message: "stamps not made (" + oneLine(err.Error()) + "), try again later"}
		}
	}
	snd.Transport = queueTransport{batch: batch, user: user}
	res, err := snd.Send(ctx, r, send.Envelope{Sender: s.from, Rcpts: s.rcpts})
	if err != nil {
		batch.Abort()
		s.s.cfg.Log.Warn("message not accepted", "user", user, "from", s.from, "rcpts", len(s.rcpts), "err", err)
		return stampReply(err)
	}
	if err := batch.Commit(); err != nil {
		batch.Abort()
		s.s.cfg.Log.Error("queue", "err", err)
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "queue write failed, try again later"}
	}
	s.s.mu.Lock()
	s.s.count++
	s.s.mu.Unlock()
	attrs := []any{"user", user, "from", s.from, "copies", batch.Len()}
	if res.Deposit != nil {
		attrs = append(attrs, "deposit", res.Deposit.ID.Hex())
	}
	s.s.cfg.Log.Info("queued", attrs...)
	return nil
}

// stampReply maps send's failures to SMTP replies: chain trouble and
// local failures are temporary; an unreadable message is permanent.
func stampReply(err error) *smtp.SMTPError {
	switch {
	case errors.Is(err, send.ErrData):
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "message refused: " + oneLine(err.Error())}
	case errors.Is(err, send.ErrPolicy):
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 5}, Message: "postage's send settings make deposits the policy refuses: " + oneLine(err.Error())}
	case errors.Is(err, send.ErrUsage):
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 5, 1}, Message: oneLine(err.Error())}
	case errors.Is(err, send.ErrIO):
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "local i/o failure, try again later"}
	}
	return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 4, 3}, Message: "stamps not made (" + oneLine(err.Error()) + "), try again later"}
}

func (s *session) Reset() { s.from, s.rcpts = "", nil }

func (s *session) Logout() error {
	if s.up != nil {
		s.up.Quit()
		s.closeUp()
	}
	if s.release != nil {
		s.release()
	}
	return nil
}

// queueTransport is send.Transport into a queue batch.
type queueTransport struct {
	batch *Batch
	user  string
}

func (t queueTransport) Deliver(_ context.Context, sender, rcpt string, msg io.Reader) error {
	return t.batch.Add(Copy{User: t.user, Sender: sender, Rcpt: rcpt}, msg)
}

// loginServer is the server side of AUTH LOGIN.
type loginServer struct {
	auth func(user, pass string) error
	user string
	step int
}

func (l *loginServer) Next(response []byte) ([]byte, bool, error) {
	switch l.step {
	case 0:
		l.step = 1
		if len(response) == 0 {
			return []byte("Username:"), false, nil
		}
		l.user = string(response)
		l.step = 2
		return []byte("Password:"), false, nil
	case 1:
		l.user = string(response)
		l.step = 2
		return []byte("Password:"), false, nil
	case 2:
		l.step = 3
		return nil, true, l.auth(l.user, string(response))
	}
	return nil, false, fmt.Errorf("unexpected LOGIN response")
}
