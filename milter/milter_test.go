package milter_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"log/slog"
	"net"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gomilter "github.com/emersion/go-milter"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/milter"
	"github.com/postage-mail/postage/milter/miltertest"
	"github.com/postage-mail/postage/stake"
	"github.com/postage-mail/postage/store/bolt"
)

const bits = 8 // checking costs the same at any value; minting 8 bits is instant

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type env struct {
	t     *testing.T
	addr  string
	srv   *milter.Server
	log   *syncBuffer
	spent *bolt.Store
	done  chan error
}

// start runs a milter on a loopback port with a fresh bbolt store; cfg's
// Checker, if nil, checks work stamps of 8 bits.
func start(t *testing.T, cfg milter.Config) *env {
	t.Helper()
	spent, err := bolt.Open(filepath.Join(t.TempDir(), "spent.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { spent.Close() })
	pol := postage.DefaultPolicy()
	pol.Accept = append(pol.Accept, postage.AcceptWork) // work stamps are under test; the default does not count them
	pol.WorkBits = bits
	pol.Accept = []postage.Kind{postage.AcceptAllowlist, postage.AcceptWork, postage.AcceptStake}
	if cfg.Checker == nil {
		cfg.Checker = func(context.Context, postage.Stamps) *postage.Checker {
			return &postage.Checker{Policy: pol, Spent: spent}
		}
	}
	logs := &syncBuffer{}
	cfg.Logger = slog.New(slog.NewTextHandler(logs, nil))
	srv, err := milter.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := milter.Listen(milter.Address{Network: "tcp", Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, addr: ln.Addr().String(), srv: srv, log: logs, spent: spent, done: make(chan error, 1)}
	go func() { e.done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		<-e.done
	})
	return e
}

func (e *env) dial() *miltertest.Session {
	e.t.Helper()
	s, err := miltertest.Dial("tcp", e.addr, 10*time.Second)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { s.Close() })
	return s
}

func (e *env) send(s *miltertest.Session, m *miltertest.Message) *miltertest.Result {
	e.t.Helper()
	r, err := s.Send(m)
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

func f(name, value string) miltertest.Field { return miltertest.Field{Name: name, Value: value} }

func mint(t *testing.T, rcpt string) string {
	t.Helper()
	st, err := hashcash.Mint(context.Background(), rcpt, bits, nil)
	if err != nil {
		t.Fatal(err)
	}
	return st.String()
}

func msg(rcpts []string, fields ...miltertest.Field) *miltertest.Message {
	h := append([]miltertest.Field{
		f("From", "Sender <sender@example.net>"),
		f("To", strings.Join(rcpts, ", ")),
		f("Subject", "lunch?"),
	}, fields...)
	return &miltertest.Message{QueueID: "4ABCDEF", From: "sender@example.net", Rcpts: rcpts, Header: h, Body: "Shall we?\r\n"}
}

func one(t *testing.T, r *miltertest.Result) string {
	t.Helper()
	vs := r.Added(postage.ResultHeader)
	if len(vs) != 1 {
		t.Fatalf("milter added %d Postage-Result fields, want 1: %+v", len(vs), r.Mods)
	}
	return vs[0]
}

func TestWorkStampPassesOnceAndForgeriesGo(t *testing.T) {
	e := start(t, milter.Config{})
	s := e.dial()
	if s.NoBody() {
		t.Error("the receiving milter asked the MTA to keep the body, which the message identity covers")
	}
	m := msg([]string{"alice@example.com"},
		f("X-Hashcash", mint(t, "alice@example.com")),
		f("Postage-Result", "pass forged"),
		f("postage-result", "pass forged-again"))
	r := e.send(s, m)
	if r.Action.Code != gomilter.ActContinue {
		t.Errorf("action %c, want continue (tag)", r.Action.Code)
	}
	if got := one(t, r); got != "pass rcpt=alice@example.com work=8" {
		t.Errorf("Postage-Result: %q", got)
	}
	// Both forged fields deleted, the last first.
	if got := r.Deleted(postage.ResultHeader); len(got) != 2 || got[0] != 2 || got[1] != 1 {
		t.Errorf("deleted Postage-Result indexes %v, want [2 1]", got)
	}
	// The same message again (an MTA's retry, a second MX): the stamp was
	// spent for it, so it passes again.
	r = e.send(s, m)
	if got := one(t, r); got != "pass rcpt=alice@example.com work=8" {
		t.Errorf("retry: Postage-Result %q", got)
	}
	// The same stamp in another message (another body): double spent.
	other := *m
	other.Body = "Or dinner?\r\n"
	r = e.send(s, &other)
	if got := one(t, r); got != "fail rcpt=alice@example.com work=double-spent" {
		t.Errorf("replay in another message: Postage-Result %q", got)
	}
	logs := e.log.String()
	for _, want := range []string{
		`msg=message mode=receive queue_id=4ABCDEF client=192.0.2.1 from=sender@example.net result=pass action=tag rcpts=1 verdicts="pass rcpt=alice@example.com work=8" removed=2 ms=`,
		`result=fail action=tag rcpts=1 verdicts="fail rcpt=alice@example.com work=double-spent"`,
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
	if n := strings.Count(logs, "msg=message"); n != 3 {
		t.Errorf("%d log lines for 3 messages, want one each:\n%s", n, logs)
	}
}

func TestEveryRecipientGetsAVerdict(t *testing.T) {
	e := start(t, milter.Config{})
	s := e.dial()
	m := msg([]string{"alice@example.com", "bob@example.com", "Alice@Example.com", "carol@example.com"},
		f("X-Hashcash", mint(t, "alice@example.com")),
		f("X-Hashcash", mint(t, "bob@example.com")),
		f("X-Hashcash", "1:8:999999:carol@example.com::garbage"))
	got := one(t, e.send(s, m))
	// The repeated recipient is checked once (a second check would find
	// its stamp spent).
	want := "pass rcpt=alice@example.com work=8; pass rcpt=bob@example.com work=8; fail rcpt=carol@example.com work=malformed"
	if got != want {
		t.Errorf("Postage-Result:\n got %q\nwant %q", got, want)
	}
}

func TestActions(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cfg   milter.Config
		stamp bool // a good stamp
		code  int  // 0: tagged and accepted
		text  string
	}{
		{"tag by default", milter.Config{}, false, 0, ""},
		{"reject no postage", milter.Config{Action: milter.Reject}, false, 550, `^5\.7\.1 postage refused: neutral rcpt=alice@example\.com$`},
		{"reject passes good postage", milter.Config{Action: milter.Reject}, true, 0, ""},
		{"tempfail no postage", milter.Config{Action: milter.TempFail}, false, 451, `^4\.7\.1 postage refused, try again later: neutral rcpt=alice@example\.com$`},
		{"reject only fail", milter.Config{Action: milter.Reject, ActOn: []postage.Result{postage.Fail}}, false, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := start(t, tc.cfg)
			s := e.dial()
			var fields []miltertest.Field
			if tc.stamp {
				fields = append(fields, f("X-Hashcash", mint(t, "alice@example.com")))
			}
			r := e.send(s, msg([]string{"alice@example.com"}, fields...))
			one(t, r) // tagged whatever the action: a 250 after a tempfail is possible
			if tc.code == 0 {
				if r.Action.Code != gomilter.ActContinue {
					t.Fatalf("action %c %d %s, want continue", r.Action.Code, r.Action.SMTPCode, r.Action.SMTPText)
				}
				return
			}
			if r.Action.Code != gomilter.ActReplyCode || r.Action.SMTPCode != tc.code || !regexp.MustCompile(tc.text).MatchString(r.Action.SMTPText) {
				t.Fatalf("action %c %d %q, want %d %s", r.Action.Code, r.Action.SMTPCode, r.Action.SMTPText, tc.code, tc.text)
			}
		})
	}
}

// A store that cannot be used is temperror: tagged by default (fail open),
// 451 when asked to fail closed; never a pass, never a reject.
func TestStoreDownFailsOpen(t *testing.T) {
	for _, tc := range []struct {
		temperror milter.Action
		code      int
	}{{milter.Tag, 0}, {milter.TempFail, 451}} {
		t.Run(string(tc.temperror), func(t *testing.T) {
			e := start(t, milter.Config{Action: milter.Reject, TempError: tc.temperror})
			e.spent.Close() // every Spend now fails
			s := e.dial()
			r := e.send(s, msg([]string{"alice@example.com"}, f("X-Hashcash", mint(t, "alice@example.com"))))
			if got := one(t, r); got != "temperror rcpt=alice@example.com work=store-unavailable" {
				t.Errorf("Postage-Result %q", got)
			}
			switch {
			case tc.code == 0 && r.Action.Code != gomilter.ActContinue:
				t.Errorf("action %c %d, want continue", r.Action.Code, r.Action.SMTPCode)
			case tc.code != 0 && (r.Action.Code != gomilter.ActReplyCode || r.Action.SMTPCode != tc.code || !strings.HasPrefix(r.Action.SMTPText, "4.3.0 ")):
				t.Errorf("action %c %d %q, want 451 4.3.0", r.Action.Code, r.Action.SMTPCode, r.Action.SMTPText)
			}
		})
	}
}

// A stake stamp's nonce is a secret: anyone who reads it can burn the
// leaf. It must never reach the log, even folded over lines.
func TestStakeNonceNeverLogged(t *testing.T) {
	contract := stake.Address{0xc0}
	rcpt := stake.MustParseRecipient("alice@example.com")
	b, err := stake.NewBatch([]stake.Recipient{rcpt}, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	st, err := b.Stamp(0, 1, contract, stake.Address{0xcc})
	if err != nil {
		t.Fatal(err)
	}
	folded, err := st.FormatFolded()
	if err != nil {
		t.Fatal(err)
	}
	nonce := regexp.MustCompile(`nonce=([A-Za-z0-9_-]+)`).FindStringSubmatch(folded)
	if nonce == nil {
		t.Fatalf("no nonce in %q", folded)
	}
	pol := postage.DefaultPolicy()
	pol.Accept = append(pol.Accept, postage.AcceptWork) // work stamps are under test; the default does not count them
	pol.Contracts = []postage.ContractRef{{ChainID: 1, Address: contract}}
	// No chain: the stake cannot be checked now.
	e := start(t, milter.Config{Checker: func(context.Context, postage.Stamps) *postage.Checker { return &postage.Checker{Policy: pol} }})
	s := e.dial()
	r := e.send(s, msg([]string{"alice@example.com"}, f(stake.HeaderName, folded)))
	if got := one(t, r); got != "temperror rcpt=alice@example.com stake=chain-unavailable" {
		t.Errorf("Postage-Result %q (the folded stamp should parse)", got)
	}
	if logs := e.log.String(); strings.Contains(logs, nonce[1]) || !strings.Contains(logs, "stake=chain-unavailable") {
		t.Errorf("log leaks the nonce %s or lacks the verdict:\n%s", nonce[1], logs)
	}
}

func TestSendModeStampsToAndCc(t *testing.T) {
	e := start(t, milter.Config{Mode: milter.Send, WorkBits: bits})
	s := e.dial()
	have := mint(t, "carol@example.com")
	m := &miltertest.Message{From: "sender@example.net", Rcpts: []string{"alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com"},
		Header: []miltertest.Field{
			f("From", "sender@example.net"),
			f("To", "Alice <alice@example.com>,\r\n\tcarol@example.com"),
			f("Cc", "bob@example.com"),
			f("X-Hashcash", have),
		}}
	r := e.send(s, m)
	if r.Action.Code != gomilter.ActContinue {
		t.Fatalf("action %c", r.Action.Code)
	}
	added := r.Added("X-Hashcash")
	if len(added) != 2 {
		t.Fatalf("added %d stamps %v, want 2 (alice, bob; carol has one; dave is Bcc)", len(added), added)
	}
	pol := &hashcash.Policy{Requirements: []hashcash.Requirement{{Resource: "alice@example.com", Bits: bits}, {Resource: "bob@example.com", Bits: bits}}, Match: hashcash.MatchExact}
	for _, st := range added {
		if _, err := pol.Check(st); err != nil {
			t.Errorf("stamp %q: %v", st, err)
		}
	}
	if len(r.Added(postage.ResultHeader)) != 0 {
		t.Error("send mode added a verdict")
	}
	if !strings.Contains(e.log.String(), "mode=send") || !strings.Contains(e.log.String(), "stamped=2") {
		t.Errorf("log: %s", e.log.String())
	}
}

// Shutdown waits for a message being checked, then closes the connection;
// new connections are refused.
func TestShutdownDrains(t *testing.T) {
	checking := make(chan struct{})
	release := make(chan struct{})
	pol := postage.DefaultPolicy()
	pol.Accept = append(pol.Accept, postage.AcceptWork) // work stamps are under test; the default does not count them
	pol.WorkBits = bits
	// Only the first message blocks. (A sync.Once would also block a message
	// the idle connection sends before the drain begins, until release: that
	// connection would then be busy, not idle, and Shutdown would time out.)
	var first atomic.Bool
	e := start(t, milter.Config{Checker: func(context.Context, postage.Stamps) *postage.Checker {
		if first.CompareAndSwap(false, true) {
			close(checking)
			<-release
		}
		return &postage.Checker{Policy: pol}
	}})
	s := e.dial()
	idle := e.dial() // a second MTA connection between messages
	result := make(chan error, 1)
	go func() {
		r, err := s.Send(msg([]string{"alice@example.com"}))
		if err == nil && len(r.Added(postage.ResultHeader)) != 1 {
			err = errors.New("no verdict")
		}
		result <- err
	}()
	<-checking
	shut := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		shut <- e.srv.Shutdown(ctx)
	}()
	// The idle connection is closed at once; the listener too.
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := idle.Send(msg([]string{"bob@example.com"}))
		if err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the idle connection still works during shutdown")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if c, err := net.DialTimeout("tcp", e.addr, time.Second); err == nil {
		c.Close()
		t.Error("new connection accepted during shutdown")
	}
	select {
	case err := <-shut:
		t.Fatalf("Shutdown returned (%v) while a message was being checked", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if err := <-result; err != nil {
		t.Fatalf("the message in flight: %v", err)
	}
	if err := <-shut; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if err := <-e.done; !errors.Is(err, milter.ErrServerClosed) {
		t.Fatalf("Serve returned %v, want ErrServerClosed", err)
	}
	e.done <- nil // for the cleanup
}

func TestShutdownIsBounded(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	pol := postage.DefaultPolicy()
	pol.Accept = append(pol.Accept, postage.AcceptWork) // work stamps are under test; the default does not count them
	e := start(t, milter.Config{Checker: func(context.Context, postage.Stamps) *postage.Checker { <-block; return &postage.Checker{Policy: pol} }})
	s := e.dial()
	go s.Send(msg([]string{"alice@example.com"}))
	time.Sleep(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	t0 := time.Now()
	if err := e.srv.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Shutdown with a stuck message: %v, want DeadlineExceeded", err)
	}
	if d := time.Since(t0); d > 2*time.Second {
		t.Fatalf("Shutdown took %v", d)
	}
}

func TestConfigRefusals(t *testing.T) {
	chk := func(context.Context, postage.Stamps) *postage.Checker { return nil }
	for name, cfg := range map[string]milter.Config{
		"no checker":       {},
		"bad mode":         {Mode: "both", Checker: chk},
		"bad action":       {Action: "discard", Checker: chk},
		"bad temperror":    {TempError: milter.Reject, Checker: chk},
		"act on pass":      {ActOn: []postage.Result{postage.Pass}, Checker: chk},
		"act on temperror": {ActOn: []postage.Result{postage.TempError}, Checker: chk},
		"send bits":        {Mode: milter.Send, WorkBits: 64},
	} {
		if _, err := milter.New(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestParseAddress(t *testing.T) {
	for in, want := range map[string]string{
		"inet:127.0.0.1:8895":           "inet:127.0.0.1:8895",
		"127.0.0.1:8895":                "inet:127.0.0.1:8895",
		"inet:localhost:8895":           "inet:localhost:8895",
		"inet6:[::1]:8895":              "inet:[::1]:8895",
		"unix:/var/spool/postfix/p.s":   "unix:/var/spool/postfix/p.s",
		"local:/run/postage/milter.soc": "unix:/run/postage/milter.soc",
	} {
		a, err := milter.ParseAddress(in)
		if err != nil || a.String() != want {
			t.Errorf("ParseAddress(%q) = %v, %v; want %s", in, a, err, want)
		}
	}
	for _, in := range []string{"inet:0.0.0.0:8895", "inet:192.0.2.1:8895", ":8895", "inet:127.0.0.1:8891", "127.0.0.1:8893", "inet:127.0.0.1:11332", "unix:relative.sock", "inet:127.0.0.1:99999", "inet:127.0.0.1", "nonsense"} {
		if _, err := milter.ParseAddress(in); err == nil {
			t.Errorf("ParseAddress(%q) accepted", in)
		}
	}
	a, _ := milter.ParseAddress("unix:/var/spool/postfix/postage/milter.sock")
	if got := milter.PostfixName(a, milter.PostfixQueueDir); got != "unix:/postage/milter.sock" {
		t.Errorf("PostfixName = %q, want the path relative to the chroot", got)
	}
	a, _ = milter.ParseAddress("unix:/run/postage.sock")
	if got := milter.PostfixName(a, milter.PostfixQueueDir); got != "unix:/run/postage.sock" {
		t.Errorf("PostfixName = %q", got)
	}
}

func TestUnixSocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "milter.sock")
	a := milter.Address{Network: "unix", Addr: path}
	ln, err := milter.Listen(a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := milter.Listen(a); err == nil {
		t.Error("a second listener took a socket in use")
	}
	pol := postage.DefaultPolicy()
	pol.Accept = append(pol.Accept, postage.AcceptWork) // work stamps are under test; the default does not count them
	srv, err := milter.New(milter.Config{Checker: func(context.Context, postage.Stamps) *postage.Checker { return &postage.Checker{Policy: pol} }, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	s, err := miltertest.Dial("unix", path, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Send(msg([]string{"alice@example.com"}))
	if err != nil || len(r.Added(postage.ResultHeader)) != 1 {
		t.Fatalf("over a unix socket: %v %+v", err, r)
	}
	s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestSendModeAdvertisesTheFromDomainsBook(t *testing.T) {
	var asked []string
	var mu sync.Mutex
	e := start(t, milter.Config{Mode: milter.Send, WorkBits: bits, Advert: func(domain string) string {
		mu.Lock()
		asked = append(asked, domain)
		mu.Unlock()
		if domain == "example.net" {
			return "v=postage-book1; chain=1337; contract=0x00000000000000000000000000000000000000aa; book=0x0b; domain=example.net"
		}
		return ""
	}})
	s := e.dial()
	r := e.send(s, msg([]string{"alice@example.com"}))
	if got := r.Added("Postage-Book"); len(got) != 1 || !strings.HasSuffix(got[0], "domain=example.net") {
		t.Fatalf("added Postage-Book %q, want the example.net book", got)
	}
	if len(r.Added("X-Hashcash")) != 1 {
		t.Error("the advert replaced the work stamp")
	}

	// A domain without a book, a message that already names one, and a
	// From of two addresses get no header.
	other := msg([]string{"alice@example.com"})
	other.Header[0] = f("From", "Sender <Sender@Other.example>")
	has := msg([]string{"alice@example.com"}, f("Postage-Book", "v=postage-book1; chain=1; contract=0x00000000000000000000000000000000000000bb; book=0x0c; domain=example.net"))
	two := msg([]string{"alice@example.com"})
	two.Header[0] = f("From", "a@example.net, b@example.net")
	for name, m := range map[string]*miltertest.Message{"other domain": other, "has one": has, "two froms": two} {
		if got := e.send(e.dial(), m).Added("Postage-Book"); len(got) != 0 {
			t.Errorf("%s: added %q", name, got)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(asked) != 2 || asked[0] != "example.net" || asked[1] != "other.example" {
		t.Errorf("Advert asked for %q, want [example.net other.example] (lower case, only when no header and one From)", asked)
	}
}
