package submit

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// TLSMode is how the connection to the upstream is protected.
type TLSMode string

// TLS modes: STARTTLS on a submission port (587), implicit TLS (465), or
// none, which is allowed only for an upstream on loopback (the Postfix
// reinjection port, a local test sink).
const (
	StartTLS TLSMode = "starttls"
	Implicit TLSMode = "tls"
	NoTLS    TLSMode = "none"
)

// ParseTLSMode checks a submit.upstream_tls value.
func ParseTLSMode(s string) (TLSMode, error) {
	switch m := TLSMode(strings.ToLower(s)); m {
	case StartTLS, Implicit, NoTLS:
		return m, nil
	case "":
		return StartTLS, nil
	}
	return "", fmt.Errorf("upstream TLS %q: want \"starttls\", \"tls\" or \"none\"", s)
}

// Upstream is the real submission server (or the MTA's reinjection port).
type Upstream struct {
	Addr string // host:port
	TLS  TLSMode
	// RootCAs verifies the upstream's certificate; nil for the system's.
	RootCAs *x509.CertPool
	// Hello is the name given in EHLO ("localhost" when empty).
	Hello   string
	Timeout time.Duration // per command and for the dial (1 minute when 0)
}

// LoadCA reads a PEM file of CA certificates (submit.upstream_ca).
func LoadCA(file string) (*x509.CertPool, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("upstream CA: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("upstream CA %s: no PEM certificate in it", file)
	}
	return pool, nil
}

// Check refuses an upstream without TLS that is not on loopback: the
// password and the mail would cross the network in clear.
func (u *Upstream) Check() error {
	host, _, err := net.SplitHostPort(u.Addr)
	if err != nil {
		return fmt.Errorf("upstream %q: want host:port: %w", u.Addr, err)
	}
	if u.TLS == NoTLS && !IsLoopback(host) {
		return fmt.Errorf("upstream %s without TLS: allowed only on loopback", u.Addr)
	}
	return nil
}

// IsLoopback reports whether host is a loopback address or localhost.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (u *Upstream) timeout() time.Duration {
	if u.Timeout > 0 {
		return u.Timeout
	}
	return time.Minute
}

// ErrUnreachable wraps failures to reach or greet the upstream: the client
// gets a temporary error.
var ErrUnreachable = errors.New("upstream unreachable")

// Dial connects, greets and secures the connection as configured; the
// certificate is verified against the host name of Addr.
func (u *Upstream) Dial(ctx context.Context) (*smtp.Client, error) {
	host, _, err := net.SplitHostPort(u.Addr)
	if err != nil {
		return nil, fmt.Errorf("upstream %q: %w", u.Addr, err)
	}
	tc := &tls.Config{ServerName: host, RootCAs: u.RootCAs, MinVersion: tls.VersionTLS12}
	d := &net.Dialer{Timeout: u.timeout()}
	var conn net.Conn
	if u.TLS == Implicit {
		conn, err = (&tls.Dialer{NetDialer: d, Config: tc}).DialContext(ctx, "tcp", u.Addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", u.Addr)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, u.Addr, err)
	}
	// Bound the greeting (and STARTTLS) by the context and the timeout.
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	conn.SetDeadline(time.Now().Add(u.timeout()))
	var c *smtp.Client
	if u.TLS == StartTLS {
		// EHLO again over TLS: this is where a bad certificate shows.
		if c, err = smtp.NewClientStartTLS(conn, tc); err == nil {
			err = c.Hello(u.hello())
		}
	} else {
		c = smtp.NewClient(conn)
		err = c.Hello(u.hello())
	}
	if err != nil {
		conn.Close()
		var se *smtp.SMTPError
		if errors.As(err, &se) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, u.Addr, err)
	}
	conn.SetDeadline(time.Time{})
	c.CommandTimeout = u.timeout()
	c.SubmissionTimeout = 10 * u.timeout()
	return c, nil
}

func (u *Upstream) hello() string {
	if u.Hello != "" {
		return u.Hello
	}
	return "localhost"
}

// Login is a user's credentials, in memory only, for as long as postage
// has that user's copies to deliver or a session open.
type Login struct {
	Identity, Username, Password string
}

func (l *Login) client(c *smtp.Client) sasl.Client {
	if !c.SupportsAuth(sasl.Plain) && c.SupportsAuth("LOGIN") && l.Identity == "" {
		return sasl.NewLoginClient(l.Username, l.Password)
	}
	return sasl.NewPlainClient(l.Identity, l.Username, l.Password)
}

// Authenticate dials and logs in; the error is the upstream's reply.
func (u *Upstream) Authenticate(ctx context.Context, l *Login) (*smtp.Client, error) {
	c, err := u.Dial(ctx)
	if err != nil {
		return nil, err
	}
	if l == nil {
		return c, nil
	}
	if ok, _ := c.Extension("AUTH"); !ok {
		c.Close()
		return nil, &smtp.SMTPError{Code: 454, EnhancedCode: smtp.EnhancedCode{4, 7, 0}, Message: "the upstream offers no AUTH (is TLS on?)"}
	}
	if err := c.Auth(l.client(c)); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// Deliver sends one copy on an open connection. The error is the
// upstream's reply (an *smtp.SMTPError) or a connection failure.
func Deliver(c *smtp.Client, sender, rcpt string, r io.Reader) error {
	if err := c.Mail(sender, nil); err != nil {
		return err
	}
	if err := c.Rcpt(rcpt, nil); err != nil {
		c.Reset()
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, r); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// Permanent reports whether err is the upstream's permanent refusal (5xx).
func Permanent(err error) bool {
	var se *smtp.SMTPError
	return errors.As(err, &se) && se.Code >= 500 && se.Code < 600
}

// Reply maps an upstream error to the reply for the client: the
// upstream's own reply when it gave one (5xx stays 5xx, 4xx stays 4xx),
// otherwise a temporary failure.
func Reply(err error, what string) *smtp.SMTPError {
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		msg := se.Message
		if msg == "" {
			msg = what + " refused upstream"
		}
		return &smtp.SMTPError{Code: se.Code, EnhancedCode: se.EnhancedCode, Message: "upstream: " + msg}
	}
	return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 4, 1}, Message: fmt.Sprintf("%s: %v; try again later", what, err)}
}
