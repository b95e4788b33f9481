// Package miltertest plays the MTA's side of the milter protocol with
// go-milter's client, as Postfix does: one connection, any number of
// messages. postage's milter tests and load benchmarks use it.
package miltertest

import (
	"fmt"
	"strings"
	"time"

	gomilter "github.com/emersion/go-milter"
)

// Field is one header field.
type Field struct{ Name, Value string }

// Message is one SMTP transaction.
type Message struct {
	QueueID string // sent as the macro i, as Postfix does
	From    string
	Rcpts   []string
	Header  []Field
	Body    string
}

// Result is what the milter answered at the end of the message.
type Result struct {
	Mods   []gomilter.ModifyAction
	Action gomilter.Action
	// Early is set when the milter decided before the end of the message
	// (at MAIL, RCPT or a header).
	Early bool
}

// Added returns the values of the header fields named name the milter
// added.
func (r *Result) Added(name string) []string {
	var out []string
	for _, m := range r.Mods {
		if (m.Code == gomilter.ActAddHeader || m.Code == gomilter.ActInsertHeader) && strings.EqualFold(m.HeaderName, name) {
			out = append(out, m.HeaderValue)
		}
	}
	return out
}

// Deleted returns the indexes (1-based, per name, in the order sent) of
// the fields named name the milter deleted.
func (r *Result) Deleted(name string) []int {
	var out []int
	for _, m := range r.Mods {
		if m.Code == gomilter.ActChangeHeader && m.HeaderValue == "" && strings.EqualFold(m.HeaderName, name) {
			out = append(out, int(m.HeaderIndex))
		}
	}
	return out
}

// Session is one MTA connection to the milter.
type Session struct {
	s *gomilter.ClientSession
}

// PostfixProtocol is the protocol mask Postfix 3 offers in milter
// protocol 6 (milter_protocol = 6, the default): every event may be
// skipped, and every reply but the end of message's spared.
const PostfixProtocol = gomilter.OptNoConnect | gomilter.OptNoHelo | gomilter.OptNoMailFrom | gomilter.OptNoRcptTo |
	gomilter.OptNoBody | gomilter.OptNoHeaders | gomilter.OptNoEOH | gomilter.OptNoHeaderReply |
	gomilter.OptNoUnknown | gomilter.OptNoData | gomilter.OptSkip | gomilter.OptRcptRej |
	gomilter.OptNoConnReply | gomilter.OptNoHeloReply | gomilter.OptNoMailReply | gomilter.OptNoRcptReply |
	gomilter.OptNoDataReply | gomilter.OptNoUnknownReply | gomilter.OptNoEOHReply | gomilter.OptNoBodyReply |
	gomilter.OptHeaderLeadingSpace

// LegacyProtocol is what an MTA of milter protocol 2 offers: events may
// be skipped, but every one gets a reply.
const LegacyProtocol gomilter.OptProtocol = 0x7f

// Dial connects and negotiates as Postfix does. network is "tcp" or "unix".
func Dial(network, addr string, timeout time.Duration) (*Session, error) {
	return DialProtocol(network, addr, timeout, PostfixProtocol)
}

// DialProtocol connects and negotiates, offering the protocol flags in
// offer.
func DialProtocol(network, addr string, timeout time.Duration, offer gomilter.OptProtocol) (*Session, error) {
	c := gomilter.NewClientWithOptions(network, addr, gomilter.ClientOptions{
		ReadTimeout:  timeout,
		WriteTimeout: timeout,
		ActionMask:   gomilter.OptAddHeader | gomilter.OptChangeHeader,
		ProtocolMask: offer,
	})
	s, err := c.Session()
	if err != nil {
		return nil, err
	}
	if act, err := s.Conn("client.example.net", gomilter.FamilyInet, 40000, "192.0.2.1"); err != nil {
		s.Close()
		return nil, err
	} else if act.Code != gomilter.ActContinue {
		s.Close()
		return nil, fmt.Errorf("milter refused the connection: %c %d %s", act.Code, act.SMTPCode, act.SMTPText)
	}
	return &Session{s: s}, nil
}

// NoBody reports whether the milter asked not to get the body.
func (s *Session) NoBody() bool { return s.s.ProtocolOption(gomilter.OptNoBody) }

// Protocol is the protocol mask the milter asked for.
func (s *Session) Protocol() gomilter.OptProtocol { return s.s.ProtocolOpts }

// Send runs one message through the milter.
func (s *Session) Send(m *Message) (*Result, error) {
	early := func(act *gomilter.Action, err error) (*Result, bool, error) {
		if err != nil {
			return nil, true, err
		}
		if act.Code != gomilter.ActContinue {
			return &Result{Action: *act, Early: true}, true, nil
		}
		return nil, false, nil
	}
	if m.QueueID != "" {
		if err := s.s.Macros(gomilter.CodeMail, "i", m.QueueID); err != nil {
			return nil, err
		}
	}
	if r, stop, err := early(s.s.Mail(m.From, nil)); stop {
		return r, err
	}
	for _, rcpt := range m.Rcpts {
		if r, stop, err := early(s.s.Rcpt(rcpt, nil)); stop {
			return r, err
		}
	}
	for _, f := range m.Header {
		if r, stop, err := early(s.s.HeaderField(f.Name, f.Value)); stop {
			return r, err
		}
	}
	if r, stop, err := early(s.s.HeaderEnd()); stop {
		return r, err
	}
	if m.QueueID != "" {
		if err := s.s.Macros(gomilter.CodeEOB, "i", m.QueueID); err != nil {
			return nil, err
		}
	}
	mods, act, err := s.s.BodyReadFrom(strings.NewReader(m.Body))
	if err != nil {
		return nil, err
	}
	return &Result{Mods: mods, Action: *act}, nil
}

// Close ends the connection.
func (s *Session) Close() error { return s.s.Close() }
