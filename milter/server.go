package milter

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"syscall"
	"time"

	gomilter "github.com/emersion/go-milter"

	"github.com/postage-mail/postage"
)

// ErrServerClosed is returned by Serve after Shutdown.
var ErrServerClosed = errors.New("milter: server closed")

// Server serves the milter protocol.
type Server struct {
	cfg    Config
	ms     *gomilter.Server
	ctx    context.Context // cancelled when Shutdown gives up waiting
	cancel context.CancelFunc

	mu       sync.Mutex
	conns    map[*trackedConn]struct{}
	lns      []net.Listener
	pending  *trackedConn // accepted, waiting for its session
	draining bool
}

// New returns a server for cfg.
func New(cfg Config) (*Server, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: c, conns: map[*trackedConn]struct{}{}}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.ms = &gomilter.Server{
		NewMilter: s.newSession,
		// Milter protocol 2 (what go-milter speaks) has both.
		Actions: gomilter.OptAddHeader | gomilter.OptChangeHeader,
		// Stamping needs the envelope and the header, never the body: the
		// MTA does not send it. Checking hashes the body as it streams by
		// (the message identity stamps are spent for); nothing is buffered.
		Protocol: gomilter.OptNoHelo,
	}
	if c.Mode == Send {
		s.ms.Protocol |= gomilter.OptNoBody
	}
	return s, nil
}

// newSession is go-milter's NewMilter. go-milter calls it in Serve's
// goroutine right after Accept, so pending is that connection. (It also
// calls it after a final accept/reject/tempfail response, which this milter
// never sends: replies go as SMFIR_REPLYCODE, and the session lives on.)
func (s *Server) newSession() gomilter.Milter {
	s.mu.Lock()
	c := s.pending
	s.pending = nil
	s.mu.Unlock()
	return &session{srv: s, conn: c}
}

// Serve accepts MTA connections on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.draining {
		s.mu.Unlock()
		ln.Close()
		return ErrServerClosed
	}
	s.lns = append(s.lns, ln)
	s.mu.Unlock()
	err := s.ms.Serve(&trackingListener{Listener: ln, srv: s})
	s.mu.Lock()
	draining := s.draining
	s.mu.Unlock()
	if draining {
		return ErrServerClosed
	}
	return err
}

// Shutdown stops accepting connections, lets every message being checked
// finish, and closes connections as they fall idle between messages. If
// ctx ends first, the remaining connections are closed (the MTA applies its
// default action to their messages: accept or tempfail, never loss) and
// ctx's error is returned.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.draining = true
	lns := s.lns
	s.lns = nil
	s.mu.Unlock()
	for _, ln := range lns {
		ln.Close()
	}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		s.mu.Lock()
		left := 0
		for c := range s.conns {
			if !c.closeIfIdle() {
				left++
			}
		}
		s.mu.Unlock()
		if left == 0 {
			s.cancel()
			return nil
		}
		select {
		case <-ctx.Done():
			s.cancel()
			s.mu.Lock()
			for c := range s.conns {
				c.forceClose()
			}
			s.mu.Unlock()
			return fmt.Errorf("milter: %d connections busy at shutdown: %w", left, ctx.Err())
		case <-tick.C:
		}
	}
}

// report logs one line for the message and tells the observer.
func (s *Server) report(r Report, client, sender string) {
	if s.cfg.Observer != nil {
		s.cfg.Observer.Observe(r)
	}
	attrs := []slog.Attr{
		slog.String("mode", string(r.Mode)),
		slog.String("queue_id", r.QueueID),
		slog.String("client", client),
		slog.String("from", sender),
	}
	if r.Mode == Receive {
		// Verdicts name recipients and reasons, never a stamp's secret.
		attrs = append(attrs,
			slog.String("result", string(r.Result)),
			slog.String("action", string(r.Action)),
			slog.Int("rcpts", len(r.Verdicts)),
			slog.String("verdicts", postage.HeaderValue(r.Verdicts)),
			slog.Int("removed", r.Removed))
	} else {
		attrs = append(attrs, slog.Int("stamped", r.Stamped))
	}
	attrs = append(attrs, slog.Float64("ms", float64(r.Elapsed.Microseconds())/1000))
	s.cfg.Logger.LogAttrs(s.ctx, slog.LevelInfo, "message", attrs...)
}

// trackingListener registers every accepted connection with the server,
// and rides out transient accept errors (out of file descriptors) that
// would otherwise end go-milter's Serve.
type trackingListener struct {
	net.Listener
	srv *Server
}

func (l *trackingListener) Accept() (net.Conn, error) {
	delay := 5 * time.Millisecond
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
				l.srv.cfg.Logger.Warn("milter: accept", "err", err, "retry_in", delay)
				time.Sleep(delay)
				delay = min(2*delay, time.Second)
				continue
			}
			return nil, err
		}
		tc := &trackedConn{Conn: c, srv: l.srv, r: bufio.NewReaderSize(c, 4096)}
		l.srv.mu.Lock()
		if l.srv.draining {
			l.srv.mu.Unlock()
			c.Close()
			return nil, net.ErrClosed
		}
		l.srv.conns[tc] = struct{}{}
		l.srv.pending = tc
		l.srv.mu.Unlock()
		return tc, nil
	}
}

// trackedConn is an MTA connection the server can drain.
type trackedConn struct {
	net.Conn
	srv *Server
	// r buffers reads: go-milter reads each packet's length and body
	// separately, two system calls a packet without it.
	r *bufio.Reader

	mu      sync.Mutex
	busy    bool // between MAIL and the end of the message
	closing bool // closed by Shutdown
	closed  bool
}

func (c *trackedConn) setBusy(b bool) {
	c.mu.Lock()
	c.busy = b
	c.mu.Unlock()
}

// closeIfIdle closes the connection unless a message is in progress, and
// reports whether it is closed.
func (c *trackedConn) closeIfIdle() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.busy {
		return false
	}
	if !c.closing {
		c.closing = true
		c.Conn.Close()
	}
	return true
}

func (c *trackedConn) forceClose() {
	c.mu.Lock()
	c.closing = true
	c.mu.Unlock()
	c.Conn.Close()
}

// Read reports a connection closed by Shutdown as a clean end (go-milter
// logs anything else as an error).
func (c *trackedConn) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil {
		c.mu.Lock()
		closing := c.closing
		c.mu.Unlock()
		if closing {
			return n, io.EOF
		}
	}
	return n, err
}

// Close is go-milter's end of the session.
func (c *trackedConn) Close() error {
	c.mu.Lock()
	first := !c.closed
	c.closed = true
	c.mu.Unlock()
	c.srv.mu.Lock()
	delete(c.srv.conns, c)
	if c.srv.pending == c {
		c.srv.pending = nil
	}
	c.srv.mu.Unlock()
	if !first {
		return nil
	}
	return c.Conn.Close()
}
