package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Postfix of a test's own, for the tests on real Postfix (the flow through
// postage serve is testdata/postfix.txtar, with the startpostfix command).

func needPostfix(t *testing.T) {
	t.Helper()
	for _, bin := range []string{"postfix", "postconf", "swaks"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Fatalf("%s is not installed; install Postfix and swaks with:\n"+
				"  echo 'postfix postfix/main_mailer_type select Local only' | debconf-set-selections\n"+
				"  DEBIAN_FRONTEND=noninteractive apt-get install -y postfix swaks\n(.ci/setup does)", bin)
		}
	}
	if os.Geteuid() != 0 {
		t.Fatal("the Postfix test runs Postfix, which needs root (CI runs as root)")
	}
}

// postfixInstance is a Postfix of the test's own.
type postfixInstance struct {
	dir string
}

// startPostfix writes a configuration in a temporary directory: a base
// main.cf (loopback, no local delivery, virtual mailboxes for alice and
// bob of example.test in mbox files) plus mainLines, and a master.cf with
// the given smtpd services and the internal ones; then starts it and stops
// it when the test ends.
func startPostfix(t testing.TB, mainLines, smtpd []string) *postfixInstance {
	t.Helper()
	// Postfix refuses a queue directory its user cannot reach.
	dir, err := os.MkdirTemp("", "postage-postfix-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for _, d := range []string{"conf", "queue", "data", "mail"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if out, err := exec.CommandContext(ctx, args[0], args[1:]...).CombinedOutput(); err != nil {
			log, _ := os.ReadFile(filepath.Join(dir, "postfix.log"))
			t.Fatalf("%s: %v\n%s\npostfix.log:\n%s", strings.Join(args, " "), err, out, log)
		}
	}
	run("chown", "postfix", filepath.Join(dir, "data"))
	run("chown", "65534:65534", filepath.Join(dir, "mail"))
	main := []string{
		"compatibility_level = 3.6",
		"queue_directory = " + filepath.Join(dir, "queue"),
		"data_directory = " + filepath.Join(dir, "data"),
		"maillog_file = " + filepath.Join(dir, "postfix.log"),
		"maillog_file_prefixes = " + dir,
		"myhostname = mx.example.test",
		"mydomain = example.test",
		"myorigin = $myhostname",
		"mydestination =",
		"inet_interfaces = loopback-only",
		"inet_protocols = ipv4",
		"mynetworks = 127.0.0.0/8",
		"alias_maps =",
		"alias_database =",
		"local_transport = error:local delivery is off",
		"default_transport = error:no mail leaves this test",
		"virtual_mailbox_domains = example.test",
		"virtual_mailbox_base = " + filepath.Join(dir, "mail"),
		"virtual_mailbox_maps = inline:{ alice@example.test=alice, bob@example.test=bob }",
		"virtual_uid_maps = static:65534",
		"virtual_gid_maps = static:65534",
		"biff = no",
	}
	main = append(main, mainLines...)
	master := append(smtpd, []string{
		"cleanup unix n - n - 0 cleanup",
		"qmgr unix n - n 300 1 qmgr",
		"rewrite unix - - n - - trivial-rewrite",
		"bounce unix - - n - 0 bounce",
		"defer unix - - n - 0 bounce",
		"trace unix - - n - 0 bounce",
		"verify unix - - n - 1 verify",
		"proxymap unix - - n - - proxymap",
		"error unix - - n - - error",
		"retry unix - - n - - error",
		"discard unix - - n - - discard",
		"virtual unix - n n - - virtual",
		"anvil unix - - n - 1 anvil",
		"scache unix - - n - 1 scache",
		"postlog unix-dgram n - n - 1 postlogd",
		"showq unix n - n - - showq",
		"flush unix n - n 1000? 0 flush",
		"pickup unix n - n 60 1 pickup",
	}...)
	conf := filepath.Join(dir, "conf")
	if err := os.WriteFile(filepath.Join(conf, "main.cf"), []byte(strings.Join(main, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(conf, "master.cf"), []byte(strings.Join(master, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run("postfix", "-c", conf, "check")
	run("postfix", "-c", conf, "start")
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		exec.CommandContext(ctx, "postfix", "-c", conf, "stop").Run()
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(dir, "postfix.log"))
			t.Logf("postfix.log:\n%s", log)
		}
	})
	return &postfixInstance{dir: dir}
}

// send delivers msg over SMTP with swaks and checks the server's last
// reply to DATA (or earlier refusal) starts with want.
func (p *postfixInstance) send(t *testing.T, port int, rcpt string, msg []byte, want string) {
	t.Helper()
	f := filepath.Join(p.dir, "outgoing.eml")
	if err := os.WriteFile(f, msg, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, _ := exec.CommandContext(ctx, "swaks", "--server", "127.0.0.1", "--port", fmt.Sprint(port),
		"--from", "sender@example.net", "--to", rcpt, "--data", "@"+f, "--timeout", "50").CombinedOutput()
	// The reply that decided: the first non-2xx, else the reply to DATA's end.
	decided := ""
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "<** ") {
			decided = l[4:]
			break
		}
		if strings.HasPrefix(l, "<-  250 ") && strings.Contains(l, "queued as") {
			decided = l[4:]
		}
	}
	if !strings.HasPrefix(decided, want) {
		t.Fatalf("SMTP to port %d for %s: got %q, want %q\nswaks:\n%s", port, rcpt, decided, want, out)
	}
}

// waitMail waits (bounded) until user's mbox holds n messages and returns
// the last.
func (p *postfixInstance) waitMail(t *testing.T, user string, n int) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		b, _ := os.ReadFile(filepath.Join(p.dir, "mail", user))
		msgs := regexp.MustCompile(`(?m)^From `).FindAllIndex(b, -1)
		if len(msgs) == n {
			return string(b[msgs[n-1][0]:])
		}
		if len(msgs) > n {
			t.Fatalf("%s has %d messages, want %d:\n%s", user, len(msgs), n, b)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s has %d messages after 30s, want %d", user, len(msgs), n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
