package milter_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gomilter "github.com/emersion/go-milter"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/milter"
	"github.com/postage-mail/postage/milter/miltertest"
)

// pkt is one milter packet: length, command, data.
func pkt(cmd byte, parts ...string) []byte {
	data := strings.Join(parts, "")
	b := binary.BigEndian.AppendUint32(nil, uint32(1+len(data)))
	return append(append(b, cmd), data...)
}

// optneg is Postfix's opening: protocol 6, every action, every protocol
// flag on offer.
func optneg(protocol uint32) []byte {
	d := binary.BigEndian.AppendUint32(nil, 6)
	d = binary.BigEndian.AppendUint32(d, 0x1ff)
	d = binary.BigEndian.AppendUint32(d, protocol)
	return pkt('O', string(d))
}

// rawConn is an MTA connection written byte by byte.
type rawConn struct {
	t *testing.T
	c net.Conn
}

func (e *env) raw() *rawConn {
	e.t.Helper()
	c, err := net.DialTimeout("tcp", e.addr, 5*time.Second)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { c.Close() })
	return &rawConn{t: e.t, c: c}
}

func (r *rawConn) write(bs ...[]byte) {
	r.t.Helper()
	r.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if _, err := r.c.Write(bytes.Join(bs, nil)); err != nil {
		r.t.Fatalf("write: %v", err)
	}
}

// reply reads one packet from the milter.
func (r *rawConn) reply(within time.Duration) (byte, []byte, error) {
	r.c.SetReadDeadline(time.Now().Add(within))
	var n uint32
	if err := binary.Read(r.c, binary.BigEndian, &n); err != nil {
		return 0, nil, err
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r.c, b); err != nil {
		return 0, nil, err
	}
	return b[0], b[1:], nil
}

// closedWithin waits for the milter to close the connection, draining what
// it sends first.
func (r *rawConn) closedWithin(d time.Duration) error {
	r.c.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, r.c)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return fmt.Errorf("still open after %v", d)
		}
	}
	return nil // EOF or reset: closed
}

// The milter asks Postfix for protocol 6 with no reply to the envelope and
// the header: one pipelined write of a whole message gets the option
// reply, then nothing until the end of the message's verdict.
func TestOneRoundTripPerMessage(t *testing.T) {
	e := start(t, milter.Config{})
	r := e.raw()
	r.write(optneg(uint32(miltertest.PostfixProtocol)))
	code, data, err := r.reply(5 * time.Second)
	if err != nil || code != 'O' || len(data) < 12 {
		t.Fatalf("option negotiation reply %q %x %v", code, data, err)
	}
	version := binary.BigEndian.Uint32(data)
	proto := gomilter.OptProtocol(binary.BigEndian.Uint32(data[8:]))
	want := gomilter.OptNoHelo | gomilter.OptNoEOH | gomilter.OptNoData | gomilter.OptNoUnknown |
		gomilter.OptNoConnReply | gomilter.OptNoMailReply | gomilter.OptNoRcptReply | gomilter.OptNoHeaderReply | gomilter.OptNoBodyReply
	if version != 6 || proto&want != want {
		t.Fatalf("negotiated version %d protocol %#x, want 6 and at least %#x", version, proto, want)
	}
	// The body is hashed for the message identity: it comes, unreplied.
	// Postfix offers SMFIF_SETSYMLIST: the milter asks for the queue id
	// (macro i) at MAIL and at the end, nothing else.
	if actions := binary.BigEndian.Uint32(data[4:]); actions&0x100 == 0 ||
		!bytes.Contains(data[12:], []byte("\x00\x00\x00\x02i\x00")) || !bytes.Contains(data[12:], []byte("\x00\x00\x00\x05i\x00")) ||
		!bytes.Contains(data[12:], []byte("\x00\x00\x00\x00\x00")) {
		t.Errorf("macro lists %q (actions %#x), want only i at MAIL and end of message", data[12:], actions)
	}
	if proto&(gomilter.OptNoMailFrom|gomilter.OptNoRcptTo|gomilter.OptNoHeaders|gomilter.OptNoConnect|gomilter.OptNoBody) != 0 {
		t.Fatalf("protocol %#x skips events the check needs", proto)
	}
	stamp := mint(t, "alice@example.com")
	var b [][]byte
	b = append(b, pkt('C', "client.example.net\x00", "4", "\x9c\x40", "192.0.2.1\x00"),
		pkt('D', "M", "i\x00", "QID1\x00"),
		pkt('M', "<sender@example.net>\x00"),
		pkt('R', "<alice@example.com>\x00"))
	for i := 0; i < 20; i++ {
		b = append(b, pkt('L', fmt.Sprintf("X-Filler-%d\x00", i), "some value\x00"))
	}
	b = append(b, pkt('L', "X-Hashcash\x00", " "+stamp+"\x00"), pkt('B', "Shall we?\r\n"), pkt('E'))
	r.write(b...)
	code, data, err = r.reply(5 * time.Second)
	if err != nil || code != 'h' || !strings.HasPrefix(string(data), "Postage-Result\x00pass rcpt=alice@example.com work=8") {
		t.Fatalf("first reply after the message: %q %q %v, want the verdict header (no per-event replies)", code, data, err)
	}
	if code, _, err = r.reply(5 * time.Second); err != nil || code != 'c' {
		t.Fatalf("end of message reply %q %v, want continue", code, err)
	}
	if logs := e.log.String(); !strings.Contains(logs, "msg=message mode=receive queue_id=QID1 client=192.0.2.1 from=sender@example.net result=pass") {
		t.Errorf("log lacks the message with its queue id (macro i at MAIL):\n%s", logs)
	}
	r.write(pkt('Q'))
	if err := r.closedWithin(5 * time.Second); err != nil {
		t.Fatal(err)
	}
}

// An MTA of protocol 2 offers no spared replies: it gets one for every
// event it sends, and the same verdicts.
func TestLegacyMTAGetsEveryReply(t *testing.T) {
	e := start(t, milter.Config{})
	s, err := miltertest.DialProtocol("tcp", e.addr, 5*time.Second, miltertest.LegacyProtocol)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if p := s.Protocol(); p&^miltertest.LegacyProtocol != 0 {
		t.Fatalf("milter asked for %#x, beyond the offer %#x", p, miltertest.LegacyProtocol)
	}
	got := one(t, e.send(s, msg([]string{"alice@example.com"}, f("X-Hashcash", mint(t, "alice@example.com")))))
	if got != "pass rcpt=alice@example.com work=8" {
		t.Errorf("Postage-Result %q", got)
	}
}

// Idle connections (between messages) and half-open ones (silent within
// a message, or before negotiating) are closed after milter.idle_timeout,
// and the log says which.
func TestIdleAndHalfOpenConnectionsClosed(t *testing.T) {
	e := start(t, milter.Config{IdleTimeout: 300 * time.Millisecond})
	never := e.raw() // connects, never negotiates
	idle := e.raw()
	idle.write(optneg(uint32(miltertest.PostfixProtocol)))
	if _, _, err := idle.reply(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	half := e.raw()
	half.write(optneg(uint32(miltertest.PostfixProtocol)))
	if _, _, err := half.reply(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	half.write(pkt('M', "<sender@example.net>\x00"), pkt('R', "<alice@example.com>\x00"), pkt('L', "Subject\x00", "hi\x00"))
	// A busy connection keeps going past the timeout as long as it talks.
	live := e.dial()
	for i := 0; i < 4; i++ {
		time.Sleep(150 * time.Millisecond)
		one(t, e.send(live, msg([]string{"bob@example.com"})))
	}
	for name, c := range map[string]*rawConn{"never negotiated": never, "idle": idle, "half-open": half} {
		if err := c.closedWithin(3 * time.Second); err != nil {
			t.Errorf("%s connection: %v", name, err)
		}
	}
	logs := e.log.String()
	for _, want := range []string{"closed an idle connection", "silent in the middle of a message"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
	// The milter serves new connections.
	one(t, e.send(e.dial(), msg([]string{"carol@example.com"})))
}

// A header field over the milter packet limit (go-milter's, 1 MiB) is
// skipped and logged; the message still gets its verdict from the rest,
// and the connection goes on.
func TestOversizedHeaderStillGetsAVerdict(t *testing.T) {
	e := start(t, milter.Config{})
	s := e.dial()
	big := strings.Repeat("x", 2<<20) // 2 MB
	r := e.send(s, msg([]string{"alice@example.com"},
		f("X-Junk", big),
		f("X-Hashcash", "1:8:"+big),
		f("X-Hashcash", mint(t, "alice@example.com"))))
	if got := one(t, r); got != "pass rcpt=alice@example.com work=8" {
		t.Errorf("Postage-Result %q", got)
	}
	// Nothing but the big fields was lost: a message with only the big
	// stamp is neutral, not pass.
	r = e.send(s, msg([]string{"bob@example.com"}, f("X-Hashcash", big)))
	if got := one(t, r); got != "neutral rcpt=bob@example.com" {
		t.Errorf("only an oversized stamp: Postage-Result %q", got)
	}
	logs := e.log.String()
	for _, want := range []string{
		`msg="milter: header field too large to check, skipped" queue_id=4ABCDEF client=192.0.2.1 field=X-Junk bytes=2097161`,
		`field=X-Hashcash bytes=2097169`,
		`msg="milter: checked a message without header fields it could not keep" queue_id=4ABCDEF client=192.0.2.1 skipped=2`,
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
	if strings.Contains(logs, "xxxxxxxx") {
		t.Error("the oversized value reached the log")
	}
}

// 5,000 header fields, most of them stamps for someone else: a verdict, in
// bounded time.
func TestFiveThousandHeaders(t *testing.T) {
	e := start(t, milter.Config{})
	s := e.dial()
	var fields []miltertest.Field
	for i := 0; i < 5000; i++ {
		if i%2 == 0 {
			fields = append(fields, f("X-Hashcash", fmt.Sprintf("1:8:261201:other%d@example.com::r:%d", i, i)))
		} else {
			fields = append(fields, f(fmt.Sprintf("X-Filler-%d", i), "v"))
		}
	}
	fields = append(fields, f("X-Hashcash", mint(t, "alice@example.com")))
	t0 := time.Now()
	if got := one(t, e.send(s, msg([]string{"alice@example.com"}, fields...))); got != "pass rcpt=alice@example.com work=8" {
		t.Errorf("Postage-Result %q", got)
	}
	if d := time.Since(t0); d > 10*time.Second {
		t.Errorf("5,000 fields took %v", d)
	}
}

// Malformed traffic costs only its own connection, which is closed with a
// log line; the milter stays up and the other connections' mail is tagged.
func TestMalformedTrafficCostsOnlyItsConnection(t *testing.T) {
	e := start(t, milter.Config{IdleTimeout: 2 * time.Second})
	noise := make([]byte, 4096)
	rand.Read(noise)
	neg := optneg(uint32(miltertest.PostfixProtocol))
	cases := map[string][][]byte{
		"random bytes":              {noise},
		"random bytes after optneg": {neg, noise},
		"oversized length":          {neg, []byte{0xff, 0xff, 0xff, 0xff, 'L'}},
		"zero length":               {neg, {0, 0, 0, 0}},
		"truncated packet":          {neg, pkt('M', "<sender@example.net>\x00")[:7]},
		"truncated length":          {neg, {0, 0}},
		"unknown command":           {neg, pkt('Z', "what")},
		"mail before optneg":        {pkt('M', "<sender@example.net>\x00")},
		"short optneg":              {pkt('O', "\x00\x00\x00\x06")},
		"protocol 1 MTA":            {pkt('O', "\x00\x00\x00\x01\x00\x00\x01\xff\x00\x00\x00\x00")},
		"oversized rcpt":            {neg, pkt('R', strings.Repeat("a", 2<<20))},
		"malformed connect":         {neg, pkt('C', "nonul")},
		"second optneg":             {neg, neg},
	}
	// A good connection sends mail throughout.
	good := e.dial()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var goodErr error
	var sent int
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			r, err := good.Send(msg([]string{"alice@example.com"}))
			if err == nil && len(r.Added(postage.ResultHeader)) != 1 {
				err = errors.New("no verdict")
			}
			if err != nil {
				goodErr = err
				return
			}
			sent++
		}
	}()
	for name, bs := range cases {
		t.Run(name, func(t *testing.T) {
			c := e.raw()
			c.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
			c.c.Write(bytes.Join(bs, nil)) // the milter may close before all is written
			if truncatedCase := strings.HasPrefix(name, "truncated"); truncatedCase {
				// The MTA goes silent (or away) mid-packet.
				c.c.(*net.TCPConn).CloseWrite()
			}
			if err := c.closedWithin(5 * time.Second); err != nil {
				t.Errorf("connection: %v", err)
			}
		})
	}
	close(stop)
	wg.Wait()
	if goodErr != nil || sent == 0 {
		t.Fatalf("the good connection, beside the malformed ones: %d messages, %v", sent, goodErr)
	}
	logs := e.log.String()
	// Random bytes may read as a plausible length (1 in 64): that connection
	// is closed by the idle timeout instead.
	if n := strings.Count(logs, "closed a connection that broke the milter protocol"); n < len(cases)-2 {
		t.Errorf("%d protocol errors logged for %d malformed connections:\n%s", n, len(cases), logs)
	}
	if strings.Contains(logs, "panic") {
		t.Errorf("a panic:\n%s", logs)
	}
	// Still up: a new connection gets its verdict.
	one(t, e.send(e.dial(), msg([]string{"bob@example.com"}, f("X-Hashcash", mint(t, "bob@example.com")))))
}

// fullDisk is a spent store on a full disk.
type fullDisk struct{}

func (fullDisk) Spend(context.Context, string, string, time.Time) error {
	return fmt.Errorf("bolt: spend: write /var/lib/postage/spent.db: %w", syscall.ENOSPC)
}

func (fullDisk) Purge(context.Context, time.Time) (int, error) { return 0, nil }
func (fullDisk) Close() error                                  { return nil }

// A spent store error is logged, saying what it is, besides the verdict's
// work=store-unavailable.
func TestStoreErrorsLogged(t *testing.T) {
	pol := postage.DefaultPolicy()
	pol.Accept = append(pol.Accept, postage.AcceptWork) // work stamps are under test; the default does not count them
	pol.WorkBits = bits
	e := start(t, milter.Config{Checker: func(context.Context, postage.Stamps) *postage.Checker {
		return &postage.Checker{Policy: pol, Spent: fullDisk{}}
	}})
	s := e.dial()
	if got := one(t, e.send(s, msg([]string{"alice@example.com"}, f("X-Hashcash", mint(t, "alice@example.com"))))); got != "temperror rcpt=alice@example.com work=store-unavailable" {
		t.Errorf("Postage-Result %q", got)
	}
	want := `level=ERROR msg="milter: the spent store's disk is full; work stamps get temperror (work=store-unavailable) until space is freed" queue_id=4ABCDEF client=192.0.2.1 err="bolt: spend: write /var/lib/postage/spent.db: no space left on device"`
	if logs := e.log.String(); !strings.Contains(logs, want) {
		t.Errorf("log lacks %q:\n%s", want, logs)
	}
	// A closed store (any other failure) is logged too.
	e2 := start(t, milter.Config{})
	e2.spent.Close()
	one(t, e2.send(e2.dial(), msg([]string{"alice@example.com"}, f("X-Hashcash", mint(t, "alice@example.com")))))
	if logs := e2.log.String(); !strings.Contains(logs, `level=ERROR msg="milter: the spent store failed;`) {
		t.Errorf("closed store not logged:\n%s", logs)
	}
}
