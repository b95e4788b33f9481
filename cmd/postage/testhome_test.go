package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/milter/miltertest"
)

// Set-up shared by the tests that run real daemons beside postage.

// dcFreePort is a loopback port nothing listens on now.
var dcFreePort = freePort

// dcWriteFile writes a file with exactly mode (whatever the umask).
func dcWriteFile(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// dcWaitListening waits (at most within) until addr accepts connections.
func dcWaitListening(t *testing.T, addr string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("nothing listens on %s after %v: %v", addr, within, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// serveHome is a data directory for a postage serve (or chain, milter)
// run as a process: the embedded chain in <home>/chain on free loopback
// ports, 8-bit work stamps, and a fake MTA that files each copy under
// <home>/out/<recipient>.eml.
type serveHome struct {
	home, out, chainAddr, relayAddr, milterAddr string
}

// newServeHome makes home's out/ and its fake MTA, and picks the chain's,
// relay's and milter's addresses. With checkC the MTA fails unless its
// first arguments are "-C <out>" (send.sendmail as a command line).
func newServeHome(t *testing.T, home string, checkC bool) *serveHome {
	t.Helper()
	h := &serveHome{home: home, out: filepath.Join(home, "out")}
	if err := os.MkdirAll(h.out, 0o700); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\n"
	if checkC {
		script += "[ \"$1 $2\" = \"-C " + h.out + "\" ] || { echo \"want -C first: $*\" >&2; exit 1; }\n"
	}
	script += "for a; do last=$a; done\ncat > " + h.out + "/$last.eml\n"
	if err := os.WriteFile(h.sendmail(), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	h.chainAddr, h.relayAddr, h.milterAddr = loopback(freePort(t)), loopback(freePort(t)), loopback(freePort(t))
	return h
}

func (h *serveHome) sendmail() string { return filepath.Join(h.home, "fake-sendmail") }

// writeConfig writes home's postage.toml: the embedded chain (16 MiB
// min_free), work stamps counted (the default does not), stake for every
// recipient (the default, "auto", stakes only where the domain publishes
// a stake policy), the milter, metrics on metrics, the relay; send adds
// lines to [send] (sendmail first: the MTA's command line), extra adds
// sections.
func (h *serveHome) writeConfig(t *testing.T, sendmail, send, metrics, extra string) {
	t.Helper()
	writeConfig(t, h.home, "postage.toml", fmt.Sprintf(`[chain]
listen = %q
min_free = "16MiB"
[policy]
accept = ["allowlist", "stake", "work"]
[policy.work]
bits = 8
[send]
bits = 8
stake = "always"
sendmail = %q
%s[milter]
listen = "inet:%s"
[metrics]
listen = %q
[relay]
listen = %q
bits = 8
%s`, h.chainAddr, sendmail, send, h.milterAddr, metrics, h.relayAddr, extra))
}

// runResult is a postage command's outcome.
type runResult struct {
	code           int
	stdout, stderr string
}

// run runs postage args in home with stdin.
func (h *serveHome) run(ctx context.Context, stdin string, args ...string) runResult {
	cmd := postageCmd(ctx, args...)
	cmd.Env = append(cmd.Env, "POSTAGE_HOME="+h.home)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return runResult{procExitCode(err), out.String(), errb.String()}
}

var depositLine = regexp.MustCompile(`deposit (0x[0-9a-f]{64}) for \d+ recipients`)

// emlMessage reads a message file into a milter transaction for rcpt.
func emlMessage(t *testing.T, path, rcpt string) *miltertest.Message {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n\n")
	m := &miltertest.Message{From: "sender@example.net", Rcpts: []string{rcpt}, Body: strings.ReplaceAll(body, "\n", "\r\n")}
	for _, line := range strings.Split(head, "\n") {
		if (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) && len(m.Header) > 0 {
			m.Header[len(m.Header)-1].Value += "\r\n" + line
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("%s: bad header line %q", path, line)
		}
		m.Header = append(m.Header, miltertest.Field{Name: name, Value: strings.TrimPrefix(value, " ")})
	}
	return m
}

// workMessage is a milter transaction to rcpt with a fresh 8-bit work stamp
// (or stamp, when given); the stamp is its last header field.
func workMessage(t *testing.T, rcpt, stamp, subject string) (*miltertest.Message, string) {
	t.Helper()
	if stamp == "" {
		st, err := hashcash.Mint(context.Background(), rcpt, 8, nil)
		if err != nil {
			t.Fatal(err)
		}
		stamp = st.String()
	}
	return &miltertest.Message{From: "bob@example.net", Rcpts: []string{rcpt}, Header: []miltertest.Field{
		{Name: "From", Value: "bob@example.net"}, {Name: "To", Value: rcpt}, {Name: "Subject", Value: subject},
		{Name: "Message-ID", Value: "<" + strings.ReplaceAll(subject, " ", ".") + "@example.net>"}, {Name: "X-Hashcash", Value: stamp},
	}, Body: subject + "\r\n"}, stamp
}

// milterVerdict sends m through the milter at addr: its Postage-Result
// fields joined by "|", and the result.
func milterVerdict(t *testing.T, addr string, m *miltertest.Message) (string, *miltertest.Result) {
	t.Helper()
	s, err := miltertest.Dial("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatalf("milter: %v", err)
	}
	defer s.Close()
	res, err := s.Send(m)
	if err != nil {
		t.Fatalf("milter: %v", err)
	}
	return strings.Join(res.Added("Postage-Result"), "|"), res
}

// scriptState is what a custom command keeps for the rest of its script
// (scripts run in parallel): set stores it until the script ends.
type scriptState[T any] struct {
	mu sync.Mutex
	m  map[*testscript.TestScript]T
}

func (s *scriptState[T]) set(ts *testscript.TestScript, v T) {
	s.mu.Lock()
	if s.m == nil {
		s.m = map[*testscript.TestScript]T{}
	}
	s.m[ts] = v
	s.mu.Unlock()
	ts.Defer(func() {
		s.mu.Lock()
		delete(s.m, ts)
		s.mu.Unlock()
	})
}

// get is the script's value, or fails the script saying missing.
func (s *scriptState[T]) get(ts *testscript.TestScript, missing string) T {
	v, ok := s.lookup(ts)
	if !ok {
		ts.Fatalf("%s", missing)
	}
	return v
}

func (s *scriptState[T]) lookup(ts *testscript.TestScript) (T, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[ts]
	return v, ok
}

// writeSenderConfig writes the sender's postage.toml in home: c's chain
// and contract, fs's account, a 1s policy delay, 8-bit work stamps, stake
// for every recipient (the default, "auto", stakes only where the domain
// publishes a stake policy), a fake MTA at dir/sendmail filing each copy
// under out/<recipient>.eml, send's hold and batch_wait, a lifecycle tick
// of 1s, the milter on milter, no metrics.
func writeSenderConfig(t *testing.T, c *devnet.Chain, home string, fs fundedSender, dir, out, hold, batchWait, milter string) {
	t.Helper()
	sendmail := filepath.Join(dir, "sendmail")
	if err := os.WriteFile(sendmail, []byte("#!/bin/sh\nfor a; do last=$a; done\ncat > "+out+"/$last.eml\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeConfig(t, home, "postage.toml", fmt.Sprintf(`[chain]
rpc = %q
contract = %q
keystore = %q
account = %q
password_file = %q

[policy.stake]
min_delay = "1s"

[send]
bits = 8
stake = "always"
sendmail = %q
hold = %q
lifecycle_tick = "1s"
batch_wait = %q

[milter]
listen = %q

[metrics]
listen = ""
`, c.Endpoint(), c.Deployment().Contract.Hex(), filepath.Join(home, "keystore"), fs.addr.Hex(), fs.pass, sendmail, hold, batchWait, milter))
}

// waitSendSock waits (at most a minute) until serve opened home's send.sock.
func waitSendSock(t *testing.T, d *daemon, home string) {
	t.Helper()
	sock := filepath.Join(home, "send.sock")
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		if _, err := os.Stat(sock); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not open %s within a minute:\n%s", sock, d.out.String())
		}
	}
}
