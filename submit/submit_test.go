package submit

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/stake"
)

// fakeUpstream is a submission server of the test's own: AUTH PLAIN for
// alice/secret, every message recorded.
type fakeUpstream struct {
	t    *testing.T
	addr string
	l    net.Listener
	srv  *smtp.Server

	mu   sync.Mutex
	msgs []upMsg
	// refuse maps a recipient to the reply its DATA gets.
	refuse map[string]*smtp.SMTPError
	// dropAfter, when > 0, closes the connection at the DATA of message
	// dropAfter+1 (the upstream dies mid-session).
	dropAfter int
	logins    int
	tls       *tls.Config
	noAuth    bool // takes mail without a login (a reinjection port)
}

type upMsg struct {
	user, from, rcpt string
	data             string
}

func startUpstream(t *testing.T, addr string, tc *tls.Config) *fakeUpstream {
	t.Helper()
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	u := &fakeUpstream{t: t, addr: l.Addr().String(), l: l, refuse: map[string]*smtp.SMTPError{}, tls: tc}
	u.serve()
	return u
}

func (u *fakeUpstream) serve() {
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &upSession{u: u, c: c}, nil
	}))
	srv.AllowInsecureAuth = u.tls == nil
	srv.TLSConfig = u.tls
	srv.Domain = "upstream.test"
	u.srv = srv
	go srv.Serve(u.l)
	u.t.Cleanup(func() { srv.Close() })
}

func (u *fakeUpstream) stop() { u.l.Close(); u.srv.Close() }

// restart listens again on the same address.
func (u *fakeUpstream) restart(t *testing.T) {
	l, err := net.Listen("tcp", u.addr)
	if err != nil {
		t.Fatal(err)
	}
	u.l = l
	u.serve()
}

func (u *fakeUpstream) messages() []upMsg {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]upMsg(nil), u.msgs...)
}

func (u *fakeUpstream) wait(t *testing.T, n int) []upMsg {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		m := u.messages()
		if len(m) >= n {
			time.Sleep(50 * time.Millisecond)
			if m = u.messages(); len(m) != n {
				t.Fatalf("upstream got %d messages, want %d", len(m), n)
			}
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("upstream got %d messages in 10s, want %d", len(m), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

type upSession struct {
	u     *fakeUpstream
	c     *smtp.Conn
	user  string
	from  string
	rcpts []string
}

func (s *upSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *upSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "alice" || pass != "secret" {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		s.u.mu.Lock()
		s.u.logins++
		s.u.mu.Unlock()
		s.user = user
		return nil
	}), nil
}
func (s *upSession) Mail(from string, _ *smtp.MailOptions) error {
	if s.user == "" && !s.u.noAuth {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "auth first"}
	}
	s.from = from
	return nil
}
func (s *upSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if strings.HasPrefix(to, "nobody@") {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	s.rcpts = append(s.rcpts, to)
	return nil
}
func (s *upSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.u.mu.Lock()
	defer s.u.mu.Unlock()
	if s.u.dropAfter > 0 && len(s.u.msgs) >= s.u.dropAfter {
		s.c.Close()
		return errors.New("dropped")
	}
	for _, rc := range s.rcpts {
		if e := s.u.refuse[rc]; e != nil {
			return e
		}
	}
	for _, rc := range s.rcpts {
		s.u.msgs = append(s.u.msgs, upMsg{user: s.user, from: s.from, rcpt: rc, data: string(b)})
	}
	return nil
}
func (s *upSession) Reset()        { s.from, s.rcpts = "", nil }
func (s *upSession) Logout() error { return nil }

// fakeStake is a StakeSource: stamps named after their recipient, or err.
type fakeStake struct {
	mu    sync.Mutex
	err   error
	calls int
}

func (f *fakeStake) Stake(_ context.Context, _ send.MessageInfo, rcpts []stake.Recipient) (*send.StakeResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.err != nil {
		return nil, f.err
	}
	h := map[string]string{}
	for _, r := range rcpts {
		h[r.String()] = "stake-for-" + r.String()
	}
	return &send.StakeResult{Leaves: 4, Headers: h}, nil
}

type rig struct {
	dir  string
	up   *fakeUpstream
	q    *Queue
	srv  *Server
	del  *Deliverer
	addr string
	log  *bytes.Buffer
	stop func()
}

// fastMint is a stand-in work stamp (the real minting is send's, tested there).
func fastMint(_ context.Context, rcpt string, _ int) (string, error) { return "work-for-" + rcpt, nil }

func startRig(t *testing.T, dir string, up *fakeUpstream, filter bool, src send.StakeSource) *rig {
	t.Helper()
	q, err := OpenQueue(dir)
	if err != nil {
		t.Fatal(err)
	}
	upst := &Upstream{Addr: up.addr, TLS: NoTLS, Timeout: 5 * time.Second}
	if up.tls != nil {
		upst.TLS = StartTLS
		upst.RootCAs = testPool
	}
	logBuf := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	r := &rig{dir: dir, up: up, q: q, log: &logBuf.b}
	var logins *Logins
	if !filter {
		logins = NewLogins(q.Kick)
	}
	r.del = &Deliverer{Queue: q, Upstream: upst, Logins: logins, RetryBase: 50 * time.Millisecond, RetryMax: 200 * time.Millisecond, Log: log, Host: "postage.test"}
	r.srv = NewServer(Config{Queue: q, Upstream: upst, Logins: logins, InsecureAuth: true, Log: log, Hostname: "postage.test",
		Sender: send.Sender{Bits: 8, Mint: fastMint, Stake: src}})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.addr = l.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); r.srv.Serve(l) }()
	go func() { defer wg.Done(); r.del.Run(ctx) }()
	stopped := false
	r.stop = func() {
		if stopped {
			return
		}
		stopped = true
		sctx, c := context.WithTimeout(context.Background(), 5*time.Second)
		r.srv.Shutdown(sctx)
		c()
		cancel()
		wg.Wait()
		q.Close()
	}
	t.Cleanup(r.stop)
	return r
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

const testMsg = "From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nCc: carol@example.net\r\nBcc: dave@example.net\r\nSubject: hello\r\nMessage-ID: <m1@example.org>\r\n\r\nHello, world.\r\n"

var allRcpts = []string{"bob@example.net", "carol@example.net", "dave@example.net"}

// sendVia submits msg as alice (pass) and returns the error of the step
// that failed, nil when the message was accepted.
func sendVia(addr, pass string, rcpts []string, msg string) error {
	c, err := smtp.Dial(addr)
	if err != nil {
		return err
	}
	defer c.Close()
	if pass != "" {
		if err := c.Auth(sasl.NewPlainClient("", "alice", pass)); err != nil {
			return err
		}
	}
	if err := c.Mail("alice@example.org", nil); err != nil {
		return err
	}
	for _, r := range rcpts {
		if err := c.Rcpt(r, nil); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

func code(err error) int {
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		return se.Code
	}
	return 0
}

// checkCopies checks one copy per recipient, each with only its own stake
// stamp, no Bcc header, and the Bcc recipient's work stamp only in its own.
func checkCopies(t *testing.T, msgs []upMsg, rcpts []string) {
	t.Helper()
	seen := map[string]int{}
	for _, m := range msgs {
		seen[m.rcpt]++
		head, _, _ := strings.Cut(m.data, "\r\n\r\n")
		if strings.Contains(strings.ToLower(head), "\nbcc:") || strings.Contains(head, "dave@example.net") && m.rcpt != "dave@example.net" {
			t.Errorf("copy for %s shows the Bcc recipient:\n%s", m.rcpt, head)
		}
		stamps := regexp.MustCompile(`(?m)^Postage-Stamp: (.*)\r$`).FindAllStringSubmatch(head, -1)
		if len(stamps) != 1 || stamps[0][1] != "stake-for-"+m.rcpt {
			t.Errorf("copy for %s has stake stamps %q, want only its own", m.rcpt, stamps)
		}
		for _, r := range rcpts {
			has := strings.Contains(head, "X-Hashcash: work-for-"+r)
			want := r != "dave@example.net" || r == m.rcpt
			if has != want {
				t.Errorf("copy for %s: work stamp for %s present %v, want %v", m.rcpt, r, has, want)
			}
		}
		if !strings.Contains(m.data, "Hello, world.") {
			t.Errorf("copy for %s lost its body", m.rcpt)
		}
	}
	for _, r := range rcpts {
		if seen[r] != 1 {
			t.Errorf("%s got %d copies, want 1", r, seen[r])
		}
	}
}

func TestProxyStampsAndDeliversEachCopy(t *testing.T) {
	up := startUpstream(t, "", nil)
	r := startRig(t, t.TempDir(), up, false, &fakeStake{})
	if err := sendVia(r.addr, "secret", allRcpts, testMsg); err != nil {
		t.Fatalf("submit: %v", err)
	}
	msgs := up.wait(t, 3)
	checkCopies(t, msgs, allRcpts)
	for _, m := range msgs {
		if m.user != "alice" || m.from != "alice@example.org" {
			t.Errorf("copy for %s delivered as %q from %q", m.rcpt, m.user, m.from)
		}
	}
	waitEmpty(t, r.q)
	if strings.Contains(r.log.String(), "secret") {
		t.Errorf("the password reached the log:\n%s", r.log)
	}
	if err := filepath.Walk(r.dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte("secret")) {
				t.Errorf("the password is in %s", p)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

func waitEmpty(t *testing.T, q *Queue) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		l, err := q.List()
		if err != nil {
			t.Fatal(err)
		}
		if len(l) == 0 {
			ents, _ := os.ReadDir(q.spool)
			if len(ents) != 0 {
				t.Errorf("queue empty but %d spool files left", len(ents))
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue still holds %d copies", len(l))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestWrongPasswordIs535AndSendsNothing(t *testing.T) {
	up := startUpstream(t, "", nil)
	st := &fakeStake{}
	r := startRig(t, t.TempDir(), up, false, st)
	err := sendVia(r.addr, "wrong", allRcpts, testMsg)
	if code(err) != 535 {
		t.Fatalf("wrong password: got %v, want 535", err)
	}
	// Without a login, MAIL is refused.
	if err := sendVia(r.addr, "", allRcpts, testMsg); code(err) != 530 {
		t.Fatalf("no login: got %v, want 530", err)
	}
	time.Sleep(100 * time.Millisecond)
	if n := len(up.messages()); n != 0 || st.calls != 0 {
		t.Fatalf("after refused logins: %d messages upstream, %d deposits", n, st.calls)
	}
	if strings.Contains(r.log.String(), "wrong") {
		t.Errorf("the password reached the log:\n%s", r.log)
	}
}

func TestEnvelopeRefusedUpstreamIs5xx(t *testing.T) {
	up := startUpstream(t, "", nil)
	r := startRig(t, t.TempDir(), up, false, &fakeStake{})
	err := sendVia(r.addr, "secret", []string{"nobody@example.net"}, testMsg)
	var se *smtp.SMTPError
	if !errors.As(err, &se) || se.Code != 550 || !strings.Contains(se.Message, "no such user") {
		t.Fatalf("refused recipient: got %v, want the upstream's 550", err)
	}
}

func TestUpstreamDownIs4xxAndRetryDeliversOnce(t *testing.T) {
	up := startUpstream(t, "", nil)
	up.stop()
	r := startRig(t, t.TempDir(), up, false, &fakeStake{})
	err := sendVia(r.addr, "secret", allRcpts, testMsg)
	if c := code(err); c < 400 || c >= 500 {
		t.Fatalf("upstream down: got %v, want 4xx", err)
	}
	up.restart(t)
	if err := sendVia(r.addr, "secret", allRcpts, testMsg); err != nil {
		t.Fatalf("retry: %v", err)
	}
	checkCopies(t, up.wait(t, 3), allRcpts)
}

func TestChainTroubleIs4xxAndQueuesNothing(t *testing.T) {
	up := startUpstream(t, "", nil)
	r := startRig(t, t.TempDir(), up, false, &fakeStake{err: errors.New("dial tcp 127.0.0.1:8545: connection refused")})
	err := sendVia(r.addr, "secret", allRcpts, testMsg)
	if c := code(err); c != 451 {
		t.Fatalf("chain down: got %v, want 451", err)
	}
	if l, _ := r.q.List(); len(l) != 0 {
		t.Fatalf("queue holds %d copies after a refused message", len(l))
	}
	if ents, _ := os.ReadDir(r.q.spool); len(ents) != 0 {
		t.Fatalf("%d spool files left after a refused message", len(ents))
	}
	time.Sleep(100 * time.Millisecond)
	if n := len(up.messages()); n != 0 {
		t.Fatalf("%d copies sent without stamps", n)
	}
}

// The upstream dies after copy 2 of 3; postage restarts with its queue:
// copy 3 waits for alice's next login, and nobody gets two copies.
func TestUpstreamDiesAfterTwoCopiesNoDuplicate(t *testing.T) {
	dir := t.TempDir()
	up := startUpstream(t, "", nil)
	up.dropAfter = 2
	r := startRig(t, dir, up, false, &fakeStake{})
	dropped := make(chan struct{}, 3)
	r.del.AfterCopy = func(c *Copy, err error) {
		if err != nil {
			dropped <- struct{}{}
		}
	}
	if err := sendVia(r.addr, "secret", allRcpts, testMsg); err != nil {
		t.Fatalf("submit: %v", err)
	}
	select {
	case <-dropped:
	case <-time.After(10 * time.Second):
		t.Fatal("copy 3 never failed")
	}
	r.stop()
	up.stop()
	if n := len(up.messages()); n != 2 {
		t.Fatalf("before the restart: %d copies upstream, want 2", n)
	}
	up.dropAfter = 0
	up.restart(t)
	r2 := startRig(t, dir, up, false, &fakeStake{})
	time.Sleep(300 * time.Millisecond)
	if n := len(up.messages()); n != 2 {
		t.Fatalf("without a login after the restart: %d copies, want still 2", n)
	}
	// Alice's client logs in again (here: to send another message to bob).
	if err := sendVia(r2.addr, "secret", []string{"bob@example.net"}, testMsg); err != nil {
		t.Fatal(err)
	}
	msgs := up.wait(t, 4)
	count := map[string]int{}
	for _, m := range msgs {
		count[m.rcpt]++
	}
	if count["bob@example.net"] != 2 || count["carol@example.net"] != 1 || count["dave@example.net"] != 1 {
		t.Fatalf("copies per recipient %v: want bob 2 (two messages), carol 1, dave 1", count)
	}
	waitEmpty(t, r2.q)
	if r2.del.Logins.Len() != 1 {
		t.Logf("logins held: %d", r2.del.Logins.Len())
	}
}

func TestPermanentRefusalOfOneCopyBounces(t *testing.T) {
	up := startUpstream(t, "", nil)
	up.refuse["carol@example.net"] = &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "carol refuses this"}
	r := startRig(t, t.TempDir(), up, false, &fakeStake{})
	if err := sendVia(r.addr, "secret", allRcpts, testMsg); err != nil {
		t.Fatalf("submit: %v", err)
	}
	msgs := up.wait(t, 3) // bob, dave, and the bounce to alice
	var bounce *upMsg
	for i, m := range msgs {
		if m.rcpt == "alice@example.org" {
			bounce = &msgs[i]
		}
	}
	if bounce == nil {
		t.Fatalf("no bounce to the sender among %v", msgs)
	}
	if bounce.from != "" {
		t.Errorf("bounce sent from %q, want the null sender", bounce.from)
	}
	for _, want := range []string{"multipart/report; report-type=delivery-status", "Final-Recipient: rfc822; carol@example.net", "Status: 5.7.1", "Diagnostic-Code: smtp; 554 carol refuses this", "Subject: hello"} {
		if !strings.Contains(bounce.data, want) {
			t.Errorf("bounce lacks %q:\n%s", want, bounce.data)
		}
	}
	waitEmpty(t, r.q)
}

func TestFilterBatchesAcrossUsers(t *testing.T) {
	up := startUpstream(t, "", nil)
	dep := &fakeDepositor{}
	b := &send.Batcher{Staker: &send.Staker{Depositor: dep, PerRecipient: big.NewInt(1000)}, Wait: 500 * time.Millisecond}
	defer b.Close()
	r := startRig(t, t.TempDir(), up, true, b)
	// The filter's upstream takes no login.
	r.del.Upstream = &Upstream{Addr: up.addr, TLS: NoTLS}
	up.mu.Lock()
	up.noAuth = true
	up.mu.Unlock()
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, from := range []string{"alice", "erin"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			msg := strings.ReplaceAll(testMsg, "alice@", from+"@")
			errs[i] = sendFilter(r.addr, from+"@example.org", allRcpts, msg)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("filter: %v", err)
		}
	}
	msgs := up.wait(t, 6)
	if dep.count() != 1 {
		t.Fatalf("%d deposits for two users' messages within batch_wait, want 1", dep.count())
	}
	for _, m := range msgs {
		head, _, _ := strings.Cut(m.data, "\r\n\r\n")
		vals := regexp.MustCompile(`(?m)^Postage-Stamp: ((?:.|\r\n[ \t])*)\r$`).FindAllStringSubmatch(head, -1)
		if len(vals) != 1 {
			t.Fatalf("copy for %s has %d stake stamps", m.rcpt, len(vals))
		}
		st, err := stake.Parse(vals[0][1])
		if err != nil {
			t.Fatalf("copy for %s: %v", m.rcpt, err)
		}
		rc, _ := stake.ParseRecipient(m.rcpt)
		if _, _, err := st.Check(rc); err != nil {
			t.Errorf("copy for %s: stamp does not verify: %v", m.rcpt, err)
		}
		if common.Hash(st.Root) != dep.root() {
			t.Errorf("copy for %s: stamp of another deposit", m.rcpt)
		}
	}
}

func sendFilter(addr, from string, rcpts []string, msg string) error {
	c, err := smtp.Dial(addr)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Mail(from, nil); err != nil {
		return err
	}
	for _, r := range rcpts {
		if err := c.Rcpt(r, nil); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	io.WriteString(w, msg)
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

type fakeDepositor struct {
	mu    sync.Mutex
	n     int
	roots []common.Hash
}

func (f *fakeDepositor) Account() send.Account {
	return send.Account{ChainID: 1337, Contract: common.HexToAddress("0x1"), Creator: common.HexToAddress("0x2")}
}
func (f *fakeDepositor) PendingNonce(context.Context) (uint64, error) { return 0, nil }
func (f *fakeDepositor) Deposit(_ context.Context, root common.Hash, _ uint32, _, _ *big.Int) (send.Mined, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	f.roots = append(f.roots, root)
	return send.Mined{Block: 1}, nil
}
func (f *fakeDepositor) count() int { f.mu.Lock(); defer f.mu.Unlock(); return f.n }
func (f *fakeDepositor) root() common.Hash {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.roots) == 0 {
		return common.Hash{}
	}
	return f.roots[0]
}

var testPool *x509.CertPool

// selfSigned makes a certificate for 127.0.0.1 and its pool.
func selfSigned(t *testing.T) (*tls.Config, *x509.CertPool, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "upstream.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool, pemBytes
}

func TestStartTLSVerifiesTheCertificate(t *testing.T) {
	tc, _, pemBytes := selfSigned(t)
	up := startUpstream(t, "", tc)
	// The private CA, loaded as submit.upstream_ca would be.
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, pemBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadCA(caFile)
	if err != nil {
		t.Fatal(err)
	}
	testPool = loaded
	defer func() { testPool = nil }()
	r := startRig(t, t.TempDir(), up, false, &fakeStake{})
	if err := sendVia(r.addr, "secret", allRcpts, testMsg); err != nil {
		t.Fatalf("submit over STARTTLS with the private CA: %v", err)
	}
	checkCopies(t, up.wait(t, 3), allRcpts)

	// Without the CA the certificate is not trusted: no login, 4xx.
	u := &Upstream{Addr: up.addr, TLS: StartTLS, Timeout: 5 * time.Second}
	_, err = u.Authenticate(context.Background(), &Login{Username: "alice", Password: "secret"})
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("untrusted certificate: got %v, want a certificate error", err)
	}
	if c := Reply(err, "login").Code; c < 400 || c >= 500 {
		t.Fatalf("untrusted certificate maps to %d, want 4xx", c)
	}
	if _, err := LoadCA(filepath.Join(t.TempDir(), "none.pem")); err == nil {
		t.Fatal("a missing CA file was accepted")
	}
}

func TestUpstreamCheck(t *testing.T) {
	for _, tc := range []struct {
		u    Upstream
		fail bool
	}{
		{Upstream{Addr: "127.0.0.1:10026", TLS: NoTLS}, false},
		{Upstream{Addr: "localhost:25", TLS: NoTLS}, false},
		{Upstream{Addr: "smtp.example.com:587", TLS: NoTLS}, true},
		{Upstream{Addr: "smtp.example.com:587", TLS: StartTLS}, false},
		{Upstream{Addr: "smtp.example.com", TLS: StartTLS}, true},
	} {
		if err := tc.u.Check(); (err != nil) != tc.fail {
			t.Errorf("%+v: Check = %v, want failure %v", tc.u, err, tc.fail)
		}
	}
	if _, err := ParseTLSMode("ssl"); err == nil {
		t.Error("upstream_tls \"ssl\" accepted")
	}
	if m, _ := ParseTLSMode("STARTTLS"); m != StartTLS {
		t.Errorf("ParseTLSMode(STARTTLS) = %q", m)
	}
}

func TestLoginMechanism(t *testing.T) {
	up := startUpstream(t, "", nil)
	r := startRig(t, t.TempDir(), up, false, &fakeStake{})
	c, err := smtp.Dial(r.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Auth(sasl.NewLoginClient("alice", "secret")); err != nil {
		t.Fatalf("AUTH LOGIN: %v", err)
	}
	c2, _ := smtp.Dial(r.addr)
	defer c2.Close()
	if err := c2.Auth(sasl.NewLoginClient("alice", "nope")); code(err) != 535 {
		t.Fatalf("AUTH LOGIN with a wrong password: %v, want 535", err)
	}
}

func TestQueueOrphansRemovedAndCommitAtomic(t *testing.T) {
	dir := t.TempDir()
	q, err := OpenQueue(dir)
	if err != nil {
		t.Fatal(err)
	}
	b := q.NewBatch()
	for _, r := range allRcpts {
		if err := b.Add(Copy{Sender: "a@x", Rcpt: r}, strings.NewReader("x")); err != nil {
			t.Fatal(err)
		}
	}
	// Not committed: postage "crashes" here.
	q.Close()
	q, err = OpenQueue(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if l, _ := q.List(); len(l) != 0 {
		t.Fatalf("uncommitted copies in the queue: %d", len(l))
	}
	if ents, _ := os.ReadDir(filepath.Join(dir, "spool")); len(ents) != 0 {
		t.Fatalf("%d orphan spool files kept", len(ents))
	}
	b = q.NewBatch()
	for _, r := range allRcpts {
		b.Add(Copy{Sender: "a@x", Rcpt: r}, strings.NewReader("x"))
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	l, _ := q.List()
	if len(l) != 3 || l[0].ID >= l[1].ID || l[1].ID >= l[2].ID {
		t.Fatalf("committed %d copies, want 3 in order: %+v", len(l), l)
	}
	if err := q.Delivered(l[0]); err != nil {
		t.Fatal(err)
	}
	if err := q.Retry(l[0], errors.New("x"), time.Now()); err == nil {
		t.Fatal("a delivered copy could be retried")
	}
	if _, err := q.Open(&Copy{File: "../queue.db"}); err == nil {
		t.Fatal("a spool name leaving the spool was opened")
	}
}
