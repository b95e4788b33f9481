package milter

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"syscall"
	"time"

	"github.com/postage-mail/postage"
)

// ErrServerClosed is returned by Serve after Shutdown.
var ErrServerClosed = errors.New("milter: server closed")

// Server serves the milter protocol.
type Server struct {
	cfg    Config
	ctx    context.Context // cancelled when Shutdown gives up waiting
	cancel context.CancelFunc

	mu       sync.Mutex
	conns    map[*trackedConn]struct{}
	lns      []net.Listener
	draining bool
	wg       sync.WaitGroup // connection goroutines
}

// New returns a server for cfg.
func New(cfg Config) (*Server, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: c, conns: map[*trackedConn]struct{}{}}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	return s, nil
}

// Conns is the number of MTA connections open now.
func (s *Server) Conns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
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
	tl := &trackingListener{Listener: ln, srv: s}
	var err error
	for {
		var tc *trackedConn
		if tc, err = tl.accept(); err != nil {
			break
		}
		go func() {
			defer s.wg.Done()
			s.serveConn(tc)
		}()
	}
	ln.Close()
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
			s.wg.Wait()
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
// would otherwise end Serve.
type trackingListener struct {
	net.Listener
	srv *Server
}

func (l *trackingListener) accept() (*trackedConn, error) {
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
		tc := &trackedConn{Conn: c, srv: l.srv}
		l.srv.mu.Lock()
		if l.srv.draining {
			l.srv.mu.Unlock()
			c.Close()
			return nil, net.ErrClosed
		}
		l.srv.conns[tc] = struct{}{}
		l.srv.wg.Add(1)
		l.srv.mu.Unlock()
		return tc, nil
	}
}

// trackedConn is an MTA connection the server can drain.
type trackedConn struct {
	net.Conn
	srv *Server

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

// isClosing reports whether Shutdown closed the connection (its read
// error is the end, not a fault).
func (c *trackedConn) isClosing() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closing
}

// Close is the end of the connection.
func (c *trackedConn) Close() error {
	c.mu.Lock()
	first := !c.closed
	c.closed = true
	c.mu.Unlock()
	c.srv.mu.Lock()
	delete(c.srv.conns, c)
	c.srv.mu.Unlock()
	if !first {
		return nil
	}
	return c.Conn.Close()
}
