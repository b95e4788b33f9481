// Package mail reads and writes the messages postage stamps and checks:
// RFC 5322 with an optional mbox "From " line, CRLF or LF line endings,
// folded headers and 8-bit text. Only the header is held in memory; the
// body streams through untouched, so a 50 MB message costs what its header
// costs.
package mail

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decode =?iso-8859-1?…?= display names
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/stake"
)

// MaxHeader bounds the header of a message (1 MiB): more is refused as
// malformed rather than read into memory.
const MaxHeader = 1 << 20

// Header names postage reads and writes.
const (
	WorkHeader   = "X-Hashcash"
	StakeHeader  = stake.HeaderName // Postage-Stamp
	ResultHeader = postage.ResultHeader
)

// ErrMalformed is wrapped by errors about unreadable messages.
var ErrMalformed = errors.New("malformed message")

// Message is a parsed header and the unread body.
type Message struct {
	// FromLine is an mbox "From " envelope line (without its line end), if
	// the message began with one; it is written back unchanged.
	FromLine string
	Header   textproto.Header
	// Body is the rest of the input, unread.
	Body io.Reader
	// crlf records the input's line ending so the header is written back
	// the same way (LF for local delivery, CRLF on the wire).
	crlf bool
}

// limited lets ReadHeader read at most MaxHeader bytes of header, then
// lets the body through unbounded.
type limited struct {
	r      io.Reader
	n      int64
	header bool
}

func (l *limited) Read(p []byte) (int, error) {
	if !l.header {
		return l.r.Read(p)
	}
	if l.n <= 0 {
		return 0, fmt.Errorf("%w: header over %d bytes", ErrMalformed, MaxHeader)
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// Read parses a message's header from r and leaves the body in r.
func Read(r io.Reader) (*Message, error) {
	lim := &limited{r: r, n: MaxHeader, header: true}
	br := bufio.NewReaderSize(lim, 64<<10)
	m := &Message{}
	first, err := br.Peek(5)
	if err != nil && len(first) == 0 {
		return nil, fmt.Errorf("%w: empty input", ErrMalformed)
	}
	if string(first) == "From " {
		line, err := br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("%w: mbox From line: %v", ErrMalformed, err)
		}
		m.FromLine = strings.TrimRight(line, "\r\n")
	}
	// Line endings: look at the end of the first header line.
	if peek, _ := br.Peek(4096); len(peek) > 0 {
		if i := bytes.IndexByte(peek, '\n'); i > 0 && peek[i-1] == '\r' {
			m.crlf = true
		}
	}
	h, err := textproto.ReadHeader(br)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	lim.header = false
	m.Header = h
	m.Body = br
	return m, nil
}

// WriteTo writes the message, header then body, streaming the body.
func (m *Message) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if m.FromLine != "" {
		buf.WriteString(m.FromLine)
		buf.WriteString("\r\n")
	}
	if err := textproto.WriteHeader(&buf, m.Header); err != nil {
		return 0, fmt.Errorf("write header: %w", err)
	}
	head := buf.Bytes()
	if !m.crlf {
		head = bytes.ReplaceAll(head, []byte("\r\n"), []byte("\n"))
	}
	n, err := w.Write(head)
	total := int64(n)
	if err != nil {
		return total, fmt.Errorf("write header: %w", err)
	}
	if m.Body == nil {
		return total, nil
	}
	c, err := io.Copy(w, m.Body)
	total += c
	if err != nil {
		return total, fmt.Errorf("write body: %w", err)
	}
	return total, nil
}

// Stamps returns the stamps the header carries: work and stake stamps and
// the sender (Return-Path, else Sender, else From), for the checker.
func (m *Message) Stamps() postage.Stamps {
	var p postage.Stamps
	for f := m.Header.FieldsByKey(WorkHeader); f.Next(); {
		if v := strings.Join(strings.Fields(f.Value()), ""); v != "" {
			p.Work = append(p.Work, v)
		}
	}
	for f := m.Header.FieldsByKey(StakeHeader); f.Next(); {
		p.Stake = append(p.Stake, f.Value())
	}
	h := gomail.Header{Header: message.Header{Header: m.Header.Copy()}}
	if rp := strings.TrimSpace(m.Header.Get("Return-Path")); rp != "" && rp != "<>" {
		p.Sender = strings.Trim(rp, "<>")
	} else {
		for _, k := range []string{"Sender", "From"} {
			if as, err := h.AddressList(k); err == nil && len(as) > 0 {
				p.Sender = as[0].Address
				break
			}
		}
	}
	return p
}

// Recipients lists the addresses in the named header fields (To, Cc, Bcc),
// lowercased and without duplicates, in order of appearance. Unparseable
// fields are an error: a sender must know whom it stamps for.
func (m *Message) Recipients(fields ...string) ([]string, error) {
	h := gomail.Header{Header: message.Header{Header: m.Header.Copy()}}
	seen := map[string]bool{}
	var out []string
	for _, k := range fields {
		as, err := h.AddressList(k)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrMalformed, k, err)
		}
		for _, a := range as {
			addr := strings.ToLower(a.Address)
			if addr != "" && !seen[addr] {
				seen[addr] = true
				out = append(out, addr)
			}
		}
	}
	return out, nil
}

// SetVerdicts removes every incoming Postage-Result (a sender could forge
// one) and adds one with these verdicts at the top of the header.
func (m *Message) SetVerdicts(vs []postage.Verdict) {
	m.Header.Del(ResultHeader)
	if len(vs) > 0 {
		m.Header.Add(ResultHeader, postage.HeaderValue(vs))
	}
}

// HasWorkFor reports whether the header already has a work stamp for rcpt.
func (m *Message) HasWorkFor(rcpt string) bool {
	for _, w := range m.Stamps().Work {
		f := strings.Split(w, ":")
		if len(f) == 7 && strings.EqualFold(f[3], rcpt) {
			return true
		}
	}
	return false
}

// SetLineEnding makes m write its header with the same line ending as
// other (for copies of one message).
func (m *Message) SetLineEnding(other *Message) { m.crlf = other.crlf }

// ReadKeep is Read for a filter that must never lose a message: when the
// header cannot be parsed, it returns what it read of r with the error, so
// that the caller can pass the message through unchanged (that, then the
// rest of r). Once the header is parsed, nothing more is kept.
func ReadKeep(r io.Reader) (*Message, []byte, error) {
	t := &headTee{r: r}
	m, err := Read(t)
	if err != nil {
		return nil, t.buf.Bytes(), err
	}
	t.stop = true
	t.buf = bytes.Buffer{}
	return m, nil, nil
}

// headTee copies what is read into buf until stopped.
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
