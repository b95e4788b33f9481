package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-milter"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/stake"
)

// The users of the test's upstream: alice submits (through postage), the
// others receive.
var submitRcpts = []string{"bob@example.test", "carol@example.test", "dave@example.test"}

const submitMailboxes = "virtual_mailbox_maps = inline:{ alice@example.test=alice, bob@example.test=bob, carol@example.test=carol, dave@example.test=dave, erin@example.test=erin, refused@example.test=refused }"

func needSubmitTools(t *testing.T) {
	t.Helper()
	needPostfix(t)
	for _, bin := range []string{"msmtp", "neomutt", "swaks"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Fatalf("%s is not installed: apt-get install msmtp neomutt swaks (.ci/setup does)", bin)
		}
	}
	if _, err := os.Stat("/usr/sbin/dovecot"); err != nil {
		t.Fatalf("Dovecot is not installed (Postfix's SASL goes through it): apt-get install dovecot-core (.ci/setup does)")
	}
}

// writeSelfSigned writes a certificate for 127.0.0.1 and its key.
func writeSelfSigned(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "mx.example.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"mx.example.test"},
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

// startDovecotAuth runs a Dovecot that only authenticates (alice's and
// erin's passwords in a passwd-file), for Postfix's SASL on socket.
func startDovecotAuth(t *testing.T, socket string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "postage-dovecot-auth-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	users := filepath.Join(dir, "users")
	dcWriteFile(t, users, "alice@example.test:{PLAIN}secret::::::\nerin@example.test:{PLAIN}erinpass::::::\n", 0o644)
	conf := filepath.Join(dir, "dovecot.conf")
	dcWriteFile(t, conf, fmt.Sprintf(`protocols = none
listen = 127.0.0.1
base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[1]s/dovecot.log
ssl = no
auth_mechanisms = plain login
disable_plaintext_auth = no
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%%u %[2]s
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=/nonexistent
}
service auth {
  unix_listener %[3]s {
    mode = 0660
    user = postfix
    group = postfix
  }
}
`, dir, users, socket), 0o644)
	cmd := exec.Command("/usr/sbin/dovecot", "-F", "-c", conf)
	// A file, not a pipe: Wait must not wait for Dovecot's children to
	// close an inherited pipe.
	outFile, err := os.Create(filepath.Join(dir, "dovecot.out"))
	if err != nil {
		t.Fatal(err)
	}
	defer outFile.Close()
	cmd.Stdout, cmd.Stderr = outFile, outFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out := struct{ String func() string }{func() string { b, _ := os.ReadFile(outFile.Name()); return string(b) }}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
			t.Logf("dovecot:\n%s\n%s", out.String(), log)
		}
	})
	for deadline := time.Now().Add(15 * time.Second); ; {
		if _, err := os.Stat(socket); err == nil {
			return
		}
		select {
		case <-done:
			log, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
			t.Fatalf("dovecot exited:\n%s\n%s", out.String(), log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("dovecot made no auth socket %s", socket)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// submitUpstream is a Postfix submission server: STARTTLS required, SASL
// through Dovecot, virtual mailboxes for example.test.
type submitUpstream struct {
	*postfixInstance
	port     int
	killPort int // the same service through the killer milter
	certFile string
}

// startSubmitUpstream starts the Postfix: a submission service on port,
// and with milter ("inet:127.0.0.1:N") the same on killPort through it.
func startSubmitUpstream(t *testing.T, certDir, milter string) *submitUpstream {
	t.Helper()
	cert, key := writeSelfSigned(t, certDir)
	port, killPort := dcFreePort(t), dcFreePort(t)
	sub := " inet n - n - - smtpd -o smtpd_tls_security_level=encrypt -o smtpd_tls_auth_only=yes" +
		" -o smtpd_sasl_auth_enable=yes -o smtpd_relay_restrictions=permit_sasl_authenticated,reject" +
		" -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject"
	master := []string{fmt.Sprintf("127.0.0.1:%d", port) + sub, "tlsmgr unix - - n 1000? 1 tlsmgr"}
	if milter != "" {
		master = append(master, fmt.Sprintf("127.0.0.1:%d", killPort)+sub+" -o smtpd_milters="+milter+" -o milter_default_action=tempfail")
	}
	p := startPostfix(t, []string{
		"smtpd_tls_cert_file = " + cert, "smtpd_tls_key_file = " + key,
		"smtpd_sasl_type = dovecot", "smtpd_sasl_path = private/auth",
		"message_size_limit = 52428800", "virtual_mailbox_limit = 104857600", submitMailboxes,
		// A recipient accepted at RCPT but refused at the end of DATA: the
		// refusal comes only when postage delivers that copy.
		"smtpd_data_restrictions = check_recipient_access inline:{ refused@example.test=REJECT }",
	}, master)
	startDovecotAuth(t, filepath.Join(p.dir, "queue", "private", "auth"))
	dcWaitListening(t, loopback(port), 15*time.Second)
	return &submitUpstream{postfixInstance: p, port: port, killPort: killPort, certFile: cert}
}

// mbox is the messages in user's mailbox.
func (p *postfixInstance) mbox(user string) []string {
	b, _ := os.ReadFile(filepath.Join(p.dir, "mail", user))
	idx := regexp.MustCompile(`(?m)^From `).FindAllIndex(b, -1)
	var out []string
	for i, m := range idx {
		end := len(b)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		out = append(out, string(b[m[0]:end]))
	}
	return out
}

// withSubject is the messages in user's mailbox with that subject.
func (p *postfixInstance) withSubject(user, subject string) []string {
	var out []string
	for _, m := range p.mbox(user) {
		if regexp.MustCompile(`(?m)^Subject: ` + regexp.QuoteMeta(subject) + `$`).MatchString(headerOf(m)) {
			out = append(out, m)
		}
	}
	return out
}

// waitSubject waits (bounded) until each user has n messages with subject.
func (p *postfixInstance) waitSubject(t *testing.T, subject string, n int, users ...string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		ok := true
		for _, u := range users {
			got := len(p.withSubject(u, subject))
			if got > n {
				t.Fatalf("%s has %d messages %q, want %d", u, got, subject, n)
			}
			ok = ok && got == n
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			counts := map[string]int{}
			for _, u := range users {
				counts[u] = len(p.withSubject(u, subject))
			}
			log, _ := os.ReadFile(filepath.Join(p.dir, "postfix.log"))
			t.Fatalf("after 60s: messages %q per user %v, want %d each\npostfix.log:\n%s", subject, counts, n, log)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func headerOf(msg string) string {
	h, _, _ := strings.Cut(msg, "\n\n")
	return strings.NewReplacer("\n ", " ", "\n\t", " ").Replace(h)
}

// checkSubmitCopies checks each recipient's one copy of the message with
// subject: only its own recipient's stake stamp, no Bcc header and the Bcc
// recipient named nowhere but in its own copy, and a stamp that verifies
// for its recipient on the chain. It returns the stamps.
func checkSubmitCopies(ctx context.Context, t *testing.T, p *postfixInstance, mxHome, subject string, bcc string) []*stake.Stamp {
	t.Helper()
	var stamps []*stake.Stamp
	for _, r := range submitRcpts {
		user, _, _ := strings.Cut(r, "@")
		msgs := p.withSubject(user, subject)
		if len(msgs) != 1 {
			t.Errorf("%s has %d copies of %q, want 1", r, len(msgs), subject)
			continue
		}
		h := headerOf(msgs[0])
		if regexp.MustCompile(`(?mi)^Bcc:`).MatchString(h) {
			t.Errorf("%s's copy of %q has a Bcc header:\n%s", r, subject, h)
		}
		if r != bcc && strings.Contains(h, bcc) {
			t.Errorf("%s's copy of %q names the Bcc recipient %s:\n%s", r, subject, bcc, h)
		}
		vals := regexp.MustCompile(`(?m)^Postage-Stamp: (.*)$`).FindAllStringSubmatch(h, -1)
		if len(vals) != 1 {
			t.Errorf("%s's copy of %q has %d stake stamps, want its own only:\n%s", r, subject, len(vals), h)
			continue
		}
		st, err := stake.Parse(vals[0][1])
		if err != nil {
			t.Errorf("%s's stake stamp: %v", r, err)
			continue
		}
		if st.Recipient.String() != r {
			t.Errorf("%s's copy carries the stake stamp of %s", r, st.Recipient)
		}
		stamps = append(stamps, st)
		if !strings.Contains(h, "X-Hashcash: 1:8:") || !regexp.MustCompile(`(?m)^X-Hashcash: 1:8:\d+:`+regexp.QuoteMeta(r)+`:`).MatchString(h) {
			t.Errorf("%s's copy has no work stamp for it:\n%s", r, h)
		}
		cmd := postageCmd(ctx, "verify", "--rcpt", r)
		cmd.Env = append(cmd.Env, "POSTAGE_HOME="+mxHome)
		cmd.Stdin = strings.NewReader(msgs[0])
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "stake=pass") {
			t.Errorf("postage verify --rcpt %s on its copy of %q: %v\n%s", r, subject, err, out)
		}
	}
	return stamps
}

func clientMessage(subject string) string {
	return "From: Alice <alice@example.test>\nTo: Bob <bob@example.test>\nCc: carol@example.test\nBcc: dave@example.test\n" +
		"Subject: " + subject + "\nMessage-ID: <" + strings.ReplaceAll(subject, " ", ".") + "@example.test>\n\nHello from " + subject + ".\n"
}

// swaksSubmit sends through postage submit on port as alice with pass and
// returns swaks's output and error.
func swaksSubmit(ctx context.Context, port int, pass, file string, extra ...string) (string, error) {
	args := append([]string{"--server", "127.0.0.1", "--port", strconv.Itoa(port), "--auth", "PLAIN",
		"--auth-user", "alice@example.test", "--auth-password", pass, "--from", "alice@example.test",
		"--to", strings.Join(submitRcpts, ","), "--timeout", "120"}, extra...)
	if file != "" {
		args = append(args, "--data", "@"+file)
	}
	out, err := exec.CommandContext(ctx, "swaks", args...).CombinedOutput()
	return string(out), err
}

// submitSetup is the chain, the sender with its funded account, the
// receiver's config (for postage verify) and the upstream Postfix.
type submitSetup struct {
	dir, senderHome, mxHome string
	chainCfg                string
	keystoreCfg             string
	up                      *submitUpstream
}

func newSubmitSetup(ctx context.Context, t *testing.T, milter string) *submitSetup {
	t.Helper()
	dir := t.TempDir()
	s := &submitSetup{dir: dir, senderHome: filepath.Join(dir, "sender"), mxHome: filepath.Join(dir, "mx")}
	for _, d := range []string{s.senderHome, s.mxHome} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	c := startShortChain(ctx, t, dir, time.Hour)
	fs := fundSender(ctx, t, c, s.senderHome, new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether)))
	s.chainCfg = fmt.Sprintf("[chain]\nrpc = %q\ncontract = %q\n", c.Endpoint(), c.Deployment().Contract.Hex())
	s.keystoreCfg = fmt.Sprintf("keystore = %q\naccount = %q\npassword_file = %q\n", filepath.Join(s.senderHome, "keystore"), fs.addr.Hex(), fs.pass)
	writeConfig(t, s.mxHome, "postage.toml", s.chainCfg+"\n[policy.work]\nbits = 8\n\n[policy.stake]\nmin_delay = \"1s\"\n")
	s.up = startSubmitUpstream(t, dir, milter)
	return s
}

// senderConfig is the sender's postage.toml with a [submit] section.
func (s *submitSetup) senderConfig(t *testing.T, home, submitSection string) {
	t.Helper()
	writeConfig(t, home, "postage.toml", s.chainCfg+s.keystoreCfg+`
[policy.stake]
min_delay = "1s"

[send]
bits = 8
stake = true
tickets = false
batch_wait = "1s"

[submit]
`+submitSection)
}

func (s *submitSetup) proxySection(listen, upstreamPort int) string {
	return fmt.Sprintf("listen = %q\nupstream = %q\nupstream_tls = \"starttls\"\nupstream_ca = %q\nretry = \"1s\"\nretry_max = \"2s\"\n",
		loopback(listen), loopback(upstreamPort), s.up.certFile)
}

// TestSubmitRealClients is issue 14's client side on real components: a
// Postfix submission server (STARTTLS on a self-signed certificate, which
// postage trusts through submit.upstream_ca; SASL through Dovecot) behind
// postage submit, and swaks, msmtp and neomutt sending To, Cc and Bcc
// through it; then a copy refused at the end of DATA (the sender gets a
// DSN), and the failures: a wrong password, the chain down, the upstream
// down, a 10 MiB message, and the upstream killed after copy 2 of 3.
func TestSubmitRealClients(t *testing.T) {
	needSubmitTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	// The test's own milter kills the upstream Postfix at the end of
	// message number killAt (for the last subtest).
	start := time.Now()
	killer := startKillerMilter(t)
	s := newSubmitSetup(ctx, t, killer.addr)
	port := dcFreePort(t)
	s.senderConfig(t, s.senderHome, s.proxySection(port, s.up.port))
	d := startDaemon(t, s.senderHome, "submit")
	d.waitListening(loopback(port), 30*time.Second)
	t.Logf("chain, Postfix, Dovecot and postage submit up in %v", time.Since(start))

	t.Run("clients", func(t *testing.T) {
		// swaks: the envelope names all three; the Bcc header is in the data.
		f := filepath.Join(s.dir, "swaks.eml")
		dcWriteFile(t, f, strings.ReplaceAll(clientMessage("via swaks"), "\n", "\r\n"), 0o644)
		if out, err := swaksSubmit(ctx, port, "secret", f); err != nil {
			t.Fatalf("swaks: %v\n%s", err, out)
		}
		// msmtp -t: recipients from To, Cc and Bcc.
		rc := filepath.Join(s.dir, "msmtprc")
		dcWriteFile(t, rc, fmt.Sprintf("account default\nhost 127.0.0.1\nport %d\ntls off\nauth plain\nuser alice@example.test\npassword secret\nfrom alice@example.test\n", port), 0o600)
		cmd := exec.CommandContext(ctx, "msmtp", "-C", rc, "-t")
		cmd.Stdin = strings.NewReader(clientMessage("via msmtp"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("msmtp: %v\n%s", err, out)
		}
		// neomutt in batch mode with smtp_url.
		home := filepath.Join(s.dir, "mutt")
		os.MkdirAll(home, 0o700)
		muttrc := filepath.Join(home, "muttrc")
		dcWriteFile(t, muttrc, fmt.Sprintf("set smtp_url = \"smtp://alice%%40example.test@127.0.0.1:%d/\"\nset smtp_pass = \"secret\"\n"+
			"set from = \"alice@example.test\"\nset use_from = yes\nset ssl_starttls = no\nset ssl_force_tls = no\nset record = \"\"\n"+
			"set smtp_authenticators = \"plain\"\nset folder = %q\nset header_cache = \"\"\nset message_cachedir = \"\"\n", port, home), 0o600)
		cmd = exec.CommandContext(ctx, "neomutt", "-n", "-F", muttrc, "-s", "via neomutt", "-c", "carol@example.test", "-b", "dave@example.test", "--", "bob@example.test")
		cmd.Env = append(os.Environ(), "HOME="+home, "TERM=dumb")
		cmd.Stdin = strings.NewReader("Hello from neomutt.\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("neomutt: %v\n%s", err, out)
		}
		for _, subj := range []string{"via swaks", "via msmtp", "via neomutt"} {
			s.up.waitSubject(t, subj, 1, "bob", "carol", "dave")
			checkSubmitCopies(ctx, t, s.up.postfixInstance, s.mxHome, subj, "dave@example.test")
		}
	})

	t.Run("one copy refused for good bounces", func(t *testing.T) {
		f := filepath.Join(s.dir, "refused.eml")
		msg := "From: alice@example.test\r\nTo: bob@example.test, refused@example.test\r\nSubject: partly refused\r\nMessage-ID: <refused@example.test>\r\n\r\nHello.\r\n"
		dcWriteFile(t, f, msg, 0o644)
		out, err := exec.CommandContext(ctx, "swaks", "--server", "127.0.0.1", "--port", strconv.Itoa(port), "--auth", "PLAIN",
			"--auth-user", "alice@example.test", "--auth-password", "secret", "--from", "alice@example.test",
			"--to", "bob@example.test,refused@example.test", "--data", "@"+f, "--timeout", "60").CombinedOutput()
		if err != nil {
			t.Fatalf("swaks: %v\n%s", err, out)
		}
		s.up.waitSubject(t, "partly refused", 1, "bob")
		s.up.waitSubject(t, "Undelivered Mail Returned to Sender", 1, "alice")
		dsn := s.up.withSubject("alice", "Undelivered Mail Returned to Sender")[0]
		for _, want := range []string{"report-type=delivery-status", "Final-Recipient: rfc822; refused@example.test",
			"Action: failed", "Status: 5.7.1", "Subject: partly refused", "Return-Path: <>"} {
			if !strings.Contains(dsn, want) {
				t.Errorf("the bounce lacks %q:\n%s", want, dsn)
			}
		}
		if n := len(s.up.withSubject("refused", "partly refused")); n != 0 {
			t.Errorf("the refused recipient got %d copies", n)
		}
	})

	t.Run("wrong password", func(t *testing.T) {
		f := filepath.Join(s.dir, "wrong.eml")
		dcWriteFile(t, f, strings.ReplaceAll(clientMessage("wrong password"), "\n", "\r\n"), 0o644)
		out, err := swaksSubmit(ctx, port, "not-the-password", f)
		if err == nil || !regexp.MustCompile(`(?m)^<~?\*\* +535 `).MatchString(out) {
			t.Fatalf("wrong password: want 535, swaks said (%v):\n%s", err, out)
		}
		time.Sleep(time.Second)
		for _, u := range []string{"bob", "carol", "dave"} {
			if n := len(s.up.withSubject(u, "wrong password")); n != 0 {
				t.Errorf("%s got %d messages sent with a wrong password", u, n)
			}
		}
		if strings.Contains(d.out.String(), "not-the-password") || strings.Contains(d.out.String(), "secret") {
			t.Errorf("a password reached postage submit's log:\n%s", d.out.String())
		}
	})

	t.Run("chain down", func(t *testing.T) {
		home := filepath.Join(s.dir, "chaindown")
		p := dcFreePort(t)
		dead := dcFreePort(t)
		writeConfig(t, home, "postage.toml", fmt.Sprintf("[chain]\nrpc = \"http://127.0.0.1:%d\"\ncontract = \"0x0000000000000000000000000000000000000001\"\n", dead)+s.keystoreCfg+
			"\n[send]\nbits = 8\nstake = true\ntickets = false\n\n[submit]\n"+s.proxySection(p, s.up.port))
		cd := startDaemon(t, home, "submit")
		cd.waitListening(loopback(p), 30*time.Second)
		f := filepath.Join(s.dir, "chaindown.eml")
		dcWriteFile(t, f, strings.ReplaceAll(clientMessage("chain down"), "\n", "\r\n"), 0o644)
		out, err := swaksSubmit(ctx, p, "secret", f)
		if err == nil || !regexp.MustCompile(`(?m)^<~?\*\* +4\d\d `).MatchString(out) {
			t.Fatalf("chain down: want 4xx, swaks said (%v):\n%s", err, out)
		}
		time.Sleep(time.Second)
		for _, u := range []string{"bob", "carol", "dave"} {
			if n := len(s.up.withSubject(u, "chain down")); n != 0 {
				t.Errorf("%s got %d messages without stamps", u, n)
			}
		}
	})

	t.Run("upstream down", func(t *testing.T) {
		f := filepath.Join(s.dir, "updown.eml")
		dcWriteFile(t, f, strings.ReplaceAll(clientMessage("upstream down"), "\n", "\r\n"), 0o644)
		s.up.postfix(t, "stop")
		out, err := swaksSubmit(ctx, port, "secret", f)
		if err == nil || !regexp.MustCompile(`(?m)^<~?\*\* +4\d\d `).MatchString(out) {
			t.Fatalf("upstream down: want 4xx, swaks said (%v):\n%s", err, out)
		}
		s.up.postfix(t, "start")
		dcWaitListening(t, loopback(s.up.port), 15*time.Second)
		// The client tries again later.
		if out, err := swaksSubmit(ctx, port, "secret", f); err != nil {
			t.Fatalf("retry: %v\n%s", err, out)
		}
		s.up.waitSubject(t, "upstream down", 1, "bob", "carol", "dave")
		time.Sleep(time.Second)
		checkSubmitCopies(ctx, t, s.up.postfixInstance, s.mxHome, "upstream down", "dave@example.test")
	})

	t.Run("10 MiB message streamed", func(t *testing.T) {
		testSubmitLarge(ctx, t, s, d, port)
	})

	t.Run("upstream killed after copy 2 of 3", func(t *testing.T) {
		testSubmitKilled(ctx, t, s, killer, d)
	})
}

func (p *postfixInstance) postfix(t *testing.T, verb string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "postfix", "-c", filepath.Join(p.dir, "conf"), verb).CombinedOutput(); err != nil {
		t.Fatalf("postfix %s: %v\n%s", verb, err, out)
	}
}

// vmHWM is a process's peak resident set, in bytes.
func vmHWM(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^VmHWM:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("no VmHWM in /proc/%d/status", pid)
	}
	n, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return n << 10
}

// testSubmitLarge sends a 10 MiB message to three recipients: postage
// submit's peak RSS must grow by less than the message's size (it streams
// through spool files; it never holds a copy, let alone one per recipient).
func testSubmitLarge(ctx context.Context, t *testing.T, s *submitSetup, d *daemon, port int) {
	const size = 10 << 20
	// Reset the peak to the current resident set (clear_refs 5).
	pid := d.cmd.Process.Pid
	if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0o200); err != nil {
		t.Fatalf("reset peak RSS: %v", err)
	}
	before := vmHWM(t, pid)
	var b strings.Builder
	b.WriteString(strings.ReplaceAll(clientMessage("large"), "\n", "\r\n"))
	line := strings.Repeat("0123456789abcdef", 4) + "\r\n" // 66 bytes
	for b.Len() < size {
		b.WriteString(line)
	}
	f := filepath.Join(s.dir, "large.eml")
	dcWriteFile(t, f, b.String(), 0o644)
	if out, err := swaksSubmit(ctx, port, "secret", f, "--silent", "2"); err != nil {
		t.Fatalf("swaks: %v\n%s", err, out)
	}
	s.up.waitSubject(t, "large", 1, "bob", "carol", "dave")
	after := vmHWM(t, pid)
	t.Logf("postage submit peak RSS: %d KiB before, %d KiB after a %d KiB message to 3 recipients (+%d KiB)", before>>10, after>>10, size>>10, (after-before)>>10)
	if after-before >= size {
		t.Errorf("peak RSS grew by %d KiB for a %d KiB message: it is not streamed", (after-before)>>10, size>>10)
	}
	lines := strings.Count(b.String(), line)
	for _, u := range []string{"bob", "carol", "dave"} {
		m := s.up.withSubject(u, "large")[0]
		if n := strings.Count(m, strings.TrimSuffix(line, "\r\n")+"\n"); n != lines {
			t.Errorf("%s's copy has %d of the %d body lines", u, n, lines)
		}
	}
}

// killerMilter kills the upstream Postfix (postfix abort) at the end of
// the data of a chosen message, before Postfix answers it: the upstream
// dies after accepting the copies before it.
type killerMilter struct {
	addr   string
	mu     sync.Mutex
	bodies int
	killAt int    // 0: disarmed
	conf   string // the Postfix to abort
	killed chan struct{}
}

func startKillerMilter(t *testing.T) *killerMilter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	k := &killerMilter{addr: "inet:" + ln.Addr().String(), killed: make(chan struct{}, 1)}
	srv := &milter.Server{NewMilter: func() milter.Milter { return &killerSession{k: k} },
		Protocol: milter.OptNoConnect | milter.OptNoHelo | milter.OptNoHeaders | milter.OptNoEOH}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return k
}

// arm makes the n-th message from now the one that kills conf's Postfix.
func (k *killerMilter) arm(conf string, n int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.conf, k.killAt = conf, k.bodies+n
}

type killerSession struct {
	milter.NoOpMilter
	k *killerMilter
}

func (s *killerSession) Body(m *milter.Modifier) (milter.Response, error) {
	k := s.k
	k.mu.Lock()
	k.bodies++
	kill := k.killAt != 0 && k.bodies == k.killAt
	if kill {
		k.killAt = 0
	}
	conf := k.conf
	k.mu.Unlock()
	if kill {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		exec.CommandContext(ctx, "postfix", "-c", conf, "abort").Run()
		cancel()
		k.killed <- struct{}{}
		time.Sleep(3 * time.Second) // Postfix's smtpd dies meanwhile: no reply
	}
	return milter.RespAccept, nil
}

// testSubmitKilled: the upstream dies after copy 2 of 3; then both it and
// postage submit restart (postage killed with SIGKILL). Alice's client logs
// in again, and every recipient ends up with exactly one copy.
func testSubmitKilled(ctx context.Context, t *testing.T, s *submitSetup, k *killerMilter, d *daemon) {
	d.stop()
	home := filepath.Join(s.dir, "killed")
	port := dcFreePort(t)
	s.senderConfig(t, home, s.proxySection(port, s.up.killPort))
	p := startDaemon(t, home, "submit")
	p.waitListening(loopback(port), 30*time.Second)
	k.arm(filepath.Join(s.up.dir, "conf"), 3)
	f := filepath.Join(s.dir, "killed.eml")
	dcWriteFile(t, f, strings.ReplaceAll(clientMessage("killed"), "\n", "\r\n"), 0o644)
	if out, err := swaksSubmit(ctx, port, "secret", f); err != nil {
		t.Fatalf("swaks: %v\n%s", err, out)
	}
	select {
	case <-k.killed:
	case <-time.After(90 * time.Second):
		t.Fatalf("the upstream was never killed:\n%s", p.out.String())
	}
	p.waitLog("delivery deferred", 30*time.Second)
	p.cmd.Process.Kill()
	<-p.done
	// Postfix back (its master may take a moment to go).
	for deadline := time.Now().Add(20 * time.Second); ; {
		out, err := exec.CommandContext(ctx, "postfix", "-c", filepath.Join(s.up.dir, "conf"), "start").CombinedOutput()
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("postfix start after abort: %v\n%s", err, out)
		}
		time.Sleep(300 * time.Millisecond)
	}
	dcWaitListening(t, loopback(s.up.killPort), 15*time.Second)
	// Copies 1 and 2 arrive (Postfix had queued them); copy 3 waits for a login.
	p2 := startDaemon(t, home, "submit")
	p2.waitListening(loopback(port), 30*time.Second)
	total := 0
	for deadline := time.Now().Add(20 * time.Second); total != 2 && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		total = 0
		for _, u := range []string{"bob", "carol", "dave"} {
			total += len(s.up.withSubject(u, "killed"))
		}
	}
	if total != 2 {
		t.Errorf("before alice logs in again: %d copies delivered, want the 2 accepted before the kill", total)
	}
	if out, err := swaksSubmit(ctx, port, "secret", "", "--quit-after", "AUTH"); err != nil {
		t.Fatalf("login: %v\n%s", err, out)
	}
	s.up.waitSubject(t, "killed", 1, "bob", "carol", "dave")
	time.Sleep(1500 * time.Millisecond) // and no second copy comes
	checkSubmitCopies(ctx, t, s.up.postfixInstance, s.mxHome, "killed", "dave@example.test")
}

// TestSubmitFilterPostfix is the organisation's outbound Postfix with
// postage submit --filter as its after-queue content filter, configured
// with exactly the lines --print-postfix-config prints: mail from two
// users, sent at once, is stamped with one deposit between them, and each
// recipient's copy is delivered and verifies.
func TestSubmitFilterPostfix(t *testing.T) {
	needSubmitTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir := t.TempDir()
	senderHome, mxHome := filepath.Join(dir, "sender"), filepath.Join(dir, "mx")
	for _, d := range []string{senderHome, mxHome} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	c := startShortChain(ctx, t, dir, time.Hour)
	fs := fundSender(ctx, t, c, senderHome, new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether)))
	chainCfg := fmt.Sprintf("[chain]\nrpc = %q\ncontract = %q\n", c.Endpoint(), c.Deployment().Contract.Hex())
	writeConfig(t, mxHome, "postage.toml", chainCfg+"\n[policy.work]\nbits = 8\n\n[policy.stake]\nmin_delay = \"1s\"\n")
	filterPort, reinjectPort, inPort := dcFreePort(t), dcFreePort(t), dcFreePort(t)
	writeConfig(t, senderHome, "postage.toml", chainCfg+fmt.Sprintf("keystore = %q\naccount = %q\npassword_file = %q\n",
		filepath.Join(senderHome, "keystore"), fs.addr.Hex(), fs.pass)+fmt.Sprintf(`
[policy.stake]
min_delay = "1s"

[send]
bits = 8
stake = true
tickets = false
batch_wait = "5s"

[submit]
filter_listen = "127.0.0.1:%d"
filter_reinject = "127.0.0.1:%d"
`, filterPort, reinjectPort))

	printed := string(runPostage(ctx, t, senderHome, nil, "submit", "--print-postfix-config"))
	masterPart, mainPart, ok := strings.Cut(printed, "# --- main.cf ---")
	if !ok {
		t.Fatalf("no main.cf part in:\n%s", printed)
	}
	master := []string{fmt.Sprintf("127.0.0.1:%d inet n - n - - smtpd", inPort)}
	master = append(master, strings.Split(strings.TrimSpace(masterPart), "\n")...)
	mainLines := append([]string{submitMailboxes, "message_size_limit = 52428800", "virtual_mailbox_limit = 104857600"}, strings.Split(strings.TrimSpace(mainPart), "\n")...)
	p := startPostfix(t, mainLines, master)

	d := startDaemon(t, senderHome, "submit", "--filter")
	d.waitListening(loopback(filterPort), 30*time.Second)
	dcWaitListening(t, loopback(reinjectPort), 15*time.Second)

	var wg sync.WaitGroup
	for _, user := range []string{"alice", "erin"} {
		f := filepath.Join(dir, user+".eml")
		msg := strings.ReplaceAll(clientMessage("filter "+user), "alice@", user+"@")
		dcWriteFile(t, f, strings.ReplaceAll(msg, "\n", "\r\n"), 0o644)
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := exec.CommandContext(ctx, "swaks", "--server", "127.0.0.1", "--port", strconv.Itoa(inPort),
				"--from", user+"@example.test", "--to", strings.Join(submitRcpts, ","), "--data", "@"+f, "--timeout", "60").CombinedOutput()
			if err != nil {
				t.Errorf("swaks as %s: %v\n%s", user, err, out)
			}
		}()
	}
	wg.Wait()
	var stamps []*stake.Stamp
	for _, user := range []string{"alice", "erin"} {
		p.waitSubject(t, "filter "+user, 1, "bob", "carol", "dave")
	}
	time.Sleep(time.Second)
	for _, user := range []string{"alice", "erin"} {
		stamps = append(stamps, checkSubmitCopies(ctx, t, p, mxHome, "filter "+user, "dave@example.test")...)
	}
	if len(stamps) != 6 {
		t.Fatalf("%d verified stamps, want 6", len(stamps))
	}
	for _, st := range stamps[1:] {
		if st.DepositID() != stamps[0].DepositID() {
			t.Errorf("the two users' copies are backed by more than one deposit: %x and %x", stamps[0].DepositID(), st.DepositID())
		}
	}
	if !regexp.MustCompile(`msg="batching deposits"`).MatchString(d.out.String()) {
		t.Errorf("postage submit --filter did not batch:\n%s", d.out.String())
	}
}
