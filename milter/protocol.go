package milter

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The MTA's side of the conversation is read here, not by go-milter's
// server: this milter negotiates milter protocol 6 (go-milter's server
// answers 2 and replies to every event), so the MTA sends the envelope and
// the header without waiting for a reply to each, and the only round trips
// of a message are its end and the replies to it. The packet reader
// bounds what it keeps, skips what it does not keep, and tells a packet
// too large to keep from a stream that is not milter protocol at all.

// Milter protocol commands (SMFIC_*), what the MTA sends.
const (
	cmdAbort   = 'A'
	cmdBody    = 'B'
	cmdConnect = 'C'
	cmdMacro   = 'D'
	cmdEOM     = 'E'
	cmdHelo    = 'H'
	cmdQuitNC  = 'K' // quit, a new connection follows on the same socket
	cmdHeader  = 'L'
	cmdMail    = 'M'
	cmdEOH     = 'N'
	cmdOptNeg  = 'O'
	cmdQuit    = 'Q'
	cmdRcpt    = 'R'
	cmdData    = 'T'
	cmdUnknown = 'U'
)

// Milter protocol replies (SMFIR_*), what the milter sends.
const (
	replyAddHeader    = 'h'
	replyChangeHeader = 'm'
	replyContinue     = 'c'
	replyCode         = 'y'
	replyOptNeg       = 'O'
)

// Actions (SMFIF_*) the milter asks for.
const (
	actAddHeaders    = 0x01
	actChangeHeaders = 0x10
	actSetSymList    = 0x100 // the milter names the macros it wants (protocol 6)
)

// symList is the macros the milter asks for, by stage, when the MTA lets
// it choose (SMFIF_SETSYMLIST): only the queue id, at MAIL and at the end
// of the message. Postfix otherwise evaluates and sends some twenty
// macros per message.
var symList = []struct {
	stage  uint32
	macros string
}{
	{0, ""},  // connect
	{1, ""},  // HELO
	{2, "i"}, // MAIL
	{3, ""},  // RCPT
	{4, ""},  // DATA
	{5, "i"}, // end of message
	{6, ""},  // end of header
}

// Protocol flags (SMFIP_*): events the milter does not want, and events it
// does not reply to.
const (
	protoNoConnect   = 0x00000001
	protoNoHelo      = 0x00000002
	protoNoMail      = 0x00000004
	protoNoRcpt      = 0x00000008
	protoNoBody      = 0x00000010
	protoNoHeaders   = 0x00000020
	protoNoEOH       = 0x00000040
	protoNoReplyHdr  = 0x00000080
	protoNoUnknown   = 0x00000100
	protoNoData      = 0x00000200
	protoNoReplyConn = 0x00001000
	protoNoReplyHelo = 0x00002000
	protoNoReplyMail = 0x00004000
	protoNoReplyRcpt = 0x00008000
	protoNoReplyData = 0x00010000
	protoNoReplyUnkn = 0x00020000
	protoNoReplyEOH  = 0x00040000
	protoNoReplyBody = 0x00080000
)

// wantedProtocol is what the milter asks of the MTA: no HELO, DATA,
// unknown-command or end-of-header events (nothing in them decides
// postage), and no reply awaited for the events it does get. The body
// comes (receive mode hashes it for the message identity), unreplied;
// send mode adds protoNoBody. What the MTA does not offer it keeps
// sending, and gets a reply to.
const wantedProtocol = protoNoHelo | protoNoEOH | protoNoUnknown | protoNoData |
	protoNoReplyConn | protoNoReplyHelo | protoNoReplyMail | protoNoReplyRcpt |
	protoNoReplyHdr | protoNoReplyData | protoNoReplyUnkn | protoNoReplyEOH | protoNoReplyBody

// protocolVersion is the newest milter protocol the milter speaks.
const protocolVersion = 6

// MaxPacket is the largest milter packet the milter keeps (go-milter's
// limit, and far above Postfix's header_size_limit of 100 KiB). A longer
// header field is skipped, logged, and the message still gets a verdict
// without it.
const MaxPacket = 1 << 20

// maxSkip is the longest packet the milter reads past: a length above it
// is not milter traffic (random bytes, another protocol), and the
// connection is closed.
const maxSkip = 64 << 20

// packet is one command from the MTA. Data is valid until the next read.
type packet struct {
	Cmd  byte
	Data []byte
	// Size is the length the packet declared (command byte included).
	// Oversized packets (Size > MaxPacket) carry only their first
	// bytes in Data; the rest was read and dropped.
	Size      int
	Oversized bool
}

// errProtocol marks a stream that is not (or no longer) milter protocol.
var errProtocol = errors.New("milter protocol error")

// oversizedKeep is how much of an oversized packet is kept: enough for a
// header field's name.
const oversizedKeep = 1024

// packetReader reads packets from the MTA, reusing one buffer.
type packetReader struct {
	r   *bufio.Reader
	buf []byte
}

// next reads a packet. io.EOF means the MTA closed the connection between
// packets; io.ErrUnexpectedEOF that it did so within one.
func (pr *packetReader) next() (packet, error) {
	var hdr [5]byte
	if n, err := io.ReadFull(pr.r, hdr[:4]); err != nil {
		if err == io.ErrUnexpectedEOF || (err == io.EOF && n > 0) {
			return packet{}, fmt.Errorf("%w: truncated packet length", io.ErrUnexpectedEOF)
		}
		return packet{}, err
	}
	size := int(binary.BigEndian.Uint32(hdr[:4]))
	if size == 0 {
		return packet{}, fmt.Errorf("%w: zero-length packet", errProtocol)
	}
	if size > maxSkip {
		return packet{}, fmt.Errorf("%w: packet length %d is beyond %d bytes: not milter traffic", errProtocol, size, maxSkip)
	}
	c, err := pr.r.ReadByte()
	if err != nil {
		return packet{}, truncated(err)
	}
	p := packet{Cmd: c, Size: size}
	keep := size - 1
	if size > MaxPacket {
		p.Oversized = true
		keep = oversizedKeep
	}
	if cap(pr.buf) < keep {
		pr.buf = make([]byte, keep, max(keep, 4096))
	}
	p.Data = pr.buf[:keep]
	if _, err := io.ReadFull(pr.r, p.Data); err != nil {
		return packet{}, truncated(err)
	}
	if p.Oversized {
		if _, err := pr.r.Discard(size - 1 - keep); err != nil {
			return packet{}, truncated(err)
		}
	}
	return p, nil
}

func truncated(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("%w: truncated packet", io.ErrUnexpectedEOF)
	}
	return err
}

func indexNUL(b []byte) int {
	for i, c := range b {
		if c == 0 {
			return i
		}
	}
	return -1
}

// cstring is the first NUL-terminated string of b and what follows it.
func cstring(b []byte) (string, []byte, bool) {
	i := indexNUL(b)
	if i < 0 {
		return "", nil, false
	}
	return string(b[:i]), b[i+1:], true
}

// headerField splits a header packet's data, name NUL value NUL, without
// copying the value when the field is not kept: keep is asked first.
func headerField(b []byte) (name string, value []byte, ok bool) {
	i := indexNUL(b)
	if i <= 0 {
		return "", nil, false
	}
	v := b[i+1:]
	if n := len(v); n > 0 && v[n-1] == 0 {
		v = v[:n-1]
	}
	return string(b[:i]), v, true
}

// optNeg is the MTA's SMFIC_OPTNEG: its version, and the actions and
// protocol flags it offers.
type optNeg struct{ version, actions, protocol uint32 }

func parseOptNeg(b []byte) (optNeg, error) {
	if len(b) < 12 {
		return optNeg{}, fmt.Errorf("%w: option negotiation of %d bytes, want 12", errProtocol, len(b))
	}
	o := optNeg{
		version:  binary.BigEndian.Uint32(b[0:]),
		actions:  binary.BigEndian.Uint32(b[4:]),
		protocol: binary.BigEndian.Uint32(b[8:]),
	}
	if o.version < 2 {
		return o, fmt.Errorf("%w: MTA speaks milter protocol %d, want 2 or later", errProtocol, o.version)
	}
	return o, nil
}

// negotiate is the milter's answer to the MTA's offer: the version both
// speak, the actions it needs (which the MTA must allow), and of the
// protocol flags it wants, those the MTA offers.
func negotiate(mta optNeg, actions, wanted uint32) (optNeg, error) {
	if mta.actions&actions != actions {
		return optNeg{}, fmt.Errorf("%w: the MTA allows actions %#x, the milter needs %#x (adding and changing header fields)", errProtocol, mta.actions, actions)
	}
	o := optNeg{version: min(mta.version, protocolVersion), actions: actions, protocol: wanted & mta.protocol}
	if o.version >= 6 && mta.actions&actSetSymList != 0 {
		o.actions |= actSetSymList
	}
	return o, nil
}

func (o optNeg) bytes() []byte {
	b := make([]byte, 12, 64)
	binary.BigEndian.PutUint32(b[0:], o.version)
	binary.BigEndian.PutUint32(b[4:], o.actions)
	binary.BigEndian.PutUint32(b[8:], o.protocol)
	if o.actions&actSetSymList != 0 {
		for _, l := range symList {
			b = binary.BigEndian.AppendUint32(b, l.stage)
			b = append(append(b, l.macros...), 0)
		}
	}
	return b
}

// macroValue finds macro name (as "i" or "{i}") in a SMFIC_MACRO packet's
// data: the stage byte, then name NUL value NUL pairs.
func macroValue(b []byte, name string) (string, bool) {
	if len(b) == 0 {
		return "", false
	}
	b = b[1:]
	for len(b) > 0 {
		k, rest, ok := cstring(b)
		if !ok {
			return "", false
		}
		v, rest, ok := cstring(rest)
		if !ok {
			v, rest = string(rest), nil
		}
		if k == name || (len(k) == len(name)+2 && k[0] == '{' && k[len(k)-1] == '}' && k[1:len(k)-1] == name) {
			return v, true
		}
		b = rest
	}
	return "", false
}

// connectInfo reads SMFIC_CONNECT: host name, family, port, address.
func connectInfo(b []byte) (host, addr string, err error) {
	host, rest, ok := cstring(b)
	if !ok || len(rest) < 1 {
		return "", "", fmt.Errorf("%w: malformed connect", errProtocol)
	}
	family := rest[0]
	rest = rest[1:]
	if family == '4' || family == '6' {
		if len(rest) < 2 {
			return "", "", fmt.Errorf("%w: malformed connect", errProtocol)
		}
		rest = rest[2:]
	}
	if family != 'U' {
		addr, _, _ = cstring(rest)
		if addr == "" && len(rest) > 0 && indexNUL(rest) < 0 {
			addr = string(rest)
		}
	}
	return host, strings.TrimSuffix(strings.TrimPrefix(addr, "["), "]"), nil
}

// envelopeArg is the first argument of SMFIC_MAIL or SMFIC_RCPT, the
// address without its angle brackets.
func envelopeArg(b []byte) string {
	s, _, ok := cstring(b)
	if !ok {
		s = string(b)
	}
	return strings.Trim(s, "<>")
}

// packetWriter writes replies into one buffer, sent by flush.
type packetWriter struct {
	w *bufio.Writer
}

func (pw *packetWriter) write(code byte, parts ...[]byte) error {
	n := 1
	for _, p := range parts {
		n += len(p)
	}
	var hdr [5]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(n))
	hdr[4] = code
	if _, err := pw.w.Write(hdr[:]); err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := pw.w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

var nul = []byte{0}

// lf is a header value as Postfix wants it: LF line ends (CRLF would
// double the CR).
func lf(s string) []byte { return []byte(strings.ReplaceAll(s, "\r\n", "\n")) }

// Modifier is what a session may do to the message at its end.
type Modifier struct {
	w *packetWriter
}

// AddHeader appends a header field.
func (m *Modifier) AddHeader(name, value string) error {
	return m.w.write(replyAddHeader, []byte(name), nul, lf(value), nul)
}

// ChangeHeader replaces the index-th (from 1) field called name; an empty
// value deletes it.
func (m *Modifier) ChangeHeader(index int, name, value string) error {
	var idx [4]byte
	binary.BigEndian.PutUint32(idx[:], uint32(index))
	return m.w.write(replyChangeHeader, idx[:], []byte(name), nul, lf(value), nul)
}
