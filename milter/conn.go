package milter

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"sync"
	"time"
)

// mtaConn is one MTA connection: it reads the MTA's packets, hands the
// events to the session and writes the replies the MTA waits for.
type mtaConn struct {
	srv  *Server
	tc   *trackedConn
	pr   packetReader
	pw   packetWriter
	sess *session

	negotiated bool
	proto      uint32 // protocol flags agreed with the MTA
	queueID    string // the macro i of the current stage
}

// serveConn runs one MTA connection until it ends, and logs how it ended
// unless that was the MTA's quit or close.
func (s *Server) serveConn(tc *trackedConn) {
	bufs := getConnBufs(tc)
	c := &mtaConn{
		srv:  s,
		tc:   tc,
		pr:   packetReader{r: bufs.r, buf: bufs.pkt},
		pw:   packetWriter{w: bufs.w},
		sess: &session{srv: s, conn: tc},
	}
	defer func() {
		if v := recover(); v != nil {
			// A bug must cost this connection (the MTA applies its
			// default action), never the milter.
			s.cfg.Logger.Error("milter: panic serving a connection; closed it", "client", c.sess.client, "panic", fmt.Sprint(v))
		}
		c.sess.end()
		tc.Close()
		bufs.pkt = c.pr.buf
		putConnBufs(bufs)
	}()
	err := c.serve()
	if err == nil || tc.isClosing() {
		return
	}
	log := s.cfg.Logger
	attrs := []any{"client", c.sess.client, "remote", tc.RemoteAddr().String()}
	if c.sess.started {
		attrs = append(attrs, "queue_id", c.sess.queueID, "mid_message", true)
	}
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		if c.sess.started {
			log.Warn("milter: closed a connection silent in the middle of a message (half-open?); the MTA applies its default action to it", append(attrs, "idle_timeout", s.cfg.IdleTimeout)...)
		} else {
			log.Info("milter: closed an idle connection", append(attrs, "idle_timeout", s.cfg.IdleTimeout)...)
		}
	case errors.Is(err, io.EOF):
		if c.sess.started {
			log.Warn("milter: the MTA closed the connection in the middle of a message", attrs...)
		}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, errProtocol):
		log.Warn("milter: closed a connection that broke the milter protocol", append(attrs, "err", err)...)
	default:
		var ne net.Error
		if errors.As(err, &ne) || errors.Is(err, net.ErrClosed) {
			log.Info("milter: connection ended", append(attrs, "err", err)...)
		} else {
			log.Warn("milter: connection ended", append(attrs, "err", err)...)
		}
	}
}

func (c *mtaConn) noReply(flag uint32) bool { return c.proto&flag != 0 }

// reply sends SMFIR_CONTINUE for an event the MTA waits on.
func (c *mtaConn) reply(noReplyFlag uint32) error {
	if c.noReply(noReplyFlag) {
		return nil
	}
	if err := c.pw.write(replyContinue); err != nil {
		return err
	}
	return c.flush()
}

func (c *mtaConn) flush() error {
	if t := c.srv.cfg.IdleTimeout; t > 0 {
		c.tc.SetWriteDeadline(time.Now().Add(t))
	}
	return c.pw.w.Flush()
}

// connBufs are a connection's buffers (the reader's lets one read take
// several packets: the MTA sends the envelope and the header without
// waiting for replies), reused by the next connection:
// Postfix opens a milter connection per SMTP session, often for one
// message, and allocating 12 KiB for each showed as garbage collection in
// the milter's profile behind Postfix.
type connBufs struct {
	r   *bufio.Reader
	w   *bufio.Writer
	pkt []byte
}

var connBufPool = sync.Pool{New: func() any {
	return &connBufs{r: bufio.NewReaderSize(nil, 4096), w: bufio.NewWriterSize(nil, 4096), pkt: make([]byte, 0, 4096)}
}}

// getConnBufs gives tc's connection buffers reading and writing tc. The
// reader acknowledges at once what it reads (QuickAckReader).
func getConnBufs(tc *trackedConn) *connBufs {
	b := connBufPool.Get().(*connBufs)
	b.r.Reset(QuickAckReader(tc.Conn))
	b.w.Reset(tc.Conn)
	return b
}

// putConnBufs returns them once the connection is closed; a packet buffer
// grown for a large header field is left to the collector.
func putConnBufs(b *connBufs) {
	b.r.Reset(nil)
	b.w.Reset(nil)
	if cap(b.pkt) > 64<<10 {
		b.pkt = make([]byte, 0, 4096)
	}
	connBufPool.Put(b)
}

// serve reads packets until the MTA quits (nil) or the connection fails.
func (c *mtaConn) serve() error {
	idle := c.srv.cfg.IdleTimeout
	var deadlineSet time.Time
	for {
		if idle > 0 {
			// Moving the deadline costs a timer update: it is moved
			// once it has come an eighth of the timeout (at most a
			// second) closer, not for every packet.
			if now := time.Now(); now.Sub(deadlineSet) > min(idle/8, time.Second) {
				c.tc.SetReadDeadline(now.Add(idle))
				deadlineSet = now
			}
		}
		p, err := c.pr.next()
		if err != nil {
			return err
		}
		if !c.negotiated && p.Cmd != cmdOptNeg {
			return fmt.Errorf("%w: command %q before option negotiation", errProtocol, p.Cmd)
		}
		if p.Oversized && p.Cmd != cmdHeader && p.Cmd != cmdMacro && p.Cmd != cmdUnknown {
			return fmt.Errorf("%w: command %q of %d bytes (most %d)", errProtocol, p.Cmd, p.Size, MaxPacket)
		}
		switch p.Cmd {
		case cmdOptNeg:
			if c.negotiated {
				return fmt.Errorf("%w: a second option negotiation", errProtocol)
			}
			mta, err := parseOptNeg(p.Data)
			if err != nil {
				return err
			}
			wanted := uint32(wantedProtocol)
			if c.srv.cfg.Mode == Send {
				// Stamping needs the envelope and the header only.
				wanted |= protoNoBody
			}
			mine, err := negotiate(mta, actAddHeaders|actChangeHeaders, wanted)
			if err != nil {
				return err
			}
			c.negotiated, c.proto = true, mine.protocol
			if err := c.pw.write(replyOptNeg, mine.bytes()); err != nil {
				return err
			}
			if err := c.flush(); err != nil {
				return err
			}
		case cmdMacro:
			// Only the queue id is read, at MAIL and at the end.
			if len(p.Data) > 0 && (p.Data[0] == cmdMail || p.Data[0] == cmdEOM) && !p.Oversized {
				c.queueID, _ = macroValue(p.Data, "i")
			}
		case cmdConnect:
			host, addr, err := connectInfo(p.Data)
			if err != nil {
				return err
			}
			c.sess.connect(host, addr)
			if err := c.reply(protoNoReplyConn); err != nil {
				return err
			}
		case cmdHelo:
			if err := c.reply(protoNoReplyHelo); err != nil {
				return err
			}
		case cmdMail:
			c.sess.mailFrom(envelopeArg(p.Data), c.queueID)
			c.queueID = ""
			if err := c.reply(protoNoReplyMail); err != nil {
				return err
			}
		case cmdRcpt:
			c.sess.rcptTo(envelopeArg(p.Data))
			if err := c.reply(protoNoReplyRcpt); err != nil {
				return err
			}
		case cmdData:
			if err := c.reply(protoNoReplyData); err != nil {
				return err
			}
		case cmdUnknown:
			if err := c.reply(protoNoReplyUnkn); err != nil {
				return err
			}
		case cmdHeader:
			name, value, ok := headerField(p.Data)
			switch {
			case p.Oversized:
				c.sess.oversizedHeader(name, p.Size)
			case ok:
				c.sess.header(name, value)
			default:
				c.sess.malformedHeader()
			}
			if err := c.reply(protoNoReplyHdr); err != nil {
				return err
			}
		case cmdEOH:
			if err := c.reply(protoNoReplyEOH); err != nil {
				return err
			}
		case cmdBody:
			c.sess.bodyChunk(p.Data)
			if err := c.reply(protoNoReplyBody); err != nil {
				return err
			}
		case cmdEOM:
			// Sendmail may send the last body chunk with the end.
			c.sess.bodyChunk(p.Data)
			reply, err := c.sess.eom(&Modifier{w: &c.pw}, c.queueID)
			c.queueID = ""
			if err != nil {
				return err
			}
			if reply != "" {
				err = c.pw.write(replyCode, []byte(reply), nul)
			} else {
				err = c.pw.write(replyContinue)
			}
			if err != nil {
				return err
			}
			if err := c.flush(); err != nil {
				return err
			}
		case cmdAbort:
			c.sess.abort()
		case cmdQuit:
			return nil
		case cmdQuitNC:
			// The MTA reuses the socket for another SMTP connection.
			c.sess.abort()
			c.sess.client = ""
		default:
			return fmt.Errorf("%w: unknown command %q", errProtocol, p.Cmd)
		}
	}
}

// logAttrs is for the session's warnings about one message.
func (s *session) logAttrs() []slog.Attr {
	return []slog.Attr{slog.String("queue_id", s.queueID), slog.String("client", s.client)}
}
